//! The embedder's own functions, callable from scripts: a registry of Rust
//! closures ([`Helpers`], on the engine), which of them one execution may see
//! and how much it may ask of them ([`HelperPolicy`], in the policy), and the
//! per-execution session that serves the guest's `call-helper` and
//! `start-helper` imports. Helpers can also be HTTP endpoints of the
//! operator (the CLI's `--helper NAME=URL`).
//!
//! Only JSON crosses: the arguments as one array, the result as one value.
//! Visibility and limits are decided here, on every call, so a script that
//! replaces `crm.lookup` or its namespace breaks only its own calls.

pub(crate) mod schema;

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::FutureExt;

use serde_json::Value;

use crate::bindings::jsbox::sandbox::host::{Completion, HelperError as WitHelperError, OpResult};
use crate::error::Error;
use crate::id::ExecutionId;
use crate::json::JsonError;
use crate::ops::{Finished, OpKind, Ops, PendingCall};
use crate::policy::helpers::{HelperPolicy, HelperSchema, check_name, endpoint_url};
use crate::units::display_size;
use schema::Typed;

/// One call of a helper, as the helper receives it.
///
/// ```
/// # use jsbox::{HelperCall, HelperError};
/// fn lookup(call: &HelperCall) -> Result<serde_json::Value, HelperError> {
///     let tenant = call.context["tenant"].as_str().unwrap_or("?");
///     let id = call.args.first().and_then(|v| v.as_u64()).ok_or_else(|| HelperError::new("an id is required"))?;
///     Ok(serde_json::json!({ "id": id, "tenant": tenant, "execution": call.execution_id.to_string() }))
/// }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HelperCall {
    /// The helper's name, e.g. `crm.lookup`.
    pub name: String,
    /// The script's arguments (`undefined` arrives as `null`).
    pub args: Vec<Value>,
    /// What the embedder passed with this execution
    /// ([`Execution::context`](crate::Execution::context)), e.g. the tenant.
    pub context: Arc<Value>,
    /// The execution making the call.
    pub execution_id: ExecutionId,
}

/// A helper's failure: the script gets a catchable `Error` with this message,
/// `kind: "helper"` and `code`; uncaught, the execution fails with kind
/// `helper`.
///
/// ```
/// let error = jsbox::HelperError::new("no such customer").with_code("not-found");
/// assert_eq!(error.to_string(), "no such customer (code not-found)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}{}", code.as_deref().map(|c| format!(" (code {c})")).unwrap_or_default())]
pub struct HelperError {
    /// For people: the script's `Error` message.
    pub message: String,
    /// Machine-readable (the script's `error.code`).
    pub code: Option<String>,
}

impl HelperError {
    /// An error with a message and no code.
    ///
    /// ```
    /// assert_eq!(jsbox::HelperError::new("down").code, None);
    /// ```
    pub fn new(message: impl Into<String>) -> Self {
        HelperError { message: message.into(), code: None }
    }

    /// Sets the machine-readable code.
    ///
    /// ```
    /// assert_eq!(jsbox::HelperError::new("slow").with_code("busy").code.as_deref(), Some("busy"));
    /// ```
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    fn jsbox(code: &str, message: impl Into<String>) -> Self {
        HelperError::new(message).with_code(code)
    }
}

impl From<&str> for HelperError {
    fn from(message: &str) -> Self {
        HelperError::new(message)
    }
}

impl From<String> for HelperError {
    fn from(message: String) -> Self {
        HelperError::new(message)
    }
}

/// What a durable helper ([`Helpers::add_durable`]) answers.
///
/// ```
/// let now: jsbox::HelperReply = Ok(serde_json::json!(1)).into();
/// assert_eq!(now, jsbox::HelperReply::Ready(Ok(serde_json::json!(1))));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum HelperReply {
    /// The result (or failure), now.
    Ready(Result<Value, HelperError>),
    /// The result comes later (an approval, a webhook): in a durable run the
    /// execution suspends once nothing else can run, and the embedder
    /// resumes it with the result ([`Resume::result`](crate::Resume::result)).
    /// Outside one, the call fails with code `unavailable`.
    Later,
}

impl From<Result<Value, HelperError>> for HelperReply {
    fn from(result: Result<Value, HelperError>) -> Self {
        HelperReply::Ready(result)
    }
}

