//! Helpers as policy data: which of the embedder's helpers an execution
//! sees, its operator endpoints, its limits, and what a helper may be named
//! (never a global of the sandbox). The helpers capability
//! (`crate::helpers`) registers, resolves and calls them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::units::size;

/// The sandbox's globals, as `make guest` listed them from the guest it
/// built (`Object.getOwnPropertyNames(globalThis)` before a script runs; a
/// test checks the list against a live sandbox): no helper may take one.
const GLOBALS: &str = include_str!("../../prebuilt/jsbox-guest.globals");

/// Names scripts expect to mean the platform's own things, though they are
/// not globals here (Node's, browsers', and jsbox's per-execution ones).
const ALSO_RESERVED: &[&str] = &[
    "Atomics",
    "FinalizationRegistry",
    "WeakRef",
    "WebAssembly",
    "execute",
    "exports",
    "import",
    "module",
    "navigator",
    "process",
    "require",
    "secrets",
    "self",
    "window",
];

/// Whether `name` is a global of the sandbox, or reserved like one. Every
/// execution's policy is validated, so the list is a set built once rather
/// than the text scanned per helper name.
fn reserved(name: &str) -> bool {
    static RESERVED: std::sync::LazyLock<std::collections::HashSet<&'static str>> = std::sync::LazyLock::new(|| {
        GLOBALS.lines().filter(|global| !global.starts_with('#')).chain(ALSO_RESERVED.iter().copied()).collect()
    });
    RESERVED.contains(name)
}

/// Parts of a dotted name: JavaScript identifiers (ASCII), at most 8 parts
/// and 128 bytes, the first not a global of the sandbox.
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > 128 {
        return Err("a helper name has 1 to 128 characters".into());
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() > 8 {
        return Err("a helper name has at most 8 dotted parts".into());
    }
    for part in &parts {
        let mut chars = part.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$');
        if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            return Err("expected dotted JavaScript identifiers, like crm.lookup".into());
        }
        if matches!(*part, "__proto__" | "prototype" | "constructor") {
            return Err(format!("{part:?} is not allowed in a helper name"));
        }
    }
    if reserved(parts[0]) {
        return Err(format!("{:?} is a global of the sandbox; choose a namespace of your own", parts[0]));
    }
    Ok(())
}

/// Which helpers one execution may call, and how much. Part of the
/// [`Policy`](crate::Policy) (`helpers`); the defaults see no helper at all.
///
/// ```
/// let policy: jsbox::Policy = serde_json::from_str(r#"{
///     "helpers": {"allow": ["crm.*", "tools.search"], "max_calls": 50, "max_args_bytes": "64KiB"}
/// }"#).unwrap();
/// assert_eq!(policy.helpers.allow, ["crm.*", "tools.search"]);
/// assert_eq!(policy.helpers.max_in_flight, 16); // the default
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct HelperPolicy {
    /// Registered helpers this execution sees: names (`crm.lookup`) or
    /// prefixes (`crm.*`, every helper under `crm.`). Default: none. A name
    /// or prefix that matches no registered helper is `invalid-policy`.
    pub allow: Vec<String>,
    /// Async helpers served by the operator's HTTP endpoints, name → URL
    /// (the CLI's `--helper NAME=URL`); always visible. Each call is
    /// `POST URL` with `{"helper": NAME, "args": [...]}` and the header
    /// `X-Jsbox-Execution`; a 2xx answer's body is the JSON result (empty:
    /// `null`), any other is an error whose message is the body's `error`
    /// field or its text. The network allow-list does not apply (the
    /// endpoint is the operator's, not the script's); the execution's
    /// deadline and these limits do.
    pub endpoints: BTreeMap<String, String>,
    /// Helper calls one execution may make (refused ones count too).
    /// Default 1,000.
    pub max_calls: u32,
    /// Largest arguments of one call, as JSON text. Default 1 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1MiB"))]
    pub max_args_bytes: u64,
    /// Largest result of one call, as JSON text. Default 10 MiB.
    #[serde(with = "size")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1MiB"))]
    pub max_result_bytes: u64,
    /// Async calls running at once; more wait their turn. Default 16.
    pub max_in_flight: u32,
}

impl Default for HelperPolicy {
    fn default() -> Self {
        HelperPolicy {
            allow: Vec::new(),
            endpoints: BTreeMap::new(),
            max_calls: 1_000,
            max_args_bytes: 1 << 20,
            max_result_bytes: 10 << 20,
            max_in_flight: 16,
        }
    }
}

impl HelperPolicy {
    /// Checks what can be checked without a registry: patterns and endpoints.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        let invalid = |message: String| Error::InvalidPolicy { message };
        for entry in &self.allow {
            let name = entry.strip_suffix(".*").unwrap_or(entry);
            check_name(name).map_err(|why| invalid(format!("helpers.allow {entry:?}: {why}")))?;
        }
        for (name, url) in &self.endpoints {
            check_name(name).map_err(|why| invalid(format!("helpers.endpoints {name:?}: {why}")))?;
            endpoint_url(url).map_err(|why| invalid(format!("helpers.endpoints {name:?}: {why}")))?;
        }
        Ok(())
    }
}

pub(crate) fn endpoint_url(text: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text).map_err(|e| format!("invalid endpoint URL {text:?}: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("endpoint URL {text:?}: expected an http or https URL"));
    }
    Ok(url)
}
