//! The standalone component `jsbox compile` makes (`wit/component.wit`):
//! the guest's runtime with one script pre-initialized inside, runnable by
//! the `wasmtime` CLI or any WASI 0.2 host, without jsbox.
//!
//! `jsbox compile` snapshots it with wizer: `init` reads the script (and its
//! platform modules) from the environment variable `JSBOX_COMPILE_BUNDLE`,
//! sets up the runtime and parses the script, so the snapshot holds the
//! compiled script; a script that does not parse makes `init` print
//! `error[<kind>]: <message>` on stderr and trap, and the compile fails.
//! When the component runs, `execute` (or `wasi:cli/run`, which reads the
//! args from stdin) runs the script's top level once, then `execute`.
//!
//! jsbox's host interface is implemented here ([`host`]) over WASI, so the
//! component imports none of it.

pub mod host;
#[cfg(feature = "network")]
mod net;
mod stdio;

use std::cell::{Cell, RefCell};

use javy::quickjs::{Persistent, Value};

use crate::exports::wasi::cli::run::Guest as Run;
use crate::jsbox::sandbox::host::LogLevel;
use crate::{Component, Execution, Guest, ScriptError, ScriptErrorKind};

/// The environment variable `init` reads the script from: a JSON object
/// `{"name": "script.js", "source": "...", "modules": [["name", "source"], ...]}`.
const BUNDLE_VARIABLE: &str = "JSBOX_COMPILE_BUNDLE";

thread_local! {
    /// The script, parsed at `init` (so held in the snapshot).
    static COMPILED: RefCell<Option<Persistent<Value<'static>>>> = const { RefCell::new(None) };
    /// Whether the script's top level has run (a classic script's runs once
    /// per instance; later `execute` calls reuse its globals).
    static TOP_LEVEL_RAN: Cell<bool> = const { Cell::new(false) };
}

impl Guest for Component {
    fn init() {
        crate::state();
        if COMPILED.with_borrow(Option::is_some) {
            return;
        }
        let Some(bundle) = crate::wasi::cli::environment::get_environment()
            .into_iter()
            .find_map(|(name, value)| (name == BUNDLE_VARIABLE).then_some(value))
        else {
            return;
        };
        if let Err(error) = prepare(&bundle) {
            stdio::write_stderr(&format!("error[{}]: {}\n", kind_name(error.kind), error.message));
            // Trapping fails the snapshot: `jsbox compile` reports the line above.
            std::process::abort();
        }
    }

    fn execute(args_json: String) -> Result<String, ScriptError> {
        execute(&args_json)
    }
}

impl Run for Component {
    fn run() -> Result<(), ()> {
        let input = match stdio::read_stdin() {
            Ok(input) => input,
            Err(message) => {
                stdio::write_stderr(&format!("error[invalid-args]: cannot read the args from stdin: {message}\n"));
                return Err(());
            }
        };
        let args = match input.trim() {
            "" => "{}",
            args => args,
        };
        match execute(args) {
            Ok(json) => stdio::write_stdout(&format!("{json}\n")).map_err(|message| {
                stdio::write_stderr(&format!("error: cannot write the result to stdout: {message}\n"));
            }),
            Err(error) => {
                stdio::write_stderr(&format!("error[{}]: {}\n", kind_name(error.kind), error.message));
                Err(())
            }
        }
    }
}

/// Parses the bundle's script (loading the modules it imports) and keeps it.
fn prepare(bundle: &str) -> Result<(), ScriptError> {
    let state = crate::state();
    state.runtime.context().with(|ctx| {
        let jsbox = state.jsbox.clone().restore(&ctx).map_err(|e| crate::internal(&e))?;
        let execution = Execution { ctx: &ctx, jsbox };
        let bundle = ctx.json_parse(bundle).map_err(|e| execution.caught(e))?;
        let bundle = bundle.as_object().ok_or_else(|| crate::internal_message("the bundle is not an object"))?;
        let field = |name: &str| bundle.get::<_, String>(name).map_err(|e| crate::internal(&e));
        let (name, source) = (field("name")?, field("source")?);
        let pairs: Vec<Vec<String>> = bundle.get("modules").map_err(|e| crate::internal(&e))?;
        let modules: Vec<(String, String)> = pairs
            .into_iter()
            .filter_map(|pair| <[String; 2]>::try_from(pair).ok())
            .map(|[name, source]| (name, source))
            .collect();
        host::set_modules(modules);
        crate::modules::start_execution(&host::module_names());
        let compiled = execution.compile(&source, &name)?;
        COMPILED.set(Some(Persistent::save(&ctx, compiled)));
        Ok(())
    })
}

/// Runs the compiled script's `execute(args)`.
fn execute(args_json: &str) -> Result<String, ScriptError> {
    let state = crate::state();
    crate::start_execution();
    crate::modules::start_execution(&host::module_names());
    state.runtime.context().with(|ctx| {
        let Some(compiled) = COMPILED.with_borrow(Clone::clone) else {
            return Err(crate::internal_message("no script was compiled into this component"));
        };
        let jsbox = state.jsbox.clone().restore(&ctx).map_err(|e| crate::internal(&e))?;
        let compiled = compiled.restore(&ctx).map_err(|e| crate::internal(&e))?;
        let execution = Execution { ctx: &ctx, jsbox };
        let args = execution.parse_args(args_json)?;
        let top_level = !TOP_LEVEL_RAN.replace(true);
        let status = execution.start(compiled, args, top_level)?;
        execution.drive(status)
    })
}

/// The kind's name, as `jsbox run` prints it.
fn kind_name(kind: ScriptErrorKind) -> &'static str {
    match kind {
        ScriptErrorKind::Syntax => "syntax",
        ScriptErrorKind::MissingExecute => "missing-execute",
        ScriptErrorKind::Exception => "exception",
        ScriptErrorKind::NetworkDenied => "network-denied",
        ScriptErrorKind::InvalidArgs => "invalid-args",
        ScriptErrorKind::Helper => "helper",
    }
}

/// A log line, as `jsbox run` writes it: the message alone, on stderr.
pub(crate) fn log(_level: LogLevel, message: &str) {
    let mut line = String::with_capacity(message.len() + 1);
    line.push_str(message);
    line.push('\n');
    stdio::write_stderr(&line);
}
