//! `jsbox compile`: a script as a standard WASI 0.2 component, run with the
//! plain `wasmtime` CLI of the crate's version (`make wasmtime-cli` installs
//! it into target/tools/; `make test` and `make component-test` do that
//! first), exactly as a user would: args as JSON on stdin, the result on
//! stdout, `error[<kind>]: <message>` on stderr and exit 1. And `jsbox run`
//! of a compiled file, under a policy.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use jsbox_tests::*;
use serde_json::{Value, json};

/// The `wasmtime` CLI: `$JSBOX_WASMTIME`, else target/tools/bin/wasmtime.
fn wasmtime_bin() -> PathBuf {
    let bin = std::env::var_os("JSBOX_WASMTIME").map(PathBuf::from).unwrap_or_else(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository root");
        repo.join("target/tools/bin/wasmtime")
    });
    assert!(bin.exists(), "{} is missing: run `make wasmtime-cli` (make test does)", bin.display());
    bin
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `program args`, with `stdin`, to completion.
fn run(program: &Path, args: &[&str], stdin: &str) -> Output {
    run_program(program, args, stdin.as_bytes(), &[])
}

fn wasmtime(args: &[&str], stdin: &str) -> Output {
    run(&wasmtime_bin(), args, stdin)
}

/// A directory for one test's files.
fn workdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Compiles `source` (written to DIR/NAME) with `extra` flags; the output
/// path and the command's output.
fn compile_in(dir: &Path, name: &str, source: &str, extra: &[&str]) -> (PathBuf, Output) {
    let script = dir.join(name);
    std::fs::write(&script, source).unwrap();
    let wasm = script.with_extension("wasm");
    let mut args = vec!["compile", script.to_str().unwrap(), "-o", wasm.to_str().unwrap()];
    args.extend(extra);
    let out = run(&jsbox_bin(), &args, "");
    (wasm, out)
}

/// Compiles `source`, which must succeed.
fn compile(dir: &Path, name: &str, source: &str, extra: &[&str]) -> PathBuf {
    let (wasm, out) = compile_in(dir, name, source, extra);
    assert_eq!(out.status.code(), Some(0), "jsbox compile {name}: {}", text(&out.stderr));
    assert!(wasm.exists());
    wasm
}

/// `wasmtime run [flags] WASM` with `stdin`: (exit code, stdout, stderr).
/// Without wasmtime's compilation cache, which would keep every test
/// component in ~/.cache.
fn wasmtime_run(wasm: &Path, flags: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut args = vec!["run", "-C", "cache=n"];
    args.extend(flags);
    args.push(wasm.to_str().unwrap());
    let out = wasmtime(&args, stdin);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// The test API, shared by the tests of this file.
fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

#[test]
fn the_seed_example_compiled_runs_under_wasmtime_with_http() {
    let dir = workdir();
    let seed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/seed.js")).unwrap();
    let wasm = compile(dir.path(), "seed.js", &seed, &[]);
    let args = json!({"authHeader": TOKEN, "baseUrl": server().base()}).to_string();
    let (code, stdout, stderr) = wasmtime_run(&wasm, &["-S", "http"], &args);
    assert_eq!(code, Some(0), "{stderr}");
    // The API answers only with the right Authorization header: it arrived.
    let result: Value = serde_json::from_str(&stdout).expect(&stdout);
    assert_eq!(result["items"].as_array().map(Vec::len), Some(3), "{stdout}");
    assert_eq!(result["query"]["_perPage"], "100");
    assert!(stdout.ends_with('\n'));
    // The script's log line goes to stderr.
    assert!(stderr.contains("bcdr/device?_page=1"), "{stderr}");

    let wrong = json!({"authHeader": "Bearer wrong", "baseUrl": server().base()}).to_string();
    let (code, stdout, stderr) = wasmtime_run(&wasm, &["-S", "http"], &wrong);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.lines().any(|l| l.starts_with("error[exception]: ") && l.contains("401")), "{stderr}");
}

#[test]
fn empty_stdin_is_an_empty_object_and_bad_json_is_invalid_args() {
    let dir = workdir();
    let wasm = compile(dir.path(), "echo.js", "function execute(args) { return { args, type: typeof args } }", &[]);
    let (code, stdout, _) = wasmtime_run(&wasm, &[], "");
    assert_eq!((code, stdout.as_str()), (Some(0), "{\"args\":{},\"type\":\"object\"}\n"));
    let (code, stdout, _) = wasmtime_run(&wasm, &[], "  [1, \"two\"]\n");
    assert_eq!((code, stdout.as_str()), (Some(0), "{\"args\":[1,\"two\"],\"type\":\"object\"}\n"));
    let (code, stdout, stderr) = wasmtime_run(&wasm, &[], "{not json");
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.starts_with("error[invalid-args]: "), "{stderr}");
}

