//! HTTP for scripts: the allow-list, the shared client, and the per-execution
//! session that starts requests and hands their completions to the guest's
//! `wait`.
//!
//! Policy is enforced here, in the host, on every hop: a script that rewrites
//! `http` or `fetch` gains nothing.

mod guard;
pub(crate) mod secrets;

use std::net::IpAddr;
use std::sync::Arc;

use crate::bindings::jsbox::sandbox::host::{Completion, HttpError, HttpRequest, HttpResponse, OpResult};
use crate::error::Error;
use crate::ops::{Finished, OpKind, Ops};
use crate::policy::hosts::{AllowList, Entry, Pattern, host_and_port};
use crate::policy::network::NetworkPolicy;
use crate::policy::secrets::Secrets;
use guard::{AddressDenied, GuardedResolver, SystemLookup};
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderMap, HeaderName, HeaderValue, LOCATION, PROXY_AUTHORIZATION};
use reqwest::{Method, Url};
use secrets::{Refused, WireCaps};

/// How a URL was allowed, which decides whether the address guard applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Listed by the operator: reached as listed, even on loopback or a
    /// private network (that is how a host allows its own services).
    Explicit,
    /// Through `*` or `*.domain`: only public addresses.
    Wildcard,
}

impl AllowList {
    /// Whether `url` may be requested, and how it was allowed. A wildcard
    /// match on an IP literal is judged by the address guard right here (no
    /// resolver runs for IP literals).
    pub(crate) fn check(&self, url: &Url) -> Result<Reach, String> {
        if !self.schemes.iter().any(|s| s == url.scheme()) {
            return Err(format!("scheme not allowed: {}: (allowed: {})", url.scheme(), self.schemes.join(", ")));
        }
        let (host, port) = host_and_port(url);
        let (exact, wildcards): (Vec<&Entry>, Vec<&Entry>) =
            self.entries.iter().partition(|e| matches!(e.pattern, Pattern::Exact(_)));
        if exact.iter().any(|e| e.matches(&host, port)) {
            return Ok(Reach::Explicit);
        }
        let wildcard = wildcards.iter().any(|e| e.matches(&host, port));
        if !wildcard {
            return Err(format!("host not allowed: {host}:{port} (not in the policy's allowed hosts)"));
        }
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>()
            && let Some(why) = guard::non_public(ip)
        {
            return Err(format!("host not allowed: {host} is a {why} address, which wildcard entries never reach"));
        }
        Ok(Reach::Wildcard)
    }
}

/// The HTTP clients shared by all executions of an engine (connection pools,
/// TLS config). `guarded` resolves names through the address guard and serves
/// wildcard-matched hosts; `open` serves hosts the operator listed. Redirects
/// are followed by [`Session`], hop by hop, never by reqwest, so every hop
/// passes the allow-list and picks its client again.
#[derive(Clone)]
pub(crate) struct Clients {
    open: reqwest::Client,
    guarded: reqwest::Client,
}

impl Clients {
    pub(crate) fn new() -> Result<Self, Error> {
        let builder = || {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .user_agent(concat!("jsbox/", env!("CARGO_PKG_VERSION")))
        };
        let open = builder().build().map_err(Error::internal)?;
        let guarded = builder()
            .dns_resolver(Arc::new(GuardedResolver::new(Arc::new(SystemLookup))))
            .build()
            .map_err(Error::internal)?;
        Ok(Clients { open, guarded })
    }

    /// The client for the operator's own endpoints (HTTP-backed helpers):
    /// no allow-list, no guard.
    pub(crate) fn operator(&self) -> reqwest::Client {
        self.open.clone()
    }

    fn for_reach(&self, reach: Reach) -> &reqwest::Client {
        match reach {
            Reach::Explicit => &self.open,
            Reach::Wildcard => &self.guarded,
        }
    }
}

/// The network side of one execution.
pub(crate) struct Session {
    clients: Clients,
    policy: Arc<NetworkPolicy>,
    /// At most `max_in_flight` requests are being sent, or holding a
    /// response the script has not received yet; more wait. So a script that
    /// never yields cannot pile up `max_requests` bodies in host memory.
    in_flight_limit: Arc<tokio::sync::Semaphore>,
    allow: Arc<AllowList>,
    secrets: Secrets,
    started: u32,
}

impl Session {
    pub(crate) fn new(clients: Clients, policy: NetworkPolicy, allow: AllowList, secrets: Secrets) -> Self {
        Session {
            clients,
            in_flight_limit: Arc::new(tokio::sync::Semaphore::new(policy.max_in_flight.max(1) as usize)),
            policy: Arc::new(policy),
            allow: Arc::new(allow),
            secrets,
            started: 0,
        }
    }

