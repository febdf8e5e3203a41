//! One execution: a fresh Store and instance, the limits of its policy, the
//! host side of the guest's imports, and the mapping of how it ended to an
//! [`Outcome`] or an [`Error`].

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use wasmtime::component::Instance;
use wasmtime::{Store, UpdateDeadline};
use wasmtime_wasi::{ResourceTable, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

pub(crate) mod execution;
pub(crate) mod outcome;

use crate::bindings::jsbox::sandbox::host::{self, Completion, HelperError, HttpRequest, LogLevel, ModuleCode};
use crate::bindings::{
    HelperDecl, RunContext, RunStatus, Sandbox, SandboxIndices, SandboxPre, ScriptCode, ScriptError, ScriptErrorKind,
};
use crate::bytecode::{BytecodeCache, Offer};
use crate::durable::{Image, Pristine, Saved};
use crate::error::Error;
use crate::helpers::{HelperSession, Visible};
use crate::json::{self, JsonError};
use crate::logging::{CappedLog, LogLimitExceeded, LogSink, TracingSink};
use crate::modules::session::ModuleSession;
use crate::modules::{Language, Visible as VisibleModules};
use crate::network::{Clients, Session};
use crate::ops::Ops;
use crate::policy::Policy;
use crate::policy::hosts::AllowList;
use crate::policy::secrets::Secrets;
use crate::units::display_size;
use execution::Execution;
use outcome::{Outcome, Stats};

/// The store data of one execution.
pub(crate) struct SandboxState {
    wasi: WasiCtx,
    table: ResourceTable,
    memory: MemoryLimiter,
    ops: Ops,
    net: Session,
    helpers: HelperSession,
    log: CappedLog,
    /// Where the script's bytecode goes, when this execution offers it.
    offer: Option<Offer>,
    /// The platform modules this execution may import, and their offers.
    modules: ModuleSession,
}

impl WasiView for SandboxState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

impl host::Host for SandboxState {
    fn log(&mut self, level: LogLevel, message: String) -> wasmtime::Result<()> {
        // A refused line traps: the script cannot catch it and go on.
        self.log.log(level, &message).map_err(wasmtime::Error::new)
    }

    fn start_http(&mut self, request: HttpRequest) -> wasmtime::Result<u32> {
        Ok(self.net.start(&mut self.ops, request))
    }

    fn call_helper(&mut self, name: String, args_json: String) -> wasmtime::Result<Result<String, HelperError>> {
        Ok(self.helpers.call(name, args_json))
    }

    fn start_helper(&mut self, name: String, args_json: String) -> wasmtime::Result<u32> {
        Ok(self.helpers.start(&mut self.ops, name, args_json))
    }

    fn compiled(&mut self, bytecode: Option<Vec<u8>>) -> wasmtime::Result<()> {
        // Accepted once, and only when asked for: the guest answers right
        // after parsing, before the script runs, and a later call finds the
        // offer closed. Memory the guest was refused so far can only have
        // been refused while serializing (anything earlier failing would
        // have ended the execution before this): the bytecode is then not
        // kept, and the execution is not counted as over its limit for it.
        // A call with no offer open changes nothing, so the memory-limit
        // flag is only ever cleared before the script runs.
        let Some(offer) = self.offer.take() else { return Ok(()) };
        let refused = std::mem::take(&mut self.memory.refused);
        if let (Some(bytecode), false) = (bytecode, refused) {
            offer.fulfil(&bytecode);
        }
        Ok(())
    }

    fn load_module(&mut self, name: String) -> wasmtime::Result<Result<ModuleCode, String>> {
        Ok(self.modules.load(&name))
    }

    fn module_compiled(&mut self, name: String, bytecode: Option<Vec<u8>>) -> wasmtime::Result<()> {
        // As `compiled`: only what was offered, before the script runs, and
        // not when memory was refused on the way (serializing).
        let memory = &mut self.memory;
        self.modules.compiled(&name, bytecode, || !std::mem::take(&mut memory.refused));
        Ok(())
    }

    fn running(&mut self) -> wasmtime::Result<()> {
        // From here on the script's own code runs: nothing it could have
        // influenced is kept.
        self.modules.start_running();
        self.offer = None;
        Ok(())
    }

    fn cancel(&mut self, id: u32) -> wasmtime::Result<bool> {
        Ok(self.ops.cancel(id))
    }
}

/// Enforces the memory limit and remembers whether it ever refused growth:
/// QuickJS turns a refused allocation into a catchable JS exception, but the
/// execution must still end as `memory-limit`.
struct MemoryLimiter {
    limit: u64,
    peak: u64,
    refused: bool,
}

impl wasmtime::ResourceLimiter for MemoryLimiter {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if desired as u64 > self.limit {
            self.refused = true;
            return Ok(false);
        }
        self.peak = self.peak.max(desired as u64);
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        // The guest never grows tables by much; a runaway one is refused.
        Ok(desired <= 100_000)
    }
}

