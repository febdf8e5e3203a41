//! The committed guest (`host/prebuilt/jsbox-guest.wasm`, and the two
//! builds of the standalone component `jsbox compile` starts from) and its
//! manifest (`host/prebuilt/jsbox-guest.inputs`): packing freshly built core
//! modules as components, and checking that the committed artifacts still
//! match the sources they were built from.
//!
//! The inputs are everything that decides the guest's bytes: the guest's
//! sources and lockfile, the WIT boundary, the vendored QuickJS and the build
//! script. Their hash is recorded when the artifact is packed; a test
//! recomputes it, so a change to any input without `make guest` fails
//! `make test` with the command to run.

use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where the artifact lives, relative to the repository root.
pub const ARTIFACT: &str = "host/prebuilt/jsbox-guest.wasm";
/// One committed build of the guest.
#[derive(Debug, Clone, Copy)]
pub struct Artifact {
    /// Where it lives, relative to the repository root.
    pub path: &'static str,
    /// The crate it is built from (under `guest/`).
    pub krate: &'static str,
    /// That crate's cargo features it is built with.
    pub features: &'static str,
    /// Its SHA-256's key in the manifest.
    pub key: &'static str,
}

/// Every committed build, in the order `scripts/guest.sh` builds them: jsbox's
/// guest, the standalone component with and without `wasi:http`, and the
/// TypeScript stripper the host sandboxes (`wit/typescript.wit`).
pub const ARTIFACTS: &[Artifact] = &[
    Artifact { path: ARTIFACT, krate: "guest", features: "", key: "wasm-sha256" },
    Artifact {
        path: "host/prebuilt/jsbox-component.wasm",
        krate: "guest",
        features: "network",
        key: "component-wasm-sha256",
    },
    Artifact {
        path: "host/prebuilt/jsbox-component-offline.wasm",
        krate: "guest",
        features: "component",
        key: "component-offline-wasm-sha256",
    },
    Artifact {
        path: "host/prebuilt/jsbox-typescript.wasm",
        krate: "guest/typescript",
        features: "",
        key: "typescript-wasm-sha256",
    },
];

/// The sandbox's global names, one per line, as the committed guest
/// defines them before a script runs (`jsbox-guest globals` writes it, `make
/// test` checks it): the library reserves them, so no helper takes one.
pub const GLOBALS: &str = "host/prebuilt/jsbox-guest.globals";

/// [`GLOBALS`]' text for these names: sorted, one per line, after a header;
/// `execute`, which the listing script itself defines, left out.
pub fn render_globals(mut names: Vec<String>) -> String {
    names.retain(|name| name != "execute");
    names.sort();
    names.dedup();
    let mut text = String::from(
        "# The jsbox sandbox's globals before a script runs: no helper may take one of these names.\n\
         # Written by `make guest` from the guest it built; checked by `make test`. Do not edit.\n",
    );
    for name in names {
        text.push_str(&name);
        text.push('\n');
    }
    text
}

/// Its manifest, relative to the repository root.
pub const MANIFEST: &str = "host/prebuilt/jsbox-guest.inputs";
/// Files and directories (walked recursively, skipping `target/`) whose
/// contents decide the guest: its sources, lockfile and vendored QuickJS,
/// the WIT boundary, and the build script.
pub const INPUTS: &[&str] = &["guest", "wit", "scripts/guest.sh"];
/// The command that rebuilds the artifact and its manifest.
pub const REFRESH: &str = "make guest";

/// SHA-256 over the inputs under `root`: every file's path (relative, with
/// `/`), length and bytes, in path order.
pub fn inputs_hash(root: &Path) -> io::Result<String> {
    let mut files = Vec::new();
    for input in INPUTS {
        collect(root, &root.join(input), &mut files)?;
    }
    files.sort();
    let mut hasher = Sha256::new();
    for (relative, path) in files {
        let bytes = std::fs::read(&path)?;
        hasher.update(relative.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hex(&hasher.finalize()))
}

fn collect(root: &Path, path: &Path, files: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    let meta = std::fs::metadata(path)
        .map_err(|e| io::Error::new(e.kind(), format!("guest input {}: {e}", path.display())))?;
    if meta.is_dir() {
        if path.file_name().is_some_and(|name| name == "target") {
            return Ok(());
        }
        for entry in std::fs::read_dir(path)? {
            collect(root, &entry?.path(), files)?;
        }
    } else {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let name: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        files.push((name.join("/"), path.to_path_buf()));
    }
    Ok(())
}

/// The recorded facts about the committed artifacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// [`inputs_hash`] of the sources they were built from.
    pub inputs_sha256: String,
    /// SHA-256 of each artifact, in [`ARTIFACTS`]' order.
    pub wasm_sha256: Vec<String>,
    /// The toolchain that built it (for the record; the check in `make test`
    /// rebuilds and compares bytes).
    pub toolchain: Vec<(String, String)>,
}

