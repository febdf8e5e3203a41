//! The jsbox guest: QuickJS (through the `javy` crate) compiled to
//! `wasm32-wasip1` and wrapped as a component of the `jsbox:sandbox` world
//! (`wit/jsbox.wit`).
//!
//! The JavaScript the script sees lives in `src/js/*.js`; this file sets up the
//! runtime, gives those shims their native bridge (`log`, `startHttp`) and runs
//! the event loop: run microtasks and due timers until `execute`'s promise
//! settles, or until nothing can run without the host, and then return to it
//! (`waiting`); the host hands the operations that completed to `resume`.
//! Between those calls no guest frame is live, so the memory is the whole
//! state ([`durable`] reads and restores it).

use std::cell::Cell;
use std::ffi::CString;
use std::sync::OnceLock;

use javy::quickjs::{self as rquickjs, Ctx, Function, Object, Persistent, Value, qjs};

#[cfg(feature = "component")]
mod component;
#[cfg(not(feature = "component"))]
mod durable;
mod ec;
mod intl;
mod modules;
mod web;

// `memory-image` and `restore-pages` are exported by hand (`durable`): their
// lists are not the allocator's.
#[cfg(not(feature = "component"))]
wit_bindgen::generate!({ path: "../wit", world: "sandbox", skip: ["memory-image", "restore-pages"] });
// `jsbox compile`'s standalone component: the same runtime, with the host
// interface implemented inside over WASI (see `component`).
#[cfg(feature = "component")]
wit_bindgen::generate!({ path: "../wit", world: "component", generate_all });

/// The host interface's functions: jsbox's host, or the adapter compiled
/// into the standalone component.
#[cfg(feature = "component")]
use component::host;
#[cfg(not(feature = "component"))]
use jsbox::sandbox::host;
// The sandbox world `use`s `completion` (for `resume`), which defines it at the root.
#[cfg(feature = "component")]
use jsbox::sandbox::host::Completion;
use jsbox::sandbox::host::{HelperError, HttpRequest, LogLevel, OpResult};


/// The shims, installed in this order. Each file evaluates to a function
/// taking `(native, jsbox)`: the native bridge and the shared internal object.
/// What every execution touches (the driver, console, timers, `http`,
/// helpers) comes first and the web APIs most scripts never use come last,
/// so that the objects an execution writes to (reference counts) share
/// fewer snapshot pages: each one it writes is a page copied per sandbox.
const SHIMS: &[(&str, &str)] = &[
    ("core.js", include_str!("js/core.js")),
    ("console.js", include_str!("js/console.js")),
    ("timers.js", include_str!("js/timers.js")),
    ("dom.js", include_str!("js/dom.js")),
    ("base64.js", include_str!("js/base64.js")),
    ("encoding.js", include_str!("js/encoding.js")),
    ("http.js", include_str!("js/http.js")),
    ("clone.js", include_str!("js/clone.js")),
    ("helpers.js", include_str!("js/helpers.js")),
    ("url.js", include_str!("js/url.js")),
    ("blob.js", include_str!("js/blob.js")),
    ("streams.js", include_str!("js/streams.js")),
    ("fetch.js", include_str!("js/fetch.js")),
    ("crypto.js", include_str!("js/crypto.js")),
    ("intl.js", include_str!("js/intl.js")),
];


struct State {
    runtime: javy::Runtime,
    /// The shims' internal object (`start`, `finish`, `settle`, ...): kept
    /// out of the global scope so scripts cannot reach or replace it.
    jsbox: Persistent<Object<'static>>,
}

/// The guest is single-threaded (wasm32-wasip1 without threads), which is what
/// makes sharing the runtime through a static sound.
struct SingleThreaded<T>(T);
unsafe impl<T> Sync for SingleThreaded<T> {}
unsafe impl<T> Send for SingleThreaded<T> {}

static STATE: OnceLock<SingleThreaded<State>> = OnceLock::new();

thread_local! {
    /// Host operations started and not yet delivered (to `resume`).
    static PENDING_OPS: Cell<u32> = const { Cell::new(0) };
}

fn state() -> &'static State {
    &STATE.get_or_init(|| SingleThreaded(build_state().expect("the jsbox shims install"))).0
}

