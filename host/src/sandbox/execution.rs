//! One execution's inputs besides the policy: the script, its args, the
//! embedder's context, where its log lines go, and its id.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use crate::helpers::Helpers;
use crate::id::ExecutionId;
use crate::logging::{LogSink, TracingSink};
use crate::modules::{Language, Modules};

/// What to run: the script and everything that goes with one execution
/// except the policy. Build it, then hand it to [`Engine::run`](crate::Engine::run).
///
/// ```no_run
/// # async fn demo(engine: jsbox::Engine) -> Result<(), jsbox::Error> {
/// use serde_json::json;
/// let execution = jsbox::Execution::new("function execute(a) { return crm.lookup(a.id) }")
///     .args(json!({"id": 7}))
///     .context(json!({"tenant": "acme"})); // reaches every helper call
/// let id = execution.id().clone();
/// let policy = jsbox::Policy::default().allow_helper("crm.lookup");
/// let out = engine.run(&policy, execution).await?;
/// assert_eq!(out.id, id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Execution {
    pub(crate) id: ExecutionId,
    pub(crate) script: String,
    pub(crate) args: Value,
    pub(crate) context: Arc<Value>,
    pub(crate) logs: Arc<dyn LogSink>,
    pub(crate) cache_scope: Arc<str>,
    pub(crate) language: Language,
    pub(crate) modules: Modules,
    pub(crate) helpers: Helpers,
}

impl fmt::Debug for Execution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Args and context may hold anything: not for debug output.
        f.debug_struct("Execution")
            .field("id", &self.id)
            .field("script_bytes", &self.script.len())
            .finish_non_exhaustive()
    }
}

impl Execution {
    /// An execution of `script` with args `{}`, context `null`, log lines to
    /// `tracing` and a new random id.
    ///
    /// ```
    /// let execution = jsbox::Execution::new("function execute() { return 1 }");
    /// assert_eq!(execution.id().as_str().len(), 36);
    /// ```
    pub fn new(script: impl Into<String>) -> Self {
        // Shared defaults: no allocation per execution for what most leave as is.
        static NO_CONTEXT: std::sync::OnceLock<Arc<Value>> = std::sync::OnceLock::new();
        static TRACING: std::sync::OnceLock<Arc<dyn LogSink>> = std::sync::OnceLock::new();
        Execution {
            id: ExecutionId::new(),
            script: script.into(),
            args: Value::Object(Default::default()),
            context: NO_CONTEXT.get_or_init(|| Arc::new(Value::Null)).clone(),
            logs: TRACING.get_or_init(|| Arc::new(TracingSink)).clone(),
            cache_scope: Arc::from(""),
            language: Language::JavaScript,
            modules: Modules::default(),
            helpers: Helpers::default(),
        }
    }

    /// The argument of `execute`.
    ///
    /// ```
    /// let execution = jsbox::Execution::new("function execute(a) { return a }").args(serde_json::json!([1, 2]));
    /// ```
    pub fn args(mut self, args: Value) -> Self {
        self.args = args;
        self
    }

    /// The embedder's context for this execution (e.g. the tenant), passed to
    /// every helper call as [`HelperCall::context`](crate::HelperCall::context).
    /// The script never sees it.
    ///
    /// ```
    /// let execution = jsbox::Execution::new("…").context(serde_json::json!({"tenant": "acme"}));
    /// ```
    pub fn context(mut self, context: Value) -> Self {
        self.context = Arc::new(context);
        self
    }

    /// Where the script's log lines go (default: `tracing`).
    ///
    /// ```
    /// let logs = jsbox::MemorySink::default();
    /// let execution = jsbox::Execution::new("…").logs(std::sync::Arc::new(logs.clone()));
    /// ```
    pub fn logs(mut self, logs: Arc<dyn LogSink>) -> Self {
        self.logs = logs;
        self
    }

    /// Keeps this script's compiled bytecode apart from other scopes' (see
    /// [`EngineConfig::bytecode_cache`](crate::EngineConfig::bytecode_cache)):
    /// executions share cached bytecode only within one scope. A service
    /// passes the tenant, so no tenant can tell from its timings or
    /// [`Stats::cached_bytecode`](crate::Stats::cached_bytecode) whether
    /// another ran the same script. Default: one scope for all.
    ///
    /// ```
    /// let execution = jsbox::Execution::new("…").cache_scope("tenant-acme");
    /// ```
    pub fn cache_scope(mut self, scope: impl Into<Arc<str>>) -> Self {
        self.cache_scope = scope.into();
        self
    }

    /// The script's language (default JavaScript). TypeScript has its types
    /// stripped before evaluation, every line and column kept, and its file
    /// name in stack traces is `script.ts`.
    ///
    /// ```
    /// let execution = jsbox::Execution::new("function execute(a: {x: number}): number { return a.x }")
    ///     .language(jsbox::Language::TypeScript);
    /// ```
    pub fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Platform modules for this execution only (e.g. the tenant's), beside
    /// the engine's [`EngineConfig::modules`](crate::EngineConfig::modules);
    /// one of the same name takes the engine's place. The policy still
    /// decides which are visible (`modules.allow`).
    ///
    /// ```
    /// let mut modules = jsbox::Modules::default();
    /// modules.add("greet", "export const hello = (n) => `hello ${n}`")?;
    /// let execution = jsbox::Execution::new(r#"import { hello } from "greet"; export default (a) => hello(a.n)"#)
    ///     .modules(modules);
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn modules(mut self, modules: Modules) -> Self {
        self.modules = modules;
        self
    }

    /// Helpers for this execution only (e.g. closures over one request's
    /// data, or a language binding's callbacks), beside the engine's
    /// [`EngineConfig::helpers`](crate::EngineConfig::helpers); one of the
    /// same name takes the engine's place. The policy still decides which
    /// are visible (`helpers.allow`) and how much the script may ask of
    /// them.
    ///
    /// ```no_run
    /// # async fn demo(engine: jsbox::Engine) -> Result<(), jsbox::Error> {
    /// let mut helpers = jsbox::Helpers::new();
    /// let user = "ada".to_string();
    /// helpers.add_sync("me.name", move |_| Ok(serde_json::json!(user)))?;
    /// let execution = jsbox::Execution::new("function execute() { return me.name() }").helpers(helpers);
    /// let out = engine.run(&jsbox::Policy::default().allow_helper("me.*"), execution).await?;
    /// assert_eq!(out.result, "ada");
    /// # Ok(()) }
    /// ```
    pub fn helpers(mut self, helpers: Helpers) -> Self {
        self.helpers = helpers;
        self
    }

    /// Uses `id` instead of a random one (e.g. the embedder's request id).
    ///
    /// ```
    /// let execution = jsbox::Execution::new("…").with_id("req-42".into());
    /// assert_eq!(execution.id().as_str(), "req-42");
    /// ```
    pub fn with_id(mut self, id: ExecutionId) -> Self {
        self.id = id;
        self
    }

    /// This execution's id.
    pub fn id(&self) -> &ExecutionId {
        &self.id
    }
}
