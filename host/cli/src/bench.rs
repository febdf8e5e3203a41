//! `jsbox bench`: N executions of one script, each in a fresh sandbox, C at a
//! time, after a warm-up; latency percentiles, throughput, peak RSS and
//! peak PSS.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use jsbox::{Engine, Error, Execution, ExecutionId, Policy};

/// One benchmark run's figures (the JSON line `jsbox bench` prints).
///
/// ```
/// let report = jsbox_cli::bench::BenchReport {
///     n: 2, concurrency: 1, p50_us: 40, p99_us: 90, per_sec: 20000.0, peak_rss_bytes: 1 << 20, peak_pss_bytes: 0,
/// };
/// assert!(serde_json::to_string(&report).unwrap().starts_with(r#"{"n":2,"concurrency":1,"p50_us":40"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchReport {
    /// Executions measured (warm-up excluded).
    pub n: usize,
    /// Executions in flight at once.
    pub concurrency: usize,
    /// Median latency of one execution, microseconds.
    pub p50_us: u64,
    /// 99th percentile latency, microseconds.
    pub p99_us: u64,
    /// Executions completed per second of wall time.
    pub per_sec: f64,
    /// Peak resident memory of the process during the measured run (Linux;
    /// 0 where unknown).
    pub peak_rss_bytes: u64,
    /// Peak proportional set size during the measured run, sampled every
    /// 200 ms when executions run concurrently (Linux; 0 otherwise). Unlike
    /// RSS it counts pages shared between sandboxes (the snapshot's image)
    /// once, so it is what the sandboxes really cost the machine.
    pub peak_pss_bytes: u64,
}

/// Runs `execution` `n` times (`concurrency` at a time) after `warmup`
/// runs, each with its own id. The first failing execution aborts the
/// benchmark with its error.
pub async fn run(
    engine: &Engine,
    policy: &Policy,
    execution: &Execution,
    n: usize,
    concurrency: usize,
    warmup: usize,
) -> Result<BenchReport, Error> {
    let concurrency = concurrency.max(1);
    for _ in 0..warmup {
        engine.run(policy, again(execution)).await?;
    }
    reset_peak_rss();
    let pss = (concurrency > 1).then(PssSampler::start);
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(n);
    if concurrency == 1 {
        // One at a time on this task: no cross-thread scheduling in the figures.
        for _ in 0..n {
            let began = Instant::now();
            engine.run(policy, again(execution)).await?;
            latencies.push(began.elapsed());
        }
    } else {
        // `concurrency` tasks, each running executions back to back (as a
        // service's workers do): no task spawned and no thread woken per
        // execution, so the figures are jsbox's, not the harness's.
        let shared = Arc::new((engine.clone(), policy.clone(), execution.clone()));
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..concurrency.min(n) {
            let (shared, next) = (shared.clone(), next.clone());
            tasks.spawn(async move {
                let (engine, policy, execution) = &*shared;
                let mut mine = Vec::new();
                while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < n {
                    let began = Instant::now();
                    engine.run(policy, again(execution)).await?;
                    mine.push(began.elapsed());
                }
                Ok::<_, Error>(mine)
            });
        }
        while let Some(joined) = tasks.join_next().await {
            latencies.extend(joined.map_err(internal)??);
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    Ok(BenchReport {
        n,
        concurrency,
        p50_us: percentile(&latencies, 0.50),
        p99_us: percentile(&latencies, 0.99),
        per_sec: if elapsed.is_zero() { 0.0 } else { n as f64 / elapsed.as_secs_f64() },
        peak_rss_bytes: ResidentMemory::read().peak,
        peak_pss_bytes: pss.map_or(0, PssSampler::stop),
    })
}

/// A durable benchmark's figures (the JSON line `jsbox bench --durable`
/// prints): each execution runs until it suspends on the durable helper
/// `approval`, then is resumed with `{"ok": true, "by": "bench"}` to its end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DurableReport {
    /// Executions measured (each suspended once and resumed once).
    pub n: usize,
    /// From the start of `run_durable` to the continuation stored.
    pub suspend_p50_us: u64,
    pub suspend_p99_us: u64,
    /// From the start of `resume` to the outcome.
    pub resume_p50_us: u64,
    pub resume_p99_us: u64,
    /// Sealed continuation sizes in bytes.
    pub size_min: usize,
    pub size_p50: usize,
    pub size_max: usize,
    /// The store: `memory` or `fs`.
    pub store: &'static str,
}

/// Runs `execution` `n` times as a durable execution (after `warmup`),
/// suspending into `durable`'s store and resuming.
pub async fn durable(
    engine: &Engine,
    policy: &Policy,
    execution: &Execution,
    durable: &jsbox::Durable,
    store: &'static str,
    n: usize,
    warmup: usize,
) -> Result<DurableReport, Error> {
    let mut suspends = Vec::with_capacity(n);
    let mut resumes = Vec::with_capacity(n);
    let mut sizes = Vec::with_capacity(n);
    for round in 0..warmup + n {
        let began = Instant::now();
        let run = engine.run_durable(policy, again(execution), durable).await?;
        let suspended_at = began.elapsed();
        let Some(suspended) = run.suspended() else {
            return Err(internal("the benchmark's script must suspend on `approval` (it ended)"));
        };
        let Some(call) = suspended.pending.first() else {
            return Err(internal("the benchmark's script suspended with no pending call"));
        };
        let resume = jsbox::Resume::new(suspended.id.as_str())
            .result(call.call_id, serde_json::json!({"ok": true, "by": "bench"}));
        let began = Instant::now();
        let end = engine.resume(durable, resume).await?;
        let resumed_in = began.elapsed();
        if end.done().is_none() {
            return Err(internal("the benchmark's script must end once `approval` answers (it suspended again)"));
        }
        if round >= warmup {
            suspends.push(suspended_at);
            resumes.push(resumed_in);
            sizes.push(suspended.size);
        }
    }
    suspends.sort();
    resumes.sort();
    sizes.sort();
    Ok(DurableReport {
        n,
        suspend_p50_us: percentile(&suspends, 0.50),
        suspend_p99_us: percentile(&suspends, 0.99),
        resume_p50_us: percentile(&resumes, 0.50),
        resume_p99_us: percentile(&resumes, 0.99),
        size_min: sizes.first().copied().unwrap_or(0),
        size_p50: sizes.get(sizes.len() / 2).copied().unwrap_or(0),
        size_max: sizes.last().copied().unwrap_or(0),
        store,
    })
}

/// Resident memory while `n` executions are suspended and kept in the
/// store (`jsbox bench --durable --hold`): they live in the store, not in
/// the process.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldReport {
    /// Executions suspended and left suspended.
    pub n: usize,
    /// (suspended so far, resident bytes then).
    pub rss: Vec<(usize, u64)>,
    /// Suspensions per second of wall time.
    pub per_sec: f64,
    /// Sealed bytes in the store, all together.
    pub stored_bytes: u64,
}

