//! jsbox for Python: the extension module `jsbox_sandbox._native` behind
//! the package's `Engine` (python/jsbox_sandbox/__init__.py, the API users
//! see). Options and outcomes cross as JSON text, decoded and encoded by
//! `jsbox-bindings` as in the Node.js package.
//!
//! Threads: `execute` runs the sandbox on the calling thread with the GIL
//! released, so Python threads execute in parallel; `start` runs it on the
//! extension's Tokio runtime and reports through a callback (asyncio). A
//! helper call takes the GIL only to hand the call to Python: a sync helper
//! runs there and then, an async one is scheduled on an event loop and
//! answers through `reply`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use jsbox::{HelperCall, HelperError, Helpers, MemorySink, Outcome};
use jsbox_bindings::envelope::{helper_reply, settled};
use jsbox_bindings::options::{Prepared, engine_config, prepare};

/// The runtime of every engine in this process: it serves the sandboxes'
/// I/O (fetch, timers) and runs the executions started with `start`.
fn runtime() -> PyResult<&'static tokio::runtime::Runtime> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .thread_name("jsbox")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(format!("jsbox could not start its runtime: {e}")))
}

/// Calls into Python from threads Python does not own (the runtime's) stop
/// once the interpreter begins to exit: `shutdown` (an `atexit` handler)
/// closes this gate and waits for the calls already inside to leave, so no
/// foreign thread holds or takes the GIL while Python finalizes.
static GATE: Mutex<Gate> = Mutex::new(Gate { closed: false, inside: 0 });
static GATE_LEFT: std::sync::Condvar = std::sync::Condvar::new();

struct Gate {
    closed: bool,
    inside: usize,
}

/// Runs `f` attached to Python, unless the interpreter is exiting.
fn into_python<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> Option<R> {
    {
        let mut gate = GATE.lock().unwrap_or_else(|p| p.into_inner());
        if gate.closed {
            return None;
        }
        gate.inside += 1;
    }
    let result = Python::try_attach(f);
    GATE.lock().unwrap_or_else(|p| p.into_inner()).inside -= 1;
    GATE_LEFT.notify_all();
    result
}

/// Closes the gate and waits (the GIL released, at most 5 s: a helper may
/// never return) for the calls inside it. Registered with `atexit`.
#[pyfunction]
fn shutdown(py: Python<'_>) {
    py.detach(|| {
        let mut gate = GATE.lock().unwrap_or_else(|p| p.into_inner());
        gate.closed = true;
        let _ = GATE_LEFT.wait_timeout_while(gate, Duration::from_secs(5), |gate| gate.inside > 0);
    });
}

/// What the engine and its helper calls share.
#[derive(Default)]
struct Shared {
    /// Async helper calls waiting for `reply`, by call id.
    waiting: Mutex<HashMap<u64, tokio::sync::oneshot::Sender<String>>>,
    next_call: AtomicU64,
    /// The cancel switch of each execution started with `start`.
    running: Mutex<HashMap<u64, tokio::sync::oneshot::Sender<()>>>,
    next_token: AtomicU64,
}

impl Shared {
    fn forget(&self, id: u64) {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }
}

/// Removes an async call's waiter when its future is dropped (the
/// execution ended first).
struct Pending(Arc<Shared>, u64);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.forget(self.1);
    }
}

/// Removes a started execution from `running` however it ends.
struct Running(Arc<Shared>, u64);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.1);
    }
}

fn unavailable() -> HelperError {
    HelperError::new("Python is not taking helper calls (the interpreter is shutting down)").with_code("unavailable")
}

/// Raised from the constructor: `{kind, message}` as JSON, which the
/// wrapper turns into a `JsboxError`.
fn raised(error: jsbox::Error) -> PyErr {
    let body = serde_json::json!({ "kind": error.kind(), "message": error.to_string() });
    PyValueError::new_err(body.to_string())
}

/// The engine behind the package's `Engine`.
#[pyclass(frozen, module = "jsbox_sandbox._native")]
struct NativeEngine {
    engine: Mutex<Option<jsbox::Engine>>,
    shared: Arc<Shared>,
}

