//! What one execution may use, as one serializable value: limits, network
//! access and secrets, helpers and modules. Built in code with the builder
//! methods, or read from JSON/TOML.
//!
//! Pure data and its validation: the capabilities that enforce each part
//! (`crate::network`, `crate::helpers`, `crate::modules`) import from here,
//! never the reverse.

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub(crate) mod ceiling;
pub(crate) mod helpers;
pub(crate) mod hosts;
pub(crate) mod modules;
pub(crate) mod network;
pub(crate) mod secrets;

use crate::error::Error;
use crate::units::size;
use helpers::HelperPolicy;
use modules::ModulePolicy;
use hosts::AllowList;
use network::NetworkPolicy;
use secrets::{Secret, Secrets};

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
    /// In a durable run ([`Engine::run_durable`](crate::Engine::run_durable)):
    /// when everything the script awaits is a timer at least this far away
    /// (and helper calls answered later), the execution is suspended to the
    /// store instead of waiting in memory. Default: none (timers are always
    /// awaited in memory; only helper calls answered later suspend).
    #[serde(default, with = "humantime_serde", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "30s"))]
    pub suspend_timers_after: Option<Duration>,
    /// The longest a durable execution may stay suspended, all suspensions
    /// together; past it, resuming is `continuation-expired`. Default 7 days.
    #[serde(with = "humantime_serde")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "7days"))]
    pub max_suspended: Duration,
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
            suspend_timers_after: None,
            max_suspended: Duration::from_secs(7 * 24 * 3600),
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
        self.check().map_err(Error::clipped)
    }

    fn check(&self) -> Result<(AllowList, Secrets), Error> {
        if self.timeout.is_zero() {
            return Err(Error::InvalidPolicy { message: "timeout must be greater than zero".into() });
        }
        // A deadline is an `Instant`: a bound keeps `now + timeout` from
        // overflowing ("500000000000years" parses).
        for (field, value) in [
            ("timeout", self.timeout),
            ("network.request_timeout", self.network.request_timeout),
            ("max_suspended", self.max_suspended),
        ] {
            if value > MAX_TIMEOUT {
                return Err(Error::InvalidPolicy {
                    message: format!(
                        "{field} of {} is above the most jsbox allows ({})",
                        humantime::format_duration(value),
                        humantime::format_duration(MAX_TIMEOUT)
                    ),
                });
            }
        }
        self.helpers.validate()?;
        let allow = AllowList::parse(&self.network)?;
        let secrets = Secrets::resolve(&self.network.secrets, &allow)?;
        Ok((allow, secrets))
    }
}

/// The longest `timeout` (and `network.request_timeout`) a policy may set.
const MAX_TIMEOUT: Duration = Duration::from_secs(30 * 24 * 3600);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_bounded() {
        let far = Policy::default().timeout(Duration::from_secs(500_000_000_000 * 31_557_600));
        assert!(far.validate().unwrap_err().to_string().contains("above the most jsbox allows (30days)"), "{far:?}");
        let mut slow = Policy::default();
        slow.network.request_timeout = Duration::MAX;
        assert_eq!(slow.validate().unwrap_err().kind(), "invalid-policy");
        assert!(Policy::default().timeout(MAX_TIMEOUT).validate().is_ok());
    }

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
