//! The embedder's helpers: what a script sees (sync values, promises,
//! namespaces, errors), what the embedder gets (context, execution id), the
//! limits, and cancellation when an execution ends early.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use jsbox::{Execution, HelperError, HelperPolicy};
use jsbox_tests::*;
use serde_json::{Value, json};

/// What the test helpers observe.
struct Probes {
    /// `net.fetch` calls running now, and the most ever running at once.
    fetching: Gauge,
    /// The same for `together.meet` and `queue.job`.
    meeting_now: Gauge,
    queued: Gauge,
    /// Per execution id: the `slow.forever` call's drop flag, and the
    /// signal that it started.
    forever: Mutex<std::collections::HashMap<String, Forever>>,
    /// Lets `order.slow` finish once the script calls `order.release()`.
    release: tokio::sync::Notify,
    /// Gathers `together.meet` calls.
    meeting: tokio::sync::Barrier,
    /// Error events with "panicked" seen by the tracing layer.
    panics_logged: AtomicUsize,
}

fn probes() -> &'static Probes {
    static PROBES: OnceLock<Probes> = OnceLock::new();
    PROBES.get_or_init(|| Probes {
        fetching: Gauge::default(),
        meeting_now: Gauge::default(),
        queued: Gauge::default(),
        forever: Mutex::new(Default::default()),
        release: tokio::sync::Notify::new(),
        meeting: tokio::sync::Barrier::new(3),
        panics_logged: AtomicUsize::new(0),
    })
}

/// One execution's `slow.forever` call.
#[derive(Clone, Default)]
struct Forever {
    started: Arc<tokio::sync::Notify>,
    dropped: Arc<AtomicBool>,
}

fn forever(execution: &str) -> Forever {
    probes().forever.lock().unwrap().entry(execution.to_string()).or_default().clone()
}

/// Calls running now, and the most ever running at once.
#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    most: AtomicUsize,
}

/// Marks its flag when dropped: the helper future it lives in was dropped.
struct DropFlag(Arc<AtomicBool>, Option<Arc<tokio::sync::Notify>>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
        if let Some(notify) = &self.1 {
            notify.notify_one();
        }
    }
}

