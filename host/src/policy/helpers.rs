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

/// Whether `text` is an ASCII JavaScript identifier (`crm`, `_x`, `$1`).
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
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
        if !is_identifier(part) {
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
    /// Types of endpoint helpers, name → [`HelperSchema`] (the CLI's
    /// `--helper-schema NAME=FILE`): a typed helper takes one object
    /// argument, checked against `input` before the endpoint is called, and
    /// its result is checked against `result`. Each name must be one of
    /// `endpoints`; registered helpers get theirs from
    /// [`Helpers::set_schema`](crate::Helpers::set_schema).
    pub schemas: BTreeMap<String, HelperSchema>,
}

/// A helper's types, as JSON Schema (draft 2020-12 unless the schema's
/// `$schema` names another): the one object argument it takes (`input`, as
/// MCP tools declare theirs), what it returns (`result`, optional), and a
/// description for people and models. Arguments that do not match are the
/// script's catchable `helper` error with code `invalid-args` (the message
/// names the failing path); results that do not match, `invalid-result`.
/// `jsbox types` turns it into TypeScript declarations.
///
/// The file `--helper-schema` reads has this shape:
///
/// ```
/// let schema: jsbox::HelperSchema = serde_json::from_str(r#"{
///     "description": "Looks a customer up by id.",
///     "input": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]},
///     "result": {"type": "object", "properties": {"name": {"type": "string"}}}
/// }"#).unwrap();
/// assert_eq!(schema.input["required"][0], "id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelperSchema {
    /// What the helper does (the declarations' JSDoc, an MCP tool's
    /// description).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The schema of the one argument. Default: any object.
    #[serde(default = "any_object")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub input: serde_json::Value,
    /// The schema of the result. Default: not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub result: Option<serde_json::Value>,
}

fn any_object() -> serde_json::Value {
    serde_json::json!({ "type": "object" })
}

impl HelperSchema {
    /// A schema for the argument; no result schema, no description.
    ///
    /// ```
    /// let schema = jsbox::HelperSchema::new(serde_json::json!({"type": "object"}));
    /// assert!(schema.result.is_none());
    /// ```
    pub fn new(input: serde_json::Value) -> Self {
        HelperSchema { description: None, input, result: None }
    }

    /// The schemas of two Rust types (with `schemars`): `I` for the
    /// argument, `R` for the result, and the argument type's doc comment as
    /// the description.
    ///
    /// ```
    /// #[derive(schemars::JsonSchema)]
    /// /// Looks a customer up.
    /// struct Lookup { id: u64 }
    /// #[derive(schemars::JsonSchema)]
    /// struct Customer { name: String }
    /// let schema = jsbox::HelperSchema::of::<Lookup, Customer>();
    /// assert_eq!(schema.input["properties"]["id"]["type"], "integer");
    /// assert_eq!(schema.description.as_deref(), Some("Looks a customer up."));
    /// ```
    pub fn of<I: schemars::JsonSchema, R: schemars::JsonSchema>() -> Self {
        let mut input = schemars::schema_for!(I).to_value();
        let description = input.as_object_mut().and_then(|o| o.remove("description")).and_then(|d| match d {
            serde_json::Value::String(text) => Some(text),
            _ => None,
        });
        HelperSchema { description, input, result: Some(schemars::schema_for!(R).to_value()) }
    }

    /// Sets the result's schema.
    ///
    /// ```
    /// let schema = jsbox::HelperSchema::new(serde_json::json!({})).with_result(serde_json::json!({"type": "string"}));
    /// assert_eq!(schema.result.unwrap()["type"], "string");
    /// ```
    pub fn with_result(mut self, result: serde_json::Value) -> Self {
        self.result = Some(result);
        self
    }

    /// Sets the description.
    ///
    /// ```
    /// let schema = jsbox::HelperSchema::new(serde_json::json!({})).with_description("Adds two numbers.");
    /// assert_eq!(schema.description.as_deref(), Some("Adds two numbers."));
    /// ```
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
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
            schemas: BTreeMap::new(),
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
        for name in self.schemas.keys() {
            if !self.endpoints.contains_key(name) {
                return Err(invalid(format!(
                    "helpers.schemas {name:?}: not an endpoint (a registered helper's schema comes from Helpers::set_schema)"
                )));
            }
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