/// What the engine checked and prepared for one execution.
pub(crate) struct Checked {
    /// The policy's parsed allow-list.
    pub(crate) allow: AllowList,
    /// The policy's secrets, with their values.
    pub(crate) secrets: Secrets,
    /// The helpers the policy makes visible.
    pub(crate) visible: Visible,
    /// The platform modules the policy makes visible.
    pub(crate) modules: VisibleModules,
    /// The args as JSON text.
    pub(crate) args_json: String,
}

impl SandboxState {
    /// State for one execution under `policy`.
    fn new(
        http: Clients,
        policy: &Policy,
        allow: AllowList,
        secrets: Secrets,
        visible: Visible,
        execution: &Execution,
        logs: Arc<dyn LogSink>,
    ) -> Self {
        let helpers = HelperSession::new(
            visible,
            &policy.helpers,
            execution.context.clone(),
            execution.id.clone(),
            http.operator(),
        );
        SandboxState {
            // Deny-all WASI: no files, env, args, sockets or stdio.
            wasi: WasiCtxBuilder::new().build(),
            table: ResourceTable::new(),
            memory: MemoryLimiter { limit: policy.memory, peak: 0, refused: false },
            ops: Ops::default(),
            net: Session::new(http, policy.network.clone(), allow, secrets),
            helpers,
            log: CappedLog::new(logs, policy.max_log_bytes, policy.max_log_lines),
            offer: None,
            modules: ModuleSession::default(),
        }
    }

    /// State for the snapshot's `init`: the default policy, nothing visible.
    pub(crate) fn for_snapshot(http: Clients) -> Self {
        let policy = Policy::default();
        let execution = Execution::new("");
        let (allow, secrets, visible) = (AllowList::default(), Secrets::default(), Visible::default());
        SandboxState::new(http, &policy, allow, secrets, visible, &execution, Arc::new(TracingSink))
    }
}

/// A wasmtime engine and the guest prepared for it: what a sandbox is
/// instantiated from (the engine builds one per flavor, metered or not).
pub(crate) struct Prepared {
    pub(crate) engine: wasmtime::Engine,
    pub(crate) pre: SandboxPre<SandboxState>,
    pub(crate) indices: SandboxIndices,
    /// Whether the engine meters fuel.
    pub(crate) metered: bool,
    /// The pristine memory suspended executions are diffed against, read
    /// on the first durable run.
    pub(crate) pristine: tokio::sync::OnceCell<Pristine>,
    pub(crate) http: Clients,
}

impl Prepared {
    async fn instantiate(&self, store: &mut Store<SandboxState>) -> wasmtime::Result<(Instance, Sandbox)> {
        let instance = self.pre.instance_pre().instantiate_async(&mut *store).await?;
        let sandbox = self.indices.load(&mut *store, &instance)?;
        Ok((instance, sandbox))
    }

    /// The pristine image, read from a fresh instance the first time.
    pub(crate) async fn pristine(&self) -> Result<&Pristine, Error> {
        self.pristine
            .get_or_try_init(|| async {
                let mut store = Store::new(&self.engine, SandboxState::for_snapshot(self.http.clone()));
                store.set_fuel(u64::MAX).ok();
                // Reading takes no time worth bounding (a deadline of
                // u64::MAX ticks would wrap past the engine's epoch).
                store.set_epoch_deadline(1);
                store.epoch_deadline_callback(|_| Ok(UpdateDeadline::Continue(1)));
                let (instance, sandbox) = self.instantiate(&mut store).await.map_err(Error::internal)?;
                Pristine::read(&mut store, &instance, &sandbox).await
            })
            .await
    }
}

