//! Secrets a script can use but never see. The policy names each secret, its
//! value (or the host environment variable holding it) and the hosts it
//! belongs to. The script only ever holds the placeholder
//! `{{secrets.NAME}}`; the host puts the value in, per request and per
//! redirect hop, just before sending to one of the secret's hosts, refuses to
//! send a placeholder anywhere else, and replaces the value by its
//! placeholder wherever it appears in a response before the script gets it.
//!
//! What this does not protect against: a host the secret is sent to that
//! reflects it in another form than verbatim (encoded, split, transformed).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderValue};
use serde::{Deserialize, Deserializer, Serialize};

use crate::Error;
use crate::net::{AllowList, Entry, host_and_port, parse_entry};

/// A secret's value: never shown by `Debug`, never serialized.
///
/// ```
/// let value = jsbox::SecretValue::new("s3cr3t");
/// assert_eq!(format!("{value:?}"), "[redacted]");
/// assert_eq!(value.expose(), "s3cr3t");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SecretValue(String);

impl SecretValue {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        SecretValue(value.into())
    }

    /// The value itself (for the embedder's own use; jsbox never shows it).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<'de> Deserialize<'de> for SecretValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretValue)
    }
}

/// One secret of the [network policy](crate::NetworkPolicy::secrets): the
/// hosts it may be sent to, and where its value comes from — `value`, or
/// `env` (read from the host's environment when the policy is checked).
/// Serializing a policy never writes a `value` (only `env` references
/// survive), and `Debug` shows `[redacted]`.
///
/// ```
/// let policy = jsbox::Policy::default()
///     .allow_host("api.example.com")
///     .secret("API_TOKEN", jsbox::Secret::value("t0ken").host("api.example.com"));
/// assert!(!format!("{policy:?}").contains("t0ken"));
/// assert!(!serde_json::to_string(&policy).unwrap().contains("t0ken"));
///
/// let from_json: jsbox::Policy = serde_json::from_str(r#"{"network": {
///     "allow_hosts": ["api.example.com"],
///     "secrets": {"API_TOKEN": {"hosts": ["api.example.com"], "env": "API_TOKEN"}}
/// }}"#).unwrap();
/// assert_eq!(from_json.network.secrets["API_TOKEN"].env.as_deref(), Some("API_TOKEN"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Secret {
    /// Where the value may go, in the allow-list's entry syntax
    /// (`api.example.com`, `api.example.com:443`, `*.example.com`); each
    /// must also be reachable under `allow_hosts`.
    pub hosts: Vec<String>,
    /// The value itself. Never serialized.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, write_only))]
    pub value: Option<SecretValue>,
    /// The host environment variable holding the value; a missing variable
    /// is `invalid-policy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
}

impl Secret {
    /// A secret with this value and no hosts yet.
    ///
    /// ```
    /// let secret = jsbox::Secret::value("t0ken").host("api.example.com");
    /// assert_eq!(secret.hosts, ["api.example.com"]);
    /// ```
    pub fn value(value: impl Into<String>) -> Self {
        Secret { hosts: Vec::new(), value: Some(SecretValue::new(value)), env: None }
    }

    /// A secret whose value is the host environment variable `var`.
    ///
    /// ```
    /// let secret = jsbox::Secret::env("DATTO_TOKEN").host("api.datto.com");
    /// assert_eq!(secret.env.as_deref(), Some("DATTO_TOKEN"));
    /// ```
    pub fn env(var: impl Into<String>) -> Self {
        Secret { hosts: Vec::new(), value: None, env: Some(var.into()) }
    }

    /// Adds a host the secret may be sent to.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.hosts.push(host.into());
        self
    }
}

/// The placeholder the script uses for secret `name`.
///
/// ```
/// assert_eq!(jsbox::placeholder("DATTO_TOKEN"), "{{secrets.DATTO_TOKEN}}");
/// ```
pub fn placeholder(name: &str) -> String {
    format!("{{{{secrets.{name}}}}}")
}

/// `[A-Za-z_][A-Za-z0-9_]*`.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Longest value accepted (a credential, not a payload).
const MAX_VALUE_BYTES: usize = 64 << 10;

/// The secrets of one execution, with their values.
#[derive(Clone, Default)]
pub(crate) struct Secrets(Arc<[Resolved]>);