/// Counts a call as running on its gauge while alive.
struct Running(&'static Gauge);

impl Running {
    fn enter(gauge: &'static Gauge) -> Running {
        let now = gauge.now.fetch_add(1, Ordering::SeqCst) + 1;
        gauge.most.fetch_max(now, Ordering::SeqCst);
        Running(gauge)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Records `tracing` error events that report a helper panic.
struct PanicEvents;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for PanicEvents {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        struct Message(String);
        impl tracing::field::Visit for Message {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if field.name() == "message" {
                    self.0 = format!("{value:?}");
                }
            }
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        if *event.metadata().level() == tracing::Level::ERROR && message.0.contains("helper panicked") {
            probes().panics_logged.fetch_add(1, Ordering::SeqCst);
        }
    }
}

fn helpers_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt;
        let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry().with(PanicEvents));
        let mut config = engine_config();
        config.max_concurrency = 8;
        let h = &mut config.helpers;
        h.add_sync("add", |call| Ok(json!(call.args.iter().filter_map(Value::as_f64).sum::<f64>()))).unwrap();
        h.add_sync("crm.lookup", |call| {
            let id = call.args.first().and_then(Value::as_u64).ok_or_else(|| HelperError::new("an id is required"))?;
            Ok(json!({"id": id, "tenant": call.context["tenant"]}))
        })
        .unwrap();
        h.add_sync("crm.fail", |_| Err(HelperError::new("no such customer").with_code("not-found"))).unwrap();
        h.add_async("crm.failAsync", |_| async { Err(HelperError::new("backend down")) }).unwrap();
        h.add_sync("deep.a.b.c.d", |_| Ok(json!("deep"))).unwrap();
        h.add_sync("args.echo", |call| Ok(Value::Array(call.args.clone()))).unwrap();
        h.add_sync("args.nothing", |_| Ok(Value::Null)).unwrap();
        h.add_sync("who.am_i", |call| {
            Ok(json!({"execution": call.execution_id.to_string(), "context": *call.context}))
        })
        .unwrap();
        h.add_async("who.am_i_async", |call| async move {
            Ok(json!({"execution": call.execution_id.to_string(), "context": *call.context}))
        })
        .unwrap();
        h.add_async("net.fetch", |call| async move {
            let _running = Running::enter(&probes().fetching);
            tokio::task::yield_now().await;
            Ok(json!({"got": call.args}))
        })
        .unwrap();
        h.add_async("queue.job", |call| async move {
            let _running = Running::enter(&probes().queued);
            for _ in 0..10 {
                tokio::task::yield_now().await;
            }
            Ok(call.args[0].clone())
        })
        .unwrap();
        h.add_sync("big.result", |call| Ok(json!("x".repeat(call.args[0].as_u64().unwrap_or(0) as usize)))).unwrap();
        h.add_sync("boom.sync", |_| panic!("a helper bug")).unwrap();
        h.add_async("boom.async", |_| async { panic!("an async helper bug") }).unwrap();
        h.add_async("boom.closure", |call| {
            // Panics before it even makes its future.
            assert!(call.args.is_empty(), "a bug in the closure");
            async { Ok(Value::Null) }
        })
        .unwrap();
        h.add_async("together.meet", |_| async {
            let _running = Running::enter(&probes().meeting_now);
            // Three calls must be in flight at once to get past this.
            let met = tokio::time::timeout(Duration::from_secs(5), probes().meeting.wait()).await.is_ok();
            Ok(json!(met))
        })
        .unwrap();
        h.add_async("order.fast", |_| async { Ok(json!("fast")) }).unwrap();
        h.add_async("order.slow", |_| async {
            probes().release.notified().await;
            Ok(json!("slow"))
        })
        .unwrap();
        h.add_sync("order.release", |_| {
            probes().release.notify_one();
            Ok(Value::Null)
        })
        .unwrap();
        h.add_async("slow.forever", |call| {
            let forever = forever(call.execution_id.as_str());
            let guard = DropFlag(forever.dropped.clone(), None);
            async move {
                let _guard = guard;
                forever.started.notify_one();
                std::future::pending::<()>().await;
                Ok(Value::Null)
            }
        })
        .unwrap();
        // Resolves once this execution's `slow.forever` call is running.
        h.add_async("slow.started", |call| async move {
            forever(call.execution_id.as_str()).started.notified().await;
            Ok(Value::Null)
        })
        .unwrap();
        Engine::new(config).expect("an engine with helpers")
    })
}

fn allow(names: &[&str]) -> Policy {
    names.iter().fold(Policy::default(), |policy, name| policy.allow_helper(*name))
}

fn run_with(policy: &Policy, script: &str) -> Result<jsbox::Outcome, Error> {
    block_on(helpers_engine().run(policy, Execution::new(script).context(json!({"tenant": "acme"}))))
}

fn ok_with(policy: &Policy, script: &str) -> Value {
    match run_with(policy, script) {
        Ok(out) => out.result,
        Err(e) => panic!("script failed: error[{}]: {e}", e.kind()),
    }
}

#[test]
fn a_sync_helper_returns_its_value_directly() {
    let policy = allow(&["crm.lookup", "add"]);
    let out = ok_with(
        &policy,
        "function execute() { const c = crm.lookup(7); return [c, add(1, 2, 3.5), typeof crm.lookup] }",
    );
    assert_eq!(out, json!([{"id": 7, "tenant": "acme"}, 6.5, "function"]));
}

#[test]
fn dotted_names_make_nested_namespaces() {
    let policy = allow(&["deep.a.b.c.d"]);
    assert_eq!(
        ok_with(&policy, "function execute() { return [deep.a.b.c.d(), deep.a.b.c.d.name] }"),
        json!(["deep", "d"])
    );
}

#[test]
fn an_async_helper_returns_a_promise() {
    let policy = allow(&["net.*"]);
    let script = "async function execute() { const p = net.fetch(1, 'two'); return [p instanceof Promise, await p] }";
    assert_eq!(ok_with(&policy, script), json!([true, {"got": [1, "two"]}]));
}

