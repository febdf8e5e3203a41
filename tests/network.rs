//! The network layer end to end: `fetch` and friends, timers, the wildcard
//! address guard and the limits. Every request here targets loopback (the
//! guard's decisions for other ranges are unit tests with a resolver
//! override, in host/src/network/guard.rs): even a broken guard sends nothing off
//! this machine.

use std::time::{Duration, Instant};

use jsbox_tests::*;
use serde_json::json;

#[test]
fn fetch_returns_a_response_with_status_headers_and_body() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const r = await fetch(base + "echo", {
                method: "POST",
                headers: { "X-Token": "t", "Content-Type": "application/json" },
                body: JSON.stringify({ a: 1 }),
            });
            const missing = await fetch(base + "status/404");
            const text = await fetch(base + "text");
            const bytes = new Uint8Array(await (await fetch(base + "bytes/3")).arrayBuffer());
            const cloned = await r.clone().json();
            const first = await r.json();
            let reused;
            try { await r.text(); } catch (e) { reused = e.name; }
            return {
                status: r.status, ok: r.ok, statusText: r.statusText, url: r.url,
                contentType: r.headers.get("CONTENT-TYPE"), has: r.headers.has("content-type"),
                body: cloned.json, same: first.json.a === cloned.json.a, bodyUsed: r.bodyUsed,
                missing: [missing.status, missing.ok, missing.statusText, (await missing.json()).error],
                text: await text.text(), bytes: Array.from(bytes), reused,
            };
        }
    "#;
    let result = ok(&server.policy(), script, json!({"base": server.base()}));
    assert_eq!(result["status"], 200);
    assert_eq!(result["ok"], true);
    assert_eq!(result["statusText"], "OK");
    assert_eq!(result["url"], format!("{}echo", server.base()));
    assert_eq!(result["contentType"], "application/json");
    assert_eq!(result["has"], true);
    assert_eq!(result["body"], json!({"a": 1}));
    assert_eq!((result["same"].clone(), result["bodyUsed"].clone()), (json!(true), json!(true)));
    assert_eq!(result["missing"], json!([404, false, "Not Found", "status 404"]));
    assert_eq!(result["text"], "plain text, not JSON");
    assert_eq!(result["bytes"], json!([120, 120, 120]));
    assert_eq!(result["reused"], "TypeError");
}

#[test]
fn fetch_sends_bytes_and_search_params_bodies() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const form = await (await fetch(base + "echo", { method: "POST", body: new URLSearchParams({ q: "a b", n: "1" }) })).json();
            const raw = await (await fetch(new Request(base + "echo", { method: "PUT", body: new TextEncoder().encode("héllo") }))).json();
            // As in the standard (BodyInit falls back to a string): an object is sent as its String().
            const object = await (await fetch(base + "echo", { method: "POST", body: { a: 1 } })).json();
            return { form: [form.body, form.contentType], raw: [raw.method, raw.body], object: [object.body, object.contentType] };
        }
    "#;
    let result = ok(&server.policy(), script, json!({"base": server.base()}));
    assert_eq!(result["form"], json!(["q=a+b&n=1", "application/x-www-form-urlencoded;charset=UTF-8"]));
    assert_eq!(result["raw"], json!(["PUT", "héllo"]));
    assert_eq!(result["object"], json!(["[object Object]", "text/plain;charset=UTF-8"]));
}

#[test]
fn fetch_sends_form_data_and_blob_bodies() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const form = new FormData();
            form.append("name", "ada");
            form.append("file", new Blob(["line one\nline two"], { type: "text/plain" }), 'a "quoted"\r\nX-Injected: 1.txt');
            const multipart = await (await fetch(base + "echo", { method: "POST", body: form })).json();
            const blob = await (await fetch(base + "echo", { method: "POST", body: new Blob(["{}"], { type: "application/x-thing" }) })).json();
            const stream = new Response("streamed").body;
            const streamed = await (await fetch(base + "echo", { method: "POST", body: stream, duplex: "half" })).json();
            return { multipart: [multipart.contentType, multipart.body], blob: [blob.contentType, blob.body], streamed: streamed.body };
        }
    "#;
    let result = ok(&server.policy(), script, json!({"base": server.base()}));
    let content_type = result["multipart"][0].as_str().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(content_type);
    assert_eq!(
        result["multipart"][1].as_str().unwrap(),
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nada\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22quoted%22%0D%0AX-Injected: 1.txt\"\r\n\
             Content-Type: text/plain\r\n\r\nline one\nline two\r\n--{boundary}--\r\n"
        )
    );
    assert_eq!(result["blob"], json!(["application/x-thing", "{}"]));
    assert_eq!(result["streamed"], "streamed");
}

