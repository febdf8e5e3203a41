//! Code mode, run as a user (and an agent) would: typed helpers from the
//! command line (`--helper-schema`), the declarations a model reads
//! (`jsbox types`, checked with `tsc`), `jsbox mcp` driven by the official
//! MCP client SDK over stdio and Streamable HTTP, another MCP server's tools
//! as helpers (`--mcp-server`, against the reference "everything" server),
//! and MCP servers that hang, flood, die or lie.
//!
//! The npm packages come from tests/mcp/package.json (`make mcp-deps`, part
//! of `make test`); every server here listens on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jsbox_tests::*;
use serde_json::{Value, json};

fn jsbox(args: &[&str]) -> Output {
    run_program(&jsbox_bin(), args, b"", &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn file(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

/// tests/mcp, with its npm packages installed.
fn mcp_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("mcp");
    assert!(
        dir.join("node_modules/@modelcontextprotocol/sdk").is_dir(),
        "tests/mcp/node_modules is missing: run `make mcp-deps` (make test does)"
    );
    dir
}

/// The reference MCP server, as an `--mcp-server` command.
fn everything() -> String {
    let server = mcp_dir().join("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    format!("node {} stdio", server.display())
}

fn hostile(mode: &str) -> String {
    format!("node {} {mode}", mcp_dir().join("hostile-server.mjs").display())
}

/// An operator endpoint for `--helper`, counting the calls that reach it.
struct Endpoint {
    base: String,
    calls: Arc<AtomicUsize>,
}

impl Endpoint {
    fn start() -> Endpoint {
        use axum::routing::post;
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = calls.clone();
        let app = axum::Router::new()
            .route(
                "/lookup",
                post(move |body: String| {
                    let counted = counted.clone();
                    async move {
                        counted.fetch_add(1, Ordering::SeqCst);
                        let call: Value = serde_json::from_str(&body).unwrap_or_default();
                        let id = call["args"][0]["id"].clone();
                        axum::Json(json!({"id": id, "name": "Ada", "devices": 3}))
                    }
                }),
            )
            .route("/wrong", post(|| async { axum::Json(json!({"id": "not a number"})) }));
        let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        runtime().spawn(async move { axum::serve(listener, app).await });
        Endpoint { base, calls }
    }
}

const LOOKUP_SCHEMA: &str = r#"{
  "description": "Looks a customer up by id.",
  "input": {"type": "object", "properties": {"id": {"type": "integer", "description": "The customer's id."}},
            "required": ["id"], "additionalProperties": false},
  "result": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
             "devices": {"type": "integer"}}, "required": ["id", "name"]}
}"#;

#[test]
fn helper_schema_checks_arguments_before_the_endpoint_sees_them() {
    let endpoint = Endpoint::start();
    let dir = tempfile::tempdir().unwrap();
    let schema = file(dir.path(), "lookup.json", LOOKUP_SCHEMA);
    let script = file(
        dir.path(),
        "s.js",
        "async function execute() {
           const good = await crm.lookup({ id: 7 });
           const bad = await crm.lookup({ id: 'seven' }).catch((e) => [e.kind, e.code, e.message]);
           const extra = await crm.lookup({ id: 1, admin: true }).catch((e) => e.code);
           const two = await crm.lookup({ id: 1 }, 2).catch((e) => e.code);
           return { good, bad, extra, two };
         }",
    );
    let helper = format!("crm.lookup={}/lookup", endpoint.base);
    let out = jsbox(&["run", &script, "--helper", &helper, "--helper-schema", &format!("crm.lookup={schema}")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["good"], json!({"id": 7, "name": "Ada", "devices": 3}));
    assert_eq!(result["bad"][0], "helper");
    assert_eq!(result["bad"][1], "invalid-args");
    let message = result["bad"][2].as_str().unwrap();
    assert!(message.starts_with("invalid argument at /id:"), "{message}");
    assert_eq!(result["extra"], "invalid-args");
    assert_eq!(result["two"], "invalid-args");
    assert_eq!(endpoint.calls.load(Ordering::SeqCst), 1, "only the valid call reached the endpoint");
}

