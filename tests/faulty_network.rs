//! Servers that break HTTP on purpose. Every failure reaches the script as a
//! catchable error with a `kind`, within the request's or the execution's
//! time limit; nothing hangs and nothing is silently truncated.

use std::time::{Duration, Instant};

use jsbox_tests::*;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Fetches `a.url` and reports what happened, catching any failure.
const FETCH: &str = r#"
    async function execute(a) {
        try {
            const r = await fetch(a.url);
            return { ok: true, status: r.status, body: await r.text() };
        } catch (e) {
            return { ok: false, name: e.name, kind: e.kind, message: e.message };
        }
    }
"#;

fn fetch_with(policy: &Policy, server: &RawServer) -> (Value, Duration) {
    let started = Instant::now();
    let result = ok(policy, FETCH, json!({"url": server.base()}));
    (result, started.elapsed())
}

async fn reply(mut stream: TcpStream, bytes: &[u8]) {
    read_request_head(&mut stream).await;
    let _ = stream.write_all(bytes).await;
}

/// Reads the request and closes the connection without answering.
async fn close_unanswered(mut stream: TcpStream) {
    read_request_head(&mut stream).await;
}

/// Holds a connection open without a word, until the client gives up.
async fn hold(mut stream: TcpStream) {
    let mut sink = Vec::new();
    let _ = tokio::io::AsyncReadExt::read_to_end(&mut stream, &mut sink).await;
}

/// A fetch that must fail, as the script saw it.
struct Failed {
    /// The error's `[name, kind]`.
    kind: [String; 2],
    message: String,
    took: Duration,
}

fn failed_fetch(policy: &Policy, server: &RawServer) -> Failed {
    let (result, took) = fetch_with(policy, server);
    assert_eq!(result["ok"], json!(false), "the fetch should have failed: {result}");
    let text = |key: &str| result[key].as_str().unwrap_or_default().to_string();
    Failed { kind: [text("name"), text("kind")], message: text("message"), took }
}

#[test]
fn a_connection_reset_is_a_catchable_io_error() {
    let server = RawServer::start(|mut stream| async move {
        read_request_head(&mut stream).await;
        let _ = stream.set_zero_linger();
    });
    let Failed { kind, message, .. } = failed_fetch(&server.policy(), &server);
    assert_eq!(kind, ["TypeError", "io"]);
    assert!(message.contains("reset"), "{message}");
    assert_eq!(server.connections(), 2, "a GET is resent once");
}

#[test]
fn a_connection_closed_without_an_answer_is_a_catchable_io_error_after_one_retry() {
    let server = RawServer::start(close_unanswered);
    let Failed { kind, message, .. } = failed_fetch(&server.policy(), &server);
    assert_eq!(kind, ["TypeError", "io"]);
    assert!(message.contains("connection closed before message completed"), "{message}");
    // A GET is resent once, on a fresh connection (the keep-alive race).
    assert_eq!(server.connections(), 2);
}

#[test]
fn a_post_is_never_resent() {
    let server = RawServer::start(close_unanswered);
    let script = "async function execute(a) { try { await fetch(a.url, {method: 'POST', body: 'once'}) } catch (e) { return e.kind } }";
    assert_eq!(ok(&server.policy(), script, json!({"url": server.base()})), json!("io"));
    assert_eq!(server.connections(), 1);
}

