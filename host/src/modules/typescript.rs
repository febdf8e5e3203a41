//! TypeScript: types stripped before evaluation, every position kept.
//!
//! SWC's strip-only mode (the stripper Node.js uses) replaces each type
//! annotation, interface, `as`/`satisfies` clause, generic argument and
//! type-only import or export with whitespace of the same width, so QuickJS
//! parses the script at the TypeScript source's own line:column: syntax
//! errors and stack traces point into the file as written. Syntax that needs
//! code generated (`enum`, `namespace` with values, constructor parameter
//! properties, `import x = require()`, `export =`, decorators) is a `syntax`
//! error naming the construct, as in Node's `--experimental-strip-types`.
//!
//! The stripper is a recursive-descent parser over text a tenant wrote, so
//! it runs as a Wasm component in a sandbox of its own
//! (`wit/typescript.wit`, built from `guest/typescript` by `make guest`): a
//! fresh instance per script, with a bounded stack, memory and fuel. Nesting
//! of any construct deep enough to exhaust the stack — generics, arrows,
//! brackets, unary operators, anything — a panic or a runaway parse ends as
//! a trap there, reported as a `syntax` error naming the limit. Nothing a
//! script contains can overflow the host's own stack.

use crate::error::Error;
#[cfg(feature = "typescript")]
pub(crate) use stripper::STRIPPER;

/// An execution's deadline, and its timeout (for the error).
pub(crate) type Deadline = (std::time::Instant, std::time::Duration);

/// `source`, with its TypeScript types replaced by whitespace.
///
/// `file` names the script in error messages (`script.ts`, or a module's
/// name). Stripping counts toward an execution's `deadline`: past it, the
/// stripper stops and the execution ends as `timeout`.
#[cfg(feature = "typescript")]
pub(crate) fn strip(source: &str, file: &str, deadline: Option<Deadline>) -> Result<String, Error> {
    stripper::strip(source, file, deadline)
}

#[cfg(not(feature = "typescript"))]
pub(crate) fn strip(_source: &str, _file: &str, _deadline: Option<Deadline>) -> Result<String, Error> {
    Err(Error::InvalidPolicy {
        message: "this build of jsbox has no TypeScript support (the `typescript` feature is off)".into(),
    })
}

/// Where the compiled stripper is cached, when the first engine of the
/// process says (its `cache_dir`); otherwise the default cache directory.
pub(crate) fn use_cache_dir(dir: Option<std::path::PathBuf>) {
    #[cfg(feature = "typescript")]
    let _ = stripper::CACHE_DIR.set(dir);
    #[cfg(not(feature = "typescript"))]
    let _ = dir;
}

#[cfg(feature = "typescript")]
mod stripper {
    use std::path::PathBuf;
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    use wasmtime::component::{Component, Linker};
    use wasmtime::{Config, Engine, Store, StoreLimits, StoreLimitsBuilder, Trap, UpdateDeadline};
    use wasmtime_wasi::{ResourceTable, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

    use crate::artifact::{self, Embedded, Lease};
    use crate::error::Error;

    wasmtime::component::bindgen!({ path: "wit", world: "typescript" });

    /// The stripper component, built from `guest/typescript` by `make guest`
    /// and committed (its hash is in `prebuilt/jsbox-guest.inputs`).
    pub(crate) static STRIPPER: Embedded =
        Embedded::new("typescript", include_bytes!("../../prebuilt/jsbox-typescript.wasm"));

    pub(super) static CACHE_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

    /// The stripper's stack for Wasm frames. Its other stack, in linear
    /// memory, is 16 MiB (`guest/typescript/build.rs`); whichever runs out
    /// first traps.
    const MAX_WASM_STACK: usize = 8 << 20;

    /// The native stack of the thread the stripper runs on: room for
    /// [`MAX_WASM_STACK`] and the host's own frames.
    const THREAD_STACK: usize = 16 << 20;

    /// Linear memory: the 16 MiB stack, the source, SWC's syntax tree (tens
    /// of bytes per byte of source) and the output.
    const MAX_MEMORY: usize = 512 << 20;

    /// Fuel (≈ Wasm instructions) per byte of source, and for any source:
    /// about ten times what ordinary TypeScript takes (measured: ~370 per
    /// byte for bench/make-typescript.py's 2,000 lines), so only a parse that
    /// goes superlinear reaches it (60,000 chained `else if`s took ~10,000
    /// per byte, and growing). At ~2 × 10⁹ fuel a second, a megabyte of
    /// source gets about two seconds of CPU at most.
    const FUEL_PER_BYTE: u64 = 4_000;
    const FUEL_BASE: u64 = 100_000_000;

    /// How often the thread waiting for a strip advances the stripper's
    /// epoch, so a deadline is checked.
    const TICK: Duration = Duration::from_millis(10);

    struct State {
        wasi: WasiCtx,
        table: ResourceTable,
        limits: StoreLimits,
    }

    impl WasiView for State {
        fn ctx(&mut self) -> WasiCtxView<'_> {
            WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
        }
    }

