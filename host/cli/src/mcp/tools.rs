//! `--mcp-server NAME=COMMAND`: another MCP server's tools as typed async
//! helpers `NAME.tool(args)` (code mode: one script calls several tools and
//! combines their results). The server is the operator's process, started
//! here and stopped with jsbox; what it says is still checked: its tools'
//! schemas go through the same bounds as any helper schema, its answers
//! through the helper limits, and every request it might never answer has a
//! deadline (start and listing here, calls the execution's own).

use std::process::Stdio;
use std::time::Duration;

use jsbox::{HelperError, HelperSchema, Helpers, Policy};
use rmcp::model::{CallToolRequestParams, CallToolResult, ContentBlock, PaginatedRequestParams, Tool};
use rmcp::service::{Peer, RunningService};
use rmcp::transport::async_rw::AsyncRwTransport;
use rmcp::{RoleClient, ServiceExt};
use serde_json::Value;

/// Longest message taken from an MCP server (rmcp drops longer lines).
const MAX_MESSAGE: usize = 16 << 20;
/// Pages of `tools/list` read, and tools taken, from one server.
const MAX_PAGES: usize = 100;
const MAX_TOOLS: usize = 1_000;
/// Longest error text taken from a tool's failure.
const MAX_ERROR: usize = 4096;

/// The started servers: dropping this stops them (each runs in a process
/// group of its own, so what a wrapper like `npx` started stops too).
pub(crate) struct McpServers {
    running: Vec<(RunningService<RoleClient, ()>, tokio::process::Child)>,
}

impl Drop for McpServers {
    fn drop(&mut self) {
        for (client, child) in self.running.drain(..) {
            // Closing the connection first lets a server end on its own.
            drop(client);
            if let Some(pid) = child.id().and_then(|pid| rustix::process::Pid::from_raw(pid as i32)) {
                let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::TERM);
            }
            // `kill_on_drop` then ends the group's leader for certain.
            drop(child);
        }
    }
}

/// `NAME=COMMAND` of `--mcp-server`.
pub(crate) fn parse(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, command)) if !name.is_empty() && !command.trim().is_empty() => {
            Ok((name.to_string(), command.to_string()))
        }
        _ => Err(format!("expected NAME=COMMAND (e.g. docs=\"npx -y some-mcp-server\"), got {text:?}")),
    }
}

/// Starts each server, lists its tools, and registers each as a helper
/// `NAME.tool` (visible to `policy`). Tools whose names cannot be helper
/// names, or whose schemas are refused, are left out with a warning.
///
/// With `exit_on_signal`, SIGINT or SIGTERM stops the servers and exits
/// (130): a command that does not handle signals itself would otherwise
/// leave them running in their own process groups.
pub(crate) async fn connect(
    servers: &[(String, String)],
    start_timeout: Duration,
    exit_on_signal: bool,
    helpers: &mut Helpers,
    policy: &mut Policy,
) -> Result<McpServers, String> {
    let mut started = McpServers { running: Vec::new() };
    for (name, command) in servers {
        let fail = |why: String| format!("--mcp-server {name}: {why}");
        // NAME is the namespace of the tools: a helper name's first part.
        if let Err(e) = Helpers::new().add_sync(&format!("{name}.tool"), |_| Ok(Value::Null)) {
            return Err(fail(format!("{name:?} cannot be a namespace of helpers ({e})")));
        }
        let mut child = tokio::process::Command::new("sh")
            .arg("-c")
            .arg(command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| fail(format!("cannot start {command:?}: {e}")))?;
        let (Some(stdout), Some(stdin)) = (child.stdout.take(), child.stdin.take()) else {
            return Err(fail("no pipes to the server".into()));
        };
        let transport = AsyncRwTransport::<RoleClient, _, _>::new(stdout, stdin).with_max_line_length(MAX_MESSAGE);
        let client = match tokio::time::timeout(start_timeout, ().serve(transport)).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => return Err(fail(format!("the MCP handshake failed: {e}"))),
            Err(_) => {
                return Err(fail(format!("no MCP handshake within {}", humantime::format_duration(start_timeout))));
            }
        };
        let tools = match tokio::time::timeout(start_timeout, list(client.peer())).await {
            Ok(Ok(tools)) => tools,
            Ok(Err(e)) => return Err(fail(format!("tools/list failed: {e}"))),
            Err(_) => return Err(fail(format!("no tool list within {}", humantime::format_duration(start_timeout)))),
        };
        let mut offered = 0;
        for tool in tools {
            match register(name, &tool, client.peer().clone(), helpers) {
                Ok(()) => offered += 1,
                Err(why) => tracing::warn!("--mcp-server {name}: tool {:?} is not offered: {why}", tool.name),
            }
        }
        if offered > 0 {
            *policy = std::mem::take(policy).allow_helper(&format!("{name}.*"));
        }
        tracing::info!("--mcp-server {name}: {offered} tools as helpers {name}.*");
        started.running.push((client, child));
    }
    if exit_on_signal && !started.running.is_empty() {
        let groups: Vec<u32> = started.running.iter().filter_map(|(_, child)| child.id()).collect();
        tokio::spawn(async move {
            crate::serve::shutdown_signal().await;
            for pid in groups.iter().filter_map(|pid| rustix::process::Pid::from_raw(*pid as i32)) {
                let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::TERM);
            }
            std::process::exit(130);
        });
    }
    Ok(started)
}

