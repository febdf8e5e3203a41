//! Durable executions: a script awaiting a helper answered later (or a far
//! timer) suspends to the store and resumes, in a fresh sandbox, with the
//! same result an uninterrupted run gives; each continuation once, for its
//! tenant and build, within its limits.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use jsbox::{
    ContinuationKey, Durable, Engine, Error, Execution, FsStore, HelperError, HelperReply, Policy, Resume, Run,
};
use jsbox_tests::*;
use serde_json::{Value, json};

/// An engine with `approval` (durable: always answers later),
/// `approval.now` (async, answers at once with `true`) and `count` (sync).
fn durable_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = engine_config();
        config.helpers.add_durable("approval", |_call| async { HelperReply::Later }).unwrap();
        config.helpers.add_async("instant.approval", |_call| async { Ok(json!(true)) }).unwrap();
        config.helpers.add_sync("count", |call| Ok(json!(call.args.len()))).unwrap();
        Engine::new(config).expect("engine")
    })
}

fn policy() -> Policy {
    Policy::default().allow_helper("approval").allow_helper("instant.approval").allow_helper("count")
}

struct Fixture {
    _dir: tempfile::TempDir,
    store_dir: std::path::PathBuf,
    durable: Durable,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("suspended");
    let durable = Durable::new(ContinuationKey::generate(), FsStore::new(&store_dir).unwrap()).tenant("acme");
    Fixture { _dir: dir, store_dir, durable }
}

fn start(f: &Fixture, policy: &Policy, script: &str, args: Value) -> Result<Run, Error> {
    block_on(durable_engine().run_durable(policy, Execution::new(script).args(args), &f.durable))
}

fn resume(f: &Fixture, resume: Resume) -> Result<Run, Error> {
    block_on(durable_engine().resume(&f.durable, resume))
}

fn suspended(run: Result<Run, Error>) -> jsbox::Suspended {
    match run {
        Ok(Run::Suspended(suspended)) => suspended,
        other => panic!("expected a suspension, got {other:?}"),
    }
}

fn done(run: Result<Run, Error>) -> jsbox::Outcome {
    match run {
        Ok(Run::Done(outcome)) => outcome,
        other => panic!("expected an outcome, got {other:?}"),
    }
}

/// The approval flow of the issue: a few values, one await on a helper
/// that pauses, then a result using both.
const APPROVAL: &str = r#"
    async function execute({ amount, who }) {
        const started = Date.now();
        const order = { amount, who, lines: Array.from({ length: 50 }, (_, i) => ({ i, sku: "sku-" + i })) };
        const seen = new Map([["before", count(1, 2, 3)]]);
        const decision = await approval({ amount, who });
        seen.set("after", count(1));
        return { approved: decision.ok, by: decision.by, amount: order.amount, lines: order.lines.length,
                 last: order.lines[49].sku, seen: [...seen], waited: Date.now() >= started };
    }
"#;

#[test]
fn a_suspended_execution_resumes_to_the_result_an_uninterrupted_run_gives() {
    let f = fixture();
    let args = json!({"amount": 120, "who": "ada"});
    let first = suspended(start(&f, &policy(), APPROVAL, args.clone()));
    assert_eq!(first.pending.len(), 1);
    let call = &first.pending[0];
    assert_eq!((call.helper.as_str(), &call.args), ("approval", &vec![json!({"amount": 120, "who": "ada"})]));
    assert_eq!(first.wake_at, None);
    assert_eq!(first.generation, 1);
    assert!(first.size < 64 << 10, "continuation of {} bytes", first.size);
    assert!(f.store_dir.join(format!("{}.cont", first.id)).exists());

    let outcome =
        done(resume(&f, Resume::new(first.id.as_str()).result(call.call_id, json!({"ok": true, "by": "bob"}))));
    assert_eq!(outcome.id, first.id);
    let expected = json!({"approved": true, "by": "bob", "amount": 120, "lines": 50, "last": "sku-49",
                          "seen": [["before", 3], ["after", 1]], "waited": true});
    assert_eq!(outcome.result, expected);
    assert_eq!(outcome.stats.helper_calls, 3, "calls before and after the suspension count");
    assert!(!f.store_dir.join(format!("{}.cont", first.id)).exists(), "an ended execution leaves no continuation");

    // The same script with a helper that answers at once.
    let now = APPROVAL
        .replace("await approval(", "await instant.approval(")
        .replace("decision.ok", "decision")
        .replace("decision.by", "\"bob\"");
    let plain = block_on(durable_engine().execute(&policy(), &now, args)).unwrap();
    assert_eq!(plain.result, expected);
}

#[test]
fn a_continuation_is_resumed_once() {
    let f = fixture();
    let first = suspended(start(&f, &policy(), APPROVAL, json!({"amount": 1, "who": "x"})));
    let call_id = first.pending[0].call_id;
    let sealed = std::fs::read(f.store_dir.join(format!("{}.cont", first.id))).unwrap();
    done(resume(&f, Resume::new(first.id.as_str()).result(call_id, json!({"ok": false, "by": "y"}))));
    // Put back as it was (a replay): refused, never run twice.
    std::fs::write(f.store_dir.join(format!("{}.cont", first.id)), &sealed).unwrap();
    let again = resume(&f, Resume::new(first.id.as_str()).result(call_id, json!({"ok": true, "by": "y"}))).unwrap_err();
    assert_eq!(again.kind(), "continuation-used", "{again}");
}

#[test]
fn two_resumes_at_once_run_it_once() {
    let f = fixture();
    let first = suspended(start(&f, &policy(), APPROVAL, json!({"amount": 1, "who": "x"})));
    let call_id = first.pending[0].call_id;
    let results: Vec<Result<Run, Error>> = block_on(async {
        let make = || {
            durable_engine()
                .resume(&f.durable, Resume::new(first.id.as_str()).result(call_id, json!({"ok": true, "by": "z"})))
        };
        let (a, b) = tokio::join!(make(), make());
        vec![a, b]
    });
    let done_count = results.iter().filter(|r| matches!(r, Ok(Run::Done(_)))).count();
    let used = results.iter().filter(|r| matches!(r, Err(e) if e.kind() == "continuation-used")).count();
    assert_eq!((done_count, used), (1, 1), "{results:?}");
}