/// What a durable execution needs beyond a plain one.
pub(crate) struct Durability<'a> {
    pub(crate) pristine: &'a Pristine,
    /// Suspend on timers at least this far away.
    pub(crate) timers_after: Option<Duration>,
}

/// How an execution (or a durable execution's leg) ended.
pub(crate) enum Ended {
    Done(Outcome),
    Suspended(Box<Suspension>),
}

/// A suspended execution: what the host knows, and the memory's image.
pub(crate) struct Suspension {
    pub(crate) saved: Saved,
    pub(crate) image: Image,
}

/// Where a resumed execution carries on from.
pub(crate) struct Carried {
    pub(crate) saved: Saved,
    pub(crate) image: Image,
    pub(crate) completions: Vec<Completion>,
}

/// The guest's monotonic clock in a durable execution: it goes on across
/// suspensions (by the wall-clock time spent suspended), from whichever
/// process resumes it.
struct GuestClock {
    origin: Instant,
    base_ns: u64,
}

impl GuestClock {
    fn now_ns(&self) -> u64 {
        self.base_ns.saturating_add(self.origin.elapsed().as_nanos() as u64)
    }
}

/// Runs one execution in a fresh instance of `flavor`'s pre-initialized
/// guest; with `durable`, it may suspend.
pub(crate) async fn execute(
    flavor: &Prepared,
    bytecode: &Arc<BytecodeCache>,
    policy: &Policy,
    checked: Checked,
    mut execution: Execution,
    durable: Option<Durability<'_>>,
) -> Result<Ended, Error> {
    let started = Instant::now();
    let deadline = deadline_after(started, policy.timeout);
    let Checked { allow, secrets, visible, modules, args_json } = checked;
    let source = std::mem::take(&mut execution.script);
    // Under a fuel budget every execution parses: fuel used stays the same
    // from one run of a script to the next.
    let metered = policy.fuel.is_some();
    let caching = bytecode.enabled() && !metered;
    let script_name = execution.language.script_name();
    let cached = if metered { None } else { bytecode.get(&execution.cache_scope, script_name, &source) };
    let (script, offer) = match cached {
        Some(compiled) => (ScriptCode::Bytecode(compiled.to_vec()), None),
        None => {
            let offer = caching.then(|| {
                Offer::new(bytecode.clone(), execution.cache_scope.clone(), script_name.into(), source.as_str().into())
            });
            let text = match execution.language {
                Language::JavaScript => source,
                Language::TypeScript => {
                    crate::modules::typescript::strip(&source, script_name, Some((deadline, policy.timeout)))?
                }
            };
            (ScriptCode::Source(text), offer)
        }
    };
    let cached_bytecode = matches!(script, ScriptCode::Bytecode(_));
    let context = RunContext {
        helpers: visible.declarations().map(|(name, is_async)| HelperDecl { name: name.into(), is_async }).collect(),
        secrets: secrets.names().map(str::to_owned).collect(),
        offer_bytecode: offer.is_some(),
        modules: modules.names().map(str::to_owned).collect(),
        script_name: script_name.into(),
    };
    let mut state =
        SandboxState::new(flavor.http.clone(), policy, allow, secrets, visible, &execution, execution.logs.clone());
    state.offer = offer;
    state.modules = ModuleSession::new(
        modules,
        caching.then(|| (bytecode.clone(), execution.cache_scope.clone())),
        Some((deadline, policy.timeout)),
    );
    let clock = durable.as_ref().map(|_| GuestClock { origin: started, base_ns: 0 });
    let mut leg = Leg::new(flavor, state, policy, deadline, clock, None)?;
    let result = {
        let run = async {
            // The snapshot already ran `init`: the runtime and shims are ready.
            let (instance, sandbox) = flavor.instantiate(&mut leg.store).await?;
            let status = sandbox.call_run(&mut leg.store, &script, &args_json, &context).await?;
            let timers_after = durable.as_ref().map(|d| d.timers_after);
            let ended = drive(&mut leg.store, &sandbox, status, timers_after).await?;
            Ok::<_, wasmtime::Error>((instance, ended))
        };
        tokio::time::timeout_at(deadline.into(), run).await
    };
    let base = Base { started, cached_bytecode, id: execution.id, generation: 0, carried: None };
    leg.finish(result, policy, base, durable.map(|d| d.pristine)).await
}