fn build_state() -> anyhow::Result<State> {
    let mut config = javy::Config::default();
    config
        .text_encoding(false)
        // javy's default never collects; scripts under a memory limit need GC.
        .gc_threshold(1 << 20)
        // Console output goes through the host's `log`, never WASI stdio.
        .log_stream(Box::new(std::io::sink()))
        .err_stream(Box::new(std::io::sink()));
    let runtime = javy::Runtime::new(config)?;
    runtime.context().with(|ctx| modules::install(unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) }));
    let jsbox = runtime.context().with(|ctx| -> anyhow::Result<_> {
        let install = || -> rquickjs::Result<Persistent<Object<'static>>> {
            let native = Object::new(ctx.clone())?;
            native.set("log", Function::new(ctx.clone(), native_log)?)?;
            native.set("startHttp", Function::new(ctx.clone(), native_start_http)?)?;
            native.set("callHelper", Function::new(ctx.clone(), native_call_helper)?)?;
            native.set("cancel", Function::new(ctx.clone(), native_cancel)?)?;
            native.set("startHelper", Function::new(ctx.clone(), native_start_helper)?)?;
            web::install(&ctx, &native)?;
            ec::install(&ctx, &native)?;
            intl::install(&ctx, &native)?;
            let jsbox = Object::new(ctx.clone())?;
            // The shims' functions keep no source text (their toString is
            // `[native code]`, as for a browser's built-ins): kept, it is a
            // copy per nesting level spread through the snapshot's heap.
            set_function_source(false);
            for (name, source) in SHIMS {
                let mut options = rquickjs::context::EvalOptions::default();
                options.global = true;
                options.strict = true;
                options.filename = Some(format!("jsbox:{name}"));
                let shim: Function = ctx.eval_with_options(*source, options)?;
                shim.call::<_, ()>((native.clone(), jsbox.clone()))?;
            }
            set_function_source(true);
            Ok(Persistent::save(&ctx, jsbox))
        };
        install().map_err(|e| javy::from_js_error(ctx.clone(), e))
    })?;
    seal_heap();
    Ok(State { runtime, jsbox })
}

/// Whether functions compiled from now on keep their source text (the
/// vendored QuickJS's `jsbox_function_source`, see JSBOX-PATCH.md).
fn set_function_source(keep: bool) {
    unsafe extern "C" {
        static mut jsbox_function_source: std::ffi::c_int;
    }
    // SAFETY: a plain int the single-threaded parser reads.
    unsafe { jsbox_function_source = keep.into() };
}

/// Plugs every free chunk the installation left in the allocator's heap.
///
/// Compiling the shims frees many temporaries, and those holes are
/// scattered over the whole snapshot. Unplugged, an execution's first
/// allocations land in them and copy-on-write a snapshot page for each few
/// bytes; plugged, the allocator serves an execution from the memory after
/// the snapshot, densely. The plugs (bytes never written again) stay in the
/// shared image and cost no sandbox anything. wasi-libc's dlmalloc takes a
/// free chunk before it cuts from the heap's top, so small allocations take
/// exactly the holes until one comes from beyond the current end.
fn seal_heap() {
    unsafe extern "C" {
        fn malloc(size: usize) -> *mut u8;
        fn sbrk(increment: isize) -> *mut u8;
    }
    // Far more than any snapshot's holes (32 bytes each): a bound, not a goal.
    const MAX_PLUGS: u32 = 1 << 20;
    // SAFETY: single-threaded, at init; the plugs are never freed or used.
    unsafe {
        let end = sbrk(0) as usize;
        for _ in 0..MAX_PLUGS {
            let plug = malloc(16) as usize;
            if plug == 0 || plug >= end {
                break;
            }
        }
    }
}

fn native_log(level: u8, message: String) {
    let level = match level {
        0 => LogLevel::Debug,
        1 => LogLevel::Info,
        2 => LogLevel::Warn,
        _ => LogLevel::Error,
    };
    host::log(level, &message);
}

