//! The operations one execution has started on the host (requests, async
//! helper calls) and the guest's `wait` for their completions. They run as
//! tasks owned by this set: when the execution ends, however it ends, the
//! set is dropped and every pending operation with it.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;

use crate::bindings::jsbox::sandbox::host::{Completion, HelperError, HttpError, OpResult};

/// What an operation is, so a task that fails (a bug in jsbox) still
/// completes its operation with an error of the right kind.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OpKind {
    Http,
    Helper,
}

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
    /// Each task's operation; a cancelled one is no longer here.
    tasks: HashMap<tokio::task::Id, (u32, OpKind)>,
    /// Each operation's task, to cancel it.
    handles: HashMap<u32, tokio::task::AbortHandle>,
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

    /// Runs operation `id` as a task of this execution.
    pub(crate) fn spawn(&mut self, id: u32, kind: OpKind, task: impl Future<Output = Finished> + Send + 'static) {
        let handle = self.in_flight.spawn(task);
        self.tasks.insert(handle.id(), (id, kind));
        self.handles.insert(id, handle);
    }

    /// Stops operation `id` and forgets it: its completion is never
    /// delivered. Whether the guest was still owed its completion (in
    /// flight, or completed and not yet returned by `wait`); false when
    /// `wait` already returned it or the id is unknown.
    pub(crate) fn cancel(&mut self, id: u32) -> bool {
        if let Some(at) = self.ready.iter().position(|c| c.id == id) {
            self.ready.remove(at);
            return true;
        }
        match self.handles.remove(&id) {
            Some(handle) => {
                handle.abort();
                self.tasks.remove(&handle.id());
                true
            }
            None => false,
        }
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
                (None, false) => self.in_flight.join_next_with_id().await,
                (Some(timeout), false) => match tokio::time::timeout(timeout, self.in_flight.join_next_with_id()).await
                {
                    Ok(next) => next,
                    Err(_elapsed) => return done,
                },
            };
            done.extend(next.and_then(|joined| self.completion(joined)));
        }
        while let Some(joined) = self.in_flight.try_join_next_with_id() {
            done.extend(self.completion(joined));
        }
        done
    }

    /// A joined task's completion; none for a cancelled operation.
    fn completion(
        &mut self,
        joined: Result<(tokio::task::Id, Finished), tokio::task::JoinError>,
    ) -> Option<Completion> {
        match joined {
            Ok((task, finished)) => {
                self.tasks.remove(&task)?;
                self.handles.remove(&finished.completion.id);
                Some(finished.completion)
            }
            Err(e) if e.is_cancelled() => None,
            Err(e) => {
                // Only a bug in jsbox's own task code gets here (helpers'
                // panics are caught where they are called; the set is never
                // cancelled while waited on): the operation fails, the
                // execution goes on.
                tracing::error!("jsbox operation task failed: {e}");
                let (id, kind) = self.tasks.remove(&e.id())?;
                self.handles.remove(&id);
                let message = "the operation failed inside jsbox (a bug; please report it)".to_string();
                let outcome = match kind {
                    OpKind::Http => OpResult::Http(Err(HttpError { kind: "io".into(), message })),
                    OpKind::Helper => OpResult::Helper(Err(HelperError { message, code: Some("internal".into()) })),
                };
                Some(Completion { id, outcome })
            }
        }
    }
}
