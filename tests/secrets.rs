//! Secrets a script can use but never see: the host puts the value in on
//! the way to the secret's hosts, refuses to send a placeholder anywhere
//! else, and redacts the value from everything the script gets back.

use std::sync::Arc;

use jsbox::{Execution, Secret};
use jsbox_tests::*;
use serde_json::{Value, json};

/// The value of the test secret: what the test API's `/bcdr/device` accepts.
const VALUE: &str = "test-token";

fn seed_script() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/seed.js")).unwrap()
}

/// A policy allowing `server` (and `others`), with secret `DATTO_TOKEN`
/// bound to `server` only.
fn policy_with_secret(server: &TestServer, others: &[String]) -> Policy {
    let mut policy = server.policy();
    for other in others {
        policy = policy.allow_host(other.clone());
    }
    policy.secret("DATTO_TOKEN", Secret::value(VALUE).host(server.host()))
}

/// Runs a script, returning everything it could have shown the host: the
/// result or error, the log lines and the stats, as one text.
fn everything(policy: &Policy, script: &str, args: Value) -> (Result<jsbox::Outcome, Error>, String) {
    let (outcome, logs) = run(policy, script, args);
    let shown = match &outcome {
        Ok(out) => serde_json::to_string(out).unwrap(),
        Err(e) => format!("{e} {e:?}"),
    };
    (outcome, format!("{shown}\n{}", logs.join("\n")))
}

#[test]
fn the_seed_example_runs_unchanged_with_a_placeholder_in_its_args() {
    let server = TestServer::start();
    let args = json!({"authHeader": "Bearer {{secrets.DATTO_TOKEN}}", "baseUrl": server.base()});
    let (outcome, shown) = everything(&policy_with_secret(&server, &[]), &seed_script(), args);
    let out = outcome.expect("the server received the real token");
    assert_eq!(out.result["items"].as_array().map(Vec::len), Some(3), "{}", out.result);
    assert!(!shown.contains(VALUE), "{shown}");
}

#[test]
fn the_script_gets_a_frozen_secrets_global_of_placeholders() {
    let server = TestServer::start();
    let script = r#"
        function execute() {
            try { secrets.DATTO_TOKEN = "x"; secrets.OTHER = "y" } catch (e) {}
            return [secrets.DATTO_TOKEN, Object.keys(secrets), Object.isFrozen(secrets), typeof secrets.OTHER];
        }
    "#;
    let out = ok(&policy_with_secret(&server, &[]), script, json!({}));
    assert_eq!(out, json!(["{{secrets.DATTO_TOKEN}}", ["DATTO_TOKEN"], true, "undefined"]));
    // Without secrets in the policy there is no `secrets` global.
    assert_eq!(ok(&Policy::default(), "function execute() { return typeof secrets }", json!({})), "undefined");
}

#[test]
fn an_echoing_server_gives_back_only_the_placeholder() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const viaFetch = await fetch(base + "echo?t=" + secrets.DATTO_TOKEN, {
                method: "POST",
                headers: { Authorization: "Bearer " + secrets.DATTO_TOKEN, "X-Api-Key": secrets.DATTO_TOKEN },
                body: JSON.stringify({ token: secrets.DATTO_TOKEN }),
            });
            const headers = [...viaFetch.headers];
            const body = await viaFetch.json();
            const viaHttp = await http.sendPostRequest({ Authorization: `Bearer ${secrets.DATTO_TOKEN}` }, base + "echo", "{{secrets.DATTO_TOKEN}}");
            return { body, headers, url: viaFetch.url, viaHttp };
        }
    "#;
    let (outcome, shown) = everything(&policy_with_secret(&server, &[]), script, json!({"base": server.base()}));
    let out = outcome.unwrap().result;
    assert!(!shown.contains(VALUE), "the value reached the script: {shown}");
    let body = &out["body"];
    // The server did receive the value (it echoed it; the script sees the placeholder).
    assert_eq!(body["authorization"], "Bearer {{secrets.DATTO_TOKEN}}");
    assert_eq!(body["headers"]["x-api-key"], "{{secrets.DATTO_TOKEN}}");
    assert_eq!(body["json"], json!({"token": "{{secrets.DATTO_TOKEN}}"}));
    assert_eq!(body["uri"], "/echo?t={{secrets.DATTO_TOKEN}}");
    let echoed: Vec<&Value> =
        out["headers"].as_array().unwrap().iter().filter(|h| h[0] == "x-echoed-authorization").collect();
    assert_eq!(echoed, [&json!(["x-echoed-authorization", "Bearer {{secrets.DATTO_TOKEN}}"])]);
    assert_eq!(out["viaHttp"]["authorization"], "Bearer {{secrets.DATTO_TOKEN}}");
    assert_eq!(out["viaHttp"]["body"], "{{secrets.DATTO_TOKEN}}");
}

