//! The seed's async helpers against a real local server: responses, failures
//! the script can catch, the allow-list, and requests overlapping in time.

use jsbox_tests::*;
use serde_json::json;

/// The seed's example script, verbatim (the one `make run` runs too).
const SEED: &str = include_str!("../examples/seed.js");

#[test]
fn the_seed_example_runs_unchanged() {
    let server = TestServer::start();
    let args = json!({"authHeader": TOKEN, "baseUrl": server.base()});
    let (out, logs) = run(&server.policy(), SEED, args);
    let out = out.unwrap();
    assert_eq!(out.result["items"], json!([{"id": 1}, {"id": 2}, {"id": 3}]));
    assert_eq!(out.result["query"]["_perPage"], json!("100"));
    assert_eq!(
        logs,
        [format!("{}bcdr/device?_page=1&_perPage=100&showHiddenDevices=1&showChildResellerDevices=1", server.base())]
    );
    assert_eq!(out.stats.http_requests, 1);
}

#[test]
fn a_wrong_auth_header_rejects_with_status_and_body() {
    let server = TestServer::start();
    let args = json!({"authHeader": "Bearer wrong", "baseUrl": server.base()});
    let e = err(&server.policy(), SEED, args);
    assert_eq!(e.kind(), "exception");
    assert!(e.to_string().contains("status 401"), "{e}");
}

#[test]
fn a_non_2xx_status_is_catchable_with_status_and_body() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            try {
                await http.sendGetRequest({}, base + "status/404");
                return "not reached";
            } catch (e) {
                return { message: e.message, status: e.status, body: e.body, axios: e.response.status, data: e.response.data };
            }
        }
    "#;
    let result = ok(&server.policy(), script, json!({"base": server.base()}));
    assert_eq!(result["status"], 404);
    assert_eq!(result["axios"], 404);
    assert_eq!(result["body"], json!({"error": "status 404"}));
    assert_eq!(result["data"], json!({"error": "status 404"}));
    assert!(result["message"].as_str().unwrap().contains("status 404"), "{result}");
}

#[test]
fn post_sends_data_as_json_and_returns_the_parsed_body() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const sent = await http.sendPostRequest({ Authorization: "Bearer p" }, base + "echo", { a: 1, list: ["x"] });
            const empty = await http.sendPostRequest({}, base + "echo");
            const typed = await http.sendPostRequest({ "content-type": "application/vnd.custom+json" }, base + "echo", [1]);
            return { sent, empty: empty.json, typed: typed.contentType };
        }
    "#;
    let result = ok(&server.policy(), script, json!({"base": server.base()}));
    assert_eq!(result["sent"]["method"], "POST");
    assert_eq!(result["sent"]["contentType"], "application/json");
    assert_eq!(result["sent"]["authorization"], "Bearer p");
    assert_eq!(result["sent"]["json"], json!({"a": 1, "list": ["x"]}));
    assert_eq!(result["empty"], json!({}), "data defaults to {{}}");
    assert_eq!(result["typed"], "application/vnd.custom+json", "the script's content-type wins");
}

#[test]
fn a_body_that_is_not_json_is_returned_as_text() {
    let server = TestServer::start();
    let script = "async function execute({ base }) { return await http.sendGetRequest({}, base + 'text') }";
    assert_eq!(ok(&server.policy(), script, json!({"base": server.base()})), json!("plain text, not JSON"));
}

#[test]
fn a_refused_connection_is_catchable() {
    // Bind then drop a listener: nothing listens on that loopback port now.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let policy = Policy::default().allow_host(format!("127.0.0.1:{port}"));
    let script =
        "async function execute({ url }) { try { await http.sendGetRequest({}, url) } catch (e) { return e.message } }";
    let message = ok(&policy, script, json!({"url": format!("http://127.0.0.1:{port}/")}));
    assert!(message.as_str().unwrap().contains("connection failed"), "{message}");
}

#[test]
fn hosts_outside_the_allow_list_are_denied_without_a_request() {
    let server = TestServer::start();
    // Same machine, other loopback address: not listed, so never contacted.
    let other = format!("http://127.0.0.2:{}/slow/1", server.addr.port());
    let script = "async function execute({ url }) { return await http.sendGetRequest({}, url) }";
    let e = err(&server.policy(), script, json!({"url": other}));
    assert_eq!(e.kind(), "network-denied");
    assert!(e.to_string().contains("host not allowed: 127.0.0.2"), "{e}");
    let e = err(&Policy::default(), script, json!({"url": format!("{}slow/1", server.base())}));
    assert_eq!(e.kind(), "network-denied", "an empty allow-list denies everything");
    assert_eq!(server.hits(), 0);
}

