//! The script contract: `execute(args)` in, JSON out; the seed's helpers; and
//! a typed error for every way a script can fail.

use jsbox_tests::*;
use serde_json::json;

fn policy() -> Policy {
    Policy::default()
}

#[test]
fn sync_execute_returns_its_value_as_json() {
    let result =
        ok(&policy(), "function execute(a) { return { doubled: a.n * 2, list: [1, 'two', null] } }", json!({"n": 21}));
    assert_eq!(result, json!({"doubled": 42, "list": [1, "two", null]}));
}

#[test]
fn async_execute_is_awaited() {
    let script = "async function execute({ name }) { await null; return 'hello ' + name }";
    assert_eq!(ok(&policy(), script, json!({"name": "ada"})), json!("hello ada"));
}

#[test]
fn result_keeps_the_scripts_key_order() {
    let result = ok(&policy(), "function execute() { return { z: 1, a: 2, m: 3 } }", json!({}));
    let keys: Vec<_> = result.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["z", "a", "m"]);
}

#[test]
fn undefined_result_is_null() {
    assert_eq!(ok(&policy(), "async function execute() {}", json!({})), json!(null));
}

#[test]
fn execute_may_be_a_const_arrow_function() {
    assert_eq!(ok(&policy(), "const execute = async (a) => a.x + 1;", json!({"x": 1})), json!(2));
}

#[test]
fn args_of_any_json_type_arrive_unchanged() {
    let args = json!({"s": "é ✓ \u{1F600}", "n": 1.5, "big": 9007199254740991u64, "nested": {"a": [true, null]}});
    assert_eq!(ok(&policy(), "function execute(a) { return a }", args.clone()), args);
    assert_eq!(ok(&policy(), "function execute(a) { return a }", json!([1, 2])), json!([1, 2]));
}

#[test]
fn log_and_console_go_to_the_log_sink_not_the_result() {
    let script = r#"
        function execute() {
            log("via log", 1, { a: [1, 2] });
            console.log("via console.log");
            console.info("info"); console.warn("warn"); console.error("error"); console.debug("debug");
            return "done";
        }
    "#;
    let (out, logs) = run(&policy(), script, json!({}));
    assert_eq!(out.unwrap().result, json!("done"));
    assert_eq!(logs, ["via log 1 { a: [1, 2] }", "via console.log", "info", "warn", "error", "debug"]);
}

#[test]
fn log_levels_reach_the_sink() {
    let logs = MemorySink::default();
    let script = "function execute() { console.warn('w'); console.error('e'); log('i'); console.debug('d') }";
    let sink = std::sync::Arc::new(logs.clone());
    block_on(engine().execute_with_logs(&policy(), script, json!({}), sink)).unwrap();
    use jsbox::LogLevel::*;
    let levels: Vec<_> = logs.lines().into_iter().map(|(level, _)| level).collect();
    assert_eq!(levels, [Warn, Error, Info, Debug]);
}

#[test]
fn log_output_past_the_byte_limit_ends_the_execution_and_keeps_the_lines_before() {
    let script = "function execute() { for (let i = 0; i < 10000; i++) log('line ' + i); return 'ok' }";
    let mut small = policy();
    small.max_log_bytes = 1000;
    let (out, logs) = run(&small, script, json!({}));
    let e = out.unwrap_err();
    assert_eq!(e.kind(), "output-limit");
    assert!(e.to_string().contains("max_log_bytes"), "{e}");
    assert!(!logs.is_empty() && logs.len() < 200, "{} lines passed a 1000-byte cap", logs.len());
    assert_eq!(logs[0], "line 0");
    assert!(logs.iter().map(|l| l.len() + 1).sum::<usize>() <= 1000);
}

#[test]
fn a_flood_of_tiny_log_lines_ends_at_the_line_limit() {
    let mut few = policy();
    few.max_log_lines = 50;
    let script = "function execute() { try { for (;;) console.log() } catch (e) { return 'caught' } }";
    let (out, logs) = run(&few, script, json!({}));
    let e = out.unwrap_err();
    assert_eq!(e.kind(), "output-limit", "{e}");
    assert!(e.to_string().contains("50 lines"), "{e}");
    assert_eq!(logs.len(), 50);
}

#[test]
fn a_result_past_the_result_limit_is_output_limit() {
    let mut small = policy();
    small.max_result_bytes = 1000;
    let script = "function execute(a) { return 'x'.repeat(a.n) }";
    assert_eq!(ok(&small, script, json!({"n": 998})), json!("x".repeat(998)));
    let e = err(&small, script, json!({"n": 999}));
    assert_eq!(e.kind(), "output-limit");
    assert!(e.to_string().contains("max_result_bytes"), "{e}");
}

