//! The compiled guest an engine instantiates: the embedded component,
//! pre-initialized with wizer (QuickJS runtime, context and shims already set
//! up in the snapshot), compiled for the engine's exact configuration, and
//! cached on disk so a process starts in milliseconds instead of recompiling.
//!
//! A cache file is `MAGIC`, the SHA-256 of the payload, then the payload
//! (wasmtime's precompiled component). Its name carries a key over the
//! wasmtime compatibility hash, the guest's hash and the jsbox version, so a
//! stale file is never looked up; a corrupt one fails the checksum or
//! wasmtime's own checks and is rebuilt, never trusted blindly.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmtime::Store;
use wasmtime::component::{Component, Linker};

use crate::Error;
use crate::sandbox::SandboxState;

/// The guest component, built from `guest/` and componentized by `build.rs`.
pub(crate) static GUEST_COMPONENT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jsbox_guest.component.wasm"));

const MAGIC: &[u8; 8] = b"JSBOXC01";

/// How the component was obtained, for tests and diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Loaded from a valid cache file.
    Cache,
    /// Snapshotted and compiled now (no cache, a miss, or a rejected file).
    Compiled,
}

/// The compiled, pre-initialized guest for `engine`.
pub(crate) fn load(
    engine: &wasmtime::Engine,
    linker: &Linker<SandboxState>,
    cache_dir: Option<&Path>,
    init_state: impl FnOnce() -> SandboxState,
) -> Result<(Component, Source), Error> {
    let path = cache_dir.map(|dir| cache_path(engine, dir));
    if let Some(path) = &path {
        match read_verified(path) {
            Ok(Some(payload)) => {
                // SAFETY: the payload is what `precompile_component` wrote
                // for this engine configuration (the key) and its checksum
                // matches; wasmtime also checks version and configuration.
                match unsafe { Component::deserialize(engine, &payload) } {
                    Ok(component) => return Ok((component, Source::Cache)),
                    Err(e) => tracing::warn!("rebuilding the rejected cache file {}: {e}", path.display()),
                }
            }
            Ok(None) => {}
            Err(why) => tracing::warn!("rebuilding the cache file {}: {why}", path.display()),
        }
    }
    let snapshot = snapshot(engine, linker, init_state())?;
    let compiled = engine.precompile_component(&snapshot).map_err(Error::internal)?;
    if let Some(path) = &path
        && let Err(e) = write_verified(path, &compiled)
    {
        tracing::warn!("cannot cache the compiled guest at {}: {e}", path.display());
    }
    // SAFETY: produced by `precompile_component` on this very engine.
    let component = unsafe { Component::deserialize(engine, &compiled) }.map_err(Error::internal)?;
    Ok((component, Source::Compiled))
}

/// Runs the guest's `init` export and snapshots the initialized instance.
fn snapshot(engine: &wasmtime::Engine, linker: &Linker<SandboxState>, state: SandboxState) -> Result<Vec<u8>, Error> {
    let mut store = Store::new(engine, state);
    store.set_fuel(u64::MAX).ok(); // only errors when fuel is not metered
    store.set_epoch_deadline(u64::MAX);
    let mut wizer = wasmtime_wizer::Wizer::new();
    // Keeping `init` exported keeps the component's export list intact.
    wizer.init_func("init").keep_init_func(true);
    let run = wizer.run_component(&mut store, GUEST_COMPONENT, async |store, component| {
        linker.instantiate_async(store, component).await
    });
    let (snapshot, _) =
        pollster::block_on(run).map_err(|e| Error::internal(format!("snapshotting the guest: {e:?}")))?;
    Ok(snapshot)
}

/// `DIR/guest-<key>.cwasm`.
fn cache_path(engine: &wasmtime::Engine, dir: &Path) -> PathBuf {
    let mut hasher = DigestHasher(Sha256::new());
    std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut hasher);
    hasher.0.update(Sha256::digest(GUEST_COMPONENT));
    hasher.0.update(env!("CARGO_PKG_VERSION").as_bytes());
    let key = hex(&hasher.0.finalize()[..16]);
    dir.join(format!("guest-{key}.cwasm"))
}

/// The payload of a cache file, `None` when there is none.
fn read_verified(path: &Path) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    if bytes.len() < MAGIC.len() + 32 || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a jsbox cache file".into());
    }
    let (header, payload) = bytes.split_at(MAGIC.len() + 32);
    if Sha256::digest(payload).as_slice() != &header[MAGIC.len()..] {
        return Err("checksum mismatch (corrupt)".into());
    }
    bytes.drain(..MAGIC.len() + 32);
    Ok(Some(bytes))
}

/// Writes atomically (temp file, then rename), so concurrent processes never
/// read half a file.
fn write_verified(path: &Path, payload: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&Sha256::digest(payload));
    bytes.extend_from_slice(payload);
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The default cache directory: `$JSBOX_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/jsbox`, else `~/.cache/jsbox`.
pub(crate) fn default_cache_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("JSBOX_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("jsbox")))
        .or_else(|| var("HOME").map(|d| d.join(".cache/jsbox")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Feeds `Hash` output into a digest.
struct DigestHasher(Sha256);

impl Hasher for DigestHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back_and_any_flipped_bit_is_refused() {
        let dir = std::env::temp_dir().join(format!("jsbox-artifact-{}", std::process::id()));
        let path = dir.join("guest-test.cwasm");
        write_verified(&path, b"payload bytes").unwrap();
        assert_eq!(read_verified(&path).unwrap().as_deref(), Some(&b"payload bytes"[..]));

        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(read_verified(&path).unwrap_err().contains("checksum"));

        std::fs::write(&path, b"garbage").unwrap();
        assert!(read_verified(&path).unwrap_err().contains("not a jsbox cache file"));

        std::fs::remove_file(&path).unwrap();
        assert_eq!(read_verified(&path).unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
