//! Limits hold, end as their own error kind, and leave the engine healthy:
//! the next execution on the same engine works.

use std::time::Duration;

use jsbox_tests::*;
use serde_json::json;

fn small_memory() -> Policy {
    Policy::default().memory(16 << 20)
}

fn assert_engine_still_works() {
    assert_eq!(ok(&Policy::default(), "function execute(a) { return a.n + 1 }", json!({"n": 1})), json!(2));
}

#[test]
fn a_memory_bomb_is_memory_limit() {
    let bombs = [
        "const a = []; while (true) a.push(new Array(1000).fill('xxxxxxxx'));",
        "const a = []; while (true) a.push(new Uint8Array(1 << 20));",
        "let o = {}; for (let i = 0; ; i++) o = { next: o, pad: [i, i, i, i] };",
    ];
    for bomb in bombs {
        let e = err(&small_memory(), &format!("function execute() {{ {bomb} }}"), json!({}));
        assert_eq!(e, Error::MemoryLimit { limit: 16 << 20 }, "{bomb}");
        assert_engine_still_works();
    }
}

#[test]
fn a_caught_out_of_memory_error_is_still_memory_limit() {
    let script = r#"
        function execute() {
            try { const a = []; while (true) a.push(new Array(10000).fill(1)); }
            catch (e) { return "survived: " + e; }
        }
    "#;
    assert_eq!(err(&small_memory(), script, json!({})).kind(), "memory-limit");
    assert_engine_still_works();
}

#[test]
fn memory_under_the_limit_is_usable() {
    let script = "function execute() { return new Uint8Array(8 << 20).length }";
    assert_eq!(ok(&small_memory(), script, json!({})), json!(8 << 20));
}

#[test]
fn an_infinite_loop_under_fuel_is_fuel() {
    let policy = Policy::default().fuel(5_000_000);
    let e = err(&policy, "function execute() { while (true) {} }", json!({}));
    assert_eq!(e, Error::Fuel { budget: 5_000_000 });
    assert_engine_still_works();
}

#[test]
fn fuel_is_deterministic() {
    let policy = Policy::default().fuel(1_000_000_000);
    let script = "function execute() { let s = 0; for (let i = 0; i < 10000; i++) s += i; return s }";
    let used = || run(&policy, script, json!({})).0.unwrap().stats.fuel_used.unwrap();
    assert_eq!(used(), used());
}

#[test]
fn an_infinite_loop_under_a_timeout_is_timeout() {
    let policy = Policy::default().timeout(Duration::from_millis(300));
    for script in ["function execute() { while (true) {} }", "async function execute() { await null; for (;;) {} }"] {
        let e = err(&policy, script, json!({}));
        assert_eq!(e, Error::Timeout { timeout: Duration::from_millis(300) }, "{script}");
    }
    assert_engine_still_works();
}

#[test]
fn time_spent_awaiting_http_counts_toward_the_timeout() {
    let server = TestServer::start();
    let policy = server.policy().timeout(Duration::from_millis(300));
    let script = "async function execute({ base }) { return await http.sendGetRequest({}, base + 'slow/5000') }";
    let e = err(&policy, script, json!({"base": server.base()}));
    assert_eq!(e.kind(), "timeout");
    assert_engine_still_works();
}

#[test]
fn an_invalid_policy_is_refused_before_running() {
    let policy = Policy::default().allow_host("http://example.com/path");
    assert_eq!(err(&policy, "function execute() { return 1 }", json!({})).kind(), "invalid-policy");
    let policy = Policy::default().timeout(Duration::ZERO);
    assert_eq!(err(&policy, "function execute() { return 1 }", json!({})).kind(), "invalid-policy");
}

#[test]
fn many_sandboxes_run_concurrently_on_one_engine() {
    let script = "async function execute({ i }) { await null; return i * i }";
    let results = block_on(async {
        let tasks: Vec<_> = (0..32)
            .map(|i| tokio::spawn(async move { engine().execute(&Policy::default(), script, json!({"i": i})).await }))
            .collect();
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.unwrap().unwrap().result);
        }
        out
    });
    assert_eq!(results, (0..32).map(|i| json!(i * i)).collect::<Vec<_>>());
}

#[test]
fn deep_recursion_is_a_catchable_range_error() {
    let script = r#"
        function execute() {
            const caught = [];
            function f(n) { return f(n + 1) + 1 }
            try { f(0) } catch (e) { caught.push(e instanceof RangeError) }
            try { JSON.parse("[".repeat(100000) + "]".repeat(100000)) } catch (e) { caught.push(e instanceof RangeError) }
            const o = {}; let c = o;
            for (let i = 0; i < 100000; i++) { c.n = {}; c = c.n }
            try { JSON.stringify(o) } catch (e) { caught.push(e instanceof RangeError) }
            let depth = 0; function g() { depth++; g() }
            try { g() } catch (e) {}
            return { caught, deepEnough: depth > 500 };
        }
    "#;
    assert_eq!(ok(&Policy::default(), script, json!({})), json!({"caught": [true, true, true], "deepEnough": true}));
    assert_engine_still_works();
}

#[test]
fn uncaught_deep_recursion_is_an_exception_with_a_clear_message() {
    let e = err(&Policy::default(), "function f() { return f() + 1 } function execute() { return f() }", json!({}));
    assert_eq!(e.kind(), "exception");
    assert!(e.to_string().starts_with("RangeError: Maximum call stack size exceeded"), "{e}");
    assert_engine_still_works();
}
