//! Native QuickJS baseline for `make bench`: the same javy runtime jsbox's
//! guest uses, compiled for the host instead of Wasm, running a script's
//! `execute(args)` in a fresh runtime each time. Prints one JSON line like
//! `jsbox bench` (p50/p99 in µs, executions per second).
//!
//! usage: jsbox-native-bench SCRIPT ARGS_JSON N WARMUP
use std::time::{Duration, Instant};

use javy::quickjs::{Function, Value};

fn execute_once(script: &str, args_json: &str) -> String {
    let runtime = javy::Runtime::default();
    runtime.context().with(|ctx| {
        ctx.eval::<(), _>(script).expect("the script evaluates");
        let execute: Function = ctx.globals().get("execute").expect("execute is defined");
        let parse: Function = ctx.eval("JSON.parse").unwrap();
        let stringify: Function = ctx.eval("JSON.stringify").unwrap();
        let args: Value = parse.call((args_json,)).unwrap();
        let result: Value = execute.call((args,)).expect("execute runs");
        stringify.call::<_, Option<String>>((result,)).unwrap().unwrap_or_default()
    })
}

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    let [_, path, args_json, n, warmup] = &argv[..] else {
        eprintln!("usage: jsbox-native-bench SCRIPT ARGS_JSON N WARMUP");
        std::process::exit(2);
    };
    let script = std::fs::read_to_string(path).expect("read the script");
    let (n, warmup): (usize, usize) = (n.parse().unwrap(), warmup.parse().unwrap());
    for _ in 0..warmup {
        execute_once(&script, args_json);
    }
    let started = Instant::now();
    let mut latencies: Vec<Duration> = (0..n)
        .map(|_| {
            let began = Instant::now();
            std::hint::black_box(execute_once(&script, args_json));
            began.elapsed()
        })
        .collect();
    let elapsed = started.elapsed();
    latencies.sort();
    let pick = |p: f64| latencies[((n as f64 * p).ceil() as usize).clamp(1, n) - 1].as_micros() as u64;
    let report = serde_json::json!({
        "n": n, "concurrency": 1, "p50_us": pick(0.5), "p99_us": pick(0.99),
        "per_sec": n as f64 / elapsed.as_secs_f64(), "peak_rss_bytes": 0,
    });
    println!("{report}");
}