#[test]
fn async_calls_are_in_flight_together() {
    // Each call waits at a barrier for three: only calls in flight together get past it.
    let policy = allow(&["together.meet"]);
    let script =
        "async function execute() { return await Promise.all([together.meet(), together.meet(), together.meet()]) }";
    let started = Instant::now();
    assert_eq!(ok_with(&policy, script), json!([true, true, true]));
    assert!(started.elapsed() < Duration::from_secs(4), "the calls did not meet");
    assert!(probes().meeting_now.most.load(Ordering::SeqCst) >= 3);
}

#[test]
fn each_call_resumes_its_continuation_as_soon_as_it_completes() {
    // `order.slow` cannot finish before the fast call's continuation has run
    // (it releases the slow one): that continuation must run while the slow
    // call is still pending, or this never finishes.
    let policy = allow(&["order.*"]).timeout(Duration::from_secs(5));
    let script = r#"
        async function execute() {
            const seen = [];
            const slow = order.slow().then((v) => seen.push(v));
            const fast = order.fast().then((v) => { seen.push(v); order.release() });
            await Promise.all([slow, fast]);
            return seen;
        }
    "#;
    assert_eq!(ok_with(&policy, script), json!(["fast", "slow"]));
}

#[test]
fn arguments_and_results_cross_as_json() {
    let policy = allow(&["args.*"]);
    let script = r#"
        function execute() {
            const echoed = args.echo(undefined, null, 1.5, "s", [1, undefined], { a: undefined, b: new Date(0), c: "é😀" });
            return [echoed, args.nothing(), args.echo()];
        }
    "#;
    let expected = json!([
        [null, null, 1.5, "s", [1, null], {"b": "1970-01-01T00:00:00.000Z", "c": "é😀"}],
        null,
        []
    ]);
    assert_eq!(ok_with(&policy, script), expected);
}

#[test]
fn arguments_that_are_not_json_throw_a_type_error_before_any_call() {
    let policy = allow(&["args.echo", "net.fetch"]);
    for (what, expr) in [
        ("function", "args.echo(() => 1)"),
        ("nested function", "args.echo({ f() {} })"),
        ("symbol", "args.echo(Symbol('s'))"),
        ("cycle", "(() => { const o = {}; o.self = o; return args.echo(o) })()"),
        ("BigInt", "args.echo(10n)"),
        ("async function", "net.fetch(() => 1)"),
    ] {
        let script = format!(
            "async function execute() {{ try {{ await {expr}; return 'called' }} catch (e) {{ return [e.name, e.message] }} }}"
        );
        let out = run_with(&policy, &script).unwrap();
        assert_eq!(out.result[0], "TypeError", "{what}: {}", out.result);
        assert!(out.result[1].as_str().unwrap().contains("not JSON-serializable"), "{what}: {}", out.result);
        assert_eq!(out.stats.helper_calls, 0, "{what}: the host was called");
    }
}

#[test]
fn a_helper_error_is_a_catchable_error_with_kind_helper_and_its_code() {
    let policy = allow(&["crm.*"]);
    let script = r#"
        async function execute() {
            const caught = [];
            for (const call of [() => crm.fail(), () => crm.failAsync()]) {
                try { await call() } catch (e) { caught.push([e instanceof Error, e.message, e.kind, e.code === undefined ? null : e.code]) }
            }
            return caught;
        }
    "#;
    let expected = json!([[true, "no such customer", "helper", "not-found"], [true, "backend down", "helper", null]]);
    assert_eq!(ok_with(&policy, script), expected);
}

#[test]
fn an_uncaught_helper_error_ends_the_execution_with_kind_helper() {
    let policy = allow(&["crm.*"]);
    let error = run_with(&policy, "function execute() { return crm.fail() }").unwrap_err();
    assert_eq!(error.kind(), "helper");
    assert_eq!(error, Error::Helper { message: "crm.fail: no such customer".into(), code: Some("not-found".into()) });
    let error = run_with(&policy, "async function execute() { await crm.failAsync() }").unwrap_err();
    assert_eq!((error.kind(), error.to_string()), ("helper", "crm.failAsync: backend down".to_string()));
    // A look-alike thrown by the script is an ordinary exception.
    let forged = run_with(&policy, "function execute() { const e = new Error('x'); e.kind = 'helper'; throw e }");
    assert_eq!(forged.unwrap_err().kind(), "exception");
}