#[test]
fn a_denial_the_script_catches_does_not_fail_the_execution() {
    let script = r#"
        async function execute() {
            try { await http.sendGetRequest({}, "http://127.0.0.2:9/"); }
            catch (e) { return { message: e.message, kind: e.kind }; }
        }
    "#;
    let result = ok(&Policy::default(), script, json!({}));
    assert_eq!(result["kind"], "network-denied");
    assert!(result["message"].as_str().unwrap().starts_with("network-denied: host not allowed"), "{result}");
}

#[test]
fn other_schemes_and_bad_urls_are_refused() {
    let script = r#"
        async function execute() {
            const out = [];
            for (const url of ["file:///etc/passwd", "not a url", "ftp://127.0.0.1/"]) {
                try { await http.sendGetRequest({}, url); out.push("reached"); } catch (e) { out.push(e.kind); }
            }
            return out;
        }
    "#;
    let policy = Policy::default().allow_host("127.0.0.1");
    assert_eq!(ok(&policy, script, json!({})), json!(["network-denied", "invalid-url", "network-denied"]));
}

#[test]
fn a_redirect_to_a_host_outside_the_list_is_denied() {
    let server = TestServer::start();
    let target = format!("http://127.0.0.2:{}/slow/1", server.addr.port());
    let script = "async function execute({ url }) { return await http.sendGetRequest({}, url) }";
    let url = format!("{}redirect?to={}", server.base(), target);
    let e = err(&server.policy(), script, json!({"url": url}));
    assert_eq!(e.kind(), "network-denied");
    assert!(e.to_string().contains("redirect to host not allowed: 127.0.0.2"), "{e}");
    assert_eq!(server.hits(), 0);
}

#[test]
fn a_redirect_within_the_list_is_followed() {
    let server = TestServer::start();
    let script = "async function execute({ url }) { return await http.sendGetRequest({}, url) }";
    let url = format!("{}redirect?to=/slow/1", server.base());
    assert_eq!(ok(&server.policy(), script, json!({"url": url})), json!({"slept": 1}));
}

#[test]
fn concurrent_requests_are_in_flight_together() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const started = [1, 2, 3, 4].map((i) => http.sendGetRequest({}, base + "slow/300"));
            return (await Promise.all(started)).map((r) => r.slept);
        }
    "#;
    let (out, _) = run(&server.policy(), script, json!({"base": server.base()}));
    assert_eq!(out.unwrap().result, json!([300, 300, 300, 300]));
    // Observed by the server, not inferred from timing.
    assert_eq!(server.max_in_flight(), 4);
}

#[test]
fn a_fast_response_resumes_the_script_while_a_slow_one_is_in_flight() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const order = [];
            const slow = http.sendGetRequest({}, base + "slow/400").then(() => order.push("slow"));
            const fast = http.sendGetRequest({}, base + "slow/1").then(() => order.push("fast"));
            await Promise.all([slow, fast]);
            return order;
        }
    "#;
    assert_eq!(ok(&server.policy(), script, json!({"base": server.base()})), json!(["fast", "slow"]));
}

#[test]
fn a_response_over_the_cap_fails_the_request_instead_of_truncating() {
    let server = TestServer::start();
    let mut policy = server.policy();
    policy.network.max_response_bytes = 1000;
    let script = r#"
        async function execute({ base }) {
            const small = await http.sendGetRequest({}, base + "bytes/1000");
            try { await http.sendGetRequest({}, base + "bytes/1001"); return "truncated?"; }
            catch (e) { return { small: small.length, kind: e.kind, message: e.message }; }
        }
    "#;
    let result = ok(&policy, script, json!({"base": server.base()}));
    assert_eq!(result["small"], 1000);
    assert_eq!(result["kind"], "too-large");
    assert!(result["message"].as_str().unwrap().contains("response too large"), "{result}");
}

#[test]
fn the_request_count_is_capped() {
    let server = TestServer::start();
    let mut policy = server.policy();
    policy.network.max_requests = 3;
    let script = r#"
        async function execute({ base }) {
            const kinds = [];
            for (let i = 0; i < 5; i++) {
                try { await http.sendPostRequest({}, base + "count"); kinds.push("ok"); } catch (e) { kinds.push(e.kind); }
            }
            return kinds;
        }
    "#;
    let result = ok(&policy, script, json!({"base": server.base()}));
    assert_eq!(result, json!(["ok", "ok", "ok", "too-many-requests", "too-many-requests"]));
}

#[test]
fn authorization_is_not_forwarded_across_origins_on_redirect() {
    let server = TestServer::start();
    // Same server reached under another loopback name: a different origin.
    let policy = server.policy().allow_host(format!("localhost:{}", server.addr.port()));
    let target = format!("http://localhost:{}/echo", server.addr.port());
    let script =
        "async function execute({ url }) { return await http.sendGetRequest({ Authorization: 'Bearer secret' }, url) }";
    let url = format!("{}redirect?to={}", server.base(), target);
    let result = ok(&policy, script, json!({"url": url}));
    assert_eq!(result["method"], "GET");
    assert_eq!(result["authorization"], "", "credentials must not follow a cross-origin redirect");
}
