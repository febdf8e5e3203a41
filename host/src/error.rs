//! The one error type of jsbox, with a stable kind string per variant.

use std::time::Duration;

/// Why an execution did not produce a result.
///
/// Every variant has a stable, machine-readable [`kind`](Error::kind) (the CLI
/// prints `error[<kind>]: <message>`); match on the variant or on the kind,
/// never on the message text.
///
/// ```
/// let err = jsbox::Error::Fuel { budget: 1_000 };
/// assert_eq!(err.kind(), "fuel");
/// assert_eq!(err.to_string(), "fuel budget of 1000 units exhausted");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The script does not parse. The message carries `line:column`.
    #[error("{message}")]
    Syntax {
        /// e.g. `SyntaxError: unexpected token in expression: ')' at script.js:3:17`.
        message: String,
    },
    /// The script defines no `execute` function.
    #[error("{message}")]
    MissingExecute {
        /// What was expected.
        message: String,
    },
    /// An uncaught throw or rejection, a result that is not JSON-serializable,
    /// or an `execute` promise that can never settle.
    #[error("{}", one_line(message, stack.as_deref()))]
    Exception {
        /// `Name: message` for Errors, `Uncaught <value>` for other thrown values.
        message: String,
        /// The JavaScript stack, when the thrown value had one.
        stack: Option<String>,
    },
    /// The script needed more memory than the policy allows. Reported even
    /// when the script caught the resulting JavaScript "out of memory" error.
    #[error("memory limit of {} exceeded", crate::units::display_size(*limit))]
    MemoryLimit {
        /// The limit in bytes.
        limit: u64,
    },
    /// The script used up its fuel (deterministic CPU) budget.
    #[error("fuel budget of {budget} units exhausted")]
    Fuel {
        /// The budget the policy gave.
        budget: u64,
    },
    /// The script wrote more log output, or returned a larger result, than
    /// the policy allows (`max_log_bytes`, `max_log_lines`,
    /// `max_result_bytes`). Not catchable by the script.
    #[error("{message}")]
    OutputLimit {
        /// Which limit, and its value.
        message: String,
    },
    /// The execution ran past its wall-clock timeout (time spent awaiting
    /// HTTP counts).
    #[error("execution timed out after {}", humantime::format_duration(*timeout))]
    Timeout {
        /// The timeout the policy gave.
        timeout: Duration,
    },
    /// A request the network policy refused was not caught by the script.
    #[error("{message}")]
    NetworkDenied {
        /// Which host was refused and why.
        message: String,
    },
    /// An error of one of the embedder's helpers that the script did not
    /// catch (see [`HelperError`](crate::HelperError)).
    #[error("{message}{}", code.as_deref().map(|c| format!(" (code {c})")).unwrap_or_default())]
    Helper {
        /// `<helper name>: <the helper's message>`.
        message: String,
        /// The helper's machine-readable code, if it set one.
        code: Option<String>,
    },
    /// The arguments are not a JSON value.
    #[error("invalid args: {message}")]
    InvalidArgs {
        /// The JSON parser's complaint.
        message: String,
    },
    /// The policy is not usable (e.g. an allow-list entry that does not parse).
    #[error("invalid policy: {message}")]
    InvalidPolicy {
        /// What is wrong.
        message: String,
    },
    /// A suspended execution cannot be resumed from what was given: not a
    /// continuation, changed, cut short, sealed with another key, for
    /// another tenant or execution, or made by another jsbox build (whose
    /// memory layout this one cannot restore); or no execution of that id
    /// is suspended.
    #[error("{message}")]
    ContinuationInvalid {
        /// Which of these, for people.
        message: String,
    },
    /// This continuation was already resumed: each is resumed at most once.
    #[error("{message}")]
    ContinuationUsed {
        /// Which execution.
        message: String,
    },
    /// The execution was suspended longer than its policy's
    /// [`max_suspended`](crate::Policy::max_suspended).
    #[error("{message}")]
    ContinuationExpired {
        /// Which execution.
        message: String,
    },
    /// A failure of jsbox itself, not of the script. Please report these.
    #[error("internal error: {message}")]
    Internal {
        /// What failed.
        message: String,
    },
}

