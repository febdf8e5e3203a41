//! The `jsbox run` contract, run as a user would: the result on stdout, logs
//! and `error[<kind>]: <message>` on stderr, exit 0 / 1 (script) / 2 (usage).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use jsbox_tests::*;
use serde_json::{Value, json};

fn jsbox(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(jsbox_bin())
        .args(args)
        .env("JSBOX_CACHE_DIR", cache_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jsbox");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
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
