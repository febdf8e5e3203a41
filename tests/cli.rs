//! The `jsbox run` contract, run as a user would: the result on stdout, logs
//! and `error[<kind>]: <message>` on stderr, exit 0 / 1 (script) / 2 (usage).

use std::io::Write;
use std::process::{Command, Output};

use jsbox_tests::*;
use serde_json::{Value, json};

fn jsbox(args: &[&str], stdin: Option<&str>) -> Output {
    jsbox_with_env(args, stdin, &[])
}

fn jsbox_with_env(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    run_program(&jsbox_bin(), args, stdin.unwrap_or("").as_bytes(), env)
}

fn script_file(source: &str) -> tempfile::TempPath {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(source.as_bytes()).unwrap();
    file.into_temp_path()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn run_prints_the_result_on_stdout_and_logs_on_stderr() {
    let script =
        script_file("function execute(a) { log('working on', a.n); console.error('careful'); return { n: a.n * 2 } }");
    let out = jsbox(&["run", script.to_str().unwrap(), "--args", r#"{"n": 21}"#], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "{\"n\":42}\n");
    assert_eq!(text(&out.stderr), "working on 21\ncareful\n");
}

#[test]
fn args_default_to_an_empty_object() {
    let script = script_file("function execute(a) { return a }");
    let out = jsbox(&["run", script.to_str().unwrap()], None);
    assert_eq!(text(&out.stdout), "{}\n");
}

#[test]
fn the_script_can_come_from_stdin() {
    let out = jsbox(&["run", "-", "--args", "[1,2]"], Some("function execute(a) { return a.length }"));
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), "2\n".to_string()));
}

#[test]
fn stats_wrap_the_result() {
    let script = script_file("function execute() { return 'x' }");
    let out = jsbox(&["run", script.to_str().unwrap(), "--stats", "--fuel", "100000000"], None);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["result"], "x");
    let stats = value["stats"].as_object().unwrap();
    for key in ["fuel_used", "peak_memory", "wall_time_us", "http_requests"] {
        assert!(stats[key].is_u64(), "{key} in {value}");
    }
}

#[test]
fn a_script_failure_is_one_line_on_stderr_and_exit_1() {
    let cases = [
        ("function execute() {\n  return 1 +;\n}", "syntax", vec![]),
        ("function run() {}", "missing-execute", vec![]),
        ("function execute() { throw new Error('boom') }", "exception", vec![]),
        (
            "function execute() { const a = []; while (true) a.push(new Array(1000).fill(1)) }",
            "memory-limit",
            vec!["--memory", "16MiB"],
        ),
        ("function execute() { while (true) {} }", "fuel", vec!["--fuel", "1000000"]),
        ("function execute() { while (true) {} }", "timeout", vec!["--timeout", "200ms"]),
        (
            "async function execute() { return http.sendGetRequest({}, 'http://127.0.0.2:9/') }",
            "network-denied",
            vec![],
        ),
        ("function execute(a) { return a }", "invalid-args", vec!["--args", "{not json"]),
        ("function execute() { for (;;) log('x') }", "output-limit", vec!["--max-log-lines", "3"]),
        ("function execute() { return 'x'.repeat(100) }", "output-limit", vec!["--max-result-bytes", "64"]),
        ("function execute() { log('x'.repeat(100)) }", "output-limit", vec!["--max-log-bytes", "50"]),
        ("function execute() { return 1 }\0", "syntax", vec![]),
    ];
    for (source, kind, flags) in cases {
        let script = script_file(source);
        let mut args = vec!["run", script.to_str().unwrap()];
        args.extend(flags);
        let out = jsbox(&args, None);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {stderr}");
        assert!(out.stdout.is_empty(), "{kind}: stdout {:?}", text(&out.stdout));
        // The script's own log lines come first; the error is the one last line.
        let last = stderr.lines().last().unwrap_or_default();
        assert!(last.starts_with(&format!("error[{kind}]: ")), "{kind}: {stderr}");
        assert_eq!(stderr.lines().filter(|l| l.starts_with("error[")).count(), 1, "{kind}: {stderr}");
    }
}

