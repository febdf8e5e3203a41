//! Script output: `log(...)` and `console.*` reach the embedder through a
//! [`LogSink`], never the result. Output past the policy's limits ends the
//! execution (`output-limit`), so a log flood cannot exhaust the host.

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

/// Applies the policy's log limits in front of a sink, for one execution.
/// The line that would pass a limit is refused, and so is everything after.
pub(crate) struct CappedLog {
    sink: Arc<dyn LogSink>,
    max_bytes: u64,
    max_lines: u64,
    bytes: u64,
    lines: u64,
    refused: Option<LogLimitExceeded>,
}

/// A log line went past the policy's limits; carries the error to report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct LogLimitExceeded(pub(crate) String);

impl CappedLog {
    pub(crate) fn new(sink: Arc<dyn LogSink>, max_bytes: u64, max_lines: u64) -> Self {
        CappedLog { sink, max_bytes, max_lines, bytes: 0, lines: 0, refused: None }
    }

    /// Bytes written so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Lines written so far.
    pub(crate) fn lines(&self) -> u64 {
        self.lines
    }

    /// Carries a suspended execution's counts over.
    pub(crate) fn carry(&mut self, bytes: u64, lines: u64) {
        self.bytes = bytes;
        self.lines = lines;
    }

    pub(crate) fn log(&mut self, level: LogLevel, message: &str) -> Result<(), LogLimitExceeded> {
        let size = message.len() as u64 + 1;
        if self.refused.is_none() {
            if self.lines >= self.max_lines {
                self.refused = Some(LogLimitExceeded(format!(
                    "log output exceeded the limit of {} lines (max_log_lines)",
                    self.max_lines
                )));
            } else if self.bytes + size > self.max_bytes {
                self.refused = Some(LogLimitExceeded(format!(
                    "log output exceeded the limit of {} (max_log_bytes)",
                    crate::units::display_size(self.max_bytes)
                )));
            }
        }
        if let Some(refused) = &self.refused {
            return Err(refused.clone());
        }
        self.bytes += size;
        self.lines += 1;
        self.sink.log(level, message);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_past_the_byte_limit_and_all_after_it_are_refused() {
        let memory = MemorySink::default();
        let mut log = CappedLog::new(Arc::new(memory.clone()), 10, 100);
        assert!(log.log(LogLevel::Info, "12345").is_ok());
        let refused = log.log(LogLevel::Info, "123456789").unwrap_err();
        assert!(refused.0.contains("max_log_bytes"), "{refused}");
        assert!(log.log(LogLevel::Info, "1").is_err());
        assert_eq!(memory.lines(), [(LogLevel::Info, "12345".to_string())]);
    }

    #[test]
    fn the_line_past_the_line_limit_is_refused() {
        let memory = MemorySink::default();
        let mut log = CappedLog::new(Arc::new(memory.clone()), 1000, 2);
        assert!(log.log(LogLevel::Info, "").is_ok());
        assert!(log.log(LogLevel::Info, "").is_ok());
        assert!(log.log(LogLevel::Info, "").unwrap_err().0.contains("2 lines (max_log_lines)"));
        assert_eq!(memory.lines().len(), 2);
    }
}
