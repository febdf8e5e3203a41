//! `jsbox run --suspend-dir DIR` and `jsbox resume ID --suspend-dir DIR`:
//! durable executions from the command line. Continuations live in DIR (a
//! [`jsbox::FsStore`]); the sealing key is `$JSBOX_CONTINUATION_KEY` (64 hex
//! digits), else `DIR/key`, created on first use (mode 0600).

use std::io::Write;
use std::path::Path;

use jsbox::{ContinuationKey, Durable, FsStore, HelperError, Run};
use serde_json::{Value, json};

/// The environment variable holding the sealing key.
pub const KEY_VARIABLE: &str = "JSBOX_CONTINUATION_KEY";

/// The durable settings for DIR: its store and the key.
pub fn open(dir: &Path) -> Result<Durable, String> {
    let store = FsStore::new(dir).map_err(|e| format!("[{}]: {e}", e.kind()))?;
    let key = match std::env::var(KEY_VARIABLE) {
        Ok(hex) => ContinuationKey::from_hex(&hex).map_err(|e| format!("{KEY_VARIABLE}: {e}"))?,
        Err(_) => ContinuationKey::in_file(dir.join("key")).map_err(|e| e.to_string())?,
    };
    Ok(Durable::new(key, store))
}

/// What `run` and `resume` print for a suspension.
pub fn suspended_json(suspended: &jsbox::Suspended) -> Value {
    json!({
        "status": "suspended",
        "id": suspended.id,
        "pending": suspended.pending,
        "wake_at": suspended.wake_at.map(|at| humantime::format_rfc3339_millis(at).to_string()),
    })
}

/// `CALL_ID=JSON` of `--result`.
pub fn parse_result(text: &str) -> Result<(u32, Value), String> {
    let (id, json) = split_call(text, "CALL_ID=JSON (e.g. 1='{\"approved\": true}')")?;
    let value = jsbox::parse_args(json).map_err(|e| format!("--result {id}: {e}"))?;
    Ok((id, value))
}

/// `CALL_ID=MESSAGE` of `--error`.
pub fn parse_error(text: &str) -> Result<(u32, HelperError), String> {
    let (id, message) = split_call(text, "CALL_ID=MESSAGE (e.g. 1='rejected')")?;
    Ok((id, HelperError::new(message)))
}

fn split_call<'a>(text: &'a str, expected: &str) -> Result<(u32, &'a str), String> {
    let (id, rest) = text.split_once('=').ok_or_else(|| format!("expected {expected}, got {text:?}"))?;
    let id = id.trim().parse().map_err(|_| format!("expected {expected}: {id:?} is not a call id"))?;
    Ok((id, rest))
}

/// Prints a durable run's end as `run` prints results (or the suspension).
pub fn print(run: Run, stats: bool) -> u8 {
    let text = match run {
        Run::Done(outcome) if stats => serde_json::to_string(&outcome),
        Run::Done(outcome) => serde_json::to_string(&outcome.result),
        Run::Suspended(suspended) => serde_json::to_string(&suspended_json(&suspended)),
    };
    let mut out = std::io::stdout().lock();
    match text.map(|text| writeln!(out, "{text}")) {
        Ok(Ok(())) => 0,
        _ => crate::EXIT_SCRIPT_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_and_errors_parse_with_their_call_ids() {
        assert_eq!(parse_result("3={\"ok\": true}").unwrap(), (3, json!({"ok": true})));
        assert_eq!(
            parse_result("1=a=b").unwrap_err(),
            "--result 1: invalid args: not a JSON value: expected value at line 1 column 1"
        );
        assert!(parse_result("x=1").is_err());
        assert!(parse_result("1").is_err());
        assert_eq!(parse_error("2=no=way").unwrap(), (2, HelperError::new("no=way")));
    }
}
