//! The costly, shared part: wasmtime engines with a pooling allocator, the
//! pre-initialized guest linked against the host, the HTTP client, and the
//! epoch ticker that drives wall-clock deadlines. Create one [`Engine`] and
//! share it; every execution gets its own fresh, cheap sandbox.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use wasmtime::component::{HasSelf, Linker};
use wasmtime::{Enabled, InstanceAllocationStrategy, PoolingAllocationConfig};

use tracing::Instrument;

mod guest;

use crate::artifact::{self, Lease, Source};
use crate::bindings::jsbox::sandbox::host::{Completion, HelperError as WitHelperError, OpResult};
use crate::bindings::{SandboxIndices, SandboxPre};
use crate::bytecode::BytecodeCache;
use crate::durable::store_check_id as check_id;
use crate::durable::{self, Durable, Resume};
use crate::error::Error;
use crate::helpers::{HelperError, Helpers};
use crate::id::ExecutionId;
use crate::logging::LogSink;
use crate::modules::Modules;
use crate::network::Clients;
use crate::policy::Policy;
use crate::sandbox::execution::Execution;
use crate::sandbox::outcome::Outcome;
use crate::sandbox::outcome::{Run, Suspended};
use crate::sandbox::{self, Ended, Prepared, SandboxState};
use crate::units::display_size;

/// Settings of an [`Engine`], fixed for its lifetime.
///
/// ```
/// let config = jsbox::EngineConfig::default();
/// assert_eq!(config.max_concurrency, 1000);
/// let mut no_disk = jsbox::EngineConfig::default();
/// no_disk.cache_dir = None; // compile in every process instead
/// no_disk.max_concurrency = 64;
/// no_disk.bytecode_cache = 0; // parse every script every time
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EngineConfig {
    /// How often deadlines are checked (and busy scripts yield their thread).
    /// Timeouts are precise to about this much. Default 10 ms.
    pub epoch_tick: Duration,
    /// Sandboxes alive at once (the size of the instance pool). Further
    /// executions wait for a free slot before their clock starts. Default 1000.
    pub max_concurrency: u32,
    /// The largest memory limit a policy may set (the pool's slot size).
    /// Default 1 GiB.
    pub max_memory: u64,
    /// Where the compiled guest is cached between processes; `None` compiles
    /// in every process (≈1 s). Default: `$JSBOX_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/jsbox`, else `~/.cache/jsbox`. It does not grow
    /// across upgrades: an engine removes other versions' files when it
    /// starts, except those a running process holds (each engine keeps a
    /// shared lock on its own file while it lives).
    pub cache_dir: Option<PathBuf>,
    /// The embedder's functions scripts may call, when an execution's
    /// policy makes them visible ([`Policy::allow_helper`]). Default: none.
    pub helpers: Helpers,
    /// Platform modules scripts may import by name (`import { chunk } from
    /// "lodash"`), when an execution's policy makes them visible
    /// ([`Policy::allow_module`]). Default: none.
    pub modules: Modules,
    /// Bytes of compiled scripts kept in memory, by source text, so that
    /// running the same script again skips parsing it (only the bytecode is
    /// shared, never state: each execution still starts from a fresh
    /// sandbox). Least used entries go first; a script larger than a quarter
    /// of this is not kept; 0 turns the cache off. Executions under a fuel
    /// budget ([`Policy::fuel`]) always parse, so that the fuel a script uses
    /// is the same on every run. Default 64 MiB.
    pub bytecode_cache: u64,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            epoch_tick: Duration::from_millis(10),
            max_concurrency: 1000,
            max_memory: 1 << 30,
            cache_dir: artifact::default_cache_dir(),
            helpers: Helpers::default(),
            modules: Modules::default(),
            bytecode_cache: 64 << 20,
        }
    }
}

/// Runs scripts, each in a fresh sandbox. Costly to create (it loads or
/// compiles the guest); cheap to clone and share across tasks and threads.
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
    config: EngineConfig,
    pub(crate) http: Clients,
    /// Compiled scripts by source text.
    pub(crate) bytecode: Arc<BytecodeCache>,
    /// One permit per pool slot.
    slots: tokio::sync::Semaphore,
    /// Without fuel metering (≈5–11% faster): policies without a fuel budget.
    unmetered: Flavor,
    /// With fuel metering, built on the first policy that sets `fuel`.
    metered: tokio::sync::OnceCell<Flavor>,
}