#[test]
fn a_panicking_helper_gives_the_script_an_error_and_the_embedder_an_event() {
    let policy = allow(&["boom.*", "add"]);
    let before = probes().panics_logged.load(Ordering::SeqCst);
    let script = r#"
        async function execute() {
            const codes = [];
            try { boom.sync() } catch (e) { codes.push(e.code) }
            try { await boom.async() } catch (e) { codes.push(e.code) }
            try { await boom.closure(1) } catch (e) { codes.push(e.code) }
            return [codes, add(1, 1)];
        }
    "#;
    assert_eq!(ok_with(&policy, script), json!([["panicked", "panicked", "panicked"], 2]));
    assert_eq!(probes().panics_logged.load(Ordering::SeqCst) - before, 3, "one tracing error event per panic");
    // The process and the next execution are fine.
    assert_eq!(ok_with(&policy, "function execute() { return add(2, 2) }"), json!(4));
}

#[test]
fn helpers_not_made_visible_do_not_exist() {
    let none = Policy::default();
    assert_eq!(
        ok_with(&none, "function execute() { return [typeof crm, typeof add, typeof deep] }"),
        json!(["undefined", "undefined", "undefined"])
    );
    let one = allow(&["crm.lookup"]);
    let out = ok_with(
        &one,
        "function execute() { return [typeof crm.lookup, typeof crm.fail, typeof add, Object.keys(crm)] }",
    );
    assert_eq!(out, json!(["function", "undefined", "undefined", ["lookup"]]));
}

#[test]
fn a_policy_naming_an_unknown_helper_is_invalid() {
    for name in ["crm.delete", "nothing.*", "crm"] {
        let error = run_with(&allow(&[name]), "function execute() {}").unwrap_err();
        assert_eq!(error.kind(), "invalid-policy", "{name}");
        assert!(error.to_string().contains(name), "{error}");
    }
    let bad = allow(&["JSON.parse"]);
    assert_eq!(bad.validate().unwrap_err().kind(), "invalid-policy");
}

#[test]
fn no_helper_may_take_a_name_the_sandbox_defines() {
    // The sandbox's own globals, listed live (and every global the shims
    // define at run time too: a script's view, before its own code runs).
    let listing = "function execute() { return Object.getOwnPropertyNames(globalThis) }";
    let globals: Vec<String> = serde_json::from_value(ok(&Policy::default(), listing, json!({}))).unwrap();
    assert!(globals.len() > 90 && globals.iter().any(|g| g == "CustomEvent"), "{globals:?}");
    let mut taken = Vec::new();
    for global in globals.iter().filter(|g| *g != "execute") {
        let mut helpers = jsbox::Helpers::new();
        let refused = |e: Error| e.kind() == "invalid-policy" && e.to_string().contains("is a global of the sandbox");
        let sync = helpers.add_sync(global, |_| Ok(Value::Null)).err().is_some_and(refused);
        let nested = helpers.add_sync(&format!("{global}.x"), |_| Ok(Value::Null)).err().is_some_and(refused);
        let mut policy = Policy::default();
        policy.helpers.endpoints.insert(format!("{global}.y"), "http://127.0.0.1:9/".into());
        let as_endpoint = policy.validate().err().is_some_and(refused);
        if !(sync && nested && as_endpoint) {
            taken.push(global.clone());
        }
    }
    assert!(taken.is_empty(), "helpers may take these globals (run `make guest`?): {taken:?}");
}

fn limited(helpers: HelperPolicy) -> Policy {
    Policy { helpers, ..Policy::default() }
}

#[test]
fn the_call_limit_refuses_further_calls_with_a_clear_error() {
    let policy = limited(HelperPolicy { allow: vec!["add".into()], max_calls: 3, ..Default::default() });
    let script = r#"
        function execute() {
            const sums = [add(1), add(2), add(3)];
            try { add(4) } catch (e) { return [sums, e.code, e.message] }
        }
    "#;
    let out = run_with(&policy, script).unwrap();
    assert_eq!(out.result[0], json!([1, 2, 3]));
    assert_eq!(out.result[1], "too-many-calls");
    assert!(out.result[2].as_str().unwrap().contains("at most 3 calls"), "{}", out.result);
    assert_eq!(out.stats.helper_calls, 3, "the refused call did not reach the helper");
}

