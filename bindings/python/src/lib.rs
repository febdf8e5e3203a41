//! jsbox for Python: the extension module `jsbox_sandbox._native` behind
//! the package's `Engine` (python/jsbox_sandbox/__init__.py, the API users
//! see). Options cross as JSON text, decoded by `jsbox-bindings` as in the
//! Node.js package; args and outcomes as Python objects, converted here
//! ([`values`], [`outcome`]) with no JSON text in between.
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

use jsbox::{HelperReply, MemorySink};
use jsbox_bindings::durable::{Job, engine_parts, prepare_resume};
use jsbox_bindings::options::prepare;

mod helpers;
mod outcome;
mod values;

use helpers::Waiting;

use outcome::settled_run;

/// The runtime of every engine in this process: it serves the sandboxes'
/// I/O (fetch, timers) and runs the executions started with `start`.
fn runtime() -> PyResult<&'static tokio::runtime::Runtime> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .thread_name("jsbox")
                // Deep values are converted recursively (up to 2,000 levels).
                .thread_stack_size(8 << 20)
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
    /// Async helper calls waiting for `reply`.
    waiting: Arc<Waiting>,
    /// The cancel switch of each execution started with `start`.
    running: Mutex<HashMap<u64, tokio::sync::oneshot::Sender<()>>>,
    next_token: AtomicU64,
}

/// Removes a started execution from `running` however it ends.
struct Running(Arc<Shared>, u64);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.1);
    }
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
    /// Where executions suspend (`suspend_dir`), if anywhere.
    durable: Option<jsbox::Durable>,
}

/// What a call asks for: a script (`durable`: `run`, else `execute`), or a
/// resume of suspended execution `id` with `completions`.
enum Input<'a, 'py> {
    Script { script: String, args: &'a Bound<'py, PyAny>, durable: bool },
    Resume { id: String, completions: &'a Bound<'py, PyAny> },
}

impl Input<'_, '_> {
    /// Whether the answer says done or suspended (`run`, `resume`), or is
    /// the outcome itself (`execute`).
    fn durable(&self) -> bool {
        !matches!(self, Input::Script { durable: false, .. })
    }
}

#[pymethods]
impl NativeEngine {
    /// `options_json`: the engine options as JSON (camelCase, as the Node.js
    /// package sends them).
    #[new]
    fn new(py: Python<'_>, options_json: &str) -> PyResult<Self> {
        let parts = engine_parts(options_json).map_err(raised)?;
        // Loading the compiled sandbox takes a while the first time.
        let engine = py.detach(|| jsbox::Engine::new(parts.config)).map_err(raised)?;
        runtime()?;
        Ok(NativeEngine { engine: Mutex::new(Some(engine)), shared: Arc::default(), durable: parts.durable })
    }

    /// Runs one execution on this thread, the GIL released, and returns its
    /// `Outcome`, or a failure's `(kind, message, stack, code, logs)`; with
    /// `durable` (`run`), a `Suspension` when it suspends. Signals (Ctrl-C)
    /// are checked every 100 ms: a `KeyboardInterrupt` ends the execution
    /// and is raised here.
    #[pyo3(signature = (script, args, options_json, helpers, calls, durable=false))]
    #[allow(clippy::too_many_arguments)]
    fn execute(
        &self,
        py: Python<'_>,
        script: String,
        args: &Bound<'_, PyAny>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
        durable: bool,
    ) -> PyResult<Py<PyAny>> {
        self.block(py, Input::Script { script, args, durable }, options_json, helpers, calls)
    }

    /// `execute` for `resume`: suspended execution `id`, with `completions`
    /// (`{"results": {call_id: value}, "errors": {call_id: message}}`).
    fn resume(
        &self,
        py: Python<'_>,
        id: String,
        completions: &Bound<'_, PyAny>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
    ) -> PyResult<Py<PyAny>> {
        self.block(py, Input::Resume { id, completions }, options_json, helpers, calls)
    }

    /// Starts one execution on the runtime and returns `(token, early)`:
    /// `early` is the failure when it cannot start (bad options or args, a
    /// closed engine); otherwise `on_settle(outcome or failure)` is called
    /// once it ends, from a runtime thread, unless it was cancelled.
    #[pyo3(signature = (script, args, options_json, helpers, calls, on_settle, durable=false))]
    #[allow(clippy::too_many_arguments)]
    fn start(
        &self,
        py: Python<'_>,
        script: String,
        args: &Bound<'_, PyAny>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
        on_settle: Py<PyAny>,
        durable: bool,
    ) -> PyResult<(u64, Option<Py<PyAny>>)> {
        self.spawn(py, Input::Script { script, args, durable }, options_json, helpers, calls, on_settle)
    }

    /// `start` for `resume_async`.
    #[allow(clippy::too_many_arguments)]
    fn start_resume(
        &self,
        py: Python<'_>,
        id: String,
        completions: &Bound<'_, PyAny>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
        on_settle: Py<PyAny>,
    ) -> PyResult<(u64, Option<Py<PyAny>>)> {
        self.spawn(py, Input::Resume { id, completions }, options_json, helpers, calls, on_settle)
    }

