//! # jsbox
//!
//! Runs untrusted JavaScript safely and fast. A script defines
//! `execute(args)` (sync or async); jsbox runs it in a fresh QuickJS-in-Wasm
//! sandbox with hard limits on memory, CPU and wall-clock time, network access
//! only where the [`Policy`] allows it, and returns the JSON result.
//!
//! ```no_run
//! use std::time::Duration;
//! # async fn demo() -> Result<(), jsbox::Error> {
//! let engine = jsbox::Engine::new(jsbox::EngineConfig::default())?; // costly, shared, once
//! let policy = jsbox::Policy::default()
//!     .memory(32 << 20)
//!     .timeout(Duration::from_secs(5))
//!     .allow_host("api.example.com"); // data, serializable
//! let script = r#"
//!     async function execute({ authHeader, baseUrl }) {
//!         const devices = await http.sendGetRequest({ Authorization: authHeader }, baseUrl + "devices");
//!         return { count: devices.items.length, b64: btoa("ok") };
//!     }
//! "#;
//! let args = serde_json::json!({"authHeader": "Bearer t", "baseUrl": "https://api.example.com/"});
//! let out = engine.execute(&policy, script, args).await?; // cheap, fresh sandbox
//! println!("{} (fuel {:?}, peak {} B)", out.result, out.stats.fuel_used, out.stats.peak_memory);
//! # Ok(()) }
//! ```
//!
//! What the script sees: `log`, `console.*`, `btoa`, `atob`, `global`, timers,
//! `fetch`, and the seed's `http.sendGetRequest(headers, url)` /
//! `http.sendPostRequest(headers, url, data)`. Nothing else from outside: no
//! `require`, `process`, filesystem or environment. The book (`docs/`, built
//! by `make doc`) says what is isolated and what the embedder must still do
//! (its "Security model" page), and everything else a user needs.

#![warn(missing_docs)]

// The layers, bottom up (ARCHITECTURE.md draws them; tests/layers.rs
// checks that every import goes down or sideways, never up or round).
//
// Foundation: errors, sizes, JSON, ids, the WIT bindings, the disk cache.
mod artifact;
mod bindings;
mod error;
mod id;
pub mod json;
mod units;
// Policy: pure data and its validation.
mod policy;
// Capabilities: each owns its host implementation.
mod bytecode;
mod declarations;
mod durable;
mod helpers;
mod logging;
mod modules;
mod network;
mod ops;
// One execution.
mod sandbox;
// Shared and costly.
mod engine;
#[doc(hidden)]
pub mod fuzzing;

#[cfg(feature = "redis")]
pub use durable::RedisStore;
pub use durable::{
    ContinuationKey, ContinuationStore, Durable, Entry as StoreEntry, FsStore, MAX_TENANT, MemoryStore, Resume,
    StoreFuture,
};
pub use engine::{Engine, EngineConfig, parse_args};
pub use error::Error;
pub use helpers::{HelperCall, HelperError, HelperReply, Helpers};
pub use id::ExecutionId;
pub use logging::{LogLevel, LogSink, MemorySink, TracingSink};
pub use modules::{Language, Modules};
pub use ops::PendingCall;
pub use policy::Policy;
pub use policy::ceiling::NarrowError;
pub use policy::helpers::{HelperPolicy, HelperSchema};
pub use policy::modules::ModulePolicy;
pub use policy::network::NetworkPolicy;
pub use policy::secrets::{Secret, SecretValue, placeholder};
pub use sandbox::execution::Execution;
pub use sandbox::outcome::{Outcome, Run, Stats, Suspended};
pub use units::{parse_size, size};

/// The book's Rust snippets, compiled as doctests of the library so that
/// they cannot rot (its JavaScript examples run in `tests/book.rs`).
#[cfg(doctest)]
mod book {
    #[doc = include_str!("../../docs/src/code-mode.md")]
    struct CodeMode;
    #[doc = include_str!("../../docs/src/durable.md")]
    struct Durable;
    #[doc = include_str!("../../docs/src/embedding.md")]
    struct Embedding;
    #[doc = include_str!("../../docs/src/helpers.md")]
    struct Helpers;
    #[doc = include_str!("../../docs/src/scripts/modules.md")]
    struct Modules;
}