async fn list(peer: &Peer<RoleClient>) -> Result<Vec<Tool>, String> {
    let mut tools = Vec::new();
    let mut cursor = None;
    for _ in 0..MAX_PAGES {
        let request = cursor.take().map(|cursor| PaginatedRequestParams::default().with_cursor(Some(cursor)));
        let page = peer.list_tools(request).await.map_err(|e| e.to_string())?;
        tools.extend(page.tools);
        if tools.len() > MAX_TOOLS {
            return Err(format!("more than {MAX_TOOLS} tools"));
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(tools),
        }
    }
    Err(format!("more than {MAX_PAGES} pages of tools"))
}

/// A tool's name as one part of a helper name: characters a JavaScript
/// identifier cannot hold become `_` (`get-sum` → `get_sum`).
pub(crate) fn js_name(tool: &str) -> String {
    let mut name: String =
        tool.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '$' { c } else { '_' }).collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        name.insert(0, '_');
    }
    name
}

fn register(server: &str, tool: &Tool, peer: Peer<RoleClient>, helpers: &mut Helpers) -> Result<(), String> {
    let helper = format!("{server}.{}", js_name(&tool.name));
    if helpers.names().any(|name| name == helper) {
        return Err(format!("its helper name {helper} is taken by another tool"));
    }
    let tool_name = tool.name.to_string();
    let server_name = server.to_string();
    helpers
        .add_async(&helper, move |call| {
            let (peer, tool_name, server_name) = (peer.clone(), tool_name.clone(), server_name.clone());
            async move {
                let arguments = match call.args.into_iter().next() {
                    Some(Value::Object(arguments)) => arguments,
                    Some(Value::Null) | None => Default::default(),
                    Some(_) => {
                        return Err(
                            HelperError::new(format!("{} takes an object", call.name)).with_code("invalid-args")
                        );
                    }
                };
                let request = CallToolRequestParams::new(tool_name).with_arguments(arguments);
                match peer.call_tool(request).await {
                    Ok(result) => answer(result),
                    Err(e) => {
                        tracing::warn!("--mcp-server {server_name}: {} failed: {e}", call.name);
                        Err(HelperError::new(format!(
                            "the MCP server {server_name} did not answer: {}",
                            clip(&e.to_string())
                        ))
                        .with_code("unavailable"))
                    }
                }
            }
        })
        .map_err(|e| e.to_string())?;
    let mut schema = HelperSchema::new(Value::Object((*tool.input_schema).clone()));
    let description = match (&tool.title, &tool.description) {
        (Some(title), Some(text)) => Some(format!("{title}: {text}")),
        (title, text) => title.clone().or_else(|| text.as_ref().map(|t| t.to_string())),
    };
    if let Some(text) = description {
        schema = schema.with_description(text);
    }
    // An output schema describes the structured result, which is what the
    // script gets when there is one.
    if let Some(output) = &tool.output_schema {
        schema = schema.with_result(Value::Object((**output).clone()));
    }
    if let Err(e) = helpers.set_schema(&helper, schema) {
        helpers.remove(&helper);
        return Err(e.to_string());
    }
    Ok(())
}

/// A tool's answer as the script's value: its structured content if it has
/// some; else its one text (parsed when it is JSON); else its contents as a
/// list. A failure (`isError`) is a helper error with code `tool-error`.
pub(crate) fn answer(result: CallToolResult) -> Result<Value, HelperError> {
    let texts: Vec<&str> = result.content.iter().filter_map(|c| c.as_text().map(|t| t.text.as_str())).collect();
    if result.is_error == Some(true) {
        let message = if texts.is_empty() { "the tool failed".to_string() } else { clip(&texts.join("\n")) };
        return Err(HelperError::new(message).with_code("tool-error"));
    }
    if let Some(structured) = result.structured_content {
        return Ok(structured);
    }
    match result.content.as_slice() {
        [] => Ok(Value::Null),
        [ContentBlock::Text(text)] => {
            Ok(jsbox::json::from_str(&text.text).unwrap_or_else(|_| Value::String(text.text.clone())))
        }
        blocks => Ok(Value::Array(
            blocks
                .iter()
                .map(|block| match block.as_text() {
                    Some(text) => Value::String(text.text.clone()),
                    None => serde_json::to_value(block).unwrap_or(Value::Null),
                })
                .collect(),
        )),
    }
}

fn clip(text: &str) -> String {
    if text.len() <= MAX_ERROR {
        return text.to_string();
    }
    format!("{}… [clipped]", &text[..text.floor_char_boundary(MAX_ERROR)])
}