#[test]
fn a_placeholder_bound_elsewhere_is_refused_and_nothing_is_sent() {
    let server = TestServer::start();
    let elsewhere = RawServer::start(|_stream| async {});
    let policy = policy_with_secret(&server, &[elsewhere.addr.to_string()]);
    let script = r#"
        async function execute({ other }) {
            const attempts = [
                () => fetch(other + "?t={{secrets.DATTO_TOKEN}}"),
                () => fetch(other + "{{secrets.DATTO_TOKEN}}/path"),
                () => fetch(other, { headers: { Authorization: "Bearer " + secrets.DATTO_TOKEN } }),
                () => fetch(other, { method: "POST", body: "token=" + secrets.DATTO_TOKEN }),
                () => http.sendGetRequest({ "X-Token": secrets.DATTO_TOKEN }, other),
            ];
            const seen = [];
            for (const attempt of attempts) {
                try { await attempt(); seen.push("sent") } catch (e) { seen.push([e.kind, e.message]) }
            }
            return seen;
        }
    "#;
    let (outcome, shown) = everything(&policy, script, json!({"other": elsewhere.base()}));
    let seen = outcome.unwrap().result;
    for attempt in seen.as_array().unwrap() {
        assert_eq!(attempt[0], "network-denied", "{seen}");
        let message = attempt[1].as_str().unwrap();
        assert!(message.contains("secret DATTO_TOKEN") && message.contains(&elsewhere.addr.to_string()), "{message}");
    }
    assert!(!shown.contains(VALUE), "{shown}");
    assert_eq!(elsewhere.connections(), 0, "the other host received a connection");
    // Uncaught, it is the execution's network-denied.
    let error = err(
        &policy,
        "async function execute({ other }) { await fetch(other + '?{{secrets.DATTO_TOKEN}}') }",
        json!({"other": elsewhere.base()}),
    );
    assert_eq!(error.kind(), "network-denied");
}

#[test]
fn a_redirect_to_another_origin_does_not_carry_the_value() {
    let server = TestServer::start();
    let other = TestServer::start();
    let policy = policy_with_secret(&server, &[other.host()]);
    // 302 to another origin: the headers that carried the secret are dropped.
    let script = r#"
        async function execute({ base, other }) {
            const r = await fetch(base + "redirect?to=" + encodeURIComponent(other + "echo"), {
                headers: { Authorization: "Bearer " + secrets.DATTO_TOKEN, "X-Api-Key": secrets.DATTO_TOKEN, "X-Plain": "kept" },
            });
            return [r.redirected, await r.json()];
        }
    "#;
    let args = json!({"base": server.base(), "other": other.base()});
    let (outcome, shown) = everything(&policy, script, args.clone());
    let out = outcome.unwrap().result;
    assert_eq!(out[0], true);
    let headers = &out[1]["headers"];
    assert_eq!(headers["x-plain"], "kept");
    assert!(headers.get("authorization").is_none() && headers.get("x-api-key").is_none(), "{headers}");
    assert!(!shown.contains(VALUE), "{shown}");
    // 307 keeps the body: a body carrying the placeholder may not follow.
    let script = r#"
        async function execute({ base, other }) {
            try {
                await fetch(base + "redirect?code=307&to=" + encodeURIComponent(other + "count"), { method: "POST", body: "t=" + secrets.DATTO_TOKEN });
                return "followed";
            } catch (e) { return [e.kind, e.message] }
        }
    "#;
    let out = ok(&policy, script, args);
    assert_eq!(out[0], "network-denied", "{out}");
    assert!(out[1].as_str().unwrap().contains("redirect"), "{out}");
    assert_eq!(other.hits(), 0, "the other origin received the body");
}

#[test]
fn a_value_in_a_response_is_redacted_even_when_the_script_never_sent_it() {
    // The server puts the value in a body and a header on its own.
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const r = await fetch(base + "echo", { method: "POST", headers: { Authorization: "Bearer {{secrets.DATTO_TOKEN}}" }, body: "x" });
            const text = await r.text();
            return [text.includes("{{secrets.DATTO_TOKEN}}"), r.headers.get("x-echoed-authorization"), Number(r.headers.get("content-length")) === new TextEncoder().encode(text).length];
        }
    "#;
    let out = ok(&policy_with_secret(&server, &[]), script, json!({"base": server.base()}));
    assert_eq!(out, json!([true, "Bearer {{secrets.DATTO_TOKEN}}", true]), "Content-Length matches the redacted body");
}

