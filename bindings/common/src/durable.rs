//! Durable executions in the bindings: an engine's store of suspended
//! executions (`suspendDir`, the sealing key), and what a `resume` hands
//! the library. No Node and no Python here: the fuzz target links it.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use jsbox::{ContinuationKey, Durable, Error, FsStore, HelperError, Helpers, Resume, Run};

use crate::options::{ExecuteOptions, decode_engine, execute_parts, invalid};

/// The environment variable holding the sealing key (as for the CLI and
/// the service).
pub const KEY_VARIABLE: &str = "JSBOX_CONTINUATION_KEY";

/// How long a sync helper may take when a resume gives no options (the
/// execution's own timeout is sealed; the binding cannot read it first).
const UNKNOWN_TIMEOUT: Duration = Duration::from_secs(60);

/// The durability of an engine suspending into `dir`: `key` (64 hex
/// digits), else `$JSBOX_CONTINUATION_KEY`, else `dir/key` (made on first
/// use, mode 0600).
///
/// ```
/// let dir = std::env::temp_dir().join(format!("jsbox-doc-bindings-{}", std::process::id()));
/// let key = jsbox::ContinuationKey::generate().to_hex();
/// let durable = jsbox_bindings::durable::open(dir.to_str().unwrap(), Some(&key)).unwrap();
/// assert_eq!(durable.tenant_name(), "");
/// # std::fs::remove_dir_all(&dir).ok();
/// ```
pub fn open(dir: &str, key: Option<&str>) -> Result<Durable, Error> {
    let store = FsStore::new(dir).map_err(|e| invalid("suspendDir", e))?;
    let key = match key {
        Some(hex) => ContinuationKey::from_hex(hex).map_err(|e| invalid("continuationKey", e))?,
        None => match std::env::var(KEY_VARIABLE) {
            Ok(hex) => ContinuationKey::from_hex(&hex).map_err(|e| invalid(&format!("${KEY_VARIABLE}"), e))?,
            Err(_) => ContinuationKey::in_file(Path::new(dir).join("key"))?,
        },
    };
    Ok(Durable::new(key, store))
}

/// What one binding call does: `execute` a script, `run` it durably (it
/// may suspend), or `resume` a suspended one.
pub enum Job {
    /// `execute`: never suspends.
    Execute(jsbox::Policy, jsbox::Execution),
    /// `run`: suspends into the engine's store when it waits for a later answer.
    Run(jsbox::Policy, jsbox::Execution, Durable),
    /// `resume`.
    Resume(Resume, Durable),
}

impl Job {
    /// `execute` or `run` of a prepared execution: `durable` is the
    /// engine's store when `run` was called (`None` for `execute`).
    pub fn start(prepared: crate::options::Prepared, durable: Option<&Option<Durable>>) -> Result<Job, Error> {
        let crate::options::Prepared { policy, execution, tenant } = prepared;
        Ok(match durable {
            None => Job::Execute(policy, execution),
            Some(store) => Job::Run(policy, execution, bound(store, tenant)?),
        })
    }

    /// A resume in the engine's store.
    pub fn resume(resumed: Resumed, store: &Option<Durable>) -> Result<Job, Error> {
        Ok(Job::Resume(resumed.resume, bound(store, resumed.tenant)?))
    }

    /// Runs it, its log lines to `logs`.
    pub async fn drive(self, engine: &jsbox::Engine, logs: std::sync::Arc<dyn jsbox::LogSink>) -> Result<Run, Error> {
        match self {
            Job::Execute(policy, execution) => engine.run(&policy, execution.logs(logs)).await.map(Run::Done),
            Job::Run(policy, execution, durable) => engine.run_durable(&policy, execution.logs(logs), &durable).await,
            Job::Resume(resume, durable) => engine.resume(&durable, resume.logs(logs)).await,
        }
    }
}

/// The engine's store bound to `tenant`; `invalid-policy` when the engine
/// has none.
fn bound(store: &Option<Durable>, tenant: Option<String>) -> Result<Durable, Error> {
    let durable = store.clone().ok_or_else(|| Error::InvalidPolicy {
        message: "this engine cannot suspend executions: it was made without suspendDir".into(),
    })?;
    Ok(match tenant {
        Some(tenant) => durable.tenant(tenant),
        None => durable,
    })
}

