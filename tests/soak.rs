//! `make soak`: many executions of a mix of good and hostile scripts on one
//! engine, on all cores, against a real local API. Every outcome is checked
//! (a good script's exact result, a hostile one's exact error kind); resident
//! memory and open file descriptors are read after the warm-up, halfway and
//! at the end. Exits non-zero on any wrong outcome, on RSS growing more than
//! 10% past its post-warm-up value, or on leaked descriptors.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use jsbox_tests::*;
use serde_json::{Value, json};

/// Soak test: a mix of good and hostile scripts on one engine.
#[derive(Parser)]
struct Args {
    /// Executions to run after the warm-up.
    #[arg(short = 'n', long, default_value_t = 100_000)]
    executions: usize,
    /// Executions in flight at once (default: 4 per core).
    #[arg(long)]
    concurrency: Option<usize>,
    /// Executions run before the first RSS reading (pool slots and caches
    /// filling up is not a leak).
    #[arg(long, default_value_t = 2_000)]
    warmup: usize,
}

/// One kind of script in the mix and how it must end.
struct Mix {
    name: &'static str,
    script: &'static str,
    policy: Policy,
    /// `Ok(result)` or `Err(kind)`.
    expect: Result<Value, &'static str>,
    /// How many of each round of the mix.
    weight: usize,
}

#[rustfmt::skip] // a table: one script per line
fn mix(server: &TestServer) -> Vec<Mix> {
    let api = server.policy().timeout(Duration::from_secs(5));
    let small = Policy::default().memory(8 << 20);
    let quick = Policy::default().timeout(Duration::from_millis(20));
    let mut few_logs = Policy::default();
    few_logs.max_log_lines = 20;
    let mut small_result = Policy::default();
    small_result.max_result_bytes = 1 << 10;
    let good = |name, script, policy: &Policy, result: Value, weight| Mix { name, script, policy: policy.clone(), expect: Ok(result), weight };
    let bad = |name, script, policy: &Policy, kind, weight| Mix { name, script, policy: policy.clone(), expect: Err(kind), weight };
    let default = Policy::default();
    vec![
        good("arithmetic", "function execute(a) { return a.token.length * 2 }", &default, json!(2 * TOKEN.len()), 6),
        good("json transform", "function execute() { const xs = Array.from({length: 200}, (_, i) => ({ i, sq: i * i })); return JSON.parse(JSON.stringify(xs)).filter(x => x.i % 50 === 0).map(x => x.sq) }", &default, json!([0, 2500, 10000, 22500]), 4),
        good("seed-style GET", "async function execute(a) { const d = await http.sendGetRequest({ Authorization: a.token }, a.base + 'bcdr/device?_page=1'); return d.items.length }", &api, json!(3), 4),
        good("fetch POST", "async function execute(a) { const r = await fetch(a.base + 'echo', { method: 'POST', body: JSON.stringify({ n: 7 }) }); return (await r.json()).json.n }", &api, json!(7), 3),
        good("parallel requests", "async function execute(a) { const rs = await Promise.all([1, 2, 3].map(() => http.sendGetRequest({ Authorization: a.token }, a.base + 'bcdr/device'))); return rs.length }", &api, json!(3), 1),
        good("timers and logs", "async function execute() { log('a', 1); console.warn('b'); await new Promise(r => setTimeout(r, 1)); return btoa('ok') }", &default, json!("b2s="), 2),
        bad("memory bomb", "function execute() { const a = []; for (;;) a.push(new Array(1000).fill(1)) }", &small, "memory-limit", 1),
        bad("infinite loop", "function execute() { for (;;) {} }", &quick, "timeout", 1),
        bad("fuel burn", "function execute() { for (;;) {} }", &Policy::default().fuel(2_000_000), "fuel", 1),
        bad("deep recursion", "function f() { return f() + 1 } function execute() { return f() }", &default, "exception", 1),
        bad("syntax error", "function execute( { return 1 }", &default, "syntax", 1),
        bad("no execute", "const x = 1;", &default, "missing-execute", 1),
        bad("never settles", "function execute() { return new Promise(() => {}) }", &default, "exception", 1),
        bad("log flood", "function execute() { for (;;) log('flood') }", &few_logs, "output-limit", 1),
        bad("huge result", "function execute() { return 'x'.repeat(4096) }", &small_result, "output-limit", 1),
        bad("cycle", "function execute() { const a = {}; a.a = a; return a }", &default, "exception", 1),
        bad("denied host", "async function execute() { return await fetch('http://127.0.0.1:1/') }", &default, "network-denied", 1),
        bad("thrown string", "async function execute() { await null; throw 'no' }", &default, "exception", 1),
    ]
}

fn rss_bytes() -> u64 {
    jsbox_cli::bench::ResidentMemory::read().current
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |dir| dir.count())
}