#[test]
fn btoa_atob_and_global_behave_as_in_the_seed() {
    let script = r#"
        function execute() {
            let latin1Error;
            try { btoa("✓") } catch (e) { latin1Error = e.name }
            return {
                b64: btoa("hello, world"), back: atob("aGVsbG8sIHdvcmxk"), latin1: atob(btoa("héllo")),
                padded: [btoa("a"), btoa("ab"), btoa("abc")], latin1Error,
                global: global === globalThis,
            };
        }
    "#;
    assert_eq!(
        ok(&policy(), script, json!({})),
        json!({
            "b64": "aGVsbG8sIHdvcmxk", "back": "hello, world", "latin1": "héllo",
            "padded": ["YQ==", "YWI=", "YWJj"], "latin1Error": "InvalidCharacterError", "global": true,
        })
    );
}

#[test]
fn nothing_from_the_outside_world_is_exposed() {
    let script = r#"
        function execute() {
            return [typeof require, typeof process, typeof Deno, typeof Javy, typeof std, typeof os,
                    typeof WebAssembly, typeof __jsbox, typeof jsbox];
        }
    "#;
    assert_eq!(ok(&policy(), script, json!({})), json!(vec!["undefined"; 9]));
}

#[test]
fn syntax_error_reports_line_and_column() {
    let e = err(&policy(), "function execute() {\n  return 1 +;\n}", json!({}));
    assert_eq!(e.kind(), "syntax");
    assert!(e.to_string().contains("script.js:2:"), "{e}");
    assert!(e.to_string().starts_with("SyntaxError: "), "{e}");
}

#[test]
fn a_script_without_execute_is_missing_execute() {
    for script in ["function run() {}", "var execute = 5;", ""] {
        let e = err(&policy(), script, json!({}));
        assert_eq!(e.kind(), "missing-execute", "{script:?}: {e}");
        assert!(e.to_string().contains("'execute'"), "{e}");
    }
}

#[test]
fn uncaught_exception_has_message_and_stack() {
    let script = "function fail() { throw new TypeError('boom') }\nasync function execute() { await null; fail() }";
    match err(&policy(), script, json!({})) {
        Error::Exception { message, stack } => {
            assert_eq!(message, "TypeError: boom");
            let stack = stack.expect("a stack");
            assert!(stack.contains("fail") && stack.contains("script.js:1:"), "{stack}");
        }
        e => panic!("expected exception, got {e:?}"),
    }
}

#[test]
fn a_sync_throw_and_a_top_level_throw_are_exceptions_too() {
    assert_eq!(
        err(&policy(), "function execute() { throw new Error('sync') }", json!({})).to_string().split(" (").next(),
        Some("Error: sync")
    );
    let e = err(&policy(), "throw new RangeError('top level');\nfunction execute() {}", json!({}));
    assert_eq!(e.kind(), "exception");
    assert!(e.to_string().starts_with("RangeError: top level"), "{e}");
}