fn store_path(f: &Fixture, id: &str) -> std::path::PathBuf {
    f.store_dir.join(format!("{id}.cont"))
}

#[test]
fn tampered_truncated_foreign_and_missing_continuations_are_invalid() {
    let f = fixture();
    let first = suspended(start(&f, &policy(), APPROVAL, json!({"amount": 1, "who": "x"})));
    let (id, call_id) = (first.id.to_string(), first.pending[0].call_id);
    let path = store_path(&f, &id);
    let sealed = std::fs::read(&path).unwrap();
    let answer = || Resume::new(id.as_str()).result(call_id, json!({"ok": true, "by": "q"}));
    let expect_invalid = |bytes: &[u8], what: &str| {
        std::fs::write(&path, bytes).unwrap();
        let error = resume(&f, answer()).unwrap_err();
        assert_eq!(error.kind(), "continuation-invalid", "{what}: {error}");
        error
    };
    for at in [0, 10, sealed.len() / 2, sealed.len() - 1] {
        let mut changed = sealed.clone();
        changed[at] ^= 0x40;
        expect_invalid(&changed, &format!("byte {at} changed"));
    }
    for len in [0, 8, 40, sealed.len() - 16] {
        expect_invalid(&sealed[..len], &format!("cut to {len} bytes"));
    }
    expect_invalid(b"{\"not\": \"a continuation\"}", "JSON");
    // Another build: sealed with the right key for a guest that is not this one.
    let foreign = jsbox::fuzzing::reseal_for_build(&f.durable, &sealed, "0".repeat(64)).unwrap();
    let error = expect_invalid(&foreign, "another build");
    assert!(error.to_string().contains("another jsbox build"), "{error}");
    std::fs::write(&path, &sealed).unwrap();

    // Another key, another tenant.
    let other_key = Durable::new(ContinuationKey::generate(), FsStore::new(&f.store_dir).unwrap()).tenant("acme");
    let error = block_on(durable_engine().resume(&other_key, answer())).unwrap_err();
    assert_eq!(error.kind(), "continuation-invalid", "{error}");
    let other_tenant = f.durable.clone().tenant("globex");
    let error = block_on(durable_engine().resume(&other_tenant, answer())).unwrap_err();
    assert_eq!(error.kind(), "continuation-invalid");
    assert!(error.to_string().contains("another tenant"), "{error}");
    // None of these consumed it.
    done(resume(&f, answer()));

    for id in ["no-such-execution", "../etc/passwd", "", "a/b", &"x".repeat(500)] {
        let error = resume(&f, Resume::new(id).result(1, json!(1))).unwrap_err();
        assert_eq!(error.kind(), "continuation-invalid", "{id}: {error}");
    }
}

#[test]
fn results_for_calls_it_does_not_await_are_refused_without_consuming_it() {
    let f = fixture();
    let first = suspended(start(&f, &policy(), APPROVAL, json!({"amount": 1, "who": "x"})));
    let call_id = first.pending[0].call_id;
    let error = resume(&f, Resume::new(first.id.as_str()).result(call_id + 100, json!(1))).unwrap_err();
    assert_eq!(error.kind(), "invalid-args", "{error}");
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).result(call_id, json!({"ok": true, "by": "w"}))));
    assert_eq!(outcome.result["approved"], true);
}

#[test]
fn an_error_result_rejects_the_scripts_promise() {
    let f = fixture();
    let script = r#"async function execute() {
        try { await approval("x"); return "no" } catch (e) { return { name: e.name, message: e.message, code: e.code } }
    }"#;
    let first = suspended(start(&f, &policy(), script, json!({})));
    let call_id = first.pending[0].call_id;
    let outcome = done(resume(
        &f,
        Resume::new(first.id.as_str()).error(call_id, HelperError::new("rejected by bob").with_code("denied")),
    ));
    assert_eq!(outcome.result["code"], "denied");
    assert!(outcome.result["message"].as_str().unwrap().contains("rejected by bob"), "{}", outcome.result);
}

#[test]
fn several_pending_calls_resume_one_at_a_time() {
    let f = fixture();
    let script = r#"async function execute() {
        const [a, b, c] = await Promise.all([approval("a"), approval("b"), approval("c")]);
        return a + b + c;
    }"#;
    let first = suspended(start(&f, &policy(), script, json!({})));
    assert_eq!(first.pending.iter().map(|p| p.args[0].as_str().unwrap()).collect::<Vec<_>>(), ["a", "b", "c"]);
    let ids: Vec<u32> = first.pending.iter().map(|p| p.call_id).collect();
    let second = suspended(resume(&f, Resume::new(first.id.as_str()).result(ids[1], json!("B"))));
    assert_eq!(second.generation, 2);
    assert_eq!(second.pending.iter().map(|p| p.call_id).collect::<Vec<_>>(), [ids[0], ids[2]]);
    let outcome =
        done(resume(&f, Resume::new(first.id.as_str()).result(ids[0], json!("A")).result(ids[2], json!("C"))));
    assert_eq!(outcome.result, json!("ABC"));
}

