//! Network access as policy data: who may be reached (`allow_hosts`,
//! `schemes`, parsed into an [`AllowList`]) and how much may be asked of
//! them, and the secrets that may go along. The network capability
//! (`crate::network`) enforces it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::policy::hosts::{AllowList, parse_entry};
use crate::policy::secrets::Secret;
use crate::units::size;

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

impl AllowList {
    /// The parsed `allow_hosts` and `schemes` of `policy`.
    pub(crate) fn parse(policy: &NetworkPolicy) -> Result<Self, Error> {
        let entries = policy.allow_hosts.iter().map(|e| parse_entry(e)).collect::<Result<_, _>>()?;
        let schemes: Vec<String> = policy.schemes.iter().map(|s| s.trim().to_ascii_lowercase()).collect();
        if let Some(bad) = schemes.iter().find(|s| !matches!(s.as_str(), "http" | "https")) {
            return Err(Error::InvalidPolicy { message: format!("scheme {bad:?}: only http and https are supported") });
        }
        Ok(AllowList { entries, schemes })
    }
}
