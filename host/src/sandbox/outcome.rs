//! What a successful execution returns: its result and what it cost.

use serde::Serialize;

use crate::id::ExecutionId;

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
