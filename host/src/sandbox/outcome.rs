//! What a successful execution returns: its result and what it cost; and
//! how a durable one ended (settled, or suspended waiting for what).

use std::time::SystemTime;

use serde::Serialize;

use crate::id::ExecutionId;
use crate::ops::PendingCall;

/// A successful execution: its id, the JSON result and what it cost.
///
/// ```
/// # async fn demo(engine: &jsbox::Engine) -> Result<(), jsbox::Error> {
/// let policy = jsbox::Policy::default();
/// let out = engine.execute(&policy, "function execute(a) { return a.x * 2 }", serde_json::json!({"x": 21})).await?;
/// assert_eq!(out.result, 42);
/// println!("execution {}: peak memory {} bytes", out.id, out.stats.peak_memory);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Outcome {
    /// The execution's id (see [`ExecutionId`]).
    pub id: ExecutionId,
    /// What `execute` returned (awaited), as JSON; `undefined` becomes `null`.
    pub result: serde_json::Value,
    /// Resources used.
    pub stats: Stats,
}

/// Resources one execution used.
///
/// ```
/// # async fn demo(engine: &jsbox::Engine) -> Result<(), jsbox::Error> {
/// let out = engine.execute(&jsbox::Policy::default(), "function execute() { return 1 }", serde_json::json!({})).await?;
/// let stats = serde_json::to_value(&out.stats).unwrap();
/// assert_eq!(stats["http_requests"], 0);
/// assert!(stats["peak_memory"].as_u64().unwrap() > 0);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[non_exhaustive]
pub struct Stats {
    /// Fuel consumed (≈ Wasm instructions executed), when fuel was metered.
    pub fuel_used: Option<u64>,
    /// The largest linear memory size the sandbox reached, in bytes.
    pub peak_memory: u64,
    /// Wall-clock time of the whole execution, in microseconds.
    pub wall_time_us: u64,
    /// HTTP requests sent (requests refused by the policy are not counted).
    pub http_requests: u32,
    /// Calls of the embedder's helpers (calls refused by a limit are not
    /// counted).
    pub helper_calls: u32,
    /// Whether the script ran from the engine's bytecode cache (compiled by
    /// an earlier execution of the same source) rather than being parsed.
    pub cached_bytecode: bool,
    /// Platform modules this execution imported from the bytecode cache
    /// (compiled by an earlier execution) rather than parsed.
    pub cached_modules: u32,
}

/// How a durable run ([`Engine::run_durable`](crate::Engine::run_durable))
/// or a resume ended.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Run {
    /// `execute` settled: the same [`Outcome`] an uninterrupted run gives.
    Done(Outcome),
    /// The execution is suspended in the store, waiting for what
    /// [`Suspended`] lists.
    Suspended(Suspended),
}

impl Run {
    /// The outcome, when the execution ended.
    pub fn done(self) -> Option<Outcome> {
        match self {
            Run::Done(outcome) => Some(outcome),
            Run::Suspended(_) => None,
        }
    }

    /// The suspension, when the execution is waiting.
    pub fn suspended(self) -> Option<Suspended> {
        match self {
            Run::Suspended(suspended) => Some(suspended),
            Run::Done(_) => None,
        }
    }
}

/// A suspended execution: what it waits for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suspended {
    /// The execution's id: what [`Resume::new`](crate::Resume::new) takes.
    pub id: ExecutionId,
    /// The helper calls whose results it awaits.
    pub pending: Vec<PendingCall>,
    /// When its next timer is due, if it has one: resume it then (with the
    /// results that arrived meanwhile, or none). RFC 3339 in JSON.
    #[serde(serialize_with = "rfc3339")]
    pub wake_at: Option<SystemTime>,
    /// The sealed continuation's size in bytes.
    pub size: usize,
    /// How many times this execution has suspended, this one included.
    pub generation: u32,
}

fn rfc3339<S: serde::Serializer>(time: &Option<SystemTime>, s: S) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => s.serialize_some(&humantime::format_rfc3339_millis(*time).to_string()),
        None => s.serialize_none(),
    }
}