#[test]
fn the_value_is_absent_from_logs_errors_stats_and_the_policys_debug() {
    let server = TestServer::start();
    let policy = policy_with_secret(&server, &[]);
    let script = r#"
        async function execute({ base }) {
            const echoed = await http.sendPostRequest({ Authorization: secrets.DATTO_TOKEN }, base + "echo", {});
            log("echoed", JSON.stringify(echoed), secrets);
            console.error(echoed.authorization);
            await http.sendGetRequest({ Authorization: secrets.DATTO_TOKEN }, base + "status/500");
        }
    "#;
    let (outcome, shown) = everything(&policy, script, json!({"base": server.base()}));
    let error = outcome.unwrap_err();
    assert_eq!(error.kind(), "exception");
    assert!(shown.contains("{{secrets.DATTO_TOKEN}}") && !shown.contains(VALUE), "{shown}");
    let debug = format!("{policy:?} {:?}", policy.network.secrets["DATTO_TOKEN"]);
    assert!(!debug.contains(VALUE) && debug.contains("[redacted]"), "{debug}");
    let serialized = serde_json::to_string(&policy).unwrap();
    assert!(!serialized.contains(VALUE), "{serialized}");
}

#[test]
fn what_the_script_observes_does_not_depend_on_the_value() {
    // Two values of very different lengths: the same response, byte for byte.
    // (Only where the server reflects the value verbatim: an echo of the
    // request's Content-Length would tell a body's length.)
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const r = await fetch(base + "echo?t=" + secrets.T, { headers: { Authorization: secrets.T, "X-K": "k " + secrets.T } });
            const headers = [...r.headers].filter(([name]) => name !== "date");
            return { status: r.status, headers, body: await r.text(), url: r.url };
        }
    "#;
    let observe = |value: &str| {
        let policy = server.policy().secret("T", Secret::value(value).host(server.host()));
        ok(&policy, script, json!({"base": server.base()}))
    };
    let short = observe("short-token-1");
    assert_eq!(short, observe(&format!("long-{}", "y".repeat(5000))));
    assert_eq!(short["body"].as_str().map(|b| b.matches("{{secrets.T}}").count()), Some(4), "{short}");
}

#[test]
fn secrets_from_the_environment_are_read_when_the_policy_is_checked() {
    let server = TestServer::start();
    // SAFETY: this test binary sets no other variable and reads this one only here.
    unsafe { std::env::set_var("JSBOX_TEST_DATTO_TOKEN", VALUE) };
    let policy = server.policy().secret("DATTO_TOKEN", Secret::env("JSBOX_TEST_DATTO_TOKEN").host(server.host()));
    let args = json!({"authHeader": "Bearer {{secrets.DATTO_TOKEN}}", "baseUrl": server.base()});
    assert_eq!(ok(&policy, &seed_script(), args)["items"].as_array().map(Vec::len), Some(3));
    let missing = server.policy().secret("DATTO_TOKEN", Secret::env("JSBOX_TEST_NOT_SET_ANYWHERE").host(server.host()));
    let error = err(&missing, "function execute() {}", json!({}));
    assert_eq!(error.kind(), "invalid-policy");
    assert!(error.to_string().contains("JSBOX_TEST_NOT_SET_ANYWHERE"), "{error}");
}

#[test]
fn a_secrets_hosts_must_be_reachable_under_the_allow_list() {
    let policy =
        Policy::default().allow_host("api.example.com").secret("T", Secret::value("v").host("other.example.com"));
    let error = err(&policy, "function execute() {}", json!({}));
    assert_eq!(error.kind(), "invalid-policy");
    assert!(error.to_string().contains("not reachable under allow_hosts"), "{error}");
}

#[test]
fn placeholders_are_plain_text_for_helpers_and_unknown_names() {
    // Helpers belong to the embedder: their arguments get no value put in.
    let server = TestServer::start();
    let policy = policy_with_secret(&server, &[]).allow_helper("probe.echo");
    let script = "function execute() { return [probe.echo(secrets.DATTO_TOKEN), '{{secrets.NOPE}}'] }";
    let out = block_on(engine().run(&policy, Execution::new(script).logs(Arc::new(MemorySink::default())))).unwrap();
    assert_eq!(out.result, json!([["{{secrets.DATTO_TOKEN}}"], "{{secrets.NOPE}}"]));
}
