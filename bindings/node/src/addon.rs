//! The Node-API surface: `NativeEngine`, which the package's `Engine`
//! (index.js) wraps. Executions run on napi-rs's Tokio runtime, never on
//! Node's main thread; helpers call back into Node through one thread-safe
//! function per engine, and their replies come back through `reply`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

use jsbox::{HelperCall, HelperError, HelperReply, Helpers, MemorySink};

use crate::durable::{Job, engine_parts, prepare_resume};
use crate::envelope::{helper_reply, settled, settled_run, sync_reply};
use crate::options::prepare;

/// `[call id, execution token, helper name, args as JSON]` (one array), to the wrapper's
/// dispatcher on the main thread. Weak: an idle engine does not keep Node's
/// event loop alive (a pending execution's promise does).
type Dispatch = ThreadsafeFunction<(f64, f64, String, String), (), (f64, f64, String, String), Status, false, true>;

/// `[execution token, the envelope's JSON]` (one array), to the wrapper's
/// settler on the main thread: one channel for every execution of an
/// engine, so an execution costs no promise or thread-safe function of its
/// own, and completions arriving together are delivered in one wake-up.
/// Weak, but the wrapper holds it (`hold`) while executions are pending.
type Settle = ThreadsafeFunction<(f64, String), (), (f64, String), Status, false, true>;

/// A helper call waiting for the wrapper's reply.
enum Waiter {
    /// A sync helper of execution `token`: its sandbox's thread waits
    /// (outside Tokio's core); cancelling the execution drops the sender,
    /// which wakes it.
    Sync(std::sync::mpsc::SyncSender<String>, u64),
    /// An async helper: its future awaits (and is dropped on cancel).
    Async(tokio::sync::oneshot::Sender<String>),
}

struct Shared {
    dispatch: Dispatch,
    settle: Settle,
    waiting: Mutex<HashMap<u64, Waiter>>,
    next_call: AtomicU64,
    /// The cancel switch of each running execution, by the wrapper's token.
    running: Mutex<HashMap<u64, tokio::sync::oneshot::Sender<()>>>,
}

impl Shared {
    /// Sends a call to the main thread; `None` when Node no longer takes
    /// calls (the environment is shutting down).
    fn send(&self, waiter: Waiter, token: u64, call: &HelperCall) -> Option<u64> {
        let id = self.next_call.fetch_add(1, Ordering::Relaxed);
        // The library checked the args' size and depth; they serialize.
        let args = serde_json::to_string(&call.args).unwrap_or_else(|_| "[]".into());
        self.waiting.lock().unwrap_or_else(|p| p.into_inner()).insert(id, waiter);
        let status = self
            .dispatch
            .call((id as f64, token as f64, call.name.clone(), args), ThreadsafeFunctionCallMode::NonBlocking);
        if status != Status::Ok {
            self.forget(id);
            return None;
        }
        Some(id)
    }

    fn forget(&self, id: u64) {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }

    /// Wakes the sync helper calls of execution `token` (it was cancelled).
    fn abandon(&self, token: u64) {
        self.waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, w| !matches!(w, Waiter::Sync(_, t) if *t == token));
    }
}

/// Removes an execution from `running` however its future ends (finished,
/// cancelled, or dropped by a panic).
struct Running(Arc<Shared>, u64);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.1);
    }
}

fn unavailable() -> HelperError {
    HelperError::new("Node.js is not taking helper calls (it is shutting down)").with_code("unavailable")
}

/// Removes an async call's waiter when its future is dropped (the
/// execution ended first).
struct Pending(Arc<Shared>, u64);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.forget(self.1);
    }
}

/// The engine behind the package's `Engine`.
#[napi]
pub struct NativeEngine {
    engine: Mutex<Option<jsbox::Engine>>,
    shared: Arc<Shared>,
    /// Where executions suspend (`suspendDir`), if anywhere.
    durable: Option<jsbox::Durable>,
}

/// Thrown from the constructor: `{kind, message}` as JSON, which the
/// wrapper turns into a `JsboxError`.
fn thrown(error: jsbox::Error) -> napi::Error {
    let body = serde_json::json!({ "kind": error.kind(), "message": error.to_string() });
    napi::Error::new(Status::GenericFailure, body.to_string())
}