type SyncFn = dyn Fn(&HelperCall) -> Result<Value, HelperError> + Send + Sync;
type BoxFuture = Pin<Box<dyn Future<Output = Result<Value, HelperError>> + Send>>;
type AsyncFn = dyn Fn(HelperCall) -> BoxFuture + Send + Sync;
type DurableFn = dyn Fn(HelperCall) -> Pin<Box<dyn Future<Output = HelperReply> + Send>> + Send + Sync;

#[derive(Clone)]
enum Implementation {
    Sync(Arc<SyncFn>),
    Async(Arc<AsyncFn>),
    /// Async, and may answer later.
    Durable(Arc<DurableFn>),
    /// The operator's endpoint (`helpers.endpoints`, checked by
    /// [`HelperPolicy::validate`]): always async.
    Endpoint(Arc<str>),
}

impl Implementation {
    fn is_async(&self) -> bool {
        !matches!(self, Implementation::Sync(_))
    }
}

/// The embedder's helpers, registered once and shared by every execution of
/// an engine ([`EngineConfig::helpers`](crate::EngineConfig::helpers)). One
/// helper serves many tenants: each call carries the execution's context.
/// Which helpers an execution sees is up to its policy
/// ([`HelperPolicy::allow`]); by default, none.
///
/// ```
/// use serde_json::json;
/// let mut helpers = jsbox::Helpers::new();
/// helpers.add_sync("crm.lookup", |call| Ok(json!({ "id": call.args[0], "name": "Ada" })))?;
/// helpers.add_async("tools.search", |call| async move {
///     Ok(json!([format!("result for {}", call.args[0])]))
/// })?;
/// assert_eq!(helpers.names().collect::<Vec<_>>(), ["crm.lookup", "tools.search"]);
///
/// let mut config = jsbox::EngineConfig::default();
/// config.helpers = helpers;
/// # Ok::<(), jsbox::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Helpers {
    registered: BTreeMap<String, Entry>,
}

/// A helper as an execution sees it: how it is called and, if typed, its
/// compiled schema.
#[derive(Clone)]
struct Entry {
    implementation: Implementation,
    typed: Option<Arc<Typed>>,
}

impl fmt::Debug for Helpers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.registered.keys()).finish()
    }
}

impl Helpers {
    /// An empty registry.
    ///
    /// ```
    /// assert_eq!(jsbox::Helpers::new().names().count(), 0);
    /// ```
    pub fn new() -> Self {
        Helpers::default()
    }

    /// Registers a synchronous helper: the script gets its value directly.
    /// It runs on the execution's thread and must be quick (the execution's
    /// timeout cannot interrupt it); anything slow belongs in
    /// [`add_async`](Helpers::add_async). A panic is caught and becomes a
    /// helper error with code `panicked`.
    ///
    /// `name` is a dotted JavaScript path (`crm.lookup`, `add`); its first
    /// part may not be one of the sandbox's own globals (`JSON`, `fetch`,
    /// `http`, ...). Registering a name twice, or an invalid one, is an
    /// `invalid-policy` error.
    ///
    /// ```
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_sync("math.double", |call| Ok(serde_json::json!(call.args[0].as_f64().unwrap_or(0.0) * 2.0)))?;
    /// assert_eq!(helpers.add_sync("JSON.evil", |_| Ok(serde_json::Value::Null)).unwrap_err().kind(), "invalid-policy");
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn add_sync<F>(&mut self, name: &str, helper: F) -> Result<&mut Self, Error>
    where
        F: Fn(&HelperCall) -> Result<Value, HelperError> + Send + Sync + 'static,
    {
        self.add(name, Implementation::Sync(Arc::new(helper)))
    }