    /// Requests that were sent (denied ones are not counted).
    pub(crate) fn requests_sent(&self) -> u32 {
        self.started
    }

    /// Carries a suspended execution's count over (`max_requests` holds
    /// across suspensions).
    pub(crate) fn carry(&mut self, sent: u32) {
        self.started = sent;
    }

    /// Starts a request as an operation of `ops`; a refused one completes
    /// at once (delivered by the next `wait`).
    pub(crate) fn start(&mut self, ops: &mut Ops, request: HttpRequest) -> u32 {
        let id = ops.next_id();
        match self.prepare(request) {
            Err(failure) => ops.complete_now(Completion { id, outcome: OpResult::Http(Err(failure)) }),
            Ok(prepared) => {
                self.started += 1;
                let (clients, policy, allow) = (self.clients.clone(), self.policy.clone(), self.allow.clone());
                let secrets = self.secrets.clone();
                let limit = self.in_flight_limit.clone();
                ops.spawn(id, OpKind::Http, async move {
                    let permit = limit.acquire_owned().await.ok();
                    // One deadline for the whole request: every redirect hop and the body.
                    let sent = perform(&clients, &policy, &allow, &secrets, prepared);
                    // No message holds a value: jsbox's own text never does, and
                    // what it quotes from elsewhere (a server's Location, a
                    // connection's error) is redacted where it is quoted.
                    let result = tokio::time::timeout(policy.request_timeout, sent)
                        .await
                        .unwrap_or_else(|_elapsed| Err(timed_out(policy.request_timeout)));
                    Finished {
                        completion: Some(Completion { id, outcome: OpResult::Http(result) }),
                        later: None,
                        permit,
                    }
                });
            }
        }
        id
    }

    fn prepare(&self, request: HttpRequest) -> Result<Prepared, HttpError> {
        if self.started >= self.policy.max_requests {
            return Err(failure(
                "too-many-requests",
                format!("request limit reached: at most {} requests per execution", self.policy.max_requests),
            ));
        }
        let url = Url::parse(&request.url)
            .map_err(|e| failure("invalid-url", format!("invalid URL {:?}: {e}", request.url)))?;
        let reach = self.allow.check(&url).map_err(|message| failure("network-denied", message))?;
        let method = Method::from_bytes(request.method.to_ascii_uppercase().as_bytes())
            .map_err(|_| failure("invalid-request", format!("invalid method {:?}", request.method)))?;
        let mut headers = HeaderMap::new();
        for (name, value) in request.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| failure("invalid-request", format!("invalid header name {name:?}")))?;
            let value = HeaderValue::from_str(&value)
                .map_err(|_| failure("invalid-request", format!("invalid value for header {name}")))?;
            headers.append(name, value);
        }
        // Refused before anything is sent: a placeholder bound for a host it
        // does not belong to, or in the URL's user:password, or a request
        // over a cap once the values are in.
        self.secrets.check_hop(&url, &headers, request.body.as_deref(), wire_caps(&self.policy)).map_err(refusal)?;
        Ok(Prepared { method, url, reach, headers, body: request.body, follow_redirects: request.follow_redirects })
    }
}

struct Prepared {
    method: Method,
    url: Url,
    reach: Reach,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    follow_redirects: bool,
}

fn timed_out(limit: std::time::Duration) -> HttpError {
    failure("timeout", format!("request timed out after {}", humantime::format_duration(limit)))
}

fn failure(kind: &str, message: String) -> HttpError {
    HttpError { kind: kind.into(), message }
}

fn refusal(refused: Refused) -> HttpError {
    failure(refused.kind, refused.message)
}

/// The URL and header lines of one request hop, on the wire, at most: far
/// above what servers accept (8–64 KiB is usual), and room for the longest
/// secret value.
pub(crate) const MAX_HEAD_BYTES: u64 = 256 << 10;

fn wire_caps(policy: &NetworkPolicy) -> WireCaps {
    WireCaps { body: policy.max_request_bytes, head: MAX_HEAD_BYTES }
}