#[test]
fn a_server_closing_after_each_answer_is_retried_transparently() {
    // Answers one request per connection, then closes without saying so:
    // the next request may go out on the closing connection.
    let server = RawServer::start(|stream| reply(stream, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    let script = r#"
        async function execute(a) {
            const bodies = [];
            for (let i = 0; i < 20; i++) bodies.push(await (await fetch(a.url)).text());
            return bodies.join("");
        }
    "#;
    assert_eq!(ok(&server.policy(), script, json!({"url": server.base()})), json!("ok".repeat(20)));
}

#[test]
fn an_answer_that_is_not_http_is_a_catchable_io_error() {
    let server = RawServer::start(|stream| reply(stream, b"SSH-2.0-OpenSSH_9.2\r\n\r\n"));
    let Failed { kind, message, .. } = failed_fetch(&server.policy(), &server);
    assert_eq!(kind, ["TypeError", "io"]);
    assert!(message.contains("invalid HTTP"), "{message}");
}

#[test]
fn malformed_chunked_encoding_is_a_catchable_io_error() {
    let server = RawServer::start(|stream| {
        reply(stream, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
    });
    let Failed { kind, message, .. } = failed_fetch(&server.policy(), &server);
    assert_eq!(kind, ["TypeError", "io"]);
    assert!(message.contains("chunk size"), "{message}");
}

#[test]
fn a_body_shorter_than_its_content_length_fails_rather_than_truncating() {
    let server = RawServer::start(|stream| reply(stream, b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"));
    let Failed { kind, message, .. } = failed_fetch(&server.policy(), &server);
    assert_eq!(kind, ["TypeError", "io"]);
    assert!(message.contains("end of file before message length reached"), "{message}");
}

#[test]
fn bytes_past_the_content_length_are_not_read_as_the_body_nor_as_the_next_response() {
    let server = RawServer::start(|stream| {
        reply(
            stream,
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged",
        )
    });
    let script = r#"
        async function execute(a) {
            const bodies = [];
            for (let i = 0; i < 3; i++) bodies.push(await (await fetch(a.url)).text());
            return bodies;
        }
    "#;
    assert_eq!(ok(&server.policy(), script, json!({"url": server.base()})), json!(["hello", "hello", "hello"]));
}

#[test]
fn a_server_that_stalls_mid_body_hits_the_request_timeout() {
    let server = RawServer::start(|mut stream| async move {
        read_request_head(&mut stream).await;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nten bytes.").await;
        hold(stream).await;
    });
    let mut policy = server.policy();
    policy.network.request_timeout = Duration::from_millis(300);
    let Failed { kind, message, took } = failed_fetch(&policy, &server);
    assert_eq!(kind, ["TypeError", "timeout"]);
    assert!(message.contains("timed out"), "{message}");
    assert!(took >= Duration::from_millis(300) && took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_server_that_never_answers_is_bounded_by_the_execution_timeout() {
    let server = RawServer::start(hold);
    let policy = server.policy().timeout(Duration::from_millis(400));
    let started = Instant::now();
    let e = err(&policy, FETCH, json!({"url": server.base()}));
    assert_eq!(e, Error::Timeout { timeout: Duration::from_millis(400) });
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

/// Answers with `body`, one byte every `gap`.
async fn drip(mut stream: TcpStream, body: &'static [u8], gap: Duration) {
    read_request_head(&mut stream).await;
    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    for byte in body {
        tokio::time::sleep(gap).await;
        if stream.write_all(&[*byte]).await.is_err() {
            return;
        }
    }
}

#[test]
fn a_slow_answer_within_the_limits_arrives_whole() {
    let server = RawServer::start(|stream| drip(stream, b"slow!", Duration::from_millis(40)));
    let (result, _) = fetch_with(&server.policy(), &server);
    assert_eq!(result, json!({"ok": true, "status": 200, "body": "slow!"}));
}

#[test]
fn a_slow_drip_is_bounded_by_the_request_timeout() {
    let server = RawServer::start(|stream| drip(stream, &[b'x'; 1000], Duration::from_millis(50)));
    let mut policy = server.policy();
    policy.network.request_timeout = Duration::from_millis(400);
    let Failed { kind, took, .. } = failed_fetch(&policy, &server);
    assert_eq!(kind, ["TypeError", "timeout"]);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn an_endless_chunked_body_fails_at_the_response_size_limit() {
    let server = RawServer::start(|mut stream| async move {
        read_request_head(&mut stream).await;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").await;
        let chunk = format!("{:x}\r\n{}\r\n", 4096, "y".repeat(4096));
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    });
    let mut policy = server.policy();
    policy.network.max_response_bytes = 64 << 10;
    let Failed { kind, message, took } = failed_fetch(&policy, &server);
    assert_eq!(kind, ["TypeError", "too-large"]);
    assert!(message.contains("65536"), "{message}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn enormous_response_headers_are_a_catchable_error() {
    let server = RawServer::start(|mut stream| async move {
        read_request_head(&mut stream).await;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nX-Big: ").await;
        let _ = stream.write_all(&vec![b'h'; 4 << 20]).await;
        let _ = stream.write_all(b"\r\nContent-Length: 0\r\n\r\n").await;
    });
    let Failed { kind, message, .. } = failed_fetch(&server.policy(), &server);
    assert_eq!(kind, ["TypeError", "io"]);
    assert!(message.contains("too large") || message.contains("header"), "{message}");
}

#[test]
fn a_redirect_loop_stops_at_the_redirect_limit() {
    let server = RawServer::start(|stream| {
        reply(stream, b"HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n")
    });
    let mut policy = server.policy();
    policy.network.max_redirects = 3;
    let Failed { kind, message, .. } = failed_fetch(&policy, &server);
    assert_eq!(kind, ["TypeError", "redirect"]);
    assert!(message.contains("too many redirects (more than 3)"), "{message}");
}

#[test]
fn the_seed_helpers_reject_with_the_same_kinds() {
    let server = RawServer::start(|stream| reply(stream, b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"));
    let script = r#"
        async function execute(a) {
            try { await http.sendGetRequest({}, a.url); return "no error" }
            catch (e) { return [e instanceof Error, e.kind] }
        }
    "#;
    assert_eq!(ok(&server.policy(), script, json!({"url": server.base()})), json!([true, "io"]));
    let uncaught = err(
        &server.policy(),
        "async function execute(a) { return http.sendGetRequest({}, a.url) }",
        json!({"url": server.base()}),
    );
    assert_eq!(uncaught.kind(), "exception");
    assert!(uncaught.to_string().contains("end of file before message length reached"), "{uncaught}");
}

#[test]
fn the_request_timeout_covers_all_redirect_hops_together() {
    let server = RawServer::start(|mut stream| async move {
        // Keep-alive: answer every request on this connection, each late.
        while !read_request_head(&mut stream).await.is_empty() {
            tokio::time::sleep(Duration::from_millis(150)).await;
            let moved = b"HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n";
            if stream.write_all(moved).await.is_err() {
                return;
            }
        }
    });
    let mut policy = server.policy();
    policy.network.request_timeout = Duration::from_millis(500);
    policy.network.max_redirects = 10;
    let Failed { kind, message, took } = failed_fetch(&policy, &server);
    assert_eq!(kind, ["TypeError", "timeout"], "{message}");
    assert!(message.contains("timed out after 500ms"), "{message}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn aborting_a_fetch_closes_its_connection_while_the_script_runs_on() {
    // The first request is held unanswered; the host must close its
    // connection when the script aborts. A second request (`/closed`) asks
    // the server whether that happened, while the execution is still running.
    let (closed_tx, closed_rx) = tokio::sync::watch::channel(false);
    let server = RawServer::start(move |mut stream| {
        let closed_tx = closed_tx.clone();
        let mut closed_rx = closed_rx.clone();
        async move {
            let head = read_request_head(&mut stream).await;
            if head.starts_with("GET /closed ") {
                let seen =
                    tokio::time::timeout(Duration::from_secs(5), closed_rx.wait_for(|closed| *closed)).await.is_ok();
                let answer = if seen { "closed" } else { "still open" };
                let reply = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{answer}", answer.len());
                let _ = stream.write_all(reply.as_bytes()).await;
            } else {
                let mut rest = Vec::new();
                let _ = tokio::io::AsyncReadExt::read_to_end(&mut stream, &mut rest).await;
                let _ = closed_tx.send(true);
            }
        }
    });
    let script = r#"
        async function execute(a) {
            const controller = new AbortController();
            const held = fetch(a.url + "held", { signal: controller.signal });
            setTimeout(() => controller.abort(), 50);
            let caught;
            try { await held; } catch (e) { caught = [e.name, e === controller.signal.reason]; }
            const server = await (await fetch(a.url + "closed")).text();
            return { caught, server };
        }
    "#;
    let started = Instant::now();
    let result = ok(&server.policy().timeout(Duration::from_secs(20)), script, json!({"url": server.base()}));
    assert_eq!(result, json!({"caught": ["AbortError", true], "server": "closed"}));
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}
