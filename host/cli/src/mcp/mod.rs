//! `jsbox mcp`: an MCP server (on the official Rust SDK, `rmcp`) with one
//! tool, `execute`, that runs a script in a fresh sandbox under the command
//! line's policy. The tool's description carries the TypeScript
//! declarations of everything the script may use (`jsbox types`), so a model
//! writes code against the platform's typed helpers; the result's first text
//! content is the JSON result, the script's log lines follow; a failure is
//! `isError: true` with `error[<kind>]: <message>`.
//!
//! Stdio by default; `--listen ADDR` serves Streamable HTTP at `/mcp` on a
//! loopback address (the Host header is checked against loopback names).

pub(crate) mod tools;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use jsbox::{Engine, Execution, Language, LogLevel, LogSink, Policy};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Value, json};

/// The one tool's name.
pub const TOOL: &str = "execute";

/// How the model is told to write scripts, before the declarations.
const ABOUT: &str = "Run JavaScript (or TypeScript) in a fresh, isolated jsbox sandbox and get its result as JSON. \
The code must define `execute(args)` (sync or async, or `export default`/`export function execute`); it receives \
`args` (default {}) and its awaited return value is the result. Use the platform's helpers below to reach its \
tools, and combine several calls in one script (Promise.all for concurrency). Each run starts from nothing: no \
state survives it. Limits on memory, time and network apply; `log(...)`/`console.log(...)` lines are returned after \
the result.";

/// `jsbox mcp`'s server: the engine, the policy, and the tool it offers.
#[derive(Clone)]
pub(crate) struct Server {
    engine: Arc<Engine>,
    policy: Arc<Policy>,
    tool: Arc<Tool>,
}

impl Server {
    /// A server running executions on `engine` under `policy`.
    pub(crate) fn new(engine: Arc<Engine>, policy: Policy) -> Result<Server, jsbox::Error> {
        let declarations = engine.typescript(&policy)?;
        let tool = execute_tool(&declarations);
        Ok(Server { engine, policy: Arc::new(policy), tool: Arc::new(tool) })
    }

    async fn execute(&self, arguments: Option<serde_json::Map<String, Value>>) -> CallToolResult {
        let input = match Input::parse(arguments.unwrap_or_default()) {
            Ok(input) => input,
            Err(message) => return failure("invalid-args", &message, Vec::new()),
        };
        let logs = Arc::new(Lines::default());
        let execution =
            Execution::new(input.code).args(input.args).language(input.language).logs(logs.clone() as Arc<dyn LogSink>);
        let outcome = self.engine.run(&self.policy, execution).await;
        let lines = logs.take();
        match outcome {
            Ok(outcome) => {
                let mut content = vec![ContentBlock::text(outcome.result.to_string())];
                if !lines.is_empty() {
                    content.push(ContentBlock::text(lines.join("\n")));
                }
                CallToolResult::success(content)
            }
            Err(e) => failure(e.kind(), &e.to_string(), lines),
        }
    }
}

/// The tool's input, checked.
struct Input {
    code: String,
    args: Value,
    language: Language,
}

impl Input {
    fn parse(mut arguments: serde_json::Map<String, Value>) -> Result<Input, String> {
        let code = match arguments.remove("code") {
            Some(Value::String(code)) => code,
            Some(_) => return Err("`code` must be a string".into()),
            None => return Err("`code` is required: the script, defining execute(args)".into()),
        };
        let args = match arguments.remove("args") {
            None | Some(Value::Null) => json!({}),
            Some(args @ Value::Object(_)) => args,
            Some(_) => return Err("`args` must be an object".into()),
        };
        let language = match arguments.remove("language") {
            None | Some(Value::Null) => Language::JavaScript,
            Some(Value::String(text)) if text == "javascript" => Language::JavaScript,
            Some(Value::String(text)) if text == "typescript" => Language::TypeScript,
            Some(_) => return Err("`language` must be \"javascript\" or \"typescript\"".into()),
        };
        if let Some(unknown) = arguments.keys().next() {
            return Err(format!("unknown field `{unknown}` (expected code, args, language)"));
        }
        Ok(Input { code, args, language })
    }
}

fn failure(kind: &str, message: &str, logs: Vec<String>) -> CallToolResult {
    let mut content = vec![ContentBlock::text(format!("error[{kind}]: {message}"))];
    if !logs.is_empty() {
        content.push(ContentBlock::text(logs.join("\n")));
    }
    CallToolResult::error(content)
}

/// The `execute` tool: its input schema, and the declarations in its
/// description.
pub(crate) fn execute_tool(declarations: &str) -> Tool {
    let schema = json!({
        "type": "object",
        "properties": {
            "code": {"type": "string", "description": "The script: defines execute(args) and returns the result."},
            "args": {"type": "object", "description": "The argument passed to execute (default {})."},
            "language": {"type": "string", "enum": ["javascript", "typescript"], "description": "Default javascript."}
        },
        "required": ["code"],
        "additionalProperties": false
    });
    let Value::Object(schema) = schema else { unreachable!("an object literal") };
    let description =
        format!("{ABOUT}\n\nEverything the script may use, as TypeScript declarations:\n\n```ts\n{declarations}```\n");
    Tool::new(TOOL, description, Arc::new(schema))
        .with_title("Run a script in a jsbox sandbox")
        .with_annotations(ToolAnnotations::new().read_only(false).destructive(false).open_world(true))
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("jsbox", env!("CARGO_PKG_VERSION")))
            .with_instructions(ABOUT)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(vec![(*self.tool).clone()]))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        (name == TOOL).then(|| (*self.tool).clone())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        if request.name.as_ref() != TOOL {
            return Err(ErrorData::invalid_params(
                format!("no tool {:?}: the one tool is {TOOL:?}", request.name),
                None,
            ));
        }
        // A cancelled request (or a closed session) drops the execution.
        tokio::select! {
            result = self.execute(request.arguments) => Ok(result.into()),
            _ = context.ct.cancelled() => Err(ErrorData::internal_error("cancelled", None)),
        }
    }
}