/// A wasmtime engine configuration and the guest prepared for it, with the
/// lease on its cache file and the ticker of its epochs.
pub(crate) struct Flavor {
    prepared: Prepared,
    source: Source,
    _lease: Lease,
    _ticker: Ticker,
}

impl Engine {
    /// Loads the compiled guest from the cache (or snapshots and compiles it)
    /// and prepares the instance pool.
    pub fn new(config: EngineConfig) -> Result<Self, Error> {
        if config.max_concurrency == 0 {
            return Err(Error::InvalidPolicy { message: "max_concurrency must be at least 1".into() });
        }
        let http = Clients::new()?;
        let unmetered = Flavor::build(&config, &http, false)?;
        if let Some(dir) = &config.cache_dir {
            artifact::clean_up(dir, &guest::embedded());
        }
        // The first engine of the process decides where the compiled
        // TypeScript stripper is cached too.
        crate::modules::typescript::use_cache_dir(config.cache_dir.clone());
        let slots = tokio::sync::Semaphore::new(config.max_concurrency as usize);
        let bytecode = Arc::new(BytecodeCache::new(config.bytecode_cache));
        let shared = Shared { config, http, bytecode, slots, unmetered, metered: tokio::sync::OnceCell::new() };
        Ok(Engine { shared: Arc::new(shared) })
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
        self.run(policy, Execution::new(script).args(args)).await
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
        self.run(policy, Execution::new(script).args(args).logs(logs)).await
    }

    /// Runs an [`Execution`] (script, args, the embedder's context for its
    /// helpers, a log sink, an id) in a fresh sandbox under `policy`, inside
    /// a `tracing` span `jsbox.execution` carrying the execution's id.
    ///
    /// Dropping the returned future cancels the execution: its sandbox goes
    /// back to the pool at once, and the futures of its pending helper calls
    /// and requests are dropped.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), jsbox::Error> {
    /// use serde_json::json;
    /// let mut config = jsbox::EngineConfig::default();
    /// config.helpers.add_sync("crm.lookup", |call| {
    ///     Ok(json!({ "id": call.args[0], "tenant": call.context["tenant"] }))
    /// })?;
    /// let engine = jsbox::Engine::new(config)?;
    /// let execution = jsbox::Execution::new("function execute(a) { return crm.lookup(a.id) }")
    ///     .args(json!({"id": 7}))
    ///     .context(json!({"tenant": "acme"}));
    /// let out = engine.run(&jsbox::Policy::default().allow_helper("crm.lookup"), execution).await?;
    /// assert_eq!(out.result, json!({"id": 7, "tenant": "acme"}));
    /// assert_eq!(out.stats.helper_calls, 1);
    /// # Ok(()) }
    /// ```
    pub async fn run(&self, policy: &Policy, execution: Execution) -> Result<Outcome, Error> {
        let span = tracing::info_span!("jsbox.execution", id = %execution.id);
        self.run_in_span(policy, execution).instrument(span).await
    }

    async fn run_in_span(&self, policy: &Policy, execution: Execution) -> Result<Outcome, Error> {
        let (checked, flavor) = self.prepare(policy, &execution).await?;
        let _slot = self.shared.slots.acquire().await.map_err(Error::internal)?;
        match sandbox::execute(&flavor.prepared, &self.shared.bytecode, policy, checked, execution, None).await? {
            Ended::Done(outcome) => Ok(outcome),
            Ended::Suspended(_) => Err(Error::internal("a plain execution suspended")),
        }
    }