/// Suspends `execution` `n` times into `durable`'s store and never resumes.
pub async fn durable_held(
    engine: &Engine,
    policy: &Policy,
    execution: &Execution,
    durable: &jsbox::Durable,
    n: usize,
) -> Result<HeldReport, Error> {
    let marks: Vec<usize> = [n / 100, n / 10, n / 2, n].into_iter().filter(|&m| m > 0).collect();
    let mut rss = vec![(0, ResidentMemory::read().current)];
    let mut stored_bytes = 0u64;
    let started = Instant::now();
    for done in 1..=n {
        let run = engine.run_durable(policy, again(execution), durable).await?;
        let Some(suspended) = run.suspended() else {
            return Err(internal("the benchmark's script must suspend on `approval` (it ended)"));
        };
        stored_bytes += suspended.size as u64;
        if marks.contains(&done) {
            rss.push((done, ResidentMemory::read().current));
        }
    }
    let elapsed = started.elapsed();
    Ok(HeldReport { n, rss, per_sec: n as f64 / elapsed.as_secs_f64().max(1e-9), stored_bytes })
}

/// `execution` once more, under a new id.
fn again(execution: &Execution) -> Execution {
    execution.clone().with_id(ExecutionId::new())
}

fn percentile(sorted: &[Duration], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_micros() as u64
}

/// Resets the kernel's peak-RSS mark so it covers only the measured run.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// This process's resident memory in bytes, from `/proc/self/status`
/// (Linux; 0 elsewhere): `current` is VmRSS, `peak` VmHWM.
///
/// ```
/// let rss = jsbox_cli::bench::ResidentMemory::read();
/// assert!(cfg!(not(target_os = "linux")) || (rss.current > 0 && rss.peak >= rss.current));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResidentMemory {
    /// Resident now.
    pub current: u64,
    /// The most resident since start (or since the peak was last reset).
    pub peak: u64,
}

impl ResidentMemory {
    /// Reads both figures.
    pub fn read() -> Self {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let bytes = |field: &str| {
            let line = status.lines().find(|l| l.starts_with(field));
            line.and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()).map_or(0, |kib| kib * 1024)
        };
        ResidentMemory { current: bytes("VmRSS:"), peak: bytes("VmHWM:") }
    }
}

/// Samples this process's PSS (`/proc/self/smaps_rollup`) on a thread of
/// its own until stopped, keeping the largest figure.
struct PssSampler {
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<u64>,
}

impl PssSampler {
    fn start() -> Self {
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut peak = 0;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(read_pss());
                std::thread::sleep(Duration::from_millis(200));
            }
            peak.max(read_pss())
        });
        PssSampler { stop, thread }
    }

    fn stop(self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.join().unwrap_or(0)
    }
}

/// This process's PSS in bytes (Linux ≥ 4.14; 0 where unknown).
fn read_pss() -> u64 {
    let rollup = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap_or_default();
    let line = rollup.lines().find(|l| l.starts_with("Pss:"));
    line.and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()).map_or(0, |kib| kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_nearest_rank() {
        let ms: Vec<_> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&ms, 0.50), 50_000);
        assert_eq!(percentile(&ms, 0.99), 99_000);
        assert_eq!(percentile(&ms[..1], 0.99), 1_000);
        assert_eq!(percentile(&[], 0.5), 0);
    }
}

fn internal(error: impl std::fmt::Display) -> Error {
    Error::Internal { message: error.to_string() }
}