/// Sends the request, following redirects itself so that every hop passes the
/// allow-list and gets its secrets put in afresh, and reads the body up to
/// the size cap. `request` keeps the script's placeholders throughout.
async fn perform(
    clients: &Clients,
    policy: &NetworkPolicy,
    allow: &AllowList,
    secrets: &Secrets,
    mut request: Prepared,
) -> Result<HttpResponse, HttpError> {
    let mut hops = 0;
    loop {
        let client = clients.for_reach(request.reach);
        // Each hop afresh: the values for this host, the caps on the result.
        let redirect = if hops > 0 { "redirect: " } else { "" };
        let hop = secrets
            .for_hop(&request.url, &request.headers, request.body.as_deref(), wire_caps(policy))
            .map_err(|refused| failure(refused.kind, format!("{redirect}{}", refused.message)))?;
        let mut builder = client.request(request.method.clone(), hop.url).headers(hop.headers);
        if let Some(body) = hop.body {
            builder = builder.body(body);
        }
        // A server may close an idle keep-alive connection just as the
        // request goes out on it; browsers resend idempotent requests then,
        // once, on a fresh connection. Only those keep a copy to resend.
        let retry = if is_idempotent(&request.method) { builder.try_clone() } else { None };
        let response = match (builder.send().await, retry) {
            (Err(e), Some(retry)) if closed_before_answering(&e) => retry.send().await,
            (sent, _) => sent,
        }
        .map_err(|e| send_failure(&e, secrets))?;
        let status = response.status();
        let location = response.headers().get(LOCATION).and_then(|l| l.to_str().ok()).map(str::to_owned);
        // A server that puts a value in its redirect gets the placeholder back
        // from there on, and the next hop decides afresh whether it may go.
        let location = location.map(|l| if secrets.is_empty() { l } else { secrets.redact(l) });
        if let (true, Some(location)) = (status.is_redirection(), location) {
            if !request.follow_redirects {
                return Err(failure(
                    "redirect",
                    format!(
                        "the server redirected ({} to {location}) and the request's redirect mode is \"error\"",
                        status.as_u16()
                    ),
                ));
            }
            hops += 1;
            if hops > policy.max_redirects {
                return Err(failure(
                    "redirect",
                    format!("too many redirects (more than {}) from {}", policy.max_redirects, request.url),
                ));
            }
            let next = request
                .url
                .join(&location)
                .map_err(|e| failure("redirect", format!("invalid redirect location {location:?}: {e}")))?;
            request.reach =
                allow.check(&next).map_err(|message| failure("network-denied", format!("redirect to {message}")))?;
            if next.origin() != request.url.origin() {
                // Credentials are for the origin the script named, not for
                // wherever it redirects: neither these headers nor any that
                // carried a secret go along.
                for name in [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION] {
                    request.headers.remove(name);
                }
                let with_secrets: Vec<HeaderName> = request
                    .headers
                    .iter()
                    .filter(|(_, value)| secrets.carries_placeholder(value.as_bytes()))
                    .map(|(name, _)| name.clone())
                    .collect();
                for name in with_secrets {
                    request.headers.remove(name);
                }
            }
            let code = status.as_u16();
            if code == 303 || ((code == 301 || code == 302) && request.method == Method::POST) {
                request.method = Method::GET;
                request.body = None;
                request.headers.remove(reqwest::header::CONTENT_TYPE);
                request.headers.remove(reqwest::header::CONTENT_LENGTH);
            }
            request.url = next;
            continue;
        }
        let response = read_response(response, policy.max_response_bytes, secrets).await?;
        return if secrets.is_empty() { Ok(response) } else { redact(secrets, response, policy.max_response_bytes) };
    }
}

/// The response with every secret value replaced by its placeholder: the
/// value never enters the sandbox.
/// A `Content-Length` is made to match the redacted body, so it does not
/// tell the value's length either; a header whose *name* holds a value is
/// dropped (a placeholder is no header name). What the script receives —
/// body, headers and URL redacted — stays within the response cap too.
pub(crate) fn redact(secrets: &Secrets, response: HttpResponse, cap: u64) -> Result<HttpResponse, HttpError> {
    let too_large =
        || failure("too-large", format!("response too large: more than {cap} bytes once secrets are redacted"));
    let mut budget = cap;
    let body = secrets.redact_within(response.body, &mut budget).ok_or_else(too_large)?;
    let mut headers = Vec::with_capacity(response.headers.len());
    for (name, value) in response.headers {
        if secrets.appears_in(&name) {
            continue;
        }
        let value = match name.eq_ignore_ascii_case("content-length") {
            true => body.len().to_string(),
            false => {
                let redacted = secrets.redact_within(value.into_bytes(), &mut budget).ok_or_else(too_large)?;
                String::from_utf8(redacted).expect("placeholders are UTF-8, put in place of UTF-8 values")
            }
        };
        headers.push((name, value));
    }
    let url = secrets.redact_within(response.url.into_bytes(), &mut budget).ok_or_else(too_large)?;
    let url = String::from_utf8(url).expect("placeholders are UTF-8, put in place of UTF-8 values");
    Ok(HttpResponse { status: response.status, status_text: response.status_text, url, headers, body })
}

