//! What the fuzz targets assert, shared by `cargo fuzz` (fuzz_targets/) and
//! the corpus replay that `make test` runs (tests/fuzz_smoke.rs).

use std::time::Duration;

/// The helpers fuzzed scripts can call: `fuzz.echo(...)` (sync) and
/// `fuzz.echoAsync(...)` (async) return their arguments, `fuzz.fail()`
/// throws a helper error. Register them on the engine the target uses.
pub fn helpers() -> jsbox::Helpers {
    let mut helpers = jsbox::Helpers::new();
    helpers.add_sync("fuzz.echo", |call| Ok(serde_json::Value::Array(call.args.clone()))).expect("fuzz.echo");
    helpers
        .add_async("fuzz.echoAsync", |call| async move { Ok(serde_json::Value::Array(call.args)) })
        .expect("fuzz.echoAsync");
    helpers
        .add_sync("fuzz.fail", |_| Err(jsbox::HelperError::new("fuzzed failure").with_code("fuzz")))
        .expect("fuzz.fail");
    helpers
}

/// The policy fuzzed scripts run under: small and quick, so every input ends;
/// the fuzz helpers visible, with small limits.
pub fn execute_policy() -> jsbox::Policy {
    let mut policy =
        jsbox::Policy::default().memory(16 << 20).timeout(Duration::from_millis(200)).allow_helper("fuzz.*");
    policy.helpers.max_calls = 50;
    policy.helpers.max_args_bytes = 64 << 10;
    policy.max_log_lines = 100;
    policy.max_result_bytes = 1 << 20;
    policy
}

/// The script+args boundary: bytes are `script \x01 args` (args `{}` when
/// there is no \x01). Whatever they are, the outcome is a result or an error
/// that is the script's fault: never a panic, a hang or an `internal` error.
pub fn execute(runtime: &tokio::runtime::Runtime, engine: &jsbox::Engine, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (script, args) = text.split_once('\u{1}').unwrap_or((&text, "{}"));
    let args = match jsbox::parse_args(args) {
        Ok(args) => args,
        Err(e) => {
            assert_eq!(e.kind(), "invalid-args", "{e}");
            return;
        }
    };
    let outcome = runtime.block_on(engine.execute(&execute_policy(), script, args));
    if let Err(e) = outcome {
        assert!(!matches!(e.kind(), "internal" | "invalid-policy"), "error[{}]: {e}", e.kind());
    }
}

/// Policy and CLI parsing: bytes as a JSON policy, as a size, and as
/// command-line arguments (one per line). Nothing panics; a policy that
/// parses and validates survives a JSON round trip unchanged, except secret
/// values, which are never serialized.
pub fn policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(policy) = serde_json::from_str::<jsbox::Policy>(&text) {
        if policy.validate().is_ok() {
            let json = serde_json::to_string(&policy).expect("a policy serializes");
            let back: jsbox::Policy = serde_json::from_str(&json).expect("a serialized policy parses");
            // Secret values are never serialized; everything else survives.
            let tree: serde_json::Value = serde_json::from_str(&json).expect("JSON");
            let secrets = tree["network"]["secrets"].as_object().expect("secrets serialize as an object");
            assert!(secrets.values().all(|s| s.get("value").is_none()), "a secret value was serialized: {json}");
            let mut expected = policy.clone();
            for secret in expected.network.secrets.values_mut() {
                secret.value = None;
            }
            assert_eq!(back, expected, "{json}");
        }
    }
    let _ = jsbox::parse_size(&text);
    // `--policy FILE` reads a file (/dev/zero, say): not what this checks.
    let args: Vec<&str> = text.lines().filter(|a| !a.starts_with("--policy")).collect();
    if let Ok(cli) = jsbox_cli::Cli::try_parse_args(std::iter::once("jsbox").chain(args)) {
        let _ = cli.policy();
    }
}
