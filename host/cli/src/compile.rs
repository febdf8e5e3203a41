//! `jsbox compile`: a script as a self-contained WASI 0.2 component that the
//! plain `wasmtime` CLI (or any WASI 0.2 host) runs, and that `jsbox run`
//! runs under a full policy.
//!
//! The output starts from the standalone build of the guest
//! (`wit/component.wit`, committed in `host/prebuilt/`): wizer runs its
//! `init` with the script in the environment, so the snapshot holds the
//! runtime, the shims and the parsed script. The script itself (its source, language and platform modules)
//! also travels in the custom section [`SECTION`], which is what `jsbox run`
//! reads: it never runs the component's code, it runs the script in its own
//! sandbox, so every policy (allow-list, address guard, caps, helpers,
//! secrets) applies.
//!
//! Two builds of the component: one imports `wasi:http/outgoing-handler`
//! (`wasmtime run` then needs `-S http` to start it), one imports nothing
//! for the network (each request fails with `network-denied`, catchably).
//! By default a script that names `fetch` or `http` (or one of its modules
//! does) gets the first; `--http` / `--no-http` decide instead.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use wasmtime::component::{Component, Linker};
use wasmtime::{Config, Engine, Store};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{ResourceTable, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiBody, WasiHttpCtx, WasiHttpCtxView, WasiHttpHooks, WasiHttpView};

use jsbox::Language;

/// The standalone component that imports `wasi:http`.
static WITH_HTTP: &[u8] = include_bytes!("../../prebuilt/jsbox-component.wasm");
/// The standalone component without network access.
static OFFLINE: &[u8] = include_bytes!("../../prebuilt/jsbox-component-offline.wasm");

/// The custom section of a compiled component that holds its [`Bundle`].
pub const SECTION: &str = "jsbox:script";

/// The environment variable the component's `init` reads the script from.
const BUNDLE_VARIABLE: &str = "JSBOX_COMPILE_BUNDLE";

/// Output `init` may write (its error line) before it traps.
const INIT_OUTPUT: usize = 64 * 1024;

/// A script as `jsbox compile` received it: what [`SECTION`] holds (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The script's source, as written (TypeScript with its types).
    pub source: String,
    /// Its language.
    pub language: Language,
    /// Platform modules, name and source as written, in `--module` order.
    #[serde(default)]
    pub modules: Vec<BundledModule>,
}

/// One platform module of a [`Bundle`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundledModule {
    /// The name the script imports.
    pub name: String,
    /// Its source.
    pub source: String,
    /// Its language.
    pub language: Language,
}

/// Whether the component imports `wasi:http`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// When the script or a module names `fetch` or `http`.
    Auto,
    /// Always (`--http`).
    Http,
    /// Never (`--no-http`).
    Offline,
}

/// What went wrong compiling.
#[derive(Debug)]
pub enum CompileError {
    /// The script failed as a script: `error[<kind>]: <message>` (kind
    /// `syntax` for a parse error).
    Script(String),
    /// Anything else (an internal error).
    Internal(String),
}

/// A compiled component, and whether it imports `wasi:http`.
pub struct Compiled {
    /// The component's bytes.
    pub wasm: Vec<u8>,
    /// Whether it imports `wasi:http` (run it with `wasmtime run -S http`).
    pub http: bool,
}

impl Bundle {
    /// Whether the script may use the network: it or a module names `fetch`
    /// or `http` (as a word, e.g. `http.sendGetRequest` or `"http://…"`).
    pub fn names_network(&self) -> bool {
        std::iter::once(&self.source).chain(self.modules.iter().map(|m| &m.source)).any(|text| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .any(|word| word == "fetch" || word == "http")
        })
    }

    /// The JSON the component's `init` reads: JavaScript only (TypeScript
    /// stripped here, keeping positions), under the name errors show.
    fn for_init(&self) -> Result<String, CompileError> {
        let name = self.language.script_name();
        let source = self.language.to_javascript(&self.source, name).map_err(script_error)?;
        let mut modules = Vec::with_capacity(self.modules.len());
        for module in &self.modules {
            let source = module.language.to_javascript(&module.source, &module.name).map_err(script_error)?;
            modules.push([module.name.clone(), source]);
        }
        let init = serde_json::json!({ "name": name, "source": source, "modules": modules });
        Ok(init.to_string())
    }

    /// The bundle a component made by [`compile`] carries, if `wasm` is one.
    pub fn read(wasm: &[u8]) -> Result<Bundle, String> {
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            let payload = payload.map_err(|e| format!("not a valid WebAssembly component: {e}"))?;
            if let wasmparser::Payload::CustomSection(section) = payload
                && section.name() == SECTION
            {
                return serde_json::from_slice(section.data())
                    .map_err(|e| format!("its {SECTION} section is damaged: {e}"));
            }
        }
        Err(format!("it is WebAssembly but not a component made by `jsbox compile` (no {SECTION} section)"))
    }
}

fn script_error(e: jsbox::Error) -> CompileError {
    CompileError::Script(format!("error[{}]: {e}", e.kind()))
}

/// The state wizer's store needs: WASI for `init`, and `wasi:http` linked
/// (the component imports it) but refusing every request.
struct InitState {
    wasi: WasiCtx,
    table: ResourceTable,
    http: WasiHttpCtx,
    no_requests: NoRequests,
}

