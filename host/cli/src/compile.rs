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

/// The custom section that marks a component as made by `jsbox compile`:
/// [`Made`], binding the component to its [`SECTION`] by hash.
pub const MADE_SECTION: &str = "jsbox:compiled";

/// What [`MADE_SECTION`] holds (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Made {
    /// The jsbox version that compiled it.
    pub jsbox: String,
    /// The SHA-256 (hex) of the [`SECTION`]'s bytes.
    pub script_sha256: String,
}

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

    /// The bundle a component made by [`compile`] carries, if `wasm` is one:
    /// a valid WebAssembly component exporting `execute`, with exactly one
    /// [`SECTION`] and one [`MADE_SECTION`] at its top level that agree.
    /// Anything else (a core module, a component of other origin, a
    /// damaged or edited file) is refused with a message saying why.
    pub fn read(wasm: &[u8]) -> Result<Bundle, String> {
        use wasmparser::{Parser, Payload, Validator, WasmFeatures};
        if !wasm.starts_with(b"\0asm") {
            return Err("it is not WebAssembly".into());
        }
        if Parser::is_core_wasm(wasm) {
            return Err("it is a WebAssembly module, not a component made by `jsbox compile`".into());
        }
        if !Parser::is_component(wasm) {
            return Err("not a valid WebAssembly component (its header is damaged)".into());
        }
        Validator::new_with_features(WasmFeatures::all())
            .validate_all(wasm)
            .map_err(|e| format!("not a valid WebAssembly component: {e}"))?;
        let (mut script, mut made, mut exports_execute, mut depth) = (Vec::new(), Vec::new(), false, 0usize);
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.map_err(|e| format!("not a valid WebAssembly component: {e}"))? {
                Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
                Payload::End(_) => depth = depth.saturating_sub(1),
                Payload::CustomSection(section) if depth == 0 && section.name() == SECTION => {
                    script.push(section.data().to_vec());
                }
                Payload::CustomSection(section) if depth == 0 && section.name() == MADE_SECTION => {
                    made.push(section.data().to_vec());
                }
                Payload::ComponentExportSection(exports) if depth == 0 => {
                    for export in exports {
                        let export = export.map_err(|e| format!("not a valid WebAssembly component: {e}"))?;
                        exports_execute |= export.name.name == "execute";
                    }
                }
                _ => {}
            }
        }
        let not_made = |why: &str| format!("it is WebAssembly but not a component made by `jsbox compile` ({why})");
        let (script, made) = match (script.as_slice(), made.as_slice()) {
            ([], _) => return Err(not_made(&format!("no {SECTION} section"))),
            ([script], [made]) => (script, made),
            ([_], []) => {
                return Err(not_made(&format!(
                    "no {MADE_SECTION} section; a component from an older jsbox: compile the script again"
                )));
            }
            _ => return Err(not_made(&format!("more than one {SECTION} or {MADE_SECTION} section"))),
        };
        if !exports_execute {
            return Err(not_made("it exports no `execute`"));
        }
        let made: Made =
            jsbox::json::from_slice(made).map_err(|e| format!("its {MADE_SECTION} section is damaged: {e}"))?;
        if made.script_sha256 != sha256_hex(script) {
            return Err(format!(
                "its {SECTION} section is damaged, or was changed after `jsbox compile` made it (its hash differs)"
            ));
        }
        jsbox::json::from_slice(script).map_err(|e| format!("its {SECTION} section is damaged: {e}"))
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
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
    let made = Made { jsbox: env!("CARGO_PKG_VERSION").into(), script_sha256: sha256_hex(&data) };
    let made = serde_json::to_vec(&made).map_err(internal)?;
    for (name, data) in [(SECTION, data), (MADE_SECTION, made)] {
        wasm_encoder::ComponentSection::append_to_component(
            &wasm_encoder::CustomSection { name: name.into(), data: data.into() },
            &mut wasm,
        );
    }
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
        assert!(Bundle::read(b"\0asm\x01\0\0\0").unwrap_err().contains("a WebAssembly module, not a component"));
        assert!(Bundle::read(b"\0asm\x0d\0\x01").unwrap_err().contains("not a valid WebAssembly"));
        assert!(Bundle::read(b"{}").unwrap_err().contains("not WebAssembly"));
    }
}