#[test]
fn arguments_and_results_over_their_limits_are_errors_not_truncated() {
    let policy = limited(HelperPolicy {
        allow: vec!["args.echo".into(), "big.result".into(), "net.fetch".into()],
        max_args_bytes: 1000,
        max_result_bytes: 2000,
        ..Default::default()
    });
    let script = r#"
        async function execute() {
            const codes = [];
            for (const call of [() => args.echo("x".repeat(2000)), () => net.fetch("x".repeat(2000)), () => big.result(5000)]) {
                try { await call(); codes.push("ok") } catch (e) { codes.push(e.code + ": " + e.message) }
            }
            return [codes, args.echo("x".repeat(900))[0].length, big.result(1500).length];
        }
    "#;
    let out = ok_with(&policy, script);
    let codes: Vec<&str> = out[0].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(codes[0].starts_with("args-too-large: ") && codes[0].contains("max_args_bytes"), "{codes:?}");
    assert!(codes[1].starts_with("args-too-large: "), "{codes:?}");
    assert!(codes[2].starts_with("result-too-large: ") && codes[2].contains("max_result_bytes"), "{codes:?}");
    assert_eq!(out[1], 900);
    assert_eq!(out[2], 1500);
}

#[test]
fn async_calls_beyond_the_in_flight_limit_wait_their_turn() {
    let policy = limited(HelperPolicy { allow: vec!["net.fetch".into()], max_in_flight: 2, ..Default::default() });

    let script =
        "async function execute() { return (await Promise.all([1, 2, 3, 4, 5, 6].map((n) => net.fetch(n)))).length }";
    assert_eq!(ok_with(&policy, script), json!(6));
    let most = probes().fetching.most.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "{most} calls ran at once");
}

#[test]
fn context_and_execution_id_reach_the_helper() {
    let policy = allow(&["who.*"]);
    let execution = Execution::new("async function execute() { return [who.am_i(), await who.am_i_async()] }")
        .context(json!({"tenant": "globex", "plan": 3}));
    let id = execution.id().clone();
    let out = block_on(helpers_engine().run(&policy, execution)).unwrap();
    assert_eq!(out.id, id);
    let expected = json!({"execution": id.to_string(), "context": {"tenant": "globex", "plan": 3}});
    assert_eq!(out.result, json!([expected, expected]));
    assert_eq!(out.stats.helper_calls, 2);
    // An embedder-chosen id travels the same way.
    let out = block_on(
        helpers_engine()
            .run(&policy, Execution::new("function execute() { return who.am_i() }").with_id("req-42".into())),
    )
    .unwrap();
    assert_eq!(out.result["execution"], "req-42");
}

/// Waits (bounded) until the `slow.forever` future of `execution` has been dropped.
fn dropped_within(execution: &jsbox::ExecutionId, bound: Duration) -> bool {
    let flag = forever(execution.as_str()).dropped;
    let until = Instant::now() + bound;
    while !flag.load(Ordering::SeqCst) && Instant::now() < until {
        std::thread::yield_now();
    }
    flag.load(Ordering::SeqCst)
}

/// Runs `script` and returns its outcome and execution id.
fn run_identified(policy: &Policy, script: &str) -> (Result<jsbox::Outcome, Error>, jsbox::ExecutionId) {
    let execution = Execution::new(script);
    let id = execution.id().clone();
    (block_on(helpers_engine().run(policy, execution)), id)
}

#[test]
fn pending_calls_are_dropped_when_the_execution_times_out() {
    let policy = allow(&["slow.*"]).timeout(Duration::from_millis(300));
    let (outcome, id) = run_identified(&policy, "async function execute() { await slow.forever() }");
    assert_eq!(outcome.unwrap_err().kind(), "timeout");
    assert!(dropped_within(&id, Duration::from_secs(2)), "the helper future outlived the execution");
}