impl WasiView for InitState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

impl WasiHttpView for InitState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView { ctx: &mut self.http, table: &mut self.table, hooks: &mut self.no_requests }
    }
}

/// `init` only parses: a request there is refused.
struct NoRequests;

type ResponseFuture = Box<dyn Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>;

impl WasiHttpHooks for NoRequests {
    fn send_request(
        &mut self,
        _request: http::Request<WasiBody>,
        _options: Option<wasmtime_wasi_http::RequestOptions>,
        _fut: ResponseFuture,
    ) -> Box<dyn Future<Output = Result<(http::Response<WasiBody>, ResponseFuture), wasmtime_wasi_http::Error>> + Send>
    {
        Box::new(async { Err(wasmtime_wasi_http::Error::HttpRequestDenied) })
    }
}

/// Compiles `bundle` into a component (see the [module docs](self)).
pub async fn compile(bundle: &Bundle, network: Network) -> Result<Compiled, CompileError> {
    let http = match network {
        Network::Auto => bundle.names_network(),
        Network::Http => true,
        Network::Offline => false,
    };
    let init = bundle.for_init()?;
    let stderr = MemoryOutputPipe::new(INIT_OUTPUT);
    let wasi = WasiCtxBuilder::new().env(BUNDLE_VARIABLE, &init).stderr(stderr.clone()).build();
    let mut config = Config::new();
    // `init` runs once: compiling the guest fast matters, its speed does not.
    config.wasm_component_model(true).cranelift_opt_level(wasmtime::OptLevel::None);
    let engine = Engine::new(&config).map_err(internal)?;
    let mut linker = Linker::<InitState>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker).map_err(internal)?;
    wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker).map_err(internal)?;
    let state = InitState { wasi, table: ResourceTable::new(), http: WasiHttpCtx::new(), no_requests: NoRequests };
    let mut store = Store::new(&engine, state);
    let mut wizer = wasmtime_wizer::Wizer::new();
    // Kept exported (it does nothing once a script is compiled in): wizer
    // 48 cannot remove a component's init export without breaking it.
    wizer.init_func("init").keep_init_func(true);
    let input = if http { WITH_HTTP } else { OFFLINE };
    let run = wizer.run_component(&mut store, input, async |store, component: &Component| {
        linker.instantiate_async(store, component).await
    });
    let snapshot = match run.await {
        Ok((snapshot, _)) => snapshot,
        Err(e) => {
            let said = String::from_utf8_lossy(&stderr.contents()).into_owned();
            return Err(match said.lines().find(|line| line.starts_with("error[")) {
                Some(line) => CompileError::Script(line.to_string()),
                None => CompileError::Internal(format!("pre-initializing the component: {e:?}")),
            });
        }
    };
    let mut wasm = snapshot;
    let data = serde_json::to_vec(bundle).map_err(internal)?;
    wasm_encoder::ComponentSection::append_to_component(
        &wasm_encoder::CustomSection { name: SECTION.into(), data: data.into() },
        &mut wasm,
    );
    Ok(Compiled { wasm, http })
}

fn internal(e: impl std::fmt::Display) -> CompileError {
    CompileError::Internal(e.to_string())
}

/// Where `jsbox compile SCRIPT` writes without `-o`: SCRIPT with the
/// extension `.wasm` (`script.wasm` for stdin).
pub fn default_output(script: &str) -> PathBuf {
    if script == "-" {
        return PathBuf::from("script.wasm");
    }
    Path::new(script).with_extension("wasm")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(source: &str) -> Bundle {
        Bundle { source: source.into(), language: Language::JavaScript, modules: Vec::new() }
    }

    #[test]
    fn a_script_that_names_fetch_or_http_gets_the_network() {
        assert!(bundle("async function execute() { return (await fetch('x')).status }").names_network());
        assert!(bundle("function execute(a) { return http.sendGetRequest({}, a.url) }").names_network());
        assert!(bundle("const base = 'http://127.0.0.1/';").names_network());
        assert!(!bundle("function execute() { return 1 }").names_network());
        assert!(!bundle("const fetcher = 1; const https_only = 2;").names_network());
        let mut with_module = bundle("import get from 'client'; export default get;");
        with_module.modules.push(BundledModule {
            name: "client".into(),
            source: "export default () => fetch('x')".into(),
            language: Language::JavaScript,
        });
        assert!(with_module.names_network());
    }

    #[test]
    fn the_default_output_is_the_script_with_a_wasm_extension() {
        assert_eq!(default_output("dir/seed.js"), PathBuf::from("dir/seed.wasm"));
        assert_eq!(default_output("plugin.ts"), PathBuf::from("plugin.wasm"));
        assert_eq!(default_output("-"), PathBuf::from("script.wasm"));
    }

    #[test]
    fn a_file_that_is_not_a_compiled_component_is_told_apart() {
        assert!(Bundle::read(b"\0asm\x01\0\0\0").unwrap_err().contains("not a component made by `jsbox compile`"));
        assert!(Bundle::read(b"\0asm\x0d\0\x01").unwrap_err().contains("not a valid WebAssembly"));
    }
}