#[napi]
impl NativeEngine {
    /// `optionsJson`: the engine options as JSON; `dispatch`: the wrapper's
    /// helper dispatcher.
    #[napi(constructor)]
    pub fn new(
        options_json: String,
        #[napi(ts_arg_type = "(call: [number, number, string, string]) => void")] dispatch: Dispatch,
        #[napi(ts_arg_type = "(settled: [number, string]) => void")] settle: Settle,
    ) -> Result<Self> {
        let parts = engine_parts(&options_json).map_err(thrown)?;
        let engine = jsbox::Engine::new(parts.config).map_err(thrown)?;
        let shared = Arc::new(Shared {
            dispatch,
            settle,
            waiting: Mutex::default(),
            next_call: AtomicU64::new(1),
            running: Mutex::default(),
        });
        Ok(NativeEngine { engine: Mutex::new(Some(engine)), shared, durable: parts.durable })
    }

    /// Starts one execution. Returns the envelope's JSON at once when it
    /// cannot start (bad options, args, token, a closed engine); otherwise
    /// nothing, and the envelope goes to the settler. `helpers[i]` is async
    /// when `asyncHelpers[i]`. With `durable`, the execution may suspend
    /// (the engine needs `suspendDir`): its envelope says which.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn execute(
        &self,
        token: f64,
        script: String,
        args_json: String,
        options_json: String,
        helpers: Vec<String>,
        async_helpers: Vec<bool>,
        durable: Option<bool>,
    ) -> Option<String> {
        let durable = durable.unwrap_or(false);
        self.start(token, durable, |engine, key| {
            let args = jsbox::parse_args(&args_json);
            let prepared = prepare(script, args, &options_json, &helpers, |policy| {
                // Sync helpers wait at most until the execution's
                // deadline, plus a little: the sandbox's own deadline
                // (measured from a moment later) passes first, and the
                // execution ends as a `timeout`, not as a helper error.
                let deadline = Instant::now() + policy.timeout + Duration::from_millis(100);
                self.helpers(key, &helpers, &async_helpers, deadline)
            })?;
            let job = Job::start(prepared, durable.then_some(&self.durable))?;
            Ok((engine, job))
        })
    }

    /// Resumes suspended execution `id` with `completionsJson`
    /// (`{"results": {…}, "errors": {…}}`), as `execute` starts one.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn resume(
        &self,
        token: f64,
        id: String,
        completions_json: String,
        options_json: String,
        helpers: Vec<String>,
        async_helpers: Vec<bool>,
    ) -> Option<String> {
        self.start(token, true, |engine, key| {
            let completions = jsbox::json::from_str(&completions_json)
                .map_err(|e| jsbox::Error::InvalidArgs { message: format!("invalid completions: {e}") })?;
            let resumed = prepare_resume(id, completions, &options_json, &helpers, |wait| {
                self.helpers(key, &helpers, &async_helpers, Instant::now() + wait)
            })?;
            Ok((engine, Job::resume(resumed, &self.durable)?))
        })
    }

    /// Sends `[token, "{}"]` to the settler from the executions' runtime, with
    /// no execution: the cost of the hand-offs alone (for `make bench`).
    #[napi]
    pub fn round_trip(&self, token: f64) {
        let shared = self.shared.clone();
        spawn(async move {
            shared.settle.call((token, "{}".to_string()), ThreadsafeFunctionCallMode::NonBlocking);
        });
    }

    /// Keeps Node's event loop alive (`true`) while executions are pending,
    /// and lets it go (`false`); the wrapper calls it on 0 → 1 and 1 → 0.
    #[napi]
    pub fn hold(&self, env: &Env, hold: bool) -> Result<()> {
        let raw = self.shared.settle.raw();
        // SAFETY: on the main thread (a method call), with this engine's own
        // live thread-safe function.
        let status = unsafe {
            if hold {
                napi::sys::napi_ref_threadsafe_function(env.raw(), raw)
            } else {
                napi::sys::napi_unref_threadsafe_function(env.raw(), raw)
            }
        };
        if status == napi::sys::Status::napi_ok { Ok(()) } else { Err(napi::Error::from_reason("hold failed")) }
    }

    /// The wrapper's reply to helper call `call` (ignored when the call's
    /// execution has ended).
    #[napi]
    pub fn reply(&self, call: f64, reply: String) {
        let waiter = self.shared.waiting.lock().unwrap_or_else(|p| p.into_inner()).remove(&(call as u64));
        // The waiter may have given up (timeout, cancel): then nobody reads it.
        let _ = match waiter {
            Some(Waiter::Sync(tx, _)) => tx.send(reply).map_err(drop),
            Some(Waiter::Async(tx)) => tx.send(reply).map_err(drop),
            None => Ok(()),
        };
    }

    /// Ends the execution of `token` now (its sandbox is dropped).
    #[napi]
    pub fn cancel(&self, token: f64) {
        let key = token as u64;
        if let Some(cancel) = self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&key) {
            let _ = cancel.send(());
        }
        self.shared.abandon(key);
    }

    /// Refuses further executions; running ones finish, and the engine's
    /// memory goes with the last of them.
    #[napi]
    pub fn close(&self) {
        self.engine.lock().unwrap_or_else(|p| p.into_inner()).take();
    }
}