/// The Python side of one execution's helpers: `call_sync(name, args_json)`
/// returns the reply's JSON; `call_async(call_id, name, args_json)`
/// schedules the helper, which answers through `NativeEngine.reply`.
#[derive(Clone)]
struct Callbacks {
    call_sync: Arc<Py<PyAny>>,
    call_async: Arc<Py<PyAny>>,
}

#[pymethods]
impl NativeEngine {
    /// `options_json`: the engine options as JSON (camelCase, as the Node.js
    /// package sends them).
    #[new]
    fn new(py: Python<'_>, options_json: &str) -> PyResult<Self> {
        let config = engine_config(options_json).map_err(raised)?;
        // Loading the compiled sandbox takes a while the first time.
        let engine = py.detach(|| jsbox::Engine::new(config)).map_err(raised)?;
        runtime()?;
        Ok(NativeEngine { engine: Mutex::new(Some(engine)), shared: Arc::default() })
    }

    /// Runs one execution on this thread, the GIL released, and returns its
    /// envelope's JSON. Signals (Ctrl-C) are checked every 100 ms: a
    /// `KeyboardInterrupt` ends the execution and is raised here.
    #[allow(clippy::too_many_arguments)]
    fn execute(
        &self,
        py: Python<'_>,
        script: String,
        args_json: &str,
        options_json: &str,
        helpers: Vec<(String, bool)>,
        call_sync: Py<PyAny>,
        call_async: Py<PyAny>,
    ) -> PyResult<String> {
        let callbacks = Callbacks { call_sync: Arc::new(call_sync), call_async: Arc::new(call_async) };
        let (engine, policy, execution) = match self.prepare(script, args_json, options_json, &helpers, &callbacks) {
            Ok(prepared) => prepared,
            Err(error) => return Ok(settled(Err(error), Vec::new())),
        };
        let runtime = runtime()?;
        let logs = MemorySink::default();
        let execution = execution.logs(Arc::new(logs.clone()));
        let outcome: Result<Result<Outcome, jsbox::Error>, PyErr> = py.detach(|| {
            runtime.block_on(async {
                tokio::select! {
                    biased;
                    outcome = engine.run(&policy, execution) => Ok(outcome),
                    interrupted = signals() => Err(interrupted),
                }
            })
        });
        Ok(settled(outcome?, logs.lines()))
    }

    /// Starts one execution on the runtime and returns `(token, early)`:
    /// `early` is the envelope when it cannot start (bad options or args, a
    /// closed engine); otherwise `on_settle(envelope)` is called once it
    /// ends, from a runtime thread, unless it was cancelled.
    #[allow(clippy::too_many_arguments)]
    fn start(
        &self,
        script: String,
        args_json: &str,
        options_json: &str,
        helpers: Vec<(String, bool)>,
        call_sync: Py<PyAny>,
        call_async: Py<PyAny>,
        on_settle: Py<PyAny>,
    ) -> PyResult<(u64, Option<String>)> {
        let token = self.shared.next_token.fetch_add(1, Ordering::Relaxed) + 1;
        let callbacks = Callbacks { call_sync: Arc::new(call_sync), call_async: Arc::new(call_async) };
        let (engine, policy, execution) = match self.prepare(script, args_json, options_json, &helpers, &callbacks) {
            Ok(prepared) => prepared,
            Err(error) => return Ok((token, Some(settled(Err(error), Vec::new())))),
        };
        let runtime = runtime()?;
        let (cancel, cancelled) = tokio::sync::oneshot::channel();
        self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).insert(token, cancel);
        let running = Running(self.shared.clone(), token);
        runtime.spawn(async move {
            let _running = running;
            let logs = MemorySink::default();
            let execution = execution.logs(Arc::new(logs.clone()));
            let outcome = tokio::select! {
                outcome = engine.run(&policy, execution) => outcome,
                Ok(()) = cancelled => return,
            };
            let text = settled(outcome, logs.lines());
            // Not once the interpreter has begun to exit.
            into_python(|py| {
                if let Err(error) = on_settle.call1(py, (text,)) {
                    error.write_unraisable(py, None);
                }
            });
        });
        Ok((token, None))
    }

    /// Ends the execution started as `token` now (its sandbox is dropped).
    fn cancel(&self, token: u64) {
        if let Some(cancel) = self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&token) {
            let _ = cancel.send(());
        }
    }

    /// The answer to async helper call `call` (ignored when its execution
    /// has ended).
    fn reply(&self, call: u64, reply: String) {
        let waiter = self.shared.waiting.lock().unwrap_or_else(|p| p.into_inner()).remove(&call);
        if let Some(tx) = waiter {
            let _ = tx.send(reply);
        }
    }

    /// Refuses further executions; running ones finish.
    fn close(&self) {
        self.engine.lock().unwrap_or_else(|p| p.into_inner()).take();
    }

    /// The runtime's hand-offs alone, for `make bench`: `start`'s path with
    /// no execution (spawn, then `on_settle("{}")` from a runtime thread).
    fn round_trip(&self, on_settle: Py<PyAny>) -> PyResult<()> {
        runtime()?.spawn(async move {
            into_python(|py| {
                if let Err(error) = on_settle.call1(py, ("{}",)) {
                    error.write_unraisable(py, None);
                }
            });
        });
        Ok(())
    }
}

