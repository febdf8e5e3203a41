//! Backpressure and fairness in front of the engine: an engine-wide bounded
//! queue (`slots` running + `queue` waiting; past it, 503 at once) and a
//! per-tenant quota (past it, 429 at once). Nothing queues without bound.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::metrics::Metrics;

/// Why a request was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The tenant has `max_concurrency` requests queued or running: 429.
    TenantOverQuota,
    /// The service's queue is full: 503.
    Overloaded,
}

/// The admission state shared by all requests.
pub struct Admission {
    /// Running + waiting, engine-wide.
    admitted: Arc<Semaphore>,
    /// Running: one permit per sandbox.
    running: Arc<Semaphore>,
}

/// A request inside the service: holds its tenant quota and queue place;
/// [`Ticket::run`] then waits for a sandbox.
pub struct Ticket {
    _tenant: OwnedSemaphorePermit,
    _admitted: OwnedSemaphorePermit,
    running: Arc<Semaphore>,
}

/// A sandbox slot, held while the execution runs.
pub struct Running {
    _permit: OwnedSemaphorePermit,
    metrics: Arc<Metrics>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.metrics.in_flight.dec();
    }
}

impl Admission {
    pub fn new(slots: u32, queue: u32) -> Admission {
        Admission {
            admitted: Arc::new(Semaphore::new(slots as usize + queue as usize)),
            running: Arc::new(Semaphore::new(slots as usize)),
        }
    }

    /// Admits a request of the tenant whose quota is `tenant`, or refuses it
    /// at once.
    pub fn admit(&self, tenant: &Arc<Semaphore>) -> Result<Ticket, Refusal> {
        let tenant = tenant.clone().try_acquire_owned().map_err(|_| Refusal::TenantOverQuota)?;
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| Refusal::Overloaded)?;
        Ok(Ticket { _tenant: tenant, _admitted: admitted, running: self.running.clone() })
    }
}

impl Ticket {
    /// Waits (in arrival order) for a sandbox.
    pub async fn run(&self, metrics: &Arc<Metrics>) -> Running {
        let waiting = Waiting::enter(metrics);
        let permit = self.running.clone().acquire_owned().await.expect("the semaphore is never closed");
        drop(waiting);
        metrics.in_flight.inc();
        Running { _permit: permit, metrics: metrics.clone() }
    }
}

/// Counted in the queue depth while alive (also when the client goes away
/// while waiting).
struct Waiting<'a>(&'a Metrics);

impl<'a> Waiting<'a> {
    fn enter(metrics: &'a Metrics) -> Self {
        metrics.queue_depth.inc();
        Waiting(metrics)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.queue_depth.dec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_and_the_queue_refuse_at_once() {
        let admission = Admission::new(1, 1);
        let (a, b) = (Arc::new(Semaphore::new(1)), Arc::new(Semaphore::new(5)));
        let first = admission.admit(&a).unwrap();
        assert_eq!(admission.admit(&a).err(), Some(Refusal::TenantOverQuota));
        let second = admission.admit(&b).unwrap();
        assert_eq!(admission.admit(&b).err(), Some(Refusal::Overloaded), "1 running + 1 queued");
        drop(first);
        assert!(admission.admit(&b).is_ok(), "a place was freed");
        drop(second);
    }
}