/// `headers` is a flat list `[name, value, name, value, ...]`; `body` a
/// string (sent as UTF-8), an ArrayBuffer or a typed array, or absent;
/// `follow_redirects` false fails at the first redirect.
fn native_start_http<'js>(
    method: String,
    url: String,
    headers: Vec<String>,
    body: Option<Value<'js>>,
    follow_redirects: bool,
) -> rquickjs::Result<u32> {
    let body = match body {
        None => None,
        Some(value) if value.is_undefined() || value.is_null() => None,
        Some(value) => Some(body_bytes(value)?),
    };
    let headers = headers.chunks(2).map(|pair| (pair[0].clone(), pair.get(1).cloned().unwrap_or_default())).collect();
    let id = host::start_http(&HttpRequest { method, url, headers, body, follow_redirects });
    PENDING_OPS.with(|n| n.set(n.get() + 1));
    Ok(id)
}

/// A sync helper's answer: `{value: json}` or `{error: {message, code}}`.
fn native_call_helper<'js>(ctx: Ctx<'js>, name: String, args_json: String) -> rquickjs::Result<Object<'js>> {
    let answer = Object::new(ctx.clone())?;
    match host::call_helper(&name, &args_json) {
        Ok(json) => answer.set("value", json)?,
        Err(failure) => answer.set("error", helper_failure(&ctx, failure)?)?,
    }
    Ok(answer)
}

/// Cancels operation `id`. It stops counting as pending only if the host
/// still owed it (a completion `wait` already returned was counted off then).
fn native_cancel(id: u32) {
    if host::cancel(id) {
        PENDING_OPS.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

fn native_start_helper(name: String, args_json: String) -> u32 {
    let id = host::start_helper(&name, &args_json);
    PENDING_OPS.with(|n| n.set(n.get() + 1));
    id
}

fn helper_failure<'js>(ctx: &Ctx<'js>, failure: HelperError) -> rquickjs::Result<Object<'js>> {
    let error = Object::new(ctx.clone())?;
    error.set("message", failure.message)?;
    error.set("code", failure.code)?;
    Ok(error)
}

fn body_bytes(value: Value<'_>) -> rquickjs::Result<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return text.to_string().map(String::into_bytes);
    }
    let ctx = value.ctx().clone();
    if let Ok(view) = rquickjs::TypedArray::<u8>::from_value(value.clone())
        && let Some(bytes) = view.as_bytes()
    {
        return Ok(bytes.to_vec());
    }
    if let Some(bytes) = rquickjs::ArrayBuffer::from_value(value).as_ref().and_then(|b| b.as_bytes()) {
        return Ok(bytes.to_vec());
    }
    Err(rquickjs::Exception::throw_type(&ctx, "a request body must be a string, an ArrayBuffer or a Uint8Array"))
}

/// The bytecode of a compiled script or module, with its debug information
/// (file name, line and column tables, function source text), so running
/// it later behaves as from source; `None` when QuickJS cannot serialize it
/// (out of memory: the error is dropped).
fn serialize(ctx: *mut qjs::JSContext, compiled: qjs::JSValue) -> Option<Vec<u8>> {
    let mut size = 0;
    // SAFETY: `compiled` is a live compiled value; the buffer returned is the
    // runtime's allocation of `size` bytes, copied and freed here.
    unsafe {
        let bytes = qjs::JS_WriteObject(ctx, &mut size, compiled, qjs::JS_WRITE_OBJ_BYTECODE as i32);
        let failed = bytes.is_null() || qjs::JS_HasException(ctx);
        if qjs::JS_HasException(ctx) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        }
        let copy = (!failed).then(|| std::slice::from_raw_parts(bytes, size as usize).to_vec());
        if !bytes.is_null() {
            qjs::js_free(ctx, bytes.cast());
        }
        copy
    }
}

/// A compiled script or module from `serialize`'s bytes (the exception is
/// left pending when they cannot be read).
fn deserialize(ctx: *mut qjs::JSContext, bytecode: &[u8]) -> Option<qjs::JSValue> {
    // SAFETY: reads `bytecode.len()` bytes; the result is owned by the caller.
    let value =
        unsafe { qjs::JS_ReadObject(ctx, bytecode.as_ptr(), bytecode.len() as _, qjs::JS_READ_OBJ_BYTECODE as i32) };
    (!unsafe { qjs::JS_IsException(value) }).then_some(value)
}

struct Component;

#[cfg(not(feature = "component"))]
impl Guest for Component {
    fn init() {
        state();
    }