    /// Ends the execution started as `token` now (its sandbox is dropped).
    fn cancel(&self, token: u64) {
        if let Some(cancel) = self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&token) {
            let _ = cancel.send(());
        }
    }

    /// The answer to async helper call `call`: `error` (an exception) if it
    /// raised, "later" if it returned `LATER`, else `value` (ignored when the
    /// call's execution has ended).
    #[pyo3(signature = (call, value, error=None))]
    fn reply(&self, py: Python<'_>, call: u64, value: &Bound<'_, PyAny>, error: Option<Bound<'_, PyAny>>) {
        let answer = match error {
            Some(error) => HelperReply::Ready(Err(helpers::from_exception(py, &PyErr::from_value(error)))),
            None if helpers::is_later(value) => HelperReply::Later,
            None => HelperReply::Ready(helpers::from_value("the helper", value)),
        };
        self.shared.waiting.answer(call, answer);
    }

    /// Refuses further executions; running ones finish.
    fn close(&self) {
        self.engine.lock().unwrap_or_else(|p| p.into_inner()).take();
    }

    /// The runtime's hand-offs alone, for `make bench`: `start`'s path with
    /// no execution (spawn, then `on_settle(None)` from a runtime thread).
    fn round_trip(&self, on_settle: Py<PyAny>) -> PyResult<()> {
        runtime()?.spawn(async move {
            into_python(|py| {
                if let Err(error) = on_settle.call1(py, (py.None(),)) {
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
    /// Runs `input` on this thread, the GIL released (see `execute`).
    fn block(
        &self,
        py: Python<'_>,
        input: Input<'_, '_>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let durable = input.durable();
        let (engine, job) = match self.job(input, options_json, helpers, calls) {
            Ok(prepared) => prepared,
            Err(error) => return settled_run(py, Err(error), Vec::new(), durable),
        };
        let runtime = runtime()?;
        let logs = MemorySink::default();
        let sink = Arc::new(logs.clone());
        let outcome = py.detach(|| {
            runtime.block_on(async {
                tokio::select! {
                    biased;
                    outcome = job.drive(&engine, sink) => Ok(outcome),
                    interrupted = signals() => Err(interrupted),
                }
            })
        });
        settled_run(py, outcome?, logs.lines(), durable)
    }

    /// Starts `input` on the runtime (see `start`).
    fn spawn(
        &self,
        py: Python<'_>,
        input: Input<'_, '_>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
        on_settle: Py<PyAny>,
    ) -> PyResult<(u64, Option<Py<PyAny>>)> {
        let token = self.shared.next_token.fetch_add(1, Ordering::Relaxed) + 1;
        let durable = input.durable();
        let (engine, job) = match self.job(input, options_json, helpers, calls) {
            Ok(prepared) => prepared,
            Err(error) => return Ok((token, Some(settled_run(py, Err(error), Vec::new(), durable)?))),
        };
        let runtime = runtime()?;
        let (cancel, cancelled) = tokio::sync::oneshot::channel();
        self.shared.running.lock().unwrap_or_else(|p| p.into_inner()).insert(token, cancel);
        let running = Running(self.shared.clone(), token);
        runtime.spawn(async move {
            let _running = running;
            let logs = MemorySink::default();
            let outcome = tokio::select! {
                outcome = job.drive(&engine, Arc::new(logs.clone())) => outcome,
                Ok(()) = cancelled => return,
            };
            // Not once the interpreter has begun to exit.
            into_python(|py| {
                let delivered =
                    settled_run(py, outcome, logs.lines(), durable).and_then(|value| on_settle.call1(py, (value,)));
                if let Err(error) = delivered {
                    error.write_unraisable(py, None);
                }
            });
        });
        Ok((token, None))
    }

    /// The engine and the job `input` asks for.
    fn job(
        &self,
        input: Input<'_, '_>,
        options_json: &str,
        helpers: Vec<(String, Py<PyAny>, bool)>,
        calls: Py<PyAny>,
    ) -> Result<(jsbox::Engine, Job), jsbox::Error> {
        let engine = self
            .engine
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| jsbox::Error::InvalidPolicy { message: "this engine is closed".into() })?;
        let names: Vec<String> = helpers.iter().map(|(name, _, _)| name.clone()).collect();
        let waiting = &self.shared.waiting;
        let job = match input {
            Input::Script { script, args, durable } => {
                let args = values::to_json(args).map_err(|message| jsbox::Error::InvalidArgs { message });
                let prepared = prepare(script, args, options_json, &names, |_| {
                    helpers::registry(helpers, Arc::new(calls), waiting)
                })?;
                Job::start(prepared, durable.then_some(&self.durable))?
            }
            Input::Resume { id, completions } => {
                let completions = values::to_json(completions).map_err(|message| jsbox::Error::InvalidArgs {
                    message: format!("invalid completions: {message}"),
                })?;
                let resumed = prepare_resume(id, completions, options_json, &names, |_| {
                    helpers::registry(helpers, Arc::new(calls), waiting)
                })?;
                Job::resume(resumed, &self.durable)?
            }
        };
        Ok((engine, job))
    }
}

/// `jsbox_sandbox._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeEngine>()?;
    m.add_class::<outcome::Outcome>()?;
    m.add_class::<outcome::Stats>()?;
    m.add_class::<outcome::LogLine>()?;
    m.add_class::<outcome::Suspension>()?;
    m.add_class::<outcome::PendingCall>()?;
    m.add_function(wrap_pyfunction!(shutdown, m)?)?;
    Ok(())
}