#[test]
fn thrown_non_errors_are_described() {
    let cases = [
        ("throw 'plain'", "Uncaught plain"),
        ("throw { code: 7 }", r#"Uncaught {"code":7}"#),
        ("throw 42", "Uncaught 42"),
        ("throw null", "Uncaught null"),
        ("return Promise.reject(undefined)", "Uncaught undefined"),
    ];
    for (body, expected) in cases {
        let e = err(&policy(), &format!("async function execute() {{ {body} }}"), json!({}));
        assert_eq!((e.kind(), e.to_string()), ("exception", expected.to_string()), "{body}");
    }
}

#[test]
fn results_that_are_not_json_serializable_are_exceptions() {
    let cases = [
        ("const a = {}; a.self = a; return a", "circular"),
        ("return { n: 10n }", "BigInt"),
        ("return function f() {}", "a function"),
        ("return Symbol('s')", "a symbol"),
    ];
    for (body, needle) in cases {
        let e = err(&policy(), &format!("function execute() {{ {body} }}"), json!({}));
        assert_eq!(e.kind(), "exception", "{body}");
        assert!(e.to_string().contains("not JSON-serializable") && e.to_string().contains(needle), "{body}: {e}");
    }
}

#[test]
fn a_promise_that_can_never_settle_fails_at_once_not_at_the_deadline() {
    let mut long = policy();
    long.timeout = std::time::Duration::from_secs(120);
    let started = std::time::Instant::now();
    let e = err(&long, "function execute() { return new Promise(() => {}) }", json!({}));
    assert_eq!(e.kind(), "exception");
    assert!(e.to_string().contains("can never settle"), "{e}");
    // Generous: it must not wait anywhere near the 120 s deadline.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn scripts_cannot_reach_the_internal_driver_by_tampering() {
    let script = r#"
        JSON.stringify = () => '"forged"';
        Promise.prototype.then = function () { throw new Error('tampered then') };
        Map.prototype.get = () => undefined;
        async function execute() { return { real: true } }
    "#;
    assert_eq!(ok(&policy(), script, json!({})), json!({"real": true}));
}

#[test]
fn a_forged_network_denial_is_still_an_exception() {
    let script = "function execute() { const e = new Error('network-denied: fake'); e.kind = 'network-denied'; e.reason = 'fake'; throw e }";
    assert_eq!(err(&policy(), script, json!({})).kind(), "exception");
}

#[test]
fn invalid_json_args_are_invalid_args() {
    for text in ["{a: 1}", "", "{\"a\": }", "[1, 2"] {
        assert_eq!(jsbox::parse_args(text).unwrap_err().kind(), "invalid-args", "{text:?}");
    }
}

#[test]
fn each_execution_starts_from_a_fresh_sandbox() {
    let script = r#"
        function execute() {
            const seen = { counter: globalThis.counter, proto: Object.prototype.polluted };
            globalThis.counter = (globalThis.counter || 0) + 1;
            Object.prototype.polluted = "yes";
            return seen;
        }
    "#;
    for _ in 0..3 {
        assert_eq!(ok(&policy(), script, json!({})), json!({}));
    }
}

#[test]
fn stats_report_memory_time_and_fuel_when_metered() {
    let script = "function execute() { return new Array(100000).fill(1).length }";
    let stats = run(&policy(), script, json!({})).0.unwrap().stats;
    assert!(stats.peak_memory > 1 << 20, "{stats:?}");
    assert!(stats.wall_time_us > 0, "{stats:?}");
    assert_eq!(stats.fuel_used, None, "no fuel budget, no metering");
    assert_eq!(stats.http_requests, 0);
    let metered = run(&policy().fuel(1_000_000_000), script, json!({})).0.unwrap().stats;
    assert!(metered.fuel_used.unwrap() > 100_000, "{metered:?}");
}

#[test]
fn lone_surrogates_reach_the_host_as_replacement_characters() {
    let script =
        r#"function execute() { log("a\ud800b"); try { throw "x\udc00" } catch (e) { return { s: "\ud800", e } } }"#;
    let (out, logs) = run(&policy(), script, json!({}));
    assert_eq!(out.unwrap().result, json!({"s": "\u{FFFD}", "e": "x\u{FFFD}"}));
    assert_eq!(logs, ["a\u{FFFD}b"]);
    let e = err(&policy(), r#"function execute() { throw new Error("bad \ud800") }"#, json!({}));
    assert_eq!(e.to_string().split(" (").next(), Some("Error: bad \u{FFFD}"));
}

#[test]
fn a_thenable_result_is_awaited_and_an_ignored_rejection_is_harmless() {
    assert_eq!(ok(&policy(), "function execute() { return { then(resolve) { resolve(5) } } }", json!({})), json!(5));
    let script = "async function execute() { Promise.reject(new Error('ignored')); return 1 }";
    assert_eq!(ok(&policy(), script, json!({})), json!(1));
}

/// `make bench`'s library workloads (scenario L) compute what they claim:
/// the hashing library's HMAC-SHA256 is RustCrypto's, the formatter is
/// idempotent, the expression library derives and evaluates every formula.
mod bench_libraries {
    use super::*;
    use sha2::{Digest, Sha256};

    fn library(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/libraries").join(name);
        std::fs::read_to_string(path).unwrap()
    }

    fn hmac_sha256(key: &[u8], message: &[u8]) -> String {
        let mut block = [0u8; 64];
        block[..key.len()].copy_from_slice(key);
        let pad = |byte: u8| block.iter().map(|k| k ^ byte).collect::<Vec<u8>>();
        let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
        let outer = Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize();
        outer.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_hashing_library_computes_hmac_sha256() {
        let size = 1000;
        let result = ok(&policy(), &library("hash.js"), json!({"key": "k3y", "size": size, "rounds": 2}));
        let mut message: Vec<u8> = (0..size).map(|i| ((i * 31 + 7) & 0xff) as u8).collect();
        for (round, tag) in result["tags"].as_array().unwrap().iter().enumerate() {
            message[round] ^= 1;
            assert_eq!(tag.as_str().unwrap(), hmac_sha256(b"k3y", &message), "round {round}");
        }
    }

    #[test]
    fn the_formatter_is_idempotent() {
        let result = ok(&policy(), &library("format.js"), json!({"functions": 5, "width": 60}));
        assert_eq!(result["stable"], true, "{result}");
        assert!(result["lines"].as_u64().unwrap() > 5 * 15, "{result}");
    }

    #[test]
    fn the_expression_library_handles_every_formula() {
        let result = ok(&policy(), &library("expr.js"), json!({"count": 50, "seed": 3}));
        assert_eq!(result["formulas"], 50);
        assert!(result["printed"].as_u64().unwrap() > 50 * 5, "{result}");
        assert!(result["total"].as_f64().unwrap().is_finite(), "{result}");
    }
}