#[test]
fn invoke_calls_execute_with_json_text() {
    let dir = workdir();
    let wasm = compile(dir.path(), "double.js", "async function execute({ n }) { return { n: n * 2 } }", &[]);
    let out = wasmtime(&["run", "-C", "cache=n", "--invoke", r#"execute("{\"n\": 21}")"#, wasm.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), r#"ok("{\"n\":42}")"#);

    let failing = compile(dir.path(), "throw.js", "function execute() { throw new TypeError('no') }", &[]);
    let out = wasmtime(&["run", "-C", "cache=n", "--invoke", r#"execute("{}")"#, failing.to_str().unwrap()], "");
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("err({kind: exception, message: \"TypeError: no\""), "{stdout}");
}

#[test]
fn a_syntax_error_fails_the_compile_with_its_position() {
    let dir = workdir();
    let (wasm, out) = compile_in(dir.path(), "broken.js", "function execute() {\n  return 1 +;\n}", &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error[syntax]: SyntaxError: ") && stderr.contains("script.js:2:"), "{stderr}");
    assert!(!wasm.exists(), "no output for a script that does not compile");

    // A module's too, and a TypeScript enum (not erasable).
    let (_, out) = compile_in(
        dir.path(),
        "main.js",
        "import x from 'lib'; export default () => x;",
        &["--module", &format!("lib={}", write(dir.path(), "lib.js", "export default 1 +;"))],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error[syntax]: "), "{}", text(&out.stderr));
    let (_, out) = compile_in(dir.path(), "enum.ts", "enum Color { Red }\nfunction execute() { return 1 }", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[syntax]") && text(&out.stderr).contains("enum"), "{}", text(&out.stderr));
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn failures_print_their_kind_and_exit_1() {
    let dir = workdir();
    let cases = [
        ("function execute(a) { throw new Error('boom ' + a.x) }", "exception", "Error: boom 5"),
        ("async function execute() { await null; throw new RangeError('late') }", "exception", "RangeError: late"),
        ("function run() { return 1 }", "missing-execute", "could not be found"),
        ("function execute() { return new Promise(() => {}) }", "exception", "can never settle"),
        ("function execute() { return 1n }", "exception", "not JSON-serializable"),
    ];
    for (i, (source, kind, message)) in cases.into_iter().enumerate() {
        let wasm = compile(dir.path(), &format!("case{i}.js"), source, &[]);
        let (code, stdout, stderr) = wasmtime_run(&wasm, &[], r#"{"x": 5}"#);
        assert_eq!((code, stdout.as_str()), (Some(1), ""), "{source}: {stderr}");
        let prefix = format!("error[{kind}]: ");
        assert!(stderr.starts_with(&prefix) && stderr.contains(message), "{source}: {stderr}");
    }
}

#[test]
fn logs_go_to_stderr_in_order_and_never_into_the_result() {
    let dir = workdir();
    let wasm = compile(
        dir.path(),
        "logs.js",
        "function execute() { log('one', 1); console.info('two'); console.error('three'); return 'done' }",
        &[],
    );
    let (code, stdout, stderr) = wasmtime_run(&wasm, &[], "");
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "\"done\"\n", "one 1\ntwo\nthree\n"));
}

#[test]
fn timers_fire_in_order_and_wait_for_real() {
    let dir = workdir();
    let wasm = compile(
        dir.path(),
        "timers.js",
        "async function execute() {
           const t0 = performance.now(), order = [];
           const cleared = setTimeout(() => order.push('cleared'), 5);
           clearTimeout(cleared);
           setTimeout(() => order.push('c'), 60);
           setTimeout(() => order.push('a'), 10);
           await new Promise(resolve => setTimeout(() => { order.push('b'); resolve() }, 30));
           await new Promise(resolve => setTimeout(resolve, 50));
           return { order, waited: performance.now() - t0 }
         }",
        &[],
    );
    let (code, stdout, stderr) = wasmtime_run(&wasm, &[], "");
    assert_eq!(code, Some(0), "{stderr}");
    let result: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["order"], json!(["a", "b", "c"]));
    assert!(result["waited"].as_f64().unwrap() >= 80.0, "{result}");
}

#[test]
fn requests_run_concurrently() {
    let dir = workdir();
    let wasm = compile(
        dir.path(),
        "parallel.js",
        "async function execute({ base }) {
           const replies = await Promise.all([1, 2, 3, 4, 5].map(i => fetch(base + 'slow/400?i=' + i).then(r => r.json())));
           const posted = await http.sendPostRequest({ 'Content-Type': 'application/json' }, base + 'echo', { hi: 1 });
           return { replies, posted: posted.json }
         }",
        &[],
    );
    let started = Instant::now();
    let (code, stdout, stderr) = wasmtime_run(&wasm, &["-S", "http"], &json!({"base": server().base()}).to_string());
    assert_eq!(code, Some(0), "{stderr}");
    let result: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        result["replies"],
        json!([{"slept": 400}, {"slept": 400}, {"slept": 400}, {"slept": 400}, {"slept": 400}])
    );
    assert_eq!(result["posted"], json!({"hi": 1}));
    // All five were in the server at once.
    assert!(server().max_in_flight() >= 5, "at most {} at once", server().max_in_flight());
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn redirects_are_followed_and_statuses_come_through() {
    let dir = workdir();
    let wasm = compile(
        dir.path(),
        "redirect.js",
        "async function execute({ base }) {
           const moved = await fetch(base + 'redirect?to=' + encodeURIComponent(base + 'echo/landed'));
           const missing = await fetch(base + 'status/404');
           return { url: moved.url, uri: (await moved.json()).uri, redirected: moved.redirected, status: missing.status, text: missing.statusText }
         }",
        &[],
    );
    let (code, stdout, stderr) = wasmtime_run(&wasm, &["-S", "http"], &json!({"base": server().base()}).to_string());
    assert_eq!(code, Some(0), "{stderr}");
    let result: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["url"], format!("{}echo/landed", server().base()));
    assert_eq!(result["uri"], "/echo/landed");
    assert_eq!((result["status"].clone(), result["text"].clone()), (json!(404), json!("Not Found")));
}

#[test]
fn a_memory_bomb_stops_at_wasmtimes_memory_limit() {
    let dir = workdir();
    let wasm = compile(
        dir.path(),
        "bomb.js",
        "function execute() { const hoard = []; for (;;) hoard.push('x'.repeat(1 << 16) + hoard.length) }",
        &[],
    );
    let started = Instant::now();
    let (code, stdout, stderr) = wasmtime_run(&wasm, &["-W", "max-memory-size=33554432"], "");
    assert_eq!((code, stdout.as_str()), (Some(1), ""), "{stderr}");
    assert!(stderr.contains("out of memory"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn an_endless_loop_stops_at_wasmtimes_timeout_or_fuel() {
    let dir = workdir();
    // The top level runs when the component runs, not when it is compiled.
    let wasm = compile(dir.path(), "spin.js", "for (;;) {}\nfunction execute() { return 1 }", &[]);
    let (code, stdout, _) = wasmtime_run(&wasm, &["-W", "timeout=500ms"], "");
    assert_ne!(code, Some(0));
    assert_eq!(stdout, "");
    let (code, _, stderr) = wasmtime_run(&wasm, &["-W", "fuel=100000000"], "");
    assert_ne!(code, Some(0));
    assert!(stderr.contains("fuel"), "{stderr}");
}

#[test]
fn without_http_in_the_component_a_request_is_a_catchable_denial() {
    let dir = workdir();
    let source = "async function execute({ url }) {
                    try { await fetch(url); return 'reached' } catch (e) { return 'caught ' + e.message }
                  }";
    let wasm = compile(dir.path(), "offline.js", source, &["--no-http"]);
    // No `-S http` needed: the component imports no network interface.
    let (code, stdout, stderr) =
        wasmtime_run(&wasm, &[], &json!({"url": format!("{}count", server().base())}).to_string());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("\"caught ") && stdout.contains("no network access"), "{stdout}");
    let uncaught =
        compile(dir.path(), "uncaught.js", "async function execute({ url }) { await fetch(url) }", &["--no-http"]);
    let (code, _, stderr) = wasmtime_run(&uncaught, &[], &json!({"url": server().base()}).to_string());
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with("error[network-denied]: "), "{stderr}");

    // A script that never names the network gets no wasi:http by default...
    let quiet = compile(dir.path(), "quiet.js", "function execute() { return 7 }", &[]);
    assert_eq!(wasmtime_run(&quiet, &[], "").1, "7\n");
    // ...one that does needs `-S http`, or wasmtime refuses to start it.
    let networked = compile(dir.path(), "networked.js", source, &[]);
    let (code, _, stderr) = wasmtime_run(&networked, &[], &json!({"url": server().base()}).to_string());
    assert_ne!(code, Some(0));
    assert!(stderr.contains("wasi:http"), "{stderr}");
    let (code, stdout, stderr) =
        wasmtime_run(&networked, &["-S", "http"], &json!({"url": "http://127.0.0.1:1/"}).to_string());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("caught") && stdout.contains("connection refused"), "{stdout}");
}