    fn run(script: ScriptCode, args_json: String, context: RunContext) -> RunStatus {
        let state = state();
        start_execution();
        modules::start_execution(&context.modules);
        state
            .runtime
            .context()
            .with(|ctx| {
                let jsbox = state.jsbox.clone().restore(&ctx).map_err(|e| internal(&e))?;
                Execution { ctx: &ctx, jsbox }.run(&script, &args_json, &context)
            })
            .into()
    }

    fn resume(completions: Vec<Completion>) -> RunStatus {
        let state = state();
        state
            .runtime
            .context()
            .with(|ctx| {
                let jsbox = state.jsbox.clone().restore(&ctx).map_err(|e| internal(&e))?;
                let execution = Execution { ctx: &ctx, jsbox };
                execution.deliver(completions)?;
                execution.step()
            })
            .into()
    }

    fn memory_layout() -> MemoryLayout {
        durable::layout()
    }

    fn restore_begin(pages: u32) -> bool {
        durable::restore_begin(pages)
    }

    fn restore_end() {
        durable::restore_end()
    }
}

/// Where the loop left an execution.
enum Status {
    /// `execute` settled.
    Done(Result<String, ScriptError>),
    /// Nothing can run until an operation completes or the next timer (in
    /// this many ms; none: no timer) is due.
    Waiting(Option<u64>),
}

#[cfg(not(feature = "component"))]
impl From<Result<Status, ScriptError>> for RunStatus {
    fn from(status: Result<Status, ScriptError>) -> Self {
        match status {
            Ok(Status::Done(result)) => RunStatus::Done(result),
            Ok(Status::Waiting(due_in)) => RunStatus::Waiting(due_in),
            Err(error) => RunStatus::Done(Err(error)),
        }
    }
}

export!(Component);

/// What every execution starts from: no host operation pending,
/// `Math.random` freshly seeded, `performance.now()` counting from now.
fn start_execution() {
    PENDING_OPS.with(|n| n.set(0));
    // Math.random (javy: fastrand's thread-local generator) would start
    // from whatever the snapshot holds, or seed itself from the clock,
    // which WASI starts at zero for every instance: guessable. Seed it
    // from the host's secure random source instead, every execution.
    if let Ok(seed) = getrandom::u64() {
        fastrand::seed(seed);
    }
    web::start_execution();
}

struct Execution<'a, 'js> {
    ctx: &'a Ctx<'js>,
    jsbox: Object<'js>,
}