#[test]
fn a_far_timer_suspends_and_fires_once_due() {
    let f = fixture();
    let policy = policy().timeout(Duration::from_secs(5));
    let mut policy = policy;
    policy.suspend_timers_after = Some(Duration::from_millis(300));
    let script = r#"async function execute() {
        const t0 = performance.now(), d0 = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 600));
        return { slept: Date.now() - d0 >= 600, perf: performance.now() - t0 >= 600 };
    }"#;
    let before = SystemTime::now();
    let first = suspended(start(&f, &policy, script, json!({})));
    assert!(first.pending.is_empty());
    let wake_at = first.wake_at.expect("a timer");
    assert!(wake_at >= before + Duration::from_millis(550), "{wake_at:?}");
    // Resumed early: nothing is due, it suspends again.
    let again = suspended(resume(&f, Resume::new(first.id.as_str())));
    assert_eq!(again.generation, 2);
    let wake_at = again.wake_at.expect("the same timer");
    std::thread::sleep(wake_at.duration_since(SystemTime::now()).unwrap_or_default() + Duration::from_millis(20));
    let outcome = done(resume(&f, Resume::new(first.id.as_str())));
    assert_eq!(outcome.result, json!({"slept": true, "perf": true}));
    // The time it spent suspended does not count toward its timeout.
    assert!(outcome.stats.wall_time_us < 500_000, "{}", outcome.stats.wall_time_us);

    // Near timers are awaited in memory.
    let near = r#"async function execute() { await new Promise((r) => setTimeout(r, 50)); return "near" }"#;
    assert_eq!(done(start(&f, &policy, near, json!({}))).result, json!("near"));
}

#[test]
fn suspended_longer_than_max_suspended_is_expired() {
    let f = fixture();
    let mut policy = policy();
    policy.max_suspended = Duration::from_millis(1);
    let first = suspended(start(&f, &policy, APPROVAL, json!({"amount": 1, "who": "x"})));
    std::thread::sleep(Duration::from_millis(5));
    let error = resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!({}))).unwrap_err();
    assert_eq!(error.kind(), "continuation-expired", "{error}");
}

#[test]
fn limits_hold_across_suspensions() {
    let f = fixture();
    // max_calls counts the calls of every leg.
    let mut limited = policy();
    limited.helpers.max_calls = 2;
    let script = r#"async function execute() {
        await approval(1);
        count();
        try { count(); return "third call allowed" } catch (e) { return e.code }
    }"#;
    let first = suspended(start(&f, &limited, script, json!({})));
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!(1))));
    assert_eq!(outcome.result, json!("too-many-calls"));

    // Fuel carries over: the budget is for all legs together.
    let spin = r#"async function execute() {
        let x = 0; for (let i = 0; i < 200000; i++) x += i;
        await approval(1);
        for (let i = 0; i < 200000; i++) x += i;
        return x;
    }"#;
    let metered = policy().fuel(u64::MAX / 2);
    let first = suspended(start(&f, &metered, spin, json!({})));
    let full = done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!(1))));
    let used = full.stats.fuel_used.expect("metered");
    let tight = policy().fuel(used * 2 / 3);
    let first = suspended(start(&f, &tight, spin, json!({})));
    let error = resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!(1))).unwrap_err();
    assert_eq!(error.kind(), "fuel", "{error}");

    // The timeout counts the time spent running, not the time suspended.
    let short = policy().timeout(Duration::from_millis(400));
    let first = suspended(start(&f, &short, APPROVAL, json!({"amount": 1, "who": "x"})));
    std::thread::sleep(Duration::from_millis(500));
    let outcome =
        done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!({"ok": true}))));
    assert_eq!(outcome.result["approved"], true);
}

#[test]
fn resuming_under_another_policy_is_refused_and_the_same_one_with_secrets_works() {
    let f = fixture();
    let first = suspended(start(&f, &policy(), APPROVAL, json!({"amount": 1, "who": "x"})));
    let call_id = first.pending[0].call_id;
    let other = policy().memory(32 << 20);
    let error = resume(&f, Resume::new(first.id.as_str()).policy(other).result(call_id, json!({}))).unwrap_err();
    assert_eq!(error.kind(), "continuation-invalid", "{error}");
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).policy(policy()).result(call_id, json!({"ok": 1}))));
    assert_eq!(outcome.result["approved"], 1);
}

#[test]
fn outside_a_durable_run_an_answer_later_is_a_helper_error() {
    let script = r#"async function execute() { try { await approval(1) } catch (e) { return e.code } }"#;
    let out = block_on(durable_engine().execute(&policy(), script, json!({}))).unwrap();
    assert_eq!(out.result, json!("unavailable"));
}

#[test]
fn a_suspension_leaves_nothing_behind_for_the_next_execution() {
    let f = fixture();
    let script = r#"async function execute() {
        globalThis.leaked = "tenant secret"; Object.prototype.polluted = 1;
        await approval(1); return globalThis.leaked;
    }"#;
    let first = suspended(start(&f, &policy(), script, json!({})));
    let probe = r#"function execute() { return [typeof globalThis.leaked, ({}).polluted === undefined] }"#;
    assert_eq!(done(start(&f, &policy(), probe, json!({}))).result, json!(["undefined", true]));
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!(1))));
    assert_eq!(outcome.result, json!("tenant secret"));
}

#[test]
fn a_large_heap_survives_and_a_memory_limit_still_holds() {
    let f = fixture();
    let script = r#"async function execute({ n }) {
        const rows = Array.from({ length: n }, (_, i) => ({ i, s: "row-" + i }));
        await approval(1);
        let sum = 0; for (const r of rows) sum += r.i;
        return { sum, last: rows[n - 1].s };
    }"#;
    let first = suspended(start(&f, &policy(), script, json!({"n": 200000})));
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!(1))));
    assert_eq!(outcome.result, json!({"sum": 199999u64 * 200000 / 2, "last": "row-199999"}));

    // A memory bomb before the await still ends as memory-limit.
    let bomb = r#"async function execute() { const a = []; for (;;) a.push(new Array(100000).fill(1)); }"#;
    let error = start(&f, &policy().memory(16 << 20), bomb, json!({})).unwrap_err();
    assert_eq!(error.kind(), "memory-limit");
}

