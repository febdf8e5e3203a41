//! What JavaScript passes in, as the addon receives it (JSON text from the
//! package's wrapper), turned into the library's types: [`EngineOptions`] →
//! [`jsbox::EngineConfig`], [`ExecuteOptions`] → a [`jsbox::Policy`] and the
//! parts of a [`jsbox::Execution`]. No Node here: the fuzz target links it.
//!
//! The same structs, marked `#[napi(object)]`, are where the package's
//! TypeScript declarations come from (`napi build --dts`).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use jsbox::{Error, Language, Modules, Policy, Secret};

/// `new Engine(options)`.
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EngineOptions {
    /// Executions running at once (the sandbox pool's size); more wait for
    /// a free slot before their clock starts. Default 1000.
    pub max_concurrency: Option<u32>,
    /// The largest `memory` an execution may ask for (each pool slot's
    /// size): `"1GiB"` or bytes. Default 1 GiB.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub max_memory: Option<Size>,
    /// Where the compiled sandbox is cached between processes (default:
    /// `$JSBOX_CACHE_DIR`, else `~/.cache/jsbox`); `false` compiles it in
    /// every process (about a second).
    #[cfg_attr(feature = "napi", napi(ts_type = "string | false"))]
    pub cache_dir: Option<CacheDir>,
    /// Where suspended executions are kept (durable executions: `run` and
    /// `resume`). Without it the engine cannot suspend.
    pub suspend_dir: Option<String>,
    /// The key continuations are sealed with, as 64 hexadecimal digits
    /// (default: `$JSBOX_CONTINUATION_KEY`, else `suspendDir/key`, made on
    /// first use with mode 0600). Every process resuming them needs it.
    pub continuation_key: Option<String>,
}

/// The options of one `engine.execute(script, args, options)`.
#[cfg_attr(feature = "napi", napi_derive::napi(object, object_to_js = false, object_from_js = false))]
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExecuteOptions {
    /// Memory the sandbox may use: `"32MiB"` or bytes. Default 64 MiB.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub memory: Option<Size>,
    /// Wall-clock limit of the whole execution, awaited requests and
    /// helpers included: `"5s"`, `"250ms"` or milliseconds. Default 10 s.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub timeout: Option<Millis>,
    /// A deterministic CPU budget in fuel units (about one per Wasm
    /// instruction). Default: none.
    pub fuel: Option<f64>,
    /// Hosts the script may reach with `fetch` and `http.*`: `host`,
    /// `host:port`, `*.example.com`, `*`. Default: none.
    pub allow_hosts: Option<Vec<String>>,
    /// Credentials the script uses as `{{secrets.NAME}}` but never sees:
    /// `{ value: "…", hosts: ["api.example.com"] }` (or `env` instead of
    /// `value`, a variable of this process).
    #[cfg_attr(feature = "napi", napi(ts_type = "Record<string, { value?: string; env?: string; hosts: string[] }>"))]
    pub secrets: Option<BTreeMap<String, Secret>>,
    /// Modules the script may import by name, as source text (JavaScript,
    /// or TypeScript when the name ends in `.ts`).
    pub modules: Option<BTreeMap<String, String>>,
    /// `"javascript"` (default) or `"typescript"`.
    #[cfg_attr(feature = "napi", napi(ts_type = "'javascript' | 'typescript'"))]
    pub language: Option<Language>,
    /// Bytes of log output allowed (`"1MiB"` or bytes). Default 1 MiB.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub max_log_bytes: Option<Size>,
    /// Log lines allowed. Default 10,000.
    pub max_log_lines: Option<f64>,
    /// Largest result as JSON text (`"10MiB"` or bytes). Default 10 MiB.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub max_result_bytes: Option<Size>,
    /// Requests one execution may start. Default 100.
    pub max_requests: Option<f64>,
    /// Largest request body (`"10MiB"` or bytes). Default 10 MiB.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub max_request_bytes: Option<Size>,
    /// Largest response body (`"10MiB"` or bytes). Default 10 MiB.
    #[cfg_attr(feature = "napi", napi(ts_type = "string | number"))]
    pub max_response_bytes: Option<Size>,
    /// Helper calls one execution may make. Default 1,000.
    pub max_helper_calls: Option<f64>,
    /// The helpers this execution may call, by dotted name
    /// (`"crm.lookup"`): an `async` function (or one marked with
    /// `asyncHelper`) gives the script a promise, any other its value.
    /// Arguments and results cross as JSON; a throw is the script's
    /// catchable error with the thrown `message` and `code`.
    #[serde(skip)]
    #[cfg_attr(
        feature = "napi",
        napi(ts_type = "Record<string, (this: { name: string; context: unknown }, ...args: any[]) => unknown>")
    )]
    pub helpers: Option<()>,
    /// What the helpers receive as `this.context` (any value, e.g. the
    /// tenant; it stays in Node and the script never sees it).
    #[serde(skip)]
    #[cfg_attr(feature = "napi", napi(ts_type = "unknown"))]
    pub context: Option<()>,
    /// Ends the execution when it aborts: the promise rejects with the
    /// signal's reason and the sandbox is dropped at once.
    #[serde(skip)]
    #[cfg_attr(feature = "napi", napi(ts_type = "AbortSignal"))]
    pub signal: Option<()>,
    /// Durable executions only: the tenant its continuation is bound to
    /// (another tenant's `resume` of it is refused). Default `""`.
    pub tenant: Option<String>,
    /// A jsbox policy as the CLI and the service read it (snake_case JSON);
    /// the options above apply on top of it.
    #[cfg_attr(feature = "napi", napi(ts_type = "Record<string, unknown>"))]
    pub policy: Option<Value>,
}

