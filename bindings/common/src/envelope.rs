//! What goes back to JavaScript: an execution's outcome or error, and a
//! helper's reply, each as one JSON text (one `JSON.parse` on the Node side,
//! one depth-bounded parse here). No Node here: the fuzz target links it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use jsbox::{Error, HelperError, LogLevel, Outcome};

/// What `execute` resolves with.
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecuteOutcome {
    /// What `execute` returned, as JSON.
    #[cfg_attr(feature = "napi", napi(ts_type = "any"))]
    pub result: Value,
    /// What the execution used.
    pub stats: ExecuteStats,
    /// The script's log lines, in order.
    pub logs: Vec<LogLine>,
    /// The execution's id.
    pub id: String,
}

/// What one execution used.
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecuteStats {
    /// Fuel used, when the execution had a budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuel_used: Option<f64>,
    /// Peak linear memory, in bytes.
    pub peak_memory: f64,
    /// Wall-clock time, in microseconds.
    pub wall_time_us: f64,
    /// HTTP requests sent.
    pub http_requests: u32,
    /// Helper calls that reached a helper.
    pub helper_calls: u32,
    /// Whether the script's compiled bytecode came from the engine's cache.
    pub cached_bytecode: bool,
}

/// One line the script logged (`log`, `console.*`).
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    /// `debug`, `info` (`log`, `console.log`), `warn` or `error`.
    #[cfg_attr(feature = "napi", napi(ts_type = "'debug' | 'info' | 'warn' | 'error'"))]
    pub level: String,
    /// The line's text.
    pub message: String,
}

/// A failed execution, as each binding's `JsboxError` has it.
///
/// ```
/// let error = jsbox::Error::Exception { message: "Error: boom".into(), stack: Some("    at execute".into()) };
/// let failure = jsbox_bindings::envelope::Failure::of(&error);
/// assert_eq!((failure.kind, failure.stack), ("exception", Some("    at execute")));
/// ```
#[derive(Debug, Serialize)]
pub struct Failure<'a> {
    /// The library's error kind (`memory-limit`, …).
    pub kind: &'static str,
    /// The error's message.
    pub message: String,
    /// The script's stack, when it threw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<&'a str>,
    /// A helper error's code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a str>,
}

impl<'a> Failure<'a> {
    /// The fields of `error`.
    pub fn of(error: &'a Error) -> Self {
        let (stack, code) = match error {
            Error::Exception { stack, .. } => (stack.as_deref(), None),
            Error::Helper { code, .. } => (None, code.as_deref()),
            _ => (None, None),
        };
        Failure { kind: error.kind(), message: error.to_string(), stack, code }
    }
}

/// A log level's name: `debug`, `info`, `warn` or `error`.
pub fn level_name(level: LogLevel) -> &'static str {
    match level {
        LogLevel::Debug => "debug",
        LogLevel::Info => "info",
        LogLevel::Warn => "warn",
        LogLevel::Error => "error",
    }
}

fn lines(logs: Vec<(LogLevel, String)>) -> Vec<LogLine> {
    logs.into_iter().map(|(l, message)| LogLine { level: level_name(l).into(), message }).collect()
}

/// `{"ok": {result, stats, logs, id}}` or `{"error": {kind, message, stack?, code?}, "logs": [...]}`.
pub fn settled(outcome: Result<Outcome, Error>, logs: Vec<(LogLevel, String)>) -> String {
    let logs = lines(logs);
    let text = match outcome {
        Ok(outcome) => {
            let stats = &outcome.stats;
            let ok = ExecuteOutcome {
                stats: ExecuteStats {
                    fuel_used: stats.fuel_used.map(|f| f as f64),
                    peak_memory: stats.peak_memory as f64,
                    wall_time_us: stats.wall_time_us as f64,
                    http_requests: stats.http_requests,
                    helper_calls: stats.helper_calls,
                    cached_bytecode: stats.cached_bytecode,
                },
                id: outcome.id.to_string(),
                result: outcome.result,
                logs,
            };
            serde_json::to_string(&serde_json::json!({ "ok": ok }))
        }
        Err(error) => serde_json::to_string(&serde_json::json!({ "error": Failure::of(&error), "logs": logs })),
    };
    // Only values the library produced, which serialize.
    text.unwrap_or_else(|e| format!(r#"{{"error":{{"kind":"internal","message":"{e}"}},"logs":[]}}"#))
}

/// A helper's reply from the wrapper: `{"ok": value}` (a missing `ok` is
/// `undefined`, which arrives as `null`) or `{"error": {"message", "code"?}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reply {
    #[serde(default)]
    ok: Value,
    error: Option<ReplyError>,
}

#[derive(Debug, Deserialize)]
struct ReplyError {
    message: String,
    code: Option<String>,
}

/// Decodes a helper's reply; anything malformed is a helper error, never a
/// panic.
pub fn helper_reply(json: &str) -> Result<Value, HelperError> {
    match jsbox::json::from_str::<Reply>(json) {
        Ok(Reply { error: Some(error), .. }) => {
            let mut e = HelperError::new(error.message);
            e.code = error.code;
            Err(e)
        }
        Ok(Reply { ok, error: None }) => Ok(ok),
        Err(e) => {
            Err(HelperError::new(format!("the helper's reply could not be read: {e}")).with_code("invalid-result"))
        }
    }
}