    /// Registers an asynchronous helper: the script gets a promise, and
    /// several calls can be in flight together
    /// ([`HelperPolicy::max_in_flight`]). When the execution ends for any
    /// reason, the futures of its pending calls are dropped. Naming rules as
    /// for [`add_sync`](Helpers::add_sync).
    ///
    /// ```
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_async("db.query", |call| async move {
    ///     let sql = call.args[0].as_str().unwrap_or_default().to_owned();
    ///     Ok(serde_json::json!({ "rows": [], "sql": sql }))
    /// })?;
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn add_async<F, Fut>(&mut self, name: &str, helper: F) -> Result<&mut Self, Error>
    where
        F: Fn(HelperCall) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Value, HelperError>> + Send + 'static,
    {
        self.add(name, Implementation::Async(Arc::new(move |call| Box::pin(helper(call)))))
    }

    /// Registers an asynchronous helper that may answer
    /// [`HelperReply::Later`]: the script gets a promise that settles when
    /// the embedder resumes the execution with the call's result
    /// ([`Engine::run_durable`](crate::Engine::run_durable),
    /// [`Engine::resume`](crate::Engine::resume)). Naming rules as for
    /// [`add_sync`](Helpers::add_sync).
    ///
    /// ```
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_durable("approvals.request", |call| async move {
    ///     // e.g. file the request in a queue a person works through
    ///     let _ = call.args;
    ///     jsbox::HelperReply::Later
    /// })?;
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn add_durable<F, Fut>(&mut self, name: &str, helper: F) -> Result<&mut Self, Error>
    where
        F: Fn(HelperCall) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = HelperReply> + Send + 'static,
    {
        self.add(name, Implementation::Durable(Arc::new(move |call| Box::pin(helper(call)))))
    }

    /// The registered names, in order.
    ///
    /// ```
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_sync("b", |_| Ok(1.into()))?.add_sync("a", |_| Ok(2.into()))?;
    /// assert_eq!(helpers.names().collect::<Vec<_>>(), ["a", "b"]);
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.registered.keys().map(String::as_str)
    }

    /// Types a registered helper: from now on it takes one object argument,
    /// checked against `schema.input` before the helper runs (a mismatch is
    /// the script's `helper` error with code `invalid-args`, naming the
    /// failing path), and its result is checked against `schema.result`
    /// (`invalid-result`). The schema is compiled here, once; one that is
    /// not valid JSON Schema, too large, or shaped to make validation
    /// exponential is `invalid-policy`.
    ///
    /// ```
    /// use serde_json::json;
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_sync("crm.lookup", |call| Ok(json!({ "name": "Ada", "id": call.args[0]["id"] })))?;
    /// helpers.set_schema("crm.lookup", jsbox::HelperSchema::new(json!({
    ///     "type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]
    /// })).with_description("Looks a customer up by id."))?;
    /// assert!(helpers.schema("crm.lookup").is_some());
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn set_schema(&mut self, name: &str, schema: HelperSchema) -> Result<&mut Self, Error> {
        let Some(entry) = self.registered.get_mut(name) else {
            return Err(Error::InvalidPolicy { message: format!("helper {name:?} is not registered") });
        };
        let typed = Typed::compile(schema)
            .map_err(|why| Error::InvalidPolicy { message: format!("helper {name:?}: {why}") })?;
        entry.typed = Some(Arc::new(typed));
        Ok(self)
    }

    /// Takes a helper out of the registry; whether it was there.
    ///
    /// ```
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_sync("a", |_| Ok(1.into()))?;
    /// assert!(helpers.remove("a"));
    /// assert!(!helpers.remove("a"));
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn remove(&mut self, name: &str) -> bool {
        self.registered.remove(name).is_some()
    }

    /// A registered helper's schema, if it is typed.
    ///
    /// ```
    /// let mut helpers = jsbox::Helpers::new();
    /// helpers.add_sync("a", |_| Ok(1.into()))?;
    /// assert!(helpers.schema("a").is_none());
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn schema(&self, name: &str) -> Option<&HelperSchema> {
        self.registered.get(name)?.typed.as_deref().map(|typed| &typed.schema)
    }

    fn add(&mut self, name: &str, implementation: Implementation) -> Result<&mut Self, Error> {
        check_name(name).map_err(|why| Error::InvalidPolicy { message: format!("helper {name:?}: {why}") })?;
        if self.registered.contains_key(name) {
            return Err(Error::InvalidPolicy { message: format!("helper {name:?} is registered twice") });
        }
        self.registered.insert(name.to_string(), Entry { implementation, typed: None });
        Ok(self)
    }
}

impl HelperPolicy {
    /// The helpers this policy makes visible, from the engine's `registry`
    /// and the execution's own (`own`, which take the place of the
    /// engine's of the same name). The policy has passed
    /// [`validate`](HelperPolicy::validate).
    pub(crate) fn resolve(&self, registry: &Helpers, own: &Helpers) -> Result<Visible, Error> {
        let mut visible = BTreeMap::new();
        if self.allow.is_empty() && self.endpoints.is_empty() {
            return Ok(Visible(visible));
        }
        let both = || {
            registry.registered.iter().filter(|(name, _)| !own.registered.contains_key(*name)).chain(&own.registered)
        };
        for pattern in &self.allow {
            let matched: Vec<_> = match pattern.strip_suffix(".*") {
                Some(prefix) => {
                    let under = format!("{prefix}.");
                    both().filter(|(name, _)| name.starts_with(&under)).collect()
                }
                None => own
                    .registered
                    .get_key_value(pattern.as_str())
                    .or_else(|| registry.registered.get_key_value(pattern.as_str()))
                    .into_iter()
                    .collect(),
            };
            if matched.is_empty() {
                let mut known: Vec<&str> = both().map(|(name, _)| name.as_str()).collect();
                known.sort_unstable();
                return Err(Error::InvalidPolicy {
                    message: format!(
                        "helpers.allow {pattern:?} matches no registered helper (registered: {})",
                        if known.is_empty() { "none".to_string() } else { known.join(", ") }
                    ),
                });
            }
            for (name, entry) in matched {
                visible.insert(name.clone(), entry.clone());
            }
        }
        for (name, url) in &self.endpoints {
            if visible.contains_key(name) {
                return Err(Error::InvalidPolicy {
                    message: format!("helper {name:?} is both a registered helper and an endpoint"),
                });
            }
            let typed = match self.schemas.get(name) {
                Some(schema) => Some(
                    Typed::cached(schema)
                        .map_err(|why| Error::InvalidPolicy { message: format!("helpers.schemas {name:?}: {why}") })?,
                ),
                None => None,
            };
            visible
                .insert(name.clone(), Entry { implementation: Implementation::Endpoint(url.as_str().into()), typed });
        }
        Ok(Visible(visible))
    }
}

impl HelperPolicy {
    /// A result given later (on resume) for a call of helper `name`, checked
    /// against its result schema if it is typed (from the execution's own
    /// helpers, the engine's, or this policy's endpoint schemas).
    pub(crate) fn check_result(
        &self,
        registry: &Helpers,
        own: &Helpers,
        name: &str,
        result: Result<Value, HelperError>,
    ) -> Result<Value, HelperError> {
        let typed = match own.registered.get(name).or_else(|| registry.registered.get(name)) {
            Some(entry) => entry.typed.clone(),
            None => self.schemas.get(name).and_then(|schema| Typed::cached(schema).ok()),
        };
        checked(result, typed.as_deref())
    }
}

/// The helpers one execution may call, resolved from its policy.
#[derive(Clone, Default)]
pub(crate) struct Visible(BTreeMap<String, Entry>);

impl Visible {
    /// `(name, is_async)` for the guest, which installs them as globals.
    pub(crate) fn declarations(&self) -> impl Iterator<Item = (&str, bool)> {
        self.0.iter().map(|(name, entry)| (name.as_str(), entry.implementation.is_async()))
    }

    /// `(name, is_async, schema)` of each, in name order, for declarations.
    pub(crate) fn typed(&self) -> impl Iterator<Item = (&str, bool, Option<&HelperSchema>)> {
        self.0.iter().map(|(name, entry)| {
            (name.as_str(), entry.implementation.is_async(), entry.typed.as_deref().map(|t| &t.schema))
        })
    }
}

/// The helper side of one execution: visibility, limits and counters, and
/// the calls in flight (in [`Ops`], so ending the execution drops them).
pub(crate) struct HelperSession {
    visible: Visible,
    max_calls: u32,
    max_args_bytes: u64,
    max_result_bytes: u64,
    /// Calls the script made (every one counts toward `max_calls`).
    attempts: u32,
    /// Calls that reached the helper.
    calls: u32,
    /// The `max_in_flight` permits, made on the first async call.
    in_flight: Option<Arc<tokio::sync::Semaphore>>,
    max_in_flight: u32,
    context: Arc<Value>,
    execution_id: ExecutionId,
    client: reqwest::Client,
    /// Whether a call may be answered later (a durable run).
    durable: bool,
}

impl HelperSession {
    pub(crate) fn new(
        visible: Visible,
        policy: &HelperPolicy,
        context: Arc<Value>,
        execution_id: ExecutionId,
        client: reqwest::Client,
    ) -> Self {
        HelperSession {
            in_flight: None,
            max_in_flight: policy.max_in_flight.max(1),
            visible,
            max_calls: policy.max_calls,
            max_args_bytes: policy.max_args_bytes,
            max_result_bytes: policy.max_result_bytes,
            attempts: 0,
            calls: 0,
            context,
            execution_id,
            client,
            durable: false,
        }
    }

    /// Lets calls be answered later: this execution can suspend.
    pub(crate) fn allow_later(&mut self) {
        self.durable = true;
    }

    /// Calls that reached a helper (refused ones are not counted).
    pub(crate) fn calls(&self) -> u32 {
        self.calls
    }

    /// Calls the script made (what `max_calls` counts).
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Carries a suspended execution's counts over.
    pub(crate) fn carry(&mut self, attempts: u32, calls: u32) {
        self.attempts = attempts;
        self.calls = calls;
    }

    /// The context the helpers get.
    pub(crate) fn context(&self) -> &Value {
        &self.context
    }

    /// A synchronous call, answered at once.
    pub(crate) fn call(&mut self, name: String, args_json: String) -> Result<String, WitHelperError> {
        let (entry, call) = self.prepare(name, &args_json).map_err(wit)?;
        let max_result = self.max_result_bytes;
        let result = match entry.implementation {
            Implementation::Sync(helper) => run_sync(&*helper, &call),
            // The guest calls a helper the way it was declared; a mismatch
            // can only come from a broken guest.
            _ => Err(HelperError::jsbox("not-visible", format!("{} is asynchronous", call.name))),
        };
        finish(checked(result, entry.typed.as_deref()), max_result).map_err(wit)
    }

    /// Starts an asynchronous call; its completion arrives through `ops`.
    pub(crate) fn start(&mut self, ops: &mut Ops, name: String, args_json: String) -> u32 {
        let id = ops.next_id();
        let prepared = self.prepare(name, &args_json);
        let max_result = self.max_result_bytes;
        let (Entry { implementation, typed }, call) = match prepared {
            Ok(prepared) => prepared,
            Err(error) => {
                ops.complete_now(Completion { id, outcome: OpResult::Helper(Err(wit(error))) });
                return id;
            }
        };
        let max_in_flight = self.max_in_flight as usize;
        let limit = self.in_flight.get_or_insert_with(|| Arc::new(tokio::sync::Semaphore::new(max_in_flight))).clone();
        let client = self.client.clone();
        let durable = self.durable;
        ops.spawn(id, OpKind::Helper, async move {
            let permit = limit.acquire_owned().await.ok();
            let (name, execution_id) = (call.name.clone(), call.execution_id.clone());
            let args = call.args.clone();
            let caught = |future: Pin<Box<dyn Future<Output = HelperReply> + Send>>| async {
                match AssertUnwindSafe(future).catch_unwind().await {
                    Ok(reply) => reply,
                    Err(panic) => Err(panicked(&name, &execution_id, panic.as_ref())).into(),
                }
            };
            let reply = match implementation {
                Implementation::Sync(helper) => run_sync(&*helper, &call).into(),
                // A panic may come from the closure itself or from its future.
                Implementation::Async(helper) => match std::panic::catch_unwind(AssertUnwindSafe(|| helper(call))) {
                    Ok(future) => caught(Box::pin(async move { HelperReply::Ready(future.await) })).await,
                    Err(panic) => Err(panicked(&name, &execution_id, panic.as_ref())).into(),
                },
                Implementation::Durable(helper) => match std::panic::catch_unwind(AssertUnwindSafe(|| helper(call))) {
                    Ok(future) => caught(future).await,
                    Err(panic) => Err(panicked(&name, &execution_id, panic.as_ref())).into(),
                },
                Implementation::Endpoint(url) => match endpoint_url(&url) {
                    Ok(url) => call_endpoint(&client, &url, call, max_result).await,
                    Err(why) => Err(HelperError::jsbox("unavailable", why)).into(),
                },
            };
            let result = match reply {
                HelperReply::Ready(result) => result,
                HelperReply::Later if durable => {
                    let later = PendingCall { call_id: id, helper: name, args };
                    return Finished { completion: None, later: Some(later), permit: None };
                }
                HelperReply::Later => Err(HelperError::jsbox(
                    "unavailable",
                    format!(
                        "helper {name} answered later, but this execution cannot suspend (it is not a durable run)"
                    ),
                )),
            };
            let outcome = OpResult::Helper(finish(checked(result, typed.as_deref()), max_result).map_err(wit));
            Finished { completion: Some(Completion { id, outcome }), later: None, permit }
        });
        id
    }

    /// Visibility, the call count and the argument size, then the call.
    fn prepare(&mut self, name: String, args_json: &str) -> Result<(Entry, HelperCall), HelperError> {
        let Some(entry) = self.visible.0.get(&name).cloned() else {
            return Err(HelperError::jsbox("not-visible", format!("no helper {name} is visible to this execution")));
        };
        if self.attempts >= self.max_calls {
            return Err(HelperError::jsbox(
                "too-many-calls",
                format!("helper call limit reached: at most {} calls per execution (max_calls)", self.max_calls),
            ));
        }
        self.attempts += 1;
        if args_json.len() as u64 > self.max_args_bytes {
            return Err(HelperError::jsbox(
                "args-too-large",
                format!(
                    "the arguments are {} of JSON, over the limit of {} (max_args_bytes)",
                    display_size(args_json.len() as u64),
                    display_size(self.max_args_bytes)
                ),
            ));
        }
        let args = match crate::json::from_guest(args_json) {
            Ok(Value::Array(args)) => args,
            Err(JsonError::TooDeep { limit, .. }) => {
                return Err(HelperError::jsbox(
                    "invalid-args",
                    format!("the arguments are nested more than {limit} levels deep, over jsbox's limit for JSON"),
                ));
            }
            // The guest always sends an array of JSON.stringify's output.
            _ => return Err(HelperError::jsbox("invalid-args", "the arguments are not a JSON array")),
        };
        let args = match &entry.typed {
            Some(typed) => typed.check_args(args).map_err(|why| HelperError::jsbox("invalid-args", why))?,
            None => args,
        };
        let call = HelperCall { name, args, context: self.context.clone(), execution_id: self.execution_id.clone() };
        self.calls += 1;
        Ok((entry, call))
    }
}

/// A typed helper's result, checked against its result schema.
fn checked(result: Result<Value, HelperError>, typed: Option<&Typed>) -> Result<Value, HelperError> {
    let value = result?;
    if let Some(typed) = typed {
        typed.check_result(&value).map_err(|why| HelperError::jsbox("invalid-result", why))?;
    }
    Ok(value)
}

fn run_sync(helper: &SyncFn, call: &HelperCall) -> Result<Value, HelperError> {
    std::panic::catch_unwind(AssertUnwindSafe(|| helper(call)))
        .unwrap_or_else(|panic| Err(panicked(&call.name, &call.execution_id, panic.as_ref())))
}

/// A panicking helper: the embedder gets a `tracing` error event, the script
/// a helper error (without the panic's text, which is the embedder's).
fn panicked(name: &str, execution_id: &ExecutionId, panic: &(dyn std::any::Any + Send)) -> HelperError {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    tracing::error!(helper = name, execution = %execution_id, "jsbox helper panicked: {text}");
    HelperError::jsbox("panicked", "the helper failed unexpectedly (it panicked)")
}

/// The result as JSON text, within the size limit.
pub(crate) fn finish(result: Result<Value, HelperError>, max_result_bytes: u64) -> Result<String, HelperError> {
    let json = serde_json::to_string(&result?).map_err(|e| HelperError::jsbox("invalid-result", e.to_string()))?;
    if json.len() as u64 > max_result_bytes {
        return Err(HelperError::jsbox(
            "result-too-large",
            format!(
                "the result is {} of JSON, over the limit of {} (max_result_bytes)",
                display_size(json.len() as u64),
                display_size(max_result_bytes)
            ),
        ));
    }
    Ok(json)
}

fn wit(error: HelperError) -> WitHelperError {
    WitHelperError { message: error.message, code: error.code }
}

/// Longest error text taken from an endpoint's answer.
const MAX_ENDPOINT_ERROR: usize = 1024;

/// One call of an HTTP-backed helper (the protocol is on
/// [`HelperPolicy::endpoints`]). Failures name neither the URL nor the
/// connection details: those are the operator's, logged with `tracing`.
async fn call_endpoint(
    client: &reqwest::Client,
    url: &reqwest::Url,
    call: HelperCall,
    max_result_bytes: u64,
) -> HelperReply {
    let body = serde_json::json!({ "helper": call.name, "args": call.args });
    let sent = client
        .post(url.clone())
        .header("X-Jsbox-Execution", call.execution_id.to_string())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .send()
        .await;
    let mut response = match sent {
        Ok(response) => response,
        Err(e) => {
            tracing::warn!(helper = call.name, execution = %call.execution_id, "helper endpoint {url} failed: {e}");
            return Err(HelperError::jsbox("unavailable", "the helper's endpoint could not be reached")).into();
        }
    };
    let status = response.status();
    // 202 Accepted: the endpoint took the call and answers later (the
    // execution is resumed with the result).
    if status == reqwest::StatusCode::ACCEPTED {
        return HelperReply::Later;
    }
    let too_large = || {
        HelperError::jsbox(
            "result-too-large",
            format!("the helper's answer is over the limit of {} (max_result_bytes)", display_size(max_result_bytes)),
        )
    };
    if response.content_length().is_some_and(|len| len > max_result_bytes) {
        return Err(too_large()).into();
    }
    let mut bytes = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() as u64 + chunk.len() as u64 > max_result_bytes {
                    return Err(too_large()).into();
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(helper = call.name, execution = %call.execution_id, "helper endpoint {url}: {e}");
                return Err(HelperError::jsbox("unavailable", "the helper's endpoint broke off its answer")).into();
            }
        }
    }
    endpoint_answer(status, &bytes).into()
}

/// What an endpoint's answer (status and body, within the size limit) means
/// for the script: its result, or the helper error it reported.
pub(crate) fn endpoint_answer(status: reqwest::StatusCode, bytes: &[u8]) -> Result<Value, HelperError> {
    if status.is_success() {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        return crate::json::from_slice(bytes).map_err(|e| match e {
            JsonError::TooDeep { limit, .. } => HelperError::jsbox(
                "invalid-answer",
                format!("the helper's endpoint answered with JSON nested more than {limit} levels deep"),
            ),
            JsonError::Invalid(_) => {
                HelperError::jsbox("invalid-answer", "the helper's endpoint answered with invalid JSON")
            }
        });
    }
    let parsed: Option<Value> = crate::json::from_slice(bytes).ok();
    // An empty field says nothing: the script gets what jsbox would say.
    let field = |key: &str| {
        parsed.as_ref().and_then(|v| v.get(key)).and_then(Value::as_str).filter(|text| !text.is_empty()).map(clip)
    };
    let message = field("error").unwrap_or_else(|| {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim();
        if text.is_empty() { format!("the helper's endpoint answered {status}") } else { clip(text) }
    });
    let code = field("code").unwrap_or_else(|| format!("http-{}", status.as_u16()));
    Err(HelperError { message, code: Some(code) })
}

fn clip(text: &str) -> String {
    if text.len() <= MAX_ENDPOINT_ERROR {
        return text.to_string();
    }
    format!("{}… [clipped]", &text[..text.floor_char_boundary(MAX_ENDPOINT_ERROR)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoints_error_has_a_code_and_a_bounded_message_whatever_it_sent() {
        let status = reqwest::StatusCode::INTERNAL_SERVER_ERROR;
        let answer = |body: &str| endpoint_answer(status, body.as_bytes()).unwrap_err();
        // Found by `make fuzz` (fuzz/regressions/helper_answer/an-empty-code).
        let empty = answer(r#"{"error": "boom", "code": ""}"#);
        assert_eq!((empty.message.as_str(), empty.code.as_deref()), ("boom", Some("http-500")));
        let blank = answer(r#"{"error": "", "code": "E_BUSY"}"#);
        assert_eq!(
            (blank.message.as_str(), blank.code.as_deref()),
            ("{\"error\": \"\", \"code\": \"E_BUSY\"}", Some("E_BUSY"))
        );
        let long = "x".repeat(100_000);
        let huge = answer(&format!(r#"{{"error": "{long}", "code": "{long}"}}"#));
        assert!(
            huge.message.len() < 2 * MAX_ENDPOINT_ERROR && huge.message.ends_with("[clipped]"),
            "{}",
            huge.message.len()
        );
        assert!(huge.code.as_ref().is_some_and(|code| code.len() < 2 * MAX_ENDPOINT_ERROR));
    }

    #[test]
    fn names_are_dotted_identifiers_outside_the_sandboxs_globals() {
        for good in ["crm.lookup", "add", "$x._y.z9", "a.b.c.d.e.f.g.h"] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "crm.",
            ".x",
            "a..b",
            "1x",
            "crm-lookup",
            "crm lookup",
            "é",
            "a.b.c.d.e.f.g.h.i",
            "JSON.x",
            "fetch",
            "http.sendPutRequest",
            "a.__proto__",
            "a.constructor.b",
            "x.prototype",
            "CustomEvent",
            "Performance.x",
            "ReadableStream",
            "ReadableStreamDefaultController",
            "ReadableStreamDefaultReader",
            "self",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_name(&"a".repeat(129)).is_err());
    }

    #[test]
    fn a_pattern_or_name_matching_nothing_is_an_invalid_policy() {
        let mut helpers = Helpers::new();
        helpers.add_sync("crm.lookup", |_| Ok(Value::Null)).unwrap();
        helpers.add_async("crm.update", |_| async { Ok(Value::Null) }).unwrap();
        helpers.add_sync("tools.search", |_| Ok(Value::Null)).unwrap();
        let policy = |allow: &[&str]| HelperPolicy {
            allow: allow.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let seen = |allow: &[&str]| {
            let visible = policy(allow).resolve(&helpers, &Helpers::new()).unwrap();
            visible.declarations().map(|(n, a)| format!("{n}:{a}")).collect::<Vec<_>>()
        };
        assert_eq!(seen(&["crm.*"]), ["crm.lookup:false", "crm.update:true"]);
        assert_eq!(seen(&["tools.search", "crm.lookup"]), ["crm.lookup:false", "tools.search:false"]);
        assert!(seen(&[]).is_empty());
        for unknown in [&["crm.delete"][..], &["billing.*"], &["crm"]] {
            let error = policy(unknown).resolve(&helpers, &Helpers::new()).err().expect("unknown");
            assert_eq!(error.kind(), "invalid-policy");
            assert!(error.to_string().contains("matches no registered helper"), "{error}");
        }
    }

    #[test]
    fn an_executions_own_helpers_join_the_engines_and_take_the_place_of_one_of_the_same_name() {
        let mut engine = Helpers::new();
        engine.add_sync("crm.lookup", |_| Ok(Value::Null)).unwrap();
        engine.add_sync("crm.list", |_| Ok(Value::Null)).unwrap();
        let mut own = Helpers::new();
        own.add_async("crm.lookup", |_| async { Ok(Value::Null) }).unwrap();
        own.add_sync("me.name", |_| Ok(Value::Null)).unwrap();
        let seen = |allow: &[&str]| {
            let policy = HelperPolicy { allow: allow.iter().map(|s| s.to_string()).collect(), ..Default::default() };
            let visible = policy.resolve(&engine, &own).unwrap();
            visible.declarations().map(|(n, a)| format!("{n}:{a}")).collect::<Vec<_>>()
        };
        assert_eq!(seen(&["crm.*"]), ["crm.list:false", "crm.lookup:true"]);
        assert_eq!(seen(&["crm.lookup", "me.name"]), ["crm.lookup:true", "me.name:false"]);
        // Not allowed, not visible: an execution's own helpers obey the policy too.
        assert_eq!(seen(&["crm.list"]), ["crm.list:false"]);
        let policy = HelperPolicy { allow: vec!["billing.*".into()], ..Default::default() };
        let error = policy.resolve(&engine, &own).err().expect("unknown");
        assert!(error.to_string().contains("registered: crm.list, crm.lookup, me.name"), "{error}");
    }

    #[test]
    fn endpoints_must_be_http_urls_and_not_clash_with_registered_helpers() {
        let mut helpers = Helpers::new();
        helpers.add_sync("crm.lookup", |_| Ok(Value::Null)).unwrap();
        let with = |name: &str, url: &str| HelperPolicy {
            allow: vec!["crm.lookup".into()],
            endpoints: [(name.to_string(), url.to_string())].into(),
            ..Default::default()
        };
        let checked = |policy: HelperPolicy| policy.validate().and_then(|()| policy.resolve(&helpers, &Helpers::new()));
        assert!(checked(with("db.query", "http://127.0.0.1:9/h")).is_ok());
        for (name, url) in
            [("db.query", "ftp://x/"), ("db.query", "not a url"), ("crm.lookup", "http://x/"), ("JSON", "http://x/")]
        {
            assert_eq!(checked(with(name, url)).err().map(|e| e.kind()), Some("invalid-policy"), "{name} {url}");
        }
    }

    #[test]
    fn registering_twice_or_a_bad_name_is_refused() {
        let mut helpers = Helpers::new();
        helpers.add_sync("a.b", |_| Ok(Value::Null)).unwrap();
        assert!(helpers.add_sync("a.b", |_| Ok(Value::Null)).is_err());
        assert!(helpers.add_sync("console.x", |_| Ok(Value::Null)).is_err());
        assert_eq!(format!("{helpers:?}"), r#"{"a.b"}"#);
    }

    #[test]
    fn results_over_the_limit_are_errors_not_truncated() {
        assert_eq!(finish(Ok(serde_json::json!("abc")), 5), Ok("\"abc\"".into()));
        let error = finish(Ok(serde_json::json!("abcd")), 5).unwrap_err();
        assert_eq!(error.code.as_deref(), Some("result-too-large"));
    }
}
