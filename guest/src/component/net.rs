//! `fetch` and `http.*` in the standalone component: requests through
//! `wasi:http/outgoing-handler`, so whoever runs the component decides the
//! network (`wasmtime run -S http`). There is no allow-list or address guard
//! here: that is jsbox's host (`jsbox run`).
//!
//! Requests run concurrently: each is handed to the host at once, `wait`
//! polls their responses together (with the next timer's deadline), and a
//! response's body is read when its headers arrive. Redirects are followed
//! as `fetch` does (at most 20; 303, and 301/302 after a POST, become GET).

use std::cell::RefCell;

use url::Url;

use super::host::{complete, failed};
use crate::jsbox::sandbox::host::{HttpRequest, HttpResponse, OpId, OpResult};
use crate::wasi::http::outgoing_handler;
use crate::wasi::http::types::{
    ErrorCode, Fields, FutureIncomingResponse, HeaderError, IncomingBody, IncomingResponse, Method, OutgoingBody,
    OutgoingRequest, Scheme,
};
use crate::wasi::io::poll::{Pollable, poll as poll_all};
use crate::wasi::io::streams::StreamError;

/// Redirects one request follows, as `fetch` does.
const MAX_REDIRECTS: u32 = 20;
/// The most bytes one `blocking-write-and-flush` takes.
const WRITE_CHUNK: usize = 4096;
/// Bytes asked for per read of a response body.
const READ_CHUNK: u64 = 64 * 1024;

thread_local! {
    static IN_FLIGHT: RefCell<Vec<InFlight>> = const { RefCell::new(Vec::new()) };
}

/// A request the host is working on.
struct InFlight {
    id: OpId,
    request: Request,
    redirects: u32,
    response: FutureIncomingResponse,
}

/// What a request (or its next redirect hop) sends.
struct Request {
    method: String,
    url: Url,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    /// Follow redirects, or fail at the first (`redirect: "error"`).
    follow: bool,
}

/// Starts operation `id`; a request that cannot be sent completes at once with its error.
pub(super) fn start(id: OpId, request: &HttpRequest) {
    let url = match Url::parse(&request.url) {
        Ok(url) => url,
        Err(e) => return failed(id, "invalid-url", format!("{}: {e}", request.url)),
    };
    let request = Request {
        method: request.method.to_ascii_uppercase(),
        url,
        headers: request.headers.clone(),
        body: request.body.clone(),
        follow: request.follow_redirects,
    };
    send_and_track(id, request, 0);
}

fn send_and_track(id: OpId, request: Request, redirects: u32) {
    match send(&request) {
        Ok(response) => IN_FLIGHT.with_borrow_mut(|all| all.push(InFlight { id, request, redirects, response })),
        Err((kind, message)) => failed(id, kind, message),
    }
}

/// Whether any request is in flight.
pub(super) fn in_flight() -> bool {
    IN_FLIGHT.with_borrow(|all| !all.is_empty())
}

/// Drops request `id` (the host aborts it); true if it was in flight.
pub(super) fn cancel(id: OpId) -> bool {
    IN_FLIGHT.with_borrow_mut(|all| {
        let before = all.len();
        all.retain(|request| request.id != id);
        all.len() != before
    })
}

/// Blocks until a response arrives or `deadline` is ready, and completes
/// the requests whose responses arrived. True when the deadline passed.
pub(super) fn poll(deadline: Option<&Pollable>) -> bool {
    let ready = IN_FLIGHT.with_borrow(|all| {
        let pollables: Vec<Pollable> = all.iter().map(|request| request.response.subscribe()).collect();
        let mut waiting: Vec<&Pollable> = pollables.iter().collect();
        waiting.extend(deadline);
        poll_all(&waiting)
    });
    let count = IN_FLIGHT.with_borrow(Vec::len) as u32;
    let mut arrived: Vec<u32> = ready.iter().copied().filter(|&index| index < count).collect();
    arrived.sort_unstable();
    // From the back, so the indices stay valid while removing.
    for index in arrived.into_iter().rev() {
        let request = IN_FLIGHT.with_borrow_mut(|all| all.remove(index as usize));
        arrived_response(request);
    }
    ready.iter().any(|&index| index >= count)
}