#[test]
fn the_web_helpers_exist() {
    let script = r#"
        function execute() {
            const url = new URL("/a/./b/../c?x=1&y=%20z#frag", "https://Example.com:443/base/");
            const params = new URLSearchParams("a=1&b=2&a=3");
            params.set("b", "two");
            return {
                href: url.href, host: url.host, path: url.pathname, y: url.searchParams.get("y"), hash: url.hash,
                params: params.toString(), all: params.getAll("a"),
                encoded: Array.from(new TextEncoder().encode("é")), decoded: new TextDecoder().decode(new Uint8Array([0xe2, 0x9c, 0x93])),
                types: [typeof fetch, typeof Headers, typeof Request, typeof Response, typeof setTimeout, typeof setInterval],
            };
        }
    "#;
    assert_eq!(
        ok(&Policy::default(), script, json!({})),
        json!({
            "href": "https://example.com/a/c?x=1&y=%20z#frag", "host": "example.com", "path": "/a/c", "y": " z", "hash": "#frag",
            "params": "a=1&b=two&a=3", "all": ["1", "3"], "encoded": [195, 169], "decoded": "✓",
            "types": ["function", "function", "function", "function", "function", "function"],
        })
    );
}

#[test]
fn ecdsa_takes_every_hash_on_both_curves_and_decoders_hold_no_memory_between_streams() {
    let script = r#"
        async function execute() {
            const data = new TextEncoder().encode("payload");
            const verified = [];
            for (const curve of ["P-256", "P-384"]) {
                for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
                    const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: curve }, false, ["sign", "verify"]);
                    const signature = await crypto.subtle.sign({ name: "ECDSA", hash }, privateKey, data);
                    verified.push(curve + "/" + hash + ":" + await crypto.subtle.verify({ name: "ECDSA", hash }, publicKey, signature, data));
                }
            }
            // Two streams interleaved, then many one-shot decoders: only a
            // stream in progress holds native state.
            const a = new TextDecoder(), b = new TextDecoder("utf-16le");
            const streamed = [a.decode(new Uint8Array([0xE2, 0x82]), { stream: true }), b.decode(new Uint8Array([0x41]), { stream: true }),
                a.decode(new Uint8Array([0xAC])), b.decode(new Uint8Array([0x00]))];
            let n = 0;
            for (let i = 0; i < 100000; i++) n += new TextDecoder().decode(data).length;
            return { verified, streamed, n };
        }
    "#;
    let result = ok(&Policy::default().memory(16 << 20), script, json!({}));
    let verified: Vec<String> = serde_json::from_value(result["verified"].clone()).unwrap();
    assert_eq!(verified.len(), 8);
    assert!(verified.iter().all(|v| v.ends_with(":true")), "{verified:?}");
    assert_eq!(result["streamed"], json!(["", "", "€", "A"]));
    assert_eq!(result["n"], 100000 * 7);
}

#[test]
fn a_body_streams_chunks_the_reader_owns() {
    let script = r#"
        async function execute() {
            const blob = new Blob(["abc"]);
            const response = new Response(blob);
            const twin = response.clone();
            const chunk = (await response.body.getReader().read()).value;
            chunk[0] = 120;
            return [new TextDecoder().decode(chunk), await blob.text(), await twin.text()];
        }
    "#;
    assert_eq!(ok(&Policy::default(), script, json!({})), json!(["xbc", "abc", "abc"]));
}