/// The script's log lines of one call (bounded by the policy's log limits).
#[derive(Default)]
struct Lines(Mutex<Vec<String>>);

impl Lines {
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl LogSink for Lines {
    fn log(&self, _level: LogLevel, message: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(message.to_string());
    }
}

/// Serves over stdio until the client closes it.
pub(crate) async fn serve_stdio(server: Server) -> Result<(), String> {
    let running = server.serve(rmcp::transport::stdio()).await.map_err(|e| format!("MCP over stdio: {e}"))?;
    running.waiting().await.map_err(|e| format!("MCP over stdio: {e}"))?;
    Ok(())
}

/// Serves Streamable HTTP at `/mcp` on a loopback `listen` address until
/// SIGINT or SIGTERM.
pub(crate) async fn serve_http(server: Server, listen: SocketAddr, addr_file: Option<PathBuf>) -> Result<(), String> {
    use rmcp::transport::streamable_http_server::{
        StreamableHttpServerConfig, StreamableHttpService, session::local::LocalSessionManager,
    };
    if !listen.ip().is_loopback() {
        return Err(format!(
            "--listen {listen}: jsbox mcp serves loopback addresses only (127.0.0.1, ::1); put a proxy with \
             authentication in front to serve others"
        ));
    }
    let stop = tokio_util::sync::CancellationToken::new();
    // Loopback Host names only (rmcp's default: DNS rebinding), and no
    // browser origin at all: a page the operator visits cannot reach it.
    let config =
        StreamableHttpServerConfig::default().with_cancellation_token(stop.child_token()).enforce_origin_validation();
    let service =
        StreamableHttpService::new(move || Ok(server.clone()), Arc::new(LocalSessionManager::default()), config);
    let app = axum::Router::new().nest_service("/mcp", service);
    let listener =
        tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    if let Some(path) = addr_file {
        std::fs::write(&path, bound.to_string()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    eprintln!("jsbox mcp: Streamable HTTP on http://{bound}/mcp");
    let shutdown = stop.clone();
    tokio::spawn(async move {
        crate::serve::shutdown_signal().await;
        shutdown.cancel();
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { stop.cancelled().await })
        .await
        .map_err(|e| format!("MCP over HTTP: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_input_is_checked_field_by_field() {
        let parse = |value: Value| Input::parse(value.as_object().cloned().unwrap_or_default()).map(|i| i.args);
        assert_eq!(parse(json!({"code": "x"})).unwrap(), json!({}));
        assert_eq!(parse(json!({"code": "x", "args": {"a": 1}, "language": "typescript"})).unwrap(), json!({"a": 1}));
        for (bad, why) in [
            (json!({}), "`code` is required"),
            (json!({"code": 1}), "`code` must be a string"),
            (json!({"code": "x", "args": [1]}), "`args` must be an object"),
            (json!({"code": "x", "language": "python"}), "`language` must be"),
            (json!({"code": "x", "extra": 1}), "unknown field `extra`"),
        ] {
            assert!(parse(bad).err().is_some_and(|e| e.contains(why)), "{why}");
        }
    }

    #[test]
    fn the_tool_carries_the_declarations() {
        let tool = execute_tool("declare const crm: {};\n");
        assert_eq!(tool.name, TOOL);
        assert!(tool.description.as_deref().is_some_and(|d| d.contains("```ts\ndeclare const crm: {};\n```")));
        assert_eq!(tool.input_schema["required"], json!(["code"]));
    }
}

/// What an MCP peer can send jsbox, for the fuzz target `mcp_messages`:
/// `data` as the `execute` tool's arguments, as a tool another server lists
/// (named, typed and registered as a helper), and as that tool's answer.
/// Never panics; the results are bounded.
#[doc(hidden)]
pub fn fuzz_message(data: &[u8]) {
    let Ok(value) = jsbox::json::from_slice::<Value>(data) else { return };
    if let Value::Object(arguments) = &value {
        let _ = Input::parse(arguments.clone());
    }
    if let Ok(tool) = serde_json::from_value::<Tool>(value.clone()) {
        let name = tools::js_name(&tool.name);
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$'), "{name}");
        let mut helpers = jsbox::Helpers::new();
        let schema = jsbox::HelperSchema::new(Value::Object((*tool.input_schema).clone()));
        if helpers.add_sync(&format!("fuzz.{name}"), |_| Ok(Value::Null)).is_ok() {
            let _ = helpers.set_schema(&format!("fuzz.{name}"), schema);
        }
    }
    if let Ok(result) = serde_json::from_value::<CallToolResult>(value) {
        if let Err(error) = tools::answer(result) {
            assert!(error.message.len() <= 8 << 10, "an error message is clipped");
        }
    }
}
