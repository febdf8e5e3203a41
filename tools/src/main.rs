//! `jsbox-guest`: packs and checks the committed guest (used by
//! `scripts/guest.sh`, i.e. `make guest` and `make test`).
//!
//! ```text
//! jsbox-guest pack CORE.wasm [KEY=VALUE...]   write host/prebuilt/ from a fresh core module
//! jsbox-guest compare CORE.wasm               exit 1 unless packing CORE gives the committed bytes
//! jsbox-guest check                           exit 1 if the committed guest drifted from its inputs
//! ```
//! Paths are relative to the repository root (the current directory).

use std::path::Path;
use std::process::ExitCode;

use jsbox_tools::{ARTIFACT, MANIFEST, Manifest, REFRESH};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["pack", core, toolchain @ ..] => pack(Path::new(core), toolchain),
        ["compare", core] => compare(Path::new(core)),
        ["check"] => jsbox_tools::check(Path::new(".")),
        _ => Err("usage: jsbox-guest pack CORE.wasm [KEY=VALUE...] | compare CORE.wasm | check".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn packed(core: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(core).map_err(|e| format!("cannot read {}: {e}", core.display()))?;
    jsbox_tools::pack(&bytes)
}

fn pack(core: &Path, toolchain: &[&str]) -> Result<(), String> {
    let component = packed(core)?;
    let manifest = Manifest {
        inputs_sha256: jsbox_tools::inputs_hash(Path::new(".")).map_err(|e| e.to_string())?,
        wasm_sha256: jsbox_tools::sha256(&component),
        toolchain: toolchain
            .iter()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    std::fs::write(ARTIFACT, &component).map_err(|e| format!("cannot write {ARTIFACT}: {e}"))?;
    std::fs::write(MANIFEST, manifest.render()).map_err(|e| format!("cannot write {MANIFEST}: {e}"))?;
    eprintln!("jsbox-guest: wrote {ARTIFACT} ({} bytes) and {MANIFEST}", component.len());
    Ok(())
}

fn compare(core: &Path) -> Result<(), String> {
    let fresh = packed(core)?;
    let committed = std::fs::read(ARTIFACT).map_err(|e| format!("cannot read {ARTIFACT}: {e}"))?;
    if fresh != committed {
        return Err(format!(
            "a build of the guest's sources differs from the committed {ARTIFACT} \
             ({} bytes, sha256 {} vs {} bytes, sha256 {}): either the inputs changed without `{REFRESH}`, \
             or the toolchain differs from the one recorded in {MANIFEST} (the build is only reproducible \
             with the same rustc and clang)",
            fresh.len(),
            jsbox_tools::sha256(&fresh),
            committed.len(),
            jsbox_tools::sha256(&committed)
        ));
    }
    eprintln!("jsbox-guest: the guest builds reproducibly ({} bytes, identical to {ARTIFACT})", fresh.len());
    Ok(())
}
