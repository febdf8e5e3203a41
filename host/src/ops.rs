//! The operations one execution has started on the host (requests, async
//! helper calls) and the guest's `wait` for their completions. They run as
//! tasks owned by this set: when the execution ends, however it ends, the
//! set is dropped and every pending operation with it.

use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;

use crate::bindings::jsbox::sandbox::host::{Completion, HttpError, OpResult};

/// An operation's completion, holding its in-flight permit until the guest
/// receives it (so host-side buffering stays within the in-flight limits).
pub(crate) struct Finished {
    pub(crate) completion: Completion,
    /// Released when the completion is handed to the guest.
    #[allow(dead_code)]
    pub(crate) permit: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// Started operations and their completions, for one execution.
#[derive(Default)]
pub(crate) struct Ops {
    next_id: u32,
    /// Completions known without I/O (denials, refusals), delivered by the
    /// next `wait`.
    ready: VecDeque<Completion>,
    /// Operations in flight. Dropping the set aborts them.
    in_flight: JoinSet<Finished>,
}

impl Ops {
    /// The id of the next operation.
    pub(crate) fn next_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        id
    }

    /// An operation that completed as it started.
    pub(crate) fn complete_now(&mut self, completion: Completion) {
        self.ready.push_back(completion);
    }

    /// Runs an operation as a task of this execution.
    pub(crate) fn spawn(&mut self, task: impl Future<Output = Finished> + Send + 'static) {
        self.in_flight.spawn(task);
    }

    /// Waits for at least one completion or `timeout`, then returns all
    /// completions that are ready. Without a timeout and with nothing in
    /// flight, returns at once (empty).
    pub(crate) async fn wait(&mut self, timeout: Option<Duration>) -> Vec<Completion> {
        let mut done: Vec<Completion> = self.ready.drain(..).collect();
        if done.is_empty() {
            let next = match (timeout, self.in_flight.is_empty()) {
                (None, true) => return done,
                (Some(timeout), true) => {
                    tokio::time::sleep(timeout).await;
                    return done;
                }
                (None, false) => self.in_flight.join_next().await,
                (Some(timeout), false) => match tokio::time::timeout(timeout, self.in_flight.join_next()).await {
                    Ok(next) => next,
                    Err(_elapsed) => return done,
                },
            };
            done.extend(next.map(joined_completion));
        }
        while let Some(joined) = self.in_flight.try_join_next() {
            done.push(joined_completion(joined));
        }
        done
    }
}

fn joined_completion(joined: Result<Finished, tokio::task::JoinError>) -> Completion {
    joined.map(|finished| finished.completion).unwrap_or_else(|e| {
        // Only a panic in jsbox's own task code can get here (helpers' panics
        // are caught where they are called; the set is never cancelled while
        // waited on).
        tracing::error!("jsbox operation task failed: {e}");
        let failure = HttpError { kind: "io".into(), message: "operation task failed".into() };
        Completion { id: u32::MAX, outcome: OpResult::Http(Err(failure)) }
    })
}
