//! HTTP for scripts: the allow-list, the shared client, and the per-execution
//! session that starts requests and hands their completions to the guest's
//! `wait`.
//!
//! Policy is enforced here, in the host, on every hop: a script that rewrites
//! `http` or `fetch` gains nothing.

use std::collections::VecDeque;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, COOKIE, LOCATION, PROXY_AUTHORIZATION};
use reqwest::{Method, Url};
use tokio::task::JoinSet;

use crate::bindings::jsbox::sandbox::host::{Completion, HttpError, HttpRequest, HttpResponse, OpResult};
use crate::{Error, NetworkPolicy};

/// One allow-list entry: a host, and a port when the entry names one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    host: String,
    port: Option<u16>,
}

/// The parsed `allow_hosts` of a [`NetworkPolicy`].
#[derive(Debug, Clone, Default)]
pub(crate) struct AllowList {
    entries: Vec<Entry>,
}

impl AllowList {
    pub(crate) fn parse(entries: &[String]) -> Result<Self, Error> {
        let entries = entries.iter().map(|e| parse_entry(e)).collect::<Result<_, _>>()?;
        Ok(AllowList { entries })
    }

    /// Whether `url` (http or https) may be requested.
    pub(crate) fn check(&self, url: &Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("scheme not allowed: {}: (only http and https)", url.scheme()));
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let port = url.port_or_known_default().unwrap_or_default();
        let allowed = self.entries.iter().any(|e| e.host == host && e.port.is_none_or(|p| p == port));
        if allowed {
            Ok(())
        } else {
            Err(format!("host not allowed: {host}:{port} (not in the policy's allowed hosts)"))
        }
    }
}

/// `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address.
fn parse_entry(entry: &str) -> Result<Entry, Error> {
    let invalid = |why: &str| Error::InvalidPolicy { message: format!("allowed host {entry:?}: {why}") };
    let text = entry.trim();
    if text.is_empty() || text.contains('/') || text.contains('@') {
        return Err(invalid("expected host or host:port, without scheme or path"));
    }
    if text.parse::<std::net::Ipv6Addr>().is_ok() {
        return Ok(Entry { host: format!("[{}]", text.to_ascii_lowercase()), port: None });
    }
    // Let the URL parser normalise the host exactly as it will for requests.
    let url = Url::parse(&format!("http://{text}/")).map_err(|e| invalid(&e.to_string()))?;
    let host = url.host_str().ok_or_else(|| invalid("no host"))?.to_ascii_lowercase();
    let explicit_port = text.rsplit_once(':').is_some_and(|(_, p)| !p.ends_with(']'));
    let port = if explicit_port { Some(url.port().unwrap_or(80)) } else { None };
    Ok(Entry { host, port })
}

/// The HTTP client shared by all executions of an engine (connection pool,
/// TLS config). Redirects are followed by [`Session`], hop by hop, never by
/// reqwest, so every hop passes the allow-list.
pub(crate) fn client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("jsbox/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(Error::internal)
}

/// The network side of one execution.
pub(crate) struct Session {
    client: reqwest::Client,
    policy: Arc<NetworkPolicy>,
    allow: Arc<AllowList>,
    next_id: u32,
    started: u32,
    /// Completions known without I/O (denials), delivered by the next `wait`.
    ready: VecDeque<Completion>,
    /// Requests in flight. Dropping the set (when the execution ends, however
    /// it ends) aborts them.
    in_flight: JoinSet<Completion>,
}

impl Session {
    pub(crate) fn new(client: reqwest::Client, policy: NetworkPolicy, allow: AllowList) -> Self {
        Session {
            client,
            policy: Arc::new(policy),
            allow: Arc::new(allow),
            next_id: 0,
            started: 0,
            ready: VecDeque::new(),
            in_flight: JoinSet::new(),
        }
    }

    /// Requests that were sent (denied ones are not counted).
    pub(crate) fn requests_sent(&self) -> u32 {
        self.started
    }

