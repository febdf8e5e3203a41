//! What goes back to JavaScript: an execution's outcome or error, and a
//! helper's reply, each as one JSON text (one `JSON.parse` on the Node side,
//! one depth-bounded parse here). No Node here: the fuzz target links it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use jsbox::{Error, HelperError, HelperReply, LogLevel, Outcome, Run};

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
/// `undefined`, which arrives as `null`), `{"error": {"message", "code"?}}`,
/// or `{"later": true}` (the result comes with a `resume`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reply {
    #[serde(default)]
    ok: Value,
    error: Option<ReplyError>,
    #[serde(default)]
    later: bool,
}

#[derive(Debug, Deserialize)]
struct ReplyError {
    message: String,
    code: Option<String>,
}

/// Decodes a helper's reply; anything malformed is a helper error, never a
/// panic.
///
/// ```
/// use jsbox::HelperReply;
/// use jsbox_bindings::envelope::helper_reply;
/// assert_eq!(helper_reply(r#"{"ok": 1}"#), HelperReply::Ready(Ok(1.into())));
/// assert_eq!(helper_reply(r#"{"later": true}"#), HelperReply::Later);
/// assert!(matches!(helper_reply("{"), HelperReply::Ready(Err(_))));
/// ```
pub fn helper_reply(json: &str) -> HelperReply {
    match jsbox::json::from_str::<Reply>(json) {
        Ok(Reply { error: Some(error), .. }) => {
            let mut e = HelperError::new(error.message);
            e.code = error.code;
            HelperReply::Ready(Err(e))
        }
        Ok(Reply { later: true, .. }) => HelperReply::Later,
        Ok(Reply { ok, .. }) => HelperReply::Ready(Ok(ok)),
        Err(e) => HelperReply::Ready(Err(
            HelperError::new(format!("the helper's reply could not be read: {e}")).with_code("invalid-result")
        )),
    }
}

/// A sync helper's reply: it cannot answer later (the script already has
/// its value in hand).
pub fn sync_reply(name: &str, json: &str) -> Result<Value, HelperError> {
    match helper_reply(json) {
        HelperReply::Ready(result) => result,
        HelperReply::Later => Err(HelperError::new(format!(
            "{name} is a sync helper and cannot answer later: make it async (or mark it with asyncHelper)"
        ))
        .with_code("invalid-result")),
    }
}

/// What `run` and `resume` resolve with when the execution is suspended.
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suspension {
    /// `"suspended"`.
    #[cfg_attr(feature = "napi", napi(ts_type = "'suspended'"))]
    pub status: String,
    /// The execution's id: what `resume` takes.
    pub id: String,
    /// The helper calls it awaits (answered with `resume`).
    pub pending: Vec<Pending>,
    /// When its next timer is due (resume it then), if it has one.
    #[cfg_attr(feature = "napi", napi(ts_type = "Date | null"))]
    pub wake_at: Option<f64>,
    /// The sealed continuation's size in bytes.
    pub size: f64,
    /// How many times it has suspended, this one included.
    pub generation: u32,
    /// The lines it logged since it started (or was resumed).
    pub logs: Vec<LogLine>,
}

/// A helper call a suspended execution awaits.
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// What its result is given for in `resume`.
    pub call_id: u32,
    /// The helper's name.
    pub helper: String,
    /// Its arguments.
    #[cfg_attr(feature = "napi", napi(ts_type = "any[]"))]
    pub args: Vec<Value>,
}

impl Suspension {
    /// The fields of `suspended`, with the lines it logged.
    pub fn of(suspended: jsbox::Suspended, logs: Vec<(LogLevel, String)>) -> Self {
        Suspension {
            status: "suspended".into(),
            id: suspended.id.to_string(),
            pending: suspended
                .pending
                .into_iter()
                .map(|p| Pending { call_id: p.call_id, helper: p.helper, args: p.args })
                .collect(),
            wake_at: suspended
                .wake_at
                .map(|at| at.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as f64).unwrap_or(0.0)),
            size: suspended.size as f64,
            generation: suspended.generation,
            logs: lines(logs),
        }
    }
}

/// `run`'s and `resume`'s envelope: `{"ok": {status: "done", result, stats,
/// logs, id}}`, `{"ok": {status: "suspended", id, pending, wakeAt, …}}`, or
/// `{"error": …, "logs": […]}` as [`settled`] has it.
///
/// ```
/// let text = jsbox_bindings::envelope::settled_run(Err(jsbox::Error::ContinuationUsed { message: "used".into() }), vec![]);
/// assert!(text.contains(r#""kind":"continuation-used""#));
/// ```
pub fn settled_run(run: Result<Run, Error>, logs: Vec<(LogLevel, String)>) -> String {
    match run {
        Ok(Run::Done(outcome)) => {
            let text = settled(Ok(outcome), logs);
            // `{"ok":{…}}` → `{"ok":{"status":"done",…}}`.
            match text.strip_prefix(r#"{"ok":{"#) {
                Some(rest) => format!(r#"{{"ok":{{"status":"done",{rest}"#),
                None => text,
            }
        }
        Ok(Run::Suspended(suspended)) => {
            serde_json::to_string(&serde_json::json!({ "ok": Suspension::of(suspended, logs) }))
                .unwrap_or_else(|e| format!(r#"{{"error":{{"kind":"internal","message":"{e}"}},"logs":[]}}"#))
        }
        Err(error) => settled(Err(error), logs),
    }
}
