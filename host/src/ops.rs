//! The operations one execution has started on the host (requests, async
//! helper calls) and the guest's `wait` for their completions. They run as
//! tasks owned by this set: when the execution ends, however it ends, the
//! set is dropped and every pending operation with it.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;

use crate::bindings::jsbox::sandbox::host::{Completion, HelperError, HttpError, OpResult};

/// A helper call a suspended execution awaits (answered later).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PendingCall {
    /// What the result is given for ([`Resume::result`](crate::Resume::result)).
    pub call_id: u32,
    /// The helper's name.
    pub helper: String,
    /// Its arguments.
    pub args: Vec<serde_json::Value>,
}

/// What an operation is, so a task that fails (a bug in jsbox) still
/// completes its operation with an error of the right kind.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OpKind {
    Http,
    Helper,
}

/// An operation's completion, holding its in-flight permit until the guest
/// receives it (so host-side buffering stays within the in-flight limits);
/// or a helper call answered later.
pub(crate) struct Finished {
    /// None when `later` is set.
    pub(crate) completion: Option<Completion>,
    /// A durable run's helper call that will be answered when it resumes.
    pub(crate) later: Option<PendingCall>,
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
    /// Helper calls answered later, by id: they complete when the
    /// execution is resumed with their results.
    later: BTreeMap<u32, PendingCall>,
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
        if self.later.remove(&id).is_some() {
            return true;
        }
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

    /// Whether everything pending was answered later: nothing in flight,
    /// nothing to deliver (what a durable run suspends on).
    pub(crate) fn only_later(&self) -> bool {
        self.ready.is_empty() && self.handles.is_empty()
    }

    /// The calls answered later.
    pub(crate) fn later(&self) -> impl Iterator<Item = &PendingCall> {
        self.later.values()
    }

    /// The id the next operation gets.
    pub(crate) fn peek_next_id(&self) -> u32 {
        self.next_id
    }

    /// A resumed execution's operations: ids continue from `next_id`, the
    /// calls in `later` stay pending.
    pub(crate) fn resumed(next_id: u32, later: Vec<PendingCall>) -> Ops {
        Ops { next_id, later: later.into_iter().map(|call| (call.call_id, call)).collect(), ..Ops::default() }
    }

    /// A joined task's completion; none for a cancelled operation.
    fn completion(
        &mut self,
        joined: Result<(tokio::task::Id, Finished), tokio::task::JoinError>,
    ) -> Option<Completion> {
        match joined {
            Ok((task, finished)) => {
                let (id, _) = self.tasks.remove(&task)?;
                self.handles.remove(&id);
                if let Some(call) = finished.later {
                    self.later.insert(id, call);
                }
                finished.completion
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