impl Manifest {
    /// The manifest's text.
    pub fn render(&self) -> String {
        let mut text = format!(
            "# The committed jsbox guest ({ARTIFACT}, and the standalone components) and what they were built from.\n\
             # Written by `{REFRESH}`; checked by `make test`. Do not edit.\n\
             inputs-sha256 = {}\n",
            self.inputs_sha256
        );
        for (artifact, sha256) in ARTIFACTS.iter().zip(&self.wasm_sha256) {
            text.push_str(&format!("{} = {sha256}\n", artifact.key));
        }
        for (key, value) in &self.toolchain {
            text.push_str(&format!("{key} = {value}\n"));
        }
        text
    }

    /// Parses [`render`](Manifest::render)'s output.
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut fields: Vec<(String, String)> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once(" = ").map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
            .collect();
        let mut take = |key: &str| {
            let at = fields.iter().position(|(k, _)| k == key)?;
            Some(fields.remove(at).1)
        };
        let inputs_sha256 = take("inputs-sha256")?;
        let wasm_sha256 = ARTIFACTS.iter().map(|artifact| take(artifact.key)).collect::<Option<Vec<_>>>()?;
        Some(Manifest { inputs_sha256, wasm_sha256, toolchain: fields })
    }
}

/// Checks the committed artifact under `root` against its manifest and the
/// current inputs. The error says what drifted and which command fixes it.
pub fn check(root: &Path) -> Result<(), String> {
    let manifest_path = root.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}; run `{REFRESH}`", manifest_path.display()))?;
    let manifest = Manifest::parse(&text)
        .ok_or_else(|| format!("{} is not a guest manifest; run `{REFRESH}`", manifest_path.display()))?;
    for (artifact, recorded) in ARTIFACTS.iter().zip(&manifest.wasm_sha256) {
        let path = artifact.path;
        let wasm = std::fs::read(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))?;
        if &sha256(&wasm) != recorded {
            return Err(format!(
                "{path} is not the artifact its manifest records (it was changed by hand?); \
                 run `{REFRESH}` to rebuild it from its sources"
            ));
        }
    }
    let now = inputs_hash(root).map_err(|e| e.to_string())?;
    if now != manifest.inputs_sha256 {
        return Err(format!(
            "the committed guest ({ARTIFACT}) is stale: its inputs ({}) changed since it was built; \
             run `{REFRESH}` and commit host/prebuilt/",
            INPUTS.join(", ")
        ));
    }
    Ok(())
}

/// Turns the guest's core module into a component: the WASI preview1 calls
/// QuickJS makes are adapted to WASI 0.2 by the reactor adapter matching
/// this wasmtime version.
pub fn pack(core: &[u8]) -> Result<Vec<u8>, String> {
    use wasi_preview1_component_adapter_provider::{
        WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME, WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER,
    };
    wit_component::ComponentEncoder::default()
        .module(core)
        .and_then(|encoder| {
            encoder.adapter(WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME, WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER)
        })
        .and_then(|encoder| encoder.validate(true).encode())
        .map_err(|e| format!("componentizing the guest: {e:?}"))
}

/// Hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_round_trips() {
        let manifest = Manifest {
            inputs_sha256: "ab".into(),
            wasm_sha256: vec!["cd".into(), "ef".into(), "01".into(), "23".into()],
            toolchain: vec![("rustc".into(), "rustc 1.95.0 (x)".into())],
        };
        assert_eq!(Manifest::parse(&manifest.render()), Some(manifest));
        assert_eq!(Manifest::parse("nothing here"), None);
    }
}