struct Resolved {
    name: String,
    /// `{{secrets.NAME}}`.
    placeholder: String,
    /// The placeholder as a URL path carries it: `%7B%7Bsecrets.NAME%7D%7D`.
    encoded: String,
    value: String,
    /// The value as it goes into a URL (percent-encoded), redacted too.
    url_value: String,
    hosts: Vec<Entry>,
    hosts_text: String,
}

/// What a value percent-encodes in a URL: everything but RFC 3986's
/// unreserved characters.
const URL_ENCODE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// One request hop with the values put in.
pub(crate) struct Hop {
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Vec<u8>>,
}

impl Secrets {
    /// Checks the policy's secrets against its allow-list and reads their
    /// values (from the environment for `env` ones).
    pub(crate) fn resolve(secrets: &BTreeMap<String, Secret>, allow: &AllowList) -> Result<Secrets, Error> {
        if secrets.is_empty() {
            return Ok(Secrets::default());
        }
        let invalid = |name: &str, why: String| Error::InvalidPolicy { message: format!("secret {name:?}: {why}") };
        let mut resolved = Vec::with_capacity(secrets.len());
        for (name, secret) in secrets {
            if !valid_name(name) {
                return Err(invalid(name, "a name is [A-Za-z_][A-Za-z0-9_]*".into()));
            }
            let value = match (&secret.value, &secret.env) {
                (Some(value), None) => value.0.clone(),
                (None, Some(var)) => std::env::var(var)
                    .map_err(|_| invalid(name, format!("the environment variable {var} is not set (or not UTF-8)")))?,
                (Some(_), Some(_)) => return Err(invalid(name, "give either value or env, not both".into())),
                (None, None) => {
                    return Err(invalid(name, "no value: give value or env (values are never serialized)".into()));
                }
            };
            if value.is_empty() || value.len() > MAX_VALUE_BYTES {
                return Err(invalid(name, format!("the value must have 1 to {MAX_VALUE_BYTES} bytes")));
            }
            if secret.hosts.is_empty() {
                return Err(invalid(name, "list the hosts it may be sent to".into()));
            }
            let mut hosts = Vec::with_capacity(secret.hosts.len());
            for host in &secret.hosts {
                let entry = parse_entry(host).map_err(|e| invalid(name, format!("host {host:?}: {e}")))?;
                if !allow.covers(&entry) {
                    return Err(invalid(name, format!("host {host:?} is not reachable under allow_hosts")));
                }
                hosts.push(entry);
            }
            let placeholder = placeholder(name);
            let encoded = placeholder.replace('{', "%7B").replace('}', "%7D");
            let url_value = percent_encoding::utf8_percent_encode(&value, URL_ENCODE).to_string();
            let hosts_text = secret.hosts.join(", ");
            resolved.push(Resolved { name: name.clone(), placeholder, encoded, value, url_value, hosts, hosts_text });
        }
        // Longest values first, so a value inside another is redacted last.
        resolved.sort_by(|a, b| b.value.len().cmp(&a.value.len()));
        Ok(Secrets(resolved.into()))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The secrets' names, for the script's `secrets` global.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|s| s.name.as_str())
    }

    /// The request as it goes to `url`: every placeholder of a secret that
    /// belongs to this host replaced by its value. A placeholder of a secret
    /// that does not belong here refuses the whole request (the message
    /// names the secret and the host, never the value).
    pub(crate) fn for_hop(&self, url: &Url, headers: &HeaderMap, body: Option<&[u8]>) -> Result<Hop, String> {
        let (host, port) = host_and_port(url);
        let mut text = url.as_str().to_string();
        let mut headers = headers.clone();
        let mut body = body.map(<[u8]>::to_vec);
        for secret in self.0.iter() {
            let in_url = text.contains(&secret.placeholder) || text.contains(&secret.encoded);
            let in_headers = headers.values().any(|v| contains(v.as_bytes(), secret.placeholder.as_bytes()));
            let in_body = body.as_deref().is_some_and(|b| contains(b, secret.placeholder.as_bytes()));
            if !(in_url || in_headers || in_body) {
                continue;
            }
            if !secret.hosts.iter().any(|entry| entry.matches(&host, port)) {
                return Err(format!(
                    "the request to {host}:{port} carries the placeholder of secret {}, which may only be sent to {}",
                    secret.name, secret.hosts_text
                ));
            }
            if in_url {
                text = text.replace(&secret.placeholder, &secret.url_value).replace(&secret.encoded, &secret.url_value);
            }
            if in_headers {
                for value in headers.values_mut() {
                    if contains(value.as_bytes(), secret.placeholder.as_bytes()) {
                        let replaced =
                            replace(value.as_bytes(), secret.placeholder.as_bytes(), secret.value.as_bytes());
                        *value = HeaderValue::from_bytes(&replaced).map_err(|_| {
                            format!(
                                "the value of secret {} cannot go in a header (it has control characters)",
                                secret.name
                            )
                        })?;
                    }
                }
            }
            if let Some(bytes) = body.as_mut().filter(|_| in_body) {
                *bytes = replace(bytes, secret.placeholder.as_bytes(), secret.value.as_bytes());
            }
        }
        let url = Url::parse(&text).map_err(|e| format!("the URL with its secrets put in does not parse: {e}"))?;
        Ok(Hop { url, headers, body })
    }

    /// Whether a header value (as the script wrote it) carries a placeholder.
    pub(crate) fn carries_placeholder(&self, value: &[u8]) -> bool {
        self.0.iter().any(|secret| contains(value, secret.placeholder.as_bytes()))
    }

    /// Whether a value (in either form [`redact`](Secrets::redact) knows)
    /// appears in `text`.
    pub(crate) fn appears_in(&self, text: &str) -> bool {
        self.0.iter().any(|secret| text.contains(&secret.value) || text.contains(&secret.url_value))
    }

    /// `bytes` with every value — as is, and as jsbox percent-encoded it
    /// into URLs — replaced by its placeholder.
    pub(crate) fn redact_bytes(&self, mut bytes: Vec<u8>) -> Vec<u8> {
        for secret in self.0.iter() {
            for form in [&secret.value, &secret.url_value] {
                if contains(&bytes, form.as_bytes()) {
                    bytes = replace(&bytes, form.as_bytes(), secret.placeholder.as_bytes());
                }
            }
        }
        bytes
    }

    /// `text` with every value replaced by its placeholder (as
    /// [`redact_bytes`](Secrets::redact_bytes)).
    pub(crate) fn redact(&self, mut text: String) -> String {
        for secret in self.0.iter() {
            for form in [&secret.value, &secret.url_value] {
                if text.contains(form.as_str()) {
                    text = text.replace(form.as_str(), &secret.placeholder);
                }
            }
        }
        text
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

fn replace(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut last = 0;
    for at in memchr::memmem::find_iter(haystack, needle) {
        if at < last {
            continue;
        }
        out.extend_from_slice(&haystack[last..at]);
        out.extend_from_slice(with);
        last = at + needle.len();
    }
    out.extend_from_slice(&haystack[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NetworkPolicy;

    fn resolve(allow: &[&str], secrets: &[(&str, Secret)]) -> Result<Secrets, Error> {
        let policy = NetworkPolicy { allow_hosts: allow.iter().map(|s| s.to_string()).collect(), ..Default::default() };
        let map = secrets.iter().map(|(n, s)| (n.to_string(), s.clone())).collect();
        Secrets::resolve(&map, &AllowList::parse(&policy).unwrap())
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), HeaderValue::from_str(v).unwrap())).collect()
    }

    #[test]
    fn names_values_and_hosts_are_checked() {
        let ok = Secret::value("v").host("api.example.com");
        assert!(resolve(&["api.example.com"], &[("TOKEN_1", ok.clone())]).is_ok());
        assert!(resolve(&["*.example.com"], &[("_t", ok.clone())]).is_ok());
        assert!(resolve(&["*"], &[("T", Secret::value("v").host("*.example.com:443"))]).is_ok());
        let refused = [
            (vec!["api.example.com"], "1TOKEN", ok.clone(), "a name is"),
            (vec!["api.example.com"], "TO-KEN", ok.clone(), "a name is"),
            (vec!["other.example.com"], "T", ok.clone(), "not reachable under allow_hosts"),
            (vec!["api.example.com:443"], "T", ok.clone(), "not reachable under allow_hosts"),
            (vec!["*.example.com"], "T", Secret::value("v").host("example.com"), "not reachable"),
            (vec!["api.example.com"], "T", Secret::value("v"), "list the hosts"),
            (vec!["api.example.com"], "T", Secret::value("").host("api.example.com"), "1 to"),
            (
                vec!["api.example.com"],
                "T",
                Secret::env("JSBOX_TEST_SURELY_UNSET_VARIABLE").host("api.example.com"),
                "not set",
            ),
            (vec!["api.example.com"], "T", Secret { value: None, ..ok.clone() }, "no value"),
            (vec!["api.example.com"], "T", Secret { env: Some("X".into()), ..ok.clone() }, "not both"),
            (vec!["api.example.com"], "T", Secret::value("v").host("http://api.example.com/"), "host"),
        ];
        for (allow, name, secret, says) in refused {
            let error = resolve(&allow, &[(name, secret)]).err().expect(name);
            assert_eq!(error.kind(), "invalid-policy");
            assert!(error.to_string().contains(says), "{error}");
            assert!(!error.to_string().contains("\"v\""), "{error}");
        }
    }

    #[test]
    fn values_go_in_only_for_the_secrets_hosts() {
        let secrets = resolve(
            &["api.example.com", "evil.test"],
            &[("TOKEN", Secret::value("s3cr3t/+=").host("api.example.com"))],
        )
        .unwrap();
        let url = Url::parse("https://api.example.com/a/{{secrets.TOKEN}}/b?t={{secrets.TOKEN}}&x=1").unwrap();
        let hop = secrets
            .for_hop(
                &url,
                &headers(&[("authorization", "Bearer {{secrets.TOKEN}}")]),
                Some(b"{\"t\":\"{{secrets.TOKEN}}\"}"),
            )
            .unwrap();
        assert_eq!(hop.url.as_str(), "https://api.example.com/a/s3cr3t%2F%2B%3D/b?t=s3cr3t%2F%2B%3D&x=1");
        // The encoded form is redacted from responses too.
        assert_eq!(
            secrets.redact(hop.url.to_string()),
            "https://api.example.com/a/{{secrets.TOKEN}}/b?t={{secrets.TOKEN}}&x=1"
        );
        assert_eq!(hop.headers["authorization"], "Bearer s3cr3t/+=");
        assert_eq!(hop.body.as_deref(), Some(&b"{\"t\":\"s3cr3t/+=\"}"[..]));

        let elsewhere = Url::parse("https://evil.test/?t={{secrets.TOKEN}}").unwrap();
        for (url, headers, body) in [
            (&elsewhere, HeaderMap::new(), None),
            (&Url::parse("https://evil.test/").unwrap(), headers(&[("x", "{{secrets.TOKEN}}")]), None),
            (&Url::parse("https://evil.test/").unwrap(), HeaderMap::new(), Some(&b"{{secrets.TOKEN}}"[..])),
        ] {
            let why = secrets.for_hop(url, &headers, body).err().expect("refused");
            assert!(why.contains("secret TOKEN") && why.contains("evil.test:443"), "{why}");
            assert!(!why.contains("s3cr3t"), "{why}");
        }
        // No placeholder: nothing to refuse; unknown names are plain text.
        let plain = Url::parse("https://evil.test/?q={{secrets.OTHER}}").unwrap();
        assert_eq!(secrets.for_hop(&plain, &HeaderMap::new(), None).unwrap().url, plain);
    }

    #[test]
    fn values_are_redacted_wherever_they_appear() {
        let secrets = resolve(
            &["a.test"],
            &[("A", Secret::value("abc").host("a.test")), ("AB", Secret::value("abcdef").host("a.test"))],
        )
        .unwrap();
        assert_eq!(
            secrets.redact("x abcdef y abc z abcabc".into()),
            "x {{secrets.AB}} y {{secrets.A}} z {{secrets.A}}{{secrets.A}}"
        );
        assert_eq!(secrets.redact_bytes(b"[abc]".to_vec()), b"[{{secrets.A}}]");
    }

    #[test]
    fn a_value_that_cannot_be_a_header_value_is_refused_without_showing_it() {
        let secrets = resolve(&["a.test"], &[("T", Secret::value("bad\r\nvalue").host("a.test"))]).unwrap();
        let url = Url::parse("https://a.test/").unwrap();
        let why = secrets.for_hop(&url, &headers(&[("x", "{{secrets.T}}")]), None).err().unwrap();
        assert!(why.contains("cannot go in a header") && !why.contains("bad"), "{why}");
    }
}