/// Resumes a suspended execution in a fresh instance: its image restored,
/// its completions delivered.
pub(crate) async fn resume(
    flavor: &Prepared,
    pristine: &Pristine,
    policy: &Policy,
    checked: Checked,
    execution: Execution,
    carried: Carried,
) -> Result<Ended, Error> {
    let started = Instant::now();
    let Carried { saved, image, completions } = carried;
    let used = Duration::from_micros(saved.active_us);
    let Some(left) = policy.timeout.checked_sub(used).filter(|left| !left.is_zero()) else {
        return Err(Error::Timeout { timeout: policy.timeout });
    };
    let deadline = deadline_after(started, left);
    let Checked { allow, secrets, visible, modules, .. } = checked;
    let mut state =
        SandboxState::new(flavor.http.clone(), policy, allow, secrets, visible, &execution, execution.logs.clone());
    state.modules = ModuleSession::new(modules, None, Some((deadline, policy.timeout)));
    // The modules and bytecode offers closed before the script first ran.
    state.modules.start_running();
    state.ops = Ops::resumed(
        saved.next_op,
        saved.pending.iter().filter(|p| !completions.iter().any(|c| c.id == p.call_id)).cloned().collect(),
    );
    state.net.carry(saved.http_requests);
    state.helpers.carry(saved.helper_attempts, saved.helper_calls);
    state.log.carry(saved.log_bytes, saved.log_lines);
    state.memory.peak = saved.peak_memory;
    let suspended_for =
        SystemTime::now().duration_since(crate::durable::from_unix_ms(saved.suspended_at_ms)).unwrap_or_default();
    let clock = GuestClock { origin: started, base_ns: saved.clock_ns.saturating_add(suspended_for.as_nanos() as u64) };
    let fuel_used = saved.fuel_used;
    let mut saved = saved;
    saved.suspended_us = saved.suspended_us.saturating_add(suspended_for.as_micros() as u64);
    let mut leg = Leg::new(flavor, state, policy, deadline, Some(clock), fuel_used)?;
    let result = {
        let run = async {
            let (instance, sandbox) = flavor.instantiate(&mut leg.store).await?;
            image.restore(&mut leg.store, &sandbox, pristine, policy.memory).await.map_err(wasmtime::Error::new)?;
            let status = sandbox.call_resume(&mut leg.store, &completions).await?;
            let ended = drive(&mut leg.store, &sandbox, status, Some(policy.suspend_timers_after)).await?;
            Ok::<_, wasmtime::Error>((instance, ended))
        };
        tokio::time::timeout_at(deadline.into(), run).await
    };
    let generation = saved.generation;
    let base =
        Base { started, cached_bytecode: saved.cached_bytecode, id: execution.id, generation, carried: Some(saved) };
    leg.finish(result, policy, base, Some(pristine)).await
}

/// `start + timeout`, saturating (`Policy::checked` bounds the timeout).
fn deadline_after(start: Instant, timeout: Duration) -> Instant {
    start.checked_add(timeout).unwrap_or(start + Duration::from_secs(365 * 24 * 3600))
}

/// What the end of a leg reports besides its own counters.
struct Base {
    started: Instant,
    cached_bytecode: bool,
    id: crate::ExecutionId,
    /// Suspensions before this leg.
    generation: u32,
    /// The previous legs, when resumed.
    carried: Option<Saved>,
}

/// One leg of an execution: its store, under its limits.
struct Leg {
    store: Store<SandboxState>,
    clock: Option<Arc<GuestClock>>,
    fuel_budget: Option<u64>,
    /// Fuel used by earlier legs.
    fuel_before: u64,
}

impl Leg {
    fn new(
        flavor: &Prepared,
        mut state: SandboxState,
        policy: &Policy,
        deadline: Instant,
        clock: Option<GuestClock>,
        fuel_before: Option<u64>,
    ) -> Result<Leg, Error> {
        let clock = clock.map(Arc::new);
        if let Some(clock) = &clock {
            state.helpers.allow_later();
            state.wasi = WasiCtxBuilder::new().monotonic_clock(SharedClock(clock.clone())).build();
        }
        let mut store = Store::new(&flavor.engine, state);
        store.limiter(|state| &mut state.memory);
        let fuel_budget = policy.fuel.filter(|_| flavor.metered);
        let fuel_before = fuel_before.unwrap_or(0);
        if let Some(budget) = fuel_budget {
            let left = budget.checked_sub(fuel_before).filter(|&left| left > 0).ok_or(Error::Fuel { budget })?;
            store.set_fuel(left).map_err(Error::internal)?;
        }
        // Every epoch tick: past the deadline, trap; otherwise yield, so a busy
        // script shares its thread and the async timeout below can fire.
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(move |_| {
            Ok(if Instant::now() >= deadline { UpdateDeadline::Interrupt } else { UpdateDeadline::Yield(1) })
        });
        Ok(Leg { store, clock, fuel_budget, fuel_before })
    }

