//! The id of one execution, which ties its logs, helper calls and errors
//! together.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Identifies one execution: it is in the [`Outcome`](crate::Outcome), the
/// `tracing` span around the execution (`jsbox.execution`, field `id`), every
/// [`HelperCall`](crate::HelperCall) and the `X-Jsbox-Execution` header of
/// HTTP-backed helpers, so logs, calls and errors of one execution can be
/// tied together. A random UUID unless the embedder supplies its own.
///
/// ```
/// let a = jsbox::ExecutionId::new();
/// assert_ne!(a, jsbox::ExecutionId::new());
/// assert_eq!(a.to_string().len(), 36);
/// assert_eq!(jsbox::ExecutionId::from("req-42").as_str(), "req-42");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ExecutionId(Arc<str>);

impl ExecutionId {
    /// A new random id (a version 4 UUID; its bits come from a per-thread
    /// generator seeded by the operating system, so making one costs no
    /// system call).
    pub fn new() -> Self {
        thread_local! {
            static RNG: std::cell::RefCell<fastrand::Rng> = std::cell::RefCell::new(seeded());
        }
        let bits = RNG.with(|rng| rng.borrow_mut().u128(..));
        ExecutionId(uuid::Builder::from_random_bytes(bits.to_le_bytes()).into_uuid().to_string().into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn seeded() -> fastrand::Rng {
    let mut seed = [0u8; 8];
    match getrandom::fill(&mut seed) {
        Ok(()) => fastrand::Rng::with_seed(u64::from_le_bytes(seed)),
        Err(_) => fastrand::Rng::new(),
    }
}

impl Default for ExecutionId {
    fn default() -> Self {
        ExecutionId::new()
    }
}

impl fmt::Display for ExecutionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ExecutionId {
    fn from(id: &str) -> Self {
        ExecutionId(id.into())
    }
}

impl From<String> for ExecutionId {
    fn from(id: String) -> Self {
        ExecutionId(id.into())
    }
}