#[test]
fn the_syntax_error_names_line_and_column() {
    let script = script_file("function execute() {\n  return 1 +;\n}");
    let out = jsbox(&["run", script.to_str().unwrap()], None);
    assert!(text(&out.stderr).contains("script.js:2:"), "{}", text(&out.stderr));
}

#[test]
fn usage_errors_exit_2() {
    let script = script_file("function execute() { return 1 }");
    let path = script.to_str().unwrap();
    for args in [
        vec!["run"],
        vec!["run", path, "--memory", "lots"],
        vec!["run", path, "--timeout", "soon"],
        vec!["run", path, "--fuel", "-1"],
        vec!["run", path, "--no-such-flag"],
        vec!["run", "/no/such/script.js"],
        vec!["run", path, "--allow-host", "http://example.com/"],
        vec!["frobnicate"],
        vec!["run", path, "--max-log-bytes", "much"],
        vec!["run", path, "--max-log-lines", "many"],
        // Valid flags, a policy the engine cannot grant: usage errors too.
        vec!["run", path, "--memory", "100GiB"],
        vec!["run", path, "--timeout", "0s"],
        vec!["bench", path, "--memory", "100GiB", "-n", "1"],
    ] {
        let out = jsbox(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}: says nothing");
    }
}

#[test]
fn a_script_that_is_not_utf8_is_a_usage_error() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"function execute() { return '\xff\xfe' }").unwrap();
    let path = file.into_temp_path();
    let out = jsbox(&["run", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not UTF-8"), "{}", text(&out.stderr));
}

#[test]
fn args_that_are_not_utf8_are_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let script = script_file("function execute(a) { return a }");
    let out = Command::new(jsbox_bin())
        .arg("run")
        .arg(script.to_str().unwrap())
        .arg("--args")
        .arg(std::ffi::OsStr::from_bytes(b"{\"s\": \"\xff\"}"))
        .env("JSBOX_CACHE_DIR", cache_dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("UTF-8"), "{}", text(&out.stderr));
}

#[test]
fn allow_host_lets_the_seed_example_reach_the_api() {
    let server = TestServer::start();
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/seed.js");
    let args = json!({"authHeader": TOKEN, "baseUrl": server.base()}).to_string();
    let denied = jsbox(&["run", seed.to_str().unwrap(), "--args", &args], None);
    let last = text(&denied.stderr).lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("error[network-denied]: host not allowed: 127.0.0.1"), "{last}");
    assert_eq!(denied.status.code(), Some(1));
    let out = jsbox(&["run", seed.to_str().unwrap(), "--args", &args, "--allow-host", &server.host()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["items"].as_array().unwrap().len(), 3);
    assert!(text(&out.stderr).contains("bcdr/device?_page=1"), "the seed logs its URL to stderr");
}

