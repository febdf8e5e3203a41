//! Shared fixtures: one async runtime and one engine per test binary, a real
//! HTTP server on 127.0.0.1 (ephemeral port), and the `jsbox` CLI binary.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

pub use jsbox::{Engine, Error, MemorySink, Outcome, Policy};

/// The one runtime of a test binary: the engine's HTTP client pools
/// connections on it, so every test runs here.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::runtime::Builder::new_multi_thread().worker_threads(cores).enable_all().build().unwrap()
    })
}

/// Runs a test body on the shared runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// The compiled-guest cache the tests share (under the target dir, so tests
/// never write to the user's cache).
pub fn cache_dir() -> PathBuf {
    target_dir().join("jsbox-test-cache")
}

/// `target/release` (where the test binaries' `deps/` folder is).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.parent().and_then(|deps| deps.parent()).expect("target dir").to_path_buf()
}

/// An engine configuration for tests: the test cache, a small pool, and two
/// probe helpers (visible only to policies that allow `probe.*`):
/// `probe.echo(...args)` (sync) and `probe.echoAsync(...args)` (async)
/// return their arguments.
pub fn engine_config() -> jsbox::EngineConfig {
    let mut config = jsbox::EngineConfig::default();
    config.cache_dir = Some(cache_dir());
    config.max_concurrency = 64;
    config.helpers.add_sync("probe.echo", |call| Ok(Value::Array(call.args.clone()))).expect("probe.echo");
    config
        .helpers
        .add_async("probe.echoAsync", |call| async move { Ok(Value::Array(call.args)) })
        .expect("probe.echoAsync");
    add_probe_modules(&mut config.modules);
    config
}

/// Platform modules for tests, visible only to policies that allow
/// `probe/*` (see [`modules_policy`]).
pub fn add_probe_modules(modules: &mut jsbox::Modules) {
    let js = [
        (
            "probe/lib",
            "export function chunk(a, n) { const out = []; for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n)); return out }\nexport const name = 'lib';\nexport default function twice(x) { return 2 * x }\n",
        ),
        ("probe/uses-lib", "import { chunk } from 'probe/lib';\nexport const pairs = (a) => chunk(a, 2);\n"),
        (
            "probe/cycle-a",
            "import { b } from 'probe/cycle-b';\nexport const a = 'a';\nexport const both = () => a + b;\n",
        ),
        (
            "probe/cycle-b",
            "import { a } from 'probe/cycle-a';\nexport const b = 'b';\nexport const both = () => a + b;\n",
        ),
        ("probe/throws", "export const x = 1;\nthrow new Error('probe/throws failed while loading');\n"),
        ("probe/bad-syntax", "export const ok = 1;\nexport const x = ;\n"),
        ("probe/tla", "export const v = await new Promise((r) => setTimeout(() => r(7), 10));\n"),
        ("probe/state", "export let count = 0;\nexport function bump() { return ++count }\n"),
        ("probe/huge", &huge_module()),
    ];
    for (name, source) in js {
        modules.add(name, source).expect("a probe module");
    }
    modules
        .add_typescript(
            "probe/typed",
            "export interface Box { w: number; h: number }\nexport function area(b: Box): number { return b.w * b.h }\nexport const label = 'typed' as const;\n",
        )
        .expect("probe/typed");
    modules.add_typescript("probe/typed-enum", "export enum E { A, B }\n").expect("probe/typed-enum");
}

/// A module of ~6 MB (a large array literal).
fn huge_module() -> String {
    format!("export const data = [{}];\n", "1234567,".repeat(750_000))
}

/// The default policy with the probe modules visible.
pub fn modules_policy() -> Policy {
    Policy::default().allow_module("probe/*")
}

/// The engine shared by the tests of a binary (loading the guest is costly).
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(engine_config()).expect("engine"))
}