    /// The compiled stripper, shared by every strip of the process.
    struct Compiled {
        engine: Engine,
        pre: TypescriptPre<State>,
        _lease: Lease,
    }

    fn compiled() -> Result<&'static Compiled, Error> {
        static COMPILED: OnceLock<Result<Compiled, String>> = OnceLock::new();
        COMPILED.get_or_init(|| compile().map_err(|e| e.to_string())).as_ref().map_err(Error::internal)
    }

    fn compile() -> Result<Compiled, Error> {
        let mut config = Config::new();
        // (Calls are synchronous; the async stack only has to be the larger.)
        config
            .wasm_component_model(true)
            .max_wasm_stack(MAX_WASM_STACK)
            .async_stack_size(MAX_WASM_STACK + (1 << 20))
            .consume_fuel(true)
            .epoch_interruption(true);
        let engine = Engine::new(&config).map_err(Error::internal)?;
        let cache_dir = CACHE_DIR.get_or_init(artifact::default_cache_dir).clone();
        let (component, _, lease) = artifact::cached(&engine, cache_dir.as_deref(), &STRIPPER, || {
            engine.precompile_component(STRIPPER.bytes).map_err(Error::internal)
        })?;
        let component: Component = component;
        let mut linker = Linker::<State>::new(&engine);
        // The adapter's WASI imports, denied: no files, env, clock or
        // randomness reach the stripper.
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(Error::internal)?;
        let pre = TypescriptPre::new(linker.instantiate_pre(&component).map_err(Error::internal)?)
            .map_err(Error::internal)?;
        Ok(Compiled { engine, pre, _lease: lease })
    }

    pub(super) fn strip(source: &str, file: &str, deadline: Option<super::Deadline>) -> Result<String, Error> {
        let compiled = compiled()?;
        let (source, name) = (source.to_owned(), file.to_owned());
        let (done, result) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("jsbox-typescript".into())
            .stack_size(THREAD_STACK)
            .spawn(move || done.send(run(compiled, &source, &name, deadline)))
            .map_err(Error::internal)?;
        // This thread waits anyway: it keeps the epoch moving meanwhile, so
        // the stripper notices its deadline (each store checks the clock).
        loop {
            match result.recv_timeout(TICK) {
                Ok(result) => return result,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => compiled.engine.increment_epoch(),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Error::internal("the TypeScript stripper's thread panicked"));
                }
            }
        }
    }

    /// One strip in a fresh instance.
    fn run(compiled: &Compiled, source: &str, file: &str, deadline: Option<super::Deadline>) -> Result<String, Error> {
        let limits = StoreLimitsBuilder::new().memory_size(MAX_MEMORY).trap_on_grow_failure(true).build();
        let state = State { wasi: WasiCtxBuilder::new().build(), table: ResourceTable::new(), limits };
        let mut store = Store::new(&compiled.engine, state);
        store.limiter(|state| &mut state.limits);
        let fuel = FUEL_BASE.saturating_add(FUEL_PER_BYTE.saturating_mul(source.len() as u64));
        store.set_fuel(fuel).map_err(Error::internal)?;
        store.set_epoch_deadline(1);
        let at = deadline.map(|(at, _)| at);
        store.epoch_deadline_callback(move |_| match at {
            Some(at) if Instant::now() >= at => Err(Trap::Interrupt.into()),
            _ => Ok(UpdateDeadline::Continue(1)),
        });
        let over = |trap: wasmtime::Error| match (trap.downcast_ref::<Trap>(), deadline) {
            (Some(Trap::Interrupt), Some((_, timeout))) => Error::Timeout { timeout },
            _ => over_limit(trap, file),
        };
        let stripper = compiled.pre.instantiate(&mut store).map_err(over)?;
        let result = stripper.call_strip(&mut store, source, file);
        let used = fuel - store.get_fuel().unwrap_or(0);
        tracing::debug!(file, bytes = source.len(), fuel = used, "stripped TypeScript");
        match result {
            Ok(Ok(code)) => Ok(code),
            Ok(Err(message)) => Err(syntax(message)),
            Err(trap) => Err(over(trap)),
        }
    }

    fn syntax(message: String) -> Error {
        Error::Syntax { message: format!("SyntaxError: {message}") }
    }

    /// What a trap of the stripper means for the script: it is always too
    /// much of something (nesting, size, work), a `syntax` error that names
    /// the limit; the host goes on.
    fn over_limit(trap: wasmtime::Error, file: &str) -> Error {
        let why = match trap.downcast_ref::<Trap>() {
            Some(Trap::StackOverflow | Trap::MemoryOutOfBounds) => format!(
                "{file} nests too deeply for TypeScript stripping: the stripper's stack ({} MiB) ran out",
                MAX_WASM_STACK >> 20
            ),
            Some(Trap::OutOfFuel) => format!("{file} is too much work for TypeScript stripping (its fuel ran out)"),
            _ if trap.to_string().contains("memory") || format!("{trap:?}").contains("memory allocation") => {
                format!("{file} is too large for TypeScript stripping: it needs more than {} MiB", MAX_MEMORY >> 20)
            }
            _ => {
                tracing::warn!("the TypeScript stripper trapped on {file}: {trap:?}");
                format!("{file} could not be stripped of its TypeScript types (the stripper failed: {trap})")
            }
        };
        syntax(why)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn types_become_whitespace_in_place() {
            let source = "function f(a: number, b?: string): number { return a as number }\nlet x = f<string>(1)!;";
            let stripped = strip(source, "script.ts", None).unwrap();
            assert_eq!(stripped.len(), source.len());
            assert_eq!(stripped.lines().count(), 2);
            assert!(!stripped.contains("number") && !stripped.contains("string"), "{stripped}");
            assert_eq!(stripped.find("return"), source.find("return"));
        }

        #[test]
        fn constructs_needing_code_are_syntax_errors_naming_them() {
            let error = strip("let a = 1;\nenum Color { Red }", "script.ts", None).unwrap_err();
            assert_eq!(error.kind(), "syntax");
            let message = error.to_string();
            assert!(message.contains("enum") && message.contains("script.ts:2:1"), "{message}");
        }

        #[test]
        fn nesting_of_any_construct_ends_as_a_syntax_error_naming_the_limit() {
            let deep = 60_000;
            let cases = [
                ("generics", format!("type A<T> = T;\nlet x: {}number{} = 1;", "A<".repeat(deep), ">".repeat(deep))),
                ("arrows", format!("let f = {}1;", "a => ".repeat(deep))),
                ("brackets", format!("let x = {}1{};", "(".repeat(deep), ")".repeat(deep))),
                ("unary", format!("let x = {}1;", "!".repeat(deep * 3))),
                ("assignments", format!("let x; x = {}1;", "x = ".repeat(deep))),
                ("conditional types", format!("type C = {}never;", "0 extends 1 ? 0 : ".repeat(deep))),
            ];
            for (what, source) in cases {
                let error = strip(&source, "script.ts", None).expect_err(what);
                assert_eq!(error.kind(), "syntax", "{what}: {error}");
                assert!(
                    error.to_string().contains("nests too deeply") && error.to_string().contains("MiB"),
                    "{what}: {error}"
                );
            }
            // The stripper is fine afterwards, and honest nesting strips.
            let nested = format!("let x: number = {}1{};", "(".repeat(500), ")".repeat(500));
            assert_eq!(strip(&nested, "script.ts", None).unwrap().len(), nested.len());
        }

        #[test]
        fn a_parse_that_goes_superlinear_stops_at_its_fuel_or_the_deadline() {
            // SWC grows its stack on the heap for `else if` chains (no
            // overflow) but slows down quadratically: ~30 s for 60,000.
            let chain = format!("if (0) {{}} {}", "else if (0) {} ".repeat(60_000));
            let started = Instant::now();
            let error = strip(&chain, "script.ts", None).unwrap_err();
            assert!(error.to_string().contains("its fuel ran out"), "{error}");
            assert!(started.elapsed() < Duration::from_secs(15), "{:?}", started.elapsed());
            let timeout = Duration::from_millis(200);
            let started = Instant::now();
            let error = strip(&chain, "script.ts", Some((Instant::now() + timeout, timeout))).unwrap_err();
            assert_eq!(error, Error::Timeout { timeout });
            assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
        }
    }
}