#[test]
fn modules_and_typescript_are_compiled_in() {
    let dir = workdir();
    let lib = write(dir.path(), "greet.ts", "export function greet(name: string): string { return `hi ${name}` }");
    let wasm = compile(
        dir.path(),
        "main.ts",
        "import { greet } from 'greet';\ninterface Args { name: string }\nexport default async function (args: Args) {\n  const later = await import('greet');\n  return [greet(args.name), later.greet('again')];\n}",
        &["--module", &format!("greet={lib}")],
    );
    let (code, stdout, stderr) = wasmtime_run(&wasm, &[], r#"{"name": "ada"}"#);
    assert_eq!((code, stdout.as_str()), (Some(0), "[\"hi ada\",\"hi again\"]\n"), "{stderr}");
    // A TypeScript runtime error points at the line in the .ts source.
    let failing =
        compile(dir.path(), "fail.ts", "type T = number;\nfunction execute(): T {\n  throw new Error('x');\n}", &[]);
    let (_, _, stderr) = wasmtime_run(&failing, &[], "");
    assert!(stderr.starts_with("error[exception]: Error: x"), "{stderr}");
}

#[test]
fn jsbox_run_runs_a_compiled_component_under_its_policy() {
    let dir = workdir();
    let seed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/seed.js")).unwrap();
    let wasm = compile(dir.path(), "seed.js", &seed, &[]);
    let args = json!({"authHeader": TOKEN, "baseUrl": server().base()}).to_string();
    let wasm_arg = wasm.to_str().unwrap();
    // The policy denies the host (no --allow-host): the request never leaves.
    let out = run(&jsbox_bin(), &["run", wasm_arg, "--args", &args], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[network-denied]: "), "{}", text(&out.stderr));
    // Allowed, it runs as the script would.
    let out = run(&jsbox_bin(), &["run", wasm_arg, "--args", &args, "--allow-host", &server().host()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["items"].as_array().map(Vec::len), Some(3));
    // Other limits apply too.
    let bomb = compile(
        dir.path(),
        "bomb.js",
        "function execute() { const a = []; for (;;) a.push('x'.repeat(4096) + a.length) }",
        &[],
    );
    let out = run(&jsbox_bin(), &["run", bomb.to_str().unwrap(), "--memory", "16MiB"], "");
    assert!(text(&out.stderr).starts_with("error[memory-limit]: "), "{}", text(&out.stderr));
    // Modules travel inside the component.
    let lib = write(dir.path(), "lib.js", "export const answer = 42;");
    let with_module = compile(
        dir.path(),
        "uses.js",
        "import { answer } from 'lib'; export default () => answer;",
        &["--module", &format!("lib={lib}")],
    );
    let out = run(&jsbox_bin(), &["run", with_module.to_str().unwrap()], "");
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), "42\n".to_string()), "{}", text(&out.stderr));
}