#[test]
fn a_policy_file_is_read_and_flags_override_it() {
    let policy = script_file(r#"{"memory": "16MiB", "fuel": 1000000}"#);
    let script = script_file("function execute() { while (true) {} }");
    let out = jsbox(&["run", script.to_str().unwrap(), "--policy", policy.to_str().unwrap()], None);
    assert!(text(&out.stderr).starts_with("error[fuel]: fuel budget of 1000000 "), "{}", text(&out.stderr));
    let out =
        jsbox(&["run", script.to_str().unwrap(), "--policy", policy.to_str().unwrap(), "--fuel", "2000000"], None);
    assert!(text(&out.stderr).starts_with("error[fuel]: fuel budget of 2000000 "), "{}", text(&out.stderr));
    let bad = script_file(r#"{"memroy": 1}"#);
    let out = jsbox(&["run", script.to_str().unwrap(), "--policy", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn network_flags_shape_the_policy() {
    let server = TestServer::start();
    let base = server.base();
    let count = script_file(
        "async function execute({ base }) { await fetch(base + 'slow/1'); try { await fetch(base + 'slow/1') } catch (e) { return e.kind } }",
    );
    let args = json!({"base": base}).to_string();
    let out = jsbox(
        &["run", count.to_str().unwrap(), "--args", &args, "--allow-host", &server.host(), "--max-requests", "1"],
        None,
    );
    assert_eq!(text(&out.stdout), "\"too-many-requests\"\n", "{}", text(&out.stderr));

    let fetch = script_file("async function execute({ url }) { return (await fetch(url)).status }");
    let url_args = json!({"url": format!("{base}slow/1")}).to_string();
    let fetch_with = |flags: &[&str]| {
        let mut args = vec!["run", fetch.to_str().unwrap(), "--args", &url_args];
        args.extend(flags);
        jsbox(&args, None)
    };
    let out = fetch_with(&["--allow-host", "*"]);
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error[network-denied]: host not allowed: 127.0.0.1"), "{stderr}");
    let out = fetch_with(&["--allow-host", &server.host(), "--allow-scheme", "https"]);
    assert!(text(&out.stderr).starts_with("error[network-denied]: scheme not allowed: http"), "{}", text(&out.stderr));
    let out = fetch_with(&["--allow-host", &server.host(), "--max-response-bytes", "1KiB"]);
    assert_eq!(text(&out.stdout), "200\n", "{}", text(&out.stderr));
    let out = jsbox(&["run", fetch.to_str().unwrap(), "--allow-scheme", "ftp"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(server.hits(), 2, "only the explicitly allowed requests arrived");
}

/// The operator's helper endpoint for `--helper NAME=URL`, on 127.0.0.1.
struct HelperEndpoint {
    base: String,
}

impl HelperEndpoint {
    fn start() -> HelperEndpoint {
        use axum::http::{HeaderMap, StatusCode};
        use axum::routing::post;
        async fn ok(headers: HeaderMap, body: String) -> axum::Json<Value> {
            let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
            axum::Json(json!({
                "received": serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
                "execution": header("x-jsbox-execution"),
                "contentType": header("content-type"),
            }))
        }
        let app = axum::Router::new()
            .route("/ok", post(ok))
            .route(
                "/fail",
                post(|| async {
                    (StatusCode::NOT_FOUND, axum::Json(json!({"error": "no such record", "code": "not-found"})))
                }),
            )
            .route("/text", post(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "plain failure text") }))
            .route("/empty", post(|| async { "" }))
            .route("/invalid", post(|| async { "not json {" }))
            .route(
                "/stall",
                post(|| async {
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    "late"
                }),
            );
        let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        runtime().spawn(async move { axum::serve(listener, app).await });
        HelperEndpoint { base }
    }

    fn flag(&self, name: &str, route: &str) -> String {
        format!("{name}={}/{route}", self.base)
    }
}

/// An address on 127.0.0.1 where nothing listens.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/helpers")
}

#[test]
fn helper_flags_make_async_helpers_served_by_an_endpoint() {
    let endpoint = HelperEndpoint::start();
    let script = script_file(
        "async function execute(a) { const p = db.query(a.sql, 2, undefined); return [p instanceof Promise, await p] }",
    );
    let flag = endpoint.flag("db.query", "ok");
    let out = jsbox(
        &["run", script.to_str().unwrap(), "--helper", &flag, "--args", r#"{"sql": "select 1"}"#, "--stats"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    let answer = &value["result"][1];
    assert_eq!(value["result"][0], true);
    assert_eq!(answer["received"], json!({"helper": "db.query", "args": ["select 1", 2, null]}));
    assert_eq!(answer["contentType"], "application/json");
    assert_eq!(answer["execution"], value["id"], "X-Jsbox-Execution carries the execution id");
    assert_eq!(value["stats"]["helper_calls"], 1);
}

#[test]
fn endpoint_failures_are_helper_errors() {
    let endpoint = HelperEndpoint::start();
    let down = format!("db.down={}", closed_port());
    let flags = [
        endpoint.flag("db.fail", "fail"),
        endpoint.flag("db.text", "text"),
        endpoint.flag("db.empty", "empty"),
        endpoint.flag("db.invalid", "invalid"),
        down,
    ];
    let script = script_file(
        r#"async function execute() {
            const out = [];
            for (const f of [db.fail, db.text, db.empty, db.invalid, db.down]) {
                try { out.push(["ok", await f()]) } catch (e) { out.push([e.kind, e.code, e.message]) }
            }
            return out;
        }"#,
    );
    let mut args = vec!["run", script.to_str().unwrap()];
    for flag in &flags {
        args.extend(["--helper", flag.as_str()]);
    }
    let out = jsbox(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result[0], json!(["helper", "not-found", "no such record"]));
    assert_eq!(result[1], json!(["helper", "http-500", "plain failure text"]));
    assert_eq!(result[2], json!(["ok", null]));
    assert_eq!(result[3][1], "invalid-answer");
    assert_eq!(result[4][1], "unavailable");
    assert!(
        !result[4][2].as_str().unwrap().contains("127.0.0.1"),
        "the endpoint's address is the operator's: {result}"
    );
}

#[test]
fn an_uncaught_endpoint_error_is_error_helper_and_exit_1() {
    let endpoint = HelperEndpoint::start();
    let script = script_file("async function execute() { return await db.fail(1) }");
    let out = jsbox(&["run", script.to_str().unwrap(), "--helper", &endpoint.flag("db.fail", "fail")], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "error[helper]: db.fail: no such record (code not-found)\n");
}

#[test]
fn a_stalled_endpoint_is_bounded_by_the_execution_deadline() {
    let endpoint = HelperEndpoint::start();
    let script = script_file("async function execute() { return await slow.call() }");
    let started = std::time::Instant::now();
    let flag = endpoint.flag("slow.call", "stall");
    let out = jsbox(&["run", script.to_str().unwrap(), "--helper", &flag, "--timeout", "500ms"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "error[timeout]: execution timed out after 500ms\n");
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn helper_endpoints_and_limits_can_come_from_a_policy_file() {
    let endpoint = HelperEndpoint::start();
    let policy = script_file(
        &json!({"helpers": {"endpoints": {"db.query": format!("{}/ok", endpoint.base)}, "max_calls": 1}}).to_string(),
    );
    let script = script_file(
        "async function execute() { await db.query(1); try { await db.query(2) } catch (e) { return e.code } }",
    );
    let out = jsbox(&["run", script.to_str().unwrap(), "--policy", policy.to_str().unwrap()], None);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "\"too-many-calls\"\n".to_string()),
        "{}",
        text(&out.stderr)
    );
    // A flag overrides the file.
    let out = jsbox(
        &["run", script.to_str().unwrap(), "--policy", policy.to_str().unwrap(), "--max-helper-calls", "5"],
        None,
    );
    assert_eq!(text(&out.stdout), "null\n", "{}", text(&out.stderr));
}

#[test]
fn bad_helper_flags_are_usage_errors() {
    let script = script_file("function execute() {}");
    for flag in [
        "db.query",
        "=http://127.0.0.1:1/",
        "db.query=ftp://x/",
        "JSON.x=http://127.0.0.1:1/",
        "a b=http://127.0.0.1:1/",
        // Globals of the sandbox the reserved list once missed.
        "CustomEvent=http://127.0.0.1:1/",
        "Performance.now=http://127.0.0.1:1/",
        "ReadableStream=http://127.0.0.1:1/",
        "self.x=http://127.0.0.1:1/",
    ] {
        let out = jsbox(&["run", script.to_str().unwrap(), "--helper", flag], None);
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", text(&out.stderr));
        let global =
            ["JSON", "CustomEvent", "Performance", "ReadableStream", "self"].iter().any(|g| flag.starts_with(g));
        if global {
            assert!(text(&out.stderr).starts_with("error[invalid-policy]: "), "{flag}: {}", text(&out.stderr));
            assert!(text(&out.stderr).contains("is a global of the sandbox"), "{flag}: {}", text(&out.stderr));
        }
    }
}

#[test]
fn secret_flags_take_the_value_from_the_environment() {
    let server = TestServer::start();
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/seed.js");
    let args = json!({"authHeader": "Bearer {{secrets.DATTO_TOKEN}}", "baseUrl": server.base()}).to_string();
    let secret = format!("DATTO_TOKEN@{}", server.host());
    let value = TOKEN.trim_start_matches("Bearer ");
    let flags = ["run", seed, "--args", &args, "--allow-host", &server.host(), "--secret", &secret];
    let out = jsbox_with_env(&flags, None, &[("DATTO_TOKEN", value)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["items"].as_array().map(Vec::len), Some(3));
    assert!(!text(&out.stderr).contains(value) && !text(&out.stdout).contains(value));

    // No such variable: a usage error naming it, never a run without the secret.
    let out = jsbox_with_env(&flags, None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("DATTO_TOKEN") && text(&out.stderr).contains("not set"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_secret_flags_are_usage_errors() {
    let script = script_file("function execute() {}");
    for (flag, env) in [
        ("DATTO_TOKEN", "x"),         // no hosts
        ("@api.example.com", "x"),    // no name
        ("BAD-NAME@127.0.0.1", "x"),  // not an identifier
        ("T@other.example.com", "x"), // a host the allow-list does not reach
    ] {
        let out = jsbox_with_env(
            &["run", script.to_str().unwrap(), "--allow-host", "127.0.0.1", "--secret", flag],
            None,
            &[("DATTO_TOKEN", env), ("T", env), ("BAD-NAME", env)],
        );
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", text(&out.stderr));
    }
}

#[test]
fn a_policy_file_can_carry_secrets() {
    let server = TestServer::start();
    let policy = script_file(
        &json!({"network": {"allow_hosts": [server.host()], "secrets": {"T": {"hosts": [server.host()], "value": "file-s3cret"}}}})
            .to_string(),
    );
    let script = script_file(
        "async function execute(a) { return (await http.sendPostRequest({ Authorization: secrets.T }, a.base + 'echo', {})).authorization }",
    );
    let args = json!({"base": server.base()}).to_string();
    let out = jsbox(&["run", script.to_str().unwrap(), "--policy", policy.to_str().unwrap(), "--args", &args], None);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "\"{{secrets.T}}\"\n".to_string()),
        "{}",
        text(&out.stderr)
    );
}

fn named_file(dir: &tempfile::TempDir, name: &str, source: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, source).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn typescript_by_extension_or_flag_and_modules_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let ts = named_file(&dir, "plugin.ts", "interface A { n: number }\nexport default (a: A): number => a.n * 2;\n");
    let out = jsbox(&["run", &ts, "--args", r#"{"n": 21}"#], None);
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), "42\n".to_string()), "{}", text(&out.stderr));
    // From stdin, TypeScript only when asked.
    let out = jsbox(&["run", "-", "--language", "typescript"], Some("function execute(): string { return 'ts' }"));
    assert_eq!(text(&out.stdout), "\"ts\"\n", "{}", text(&out.stderr));
    let out = jsbox(&["run", "-"], Some("function execute(): string { return 'ts' }"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error[syntax]: "), "{}", text(&out.stderr));
    // A syntax error in TypeScript names script.ts and its line.
    let bad = named_file(&dir, "bad.ts", "type T = number;\nenum E { A }\nexport default () => 1;\n");
    let out = jsbox(&["run", &bad], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("error[syntax]: ") && text(&out.stderr).contains("script.ts:2:1"),
        "{}",
        text(&out.stderr)
    );

    let lib = named_file(&dir, "lib.mjs", "export const chunk = (a, n) => [a.slice(0, n), a.slice(n)];\n");
    let sdk = named_file(&dir, "sdk.ts", "export function hello(name: string): string { return `hello ${name}` }\n");
    let script = named_file(
        &dir,
        "main.js",
        "import { chunk } from 'lodash';\nimport { hello } from '@acme/sdk';\nexport default () => [chunk([1, 2, 3], 1), hello('x')];\n",
    );
    let out =
        jsbox(&["run", &script, "--module", &format!("lodash={lib}"), "--module", &format!("@acme/sdk={sdk}")], None);
    assert_eq!(text(&out.stdout), "[[[1],[2,3]],\"hello x\"]\n", "{}", text(&out.stderr));
    // Without --module, the import names the specifier.
    let out = jsbox(&["run", &script], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Cannot find module 'lodash'"), "{}", text(&out.stderr));
    // Usage errors: a malformed flag, a missing file, a name that is a path.
    for flags in [
        vec!["--module", "lodash"],
        vec!["--module", "lodash=/nonexistent.js"],
        vec!["--module", &format!("./x={lib}")],
        vec!["--language", "cobol"],
    ] {
        let mut args = vec!["run", script.as_str()];
        args.extend(flags.iter().copied());
        let out = jsbox(&args, None);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", text(&out.stderr));
    }
}