/// What `new Engine(options)` makes: the library's engine configuration,
/// and where and how it suspends executions, when `suspendDir` is given.
#[derive(Debug)]
pub struct EngineParts {
    /// The engine's configuration.
    pub config: jsbox::EngineConfig,
    /// Its durability (`suspendDir`), if any.
    pub durable: Option<jsbox::Durable>,
}

/// Decodes `new Engine(options)`'s JSON; with `suspendDir`, opens the
/// store there and reads (or makes) the sealing key.
///
/// ```
/// let parts = jsbox_bindings::durable::engine_parts(r#"{"maxConcurrency": 4}"#).unwrap();
/// assert_eq!((parts.config.max_concurrency, parts.durable.is_none()), (4, true));
/// let bad = jsbox_bindings::durable::engine_parts(r#"{"suspendDir": "/tmp", "continuationKey": "00"}"#).unwrap_err();
/// assert_eq!(bad.kind(), "invalid-policy");
/// ```
pub fn engine_parts(json: &str) -> Result<EngineParts, Error> {
    let (config, durability) = decode_engine(json)?;
    let durable = match durability {
        Some((dir, key)) => Some(open(&dir, key.as_deref())?),
        None => None,
    };
    Ok(EngineParts { config, durable })
}

/// One `resume(id, completions, options)`, ready for [`jsbox::Engine::resume`].
pub struct Resumed {
    /// What the library resumes the execution with.
    pub resume: Resume,
    /// The tenant the continuation must be bound to (`tenant`).
    pub tenant: Option<String>,
}

impl std::fmt::Debug for Resumed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resumed").field("id", &self.resume.id()).field("tenant", &self.tenant).finish()
    }
}

/// Decodes a resume: `completions` is `{"results": {CALL_ID: value},
/// "errors": {CALL_ID: "message" | {"message", "code"?}}}` (both optional);
/// `options_json` the execution's options again. Options that set its
/// policy must be the ones it ran with (the library refuses another
/// policy); with none, it resumes under the policy it was sealed with —
/// which holds neither literal secret values nor modules' sources, so an
/// execution given `secrets` values or `modules` is resumed with its
/// options again.
/// `helpers` builds the helpers given again, with the longest a sync helper
/// may take.
///
/// ```
/// use serde_json::json;
/// let completions = json!({"results": {"1": {"approved": true}}, "errors": {"2": {"message": "no", "code": "denied"}}});
/// let resumed = jsbox_bindings::durable::prepare_resume("e1".into(), completions, "{}", &[], |_| Ok(jsbox::Helpers::new())).unwrap();
/// assert_eq!(resumed.resume.id(), "e1");
/// let bad = jsbox_bindings::durable::prepare_resume("e1".into(), json!({"results": {"x": 1}}), "{}", &[], |_| Ok(jsbox::Helpers::new()));
/// assert_eq!(bad.unwrap_err().kind(), "invalid-args");
/// ```
pub fn prepare_resume(
    id: String,
    completions: Value,
    options_json: &str,
    helper_names: &[String],
    helpers: impl FnOnce(Duration) -> Result<Helpers, Error>,
) -> Result<Resumed, Error> {
    let options: ExecuteOptions = jsbox::json::from_str(options_json).map_err(|e| invalid("options", e))?;
    // Which options were given (the wrapper sends only those it got).
    let given: Vec<String> = match jsbox::json::from_str::<Value>(options_json) {
        Ok(Value::Object(map)) => map.keys().filter(|k| !matches!(k.as_str(), "tenant")).cloned().collect(),
        _ => Vec::new(),
    };
    let mut resume = Resume::new(id);
    let timeout = if given.is_empty() {
        UNKNOWN_TIMEOUT
    } else {
        let parts = execute_parts(options_json, helper_names)?;
        let timeout = parts.policy.timeout;
        resume = resume.policy(parts.policy).modules(parts.modules);
        timeout
    };
    // Sync helpers wait at most until the deadline, plus a little (see the
    // bindings' `execute`).
    resume = resume.helpers(helpers(timeout + Duration::from_millis(100))?);
    for (call_id, result) in completions_of(completions)? {
        resume = match result {
            Ok(value) => resume.result(call_id, value),
            Err(error) => resume.error(call_id, error),
        };
    }
    Ok(Resumed { resume, tenant: options.tenant })
}