    /// Maps how the leg ended to an outcome, an error, or a suspension.
    async fn finish(
        mut self,
        result: Result<wasmtime::Result<(Instance, Drove)>, tokio::time::error::Elapsed>,
        policy: &Policy,
        base: Base,
        pristine: Option<&Pristine>,
    ) -> Result<Ended, Error> {
        let limit_error = Error::MemoryLimit { limit: policy.memory };
        let refused = self.store.data().memory.refused;
        let (instance, drove) = match result {
            Err(_elapsed) => return Err(Error::Timeout { timeout: policy.timeout }),
            Ok(_) if refused => return Err(limit_error),
            Ok(Err(trap)) => return Err(trap_error(trap, policy)),
            Ok(Ok(ended)) => ended,
        };
        // This leg started with what earlier legs left of the budget.
        let fuel_used = self.fuel_budget.map(|budget| {
            let left = self.store.get_fuel().unwrap_or(0);
            self.fuel_before + (budget - self.fuel_before).saturating_sub(left)
        });
        let carried = base.carried.as_ref();
        let active_us = carried.map_or(0, |c| c.active_us) + base.started.elapsed().as_micros() as u64;
        let json = match drove {
            Drove::Done(result) => result,
            Drove::Waiting(timer_ms) => {
                let (Some(pristine), Some(clock)) = (pristine, &self.clock) else {
                    return Err(Error::internal("a plain execution cannot suspend"));
                };
                let image = Image::capture(&mut self.store, &instance, pristine).await?;
                let state = self.store.data();
                let saved = Saved {
                    policy: serde_json::to_value(policy).map_err(Error::internal)?,
                    context: state.helpers.context().clone(),
                    pending: state.ops.later().cloned().collect(),
                    next_op: state.ops.peek_next_id(),
                    timer_ms,
                    active_us,
                    suspended_us: carried.map_or(0, |c| c.suspended_us),
                    suspended_at_ms: crate::durable::unix_ms(SystemTime::now()),
                    clock_ns: clock.now_ns(),
                    fuel_used,
                    peak_memory: state.memory.peak,
                    http_requests: state.net.requests_sent(),
                    helper_attempts: state.helpers.attempts(),
                    helper_calls: state.helpers.calls(),
                    log_bytes: state.log.bytes(),
                    log_lines: state.log.lines(),
                    cached_bytecode: base.cached_bytecode,
                    generation: base.generation + 1,
                };
                return Ok(Ended::Suspended(Box::new(Suspension { saved, image })));
            }
        };
        let state = self.store.data();
        let result = match json {
            Ok(json) if json.len() as u64 > policy.max_result_bytes => Err(Error::OutputLimit {
                message: format!(
                    "the result is {} of JSON, over the limit of {} (max_result_bytes)",
                    display_size(json.len() as u64),
                    display_size(policy.max_result_bytes)
                ),
            }),
            Ok(json) => json::from_guest(&json).map_err(|e| match e {
                JsonError::TooDeep { limit, .. } => Error::OutputLimit {
                    message: format!("the result is nested more than {limit} levels deep, over jsbox's limit for JSON"),
                },
                JsonError::Invalid(e) => Error::internal(format!("the guest returned invalid JSON: {e}")),
            }),
            Err(script_error) => Err(script_error.into()),
        };
        let result = result?;
        let stats = Stats {
            fuel_used,
            peak_memory: state.memory.peak,
            wall_time_us: active_us,
            http_requests: state.net.requests_sent(),
            helper_calls: state.helpers.calls(),
            cached_bytecode: base.cached_bytecode,
            cached_modules: state.modules.cached(),
        };
        Ok(Ended::Done(Outcome { id: base.id, result, stats }))
    }
}