#[test]
fn a_result_that_breaks_its_schema_is_invalid_result_and_uncaught_it_fails_the_run() {
    let endpoint = Endpoint::start();
    let dir = tempfile::tempdir().unwrap();
    let schema = file(dir.path(), "lookup.json", LOOKUP_SCHEMA);
    let script = file(dir.path(), "s.js", "async function execute() { return await crm.lookup({ id: 1 }) }");
    let helper = format!("crm.lookup={}/wrong", endpoint.base);
    let out = jsbox(&["run", &script, "--helper", &helper, "--helper-schema", &format!("crm.lookup={schema}")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error[helper]: crm.lookup: the helper's result at /: \"name\" is a required property"),
        "{stderr}"
    );
    assert!(stderr.contains("(code invalid-result)"), "{stderr}");
}

#[test]
fn bad_helper_schemas_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(dir.path(), "s.js", "function execute() { return 1 }");
    let cases = [
        ("not json", "cannot read the schema of helper crm.lookup"),
        (r#"{"input": {"type": 12}}"#, "not a valid JSON Schema"),
        (r#"{"input": {}, "color": "red"}"#, "unknown field"),
        (
            r##"{"input": {"$ref": "#/$defs/n", "$defs": {"n": {"properties": {"a": {"allOf": [{"$ref": "#/$defs/n"}, {"$ref": "#/$defs/n"}]}}}}}}"##,
            "more than once at the same place",
        ),
        (r#"{"input": {"$ref": "http://127.0.0.1:9/schema.json"}}"#, "not a pointer into the schema itself"),
    ];
    for (schema, expected) in cases {
        let schema = file(dir.path(), "schema.json", schema);
        let out = jsbox(&[
            "run",
            &script,
            "--helper",
            "crm.lookup=http://127.0.0.1:9/h",
            "--helper-schema",
            &format!("crm.lookup={schema}"),
        ]);
        assert_eq!(out.status.code(), Some(2), "{expected}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(expected), "{expected}: {}", text(&out.stderr));
    }
    let schema = file(dir.path(), "schema.json", "{}");
    let out = jsbox(&["run", &script, "--helper-schema", &format!("crm.lookup={schema}")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not an endpoint"), "{}", text(&out.stderr));
}

/// `tsc --noEmit --strict` over the declarations and a script: its errors.
fn tsc(declarations: &str, script: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    file(dir.path(), "jsbox.d.ts", declarations);
    let script = file(dir.path(), "script.ts", script);
    let out = Command::new("node")
        .arg(mcp_dir().join("node_modules/typescript/bin/tsc"))
        .args(["--noEmit", "--strict", "--target", "es2022", "--lib", "es2023"])
        .arg(dir.path().join("jsbox.d.ts"))
        .arg(&script)
        .output()
        .expect("node runs tsc");
    (out.status.success(), text(&out.stdout) + &text(&out.stderr))
}

#[test]
fn types_prints_declarations_a_script_type_checks_against() {
    let dir = tempfile::tempdir().unwrap();
    let schema = file(dir.path(), "lookup.json", LOOKUP_SCHEMA);
    let out = jsbox(&[
        "types",
        "--helper",
        "crm.lookup=http://127.0.0.1:9/h",
        "--helper-schema",
        &format!("crm.lookup={schema}"),
        "--helper",
        "audit.write=http://127.0.0.1:9/h",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let declarations = text(&out.stdout);
    for expected in [
        "declare function log(...values: unknown[]): void;",
        "declare const http: {",
        "declare function fetch(",
        "declare const crm: {",
        "/** Looks a customer up by id. */",
        "/** The customer's id. */",
        "audit: {",
    ] {
        assert!(declarations.contains(expected), "{expected} in\n{declarations}");
    }
    let good = "async function execute(args: { id: number }) {
        const customer = await crm.lookup({ id: args.id });
        log('found', customer.name, customer.devices ?? 0);
        await audit.write('looked up', customer.id);
        const page = await http.sendGetRequest({ Authorization: 'x' }, 'https://api.example.com/');
        const response = await fetch(new URL('https://api.example.com/'), { headers: { a: 'b' } });
        const bytes = new TextEncoder().encode(btoa(customer.name.toUpperCase()));
        return { name: customer.name, page, ok: response.ok, n: bytes.length, id: crypto.randomUUID() };
    }
    export {};";
    let (ok, errors) = tsc(&declarations, good);
    assert!(ok, "a correct script type-checks:\n{errors}");
    let wrong = "async function execute() {
        const customer = await crm.lookup({ id: 'seven' });
        return customer.email;
    }
    export {};";
    let (ok, errors) = tsc(&declarations, wrong);
    assert!(!ok, "a wrong script does not");
    assert!(errors.contains("Type 'string' is not assignable to type 'number'"), "{errors}");
    assert!(errors.contains("Property 'email' does not exist"), "{errors}");
}

/// Runs the MCP client over `transport` (the `jsbox mcp` command, or a URL).
fn mcp_client(calls: &Value, transport: &[&str]) -> Value {
    let out = Command::new("node")
        .arg(mcp_dir().join("client.mjs"))
        .args(["--calls", &calls.to_string()])
        .args(transport)
        .stdin(Stdio::null())
        .output()
        .expect("node runs the MCP client");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn execute_call(code: &str, args: Value) -> Value {
    json!({"name": "execute", "arguments": {"code": code, "args": args}})
}

#[test]
fn jsbox_mcp_serves_the_execute_tool_to_a_real_client_over_stdio() {
    let endpoint = Endpoint::start();
    let dir = tempfile::tempdir().unwrap();
    let schema = file(dir.path(), "lookup.json", LOOKUP_SCHEMA);
    let helper = format!("crm.lookup={}/lookup", endpoint.base);
    let jsbox = jsbox_bin();
    let calls = json!([
        execute_call(
            "async function execute({ id }) { const c = await crm.lookup({ id }); log('found', c.name); return { name: c.name, devices: c.devices } }",
            json!({"id": 4})
        ),
        {"name": "execute", "arguments": {"code": "function execute(): number { return 6 * 7 }", "language": "typescript"}},
        execute_call("function execute() { log('before'); throw new TypeError('nope') }", json!({})),
        execute_call("async function execute() { return await crm.lookup({ id: 'x' }) }", json!({})),
        {"name": "execute", "arguments": {"args": {}}},
        execute_call("function execute() { while (true) {} }", json!({})),
    ]);
    let schema_flag = format!("crm.lookup={schema}");
    let answer = mcp_client(
        &calls,
        &[
            "--",
            jsbox.to_str().unwrap(),
            "mcp",
            "--helper",
            &helper,
            "--helper-schema",
            &schema_flag,
            "--timeout",
            "1s",
        ],
    );
    assert_eq!(answer["server"]["name"], "jsbox");
    let tools = answer["tools"].as_array().unwrap();
    assert_eq!(tools.len(), 1);
    assert_eq!(tools[0]["name"], "execute");
    assert_eq!(tools[0]["inputSchema"]["required"], json!(["code"]));
    let description = tools[0]["description"].as_str().unwrap();
    assert!(description.contains("declare const crm: {") && description.contains("Looks a customer up by id."));
    let results = answer["results"].as_array().unwrap();
    let texts = |i: usize| -> Vec<String> {
        results[i]["content"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(results[0]["isError"], false);
    assert_eq!(serde_json::from_str::<Value>(&texts(0)[0]).unwrap(), json!({"name": "Ada", "devices": 3}));
    assert_eq!(texts(0)[1], "found Ada");
    assert_eq!(texts(1), ["42"]);
    assert_eq!(results[2]["isError"], true);
    assert!(texts(2)[0].starts_with("error[exception]: TypeError: nope"), "{:?}", texts(2));
    assert_eq!(texts(2)[1], "before");
    assert!(texts(3)[0].starts_with("error[helper]: crm.lookup: invalid argument at /id:"), "{:?}", texts(3));
    assert!(texts(4)[0].starts_with("error[invalid-args]: `code` is required"), "{:?}", texts(4));
    assert!(texts(5)[0].starts_with("error[timeout]:"), "{:?}", texts(5));
    assert_eq!(endpoint.calls.load(Ordering::SeqCst), 1);
}

/// A `jsbox mcp --listen` process, killed when dropped.
struct Listening {
    child: std::process::Child,
    url: String,
}

impl Drop for Listening {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn listen(extra: &[&str]) -> Listening {
    let dir = tempfile::tempdir().unwrap().keep();
    let addr_file = dir.join("addr");
    let child = Command::new(jsbox_bin())
        .args(["mcp", "--listen", "127.0.0.1:0", "--addr-file", addr_file.to_str().unwrap()])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut listening = Listening { child, url: String::new() };
    for _ in 0..200 {
        if let Ok(addr) = std::fs::read_to_string(&addr_file) {
            if !addr.is_empty() {
                listening.url = format!("http://{addr}/mcp");
                return listening;
            }
        }
        if let Ok(Some(status)) = listening.child.try_wait() {
            panic!("jsbox mcp --listen exited: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("jsbox mcp --listen did not write its address");
}

#[test]
fn jsbox_mcp_serves_streamable_http_on_loopback() {
    let server = listen(&[]);
    let calls = json!([
        execute_call("function execute({ n }) { console.log('n is', n); return [n, btoa('ok')] }", json!({"n": 5})),
        execute_call("function execute() { return fetch('http://127.0.0.1:9/') }", json!({})),
    ]);
    let answer = mcp_client(&calls, &["--url", &server.url]);
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results[0]["content"][0]["text"], "[5,\"b2s=\"]");
    assert_eq!(results[0]["content"][1]["text"], "n is 5");
    assert_eq!(results[1]["isError"], true);
    let denied = results[1]["content"][0]["text"].as_str().unwrap();
    assert!(denied.starts_with("error["), "{denied}");
    // A Host header that is not loopback is refused (DNS rebinding).
    let port = server.url.trim_start_matches("http://127.0.0.1:").split('/').next().unwrap().to_string();
    let refused = block_on(async move {
        let mut stream = tokio::net::TcpStream::connect(format!("127.0.0.1:{port}")).await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
        let request = format!(
            "POST /mcp HTTP/1.1\r\nHost: evil.example.com\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    });
    assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
}

#[test]
fn jsbox_mcp_listens_on_loopback_only() {
    let out = jsbox(&["mcp", "--listen", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("loopback addresses only"), "{}", text(&out.stderr));
}

#[test]
fn another_mcp_servers_tools_are_typed_helpers_one_script_combines() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(
        dir.path(),
        "s.js",
        "async function execute() {
           const [echo, sum, weather] = await Promise.all([
             everything.echo({ message: 'hi' }),
             everything.get_sum({ a: 2, b: 3.5 }),
             everything.get_structured_content({ location: 'Chicago' }),
           ]);
           const bad = await everything.get_sum({ a: 'x', b: 1 }).catch((e) => [e.code, e.message]);
           return { echo, sum, weather: typeof weather.temperature, bad };
         }",
    );
    let server = format!("everything={}", everything());
    let out = jsbox(&["run", &script, "--mcp-server", &server]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["echo"], "Echo: hi");
    assert_eq!(result["sum"], "The sum of 2 and 3.5 is 5.5.");
    assert_eq!(result["weather"], "number");
    assert_eq!(result["bad"][0], "invalid-args", "checked against the tool's inputSchema before the call");
    assert!(result["bad"][1].as_str().unwrap().contains("at /a:"), "{}", result["bad"]);
    let types = jsbox(&["types", "--mcp-server", &server]);
    assert_eq!(types.status.code(), Some(0), "{}", text(&types.stderr));
    let declarations = text(&types.stdout);
    assert!(declarations.contains("declare const everything: {"), "{declarations}");
    assert!(declarations.contains("get_sum: (args: {"), "{declarations}");
}

#[test]
fn mcp_servers_that_hang_babble_or_exit_at_start_are_usage_errors_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(dir.path(), "s.js", "function execute() { return 1 }");
    // A server that never completes the handshake is given up on at the
    // deadline (the bound here only says the run did not hang).
    for (mode, timeout, expected) in [
        ("silent", "1s", "no MCP handshake within 1s"),
        ("garbage", "1s", "no MCP handshake within 1s"),
        ("exit", "30s", "handshake failed"),
        ("pages", "30s", "more than 100 pages of tools"),
    ] {
        let started = std::time::Instant::now();
        let server = format!("h={}", hostile(mode));
        let out = jsbox(&["run", &script, "--mcp-server", &server, "--mcp-start-timeout", timeout]);
        assert_eq!(out.status.code(), Some(2), "{mode}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(expected), "{mode}: {}", text(&out.stderr));
        assert!(started.elapsed() < Duration::from_secs(60), "{mode} took {:?}", started.elapsed());
    }
    let out = jsbox(&["run", &script, "--mcp-server", "h=/nonexistent/server", "--mcp-start-timeout", "30s"]);
    assert_eq!(out.status.code(), Some(2));
    // The name is the tools' namespace: an identifier, not a global.
    for name in ["my-docs", "JSON", "fetch"] {
        let out = jsbox(&["run", &script, "--mcp-server", &format!("{name}={}", hostile("tools"))]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(text(&out.stderr).contains("cannot be a namespace of helpers"), "{name}: {}", text(&out.stderr));
    }
}

#[test]
fn a_hostile_mcp_servers_tools_fail_as_typed_errors_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(
        dir.path(),
        "s.js",
        "async function execute() {
           const settle = (p) => p.then((v) => ['ok', v], (e) => [e.code, String(e.message).length < 5000]);
           const names = Object.keys(h).sort();
           return {
             names,
             ok: await settle(h.ok({ text: 'fine' })),
             bad: await settle(h.bad_answer({})),
             fails: await settle(h.fails({})),
             flood: await settle(Promise.race([h.flood({}), new Promise((r) => setTimeout(() => r('still waiting'), 300))])),
             hang: await settle(Promise.race([h.hang({}), new Promise((r) => setTimeout(() => r('still waiting'), 300))])),
             recovered: await settle(h.ok({ text: 'after the flood' })),
             die: await settle(h.die({})),
             after: await settle(h.ok({ text: 'again' })),
           };
         }",
    );
    let server = format!("h={}", hostile("tools"));
    let out = jsbox(&["run", &script, "--mcp-server", &server, "--timeout", "5s"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    // a-b and a_b collide (one is offered), __proto__/constructor cannot be
    // names, bomb and huge-enum have schemas that are refused.
    let names = result["names"].as_array().unwrap();
    assert!(names.contains(&json!("a_b")) && names.contains(&json!("ok")), "{names:?}");
    for refused in ["__proto__", "constructor", "bomb", "huge_enum"] {
        assert!(!names.contains(&json!(refused)), "{refused} in {names:?}");
    }
    assert_eq!(result["ok"], json!(["ok", "fine"]));
    assert_eq!(result["bad"][0], "unavailable");
    assert_eq!(result["fails"], json!(["tool-error", true]));
    assert_eq!(result["flood"], json!(["ok", "still waiting"]), "an oversized answer is dropped, not buffered");
    assert_eq!(result["hang"], json!(["ok", "still waiting"]));
    // The connection survived the 20 MiB line (dropped, not buffered or fatal).
    assert_eq!(result["recovered"], json!(["ok", "after the flood"]));
    assert_eq!(result["die"][0], "unavailable");
    assert_eq!(result["after"][0], "unavailable", "the server is gone");
    let stderr = text(&out.stderr);
    for warned in ["\"__proto__\"", "\"bomb\"", "\"huge-enum\"", "taken by another tool"] {
        assert!(stderr.contains(warned), "{warned} in {stderr}");
    }
}

#[test]
fn a_tool_that_never_answers_ends_with_the_executions_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(dir.path(), "s.js", "async function execute() { return await h.hang({}) }");
    let server = format!("h={}", hostile("tools"));
    let out = jsbox(&["run", &script, "--mcp-server", &server, "--timeout", "500ms"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).ends_with("error[timeout]: execution timed out after 500ms\n"), "{}", text(&out.stderr));
}

#[test]
fn the_books_code_mode_example_runs_the_seeds_flow_through_jsbox_mcp() {
    mcp_dir();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(root.join("scripts/run-mcp.sh")).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let devices: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(devices.as_array().map(Vec::len), Some(3), "{devices}");
    assert_eq!(devices[0], json!({"name": "backup-appliance-1", "model": "S3B2000", "online": true}));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("declare const bcdr: {") && stderr.contains("logs: 3 devices"), "{stderr}");
}