    /// TypeScript declarations (a `.d.ts` file) of everything a script may
    /// use under `policy`: jsbox's globals beyond ECMAScript (ES2023), each
    /// helper the policy makes visible as a function in its namespace —
    /// typed from its [`HelperSchema`](crate::HelperSchema), with its
    /// descriptions as JSDoc, `(...args: unknown[]) => unknown` when untyped —
    /// and the platform modules it may import. What a model reads before it
    /// writes a script (`jsbox types`, and `jsbox mcp`'s tool description).
    ///
    /// ```
    /// # fn main() -> Result<(), jsbox::Error> {
    /// use serde_json::json;
    /// let mut config = jsbox::EngineConfig::default();
    /// config.helpers.add_async("crm.lookup", |call| async move { Ok(call.args[0].clone()) })?;
    /// config.helpers.set_schema("crm.lookup", jsbox::HelperSchema::new(json!({
    ///     "type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]
    /// })).with_description("Looks a customer up."))?;
    /// let engine = jsbox::Engine::new(config)?;
    /// let types = engine.typescript(&jsbox::Policy::default().allow_helper("crm.*"))?;
    /// assert!(types.contains("declare const crm: {"));
    /// assert!(types.contains("/** Looks a customer up. */"));
    /// assert!(types.contains("id: number;"));
    /// # Ok(()) }
    /// ```
    pub fn typescript(&self, policy: &Policy) -> Result<String, Error> {
        policy.validate()?;
        let shared = &self.shared;
        let visible = policy.helpers.resolve(&shared.config.helpers, &crate::helpers::Helpers::new())?;
        let modules = policy.modules.resolve(&shared.config.modules, &crate::modules::Modules::default())?;
        let helpers =
            visible.typed().map(|(name, is_async, schema)| crate::declarations::Declared { name, is_async, schema });
        Ok(crate::declarations::typescript(helpers, &modules.names().collect::<Vec<_>>()))
    }

    /// Checks what every execution checks, and picks its flavor.
    async fn prepare(&self, policy: &Policy, execution: &Execution) -> Result<(sandbox::Checked, &Flavor), Error> {
        let shared = &self.shared;
        let (allow, secrets) = policy.checked()?;
        let visible = policy.helpers.resolve(&shared.config.helpers, &execution.helpers)?;
        let modules = policy.modules.resolve(&shared.config.modules, &execution.modules)?;
        if policy.memory > shared.config.max_memory {
            return Err(Error::InvalidPolicy {
                message: format!(
                    "memory limit {} bytes is above this engine's max_memory of {} bytes",
                    policy.memory, shared.config.max_memory
                ),
            });
        }
        let args_json = serde_json::to_string(&execution.args).map_err(Error::internal)?;
        // The embedder's own value, but the guest parses it: as deep as any
        // JSON jsbox exchanges, no deeper.
        crate::json::check_depth(args_json.as_bytes())
            .map_err(|e| Error::InvalidArgs { message: format!("the args are {e}") })?;
        let flavor = match policy.fuel {
            None => &shared.unmetered,
            Some(_) => self.metered().await?,
        };
        Ok((sandbox::Checked { allow, secrets, visible, modules, args_json }, flavor))
    }

    /// Runs an [`Execution`] that may suspend: when all the script awaits is
    /// helper calls answered later ([`HelperReply::Later`](crate::HelperReply::Later),
    /// an endpoint's `202 Accepted`) and timers at least
    /// [`Policy::suspend_timers_after`] away, its state is sealed into
    /// `durable`'s store and its sandbox freed: [`Run::Suspended`] says
    /// what it waits for, and [`resume`](Engine::resume) carries on, in
    /// this process or any other with the same jsbox build and key.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), jsbox::Error> {
    /// use serde_json::json;
    /// let mut config = jsbox::EngineConfig::default();
    /// config.helpers.add_durable("approval", |_call| async { jsbox::HelperReply::Later })?;
    /// let engine = jsbox::Engine::new(config)?;
    /// let durable = jsbox::Durable::new(jsbox::ContinuationKey::generate(), jsbox::FsStore::new("/var/lib/app/suspended")?);
    /// let policy = jsbox::Policy::default().allow_helper("approval");
    /// let script = "async function execute({ amount }) { const ok = await approval({ amount }); return { amount, ok } }";
    /// let run = engine.run_durable(&policy, jsbox::Execution::new(script).args(json!({"amount": 120})), &durable).await?;
    /// let suspended = run.suspended().expect("waits for the approval");
    /// let call = &suspended.pending[0];
    /// assert_eq!((call.helper.as_str(), &call.args[0]), ("approval", &json!({"amount": 120})));
    /// // ... later, perhaps in another process:
    /// let resume = jsbox::Resume::new(suspended.id.to_string()).result(call.call_id, json!(true));
    /// let outcome = engine.resume(&durable, resume).await?.done().expect("settled");
    /// assert_eq!(outcome.result, json!({"amount": 120, "ok": true}));
    /// # Ok(()) }
    /// ```
    pub async fn run_durable(&self, policy: &Policy, execution: Execution, durable: &Durable) -> Result<Run, Error> {
        let span = tracing::info_span!("jsbox.execution", id = %execution.id);
        async {
            check_id(execution.id.as_str())?;
            durable.check_tenant()?;
            let (checked, flavor) = self.prepare(policy, &execution).await?;
            let pristine = flavor.prepared.pristine().await?;
            let id = execution.id.clone();
            let _slot = self.shared.slots.acquire().await.map_err(Error::internal)?;
            let durability = sandbox::Durability { pristine, timers_after: policy.suspend_timers_after };
            let ended =
                sandbox::execute(&flavor.prepared, &self.shared.bytecode, policy, checked, execution, Some(durability))
                    .await?;
            drop(_slot);
            settle(durable, policy, &id, ended).await
        }
        .instrument(span)
        .await
    }

