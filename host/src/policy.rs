//! What one execution may use: limits and network access, as one serializable
//! value. Built in code with the builder methods, or read from JSON/TOML.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::helpers::HelperPolicy;
use crate::modules::ModulePolicy;
use crate::net::AllowList;
use crate::secrets::{Secret, Secrets};

/// Limits and network access for one execution. Defaults are deny-by-default
/// and safe for untrusted code: see each field.
///
/// ```
/// use std::time::Duration;
/// let policy = jsbox::Policy::default()
///     .memory(32 << 20)
///     .timeout(Duration::from_secs(5))
///     .allow_host("api.example.com");
/// assert_eq!(policy.memory, 32 << 20);
///
/// // The same value as JSON: sizes take numbers or strings like "32MiB",
/// // durations strings like "5s" or "500ms".
/// let from_json: jsbox::Policy = serde_json::from_str(
///     r#"{"memory": "32MiB", "timeout": "5s", "network": {"allow_hosts": ["api.example.com"]}}"#,
/// ).unwrap();
/// assert_eq!(from_json, policy);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Linear memory the sandbox may use, in bytes. Default 64 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "64MiB"))]
    pub memory: u64,
    /// Deterministic CPU budget in fuel units (≈ one per Wasm instruction).
    /// Default: none (only the timeout bounds CPU).
    pub fuel: Option<u64>,
    /// Wall-clock limit for the whole execution, including time spent
    /// awaiting HTTP responses. Default 10 s.
    #[serde(with = "humantime_serde")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10s"))]
    pub timeout: Duration,
    /// Bytes of log output (`log`, `console.*`, a line's text plus one)
    /// one execution may write. Going past it ends the execution with
    /// `output-limit`; the lines before it reach the log sink. Default 1 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1MiB"))]
    pub max_log_bytes: u64,
    /// Log lines one execution may write, so a flood of tiny lines ends
    /// quickly too. Going past it ends the execution with `output-limit`.
    /// Default 10,000.
    pub max_log_lines: u64,
    /// Largest result, as JSON text. A larger one ends the execution with
    /// `output-limit`. Default 10 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1MiB"))]
    pub max_result_bytes: u64,
    /// Network access. Default: none.
    pub network: NetworkPolicy,
    /// The embedder's helpers this execution may call, and their limits.
    /// Default: none.
    pub helpers: HelperPolicy,
    /// The platform modules this execution may import. Default: none.
    pub modules: ModulePolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            memory: 64 << 20,
            fuel: None,
            timeout: Duration::from_secs(10),
            max_log_bytes: 1 << 20,
            max_log_lines: 10_000,
            max_result_bytes: 10 << 20,
            network: NetworkPolicy::default(),
            helpers: HelperPolicy::default(),
            modules: ModulePolicy::default(),
        }
    }
}

impl Policy {
    /// Sets the memory limit in bytes.
    ///
    /// ```
    /// assert_eq!(jsbox::Policy::default().memory(16 << 20).memory, 16 << 20);
    /// ```
    pub fn memory(mut self, bytes: u64) -> Self {
        self.memory = bytes;
        self
    }

    /// Sets a fuel budget (deterministic CPU limit).
    ///
    /// ```
    /// assert_eq!(jsbox::Policy::default().fuel(5_000_000).fuel, Some(5_000_000));
    /// ```
    pub fn fuel(mut self, units: u64) -> Self {
        self.fuel = Some(units);
        self
    }

    /// Sets the wall-clock timeout.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let policy = jsbox::Policy::default().timeout(Duration::from_millis(500));
    /// assert_eq!(policy.timeout, Duration::from_millis(500));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Allows requests to `host` (any port) or `host:port`. IPv6 addresses
    /// go in brackets: `[::1]:8080`.
    ///
    /// ```
    /// let policy = jsbox::Policy::default().allow_host("127.0.0.1:8080");
    /// assert_eq!(policy.network.allow_hosts, ["127.0.0.1:8080"]);
    /// ```
    pub fn allow_host(mut self, host: impl Into<String>) -> Self {
        self.network.allow_hosts.push(host.into());
        self
    }

    /// Makes the registered helper `name` (or every helper under `prefix.*`)
    /// visible to the execution.
    ///
    /// ```
    /// let policy = jsbox::Policy::default().allow_helper("crm.*");
    /// assert_eq!(policy.helpers.allow, ["crm.*"]);
    /// ```
    pub fn allow_helper(mut self, name: impl Into<String>) -> Self {
        self.helpers.allow.push(name.into());
        self
    }

    /// Makes the registered platform module `name` importable (or every
    /// module under a scope, `@acme/*`; or all, `*`).
    ///
    /// ```
    /// let policy = jsbox::Policy::default().allow_module("lodash");
    /// assert_eq!(policy.modules.allow, ["lodash"]);
    /// ```
    pub fn allow_module(mut self, name: impl Into<String>) -> Self {
        self.modules.allow.push(name.into());
        self
    }

    /// Adds a secret: the script gets the placeholder `{{secrets.NAME}}`
    /// (and `secrets.NAME`), the host puts the value in on the way to the
    /// secret's hosts only. See [`Secret`].
    ///
    /// ```
    /// let policy = jsbox::Policy::default()
    ///     .allow_host("api.example.com")
    ///     .secret("API_TOKEN", jsbox::Secret::env("API_TOKEN").host("api.example.com"));
    /// assert!(policy.network.secrets.contains_key("API_TOKEN"));
    /// ```
    pub fn secret(mut self, name: impl Into<String>, secret: Secret) -> Self {
        self.network.secrets.insert(name.into(), secret);
        self
    }