/// A response (or failure) arrived for `request`: a redirect is followed,
/// anything else completes the operation.
fn arrived_response(flight: InFlight) {
    let InFlight { id, request, redirects, response } = flight;
    let outcome = match response.get() {
        Some(Ok(Ok(response))) => response,
        Some(Ok(Err(code))) => {
            let (kind, message) = describe(&code);
            return failed(id, kind, message);
        }
        // Not ready after all (or already taken): keep waiting.
        None | Some(Err(())) => {
            return IN_FLIGHT.with_borrow_mut(|all| all.push(InFlight { id, request, redirects, response }));
        }
    };
    drop(response);
    let status = outcome.status();
    let headers = header_list(&outcome);
    let location = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("location")).map(|(_, v)| v.clone());
    if let (true, Some(location)) = (matches!(status, 301 | 302 | 303 | 307 | 308), location) {
        drop(outcome);
        if !request.follow {
            return failed(
                id,
                "redirect",
                format!("the server redirected ({status} to {location}) and the request's redirect mode is \"error\""),
            );
        }
        if redirects >= MAX_REDIRECTS {
            return failed(id, "redirect", format!("more than {MAX_REDIRECTS} redirects (the last to {location})"));
        }
        let next = match request.url.join(&location) {
            Ok(next) => next,
            Err(e) => return failed(id, "redirect", format!("a redirect to an invalid Location {location:?}: {e}")),
        };
        let to_get =
            status == 303 && request.method != "HEAD" || matches!(status, 301 | 302) && request.method == "POST";
        let request = if to_get {
            let headers = request
                .headers
                .into_iter()
                .filter(|(name, _)| !name.to_ascii_lowercase().starts_with("content-"))
                .collect();
            Request { method: "GET".into(), url: next, headers, body: None, follow: true }
        } else {
            Request { url: next, ..request }
        };
        return send_and_track(id, request, redirects + 1);
    }
    match read_body(outcome) {
        Ok(body) => complete(
            id,
            OpResult::Http(Ok(HttpResponse {
                status,
                status_text: http::StatusCode::from_u16(status)
                    .ok()
                    .and_then(|code| code.canonical_reason())
                    .unwrap_or_default()
                    .into(),
                url: request.url.to_string(),
                headers,
                body,
            })),
        ),
        Err(message) => failed(id, "io", format!("reading the response: {message}")),
    }
}

fn header_list(response: &IncomingResponse) -> Vec<(String, String)> {
    let fields = response.headers();
    let list = fields
        .entries()
        .into_iter()
        .map(|(name, value)| (name, String::from_utf8_lossy(&value).into_owned()))
        .collect();
    drop(fields);
    list
}

fn read_body(response: IncomingResponse) -> Result<Vec<u8>, String> {
    let body = response.consume().map_err(|()| "the body was already taken".to_string())?;
    let stream = body.stream().map_err(|()| "the body stream was already taken".to_string())?;
    let mut bytes = Vec::new();
    loop {
        match stream.blocking_read(READ_CHUNK) {
            Ok(chunk) => bytes.extend_from_slice(&chunk),
            Err(StreamError::Closed) => break,
            Err(StreamError::LastOperationFailed(e)) => return Err(e.to_debug_string()),
        }
    }
    drop(stream);
    drop(IncomingBody::finish(body));
    Ok(bytes)
}