#[test]
fn pending_calls_are_dropped_when_the_execution_returns_without_them() {
    let policy = allow(&["slow.*"]);
    let script = "async function execute() { slow.forever(); await slow.started(); return 'done early' }";
    let (outcome, id) = run_identified(&policy, script);
    assert_eq!(outcome.unwrap().result, "done early");
    assert!(dropped_within(&id, Duration::from_secs(2)), "the helper future outlived the execution");
}

#[test]
fn dropping_the_execute_future_drops_pending_calls_and_frees_the_slot_at_once() {
    let mut config = engine_config();
    config.max_concurrency = 1; // one slot: the next execution needs the one just cancelled
    config.helpers = jsbox::Helpers::new();
    let flag = Arc::new(AtomicBool::new(false));
    let started = Arc::new(tokio::sync::Notify::new());
    let dropped = Arc::new(tokio::sync::Notify::new());
    let (f, s, d) = (flag.clone(), started.clone(), dropped.clone());
    config
        .helpers
        .add_async("slow.forever", move |_| {
            let (guard, started) = (DropFlag(f.clone(), Some(d.clone())), s.clone());
            async move {
                let _guard = guard;
                started.notify_one();
                std::future::pending::<()>().await;
                Ok(Value::Null)
            }
        })
        .unwrap();
    let engine = Engine::new(config).unwrap();
    let policy = allow(&["slow.forever"]);
    block_on(async {
        let running = engine.run(&policy, Execution::new("async function execute() { await slow.forever() }"));
        tokio::select! {
            _ = running => panic!("the execution should still be waiting"),
            _ = started.notified() => {} // the call is in flight: drop the execution
        }
        // The call's task is aborted with the execution; the runtime drops it promptly.
        let on_drop = tokio::time::timeout(Duration::from_secs(2), dropped.notified()).await;
        assert!(on_drop.is_ok() && flag.load(Ordering::SeqCst), "the helper future outlived the execute future");
        let default = Policy::default();
        let next = engine.execute(&default, "function execute() { return 1 }", json!({}));
        let next = tokio::time::timeout(Duration::from_secs(2), next).await.expect("the slot was not freed");
        assert_eq!(next.unwrap().result, json!(1));
    });
}

#[test]
fn a_script_that_replaces_or_deletes_helpers_breaks_only_its_own_calls() {
    let policy = allow(&["crm.lookup"]);
    let tamper = r#"
        function execute() {
            const real = crm.lookup;
            crm.lookup = () => ({ forged: true });
            const forged = crm.lookup(1);
            delete globalThis.crm;
            Object.prototype.lookup = () => "polluted";
            return [forged, typeof crm, real(2)];
        }
    "#;
    assert_eq!(ok_with(&policy, tamper), json!([{"forged": true}, "undefined", {"id": 2, "tenant": "acme"}]));
    assert_eq!(ok_with(&policy, "function execute() { return crm.lookup(3) }"), json!({"id": 3, "tenant": "acme"}));
}

/// Typed helpers: a schema per helper, from JSON or from Rust types.
mod typed {
    use super::*;
    use jsbox::HelperSchema;

    /// Looks a customer up by id.
    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Lookup {
        /// The customer's id.
        id: u32,
        /// Include the customer's devices.
        devices: Option<bool>,
    }

    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Customer {
        id: u32,
        name: String,
    }

