//! `jsbox-guest`: packs and checks the committed guest (used by
//! `scripts/guest.sh`, i.e. `make guest` and `make test`).
//!
//! ```text
//! jsbox-guest pack CORE.wasm... [KEY=VALUE...]  write host/prebuilt/ from fresh core modules
//! jsbox-guest compare CORE.wasm...              exit 1 unless packing them gives the committed bytes
//! jsbox-guest check                             exit 1 if the committed guest drifted from its inputs
//! jsbox-guest globals [--check]                 write (or check) host/prebuilt/jsbox-guest.globals
//! ```
//! One core module per artifact, in `ARTIFACTS`' order (jsbox's guest, the
//! standalone component, the same without `wasi:http`, the TypeScript
//! stripper). Paths are relative to the repository root (the current
//! directory).

use std::path::Path;
use std::process::ExitCode;

use jsbox_tools::{ARTIFACTS, MANIFEST, Manifest, REFRESH};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["pack", rest @ ..] => {
            let (toolchain, cores): (Vec<&str>, Vec<&str>) = rest.iter().partition(|arg| arg.contains('='));
            cores_for_each_artifact(&cores).and_then(|cores| pack(&cores, &toolchain))
        }
        ["compare", cores @ ..] => cores_for_each_artifact(cores).and_then(|cores| compare(&cores)),
        ["check"] => jsbox_tools::check(Path::new(".")),
        ["globals"] => globals(false),
        ["globals", "--check"] => globals(true),
        _ => Err(
            "usage: jsbox-guest pack CORE.wasm... [KEY=VALUE...] | compare CORE.wasm... | check | globals [--check]"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cores_for_each_artifact<'a>(cores: &[&'a str]) -> Result<Vec<&'a Path>, String> {
    if cores.len() != ARTIFACTS.len() {
        let names: Vec<&str> = ARTIFACTS.iter().map(|artifact| artifact.path).collect();
        return Err(format!("expected {} core modules, for {}", ARTIFACTS.len(), names.join(", ")));
    }
    Ok(cores.iter().map(|core| Path::new(*core)).collect())
}

fn packed(core: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(core).map_err(|e| format!("cannot read {}: {e}", core.display()))?;
    jsbox_tools::pack(&bytes)
}

fn pack(cores: &[&Path], toolchain: &[&str]) -> Result<(), String> {
    let components = cores.iter().map(|core| packed(core)).collect::<Result<Vec<_>, _>>()?;
    let manifest = Manifest {
        inputs_sha256: jsbox_tools::inputs_hash(Path::new(".")).map_err(|e| e.to_string())?,
        wasm_sha256: components.iter().map(|component| jsbox_tools::sha256(component)).collect(),
        toolchain: toolchain
            .iter()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    for (artifact, component) in ARTIFACTS.iter().zip(&components) {
        let path = artifact.path;
        std::fs::write(path, component).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("jsbox-guest: wrote {path} ({} bytes)", component.len());
    }
    std::fs::write(MANIFEST, manifest.render()).map_err(|e| format!("cannot write {MANIFEST}: {e}"))?;
    eprintln!("jsbox-guest: wrote {MANIFEST}");
    Ok(())
}

fn compare(cores: &[&Path]) -> Result<(), String> {
    for (artifact, core) in ARTIFACTS.iter().zip(cores) {
        let path = artifact.path;
        let fresh = packed(core)?;
        let committed = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        if fresh != committed {
            return Err(format!(
                "a build of the guest's sources differs from the committed {path} \
                 ({} bytes, sha256 {} vs {} bytes, sha256 {}): either the inputs changed without `{REFRESH}`, \
                 or the toolchain differs from the one recorded in {MANIFEST} (the build is only reproducible \
                 with the same rustc and clang)",
                fresh.len(),
                jsbox_tools::sha256(&fresh),
                committed.len(),
                jsbox_tools::sha256(&committed)
            ));
        }
        eprintln!("jsbox-guest: {path} builds reproducibly ({} bytes, identical)", fresh.len());
    }
    Ok(())
}

/// The sandbox's globals as the guest this binary embeds defines them,
/// written to (or compared with) [`jsbox_tools::GLOBALS`], from which the
/// library derives the names a helper may not take.
fn globals(check: bool) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let names = runtime.block_on(async {
        let engine = jsbox::Engine::new(jsbox::EngineConfig::default()).map_err(|e| e.to_string())?;
        let listing = "function execute() { return Object.getOwnPropertyNames(globalThis) }";
        let out = engine.execute(&jsbox::Policy::default(), listing, serde_json::json!({})).await;
        let names: Vec<String> =
            serde_json::from_value(out.map_err(|e| e.to_string())?.result).map_err(|e| e.to_string())?;
        Ok::<_, String>(names)
    })?;
    let text = jsbox_tools::render_globals(names);
    let path = jsbox_tools::GLOBALS;
    if !check {
        std::fs::write(path, &text).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("jsbox-guest: wrote {path}");
        return Ok(());
    }
    let committed = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    if committed != text {
        return Err(format!("{path} does not list the committed guest's globals; run `{REFRESH}`"));
    }
    eprintln!("jsbox-guest: {path} lists the guest's globals");
    Ok(())
}