    /// What suspended execution `id` waits for, read from `durable`'s store
    /// without resuming it (`continuation-invalid` when there is none, or
    /// it is another tenant's).
    pub async fn inspect(&self, durable: &Durable, id: &str) -> Result<Suspended, Error> {
        check_id(id)?;
        let Some(sealed) = durable.store().load(id).await? else {
            return Err(Error::ContinuationInvalid { message: format!("no execution {id} is suspended here") });
        };
        let (_, saved, _) = durable::open(durable, &guest_build(), id, &sealed, self.shared.config.max_memory)?;
        let suspended_at = durable::from_unix_ms(saved.suspended_at_ms);
        Ok(Suspended {
            id: ExecutionId::from(id),
            pending: saved.pending,
            wake_at: saved.timer_ms.map(|ms| suspended_at + std::time::Duration::from_millis(ms)),
            size: sealed.len(),
            generation: saved.generation,
        })
    }

    /// Resumes a suspended execution with the results of (some of) its
    /// pending calls: restores its memory into a fresh sandbox, delivers
    /// them, and runs it until it settles or suspends again. The
    /// continuation is consumed: resuming it again is `continuation-used`.
    /// Limits hold across suspensions: `timeout` counts the time it ran or
    /// waited in memory, fuel and counts carry over, and
    /// [`Policy::max_suspended`] bounds the time it spent suspended
    /// (`continuation-expired` past it). See [`run_durable`](Engine::run_durable).
    pub async fn resume(&self, durable: &Durable, resume: Resume) -> Result<Run, Error> {
        let span = tracing::info_span!("jsbox.execution", id = %resume.id);
        async {
            check_id(&resume.id)?;
            durable.check_tenant()?;
            let id = resume.id.clone();
            let Some(sealed) = durable.store().load(&id).await? else {
                return Err(match durable.store().consumed(&id).await? {
                    Some(_) => Error::ContinuationUsed {
                        message: format!("execution {id} was already resumed, and is no longer suspended"),
                    },
                    None => Error::ContinuationInvalid { message: format!("no execution {id} is suspended here") },
                });
            };
            let (header, saved, image) =
                durable::open(durable, &guest_build(), &id, &sealed, self.shared.config.max_memory)?;
            let sealed_policy: Policy = serde_json::from_value(saved.policy.clone())
                .map_err(|_| Error::ContinuationInvalid { message: "the continuation's policy is malformed".into() })?;
            let policy = match resume.policy {
                Some(mut policy) => {
                    // The helpers it may call are the ones it ran with,
                    // whichever of them are given again.
                    policy.helpers.allow.clone_from(&sealed_policy.helpers.allow);
                    if serde_json::to_value(&policy).map_err(Error::internal)? != saved.policy {
                        return Err(Error::ContinuationInvalid {
                            message: format!("execution {id} was suspended under another policy"),
                        });
                    }
                    policy
                }
                None => sealed_policy,
            };
            let mut completions = Vec::with_capacity(resume.results.len());
            for (call_id, result) in resume.results {
                if !saved.pending.iter().any(|call| call.call_id == call_id) {
                    return Err(Error::InvalidArgs {
                        message: format!("execution {id} awaits no call {call_id} (it awaits {})", pending_ids(&saved)),
                    });
                }
                let max_result = policy.helpers.max_result_bytes;
                // A typed helper's result is checked when it arrives, as it
                // would have been had the helper answered at once.
                let helper = saved.pending.iter().find(|call| call.call_id == call_id).map(|call| call.helper.as_str());
                let result = match helper {
                    Some(name) => {
                        policy.helpers.check_result(&self.shared.config.helpers, &resume.helpers, name, result)
                    }
                    None => result,
                };
                let outcome = crate::helpers::finish(result, max_result)
                    .map_err(|e| WitHelperError { message: e.message, code: e.code });
                completions.push(Completion { id: call_id, outcome: OpResult::Helper(outcome) });
            }
            // A helper it may call but nobody gave again fails when called
            // (code `unavailable`) rather than failing the resume.
            let mut helpers = resume.helpers;
            for name in policy.helpers.allow.iter().filter(|entry| !entry.ends_with(".*")) {
                let given = |h: &Helpers| h.names().any(|n| n == name);
                if !given(&helpers) && !given(&self.shared.config.helpers) {
                    let message = format!("{name} was not given to this resume of the execution");
                    helpers.add_sync(name, move |_| Err(HelperError::new(message.clone()).with_code("unavailable")))?;
                }
            }
            let context = resume.context.unwrap_or_else(|| saved.context.clone());
            let execution = Execution::new("")
                .with_id(ExecutionId::from(id.clone()))
                .context(context)
                .logs(resume.logs)
                .helpers(helpers)
                .modules(resume.modules);
            let (checked, flavor) = self.prepare(&policy, &execution).await?;
            let pristine = flavor.prepared.pristine().await?;
            if !durable.store().consume(&id, header.generation).await? {
                return Err(Error::ContinuationUsed {
                    message: format!("execution {id} was already resumed from this suspension"),
                });
            }
            let _slot = self.shared.slots.acquire().await.map_err(Error::internal)?;
            let carried = sandbox::Carried { saved, image, completions };
            let ended = sandbox::resume(&flavor.prepared, pristine, &policy, checked, execution, carried).await;
            drop(_slot);
            match ended {
                Ok(ended) => settle(durable, &policy, &ExecutionId::from(id), ended).await,
                Err(error) => {
                    durable.store().remove(&id).await.ok();
                    Err(error)
                }
            }
        }
        .instrument(span)
        .await
    }

