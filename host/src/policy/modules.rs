//! Platform modules as policy data: which of the registered modules an
//! execution may import. The modules capability (`crate::modules`)
//! registers, resolves and serves them.

use serde::{Deserialize, Serialize};

/// Which platform modules an execution may import.
///
/// ```
/// let policy: jsbox::Policy = serde_json::from_str(r#"{"modules": {"allow": ["lodash", "@acme/*"]}}"#).unwrap();
/// assert_eq!(policy.modules.allow, ["lodash", "@acme/*"]);
/// assert!(jsbox::Policy::default().modules.allow.is_empty()); // none by default
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ModulePolicy {
    /// Registered modules this execution may import: names (`lodash`),
    /// scopes (`@acme/*`, every module under `@acme/`) or `*` (all).
    /// Default: none. An entry that matches no registered module is
    /// `invalid-policy`.
    pub allow: Vec<String>,
}