impl<'js> Execution<'_, 'js> {
    #[cfg(not(feature = "component"))]
    fn run(&self, script: &ScriptCode, args_json: &str, context: &RunContext) -> Result<Status, ScriptError> {
        let args = self.parse_args(args_json)?;
        self.install_helpers(&context.helpers)?;
        self.install_secrets(&context.secrets)?;
        let name = context.script_name.as_str();
        let compiled = match script {
            ScriptCode::Source(source) => {
                let compiled = self.compile(source, name)?;
                if context.offer_bytecode {
                    // Before any of the script runs: what the host keeps
                    // depends on the source text alone.
                    host::compiled(serialize(self.ctx.as_raw().as_ptr(), compiled.as_raw()).as_deref());
                }
                compiled
            }
            ScriptCode::Bytecode(bytecode) => self.load_bytecode(bytecode)?,
        };
        self.start(compiled, args, true)
    }

    /// Runs a compiled script: its top level (a classic script's only when
    /// `top_level`: it already ran when false), then `execute` with `args`,
    /// until it settles or waits.
    fn start(&self, compiled: Value<'js>, args: Value<'js>, top_level: bool) -> Result<Status, ScriptError> {
        modules::script_running();
        let start: Function = self.internal("start")?;
        if is_module(&compiled) {
            let module = unsafe { qjs::JS_VALUE_GET_PTR(compiled.as_raw()) }.cast::<qjs::JSModuleDef>();
            // A module evaluates once: evaluating it again gives the same promise.
            let evaluated = self.evaluate(compiled).map_err(|e| self.caught(e))?;
            // SAFETY: the module is alive (the context's list holds it) and linked.
            let namespace = unsafe { qjs::JS_GetModuleNamespace(self.ctx.as_raw().as_ptr(), module) };
            if unsafe { qjs::JS_IsException(namespace) } {
                return Err(self.caught(rquickjs::Error::Exception));
            }
            let namespace = unsafe { Value::from_raw(self.ctx.clone(), namespace) };
            let start_module: Function = self.internal("startModule")?;
            start_module.call::<_, ()>((evaluated, namespace, args, MISSING_EXPORT)).map_err(|e| self.caught(e))?;
        } else {
            if top_level {
                self.evaluate(compiled).map_err(|e| self.caught(e))?;
            }
            let execute = self.find_execute()?;
            start.call::<_, ()>((execute, args)).map_err(|e| self.caught(e))?;
        }
        self.step()
    }

    #[cfg(not(feature = "component"))]
    /// Installs the visible helpers as globals (`crm.lookup`), before the
    /// script runs, so the realm is still pristine: plain property sets are
    /// safe. Shorter names first, so a helper `crm` is in place before
    /// `crm.lookup` hangs off it. Nothing to do, and nothing paid, when there
    /// are none.
    fn install_helpers(&self, helpers: &[HelperDecl]) -> Result<(), ScriptError> {
        if helpers.is_empty() {
            return Ok(());
        }
        let make: Function = self.internal("makeHelper")?;
        let mut order: Vec<&HelperDecl> = helpers.iter().collect();
        order.sort_by_key(|helper| helper.name.matches('.').count());
        let install = |helper: &HelperDecl| -> rquickjs::Result<()> {
            let mut holder = self.ctx.globals();
            let mut parts = helper.name.split('.');
            let last = parts.next_back().unwrap_or_default();
            for part in parts {
                let next: Value = holder.get(part)?;
                holder = match next.into_object() {
                    Some(namespace) => namespace,
                    None => {
                        let namespace = Object::new(self.ctx.clone())?;
                        holder.set(part, namespace.clone())?;
                        namespace
                    }
                };
            }
            let function: Value = make.call((helper.name.as_str(), helper.is_async))?;
            holder.set(last, function)
        };
        for helper in order {
            install(helper).map_err(|e| self.caught(e))?;
        }
        Ok(())
    }

    #[cfg(not(feature = "component"))]
    /// The frozen global `secrets`: each name of the policy's secrets mapped
    /// to its placeholder `{{secrets.NAME}}` (the host puts the value in on
    /// the way to the secret's hosts; the script never holds it). Absent when
    /// the policy has none.
    fn install_secrets(&self, names: &[String]) -> Result<(), ScriptError> {
        if names.is_empty() {
            return Ok(());
        }
        let install = || -> rquickjs::Result<()> {
            let secrets = Object::new(self.ctx.clone())?;
            for name in names {
                secrets.set(name.as_str(), format!("{{{{secrets.{name}}}}}"))?;
            }
            let freeze: Function = self.jsbox.get("freeze")?;
            freeze.call::<_, ()>((secrets.clone(),))?;
            self.ctx.globals().set("secrets", secrets)
        };
        install().map_err(|e| self.caught(e))
    }

    /// The host validates args before calling `run`; this guards direct callers.
    fn parse_args(&self, args_json: &str) -> Result<Value<'js>, ScriptError> {
        let parse: Function = self.internal("parse")?;
        parse.call((args_json,)).map_err(|e| ScriptError {
            kind: ScriptErrorKind::InvalidArgs,
            message: format!("args are not valid JSON: {}", self.caught(e).message),
            stack: None,
            code: None,
        })
    }

    /// Parses the script without running it, so a syntax error is told
    /// apart from an exception thrown while running: as a classic script,
    /// and when that is a syntax error, as an ES module (it uses `import`,
    /// `export` or top-level `await`). A module's imports are loaded now.
    fn compile(&self, script: &str, name: &str) -> Result<Value<'js>, ScriptError> {
        let source = CString::new(script).map_err(|e| ScriptError {
            kind: ScriptErrorKind::Syntax,
            message: format!("SyntaxError: the script contains a NUL byte at offset {}", e.nul_position()),
            stack: None,
            code: None,
        })?;
        let classic = match self.parse(&source, script.len(), name, false) {
            Err(error) if error.kind == ScriptErrorKind::Syntax => error,
            parsed => return parsed,
        };
        modules::take_load_failed();
        match self.parse(&source, script.len(), name, true) {
            Ok(module) => Ok(module),
            // Parsed as a module and failed in its imports, or meant as one:
            // that error; otherwise the classic script's.
            Err(error) if modules::take_load_failed() || looks_like_module(script) => Err(error),
            Err(_) => Err(classic),
        }
    }

    fn parse(&self, source: &CString, len: usize, name: &str, module: bool) -> Result<Value<'js>, ScriptError> {
        let name = CString::new(name).expect("no NUL in the script name");
        let kind = if module { qjs::JS_EVAL_TYPE_MODULE } else { qjs::JS_EVAL_TYPE_GLOBAL };
        let flags = (kind | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
        // SAFETY: `source` is NUL-terminated and outlives the call; the
        // returned value is owned and handed to `Value`, which frees it.
        let raw = unsafe { qjs::JS_Eval(self.ctx.as_raw().as_ptr(), source.as_ptr(), len as _, name.as_ptr(), flags) };
        if unsafe { qjs::JS_IsException(raw) } {
            return Err(self.compile_error());
        }
        Ok(unsafe { Value::from_raw(self.ctx.clone(), raw) })
    }

    #[cfg(not(feature = "component"))]
    /// The compiled script from the bytecode `serialize` produced for the
    /// same source in an earlier execution (a module's imports resolved).
    fn load_bytecode(&self, bytecode: &[u8]) -> Result<Value<'js>, ScriptError> {
        let ctx = self.ctx.as_raw().as_ptr();
        let Some(raw) = deserialize(ctx, bytecode) else {
            return Err(self.caught(rquickjs::Error::Exception));
        };
        let compiled = unsafe { Value::from_raw(self.ctx.clone(), raw) };
        if is_module(&compiled) && unsafe { qjs::JS_ResolveModule(ctx, compiled.as_raw()) } < 0 {
            return Err(self.compile_error());
        }
        Ok(compiled)
    }

    /// Runs the compiled script's top level; a module's evaluation promise.
    fn evaluate(&self, compiled: Value<'js>) -> rquickjs::Result<Value<'js>> {
        let ctx = self.ctx.as_raw().as_ptr();
        // SAFETY: JS_EvalFunction consumes its argument, hence the dup; the
        // result is owned and handed to `Value`.
        let raw = unsafe {
            let function = qjs::JS_DupValue(ctx, compiled.as_raw());
            qjs::JS_EvalFunction(ctx, function)
        };
        if unsafe { qjs::JS_IsException(raw) } {
            return Err(rquickjs::Error::Exception);
        }
        Ok(unsafe { Value::from_raw(self.ctx.clone(), raw) })
    }

    /// `execute` as a global function, or a global `const`/`let` binding
    /// (those are not properties of the global object, so they need a lookup
    /// by name in global scope).
    fn find_execute(&self) -> Result<Value<'js>, ScriptError> {
        let global: Value = self.ctx.globals().get("execute").map_err(|e| self.caught(e))?;
        let execute = if global.is_function() {
            global
        } else {
            let mut options = rquickjs::context::EvalOptions::default();
            options.global = true;
            options.filename = Some("jsbox:lookup".into());
            self.ctx
                .eval_with_options("typeof execute === 'function' ? execute : undefined", options)
                .map_err(|e| self.caught(e))?
        };
        if !execute.is_function() {
            return Err(ScriptError {
                kind: ScriptErrorKind::MissingExecute,
                message: MISSING_EXECUTE.into(),
                stack: None,
                code: None,
            });
        }
        Ok(execute)
    }

    /// Runs microtasks and due timers until `execute` settles or nothing can
    /// run without the host.
    fn step(&self) -> Result<Status, ScriptError> {
        let finish: Function = self.internal("finish")?;
        let next_timer: Function = self.internal("nextTimer")?;
        let fire_timer: Function = self.internal("fireTimer")?;
        loop {
            self.run_jobs()?;
            let outcome: Value = finish.call(()).map_err(|e| self.caught(e))?;
            if let Some(outcome) = outcome.as_object() {
                return Ok(Status::Done(self.outcome(outcome)));
            }
            // Milliseconds until the next timer is due; negative: no timers.
            let due_in: f64 = next_timer.call(()).map_err(|e| self.caught(e))?;
            if due_in == 0.0 {
                // One callback at a time, with microtasks run in between.
                fire_timer.call::<_, ()>(()).map_err(|e| self.caught(e))?;
                continue;
            }
            if PENDING_OPS.with(Cell::get) == 0 && due_in < 0.0 {
                return Err(ScriptError {
                    kind: ScriptErrorKind::Exception,
                    message: "the promise returned by execute can never settle: nothing it could \
                              wait for is pending (no request or timer in flight)"
                        .into(),
                    stack: None,
                    code: None,
                });
            }
            return Ok(Status::Waiting((due_in > 0.0).then(|| due_in.ceil() as u64)));
        }
    }

    /// Settles the operations that completed (their promises' reactions run
    /// at the next `step`).
    fn deliver(&self, completions: Vec<Completion>) -> Result<(), ScriptError> {
        let settle: Function = self.internal("settle")?;
        for completion in completions {
            PENDING_OPS.with(|n| n.set(n.get().saturating_sub(1)));
            let result = self.completion_value(completion.outcome).map_err(|e| self.caught(e))?;
            settle.call::<_, ()>((completion.id, result)).map_err(|e| self.caught(e))?;
        }
        Ok(())
    }

    /// Steps until `execute` settles, blocking in the adapter's `wait` (the
    /// standalone component has no host to return to).
    #[cfg(feature = "component")]
    fn drive(&self, mut status: Status) -> Result<String, ScriptError> {
        loop {
            match status {
                Status::Done(result) => return result,
                Status::Waiting(due_in) => {
                    self.deliver(host::wait(due_in))?;
                    status = self.step()?;
                }
            }
        }
    }

    /// Runs queued microtasks (promise reactions) until none are left.
    fn run_jobs(&self) -> Result<(), ScriptError> {
        let rt = unsafe { qjs::JS_GetRuntime(self.ctx.as_raw().as_ptr()) };
        loop {
            let mut job_ctx = std::mem::MaybeUninit::<*mut qjs::JSContext>::uninit();
            // SAFETY: the runtime is alive and locked by the enclosing `with`.
            match unsafe { qjs::JS_ExecutePendingJob(rt, job_ctx.as_mut_ptr()) } {
                0 => return Ok(()),
                n if n < 0 => return Err(self.caught(rquickjs::Error::Exception)),
                _ => {}
            }
        }
    }

    fn completion_value(&self, result: OpResult) -> rquickjs::Result<Object<'js>> {
        let value = Object::new(self.ctx.clone())?;
        match result {
            OpResult::Http(Ok(response)) => {
                value.set("status", response.status)?;
                value.set("statusText", response.status_text)?;
                value.set("url", response.url)?;
                let flat: Vec<String> = response.headers.into_iter().flat_map(|(k, v)| [k, v]).collect();
                value.set("headers", flat)?;
                value.set("body", rquickjs::ArrayBuffer::new(self.ctx.clone(), response.body)?)?;
            }
            OpResult::Http(Err(failure)) => {
                let error = Object::new(self.ctx.clone())?;
                error.set("kind", failure.kind)?;
                error.set("message", failure.message)?;
                value.set("error", error)?;
            }
            OpResult::Helper(Ok(json)) => value.set("value", json)?,
            OpResult::Helper(Err(failure)) => value.set("error", helper_failure(self.ctx, failure)?)?,
        }
        Ok(value)
    }

    /// Turns `finish()`'s description into the export's result.
    fn outcome(&self, outcome: &Object<'js>) -> Result<String, ScriptError> {
        let get_string = |key: &str| -> Result<Option<String>, ScriptError> {
            outcome.get::<_, Option<String>>(key).map_err(|e| internal(&e))
        };
        if outcome.get::<_, bool>("ok").map_err(|e| internal(&e))? {
            return Ok(get_string("json")?.unwrap_or_else(|| "null".into()));
        }
        let kind = match get_string("kind")?.as_deref() {
            Some("network-denied") => ScriptErrorKind::NetworkDenied,
            Some("helper") => ScriptErrorKind::Helper,
            Some("missing-execute") => ScriptErrorKind::MissingExecute,
            _ => ScriptErrorKind::Exception,
        };
        Err(ScriptError {
            kind,
            message: get_string("message")?.unwrap_or_default(),
            stack: get_string("stack")?,
            code: get_string("code")?,
        })
    }

    /// Describes the pending JS exception after `error`.
    fn caught(&self, error: rquickjs::Error) -> ScriptError {
        if !error.is_exception() {
            return ScriptError {
                kind: ScriptErrorKind::Exception,
                message: error.to_string(),
                stack: None,
                code: None,
            };
        }
        let thrown = self.ctx.catch();
        let described = self
            .internal::<Function>("describe")
            .and_then(|describe| describe.call::<_, Object>((thrown,)).map_err(|e| internal(&e)));
        match described {
            Ok(description) => match self.outcome(&description) {
                Err(script_error) => script_error,
                Ok(_) => internal_message("describe returned success"),
            },
            Err(e) => e,
        }
    }

    /// The exception just thrown while compiling, as a `syntax` error with
    /// its file:line:column (the script's, or a platform module's it
    /// imports; a parser running out of stack on deep nesting too), except
    /// an import that failed other than by syntax (a refused specifier):
    /// that is described as when thrown while running.
    fn compile_error(&self) -> ScriptError {
        let thrown = self.ctx.catch();
        let error = thrown.as_object();
        let name = error.and_then(|e| e.get::<_, String>("name").ok()).unwrap_or_default();
        if name != "SyntaxError" && modules::load_failed() {
            let _ = self.ctx.clone().throw(thrown);
            return self.caught(rquickjs::Error::Exception);
        }
        let (message, stack) = match error {
            Some(error) => (
                error.get::<_, String>("message").unwrap_or_default(),
                error.get::<_, String>("stack").unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        };
        // The first frame, `    at FILE:LINE:COLUMN`.
        let location = stack
            .lines()
            .find_map(|line| line.trim_start().strip_prefix("at "))
            .map(|frame| frame.trim_end().trim_start_matches("<anonymous> (").trim_end_matches(')'))
            .filter(|frame| !frame.is_empty())
            .map(|frame| format!(" at {frame}"))
            .unwrap_or_default();
        ScriptError {
            kind: ScriptErrorKind::Syntax,
            message: format!("SyntaxError: {message}{location}"),
            stack: if stack.is_empty() { None } else { Some(stack) },
            code: None,
        }
    }

    fn internal<T: rquickjs::FromJs<'js>>(&self, name: &str) -> Result<T, ScriptError> {
        self.jsbox.get(name).map_err(|e| internal(&e))
    }
}