    async fn metered(&self) -> Result<&Flavor, Error> {
        let shared = &self.shared;
        shared
            .metered
            .get_or_try_init(|| async {
                let (config, http) = (shared.config.clone(), shared.http.clone());
                tokio::task::spawn_blocking(move || Flavor::build(&config, &http, true))
                    .await
                    .map_err(Error::internal)?
            })
            .await
    }

    /// Whether the unmetered guest came from the disk cache (for tests).
    #[doc(hidden)]
    pub fn loaded_from_cache(&self) -> bool {
        self.shared.unmetered.source == Source::Cache
    }
}

/// Stores a suspension, or forgets a continuation whose execution ended.
async fn settle(durable: &Durable, policy: &Policy, id: &ExecutionId, ended: Ended) -> Result<Run, Error> {
    match ended {
        Ended::Done(outcome) => {
            durable.store().remove(id.as_str()).await?;
            Ok(Run::Done(outcome))
        }
        Ended::Suspended(suspension) => {
            let sandbox::Suspension { saved, image } = *suspension;
            let now = std::time::SystemTime::now();
            let left = policy.max_suspended.saturating_sub(std::time::Duration::from_micros(saved.suspended_us));
            let expires = now.checked_add(left).unwrap_or(now);
            let sealed = durable::seal(durable, &guest_build(), id.as_str(), &saved, &image, expires)?;
            let size = sealed.len();
            let wake_at = saved.timer_ms.map(|ms| now + std::time::Duration::from_millis(ms));
            let mut entry = durable::Entry::new(sealed, saved.generation);
            entry.tenant = durable.tenant_name().to_string();
            entry.wake_at = wake_at;
            durable.store().save(id.as_str(), entry).await?;
            Ok(Run::Suspended(Suspended {
                id: id.clone(),
                pending: saved.pending,
                wake_at,
                size,
                generation: saved.generation,
            }))
        }
    }
}

fn pending_ids(saved: &durable::Saved) -> String {
    let ids: Vec<String> = saved.pending.iter().map(|call| call.call_id.to_string()).collect();
    if ids.is_empty() { "no helper call".into() } else { format!("calls {}", ids.join(", ")) }
}

/// The guest build continuations are bound to: hex of its SHA-256.
pub(crate) fn guest_build() -> String {
    guest::GUEST.hex_digest()
}