impl Error {
    /// The stable kind string: `syntax`, `missing-execute`, `exception`,
    /// `memory-limit`, `fuel`, `timeout`, `output-limit`, `network-denied`, `helper`,
    /// `invalid-args`, `invalid-policy`, `continuation-invalid`,
    /// `continuation-used`, `continuation-expired` or `internal`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Syntax { .. } => "syntax",
            Error::MissingExecute { .. } => "missing-execute",
            Error::Exception { .. } => "exception",
            Error::MemoryLimit { .. } => "memory-limit",
            Error::Fuel { .. } => "fuel",
            Error::Timeout { .. } => "timeout",
            Error::OutputLimit { .. } => "output-limit",
            Error::NetworkDenied { .. } => "network-denied",
            Error::Helper { .. } => "helper",
            Error::InvalidArgs { .. } => "invalid-args",
            Error::InvalidPolicy { .. } => "invalid-policy",
            Error::ContinuationInvalid { .. } => "continuation-invalid",
            Error::ContinuationUsed { .. } => "continuation-used",
            Error::ContinuationExpired { .. } => "continuation-expired",
            Error::Internal { .. } => "internal",
        }
    }

    pub(crate) fn internal(error: impl std::fmt::Display) -> Self {
        Error::Internal { message: error.to_string() }
    }

    /// An `invalid-policy` error quotes the offending value, which may be
    /// anything the caller sent (a 4 KB host, say): its message is cut at
    /// [`MAX_POLICY_MESSAGE`] bytes. Other errors pass unchanged.
    pub(crate) fn clipped(self) -> Self {
        match self {
            Error::InvalidPolicy { message } if message.len() > MAX_POLICY_MESSAGE => {
                let end = message.floor_char_boundary(MAX_POLICY_MESSAGE);
                Error::InvalidPolicy { message: format!("{}…", &message[..end]) }
            }
            other => other,
        }
    }
}

/// Longest message of an `invalid-policy` error.
const MAX_POLICY_MESSAGE: usize = 1024;

/// The message, plus where it was thrown (the first frame of the stack), on
/// one line.
fn one_line(message: &str, stack: Option<&str>) -> String {
    let frame = stack
        .and_then(|s| s.lines().map(str::trim).find(|l| l.starts_with("at ")))
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    format!("{}{frame}", message.replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_errors_quote_at_most_a_kilobyte() {
        let long = Error::InvalidPolicy { message: format!("host {:?}", "é".repeat(4000)) }.clipped();
        let Error::InvalidPolicy { message } = &long else { panic!("{long:?}") };
        assert!(message.len() <= MAX_POLICY_MESSAGE + "…".len() && message.ends_with('…'), "{}", message.len());
        let short = Error::InvalidPolicy { message: "x".into() };
        assert_eq!(short.clone().clipped(), short);
        assert_eq!(Error::Fuel { budget: 1 }.clipped(), Error::Fuel { budget: 1 });
    }

    #[test]
    fn exception_display_is_one_line_with_the_throwing_frame() {
        let err = Error::Exception {
            message: "Error: boom".into(),
            stack: Some("    at fail (script.js:2:11)\n    at execute (script.js:5:3)\n".into()),
        };
        assert_eq!(err.to_string(), "Error: boom (at fail (script.js:2:11))");
        assert_eq!(err.kind(), "exception");
    }

    #[test]
    fn limits_display_in_human_units() {
        assert_eq!(Error::MemoryLimit { limit: 32 << 20 }.to_string(), "memory limit of 32.0 MiB exceeded");
        assert_eq!(
            Error::Timeout { timeout: Duration::from_millis(1500) }.to_string(),
            "execution timed out after 1s 500ms"
        );
    }
}
