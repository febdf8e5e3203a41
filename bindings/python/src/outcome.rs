//! What an execution gives Python: an [`Outcome`] (with its [`Stats`] and
//! [`LogLine`]s), or a failure's fields as a tuple the wrapper raises as
//! `JsboxError`. Built here, attached once, so that no JSON text is written
//! or parsed on the way back.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use jsbox::{Error, LogLevel, Run};
use jsbox_bindings::envelope::{Failure, level_name};

use crate::values::to_py;

/// A finished execution.
#[pyclass(frozen, get_all, module = "jsbox_sandbox")]
pub struct Outcome {
    /// What `execute` returned, as plain Python values.
    result: Py<PyAny>,
    /// What the execution used.
    stats: Py<Stats>,
    /// The script's log lines, in order.
    logs: Py<PyList>,
    /// The execution's id.
    id: String,
}

#[pymethods]
impl Outcome {
    /// `"done"` (a `Suspension` says `"suspended"`).
    #[getter]
    fn status(&self) -> &'static str {
        "done"
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Outcome(result={}, stats={}, logs={}, id={:?})",
            self.result.bind(py).repr()?,
            self.stats.bind(py).repr()?,
            self.logs.bind(py).repr()?,
            self.id
        ))
    }
}

/// What one execution used.
#[pyclass(frozen, get_all, eq, module = "jsbox_sandbox")]
#[derive(PartialEq)]
pub struct Stats {
    /// Peak linear memory, in bytes.
    peak_memory: u64,
    /// Wall-clock time, in microseconds.
    wall_time_us: u64,
    /// HTTP requests sent.
    http_requests: u32,
    /// Helper calls that reached a helper.
    helper_calls: u32,
    /// Whether the script's compiled bytecode came from the engine's cache.
    cached_bytecode: bool,
    /// Fuel used, when the execution had a budget (`fuel=`).
    fuel_used: Option<u64>,
}

#[pymethods]
impl Stats {
    fn __repr__(&self) -> String {
        let fuel = self.fuel_used.map_or("None".into(), |f| f.to_string());
        format!(
            "Stats(peak_memory={}, wall_time_us={}, http_requests={}, helper_calls={}, cached_bytecode={}, fuel_used={fuel})",
            self.peak_memory,
            self.wall_time_us,
            self.http_requests,
            self.helper_calls,
            if self.cached_bytecode { "True" } else { "False" }
        )
    }
}

/// One line the script logged (`log`, `console.*`).
#[pyclass(frozen, get_all, eq, hash, module = "jsbox_sandbox")]
#[derive(PartialEq, Hash)]
pub struct LogLine {
    /// `debug`, `info` (`log`, `console.log`), `warn` or `error`.
    level: String,
    /// The line's text.
    message: String,
}

#[pymethods]
impl LogLine {
    #[new]
    fn new(level: String, message: String) -> Self {
        LogLine { level, message }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |s: &str| pyo3::types::PyString::new(py, s).repr().map(|r| r.to_string());
        Ok(format!("LogLine(level={}, message={})", repr(&self.level)?, repr(&self.message)?))
    }
}

fn lines<'py>(py: Python<'py>, logs: Vec<(LogLevel, String)>) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (level, message) in logs {
        list.append(Py::new(py, LogLine { level: level_name(level).into(), message })?)?;
    }
    Ok(list)
}

/// A durable execution waiting in the engine's store (`run`, `resume`).
#[pyclass(frozen, get_all, module = "jsbox_sandbox")]
pub struct Suspension {
    /// The execution's id: what `resume` takes.
    id: String,
    /// The helper calls it awaits (answered with `resume`).
    pending: Py<PyList>,
    /// When its next timer is due (resume it then), if it has one: an aware
    /// `datetime` in UTC.
    wake_at: Option<Py<PyAny>>,
    /// The sealed continuation's size in bytes.
    size: usize,
    /// How many times it has suspended, this one included.
    generation: u32,
    /// The lines it logged since it started (or was resumed).
    logs: Py<PyList>,
}