impl NativeEngine {
    /// Starts one job: `make` builds it (its error is the envelope returned
    /// at once); it runs on the runtime and settles through the settler.
    fn start(
        &self,
        token: f64,
        durable: bool,
        make: impl FnOnce(jsbox::Engine, u64) -> std::result::Result<(jsbox::Engine, Job), jsbox::Error>,
    ) -> Option<String> {
        // `execute` resolves with the outcome itself (it never suspends:
        // it has no store); `run` and `resume` say which it is.
        let envelope = move |outcome: std::result::Result<jsbox::Run, jsbox::Error>, logs| match outcome {
            Ok(jsbox::Run::Done(outcome)) if !durable => settled(Ok(outcome), logs),
            outcome => settled_run(outcome, logs),
        };
        // Tokens come from the wrapper: whole, positive, one per execution.
        let key = token as u64;
        let duplicate = self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).contains_key(&key);
        if !(token.is_finite() && token >= 1.0 && token.fract() == 0.0) || duplicate {
            let error =
                jsbox::Error::InvalidArgs { message: format!("execution token {token} is not a new whole number") };
            return Some(envelope(Err(error), Vec::new()));
        }
        let engine = self.engine.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let prepared = engine
            .ok_or_else(|| jsbox::Error::InvalidPolicy { message: "this engine is closed".into() })
            .and_then(|engine| make(engine, key));
        let (engine, job) = match prepared {
            Ok(prepared) => prepared,
            Err(error) => return Some(envelope(Err(error), Vec::new())),
        };
        let (cancel, cancelled) = tokio::sync::oneshot::channel();
        self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).insert(key, cancel);
        let running = Running(self.shared.clone(), key);
        let shared = self.shared.clone();
        spawn(async move {
            let _running = running;
            let logs = MemorySink::default();
            let work = job.drive(&engine, Arc::new(logs.clone()));
            let outcome = tokio::select! {
                outcome = work => Some(outcome),
                Ok(()) = cancelled => None,
            };
            let text = match outcome {
                Some(outcome) => envelope(outcome, logs.lines()),
                None => r#"{"cancelled":true}"#.to_string(),
            };
            shared.settle.call((token, text), ThreadsafeFunctionCallMode::NonBlocking);
        });
        None
    }

    /// The helpers of one execution: each call goes to the main thread.
    fn helpers(
        &self,
        token: u64,
        names: &[String],
        asyncs: &[bool],
        deadline: Instant,
    ) -> std::result::Result<Helpers, jsbox::Error> {
        let mut helpers = Helpers::new();
        for (i, name) in names.iter().enumerate() {
            let shared = self.shared.clone();
            if asyncs.get(i).copied().unwrap_or(false) {
                // Durable: an async helper may answer later (`later`).
                helpers.add_durable(name, move |call| {
                    let shared = shared.clone();
                    async move {
                        let (tx, rx) = tokio::sync::oneshot::channel();
                        let Some(id) = shared.send(Waiter::Async(tx), token, &call) else {
                            return HelperReply::Ready(Err(unavailable()));
                        };
                        let _pending = Pending(shared.clone(), id);
                        match rx.await {
                            Ok(reply) => helper_reply(&reply),
                            Err(_) => HelperReply::Ready(Err(unavailable())),
                        }
                    }
                })?;
            } else {
                helpers.add_sync(name, move |call| {
                    let (tx, rx) = std::sync::mpsc::sync_channel(1);
                    let id = shared.send(Waiter::Sync(tx, token), token, call).ok_or_else(unavailable)?;
                    // The main thread runs the helper; this thread waits, and
                    // hands its Tokio core to another so other executions go on.
                    let wait = || rx.recv_timeout(deadline.saturating_duration_since(Instant::now()));
                    let got = match tokio::runtime::Handle::try_current() {
                        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                            tokio::task::block_in_place(wait)
                        }
                        _ => wait(),
                    };
                    match got {
                        Ok(reply) => sync_reply(&call.name, &reply),
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                            Err(HelperError::new("the execution was cancelled").with_code("cancelled"))
                        }
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                            shared.forget(id);
                            Err(HelperError::new(format!(
                                "{} did not return within the execution's timeout",
                                call.name
                            ))
                            .with_code("timeout"))
                        }
                    }
                })?;
            }
        }
        Ok(helpers)
    }
}