#[test]
fn an_abort_in_the_same_tick_sends_nothing_and_a_shared_signal_keeps_no_body_alive() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const c = new AbortController();
            const p = fetch(base + "count", { method: "POST", signal: c.signal });
            c.abort();
            let early;
            try { await p; early = "resolved"; } catch (e) { early = [e.name, e === c.signal.reason]; }
            // One signal for many requests: each settled request lets go of
            // its abort step and so of its response (80 x 256 KiB > 16 MiB).
            const shared = new AbortController();
            let total = 0;
            for (let i = 0; i < 80; i++) total += (await (await fetch(base + "bytes/262144", { signal: shared.signal })).arrayBuffer()).byteLength;
            return { early, total };
        }
    "#;
    let result = ok(&server.policy().memory(16 << 20), script, json!({"base": server.base()}));
    assert_eq!(result["early"], json!(["AbortError", true]));
    assert_eq!(result["total"], 80 * 262144);
    assert_eq!(server.hits(), 0, "the request aborted before it started was sent");
}

#[test]
fn redirect_modes_manual_and_error_are_refused_clearly() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            let manual, error;
            try { await fetch(base + "count", { method: "POST", redirect: "manual" }); } catch (e) { manual = [e.name, e.message]; }
            // The redirect is not followed: the POST never reaches /count.
            const to = encodeURIComponent(base + "count");
            try { await fetch(base + "redirect?code=307&to=" + to, { method: "POST", body: "x", redirect: "error" }); } catch (e) { error = [e.name, e.kind, e.message]; }
            const plain = await (await fetch(base + "text", { redirect: "error" })).text();
            return { manual, error, plain };
        }
    "#;
    let result = ok(&server.policy(), script, json!({"base": server.base()}));
    assert_eq!(result["manual"][0], "TypeError");
    assert!(result["manual"][1].as_str().unwrap().contains(r#"redirect: "manual" is not supported"#), "{result}");
    assert_eq!(server.hits(), 0, "a manual-redirect request was sent, or an error-mode redirect followed");
    assert_eq!((&result["error"][0], &result["error"][1]), (&json!("TypeError"), &json!("redirect")), "{result}");
    let message = result["error"][2].as_str().unwrap();
    assert!(message.contains(r#"redirect mode is "error""#) && message.contains("307"), "{result}");
    assert_eq!(result["plain"], "plain text, not JSON");
}

#[test]
fn parallel_requests_take_about_as_long_as_one() {
    let server = TestServer::start();
    let script = r#"
        async function execute({ base }) {
            const all = await Promise.all([1, 2, 3, 4, 5].map(() => fetch(base + "slow/400").then((r) => r.json())));
            return all.length;
        }
    "#;
    let started = Instant::now();
    assert_eq!(ok(&server.policy(), script, json!({"base": server.base()})), json!(5));
    // One after another would take 2 s; overlapped, about 400 ms. Generous.
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
    assert_eq!(server.max_in_flight(), 5);
}

#[test]
fn max_in_flight_queues_requests_beyond_it() {
    let server = TestServer::start();
    let mut policy = server.policy();
    policy.network.max_in_flight = 2;
    let script = r#"
        async function execute({ base }) {
            return (await Promise.all([1, 2, 3, 4, 5].map(() => fetch(base + "slow/100")))).map((r) => r.status);
        }
    "#;
    assert_eq!(ok(&policy, script, json!({"base": server.base()})), json!([200, 200, 200, 200, 200]));
    assert_eq!(server.max_in_flight(), 2);
}

#[test]
fn timers_fire_in_order_and_clear() {
    let script = r#"
        async function execute() {
            const order = [];
            setTimeout(() => order.push("30ms"), 30);
            setTimeout((a, b) => order.push("0ms:" + a + b), 0, "x", "y");
            setTimeout(() => order.push("0ms second"), 0);
            clearTimeout(setTimeout(() => order.push("cleared"), 1));
            await new Promise((resolve) => {
                let n = 0;
                const id = setInterval(() => { order.push("tick" + ++n); if (n === 2) { clearInterval(id); resolve(); } }, 5);
            });
            await new Promise((resolve) => setTimeout(resolve, 40));
            return order;
        }
    "#;
    assert_eq!(ok(&Policy::default(), script, json!({})), json!(["0ms:xy", "0ms second", "tick1", "tick2", "30ms"]));
}

#[test]
fn timers_are_bounded_by_the_timeout_and_never_keep_a_settled_execution_alive() {
    let policy = Policy::default().timeout(Duration::from_millis(300));
    let waiting = "async function execute() { await new Promise((r) => setTimeout(r, 60000)); }";
    assert_eq!(err(&policy, waiting, json!({})).kind(), "timeout");
    let started = Instant::now();
    let settled = "function execute() { setInterval(() => {}, 1); setTimeout(() => {}, 60000); return 'done' }";
    assert_eq!(ok(&policy, settled, json!({})), json!("done"));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_throwing_timer_callback_fails_the_execution() {
    let script = "async function execute() { setTimeout(() => { throw new RangeError('in a timer') }, 0); await new Promise((r) => setTimeout(r, 20)); return 'not reached' }";
    let e = err(&Policy::default(), script, json!({}));
    assert_eq!(e.kind(), "exception");
    assert!(e.to_string().starts_with("RangeError: in a timer"), "{e}");
}

#[test]
fn wildcards_never_reach_loopback_in_any_spelling() {
    let server = TestServer::start();
    let port = server.addr.port();
    let policy = Policy::default().allow_host("*");
    let script = r#"
        async function execute({ urls }) {
            const out = [];
            for (const url of urls) {
                try { await fetch(url); out.push("reached " + url); } catch (e) { out.push(e.kind); }
            }
            return out;
        }
    "#;
    let urls: Vec<String> = [
        "127.0.0.1",
        "127.0.0.2",
        "[::1]",
        "0.0.0.0",
        "2130706433",
        "0x7f000001",
        "0177.0.0.1",
        "localhost",
        "[::ffff:127.0.0.1]",
    ]
    .iter()
    .map(|host| format!("http://{host}:{port}/slow/1"))
    .collect();
    let result = ok(&policy, script, json!({"urls": urls}));
    assert_eq!(result, json!(vec!["network-denied"; urls.len()]), "{result}");
    assert_eq!(server.hits(), 0, "a wildcard reached the loopback server");
}

#[test]
fn a_redirect_from_a_listed_host_to_loopback_via_a_wildcard_is_denied() {
    let server = TestServer::start();
    let policy = server.policy().allow_host("*");
    let target = format!("http://127.0.0.2:{}/slow/1", server.addr.port());
    let script =
        "async function execute({ url }) { try { await fetch(url) } catch (e) { return [e.kind, e.message] } }";
    let result = ok(&policy, script, json!({"url": format!("{}redirect?to={target}", server.base())}));
    assert_eq!(result[0], "network-denied");
    assert!(result[1].as_str().unwrap().contains("wildcard entries never reach"), "{result}");
    assert_eq!(server.hits(), 0);
}

#[test]
fn a_scheme_restriction_and_the_request_body_cap_hold() {
    let server = TestServer::start();
    let mut policy = server.policy();
    policy.network.schemes = vec!["https".into()];
    let script = "async function execute({ url }) { try { await fetch(url) } catch (e) { return e.kind } }";
    assert_eq!(ok(&policy, script, json!({"url": format!("{}slow/1", server.base())})), json!("network-denied"));
    let mut policy = server.policy();
    policy.network.max_request_bytes = 10;
    let script = r#"
        async function execute({ base }) {
            const small = (await fetch(base + "echo", { method: "POST", body: "0123456789" })).status;
            try { await fetch(base + "echo", { method: "POST", body: "0123456789X" }); } catch (e) { return [small, e.kind]; }
        }
    "#;
    assert_eq!(ok(&policy, script, json!({"base": server.base()})), json!([200, "too-large"]));
    assert_eq!(server.hits(), 0);
}

#[test]
fn an_uncaught_fetch_denial_is_network_denied() {
    let e = err(&Policy::default(), "async function execute() { await fetch('http://127.0.0.2:9/') }", json!({}));
    assert_eq!(e.kind(), "network-denied");
    assert!(e.to_string().starts_with("host not allowed: 127.0.0.2"), "{e}");
}

#[test]
fn a_request_over_its_own_timeout_fails_catchably_within_the_execution() {
    let server = TestServer::start();
    let mut policy = server.policy();
    policy.network.request_timeout = Duration::from_millis(200);
    let script = r#"
        async function execute({ base }) {
            try { await fetch(base + "slow/3000"); return "not reached"; }
            catch (e) { return [e.kind, (await fetch(base + "slow/1")).status]; }
        }
    "#;
    let started = Instant::now();
    assert_eq!(ok(&policy, script, json!({"base": server.base()})), json!(["timeout", 200]));
    assert!(started.elapsed() < Duration::from_millis(2500), "{:?}", started.elapsed());
}