    /// Checks the policy, e.g. that every allow-list entry parses.
    ///
    /// ```
    /// assert!(jsbox::Policy::default().allow_host("api.example.com").validate().is_ok());
    /// assert_eq!(jsbox::Policy::default().allow_host("http://x/").validate().unwrap_err().kind(), "invalid-policy");
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.checked().map(drop)
    }

    /// Validates and returns the parsed allow-list and the secrets with
    /// their values, so an execution parses them once.
    pub(crate) fn checked(&self) -> Result<(AllowList, Secrets), Error> {
        if self.timeout.is_zero() {
            return Err(Error::InvalidPolicy { message: "timeout must be greater than zero".into() });
        }
        self.helpers.validate()?;
        let allow = AllowList::parse(&self.network)?;
        let secrets = Secrets::resolve(&self.network.secrets, &allow)?;
        Ok((allow, secrets))
    }
}

/// Which hosts a script may reach, and how much it may ask of them.
///
/// ```
/// let network = jsbox::NetworkPolicy::default();
/// assert!(network.allow_hosts.is_empty()); // nothing is reachable by default
/// assert_eq!(network.max_response_bytes, 10 << 20);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NetworkPolicy {
    /// Who may be reached; empty denies everything. `host` (any port),
    /// `host:port`, `[::1]:8080`: reached as listed, even on loopback or a
    /// private network. `*.example.com` (subdomains) and `*` (anything), with
    /// an optional `:port`: only public addresses, checked on the resolved
    /// address at connect time and on every redirect hop.
    pub allow_hosts: Vec<String>,
    /// URL schemes allowed: `http`, `https`. Default both.
    pub schemes: Vec<String>,
    /// Requests being sent, or holding a response the script has not
    /// received yet (so host-side buffering stays within
    /// `max_in_flight × max_response_bytes`); more wait their turn. Default 16.
    pub max_in_flight: u32,
    /// Largest request body. Default 10 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1MiB"))]
    pub max_request_bytes: u64,
    /// Requests one execution may start. Default 100.
    pub max_requests: u32,
    /// Redirects followed per request, each hop checked against the
    /// allow-list. Default 5.
    pub max_redirects: u32,
    /// Largest response body read; a larger one fails the request (never
    /// silently truncated). Default 10 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1MiB"))]
    pub max_response_bytes: u64,
    /// Time limit of one request, within the execution's timeout. Default 30 s.
    #[serde(with = "humantime_serde")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "30s"))]
    pub request_timeout: Duration,
    /// Credentials the script can use but never see, by name: the script
    /// holds `{{secrets.NAME}}`, the host puts the value in on the way to
    /// the secret's hosts. Default: none.
    pub secrets: BTreeMap<String, Secret>,
}

impl Default for NetworkPolicy {
    fn default() -> Self {
        NetworkPolicy {
            allow_hosts: Vec::new(),
            schemes: vec!["http".into(), "https".into()],
            max_in_flight: 16,
            max_request_bytes: 10 << 20,
            max_requests: 100,
            max_redirects: 5,
            max_response_bytes: 10 << 20,
            request_timeout: Duration::from_secs(30),
            secrets: BTreeMap::new(),
        }
    }
}

/// Parses a size like `32MiB`, `512KiB`, `1GB` or a plain number of bytes.
///
/// ```
/// assert_eq!(jsbox::parse_size("32MiB"), Ok(32 << 20));
/// assert_eq!(jsbox::parse_size("4096"), Ok(4096));
/// assert!(jsbox::parse_size("lots").is_err());
/// ```
pub fn parse_size(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<bytesize::ByteSize>()
        .map(|size| size.as_u64())
        .map_err(|e| format!("invalid size {text:?} ({e}); use e.g. 32MiB, 512KiB or a number of bytes"))
}

/// A size as error messages show it: `16.0 MiB` (the inverse of [`parse_size`]).
pub(crate) fn display_size(bytes: u64) -> impl std::fmt::Display {
    bytesize::ByteSize::b(bytes).display().iec()
}

/// Serde for sizes as the policy reads them — a number of bytes, or a
/// string for [`parse_size`] — for an embedder's own configuration types.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Settings {
///     #[serde(with = "jsbox::size")]
///     max_body: u64,
/// }
/// let settings: Settings = serde_json::from_str(r#"{"max_body": "4MiB"}"#).unwrap();
/// assert_eq!(settings.max_body, 4 << 20);
/// ```
pub mod size {
    use serde::{Deserialize, Deserializer, Serializer, de};

    /// Writes the number of bytes.
    pub fn serialize<S: Serializer>(bytes: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(*bytes)
    }

    /// Reads a number of bytes, or a string like `32MiB`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Size {
            Bytes(u64),
            Text(String),
        }
        match Size::deserialize(deserializer)? {
            Size::Bytes(bytes) => Ok(bytes),
            Size::Text(text) => super::parse_size(&text).map_err(de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let policy = Policy::default().memory(1 << 20).fuel(10).allow_host("[::1]:80");
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(serde_json::from_str::<Policy>(&json).unwrap(), policy);
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<Policy>(r#"{"memroy": 5}"#).is_err());
    }
}