/// Runs a script with `args`, returning the result or error and the log lines.
pub fn run(policy: &Policy, script: &str, args: Value) -> (Result<Outcome, Error>, Vec<String>) {
    let logs = MemorySink::default();
    let out = block_on(engine().execute_with_logs(policy, script, args, Arc::new(logs.clone())));
    (out, logs.lines().into_iter().map(|(_, line)| line).collect())
}

/// Runs an [`jsbox::Execution`] on the shared engine.
pub fn run_execution(policy: &Policy, execution: jsbox::Execution) -> Result<Outcome, Error> {
    block_on(engine().run(policy, execution))
}

/// The result of a script that must succeed.
pub fn ok(policy: &Policy, script: &str, args: Value) -> Value {
    match run(policy, script, args).0 {
        Ok(out) => out.result,
        Err(e) => panic!("script failed: error[{}]: {e}", e.kind()),
    }
}

/// The error of a script that must fail.
pub fn err(policy: &Policy, script: &str, args: Value) -> Error {
    match run(policy, script, args).0 {
        Ok(out) => panic!("script succeeded with {} but should have failed", out.result),
        Err(e) => e,
    }
}

/// One conformance test file's subtests in jsbox (name → passed, message),
/// or the file's error: `prelude` (the harness and what the suite adds),
/// the file at the top level, and an `execute` that runs what it
/// registered (tests/conformance/harness.js's `runTests`).
pub fn run_harness(
    prelude: &str,
    file: &std::path::Path,
) -> Result<std::collections::BTreeMap<String, (bool, String)>, String> {
    let source = std::fs::read_to_string(file).unwrap();
    let script = format!("{prelude}\n{source}\nasync function execute() {{ return await runTests(); }}\n");
    let policy = Policy::default().memory(512 << 20).timeout(Duration::from_secs(120));
    let (outcome, _logs) = run(&policy, &script, json!({}));
    let results = outcome.map_err(|e| format!("error[{}]: {e}", e.kind()))?.result;
    let mut out = std::collections::BTreeMap::new();
    for result in results.as_array().ok_or("the harness returned no list")? {
        let name = result["name"].as_str().unwrap_or_default().to_string();
        let message = result["message"].as_str().unwrap_or_default().to_string();
        out.insert(name, (result["status"] == "PASS", message));
    }
    Ok(out)
}

/// The token the test API's `/bcdr/device` requires.
pub const TOKEN: &str = "Bearer test-token";

/// A local HTTP API for scripts to call.
pub struct TestServer {
    pub addr: SocketAddr,
    stats: Arc<ServerStats>,
}

#[derive(Default)]
struct ServerStats {
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    hits: AtomicUsize,
}

impl TestServer {
    /// Starts the API on 127.0.0.1 with an ephemeral port.
    pub fn start() -> TestServer {
        let stats = Arc::new(ServerStats::default());
        let app = Router::new()
            .route("/bcdr/device", get(devices))
            .route("/echo", any(echo))
            .route("/echo/{*rest}", any(echo))
            .route("/status/{code}", get(status))
            .route("/text", get(|| async { "plain text, not JSON" }))
            .route("/slow/{ms}", get(slow))
            .route("/redirect", any(redirect))
            .route("/bytes/{n}", get(bytes))
            .route("/count", post(count))
            .with_state(stats.clone());
        let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        runtime().spawn(async move { axum::serve(listener, app).await });
        TestServer { addr, stats }
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn base(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// `127.0.0.1:PORT`, for `allow_host`.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// A policy allowing exactly this server.
    pub fn policy(&self) -> Policy {
        Policy::default().allow_host(self.host())
    }

    /// The most `/slow` requests this server had in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.stats.max_in_flight.load(Ordering::SeqCst)
    }

    /// Requests this server received (any route that counts: `/slow`, `/count`).
    pub fn hits(&self) -> usize {
        self.stats.hits.load(Ordering::SeqCst)
    }
}

async fn devices(headers: HeaderMap, Query(query): Query<Vec<(String, String)>>) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(TOKEN) {
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "unauthorized"}))).into_response();
    }
    let query: serde_json::Map<String, Value> = query.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    Json(json!({"items": [{"id": 1}, {"id": 2}, {"id": 3}], "query": query})).into_response()
}