#[test]
fn a_shared_store_lets_another_engine_resume() {
    let f = fixture();
    let first = suspended(start(&f, &policy(), APPROVAL, json!({"amount": 9, "who": "x"})));
    // A second engine (as another process would have), same key and directory.
    let mut config = engine_config();
    config.helpers.add_durable("approval", |_call| async { HelperReply::Later }).unwrap();
    config.helpers.add_async("instant.approval", |_call| async { Ok(json!(true)) }).unwrap();
    config.helpers.add_sync("count", |call| Ok(json!(call.args.len()))).unwrap();
    let other = Engine::new(config).unwrap();
    let outcome = block_on(other.resume(
        &f.durable,
        Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!({"ok": true, "by": "n2"})),
    ))
    .unwrap()
    .done()
    .unwrap();
    assert_eq!(outcome.result["by"], "n2");
    assert_eq!(outcome.result["amount"], 9);
}

#[test]
fn logs_of_every_leg_reach_the_sinks() {
    let f = fixture();
    let script = r#"async function execute() { log("before"); await approval(1); console.warn("after"); return 1 }"#;
    let logs = jsbox::MemorySink::default();
    let run = block_on(durable_engine().run_durable(
        &policy(),
        Execution::new(script).logs(Arc::new(logs.clone())),
        &f.durable,
    ));
    let first = suspended(run);
    let later = jsbox::MemorySink::default();
    done(resume(
        &f,
        Resume::new(first.id.as_str()).logs(Arc::new(later.clone())).result(first.pending[0].call_id, json!(1)),
    ));
    assert_eq!(logs.lines().into_iter().map(|(_, l)| l).collect::<Vec<_>>(), ["before"]);
    assert_eq!(later.lines().into_iter().map(|(_, l)| l).collect::<Vec<_>>(), ["after"]);
}