/// Checks Python's signals every 100 ms (on the main thread a pending
/// Ctrl-C raises here); never ends otherwise.
async fn signals() -> PyErr {
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if let Some(Err(error)) = into_python(|py| py.check_signals()) {
            return error;
        }
    }
}

impl NativeEngine {
    fn prepare(
        &self,
        script: String,
        args_json: &str,
        options_json: &str,
        helpers: &[(String, bool)],
        callbacks: &Callbacks,
    ) -> Result<(jsbox::Engine, jsbox::Policy, jsbox::Execution), jsbox::Error> {
        let engine = self
            .engine
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| jsbox::Error::InvalidPolicy { message: "this engine is closed".into() })?;
        let names: Vec<String> = helpers.iter().map(|(name, _)| name.clone()).collect();
        let Prepared { policy, execution } =
            prepare(script, args_json, options_json, &names, |_| self.helpers(helpers, callbacks))?;
        Ok((engine, policy, execution))
    }

    /// The helpers of one execution, each a call into Python.
    fn helpers(&self, helpers: &[(String, bool)], callbacks: &Callbacks) -> Result<Helpers, jsbox::Error> {
        let mut registry = Helpers::new();
        for (name, is_async) in helpers {
            if *is_async {
                let shared = self.shared.clone();
                let call_async = callbacks.call_async.clone();
                registry.add_async(name, move |call: HelperCall| {
                    let shared = shared.clone();
                    let call_async = call_async.clone();
                    async move {
                        let (tx, rx) = tokio::sync::oneshot::channel();
                        let id = shared.next_call.fetch_add(1, Ordering::Relaxed);
                        shared.waiting.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
                        let _pending = Pending(shared.clone(), id);
                        // The library checked the args' size and depth.
                        let args = serde_json::to_string(&call.args).unwrap_or_else(|_| "[]".into());
                        let scheduled = into_python(|py| call_async.call1(py, (id, &call.name, args)).is_ok());
                        if scheduled != Some(true) {
                            return Err(unavailable());
                        }
                        match rx.await {
                            Ok(reply) => helper_reply(&reply),
                            Err(_) => Err(unavailable()),
                        }
                    }
                })?;
            } else {
                let call_sync = callbacks.call_sync.clone();
                registry.add_sync(name, move |call: &HelperCall| {
                    let args = serde_json::to_string(&call.args).unwrap_or_else(|_| "[]".into());
                    // The helper runs here, holding the GIL; on a runtime
                    // thread, that thread's other work moves elsewhere.
                    let run = || {
                        into_python(|py| {
                            call_sync.call1(py, (&call.name, args)).and_then(|reply| reply.extract::<String>(py))
                        })
                    };
                    let reply = match tokio::runtime::Handle::try_current() {
                        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                            tokio::task::block_in_place(run)
                        }
                        _ => run(),
                    };
                    match reply {
                        Some(Ok(reply)) => helper_reply(&reply),
                        Some(Err(error)) => {
                            Err(HelperError::new(format!("{} could not be called: {error}", call.name))
                                .with_code("unavailable"))
                        }
                        None => Err(unavailable()),
                    }
                })?;
            }
        }
        Ok(registry)
    }
}

/// `jsbox_sandbox._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeEngine>()?;
    m.add_function(wrap_pyfunction!(shutdown, m)?)?;
    Ok(())
}