async fn echo(method: axum::http::Method, uri: axum::http::Uri, headers: HeaderMap, body: Bytes) -> Response {
    let text = String::from_utf8_lossy(&body).into_owned();
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let all: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(String::from_utf8_lossy(v.as_bytes()).into())))
        .collect();
    let reply = Json(json!({
        "method": method.as_str(),
        "uri": uri.to_string(),
        "contentType": header("content-type"),
        "authorization": header("authorization"),
        "headers": all,
        "body": text,
        "json": serde_json::from_str::<Value>(&text).ok(),
    }));
    // The Authorization header comes back as a response header too.
    match HeaderValue::from_str(&header("authorization")) {
        Ok(value) => ([("x-echoed-authorization", value)], reply).into_response(),
        Err(_) => reply.into_response(),
    }
}

async fn status(Path(code): Path<u16>) -> Response {
    let code = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, Json(json!({"error": format!("status {}", code.as_u16())}))).into_response()
}

async fn slow(State(stats): State<Arc<ServerStats>>, Path(ms): Path<u64>) -> Json<Value> {
    stats.hits.fetch_add(1, Ordering::SeqCst);
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_in_flight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    Json(json!({"slept": ms}))
}

/// `/redirect?to=URL[&code=307]`: a redirect (302 unless told otherwise).
async fn redirect(Query(query): Query<Vec<(String, String)>>) -> Response {
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let to = param("to").unwrap_or_default();
    let code = param("code").and_then(|c| c.parse().ok()).and_then(|c| StatusCode::from_u16(c).ok());
    Response::builder().status(code.unwrap_or(StatusCode::FOUND)).header("location", to).body(Body::empty()).unwrap()
}

async fn count(State(stats): State<Arc<ServerStats>>) -> &'static str {
    stats.hits.fetch_add(1, Ordering::SeqCst);
    "counted"
}

async fn bytes(Path(n): Path<usize>) -> String {
    "x".repeat(n)
}

/// The `jsbox` binary built next to this test binary (`make build` builds it).
pub fn jsbox_bin() -> PathBuf {
    let bin = target_dir().join(format!("jsbox{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} is missing: run `make build` (or `make test`) first", bin.display());
    bin
}

/// Runs `program args` to completion, as a user would from a shell: `stdin`
/// written then closed, stdout and stderr captured, `env` set, and the
/// tests' artifact cache as `JSBOX_CACHE_DIR`.
pub fn run_program(
    program: &std::path::Path,
    args: &[&str],
    stdin: &[u8],
    env: &[(&str, &str)],
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .env("JSBOX_CACHE_DIR", cache_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()));
    let mut input = child.stdin.take().expect("piped stdin");
    input.write_all(stdin).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("wait for the program")
}

/// A TCP server on 127.0.0.1 (ephemeral port) that hands every connection to
/// `serve`: for servers that break HTTP on purpose.
pub struct RawServer {
    pub addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl RawServer {
    /// Starts the server; `serve` runs once per accepted connection.
    pub fn start<F, Fut>(serve: F) -> RawServer
    where
        F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        runtime().spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream));
            }
        });
        RawServer { addr, connections }
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn base(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// A policy allowing exactly this server.
    pub fn policy(&self) -> Policy {
        Policy::default().allow_host(self.addr.to_string())
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Reads one request head (up to the blank line) and returns it; empty if
/// the peer closed first.
pub async fn read_request_head(stream: &mut tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// The text of every file under `base` whose name ends in `.ext`, by path
/// relative to `base` (with `/`), in order: for tests that read the
/// repository itself (the library's layers, the book).
pub fn files_under(base: &std::path::Path, ext: &str) -> std::collections::BTreeMap<String, String> {
    fn walk(
        dir: &std::path::Path,
        base: &std::path::Path,
        ext: &str,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                walk(&path, base, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(base, base, ext, &mut out);
    out
}
