//! One execution: a fresh Store and instance, the limits of its policy, the
//! host side of the guest's imports, and the mapping of how it ended to an
//! [`Outcome`] or an [`Error`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::{Store, UpdateDeadline};
use wasmtime_wasi::{ResourceTable, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

pub(crate) mod execution;
pub(crate) mod outcome;

use crate::bindings::jsbox::sandbox::host::{self, Completion, HelperError, HttpRequest, LogLevel, ModuleCode};
use crate::bindings::{HelperDecl, RunContext, SandboxPre, ScriptCode, ScriptError, ScriptErrorKind};
use crate::bytecode::{BytecodeCache, Offer};
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

    async fn wait(&mut self, timeout_ms: Option<u64>) -> wasmtime::Result<Vec<Completion>> {
        Ok(self.ops.wait(timeout_ms.map(std::time::Duration::from_millis)).await)
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
    /// Whether the engine meters fuel.
    pub(crate) metered: bool,
}

/// Runs one execution in a fresh instance of `flavor`'s pre-initialized guest.
pub(crate) async fn execute(
    flavor: &Prepared,
    http: &Clients,
    bytecode: &Arc<BytecodeCache>,
    policy: &Policy,
    checked: Checked,
    mut execution: Execution,
) -> Result<Outcome, Error> {
    let started = Instant::now();
    // Policy::checked bounds the timeout; saturate all the same.
    let deadline = started.checked_add(policy.timeout).unwrap_or(started + Duration::from_secs(365 * 24 * 3600));
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
        SandboxState::new(http.clone(), policy, allow, secrets, visible, &execution, execution.logs.clone());
    state.offer = offer;
    state.modules = ModuleSession::new(
        modules,
        caching.then(|| (bytecode.clone(), execution.cache_scope.clone())),
        Some((deadline, policy.timeout)),
    );
    let mut store = Store::new(&flavor.engine, state);
    store.limiter(|state| &mut state.memory);
    let fuel_budget = policy.fuel.filter(|_| flavor.metered);
    if let Some(budget) = fuel_budget {
        store.set_fuel(budget).map_err(Error::internal)?;
    }
    // Every epoch tick: past the deadline, trap; otherwise yield, so a busy
    // script shares its thread and the async timeout below can fire.
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(move |_| {
        Ok(if Instant::now() >= deadline { UpdateDeadline::Interrupt } else { UpdateDeadline::Yield(1) })
    });

    let result = {
        let run = async {
            // The snapshot already ran `init`: the runtime and shims are ready.
            let sandbox = flavor.pre.instantiate_async(&mut store).await?;
            sandbox.call_run(&mut store, &script, &args_json, &context).await
        };
        tokio::time::timeout_at(deadline.into(), run).await
    };

    let state = store.data();
    let limit_error = Error::MemoryLimit { limit: policy.memory };
    let outcome = match result {
        Err(_elapsed) => Err(Error::Timeout { timeout: policy.timeout }),
        Ok(_) if state.memory.refused => Err(limit_error),
        Ok(Ok(Ok(json))) if json.len() as u64 > policy.max_result_bytes => Err(Error::OutputLimit {
            message: format!(
                "the result is {} of JSON, over the limit of {} (max_result_bytes)",
                display_size(json.len() as u64),
                display_size(policy.max_result_bytes)
            ),
        }),
        Ok(Ok(Ok(json))) => json::from_guest(&json).map_err(|e| match e {
            JsonError::TooDeep { limit, .. } => Error::OutputLimit {
                message: format!("the result is nested more than {limit} levels deep, over jsbox's limit for JSON"),
            },
            JsonError::Invalid(e) => Error::internal(format!("the guest returned invalid JSON: {e}")),
        }),
        Ok(Ok(Err(script_error))) => Err(script_error.into()),
        Ok(Err(trap)) => Err(trap_error(trap, policy)),
    };
    let result = outcome?;
    let stats = Stats {
        fuel_used: fuel_budget.map(|budget| budget - store.get_fuel().unwrap_or(0)),
        peak_memory: state.memory.peak,
        wall_time_us: started.elapsed().as_micros() as u64,
        http_requests: state.net.requests_sent(),
        helper_calls: state.helpers.calls(),
        cached_bytecode,
        cached_modules: state.modules.cached(),
    };
    Ok(Outcome { id: execution.id, result, stats })
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