/// A helper endpoint on 127.0.0.1: `/later` takes every call and answers
/// later (202 Accepted), `/now` answers `{"ok": 1}`.
fn endpoints() -> String {
    use axum::routing::post;
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let app = axum::Router::new()
            .route("/later", post(|| async { axum::http::StatusCode::ACCEPTED }))
            .route("/now", post(|| async { axum::Json(json!({"ok": 1})) }));
        let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        runtime().spawn(async move { axum::serve(listener, app).await.unwrap() });
        base
    })
    .clone()
}

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("approve.js"),
            r#"async function execute({ amount }) {
                log("asking for " + amount);
                let decision;
                try { decision = await approvals.request({ amount }) } catch (e) { return { failed: e.message } }
                const second = amount > 100 ? await approvals.request({ amount, again: true }) : null;
                return { amount, approved: decision.ok, second };
            }"#,
        )
        .unwrap();
        Cli { dir }
    }

    fn suspend_dir(&self) -> String {
        self.dir.path().join("suspended").to_string_lossy().into_owned()
    }

    fn jsbox(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, Value, String) {
        let out = run_program(&jsbox_bin(), args, b"", env);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let json = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
        (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn run(&self, amount: u32, extra: &[&str]) -> (i32, Value, String) {
        let script = self.dir.path().join("approve.js");
        let helper = format!("approvals.request={}/later", endpoints());
        let args = format!("{{\"amount\": {amount}}}");
        let dir = self.suspend_dir();
        let mut argv =
            vec!["run", script.to_str().unwrap(), "--args", &args, "--helper", &helper, "--suspend-dir", &dir];
        argv.extend_from_slice(extra);
        self.jsbox(&argv, &[])
    }

    fn resume(&self, id: &str, extra: &[&str], env: &[(&str, &str)]) -> (i32, Value, String) {
        let dir = self.suspend_dir();
        let mut argv = vec!["resume", id, "--suspend-dir", &dir];
        argv.extend_from_slice(extra);
        self.jsbox(&argv, env)
    }
}

#[test]
fn cli_run_suspends_and_resume_prints_what_run_would() {
    let cli = Cli::new();
    let (code, printed, stderr) = cli.run(150, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.trim(), "asking for 150");
    assert_eq!(printed["status"], "suspended");
    assert_eq!(printed["wake_at"], Value::Null);
    let id = printed["id"].as_str().unwrap().to_string();
    assert_eq!(printed["pending"], json!([{"call_id": 0, "helper": "approvals.request", "args": [{"amount": 150}]}]));
    assert_eq!(printed.as_object().unwrap().keys().collect::<Vec<_>>(), ["status", "id", "pending", "wake_at"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = std::fs::metadata(std::path::Path::new(&cli.suspend_dir()).join("key")).unwrap();
        assert_eq!(key.permissions().mode() & 0o777, 0o600);
    }

    // Resumed, it suspends again on the second call; then ends.
    let (code, again, stderr) = cli.resume(&id, &["--result", "0={\"ok\": true}"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(again["status"], "suspended");
    assert_eq!(again["id"], id.as_str());
    assert_eq!(again["pending"][0]["call_id"], 1);
    assert_eq!(again["pending"][0]["args"], json!([{"amount": 150, "again": true}]));
    let (code, result, stderr) = cli.resume(&id, &["--result", "1=\"twice\""], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result, json!({"amount": 150, "approved": true, "second": "twice"}));

    let (code, _, stderr) = cli.resume(&id, &["--result", "1=\"again\""], &[]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error[continuation-used]: "), "{stderr}");
}

#[test]
fn cli_resume_with_an_error_and_with_stats() {
    let cli = Cli::new();
    let (_, printed, _) = cli.run(5, &[]);
    let id = printed["id"].as_str().unwrap();
    let (code, result, stderr) = cli.resume(id, &["--error", "0=rejected by the manager", "--stats"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(result["result"]["failed"].as_str().unwrap().contains("rejected by the manager"), "{result}");
    assert_eq!(result["id"], id);
    assert_eq!(result["stats"]["helper_calls"], 1);
}

#[test]
fn cli_bad_continuations_exit_1_with_their_kind() {
    let cli = Cli::new();
    let (_, printed, _) = cli.run(5, &[]);
    let id = printed["id"].as_str().unwrap();
    let path = std::path::Path::new(&cli.suspend_dir()).join(format!("{id}.cont"));
    let sealed = std::fs::read(&path).unwrap();
    let expect = |kind: &str, env: &[(&str, &str)]| {
        let (code, stdout, stderr) = cli.resume(id, &["--result", "0={}"], env);
        assert_eq!((code, stdout), (1, Value::Null), "{stderr}");
        assert!(stderr.starts_with(&format!("error[{kind}]: ")), "{kind}: {stderr}");
    };
    let mut tampered = sealed.clone();
    tampered[sealed.len() / 2] ^= 1;
    std::fs::write(&path, &tampered).unwrap();
    expect("continuation-invalid", &[]);
    std::fs::write(&path, &sealed[..sealed.len() / 3]).unwrap();
    expect("continuation-invalid", &[]);
    std::fs::write(&path, &sealed).unwrap();
    let other_key = ContinuationKey::generate().to_hex();
    expect("continuation-invalid", &[("JSBOX_CONTINUATION_KEY", &other_key)]);
    let (code, _, stderr) = cli.resume("../../etc/passwd", &["--result", "0={}"], &[]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error[continuation-invalid]: "), "{stderr}");
    // Still intact after all that.
    let (code, result, stderr) = cli.resume(id, &["--result", "0={\"ok\": 7}"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result["approved"], 7);

    let (_, printed, _) = cli.run(5, &["--max-suspended", "1ms"]);
    std::thread::sleep(Duration::from_millis(5));
    let (code, _, stderr) = cli.resume(printed["id"].as_str().unwrap(), &["--result", "0={}"], &[]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error[continuation-expired]: "), "{stderr}");
}

#[test]
fn cli_key_from_the_environment_and_timers() {
    let cli = Cli::new();
    let key = ContinuationKey::generate().to_hex();
    let env = [("JSBOX_CONTINUATION_KEY", key.as_str())];
    let script = cli.dir.path().join("sleep.js");
    std::fs::write(&script, "async function execute() { await new Promise(r => setTimeout(r, 400)); return 'woke' }")
        .unwrap();
    let dir = cli.suspend_dir();
    let argv = ["run", script.to_str().unwrap(), "--suspend-dir", &dir, "--suspend-timers-after", "200ms"];
    let (code, printed, stderr) = cli.jsbox(&argv, &env);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(printed["pending"], json!([]));
    let wake_at = humantime::parse_rfc3339(printed["wake_at"].as_str().unwrap()).unwrap();
    assert!(!std::path::Path::new(&dir).join("key").exists(), "the key came from the environment");
    std::thread::sleep(wake_at.duration_since(SystemTime::now()).unwrap_or_default() + Duration::from_millis(20));
    let (code, result, stderr) = cli.resume(printed["id"].as_str().unwrap(), &[], &env);
    assert_eq!((code, result), (0, json!("woke")), "{stderr}");
    let (code, _, stderr) = cli.jsbox(&argv, &[("JSBOX_CONTINUATION_KEY", "not hex")]);
    assert_eq!(code, 2, "{stderr}");
}

// The hostile catalogue's durable cases (with the tampered, truncated,
// replayed, expired, wrong-tenant and wrong-build continuations above).

#[test]
fn hostile_a_script_suspending_ten_thousand_times() {
    let f = fixture();
    let script = r#"async function execute({ n }) {
        let total = 0;
        for (let i = 0; i < n; i++) total += await approval(i);
        return total;
    }"#;
    let mut many = policy();
    many.helpers.max_calls = 20_000;
    let mut run = start(&f, &many, script, json!({"n": 10_000}));
    let mut rounds = 0u32;
    let mut largest = 0;
    let outcome = loop {
        match run {
            Ok(Run::Suspended(s)) => {
                rounds += 1;
                largest = largest.max(s.size);
                assert_eq!(s.generation, rounds);
                let call = &s.pending[0];
                let n = call.args[0].as_u64().unwrap();
                run = resume(&f, Resume::new(s.id.as_str()).result(call.call_id, json!(n)));
            }
            Ok(Run::Done(outcome)) => break outcome,
            Err(e) => panic!("round {rounds}: {e}"),
        }
    };
    assert_eq!(rounds, 10_000);
    assert_eq!(outcome.result, json!(9999u64 * 10_000 / 2));
    assert!(largest < 64 << 10, "a continuation grew to {largest} bytes");
}

#[test]
fn hostile_huge_pending_helper_arguments() {
    let f = fixture();
    let script =
        r#"async function execute() { const big = "x".repeat(900 * 1024); return (await approval(big)).length }"#;
    let first = suspended(start(&f, &policy(), script, json!({})));
    assert_eq!(first.pending[0].args[0].as_str().unwrap().len(), 900 * 1024);
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!("ok"))));
    assert_eq!(outcome.result, json!(2));
    // Over max_args_bytes, the call is refused before it is ever pending.
    let mut small = policy();
    small.helpers.max_args_bytes = 1024;
    let refused =
        r#"async function execute() { try { await approval("y".repeat(4096)) } catch (e) { return e.code } }"#;
    assert_eq!(done(start(&f, &small, refused, json!({}))).result, json!("args-too-large"));
}

#[test]
fn hostile_a_continuation_from_a_memory_bomb() {
    let f = fixture();
    // Memory filled close to the limit (with data that does not compress),
    // then an await: the continuation carries it, resuming restores it
    // within the same limit.
    let script = r#"async function execute() {
        const chunks = [];
        try { for (;;) { const a = new Uint32Array(1 << 18); crypto.getRandomValues(a.subarray(0, 16384)); chunks.push(a) } }
        catch (e) { chunks.pop() }
        const kept = chunks.length;
        await approval(kept);
        return kept === chunks.length && chunks.every((c) => c.length === 1 << 18);
    }"#;
    let error = start(&f, &policy().memory(32 << 20), script, json!({})).unwrap_err();
    assert_eq!(error.kind(), "memory-limit", "a refused allocation still ends the execution");
    let grow = r#"async function execute() {
        const chunks = [];
        for (let i = 0; i < 24; i++) { const a = new Uint8Array(1 << 20); crypto.getRandomValues(a.subarray(0, 65536)); a[a.length - 1] = i; chunks.push(a) }
        await approval(chunks.length);
        return chunks.map((c) => c[c.length - 1]).join(",");
    }"#;
    let first = suspended(start(&f, &policy().memory(32 << 20), grow, json!({})));
    assert!(first.size > 24 * 65536, "random bytes do not compress: {}", first.size);
    assert!(first.size < 8 << 20, "untouched pages cost nothing: {}", first.size);
    let outcome = done(resume(&f, Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!(1))));
    assert_eq!(outcome.result, json!((0..24).map(|i| i.to_string()).collect::<Vec<_>>().join(",")));
}

// The service: 202 on suspension, resume and status per tenant, timers the
// service resumes itself, and a restart after kill -9 losing nothing.

/// A `jsbox serve --suspend-dir DIR` on 127.0.0.1, killed (SIGKILL) on drop.
struct Service {
    child: std::process::Child,
    base: String,
}

/// A service configuration: tenant `acme` (key `acme-key`, timers
/// suspended past 200 ms) and, with `globex`, tenant `globex`
/// (`globex-key`); `approvals.request` answers later, plus `helpers`.
fn service_config(globex: bool, helpers: &str) -> String {
    let hash = |key: &str| {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(key.as_bytes());
        format!("sha256:{}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
    };
    let endpoints = format!("\"approvals.request\" = \"{}/later\"{helpers}", endpoints());
    let mut config = format!(
        "[service]\nslots = 8\nwake_interval = \"50ms\"\n\n[[tenants]]\nname = \"acme\"\napi_keys = [\"{}\"]\n\
         [tenants.policy]\nsuspend_timers_after = \"200ms\"\nhelpers = {{ endpoints = {{ {endpoints} }} }}\n",
        hash("acme-key")
    );
    if globex {
        config += &format!(
            "\n[[tenants]]\nname = \"globex\"\napi_keys = [\"{}\"]\n[tenants.policy]\nhelpers = {{ endpoints = {{ {endpoints} }} }}\n",
            hash("globex-key")
        );
    }
    config
}

/// Starts `jsbox serve` with `config` and `extra` arguments; its address.
fn serve(
    dir: &std::path::Path,
    name: &str,
    config: &str,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (std::process::Child, String) {
    let config_path = dir.join(format!("{name}.toml"));
    std::fs::write(&config_path, config).unwrap();
    let addr_file = dir.join(format!("{name}-{}.addr", std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()));
    let mut child = std::process::Command::new(jsbox_bin())
        .args(["serve", "--listen", "127.0.0.1:0", "--config"])
        .arg(&config_path)
        .arg("--addr-file")
        .arg(&addr_file)
        .args(extra)
        .envs(env.iter().copied())
        .env("JSBOX_CACHE_DIR", cache_dir())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start jsbox serve");
    let until = std::time::Instant::now() + Duration::from_secs(30);
    while !addr_file.exists() {
        assert!(child.try_wait().unwrap().is_none(), "jsbox serve exited");
        assert!(std::time::Instant::now() < until, "jsbox serve did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, std::fs::read_to_string(&addr_file).unwrap().trim().to_string())
}

impl Service {
    fn start(dir: &std::path::Path) -> Service {
        let suspended = dir.join("suspended");
        let (child, addr) =
            serve(dir, "jsbox", &service_config(true, ""), &["--suspend-dir", suspended.to_str().unwrap()], &[]);
        Service { child, base: format!("http://{addr}") }
    }
    fn call(&self, method: &str, path: &str, key: &str, body: Option<Value>) -> (u16, Value) {
        block_on(async {
            let client = reqwest::Client::builder().no_proxy().build().unwrap();
            let url = format!("{}{path}", self.base);
            let mut request = if method == "GET" { client.get(url) } else { client.post(url) };
            request = request.bearer_auth(key);
            if let Some(body) = body {
                request = request.header("content-type", "application/json").body(body.to_string());
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
        })
    }

    fn execute(&self, key: &str, script: &str, args: Value) -> (u16, Value) {
        self.call("POST", "/v1/execute", key, Some(json!({"script": script, "args": args})))
    }

    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const SERVICE_APPROVAL: &str = r#"async function execute({ n }) {
    log("start " + n);
    const decision = await approvals.request({ n });
    return { n, decision };
}"#;

#[test]
fn service_suspends_with_202_and_resumes_per_tenant() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::start(dir.path());
    let (status, body) = service.execute("acme-key", SERVICE_APPROVAL, json!({"n": 1}));
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "suspended");
    assert_eq!(body["wake_at"], Value::Null);
    assert_eq!(body["pending"], json!([{"call_id": 0, "helper": "approvals.request", "args": [{"n": 1}]}]));
    let id = body["id"].as_str().unwrap().to_string();

    let (status, seen) = service.call("GET", &format!("/v1/executions/{id}"), "acme-key", None);
    assert_eq!((status, &seen["status"], &seen["pending"]), (200, &json!("suspended"), &body["pending"]));
    // Another tenant: as if it did not exist.
    let (status, other) = service.call("GET", &format!("/v1/executions/{id}"), "globex-key", None);
    assert_eq!((status, &other["error"]["kind"]), (404, &json!("not-found")));
    let results = json!({"results": {"0": {"approved": true}}});
    let (status, _) = service.call("POST", &format!("/v1/executions/{id}/resume"), "globex-key", Some(results.clone()));
    assert_eq!(status, 404);
    let (status, _) = service.call("POST", &format!("/v1/executions/{id}/resume"), "nobody", Some(results.clone()));
    assert_eq!(status, 401);

    let (status, done) =
        service.call("POST", &format!("/v1/executions/{id}/resume"), "acme-key", Some(results.clone()));
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["result"], json!({"n": 1, "decision": {"approved": true}}));
    assert_eq!(done["id"], id.as_str());
    let (status, again) = service.call("POST", &format!("/v1/executions/{id}/resume"), "acme-key", Some(results));
    assert_eq!((status, &again["error"]["kind"]), (409, &json!("continuation-used")), "{again}");

    // An error result, and results for a call it does not await.
    let (_, body) = service.execute("acme-key", SERVICE_APPROVAL, json!({"n": 2}));
    let id = body["id"].as_str().unwrap();
    let path = format!("/v1/executions/{id}/resume");
    let (status, bad) = service.call("POST", &path, "acme-key", Some(json!({"results": {"9": 1}})));
    assert_eq!((status, &bad["error"]["kind"]), (400, &json!("invalid-args")), "{bad}");
    let (status, failed) = service.call(
        "POST",
        &path,
        "acme-key",
        Some(json!({"results": {"0": {"error": "no budget", "code": "denied"}}})),
    );
    assert_eq!(status, 422, "{failed}");
    assert_eq!((&failed["error"]["kind"], &failed["error"]["code"]), (&json!("helper"), &json!("denied")));
}

#[test]
fn service_resumes_due_timers_itself() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::start(dir.path());
    let script = r#"async function execute() { await new Promise((r) => setTimeout(r, 400)); return "woke" }"#;
    let (status, body) = service.execute("acme-key", script, json!({}));
    assert_eq!(status, 202, "{body}");
    assert!(body["wake_at"].is_string(), "{body}");
    let id = body["id"].as_str().unwrap();
    let until = std::time::Instant::now() + Duration::from_secs(20);
    let done = loop {
        let (status, seen) = service.call("GET", &format!("/v1/executions/{id}"), "acme-key", None);
        assert_eq!(status, 200, "{seen}");
        if seen["status"] == "done" {
            break seen;
        }
        assert!(std::time::Instant::now() < until, "not resumed: {seen}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(done["result"], json!("woke"));
    let (status, _) = service.call("GET", &format!("/v1/executions/{id}"), "globex-key", None);
    assert_eq!(status, 404);
}

#[test]
fn service_killed_while_executions_are_suspended_loses_none_and_runs_none_twice() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::start(dir.path());
    let ids: Vec<String> = (0..20)
        .map(|n| {
            let (status, body) = service.execute("acme-key", SERVICE_APPROVAL, json!({"n": n}));
            assert_eq!(status, 202, "{body}");
            body["id"].as_str().unwrap().to_string()
        })
        .collect();
    service.kill();
    // A new process on the same directory (as a restarted pod, or another replica).
    let restarted = Service::start(dir.path());
    for (n, id) in ids.iter().enumerate() {
        let path = format!("/v1/executions/{id}/resume");
        let (status, done) = restarted.call("POST", &path, "acme-key", Some(json!({"results": {"0": n * 10}})));
        assert_eq!(status, 200, "{done}");
        assert_eq!(done["result"], json!({"n": n, "decision": n * 10}));
        let (status, _) = restarted.call("POST", &path, "acme-key", Some(json!({"results": {"0": 0}})));
        assert_eq!(status, 409, "resumed once");
    }
}

#[test]
fn the_first_durable_run_of_an_engine_that_has_been_up_a_while_works() {
    // The pristine image is read on the first durable run: by then the
    // engine's epoch has moved on (found by the service test: a deadline of
    // u64::MAX ticks wrapped past it and the read trapped as `internal`).
    let mut config = engine_config();
    config.helpers.add_durable("approval", |_call| async { HelperReply::Later }).unwrap();
    let engine = Engine::new(config).unwrap();
    block_on(engine.execute(&Policy::default(), "function execute() { return 1 }", json!({}))).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let f = fixture();
    let run = block_on(engine.run_durable(
        &Policy::default().allow_helper("approval"),
        Execution::new("async function execute() { return await approval() }"),
        &f.durable,
    ));
    suspended(run);
}

// Redis: the store replicas share; two replicas behind HAProxy, one killed.

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn find_program(name: &str) -> std::path::PathBuf {
    for dir in ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"] {
        let path = std::path::Path::new(dir).join(name);
        if path.exists() {
            return path;
        }
    }
    panic!("{name} is missing: run `make setup`");
}

/// A redis-server on 127.0.0.1 (a free port), nothing saved to disk.
struct Redis {
    child: std::process::Child,
    url: String,
}

impl Redis {
    fn start(dir: &std::path::Path) -> Redis {
        let port = free_port();
        let child = std::process::Command::new(find_program("redis-server"))
            .args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start redis-server");
        let until = std::time::Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(std::time::Instant::now() < until, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Redis { child, url: format!("redis://127.0.0.1:{port}/") }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_redis_store_keeps_consumes_once_and_lists_due_timers() {
    use jsbox::ContinuationStore;
    let dir = tempfile::tempdir().unwrap();
    let redis = Redis::start(dir.path());
    let store = block_on(jsbox::RedisStore::connect(&redis.url)).unwrap().prefix("t1:");
    let durable = Durable::new(ContinuationKey::generate(), store.clone()).tenant("acme");
    let run = block_on(durable_engine().run_durable(
        &policy(),
        Execution::new(APPROVAL).args(json!({"amount": 3, "who": "r"})),
        &durable,
    ));
    let first = suspended(run);
    assert_eq!(block_on(store.consumed(first.id.as_str())).unwrap(), None);
    // Two engines race to resume it: one runs it.
    let make = || {
        durable_engine().resume(
            &durable,
            Resume::new(first.id.as_str()).result(first.pending[0].call_id, json!({"ok": true, "by": "redis"})),
        )
    };
    let (a, b) = block_on(async { tokio::join!(make(), make()) });
    let results = [a, b];
    assert_eq!(
        results.iter().filter(|r| matches!(r, Ok(Run::Done(o)) if o.result["by"] == "redis")).count(),
        1,
        "{results:?}"
    );
    assert_eq!(results.iter().filter(|r| matches!(r, Err(e) if e.kind() == "continuation-used")).count(), 1);
    assert_eq!(block_on(store.load(first.id.as_str())).unwrap(), None, "an ended execution leaves nothing");
    // Timers: listed once due, with their tenant; no longer once consumed.
    let mut timers = policy();
    timers.suspend_timers_after = Some(Duration::from_millis(100));
    let script = "async function execute() { await new Promise((r) => setTimeout(r, 300)); return 1 }";
    let waiting = suspended(block_on(durable_engine().run_durable(&timers, Execution::new(script), &durable)));
    let now = SystemTime::now();
    assert_eq!(block_on(store.due(now, 10)).unwrap(), vec![]);
    let later = waiting.wake_at.unwrap() + Duration::from_millis(1);
    assert_eq!(block_on(store.due(later, 10)).unwrap(), vec![(waiting.id.to_string(), "acme".to_string())]);
    std::thread::sleep(later.duration_since(SystemTime::now()).unwrap_or_default());
    assert_eq!(done(block_on(durable_engine().resume(&durable, Resume::new(waiting.id.as_str())))).result, json!(1));
    assert_eq!(block_on(store.due(later, 10)).unwrap(), vec![]);
}

/// A `jsbox serve` replica sharing Redis.
fn replica(dir: &std::path::Path, name: &str, redis: &str, key: &str, count: &str) -> (std::process::Child, String) {
    let config = service_config(false, &format!(", \"count.hit\" = \"{count}\""));
    serve(dir, name, &config, &["--suspend-redis", redis], &[("JSBOX_CONTINUATION_KEY", key)])
}

#[test]
fn replicas_behind_haproxy_sharing_redis_lose_nothing_when_one_is_killed() {
    use std::collections::HashMap;
    use std::sync::Mutex;
    let dir = tempfile::tempdir().unwrap();
    let redis = Redis::start(dir.path());
    // Counts, per execution, the calls made after its resume: each must be 1.
    static HITS: OnceLock<Mutex<HashMap<String, u32>>> = OnceLock::new();
    let hits = HITS.get_or_init(Default::default);
    let count = {
        use axum::routing::post;
        let app = axum::Router::new().route(
            "/count",
            post(|body: axum::Json<Value>| async move {
                let n = body.0["args"][0].to_string();
                *HITS.get().unwrap().lock().unwrap().entry(n).or_default() += 1;
                axum::Json(json!("counted"))
            }),
        );
        let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let base = format!("http://{}/count", listener.local_addr().unwrap());
        runtime().spawn(async move { axum::serve(listener, app).await.unwrap() });
        base
    };
    let key = ContinuationKey::generate().to_hex();
    let (mut a, a_addr) = replica(dir.path(), "a", &redis.url, &key, &count);
    let (mut b, b_addr) = replica(dir.path(), "b", &redis.url, &key, &count);
    let front = free_port();
    let haproxy_config = format!(
        "global\n  maxconn 256\ndefaults\n  mode http\n  timeout connect 1s\n  timeout client 30s\n  timeout server 30s\n  \
         retries 3\n  option redispatch 1\n  retry-on conn-failure\n  option http-server-close\n\
         frontend jsbox\n  bind 127.0.0.1:{front}\n  default_backend replicas\n\
         backend replicas\n  balance roundrobin\n  option httpchk GET /readyz\n  http-check expect status 200\n  \
         default-server inter 100ms fall 1 rise 1\n  server a {a_addr} check\n  server b {b_addr} check\n"
    );
    std::fs::write(dir.path().join("haproxy.cfg"), haproxy_config).unwrap();
    let mut haproxy = std::process::Command::new(find_program("haproxy"))
        .args(["-db", "-f"])
        .arg(dir.path().join("haproxy.cfg"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start haproxy");
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", front)).is_err() {
        assert!(std::time::Instant::now() < until, "haproxy did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300)); // both replicas checked up
    let front_service = Service {
        child: std::process::Command::new("true").spawn().unwrap(),
        base: format!("http://127.0.0.1:{front}"),
    };
    let approval = r#"async function execute({ n }) { const d = await approvals.request(n); await count.hit(n); return { n, d } }"#;
    let sleeper = r#"async function execute({ n }) { await new Promise((r) => setTimeout(r, 600)); await count.hit(n); return { n, woke: true } }"#;
    let mut waiting = Vec::new();
    for n in 0..20 {
        let (status, body) =
            front_service.execute("acme-key", if n % 2 == 0 { approval } else { sleeper }, json!({"n": n}));
        assert_eq!(status, 202, "{body}");
        waiting.push((n, body["id"].as_str().unwrap().to_string()));
    }
    // One replica dies mid-flight; HAProxy sends everything to the other.
    a.kill().unwrap();
    a.wait().unwrap();
    for (n, id) in &waiting {
        if n % 2 == 0 {
            let path = format!("/v1/executions/{id}/resume");
            let (status, done) = front_service.call("POST", &path, "acme-key", Some(json!({"results": {"0": n * 10}})));
            assert_eq!(status, 200, "{done}");
            assert_eq!(done["result"], json!({"n": n, "d": n * 10}));
        }
    }
    // The timers: resumed by the surviving replica on its own.
    for (n, id) in waiting.iter().filter(|(n, _)| n % 2 == 1) {
        let until = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            let (status, seen) = front_service.call("GET", &format!("/v1/executions/{id}"), "acme-key", None);
            assert_eq!(status, 200, "{seen}");
            if seen["status"] == "done" {
                assert_eq!(seen["result"], json!({"n": n, "woke": true}));
                break;
            }
            assert!(std::time::Instant::now() < until, "{id} was never resumed: {seen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let hits = hits.lock().unwrap();
    assert_eq!(hits.len(), 20, "every execution went on after its suspension: {hits:?}");
    assert!(hits.values().all(|&count| count == 1), "none ran twice: {hits:?}");
    let _ = haproxy.kill();
    let _ = haproxy.wait();
    let _ = b.kill();
    let _ = b.wait();
}