impl Flavor {
    fn build(config: &EngineConfig, http: &Clients, metered: bool) -> Result<Flavor, Error> {
        // What fails here is reserving the pool: address space for
        // `max_concurrency` slots of `max_memory` each.
        let engine = wasmtime::Engine::new(&wasm_config(config, metered)).map_err(|e| Error::InvalidPolicy {
            message: format!(
                "cannot reserve the instance pool for {} sandboxes of up to {} each ({e}): lower max_concurrency or max_memory",
                config.max_concurrency,
                display_size(config.max_memory)
            ),
        })?;
        let mut linker = Linker::<SandboxState>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker).map_err(Error::internal)?;
        crate::bindings::Sandbox::add_to_linker::<_, HasSelf<SandboxState>>(&mut linker, |state| state)
            .map_err(Error::internal)?;
        let init_state = || SandboxState::for_snapshot(http.clone());
        let (component, source, lease) = guest::load(&engine, &linker, config.cache_dir.as_deref(), init_state)?;
        let pre =
            SandboxPre::new(linker.instantiate_pre(&component).map_err(Error::internal)?).map_err(Error::internal)?;
        let ticker = Ticker::start(engine.clone(), config.epoch_tick);
        let indices = SandboxIndices::new(pre.instance_pre()).map_err(Error::internal)?;
        let prepared =
            Prepared { engine, pre, indices, metered, pristine: tokio::sync::OnceCell::new(), http: http.clone() };
        Ok(Flavor { prepared, source, _lease: lease, _ticker: ticker })
    }
}

/// The wasmtime configuration: component model, epochs, fuel when metered,
/// and a pooling allocator with copy-on-write memory images.
fn wasm_config(config: &EngineConfig, metered: bool) -> wasmtime::Config {
    // Per sandbox: the guest, the WASI adapter and the small glue modules
    // wit-component generates.
    const CORE_INSTANCES: u32 = 8;
    const MEMORIES: u32 = 2;
    const TABLES: u32 = 4;
    let n = config.max_concurrency;
    let mut pool = PoolingAllocationConfig::new();
    pool.total_component_instances(n)
        .total_core_instances(n.saturating_mul(CORE_INSTANCES))
        .total_memories(n.saturating_mul(MEMORIES))
        .total_tables(n.saturating_mul(TABLES))
        .total_stacks(n)
        .max_core_instances_per_component(CORE_INSTANCES)
        .max_memories_per_component(MEMORIES)
        .max_tables_per_component(TABLES)
        .max_memory_size(config.max_memory as usize)
        // Reused slots keep their pages instead of faulting them back in;
        // pagemap_scan (Linux ≥ 6.7) resets only the pages that were dirtied.
        .linear_memory_keep_resident(16 << 20)
        .pagemap_scan(Enabled::Auto)
        // Likewise tables: decommitting them after every execution costs page
        // faults and TLB-shootdown IPIs on the next. Fiber stacks are not kept
        // (measured: no difference at p50), so a script that used a deep stack
        // leaves nothing resident behind.
        .table_keep_resident(1 << 20);
    let mut wasm = wasmtime::Config::new();
    #[cfg(feature = "perf-map")]
    if std::env::var_os("JSBOX_PERF_MAP").is_some_and(|v| v == "1") {
        // Guest functions by name in `perf report` (feature `perf-map`).
        wasm.profiler(wasmtime::ProfilingStrategy::PerfMap);
    }
    wasm.wasm_component_model(true)
        .epoch_interruption(true)
        .consume_fuel(metered)
        .memory_init_cow(true)
        // Room for QuickJS's own stack check (on the shadow stack in linear
        // memory, see guest/third_party/rquickjs-sys) to fire before the native Wasm
        // stack runs out, so deep recursion, deeply nested JSON.parse and
        // JSON.stringify are catchable RangeErrors, not traps. Measured: 4 MiB
        // is not enough for JSON.stringify of a 100k-deep object; 8 MiB is.
        .max_wasm_stack(8 << 20)
        .async_stack_size(9 << 20)
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    wasm
}

/// Parses a JSON text into args for [`Engine::execute`], with the
/// `invalid-args` error a user should see when it is not JSON.
///
/// ```
/// assert_eq!(jsbox::parse_args(r#"{"a": 1}"#).unwrap()["a"], 1);
/// assert_eq!(jsbox::parse_args("{a: 1}").unwrap_err().kind(), "invalid-args");
/// ```
pub fn parse_args(json: &str) -> Result<serde_json::Value, Error> {
    crate::json::from_str(json).map_err(|e| Error::InvalidArgs { message: format!("not a JSON value: {e}") })
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