/// A [`GuestClock`] the WASI context and the leg share.
struct SharedClock(Arc<GuestClock>);

impl wasmtime_wasi::HostMonotonicClock for SharedClock {
    fn resolution(&self) -> u64 {
        1
    }

    fn now(&self) -> u64 {
        self.0.now_ns()
    }
}

/// How [`drive`] left the guest.
enum Drove {
    /// `execute` settled.
    Done(Result<String, ScriptError>),
    /// Everything it awaits was answered later, or is a timer this many ms
    /// (at least `timers_after`) away: a durable execution suspends here.
    Waiting(Option<u64>),
}

/// Serves a guest that is `waiting`: awaits what it waits for (operations,
/// or its next timer) and resumes it, until `execute` settles, or, in a
/// durable execution (`timers_after` is `Some`), until all it awaits is
/// helper calls answered later and timers at least `timers_after` away.
async fn drive(
    store: &mut Store<SandboxState>,
    sandbox: &Sandbox,
    mut status: RunStatus,
    timers_after: Option<Option<Duration>>,
) -> wasmtime::Result<Drove> {
    loop {
        match status {
            RunStatus::Done(result) => return Ok(Drove::Done(result)),
            RunStatus::Waiting(due_in) => {
                if let Some(timers_after) = timers_after
                    && store.data().ops.only_later()
                {
                    let far = match due_in {
                        None => true,
                        Some(ms) => timers_after.is_some_and(|after| Duration::from_millis(ms) >= after),
                    };
                    if far {
                        return Ok(Drove::Waiting(due_in));
                    }
                }
                let completions = store.data_mut().ops.wait(due_in.map(Duration::from_millis)).await;
                status = sandbox.call_resume(&mut *store, &completions).await?;
            }
        }
    }
}

fn trap_error(error: wasmtime::Error, policy: &Policy) -> Error {
    if let Some(LogLimitExceeded(message)) = error.downcast_ref::<LogLimitExceeded>() {
        return Error::OutputLimit { message: message.clone() };
    }
    match error.downcast_ref::<wasmtime::Trap>() {
        Some(wasmtime::Trap::OutOfFuel) => Error::Fuel { budget: policy.fuel.unwrap_or(u64::MAX) },
        Some(wasmtime::Trap::Interrupt) => Error::Timeout { timeout: policy.timeout },
        // QuickJS's own check normally throws a catchable RangeError first;
        // this is the backstop if native frames outgrow `max_wasm_stack`.
        Some(wasmtime::Trap::StackOverflow) => {
            Error::Exception { message: "RangeError: Maximum call stack size exceeded".into(), stack: None }
        }
        _ => Error::internal(format!("the sandbox trapped: {error:?}")),
    }
}

/// Longest error message or stack kept from the guest: a script may throw a
/// string of many megabytes, which no log or terminal should receive whole.
const MAX_MESSAGE_BYTES: usize = 16 << 10;

fn clip(mut text: String) -> String {
    if text.len() > MAX_MESSAGE_BYTES {
        let total = text.len();
        let end = text.floor_char_boundary(MAX_MESSAGE_BYTES);
        text.truncate(end);
        text.push_str(&format!("… [{} more bytes]", total - end));
    }
    text
}

impl From<ScriptError> for Error {
    fn from(e: ScriptError) -> Self {
        let message = clip(e.message);
        match e.kind {
            ScriptErrorKind::Syntax => Error::Syntax { message },
            ScriptErrorKind::MissingExecute => Error::MissingExecute { message },
            ScriptErrorKind::Exception => Error::Exception { message, stack: e.stack.map(clip) },
            ScriptErrorKind::NetworkDenied => Error::NetworkDenied { message },
            ScriptErrorKind::InvalidArgs => Error::InvalidArgs { message },
            ScriptErrorKind::Helper => Error::Helper { message, code: e.code },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_clipped_on_a_char_boundary() {
        let clipped = clip("é".repeat(MAX_MESSAGE_BYTES));
        assert!(clipped.len() < MAX_MESSAGE_BYTES + 40);
        assert!(
            clipped.ends_with(&format!("… [{} more bytes]", MAX_MESSAGE_BYTES)),
            "{}",
            &clipped[clipped.len() - 40..]
        );
        assert_eq!(clip("short".into()), "short");
    }
}
