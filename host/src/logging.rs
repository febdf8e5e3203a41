//! Script output: `log(...)` and `console.*` reach the embedder through a
//! [`LogSink`], never the result. Output beyond the policy's cap is dropped
//! with one notice, so a log flood cannot exhaust the host.

use std::sync::{Arc, Mutex};

pub use crate::bindings::jsbox::sandbox::host::LogLevel;

/// Receives the log lines of executions.
///
/// ```
/// use jsbox::{LogLevel, LogSink};
/// struct Stderr;
/// impl LogSink for Stderr {
///     fn log(&self, _level: LogLevel, message: &str) {
///         eprintln!("{message}");
///     }
/// }
/// ```
pub trait LogSink: Send + Sync {
    /// One line (a `log` or `console.*` call, its arguments joined by spaces).
    fn log(&self, level: LogLevel, message: &str);
}

/// The default sink: [`tracing`] events with target `jsbox::script`.
///
/// ```
/// use jsbox::LogSink;
/// jsbox::TracingSink.log(jsbox::LogLevel::Info, "hello");
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct TracingSink;

impl LogSink for TracingSink {
    fn log(&self, level: LogLevel, message: &str) {
        match level {
            LogLevel::Debug => tracing::debug!(target: "jsbox::script", "{message}"),
            LogLevel::Info => tracing::info!(target: "jsbox::script", "{message}"),
            LogLevel::Warn => tracing::warn!(target: "jsbox::script", "{message}"),
            LogLevel::Error => tracing::error!(target: "jsbox::script", "{message}"),
        }
    }
}

/// A sink that keeps lines in memory, e.g. to return them with a result.
///
/// ```
/// use jsbox::{LogLevel, LogSink};
/// let logs = jsbox::MemorySink::default();
/// logs.log(LogLevel::Warn, "careful");
/// assert_eq!(logs.lines(), [(LogLevel::Warn, "careful".to_string())]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct MemorySink {
    lines: Arc<Mutex<Vec<(LogLevel, String)>>>,
}

impl MemorySink {
    /// The lines logged so far.
    pub fn lines(&self) -> Vec<(LogLevel, String)> {
        self.lines.lock().expect("log lines lock").clone()
    }
}

impl LogSink for MemorySink {
    fn log(&self, level: LogLevel, message: &str) {
        self.lines.lock().expect("log lines lock").push((level, message.to_owned()));
    }
}

/// Applies the policy's byte cap in front of a sink, for one execution.
pub(crate) struct CappedLog {
    sink: Arc<dyn LogSink>,
    remaining: u64,
    truncated: bool,
}

impl CappedLog {
    pub(crate) fn new(sink: Arc<dyn LogSink>, cap: u64) -> Self {
        CappedLog { sink, remaining: cap, truncated: false }
    }

    pub(crate) fn log(&mut self, level: LogLevel, message: &str) {
        if self.truncated {
            return;
        }
        let size = message.len() as u64 + 1;
        if size > self.remaining {
            self.truncated = true;
            self.sink.log(LogLevel::Warn, "[jsbox] log output limit reached; further output dropped");
            return;
        }
        self.remaining -= size;
        self.sink.log(level, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_beyond_the_cap_is_dropped_with_one_notice() {
        let memory = MemorySink::default();
        let mut log = CappedLog::new(Arc::new(memory.clone()), 10);
        log.log(LogLevel::Info, "12345");
        log.log(LogLevel::Info, "123456789");
        log.log(LogLevel::Info, "1");
        let lines = memory.lines();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].1, "12345");
        assert!(lines[1].1.contains("log output limit reached"));
    }
}