    fn engine() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            let mut config = engine_config();
            let h = &mut config.helpers;
            h.add_sync("crm.lookup", |call| Ok(json!({"id": call.args[0]["id"], "name": "Ada"}))).unwrap();
            h.set_schema("crm.lookup", HelperSchema::of::<Lookup, Customer>()).unwrap();
            h.add_async("crm.find", |call| async move { Ok(json!([{"id": call.args[0]["id"], "name": "Ada"}])) })
                .unwrap();
            h.set_schema(
                "crm.find",
                HelperSchema::new(
                    json!({"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}),
                )
                .with_result(json!({"type": "array", "items": {"type": "object", "required": ["id", "name"]}})),
            )
            .unwrap();
            // Its result breaks its own schema.
            h.add_async("crm.broken", |_| async { Ok(json!({"id": "seven", "name": "Ada"})) }).unwrap();
            h.set_schema("crm.broken", HelperSchema::of::<Lookup, Customer>()).unwrap();
            Engine::new(config).expect("an engine with typed helpers")
        })
    }

    fn run(script: &str) -> Result<jsbox::Outcome, Error> {
        block_on(engine().run(&Policy::default().allow_helper("crm.*"), Execution::new(script)))
    }

    #[test]
    fn a_typed_helper_gets_its_one_object_argument_checked() {
        let out = run("async function execute() {
            const settle = (f) => { try { return ['ok', f()] } catch (e) { return [e.kind, e.code, e.message] } };
            return {
              good: settle(() => crm.lookup({ id: 7 })),
              wrongType: settle(() => crm.lookup({ id: -1 })),
              missing: settle(() => crm.lookup()),
              notObject: settle(() => crm.lookup(7)),
              two: settle(() => crm.lookup({ id: 1 }, { id: 2 })),
              found: await crm.find({ id: 3 }),
              asyncBad: await crm.find({ id: 'x' }).catch((e) => [e.code, e.message]),
            };
        }")
        .unwrap();
        let r = &out.result;
        assert_eq!(r["good"], json!(["ok", {"id": 7, "name": "Ada"}]));
        assert_eq!(r["wrongType"][1], "invalid-args");
        assert!(r["wrongType"][2].as_str().unwrap().starts_with("invalid argument at /id: "), "{r}");
        assert!(r["missing"][2].as_str().unwrap().contains("\"id\" is a required property"), "{r}");
        assert!(r["notObject"][2].as_str().unwrap().contains("at /: 7 is not of type \"object\""), "{r}");
        assert!(r["two"][2].as_str().unwrap().contains("takes one argument"), "{r}");
        assert_eq!(r["found"], json!([{"id": 3, "name": "Ada"}]));
        assert_eq!(r["asyncBad"][0], "invalid-args");
        assert_eq!(out.stats.helper_calls, 2, "refused calls never reach the helper");
    }

    #[test]
    fn a_result_that_breaks_its_schema_is_invalid_result() {
        let error = run("async function execute() { return await crm.broken({ id: 1 }) }").unwrap_err();
        assert_eq!(error.kind(), "helper");
        assert!(error.to_string().contains("crm.broken: the helper's result at /id:"), "{error}");
        assert!(error.to_string().contains("invalid-result"), "{error}");
    }

    #[test]
    fn schemas_from_rust_types_carry_descriptions_into_the_declarations() {
        let types = engine().typescript(&Policy::default().allow_helper("crm.*")).unwrap();
        assert!(types.contains("/** Looks a customer up by id. */"), "{types}");
        assert!(types.contains("/** The customer's id. */"), "{types}");
        assert!(types.contains("lookup: (args: {"), "{types}");
        assert!(types.contains("find: (args: {"), "{types}");
        assert!(types.contains("}) => Promise<("), "{types}");
        // Only what the policy shows.
        let none = engine().typescript(&Policy::default()).unwrap();
        assert!(!none.contains("declare const crm"), "{none}");
    }

    #[test]
    fn a_schema_is_checked_when_it_is_set_and_when_a_policy_carries_one() {
        let mut helpers = jsbox::Helpers::new();
        assert_eq!(helpers.set_schema("nope", HelperSchema::new(json!({}))).unwrap_err().kind(), "invalid-policy");
        helpers.add_sync("a.b", |_| Ok(Value::Null)).unwrap();
        let bomb = json!({"properties": {"a": {"allOf": [{"$ref": "#"}, {"$ref": "#"}]}}});
        let error = helpers.set_schema("a.b", HelperSchema::new(bomb.clone())).unwrap_err();
        assert!(error.to_string().contains("more than once at the same place"), "{error}");
        let mut policy = Policy::default();
        policy.helpers.endpoints.insert("ep.x".into(), "http://127.0.0.1:9/h".into());
        policy.helpers.schemas.insert("ep.x".into(), HelperSchema::new(bomb));
        let error = block_on(engine().run(&policy, Execution::new("function execute() {}"))).unwrap_err();
        assert_eq!(error.kind(), "invalid-policy");
        assert!(error.to_string().contains("helpers.schemas \"ep.x\""), "{error}");
    }
}
