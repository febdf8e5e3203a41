//! Helpers as Python callables: a call takes the GIL only to run (sync) or
//! schedule (async) the callable; args and results are converted here with
//! no JSON text in between. An async call's answer comes back through
//! `NativeEngine.reply`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

use jsbox::{HelperCall, HelperError, HelperReply, Helpers};

use crate::into_python;
use crate::values::{to_json, to_py};

/// The longest message a helper's exception gives the script, in bytes.
const MAX_MESSAGE: usize = 4096;
/// The longest `code`, in bytes.
const MAX_CODE: usize = 256;

/// Async calls waiting for `reply`, by call id.
#[derive(Default)]
pub struct Waiting {
    calls: Mutex<HashMap<u64, tokio::sync::oneshot::Sender<HelperReply>>>,
    next: AtomicU64,
}

impl Waiting {
    fn add(&self) -> (u64, tokio::sync::oneshot::Receiver<HelperReply>) {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
        (id, rx)
    }

    fn forget(&self, id: u64) {
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }

    /// Delivers call `id`'s answer (ignored when its execution has ended).
    pub fn answer(&self, id: u64, answer: HelperReply) {
        let waiter = self.calls.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        if let Some(tx) = waiter {
            let _ = tx.send(answer);
        }
    }
}

/// Removes an async call's waiter when its future is dropped (the
/// execution ended first).
struct Pending(Arc<Waiting>, u64);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.forget(self.1);
    }
}

fn unavailable() -> HelperError {
    HelperError::new("Python is not taking helper calls (the interpreter is exiting)").with_code("unavailable")
}

fn cut(mut text: String, max: usize) -> String {
    if text.len() > max {
        text.truncate(text.floor_char_boundary(max));
    }
    text
}

/// The script's error for an exception a helper raised: its `str()` (or
/// its type's name) and its `code` attribute, if any; whatever they do.
pub fn from_exception(py: Python<'_>, error: &PyErr) -> HelperError {
    let value = error.value(py);
    let message = value
        .str()
        .ok()
        .and_then(|s| s.to_cow().ok().map(|s| s.into_owned()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "error".into()));
    let mut helper_error = HelperError::new(cut(message, MAX_MESSAGE));
    let code = value.getattr("code").ok().filter(|c| !c.is_none());
    if let Some(code) = code.and_then(|c| c.str().ok()).and_then(|s| s.to_cow().ok().map(|s| s.into_owned())) {
        helper_error.code = Some(cut(code, MAX_CODE));
    }
    helper_error
}

/// A helper's return value as the script's value.
pub fn from_value(name: &str, value: &Bound<'_, PyAny>) -> Result<Value, HelperError> {
    to_json(value).map_err(|e| {
        HelperError::new(cut(format!("{name} returned a value that is not JSON ({e})"), MAX_MESSAGE))
            .with_code("invalid-result")
    })
}

/// Whether `value` is plain data (never awaitable, never `LATER`: no lookup).
fn plain(value: &Bound<'_, PyAny>) -> bool {
    value.is_none()
        || value.is_exact_instance_of::<PyDict>()
        || value.is_exact_instance_of::<PyList>()
        || value.is_exact_instance_of::<PyString>()
        || value.is_exact_instance_of::<PyInt>()
        || value.is_exact_instance_of::<PyFloat>()
        || value.is_exact_instance_of::<PyBool>()
        || value.is_exact_instance_of::<PyTuple>()
}

/// Whether `value` is the package's `LATER` (an answer that comes with a
/// `resume`).
pub fn is_later(value: &Bound<'_, PyAny>) -> bool {
    // On the type: an object answering every attribute is not `LATER`.
    !plain(value) && value.get_type().hasattr("__jsbox_later__").unwrap_or(false)
}

/// Whether `value` may be awaitable.
fn awaitable(value: &Bound<'_, PyAny>) -> bool {
    !plain(value) && value.hasattr("__await__").unwrap_or(false)
}

fn arguments<'py>(py: Python<'py>, args: &[Value]) -> PyResult<Bound<'py, PyTuple>> {
    let items = args.iter().map(|a| to_py(py, a)).collect::<PyResult<Vec<_>>>()?;
    PyTuple::new(py, items)
}

/// One execution's helpers. `calls` is the wrapper's object for this
/// execution: `calls.schedule(id, fn, args)` runs an async helper on its
/// event loop (the answer comes through `reply`), `calls.resolve(awaitable)`
/// awaits what a plain function returned.
pub fn registry(
    helpers: Vec<(String, Py<PyAny>, bool)>,
    calls: Arc<Py<PyAny>>,
    waiting: &Arc<Waiting>,
) -> Result<Helpers, jsbox::Error> {
    let mut registry = Helpers::new();
    for (name, func, is_async) in helpers {
        let func = Arc::new(func);
        let calls = calls.clone();
        if is_async {
            let waiting = waiting.clone();
            // Durable: an async helper may answer later (`LATER`).
            registry.add_durable(&name, move |call: HelperCall| {
                let (waiting, func, calls) = (waiting.clone(), func.clone(), calls.clone());
                async move {
                    let (id, rx) = waiting.add();
                    let _pending = Pending(waiting.clone(), id);
                    let scheduled = into_python(|py| {
                        let args = arguments(py, &call.args)?;
                        calls.call_method1(py, "schedule", (id, func.as_ref(), args))
                    });
                    let failed = match scheduled {
                        Some(Ok(_)) => return rx.await.unwrap_or_else(|_| HelperReply::Ready(Err(unavailable()))),
                        Some(Err(error)) => into_python(|py| from_exception(py, &error)).unwrap_or_else(unavailable),
                        None => unavailable(),
                    };
                    HelperReply::Ready(Err(failed))
                }
            })?;
        } else {
            registry.add_sync(&name, move |call: &HelperCall| {
                // The helper runs here, holding the GIL; on a runtime thread,
                // that thread's other work moves elsewhere meanwhile.
                let run = || {
                    into_python(|py| {
                        let args = arguments(py, &call.args).map_err(|e| from_exception(py, &e))?;
                        let value = func.bind(py).call1(args).map_err(|e| from_exception(py, &e))?;
                        let value = if awaitable(&value) {
                            calls.bind(py).call_method1("resolve", (value,)).map_err(|e| from_exception(py, &e))?
                        } else {
                            value
                        };
                        if is_later(&value) {
                            return Err(HelperError::new(format!(
                                "{} is a sync helper and cannot answer later: make it async (or mark it with async_helper)",
                                call.name
                            ))
                            .with_code("invalid-result"));
                        }
                        from_value(&call.name, &value)
                    })
                    .unwrap_or_else(|| Err(unavailable()))
                };
                match tokio::runtime::Handle::try_current() {
                    Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                        tokio::task::block_in_place(run)
                    }
                    _ => run(),
                }
            })?;
        }
    }
    Ok(registry)
}
