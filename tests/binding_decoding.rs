//! The language bindings' shared decoding and encoding (bindings/common: src/options.rs,
//! src/envelope.rs), without Node or Python: options become a policy or a typed
//! error, replies a value or a helper error. Each package's own behaviour is
//! its suite: `node --test` (bindings/node/test/), pytest
//! (bindings/python/tests/).

use std::time::Duration;

use jsbox::{Error, HelperReply, LogLevel};
use jsbox_bindings::envelope::{helper_reply, settled, settled_run, sync_reply};
use jsbox_bindings::options::{engine_config, execute_parts};
use serde_json::Value;

#[test]
fn sizes_and_durations_take_text_or_numbers() {
    let parts = execute_parts(r#"{"memory": 1048576, "timeout": "1.5s", "maxLogBytes": "2KiB"}"#, &[]).unwrap();
    assert_eq!(parts.policy.memory, 1 << 20);
    assert_eq!(parts.policy.timeout, Duration::from_millis(1500));
    assert_eq!(parts.policy.max_log_bytes, 2048);
    for bad in [
        r#"{"memory": -1}"#,
        r#"{"memory": 1.5}"#,
        r#"{"memory": true}"#,
        r#"{"timeout": "soon"}"#,
        r#"{"timeout": 1e300}"#,
        r#"{"fuel": -5}"#,
        r#"{"maxRequests": 1e12}"#,
        r#"{"helpers": {}}"#,
        r#"{"allowHosts": "x"}"#,
        r#"{"allowHosts": ["http://x/"]}"#,
        r#"{"policy": {"memroy": 1}}"#,
        r#"{"language": "python"}"#,
        r#"{"modules": {"../x": "export default 1"}}"#,
        "[]",
        "",
    ] {
        let error = execute_parts(bad, &[]).unwrap_err();
        assert_eq!(error.kind(), "invalid-policy", "{bad}: {error}");
    }
}

#[test]
fn options_apply_on_top_of_a_policy() {
    let parts = execute_parts(
        r#"{"policy": {"memory": "16MiB", "network": {"allow_hosts": ["a.test"]}}, "allowHosts": ["b.test"], "timeout": 100}"#,
        &[],
    )
    .unwrap();
    assert_eq!(parts.policy.memory, 16 << 20);
    assert_eq!(parts.policy.network.allow_hosts, ["a.test", "b.test"]);
    assert_eq!(parts.policy.timeout, Duration::from_millis(100));
}

#[test]
fn given_modules_and_helpers_are_visible() {
    let parts = execute_parts(
        r#"{"modules": {"util": "export const x = 1", "types.ts": "export const y: number = 2"}}"#,
        &["math.add".into()],
    )
    .unwrap();
    assert_eq!(parts.policy.modules.allow, ["types.ts", "util"]);
    assert_eq!(parts.modules.len(), 2);
    assert_eq!(parts.policy.helpers.allow, ["math.add"]);
}

#[test]
fn the_wrappers_own_options_never_arrive_here() {
    for own in [r#"{"helpers": {}}"#, r#"{"signal": {}}"#, r#"{"context": 1}"#] {
        assert!(execute_parts(own, &[]).unwrap_err().to_string().contains("unknown field"), "{own}");
    }
    let parts = execute_parts(r#"{"memory": "32MiB", "timeout": 250, "allowHosts": ["127.0.0.1:8080"]}"#, &[]).unwrap();
    assert_eq!(parts.policy.memory, 32 << 20);
    assert_eq!(parts.policy.timeout, Duration::from_millis(250));
}

#[test]
fn engine_options() {
    assert_eq!(engine_config(r#"{"maxConcurrency": 4}"#).unwrap().max_concurrency, 4);
    let config = engine_config(r#"{"maxMemory": "128MiB", "cacheDir": false}"#).unwrap();
    assert_eq!(config.max_memory, 128 << 20);
    assert_eq!(config.cache_dir, None);
    for bad in [r#"{"cacheDir": true}"#, r#"{"maxConcurrency": -1}"#, r#"{"x": 1}"#] {
        assert_eq!(engine_config(bad).unwrap_err().kind(), "invalid-policy", "{bad}");
    }
}

#[test]
fn a_reply_is_a_value_a_helper_error_or_later() {
    assert_eq!(helper_reply(r#"{"ok": [1, 2]}"#), HelperReply::Ready(Ok(serde_json::json!([1, 2]))));
    assert_eq!(helper_reply("{}"), HelperReply::Ready(Ok(Value::Null)));
    assert_eq!(helper_reply(r#"{"later": true}"#), HelperReply::Later);
    assert_eq!(helper_reply(r#"{"later": false, "ok": 3}"#), HelperReply::Ready(Ok(3.into())));
    // A sync helper's script has its value in hand: it cannot wait for a resume.
    let later = sync_reply("clock.now", r#"{"later": true}"#).unwrap_err();
    assert_eq!(later.code.as_deref(), Some("invalid-result"));
    assert!(later.message.contains("clock.now"), "{}", later.message);
    let error =
        sync_reply("crm.lookup", r#"{"error": {"message": "no such customer", "code": "not-found"}}"#).unwrap_err();
    assert_eq!((error.message.as_str(), error.code.as_deref()), ("no such customer", Some("not-found")));
    let json = settled(Err(Error::Fuel { budget: 10 }), vec![]);
    assert_eq!(json, r#"{"error":{"kind":"fuel","message":"fuel budget of 10 units exhausted"},"logs":[]}"#);
}

#[test]
fn malformed_replies_are_helper_errors() {
    for bad in
        ["", "[]", "{", r#"{"error": 1}"#, r#"{"ok": 1, "extra": 2}"#, r#"{"later": "yes"}"#, &"[".repeat(100_000)]
    {
        let error = sync_reply("h", bad).unwrap_err();
        assert_eq!(error.code.as_deref(), Some("invalid-result"), "{bad:.20}");
        assert!(matches!(helper_reply(bad), HelperReply::Ready(Err(_))), "{bad:.20}");
    }
}

#[test]
fn an_exceptions_stack_and_a_helpers_code_reach_javascript() {
    let error =
        Error::Exception { message: "Error: boom".into(), stack: Some("    at execute (script.js:1:30)\n".into()) };
    let json: Value = serde_json::from_str(&settled(Err(error), vec![(LogLevel::Warn, "w".into())])).unwrap();
    assert_eq!(json["error"]["kind"], "exception");
    assert_eq!(json["error"]["stack"], "    at execute (script.js:1:30)\n");
    assert_eq!(json["logs"][0]["level"], "warn");
    let error = Error::Helper { message: "crm.lookup: gone".into(), code: Some("not-found".into()) };
    let json: Value = serde_json::from_str(&settled(Err(error), vec![])).unwrap();
    assert_eq!(json["error"]["code"], "not-found");
}

#[test]
fn a_run_settles_as_done_with_a_status_or_as_an_error() {
    let json: Value =
        serde_json::from_str(&settled_run(Err(Error::ContinuationUsed { message: "used".into() }), vec![])).unwrap();
    assert_eq!(json["error"]["kind"], "continuation-used");
    let error = Error::ContinuationExpired { message: "old".into() };
    let json: Value = serde_json::from_str(&settled_run(Err(error), vec![(LogLevel::Info, "l".into())])).unwrap();
    assert_eq!((&json["error"]["kind"], &json["logs"][0]["message"]), (&"continuation-expired".into(), &"l".into()));
}
