//! Secrets as policy data: each secret's name, value (or the environment
//! variable holding it) and the hosts it belongs to, checked and resolved
//! into the table an execution uses. Putting values into requests and
//! redacting them from responses is the network capability's
//! (`crate::network::secrets`, whose docs say what a script can learn).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use reqwest::header::HeaderValue;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Error;
use crate::policy::hosts::{AllowList, Entry, parse_entry};

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

/// `[A-Za-z_][A-Za-z0-9_]*`, at most [`MAX_NAME_BYTES`].
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= MAX_NAME_BYTES
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(is_name_char)
}

pub(crate) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Longest name: a placeholder stays short, so redacting a value never
/// makes a response much longer than the value made it.
pub(crate) const MAX_NAME_BYTES: usize = 128;

/// Longest value accepted (a credential, not a payload).
const MAX_VALUE_BYTES: usize = 64 << 10;

/// The secrets of one execution, with their values.
#[derive(Clone, Default)]
pub(crate) struct Secrets(pub(crate) Arc<Resolution>);

#[derive(Default)]
pub(crate) struct Resolution {
    /// Longest values first, so a value inside another is redacted last.
    pub(crate) list: Vec<Resolved>,
    /// Name → index in `list`.
    pub(crate) by_name: std::collections::HashMap<String, usize>,
}

pub(crate) struct Resolved {
    pub(crate) name: String,
    /// `{{secrets.NAME}}`.
    pub(crate) placeholder: String,
    pub(crate) value: String,
    /// Whether the value may go in a header (no control characters).
    pub(crate) header_safe: bool,
    /// The value as it goes into a URL (percent-encoded), redacted too.
    pub(crate) url_value: String,
    pub(crate) hosts: Vec<Entry>,
    pub(crate) hosts_text: String,
}

/// What a value percent-encodes in a URL: everything but RFC 3986's
/// unreserved characters.
const URL_ENCODE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

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
                return Err(invalid(name, format!("a name is [A-Za-z_][A-Za-z0-9_]*, at most {MAX_NAME_BYTES} bytes")));
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
            let header_safe = HeaderValue::from_bytes(value.as_bytes()).is_ok();
            let url_value = percent_encoding::utf8_percent_encode(&value, URL_ENCODE).to_string();
            let hosts_text = secret.hosts.join(", ");
            resolved.push(Resolved {
                name: name.clone(),
                placeholder,
                value,
                header_safe,
                url_value,
                hosts,
                hosts_text,
            });
        }
        resolved.sort_by_key(|secret| std::cmp::Reverse(secret.value.len()));
        let by_name = resolved.iter().enumerate().map(|(i, secret)| (secret.name.clone(), i)).collect();
        Ok(Secrets(Arc::new(Resolution { list: resolved, by_name })))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.list.is_empty()
    }

    /// The secrets' names, for the script's `secrets` global.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.0.list.iter().map(|s| s.name.as_str())
    }
}