/// A size: bytes as a number, or text such as `"32MiB"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub u64);

/// A duration: milliseconds as a number, or text such as `"5s"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Millis(pub Duration);

/// `cacheDir`: a directory, or `false` for none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheDir(pub Option<String>);

/// A whole number in JavaScript's safe range (numbers arrive as `f64`).
fn whole(n: f64, what: &str) -> Result<u64, String> {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 {
        Ok(n as u64)
    } else {
        Err(format!("{what} must be a whole number of at least 0, not {n}"))
    }
}

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => whole(n.as_f64().unwrap_or(f64::NAN), "a size in bytes").map(Size),
            Value::String(s) => jsbox::parse_size(&s).map(Size),
            other => Err(format!("a size is a string like \"32MiB\" or a number of bytes, not {}", kind(&other))),
        }
        .map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => whole(n.as_f64().unwrap_or(f64::NAN), "a duration in milliseconds")
                .map(|ms| Millis(Duration::from_millis(ms))),
            Value::String(s) => humantime::parse_duration(s.trim())
                .map(Millis)
                .map_err(|e| format!("invalid duration {s:?} ({e}); use e.g. \"5s\", \"250ms\" or milliseconds")),
            other => {
                Err(format!("a duration is a string like \"5s\" or a number of milliseconds, not {}", kind(&other)))
            }
        }
        .map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for CacheDir {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Bool(false) => Ok(CacheDir(None)),
            Value::String(s) if !s.is_empty() => Ok(CacheDir(Some(s))),
            other => Err(serde::de::Error::custom(format!("cacheDir is a directory or false, not {}", kind(&other)))),
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn invalid(what: &str, e: impl std::fmt::Display) -> Error {
    clipped(format!("{what}: {e}"))
}

pub(crate) fn clipped(mut message: String) -> Error {
    // Keep a hostile option's echo short.
    if message.len() > 1024 {
        message.truncate(message.floor_char_boundary(1024));
        message.push('…');
    }
    Error::InvalidPolicy { message }
}

/// The engine's configuration from `new Engine(options)`'s JSON, its
/// durability options checked but nothing opened (no file is touched).
pub fn engine_config(json: &str) -> Result<jsbox::EngineConfig, Error> {
    decode_engine(json).map(|(config, _)| config)
}

/// The configuration, and `(suspendDir, continuationKey)` when given.
pub(crate) type Decoded = (jsbox::EngineConfig, Option<(String, Option<String>)>);

/// Decodes `new Engine(options)`'s JSON, opening nothing.
pub(crate) fn decode_engine(json: &str) -> Result<Decoded, Error> {
    let options: EngineOptions = jsbox::json::from_str(json).map_err(|e| invalid("engine options", e))?;
    if let Some(key) = &options.continuation_key {
        jsbox::ContinuationKey::from_hex(key).map_err(|e| invalid("continuationKey", e))?;
    }
    let durability = match (options.suspend_dir, options.continuation_key) {
        (None, None) => None,
        (None, Some(_)) => return Err(clipped("engine options: continuationKey needs suspendDir".into())),
        (Some(dir), _) if dir.is_empty() => return Err(clipped("engine options: suspendDir is empty".into())),
        (Some(dir), key) => Some((dir, key)),
    };
    let mut config = jsbox::EngineConfig::default();
    if let Some(n) = options.max_concurrency {
        config.max_concurrency = n;
    }
    if let Some(Size(bytes)) = options.max_memory {
        config.max_memory = bytes;
    }
    if let Some(CacheDir(dir)) = options.cache_dir {
        config.cache_dir = dir.map(Into::into);
    }
    Ok((config, durability))
}

/// One execution's policy and inputs, from its options' JSON.
#[derive(Debug)]
pub struct ExecuteParts {
    /// The policy: the options on top of `policy` (or the default), with the
    /// given helpers and modules made visible.
    pub policy: Policy,
    /// The modules given in `modules`.
    pub modules: Modules,
    /// The script's language.
    pub language: Language,
    /// The tenant a durable execution's continuation is bound to.
    pub tenant: Option<String>,
}

/// Decodes an execution's options. `helpers` are the names of the helpers
/// the caller passed (visible to this execution).
pub fn execute_parts(json: &str, helpers: &[String]) -> Result<ExecuteParts, Error> {
    let options: ExecuteOptions = jsbox::json::from_str(json).map_err(|e| invalid("options", e))?;
    let mut policy: Policy = match options.policy {
        None | Some(Value::Null) => Policy::default(),
        Some(value) => serde_json::from_value(value).map_err(|e| invalid("options.policy", e))?,
    };
    let count = |n: f64, what: &str| -> Result<u64, Error> { whole(n, what).map_err(|e| invalid("options", e)) };
    let count32 = |n: f64, what: &str| -> Result<u32, Error> {
        u32::try_from(count(n, what)?).map_err(|_| invalid("options", format!("{what} is too large")))
    };
    if let Some(Size(bytes)) = options.memory {
        policy.memory = bytes;
    }
    if let Some(Millis(timeout)) = options.timeout {
        policy.timeout = timeout;
    }
    if let Some(fuel) = options.fuel {
        policy.fuel = Some(count(fuel, "fuel")?);
    }
    if let Some(hosts) = options.allow_hosts {
        policy.network.allow_hosts.extend(hosts);
    }
    if let Some(secrets) = options.secrets {
        policy.network.secrets.extend(secrets);
    }
    if let Some(Size(bytes)) = options.max_log_bytes {
        policy.max_log_bytes = bytes;
    }
    if let Some(n) = options.max_log_lines {
        policy.max_log_lines = count(n, "maxLogLines")?;
    }
    if let Some(Size(bytes)) = options.max_result_bytes {
        policy.max_result_bytes = bytes;
    }
    if let Some(n) = options.max_requests {
        policy.network.max_requests = count32(n, "maxRequests")?;
    }
    if let Some(Size(bytes)) = options.max_request_bytes {
        policy.network.max_request_bytes = bytes;
    }
    if let Some(Size(bytes)) = options.max_response_bytes {
        policy.network.max_response_bytes = bytes;
    }
    if let Some(n) = options.max_helper_calls {
        policy.helpers.max_calls = count32(n, "maxHelperCalls")?;
    }
    let mut modules = Modules::default();
    for (name, source) in options.modules.unwrap_or_default() {
        let added = if name.ends_with(".ts") {
            modules.add_typescript(name.clone(), source)
        } else {
            modules.add(name.clone(), source)
        };
        added?;
        policy.modules.allow.push(name);
    }
    // The caller handed these helpers to this execution: they are visible.
    for name in helpers {
        if !policy.helpers.allow.contains(name) {
            policy.helpers.allow.push(name.clone());
        }
    }
    policy.validate()?;
    if let Some(tenant) = &options.tenant
        && (tenant.len() > jsbox::MAX_TENANT || tenant.chars().any(char::is_control))
    {
        return Err(clipped(format!(
            "options: tenant is at most {} bytes without control characters",
            jsbox::MAX_TENANT
        )));
    }
    Ok(ExecuteParts { policy, modules, language: options.language.unwrap_or_default(), tenant: options.tenant })
}

/// One execution ready for [`jsbox::Engine::run`]: what a binding's
/// `execute(script, args, options)` hands the library.
#[derive(Debug)]
pub struct Prepared {
    /// The execution's policy.
    pub policy: Policy,
    /// The script with its args, language and modules, and the helpers the
    /// binding built for it.
    pub execution: jsbox::Execution,
    /// The tenant a durable run binds its continuation to (`tenant`).
    pub tenant: Option<String>,
}

/// Decodes one execution's options and builds it. `args` are the args as
/// the binding decoded them (its error, if any, comes after the options'
/// own); `helper_names` are the helpers the caller passed; `helpers` builds
/// them (a binding's own plumbing) once the policy is known (sync helpers
/// wait at most until its deadline).
///
/// ```
/// use jsbox_bindings::options::prepare;
///
/// let args = jsbox::parse_args(r#"{"n": 1}"#);
/// let prepared = prepare("function execute(a) { return a.n + 1 }".into(), args, r#"{"timeout": "2s"}"#, &[], |_| {
///     Ok(jsbox::Helpers::new())
/// })
/// .unwrap();
/// assert_eq!(prepared.policy.timeout, std::time::Duration::from_secs(2));
/// let bad = prepare(String::new(), jsbox::parse_args("{"), "{}", &[], |_| Ok(jsbox::Helpers::new())).unwrap_err();
/// assert_eq!(bad.kind(), "invalid-args");
/// ```
pub fn prepare(
    script: String,
    args: Result<Value, Error>,
    options_json: &str,
    helper_names: &[String],
    helpers: impl FnOnce(&Policy) -> Result<jsbox::Helpers, Error>,
) -> Result<Prepared, Error> {
    let parts = execute_parts(options_json, helper_names)?;
    let args = args?;
    let helpers = helpers(&parts.policy)?;
    let execution =
        jsbox::Execution::new(script).args(args).language(parts.language).modules(parts.modules).helpers(helpers);
    Ok(Prepared { policy: parts.policy, execution, tenant: parts.tenant })
}