async fn read_response(
    mut response: reqwest::Response,
    cap: u64,
    secrets: &Secrets,
) -> Result<HttpResponse, HttpError> {
    let too_large = || failure("too-large", format!("response too large: more than {cap} bytes"));
    if response.content_length().is_some_and(|len| len > cap) {
        return Err(too_large());
    }
    let status = response.status().as_u16();
    let status_text = response.status().canonical_reason().unwrap_or_default().to_string();
    let url = response.url().to_string();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| send_failure(&e, secrets))? {
        if body.len() as u64 + chunk.len() as u64 > cap {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(HttpResponse { status, status_text, url, headers, body })
}

/// Whether the connection closed or was reset after the request went out and
/// before any answer: the keep-alive race, where resending is safe for
/// idempotent methods.
fn closed_before_answering(error: &reqwest::Error) -> bool {
    causes(error).any(|e| {
        e.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_incomplete_message)
            || e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset)
    })
}

/// `error` and the chain of errors that caused it, outermost first.
fn causes(error: &reqwest::Error) -> impl Iterator<Item = &(dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error as &(dyn std::error::Error + 'static)), |e| e.source())
}

/// RFC 9110 §9.2.2: methods whose repetition has the effect of one request.
fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE)
}

/// A failure to send or read, as the script sees it. (Time limits are not
/// reqwest's: the session's own deadline reports `timeout`.) The quoted
/// cause is redacted: it is the connection's text, not jsbox's.
fn send_failure(error: &reqwest::Error, secrets: &Secrets) -> HttpError {
    if let Some(denied) = causes(error).find_map(|e| e.downcast_ref::<AddressDenied>()) {
        return failure("network-denied", format!("host not allowed: {denied}"));
    }
    // reqwest's own text repeats the URL; the innermost cause says what
    // actually happened (refused, reset, ...).
    let root = causes(error).last().expect("an error is its own first cause").to_string();
    let root = if secrets.is_empty() { root } else { secrets.redact(root) };
    if error.is_connect() { failure("connect", format!("connection failed: {root}")) } else { failure("io", root) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(entries: &[&str]) -> NetworkPolicy {
        NetworkPolicy { allow_hosts: entries.iter().map(|e| e.to_string()).collect(), ..Default::default() }
    }

    fn allow(entries: &[&str]) -> AllowList {
        AllowList::parse(&policy(entries)).unwrap()
    }

    fn check(list: &AllowList, url: &str) -> Result<Reach, String> {
        list.check(&Url::parse(url).unwrap())
    }

    #[test]
    fn entries_starting_with_a_multibyte_character_are_refused_not_a_panic() {
        // Found by `make fuzz` (fuzz/regressions/policy/multibyte-first-char).
        for entry in ["\u{84}\0\0\0*.e\u{8a}ample.com:443", "é*", "é.example.com*"] {
            let error = AllowList::parse(&policy(&[entry])).err().expect(entry);
            assert_eq!(error.kind(), "invalid-policy", "{entry:?}");
        }
    }

    #[test]
    fn empty_list_denies_everything() {
        let list = allow(&[]);
        assert!(check(&list, "http://127.0.0.1/").unwrap_err().starts_with("host not allowed: 127.0.0.1:80"));
    }

    #[test]
    fn host_without_port_allows_any_port() {
        let list = allow(&["api.example.com"]);
        assert_eq!(check(&list, "https://api.example.com/x"), Ok(Reach::Explicit));
        assert!(check(&list, "http://API.example.com:8080/x").is_ok());
        assert!(check(&list, "http://other.example.com/").is_err());
        assert!(check(&list, "http://api.example.com.evil.test/").is_err());
    }

    #[test]
    fn host_with_port_allows_only_that_port() {
        let list = allow(&["127.0.0.1:8080", "[::1]:9000", "::2"]);
        assert!(check(&list, "http://127.0.0.1:8080/").is_ok());
        assert!(check(&list, "http://127.0.0.1:8081/").is_err());
        assert!(check(&list, "http://[::1]:9000/").is_ok());
        assert!(check(&list, "http://[::1]:9001/").is_err());
        assert!(check(&list, "http://[::2]:1/").is_ok());
    }

    #[test]
    fn wildcards_match_subdomains_or_anything_but_only_public_ip_literals() {
        let list = allow(&["*.example.com", "*:8443"]);
        assert_eq!(check(&list, "https://api.example.com/"), Ok(Reach::Wildcard));
        assert_eq!(check(&list, "https://a.b.example.com/"), Ok(Reach::Wildcard));
        assert!(check(&list, "https://example.com/").is_err(), "the apex is not a subdomain");
        assert!(check(&list, "https://evilexample.com/").is_err());
        assert_eq!(check(&list, "https://anything.test:8443/"), Ok(Reach::Wildcard));
        assert!(check(&list, "https://anything.test/").is_err(), "*:8443 is only port 8443");
        let any = allow(&["*"]);
        assert_eq!(check(&any, "http://93.184.216.34/"), Ok(Reach::Wildcard));
        for url in [
            "http://127.0.0.1/",
            "http://127.0.0.2:8080/",
            "http://[::1]/",
            "http://0.0.0.0/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:127.0.0.1]/",
            "http://[fd00::1]/",
            "http://100.64.0.1/",
            "http://192.168.0.1/",
            "http://172.16.0.1/",
        ] {
            let err = check(&any, url).unwrap_err();
            assert!(err.contains("wildcard entries never reach"), "{url}: {err}");
        }
    }

    #[test]
    fn an_explicit_entry_is_reached_as_listed_even_on_loopback() {
        let list = allow(&["*", "127.0.0.1:8080"]);
        assert_eq!(check(&list, "http://127.0.0.1:8080/"), Ok(Reach::Explicit));
        assert!(check(&list, "http://127.0.0.1:8081/").is_err());
        assert_eq!(check(&allow(&["localhost"]), "http://localhost:3000/"), Ok(Reach::Explicit));
    }

    #[test]
    fn schemes_can_be_restricted() {
        let mut https_only = policy(&["example.com"]);
        https_only.schemes = vec!["https".into()];
        let list = AllowList::parse(&https_only).unwrap();
        assert_eq!(check(&list, "https://example.com/"), Ok(Reach::Explicit));
        assert!(check(&list, "http://example.com/").unwrap_err().starts_with("scheme not allowed: http"));
        let mut bad = policy(&[]);
        bad.schemes = vec!["ftp".into()];
        assert_eq!(AllowList::parse(&bad).unwrap_err().kind(), "invalid-policy");
    }

    #[test]
    fn other_schemes_are_denied() {
        let list = allow(&["example.com"]);
        assert!(check(&list, "ftp://example.com/").unwrap_err().starts_with("scheme not allowed"));
        assert!(check(&list, "file:///etc/passwd").is_err());
    }

    #[test]
    fn entries_that_are_not_hosts_are_rejected() {
        for bad in [
            "",
            "http://example.com",
            "example.com/path",
            "user@example.com",
            "example.com:99999",
            "a.*.com",
            "*x.com",
            "**",
        ] {
            let err = AllowList::parse(&policy(&[bad])).unwrap_err();
            assert_eq!(err.kind(), "invalid-policy", "{bad:?}");
        }
    }
}

#[cfg(test)]
mod session_tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// A server on 127.0.0.1 answering every request at once with a 1 KiB
    /// body, counting the requests it received.
    async fn counting_server() -> (std::net::SocketAddr, Arc<AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(AtomicUsize::new(0));
        let counter = received.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let counter = counter.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    while let Ok(n @ 1..) = stream.read(&mut buf).await {
                        if buf[..n].windows(4).any(|w| w == b"\r\n\r\n") {
                            counter.fetch_add(1, Ordering::SeqCst);
                            let head = "HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n";
                            if stream.write_all(head.as_bytes()).await.is_err()
                                || stream.write_all(&[b'x'; 1024]).await.is_err()
                            {
                                return;
                            }
                        }
                    }
                });
            }
        });
        (addr, received)
    }

    #[tokio::test]
    async fn responses_the_script_has_not_received_hold_their_in_flight_slots() {
        let (addr, received) = counting_server().await;
        let policy = NetworkPolicy { allow_hosts: vec![addr.to_string()], max_in_flight: 2, ..Default::default() };
        let allow = AllowList::parse(&policy).unwrap();
        let mut session = Session::new(Clients::new().unwrap(), policy, allow, Secrets::default());
        let mut ops = Ops::default();
        let request = || HttpRequest {
            method: "GET".into(),
            url: format!("http://{addr}/"),
            headers: vec![],
            body: None,
            follow_redirects: true,
        };
        for _ in 0..5 {
            session.start(&mut ops, request());
        }
        // A script busy elsewhere, not calling `wait`: two answers arrive and
        // stay undelivered, so nothing more is sent.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(received.load(Ordering::SeqCst), 2);
        let mut delivered = 0;
        while delivered < 5 {
            delivered += ops.wait(None).await.len();
        }
        assert_eq!(received.load(Ordering::SeqCst), 5);
    }
}