/// The classic script's `missing-execute` message: it names every form
/// accepted.
const MISSING_EXECUTE: &str = "The function 'execute' could not be found: the script must define \
    `function execute(args)` (it may be async), or be an ES module exporting it: `export default function (args)`, \
    `export function execute(args)` or `export const execute = ...`";

/// A module's: `startModule` says what its default export is instead.
const MISSING_EXPORT: &str = "The function 'execute' could not be found: an ES module must export it as \
    `export default function (args)`, `export function execute(args)` or `export const execute = ...` \
    (it may be async)";

fn is_module(compiled: &Value<'_>) -> bool {
    unsafe { qjs::JS_VALUE_GET_TAG(compiled.as_raw()) == qjs::JS_TAG_MODULE }
}

/// Whether a script that parses neither way was meant as a module: a line
/// starts with a static `import` or an `export` (its module syntax error is
/// then the one to report).
fn looks_like_module(script: &str) -> bool {
    script.lines().map(str::trim_start).any(|line| {
        let after = |keyword: &str| line.strip_prefix(keyword).and_then(|rest| rest.chars().next());
        matches!(after("export"), Some(c) if c.is_whitespace() || c == '{' || c == '*')
            || matches!(after("import"), Some(c) if c.is_whitespace() || c == '{' || c == '*' || c == '"' || c == '\'')
    })
}

fn internal(error: &rquickjs::Error) -> ScriptError {
    internal_message(&error.to_string())
}

fn internal_message(message: &str) -> ScriptError {
    ScriptError {
        kind: ScriptErrorKind::Exception,
        message: format!("jsbox guest internal error: {message}"),
        stack: None,
        code: None,
    }
}
