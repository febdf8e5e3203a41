//! The host-entry syntax shared by `allow_hosts` and secrets' `hosts`
//! (`host`, `host:port`, `[v6]:port`, `*`, `*.domain`), parsed once into
//! entries that match a request's host and port.

use reqwest::Url;

use crate::error::Error;

/// What an allow-list entry's host part matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// Exactly this host (a name or an IP literal), as the operator listed it.
    Exact(String),
    /// `*.example.com`: any name ending in `.example.com` (not the apex).
    Suffix(String),
    /// `*`: any host.
    Any,
}

/// One allow-list entry: a host pattern, and a port when the entry names one.
/// (Secrets name their hosts with the same syntax.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) pattern: Pattern,
    pub(crate) port: Option<u16>,
}

impl Entry {
    /// Whether a request to `host` (lowercase, IPv6 in brackets) on `port`
    /// matches this entry.
    pub(crate) fn matches(&self, host: &str, port: u16) -> bool {
        self.port.is_none_or(|p| p == port)
            && match &self.pattern {
                Pattern::Any => true,
                Pattern::Suffix(suffix) => host.ends_with(suffix.as_str()),
                Pattern::Exact(exact) => exact == host,
            }
    }

    /// Whether every host and port `self` matches, `other` matches too.
    pub(crate) fn covered_by(&self, other: &Entry) -> bool {
        let port_ok = match (other.port, self.port) {
            (None, _) => true,
            (Some(p), Some(q)) => p == q,
            (Some(_), None) => false,
        };
        port_ok
            && match (&other.pattern, &self.pattern) {
                (Pattern::Any, _) => true,
                (Pattern::Suffix(s), Pattern::Exact(h) | Pattern::Suffix(h)) => h.ends_with(s.as_str()),
                (Pattern::Exact(a), Pattern::Exact(b)) => a == b,
                _ => false,
            }
    }
}

/// The host (lowercase) and port a URL goes to, as entries match them.
pub(crate) fn host_and_port(url: &Url) -> (String, u16) {
    (url.host_str().unwrap_or_default().to_ascii_lowercase(), url.port_or_known_default().unwrap_or_default())
}

/// The parsed `allow_hosts` and `schemes` of a [`NetworkPolicy`].
#[derive(Debug, Clone, Default)]
pub(crate) struct AllowList {
    pub(crate) entries: Vec<Entry>,
    pub(crate) schemes: Vec<String>,
}

impl AllowList {
    /// Whether some entry covers every host and port of `entry`.
    pub(crate) fn covers(&self, entry: &Entry) -> bool {
        self.entries.iter().any(|allowed| entry.covered_by(allowed))
    }
}

/// `host`, `host:port`, `[v6]`, `[v6]:port`, a bare IPv6 address, `*`,
/// `*:port`, `*.domain` or `*.domain:port`.
pub(crate) fn parse_entry(entry: &str) -> Result<Entry, Error> {
    let invalid = |why: &str| Error::InvalidPolicy { message: format!("allowed host {entry:?}: {why}") };
    let text = entry.trim();
    if text.is_empty() || text.contains('/') || text.contains('@') {
        return Err(invalid("expected host or host:port, without scheme or path"));
    }
    if text.parse::<std::net::Ipv6Addr>().is_ok() {
        return Ok(Entry { pattern: Pattern::Exact(format!("[{}]", text.to_ascii_lowercase())), port: None });
    }
    // Wildcards are parsed with a placeholder label so that the URL parser
    // normalises the rest exactly as it will for requests.
    const LABEL: &str = "jsbox-wildcard";
    let wildcard = text == "*" || text.starts_with("*:") || text.starts_with("*.");
    let after_first = &text[text.chars().next().map_or(0, char::len_utf8)..];
    if after_first.contains('*') || (text.starts_with('*') && !wildcard) {
        return Err(invalid("a wildcard must be `*` or a leading `*.`"));
    }
    let spelled = if wildcard { text.replacen('*', LABEL, 1) } else { text.to_string() };
    let url = Url::parse(&format!("http://{spelled}/")).map_err(|e| invalid(&e.to_string()))?;
    let host = url.host_str().ok_or_else(|| invalid("no host"))?.to_ascii_lowercase();
    let explicit_port = text.rsplit_once(':').is_some_and(|(_, p)| !p.ends_with(']'));
    let port = if explicit_port { Some(url.port().unwrap_or(80)) } else { None };
    let pattern = match host.strip_prefix(LABEL) {
        Some("") => Pattern::Any,
        Some(suffix) => Pattern::Suffix(suffix.to_string()),
        None => Pattern::Exact(host),
    };
    Ok(Entry { pattern, port })
}