#[derive(Default)]
struct Tally {
    by_kind: BTreeMap<String, usize>,
    wrong: usize,
    /// The first few wrong outcomes, described.
    examples: Vec<String>,
    /// RSS and open descriptors when the halfway execution started.
    halfway: Option<(u64, usize)>,
}

/// Runs `count` executions of the mix, `concurrency` at a time.
async fn soak(
    engine: Engine,
    cases: Arc<Vec<Mix>>,
    args: Arc<Value>,
    count: usize,
    concurrency: usize,
    tally: Arc<Mutex<Tally>>,
) {
    let schedule: Arc<Vec<usize>> =
        Arc::new(cases.iter().enumerate().flat_map(|(i, m)| std::iter::repeat_n(i, m.weight)).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (engine, cases, args, tally, schedule, next) =
            (engine.clone(), cases.clone(), args.clone(), tally.clone(), schedule.clone(), next.clone());
        workers.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    return;
                }
                if i == count / 2 {
                    tally.lock().unwrap().halfway = Some((rss_bytes(), open_fds()));
                }
                let case = &cases[schedule[i % schedule.len()]];
                let outcome = engine.execute(&case.policy, case.script, (*args).clone()).await;
                let mut tally = tally.lock().unwrap();
                let kind = match &outcome {
                    Ok(_) => "ok",
                    Err(e) => e.kind(),
                };
                *tally.by_kind.entry(kind.to_string()).or_default() += 1;
                let right = match (&outcome, &case.expect) {
                    (Ok(out), Ok(expected)) => &out.result == expected,
                    (Err(e), Err(kind)) => e.kind() == *kind,
                    _ => false,
                };
                if !right {
                    tally.wrong += 1;
                    if tally.examples.len() < 20 {
                        let got = outcome
                            .map(|o| o.result.to_string())
                            .unwrap_or_else(|e| format!("error[{}]: {e}", e.kind()));
                        tally.examples.push(format!("{}: got {got:.200}", case.name));
                    }
                }
            }
        });
    }
    while let Some(joined) = workers.join_next().await {
        joined.expect("a soak worker panicked");
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
}

fn main() {
    let cli = Args::parse();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let concurrency = cli.concurrency.unwrap_or(4 * cores).max(1);
    // One pool slot per execution in flight: the slots in use (and their
    // resident pages) stop growing once each has been used.
    let mut config = engine_config();
    config.max_concurrency = concurrency as u32;
    let engine = block_on(async { Engine::new(config) }).expect("engine");
    let server = TestServer::start();
    let cases = Arc::new(mix(&server));
    let args = Arc::new(json!({"base": server.base(), "token": TOKEN}));
    let tally = Arc::new(Mutex::new(Tally::default()));

    let warmup = Arc::new(Mutex::new(Tally::default()));
    block_on(soak(engine.clone(), cases.clone(), args.clone(), cli.warmup, concurrency, warmup));
    let (rss_start, fds_start) = (rss_bytes(), open_fds());
    let started = Instant::now();
    block_on(soak(engine, cases, args, cli.executions, concurrency, tally.clone()));
    let took = started.elapsed();
    let (rss_end, fds_end) = (rss_bytes(), open_fds());

    let tally = tally.lock().unwrap();
    let (rss_middle, fds_middle) = tally.halfway.unwrap_or((rss_end, fds_end));
    let per_sec = cli.executions as f64 / took.as_secs_f64();
    println!(
        "soak: {} executions ({} warm-up first), {concurrency} in flight, {cores} cores",
        cli.executions, cli.warmup
    );
    println!("  time      {:.1} s, {per_sec:.0} executions/s", took.as_secs_f64());
    println!("  outcomes  {}", tally.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", "));
    println!("  RSS       start {}, middle {}, end {}", mib(rss_start), mib(rss_middle), mib(rss_end));
    println!("  open fds  start {fds_start}, middle {fds_middle}, end {fds_end}");

    let mut failures = Vec::new();
    if tally.wrong > 0 {
        failures.push(format!("{} wrong outcomes, e.g.:\n    {}", tally.wrong, tally.examples.join("\n    ")));
    }
    let rss_bound = rss_start + rss_start / 10;
    if rss_middle.max(rss_end) > rss_bound {
        failures.push(format!(
            "RSS grew more than 10%: {} after warm-up, {} at most allowed",
            mib(rss_start),
            mib(rss_bound)
        ));
    }
    // Idle keep-alive connections to the local API come and go; a leak grows
    // with the executions.
    if fds_end > fds_start + 2 * concurrency {
        failures.push(format!("open file descriptors grew from {fds_start} to {fds_end}"));
    }
    if failures.is_empty() {
        println!("soak: PASS");
    } else {
        println!("soak: FAIL\n  {}", failures.join("\n  "));
        std::process::exit(1);
    }
}