/// Hands the request to the host, then writes its body.
fn send(request: &Request) -> Result<FutureIncomingResponse, (&'static str, String)> {
    let scheme = match request.url.scheme() {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        other => return Err(("invalid-url", format!("the {other}: scheme cannot be fetched (http and https only)"))),
    };
    let Some(host) = request.url.host_str() else {
        return Err(("invalid-url", "the URL has no host".into()));
    };
    let authority = match request.url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    let path = match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_string(),
    };
    let fields = Fields::new();
    for (name, value) in &request.headers {
        match fields.append(name, value.as_bytes()) {
            // Hop-by-hop headers the host sets itself are left out, as a browser does.
            Ok(()) | Err(HeaderError::Forbidden) => {}
            Err(e) => return Err(("io", format!("header {name:?}: {e:?}"))),
        }
    }
    let outgoing = OutgoingRequest::new(fields);
    let method = match request.method.as_str() {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        "CONNECT" => Method::Connect,
        "OPTIONS" => Method::Options,
        "TRACE" => Method::Trace,
        "PATCH" => Method::Patch,
        other => Method::Other(other.to_string()),
    };
    let invalid = |what: &str| ("invalid-url", format!("the host refused the request's {what}"));
    outgoing.set_method(&method).map_err(|()| invalid("method"))?;
    outgoing.set_scheme(Some(&scheme)).map_err(|()| invalid("scheme"))?;
    outgoing.set_authority(Some(&authority)).map_err(|()| invalid("authority"))?;
    outgoing.set_path_with_query(Some(&path)).map_err(|()| invalid("path"))?;
    let body = outgoing.body().map_err(|()| ("io", "the request body was already taken".to_string()))?;
    let response = outgoing_handler::handle(outgoing, None).map_err(|code| describe(&code))?;
    write_body(body, request.body.as_deref().unwrap_or_default()).map_err(|message| ("io", message))?;
    Ok(response)
}

fn write_body(body: OutgoingBody, bytes: &[u8]) -> Result<(), String> {
    let stream = body.write().map_err(|()| "the request body stream was already taken".to_string())?;
    for chunk in bytes.chunks(WRITE_CHUNK) {
        stream.blocking_write_and_flush(chunk).map_err(|e| format!("writing the request body: {e:?}"))?;
    }
    drop(stream);
    OutgoingBody::finish(body, None).map_err(|code| describe(&code).1)
}

/// The jsbox kind (`http-error.kind`) and a message for a WASI HTTP error:
/// its case in words (`ConnectionRefused` → `connection refused`), then any
/// details.
fn describe(code: &ErrorCode) -> (&'static str, String) {
    let kind = match code {
        ErrorCode::HttpRequestDenied | ErrorCode::DestinationIpProhibited => "network-denied",
        ErrorCode::DnsTimeout
        | ErrorCode::ConnectionTimeout
        | ErrorCode::ConnectionReadTimeout
        | ErrorCode::ConnectionWriteTimeout
        | ErrorCode::HttpResponseTimeout => "timeout",
        ErrorCode::DnsError(_)
        | ErrorCode::DestinationNotFound
        | ErrorCode::DestinationUnavailable
        | ErrorCode::DestinationIpUnroutable
        | ErrorCode::ConnectionRefused
        | ErrorCode::ConnectionTerminated
        | ErrorCode::ConnectionLimitReached
        | ErrorCode::TlsProtocolError
        | ErrorCode::TlsCertificateError
        | ErrorCode::TlsAlertReceived(_) => "connect",
        ErrorCode::HttpRequestUriInvalid | ErrorCode::HttpRequestUriTooLong => "invalid-url",
        ErrorCode::HttpRequestBodySize(_)
        | ErrorCode::HttpResponseBodySize(_)
        | ErrorCode::HttpResponseHeaderSize(_)
        | ErrorCode::HttpResponseHeaderSectionSize(_) => "too-large",
        _ => "io",
    };
    let debug = format!("{code:?}");
    let debug = debug.strip_prefix("ErrorCode::").unwrap_or(&debug);
    let (case, details) = debug.split_at(debug.find('(').unwrap_or(debug.len()));
    let mut words = String::new();
    for c in case.chars() {
        if c.is_ascii_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    (kind, format!("{words}{details}"))
}