    pub(crate) fn start(&mut self, request: HttpRequest) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        match self.prepare(request) {
            Err(failure) => self.ready.push_back(Completion { id, outcome: OpResult::Http(Err(failure)) }),
            Ok(prepared) => {
                self.started += 1;
                let (client, policy, allow) = (self.client.clone(), self.policy.clone(), self.allow.clone());
                self.in_flight.spawn(async move {
                    let result = perform(&client, &policy, &allow, prepared).await;
                    Completion { id, outcome: OpResult::Http(result) }
                });
            }
        }
        id
    }

    /// Waits for at least one completion, then returns all that are ready.
    /// Empty when nothing is pending.
    pub(crate) async fn wait(&mut self) -> Vec<Completion> {
        let mut done: Vec<Completion> = self.ready.drain(..).collect();
        if done.is_empty() {
            match self.in_flight.join_next().await {
                Some(joined) => done.push(joined_completion(joined)),
                None => return done,
            }
        }
        while let Some(joined) = self.in_flight.try_join_next() {
            done.push(joined_completion(joined));
        }
        done
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
        self.allow.check(&url).map_err(|message| failure("network-denied", message))?;
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
        Ok(Prepared { method, url, headers, body: request.body })
    }
}

fn joined_completion(joined: Result<Completion, tokio::task::JoinError>) -> Completion {
    joined.unwrap_or_else(|e| {
        // Only a panic can get here (the set is never cancelled while waited on).
        tracing::error!("jsbox request task failed: {e}");
        Completion { id: u32::MAX, outcome: OpResult::Http(Err(failure("io", "request task failed".into()))) }
    })
}

struct Prepared {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
}

fn failure(kind: &str, message: String) -> HttpError {
    HttpError { kind: kind.into(), message }
}

/// Sends the request, following redirects itself so that every hop passes the
/// allow-list, and reads the body up to the size cap.
async fn perform(
    client: &reqwest::Client,
    policy: &NetworkPolicy,
    allow: &AllowList,
    mut request: Prepared,
) -> Result<HttpResponse, HttpError> {
    let mut hops = 0;
    loop {
        let mut builder =
            client.request(request.method.clone(), request.url.clone()).headers(request.headers.clone());
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response =
            builder.timeout(policy.request_timeout).send().await.map_err(|e| send_failure(&e))?;
        let status = response.status();
        let location = response.headers().get(LOCATION).and_then(|l| l.to_str().ok()).map(str::to_owned);
        if let (true, Some(location)) = (status.is_redirection(), location) {
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
            allow.check(&next).map_err(|message| failure("network-denied", format!("redirect to {message}")))?;
            if next.origin() != request.url.origin() {
                // Credentials are for the origin the script named, not for
                // wherever it redirects.
                for name in [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION] {
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
        return read_response(response, policy.max_response_bytes).await;
    }
}

async fn read_response(mut response: reqwest::Response, cap: u64) -> Result<HttpResponse, HttpError> {
    let too_large = || failure("too-large", format!("response too large: more than {cap} bytes"));
    if response.content_length().is_some_and(|len| len > cap) {
        return Err(too_large());
    }
    let status = response.status().as_u16();
    let url = response.url().to_string();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| send_failure(&e))? {
        if body.len() as u64 + chunk.len() as u64 > cap {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(HttpResponse { status, url, headers, body })
}

fn send_failure(error: &reqwest::Error) -> HttpError {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else {
        "io"
    };
    // reqwest's own text repeats the URL; the innermost cause says what
    // actually happened (refused, reset, ...).
    let mut root: &dyn std::error::Error = error;
    while let Some(cause) = root.source() {
        root = cause;
    }
    let message = match kind {
        "timeout" => "request timed out".to_string(),
        "connect" => format!("connection failed: {root}"),
        _ => format!("{root}"),
    };
    failure(kind, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow(entries: &[&str]) -> AllowList {
        AllowList::parse(&entries.iter().map(|e| e.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn check(list: &AllowList, url: &str) -> Result<(), String> {
        list.check(&Url::parse(url).unwrap())
    }

    #[test]
    fn empty_list_denies_everything() {
        let list = allow(&[]);
        assert!(check(&list, "http://127.0.0.1/").unwrap_err().starts_with("host not allowed: 127.0.0.1:80"));
    }

    #[test]
    fn host_without_port_allows_any_port() {
        let list = allow(&["api.example.com"]);
        assert!(check(&list, "https://api.example.com/x").is_ok());
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
    fn other_schemes_are_denied() {
        let list = allow(&["example.com"]);
        assert!(check(&list, "ftp://example.com/").unwrap_err().starts_with("scheme not allowed"));
        assert!(check(&list, "file:///etc/passwd").is_err());
    }

    #[test]
    fn entries_that_are_not_hosts_are_rejected() {
        for bad in ["", "http://example.com", "example.com/path", "user@example.com", "example.com:99999"] {
            let err = AllowList::parse(&[bad.to_string()]).unwrap_err();
            assert_eq!(err.kind(), "invalid-policy", "{bad:?}");
        }
    }
}
