//! What an execution gives Python: an [`Outcome`] (with its [`Stats`] and
//! [`LogLine`]s), or a failure's fields as a tuple the wrapper raises as
//! `JsboxError`. Built here, attached once, so that no JSON text is written
//! or parsed on the way back.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use jsbox::{Error, LogLevel};
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