#[pymethods]
impl Suspension {
    /// `"suspended"`.
    #[getter]
    fn status(&self) -> &'static str {
        "suspended"
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Suspension(id={:?}, pending={}, wake_at={}, size={}, generation={})",
            self.id,
            self.pending.bind(py).repr()?,
            match &self.wake_at {
                Some(at) => at.bind(py).repr()?.to_string(),
                None => "None".into(),
            },
            self.size,
            self.generation
        ))
    }
}

/// A helper call a suspended execution awaits.
#[pyclass(frozen, get_all, module = "jsbox_sandbox")]
pub struct PendingCall {
    /// What its result is given for in `resume(results={call_id: …})`.
    call_id: u32,
    /// The helper's name.
    helper: String,
    /// Its arguments, as plain Python values.
    args: Py<PyList>,
}

#[pymethods]
impl PendingCall {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "PendingCall(call_id={}, helper={:?}, args={})",
            self.call_id,
            self.helper,
            self.args.bind(py).repr()?
        ))
    }
}

/// `settled` for every job: with `durable` (`run`, `resume`) a
/// [`Suspension`] when the execution suspended; `execute` never does.
pub fn settled_run(
    py: Python<'_>,
    run: Result<Run, Error>,
    logs: Vec<(LogLevel, String)>,
    durable: bool,
) -> PyResult<Py<PyAny>> {
    let suspended = match run {
        Ok(Run::Suspended(suspended)) if durable => suspended,
        Ok(Run::Suspended(_)) => {
            return settled(py, Err(Error::InvalidPolicy { message: "execute cannot suspend".into() }), logs);
        }
        Ok(Run::Done(outcome)) => return settled(py, Ok(outcome), logs),
        Err(error) => return settled(py, Err(error), logs),
    };
    let pending = PyList::empty(py);
    for call in suspended.pending {
        let args = PyList::new(py, call.args.iter().map(|a| to_py(py, a)).collect::<PyResult<Vec<_>>>()?)?;
        pending
            .append(Py::new(py, PendingCall { call_id: call.call_id, helper: call.helper, args: args.unbind() })?)?;
    }
    let wake_at = match suspended.wake_at {
        Some(at) => {
            let seconds = at.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
            let datetime = py.import("datetime")?;
            let utc = datetime.getattr("timezone")?.getattr("utc")?;
            Some(datetime.getattr("datetime")?.call_method1("fromtimestamp", (seconds, utc))?.unbind())
        }
        None => None,
    };
    let suspension = Suspension {
        id: suspended.id.to_string(),
        pending: pending.unbind(),
        wake_at,
        size: suspended.size,
        generation: suspended.generation,
        logs: lines(py, logs)?.unbind(),
    };
    Ok(Py::new(py, suspension)?.into_any())
}

/// An [`Outcome`], or `(kind, message, stack, code, logs)` for a failure.
pub fn settled(
    py: Python<'_>,
    outcome: Result<jsbox::Outcome, Error>,
    logs: Vec<(LogLevel, String)>,
) -> PyResult<Py<PyAny>> {
    let logs = lines(py, logs)?;
    match outcome {
        Ok(outcome) => {
            let s = &outcome.stats;
            let stats = Stats {
                peak_memory: s.peak_memory,
                wall_time_us: s.wall_time_us,
                http_requests: s.http_requests,
                helper_calls: s.helper_calls,
                cached_bytecode: s.cached_bytecode,
                fuel_used: s.fuel_used,
            };
            let outcome = Outcome {
                result: to_py(py, &outcome.result)?.unbind(),
                stats: Py::new(py, stats)?,
                logs: logs.unbind(),
                id: outcome.id.to_string(),
            };
            Ok(Py::new(py, outcome)?.into_any())
        }
        Err(error) => {
            let f = Failure::of(&error);
            Ok(PyTuple::new(
                py,
                [
                    f.kind.into_pyobject(py)?.into_any(),
                    f.message.into_pyobject(py)?.into_any(),
                    f.stack.into_pyobject(py)?.into_any(),
                    f.code.into_pyobject(py)?.into_any(),
                    logs.into_any(),
                ],
            )?
            .into_any()
            .unbind())
        }
    }
}