/// Hostile inputs at the new surfaces: the script and modules `jsbox
/// compile` bakes in, the args a component reads from stdin, and the
/// section `jsbox run` trusts to be a script.
#[test]
fn hostile_inputs_to_compile_and_to_compiled_components_reach_nothing() {
    let dir = workdir();
    // The top level does not run at compile time: nothing of it can reach
    // the machine that compiles (no request, no endless loop).
    let started = Instant::now();
    let sneaky = compile(
        dir.path(),
        "sneaky.js",
        &format!("fetch('{}slow/1');\nfor (;;) {{}}\nfunction execute() {{ return 1 }}", server().base()),
        &[],
    );
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(sneaky.exists());
    let hits = server().hits();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server().hits(), hits, "compiling made a request");

    // Things a script might try inside the component.
    let probes = compile(
        dir.path(),
        "probes.js",
        "async function execute() {
           const out = {};
           for (const name of ['process', 'require', 'Deno', 'WebAssembly', 'std', 'os']) out[name] = typeof globalThis[name];
           try { await import('fs'); out.fs = 'imported' } catch (e) { out.fs = e.name }
           try { await import('./jsbox-bundle') } catch (e) { out.relative = e.name }
           try { crm.lookup(1) } catch (e) { out.helper = e.name }
           return out
         }",
        &["--no-http"],
    );
    let (code, stdout, stderr) = wasmtime_run(&probes, &[], "");
    assert_eq!(code, Some(0), "{stderr}");
    let result: Value = serde_json::from_str(&stdout).unwrap();
    for name in ["process", "require", "Deno", "WebAssembly", "std", "os"] {
        assert_eq!(result[name], "undefined", "{name}: {result}");
    }
    assert_eq!((result["fs"].clone(), result["relative"].clone()), (json!("TypeError"), json!("TypeError")));
    assert_eq!(result["helper"], "ReferenceError");

    // Args: huge, deeply nested, not UTF-8 — a clear error or a result, never a hang.
    let echo = compile(dir.path(), "len.js", "function execute(a) { return JSON.stringify(a).length }", &[]);
    let (code, stdout, _) = wasmtime_run(&echo, &[], &format!("\"{}\"", "x".repeat(4 << 20)));
    assert_eq!((code, stdout.trim()), (Some(0), ((4 << 20) + 2).to_string().as_str()));
    // Nesting deeper than QuickJS's stack budget: a RangeError, given the Wasm
    // stack jsbox gives its guest; under wasmtime's default (512 KiB) the
    // native stack runs out first and wasmtime traps: contained either way.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (code, _, stderr) = wasmtime_run(&echo, &["-W", "max-wasm-stack=8388608"], &nested);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("error[invalid-args]: ") && stderr.contains("RangeError"), "{stderr}");
    let (code, stdout, _) = wasmtime_run(&echo, &[], &nested);
    assert!(code.is_some_and(|code| code != 0) && stdout.is_empty());
    let out = run_program(&wasmtime_bin(), &["run", "-C", "cache=n", echo.to_str().unwrap()], b"\"\xff\xfe\"", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error[invalid-args]: "), "{}", text(&out.stderr));

    // Module names jsbox refuses are refused at compile time too.
    let lib = write(dir.path(), "lib.js", "export default 1;");
    for bad in ["../lib", "https://evil.example/x.js", "node:fs", "script.js"] {
        let (_, out) =
            compile_in(dir.path(), "m.js", "export default () => 1;", &["--module", &format!("{bad}={lib}")]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", text(&out.stderr));
        assert!(text(&out.stderr).starts_with("error[invalid-policy]: "), "{bad}: {}", text(&out.stderr));
    }

    // `jsbox run` reads only what `jsbox compile` writes, and treats it as an untrusted script.
    let not_ours = dir.path().join("plain.wasm");
    std::fs::write(&not_ours, b"\0asm\x0d\0\x01\0").unwrap();
    let out = run(&jsbox_bin(), &["run", not_ours.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a component made by `jsbox compile`"), "{}", text(&out.stderr));
    // A core module's header and a `jsbox:script` section are not a compiled component.
    let mut forged = b"\0asm\x01\0\0\0".to_vec();
    let section = br#"{"source":"function execute() { return 'forged' }","language":"javascript"}"#;
    let name = b"jsbox:script";
    forged.push(0);
    forged.push((1 + name.len() + section.len()) as u8);
    forged.push(name.len() as u8);
    forged.extend_from_slice(name);
    forged.extend_from_slice(section);
    let forged_path = dir.path().join("forged.wasm");
    std::fs::write(&forged_path, &forged).unwrap();
    let out = run(&jsbox_bin(), &["run", forged_path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        out.stdout.is_empty() && text(&out.stderr).contains("not a component made by `jsbox compile`"),
        "{}",
        text(&out.stderr)
    );
    let mut damaged = std::fs::read(&echo).unwrap();
    let at = damaged.windows(b"jsbox:script".len()).rposition(|w| w == b"jsbox:script").unwrap();
    damaged[at + b"jsbox:script".len() + 1] ^= 0x55;
    let damaged_path = dir.path().join("damaged.wasm");
    std::fs::write(&damaged_path, &damaged).unwrap();
    let out = run(&jsbox_bin(), &["run", damaged_path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("damaged"), "{}", text(&out.stderr));
}
