//! The costly, shared part: the wasmtime engine, the compiled guest component
//! linked against the host, the HTTP client, and the epoch ticker that drives
//! wall-clock deadlines. Create one [`Engine`] and share it; every execution
//! gets its own fresh, cheap sandbox.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use wasmtime::component::{Component, HasSelf, Linker};

use crate::bindings::SandboxPre;
use crate::logging::{LogSink, TracingSink};
use crate::sandbox::{self, SandboxState};
use crate::{Error, Outcome, Policy};

/// The guest component, built from `guest/` and componentized by `build.rs`.
static GUEST_COMPONENT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jsbox_guest.component.wasm"));

/// Settings of an [`Engine`], fixed for its lifetime.
///
/// ```
/// let config = jsbox::EngineConfig::default();
/// assert_eq!(config.epoch_tick, std::time::Duration::from_millis(10));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EngineConfig {
    /// How often deadlines are checked (and busy scripts yield their thread).
    /// Timeouts are precise to about this much. Default 10 ms.
    pub epoch_tick: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig { epoch_tick: Duration::from_millis(10) }
    }
}

/// Runs scripts, each in a fresh sandbox. Costly to create (it compiles the
/// guest); cheap to clone and share across tasks and threads.
///
/// ```no_run
/// # async fn demo() -> Result<(), jsbox::Error> {
/// let engine = jsbox::Engine::new(jsbox::EngineConfig::default())?;
/// let policy = jsbox::Policy::default().allow_host("api.example.com");
/// let script = r#"
///     async function execute({ name }) {
///         log("greeting", name);
///         return { greeting: "hello " + name };
///     }
/// "#;
/// let out = engine.execute(&policy, script, serde_json::json!({"name": "ada"})).await?;
/// assert_eq!(out.result["greeting"], "hello ada");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Engine {
    shared: Arc<Shared>,
}

/// What all executions of an engine share.
pub(crate) struct Shared {
    pub(crate) engine: wasmtime::Engine,
    pub(crate) pre: SandboxPre<SandboxState>,
    pub(crate) http: reqwest::Client,
    _ticker: Ticker,
}

impl Engine {
    /// Compiles the guest and prepares it for instantiation.
    pub fn new(config: EngineConfig) -> Result<Self, Error> {
        let mut wasm = wasmtime::Config::new();
        wasm.wasm_component_model(true).consume_fuel(true).epoch_interruption(true);
        let engine = wasmtime::Engine::new(&wasm).map_err(Error::internal)?;
        let component = Component::from_binary(&engine, GUEST_COMPONENT).map_err(Error::internal)?;
        let mut linker = Linker::<SandboxState>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker).map_err(Error::internal)?;
        crate::bindings::Sandbox::add_to_linker::<_, HasSelf<SandboxState>>(&mut linker, |state| state)
            .map_err(Error::internal)?;
        let pre = SandboxPre::new(linker.instantiate_pre(&component).map_err(Error::internal)?)
            .map_err(Error::internal)?;
        let http = crate::net::client()?;
        let ticker = Ticker::start(engine.clone(), config.epoch_tick);
        Ok(Engine { shared: Arc::new(Shared { engine, pre, http, _ticker: ticker }) })
    }

    /// Runs `script`'s `execute(args)` in a fresh sandbox under `policy`.
    /// Log lines go to [`tracing`] (target `jsbox::script`).
    ///
    /// ```no_run
    /// # async fn demo(engine: jsbox::Engine) {
    /// let policy = jsbox::Policy::default();
    /// let err = engine.execute(&policy, "function run() {}", serde_json::json!({})).await.unwrap_err();
    /// assert_eq!(err.kind(), "missing-execute");
    /// # }
    /// ```
    pub async fn execute(&self, policy: &Policy, script: &str, args: serde_json::Value) -> Result<Outcome, Error> {
        self.execute_with_logs(policy, script, args, Arc::new(TracingSink)).await
    }

    /// Like [`execute`](Engine::execute), sending log lines to `logs`.
    ///
    /// ```no_run
    /// # async fn demo(engine: jsbox::Engine) -> Result<(), jsbox::Error> {
    /// let logs = jsbox::MemorySink::default();
    /// let script = "function execute() { console.warn('careful'); return 1 }";
    /// engine.execute_with_logs(&jsbox::Policy::default(), script, serde_json::json!(null), std::sync::Arc::new(logs.clone())).await?;
    /// assert_eq!(logs.lines()[0].1, "careful");
    /// # Ok(()) }
    /// ```
    pub async fn execute_with_logs(
        &self,
        policy: &Policy,
        script: &str,
        args: serde_json::Value,
        logs: Arc<dyn LogSink>,
    ) -> Result<Outcome, Error> {
        let args_json = serde_json::to_string(&args).map_err(Error::internal)?;
        sandbox::execute(&self.shared, policy, script, &args_json, logs).await
    }
}

/// Parses a JSON text into args for [`Engine::execute`], with the
/// `invalid-args` error a user should see when it is not JSON.
///
/// ```
/// assert_eq!(jsbox::parse_args(r#"{"a": 1}"#).unwrap()["a"], 1);
/// assert_eq!(jsbox::parse_args("{a: 1}").unwrap_err().kind(), "invalid-args");
/// ```
pub fn parse_args(json: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(json).map_err(|e| Error::InvalidArgs { message: format!("not a JSON value: {e}") })
}

/// Advances the engine's epoch every tick until dropped.
struct Ticker {
    stop: Arc<AtomicBool>,
}

impl Ticker {
    fn start(engine: wasmtime::Engine, tick: Duration) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::Builder::new()
            .name("jsbox-epoch".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(tick);
                    engine.increment_epoch();
                }
            })
            .expect("spawn the epoch thread");
        Ticker { stop }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