/// A call's answer, by its id.
type Completion = (u32, Result<Value, HelperError>);

/// The results and errors of `completions`, by call id.
fn completions_of(completions: Value) -> Result<Vec<Completion>, Error> {
    let bad = |message: String| Error::InvalidArgs { message: clip(message) };
    let mut map = match completions {
        Value::Null => return Ok(Vec::new()),
        Value::Object(map) => map,
        _ => {
            return Err(bad(
                "completions are an object: { results: { CALL_ID: value }, errors: { CALL_ID: message } }".into(),
            ));
        }
    };
    let mut out = Vec::new();
    let results = map.remove("results");
    let errors = map.remove("errors");
    if let Some(other) = map.keys().next() {
        return Err(bad(format!("completions have results and errors, not {other:?}")));
    }
    let entries = |value: Option<Value>, what: &str| -> Result<Vec<(u32, Value)>, Error> {
        match value {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Object(map)) => map
                .into_iter()
                .map(|(id, value)| match id.parse::<u32>() {
                    // One spelling per call: "1", not "01", "+1" or " 1".
                    Ok(n) if n.to_string() == id => Ok((n, value)),
                    _ => Err(bad(format!("{what}: {:?} is not a call id (a whole number)", clip(id)))),
                })
                .collect(),
            Some(_) => Err(bad(format!("{what} is an object of call ids"))),
        }
    };
    for (id, value) in entries(results, "results")? {
        out.push((id, Ok(value)));
    }
    for (id, value) in entries(errors, "errors")? {
        if out.iter().any(|(seen, _)| *seen == id) {
            return Err(bad(format!("call {id} has both a result and an error")));
        }
        let error = match value {
            Value::String(message) => HelperError::new(clip(message)),
            Value::Object(mut fields) => {
                let message = match fields.remove("message") {
                    Some(Value::String(m)) => m,
                    _ => return Err(bad(format!("errors: call {id}'s error needs a message (a string)"))),
                };
                let mut error = HelperError::new(clip(message));
                match fields.remove("code") {
                    None | Some(Value::Null) => {}
                    Some(Value::String(code)) => error.code = Some(clip(code)),
                    Some(_) => return Err(bad(format!("errors: call {id}'s code is a string"))),
                }
                error
            }
            _ => return Err(bad(format!("errors: call {id}'s error is a message or {{message, code}}"))),
        };
        out.push((id, Err(error)));
    }
    Ok(out)
}

/// Keeps a caller's text short in messages (4 KiB).
fn clip(mut text: String) -> String {
    if text.len() > 4096 {
        text.truncate(text.floor_char_boundary(4096));
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn completions_are_decoded_by_call_id() {
        let got = completions_of(
            json!({"results": {"1": [1, 2]}, "errors": {"2": "no", "3": {"message": "x", "code": "c"}}}),
        )
        .unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], (1, Ok(json!([1, 2]))));
        assert_eq!(got[1].1.as_ref().unwrap_err().message, "no");
        assert_eq!(got[2].1.as_ref().unwrap_err().code.as_deref(), Some("c"));
    }

    #[test]
    fn malformed_completions_are_invalid_args() {
        for bad in [
            json!([1]),
            json!({"result": {}}),
            json!({"results": {"-1": 1}}),
            json!({"results": {"01": 1}}),
            json!({"results": {" 1": 1}}),
            json!({"results": {"+1": 1}}),
            json!({"results": {"4294967296": 1}}),
            json!({"results": [1]}),
            json!({"errors": {"1": 5}}),
            json!({"errors": {"1": {"code": "x"}}}),
            json!({"errors": {"1": {"message": "m", "code": 1}}}),
            json!({"results": {"1": 1}, "errors": {"1": "both"}}),
        ] {
            let error = completions_of(bad.clone()).unwrap_err();
            assert_eq!(error.kind(), "invalid-args", "{bad}");
        }
    }

    #[test]
    fn a_huge_message_is_clipped() {
        let got = completions_of(json!({"errors": {"1": "m".repeat(100_000)}})).unwrap();
        assert!(got[0].1.as_ref().unwrap_err().message.len() <= 4100);
    }
}
