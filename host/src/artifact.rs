//! Components jsbox embeds, compiled for an engine's exact configuration and
//! cached on disk so a process starts in milliseconds instead of
//! recompiling: the guest (pre-initialized first, see `engine::guest`) and
//! the TypeScript stripper (`modules::typescript`).
//!
//! A cache file is `MAGIC`, the SHA-256 of the payload, then the payload
//! (wasmtime's precompiled component). Its name is
//! `<guest|typescript>-<stamp>-<key>.cwasm`: the stamp names the jsbox
//! version, the wasmtime version and the component's hash; the key covers wasmtime's
//! compatibility hash (the engine configuration), so a stale file is never
//! looked up. A corrupt one fails the checksum or wasmtime's own checks and is
//! rebuilt, never trusted blindly.
//!
//! **Cleanup rule.** The cache does not grow across upgrades: when an engine
//! starts, files with another stamp (other jsbox, wasmtime or guest versions,
//! or names from before stamps) are removed — but never one that a running
//! process may be using. Every engine holds a shared lock (`flock`) on the
//! file it loaded or wrote for as long as it lives, and takes it before it
//! reads; cleanup removes only files it can lock exclusively at that moment.
//! Files with this version's stamp and another key (another engine
//! configuration, such as the fuel-metered flavor) are kept. Temporary files
//! of interrupted writers are removed after an hour.

use std::fs::File;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::Component;

use crate::error::Error;

const MAGIC: &[u8; 8] = b"JSBOXC01";

/// How the component was obtained, for tests and diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Loaded from a valid cache file.
    Cache,
    /// Snapshotted and compiled now (no cache, a miss, or a rejected file).
    Compiled,
}

/// A shared lock on the cache file an engine uses, held while it lives, so
/// that no other process's cleanup removes it.
#[derive(Debug)]
pub(crate) struct Lease {
    _file: Option<File>,
}

/// A component jsbox embeds and caches compiled: the guest, or the
/// TypeScript stripper. Its cache files are `<name>-<stamp>-<key>.cwasm`.
pub(crate) struct Embedded {
    pub(crate) name: &'static str,
    pub(crate) bytes: &'static [u8],
    digest: std::sync::OnceLock<[u8; 32]>,
}

impl Embedded {
    pub(crate) const fn new(name: &'static str, bytes: &'static [u8]) -> Self {
        Embedded { name, bytes, digest: std::sync::OnceLock::new() }
    }

    /// SHA-256 of the bytes, computed once per process (they are
    /// megabytes, and each engine start names its cache file with it).
    fn digest(&self) -> &[u8; 32] {
        self.digest.get_or_init(|| Sha256::digest(self.bytes).into())
    }

    /// The SHA-256 of the bytes, in hex.
    pub(crate) fn hex_digest(&self) -> String {
        hex(self.digest())
    }

    /// The part of a cache file's name shared by every engine configuration
    /// of this build: jsbox version, wasmtime version, the bytes' hash.
    fn stamp(&self) -> String {
        let hash = hex(&self.digest()[..6]);
        format!("j{}-w{}-g{hash}", env!("CARGO_PKG_VERSION"), wasmtime_environ::VERSION)
    }
}

/// `what` compiled for `engine`: from its cache file in `cache_dir` when
/// one is valid, else `build` (the precompiled component, written to the
/// cache), with the lease on the file it came from.
pub(crate) fn cached(
    engine: &wasmtime::Engine,
    cache_dir: Option<&Path>,
    what: &Embedded,
    build: impl FnOnce() -> Result<Vec<u8>, Error>,
) -> Result<(Component, Source, Lease), Error> {
    let path = cache_dir.map(|dir| cache_path(engine, dir, what));
    if let Some(path) = &path {
        match read_verified(path) {
            Ok(Some((payload, file))) => {
                // SAFETY: the payload is what `precompile_component` wrote
                // for this engine configuration (the key) and its checksum
                // matches; wasmtime also checks version and configuration.
                match unsafe { Component::deserialize(engine, &payload) } {
                    Ok(component) => return Ok((component, Source::Cache, Lease { _file: Some(file) })),
                    Err(e) => tracing::warn!("rebuilding the rejected cache file {}: {e}", path.display()),
                }
            }
            Ok(None) => {}
            Err(why) => tracing::warn!("rebuilding the cache file {}: {why}", path.display()),
        }
    }
    let compiled = build()?;
    let mut lease = Lease { _file: None };
    if let Some(path) = &path {
        match write_verified(path, &compiled) {
            Ok(()) => lease._file = open_shared(path).ok(),
            Err(e) => tracing::warn!("cannot cache the compiled {} at {}: {e}", what.name, path.display()),
        }
    }
    // SAFETY: produced by `precompile_component` on this very engine.
    let component = unsafe { Component::deserialize(engine, &compiled) }.map_err(Error::internal)?;
    Ok((component, Source::Compiled, lease))
}

/// Removes what the [module docs](self) call stale: other stamps' cache
/// files that no process holds, and temporary files older than an hour.
/// Failures only cost disk space, so they are logged, not returned.
pub(crate) fn clean_up(dir: &Path, embedded: &[&Embedded]) {
    for what in embedded {
        clean_up_stamped(dir, what.name, &what.stamp(), Duration::from_secs(3600));
    }
}

fn clean_up_stamped(dir: &Path, name: &str, ours: &str, temp_age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(rest) = file_name.strip_prefix(name).and_then(|rest| rest.strip_prefix('-')) else { continue };
        let removed = if rest.ends_with(".cwasm") {
            if rest.starts_with(&format!("{ours}-")) {
                continue;
            }
            remove_if_unused(&path)
        } else if rest.contains(".tmp") {
            let old =
                entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|a| a > temp_age));
            if !old {
                continue;
            }
            std::fs::remove_file(&path).map(|()| true)
        } else {
            continue;
        };
        match removed {
            Ok(true) => tracing::debug!("removed the stale cache file {}", path.display()),
            Ok(false) => tracing::debug!("kept the stale cache file {}: a running process holds it", path.display()),
            Err(e) => tracing::debug!("cannot remove the stale cache file {}: {e}", path.display()),
        }
    }
}

/// Removes `path` if no process holds a lease on it (`Ok(false)` if one does).
fn remove_if_unused(path: &Path) -> std::io::Result<bool> {
    let file = File::open(path)?;
    match file.try_lock() {
        Ok(()) => std::fs::remove_file(path).map(|()| true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

fn open_shared(path: &Path) -> std::io::Result<File> {
    let file = File::open(path)?;
    file.lock_shared()?;
    Ok(file)
}

/// `DIR/<name>-<stamp>-<key>.cwasm`.
fn cache_path(engine: &wasmtime::Engine, dir: &Path, what: &Embedded) -> PathBuf {
    let mut hasher = DigestHasher(Sha256::new());
    std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut hasher);
    hasher.0.update(what.digest());
    hasher.0.update(env!("CARGO_PKG_VERSION").as_bytes());
    let key = hex(&hasher.0.finalize()[..16]);
    dir.join(format!("{}-{}-{key}.cwasm", what.name, what.stamp()))
}

/// The payload of a cache file and the file, locked shared (the engine's
/// lease); `None` when there is no file.
fn read_verified(path: &Path) -> Result<Option<(Vec<u8>, File)>, String> {
    let mut file = match open_shared(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    verify(bytes).map(|payload| Some((payload, file)))
}

/// The payload of a cache file's bytes, if its header and checksum hold.
fn verify(mut bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if bytes.len() < MAGIC.len() + 32 || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a jsbox cache file".into());
    }
    let (header, payload) = bytes.split_at(MAGIC.len() + 32);
    if Sha256::digest(payload).as_slice() != &header[MAGIC.len()..] {
        return Err("checksum mismatch (corrupt)".into());
    }
    bytes.drain(..MAGIC.len() + 32);
    Ok(bytes)
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
        assert_eq!(read_verified(&path).unwrap().map(|(payload, _)| payload).as_deref(), Some(&b"payload bytes"[..]));

        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(read_verified(&path).unwrap_err().contains("checksum"));

        std::fs::write(&path, b"garbage").unwrap();
        assert!(read_verified(&path).unwrap_err().contains("not a jsbox cache file"));

        std::fs::remove_file(&path).unwrap();
        assert!(read_verified(&path).unwrap().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cleanup_removes_other_versions_unless_a_process_holds_them() {
        let dir = std::env::temp_dir().join(format!("jsbox-cleanup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ours = "j0.2.0-w48.0.8-gaaaaaaaaaaaa";
        let file = |name: &str| {
            let path = dir.join(name);
            std::fs::write(&path, b"x").unwrap();
            path
        };
        let mine = file(&format!("guest-{ours}-0123.cwasm"));
        let my_other_config = file(&format!("guest-{ours}-4567.cwasm"));
        let older_jsbox = file("guest-j0.1.0-w48.0.8-gaaaaaaaaaaaa-0123.cwasm");
        let older_wasmtime = file("guest-j0.2.0-w47.0.0-gaaaaaaaaaaaa-0123.cwasm");
        let other_guest = file("guest-j0.2.0-w48.0.8-gbbbbbbbbbbbb-0123.cwasm");
        let unstamped = file("guest-0123456789abcdef0123456789abcdef.cwasm");
        let in_use = file("guest-j0.1.9-w48.0.8-gcccccccccccc-0123.cwasm");
        let old_temp = file("guest-j0.1.0-w48.0.8-gaaaaaaaaaaaa-0123.tmp4242");
        let new_temp = file(&format!("guest-{ours}-0123.tmp4343"));
        let unrelated = file("notes.txt");
        let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
        File::options().write(true).open(&old_temp).unwrap().set_modified(two_hours_ago).unwrap();
        // Another running version's engine holds its file.
        let lease = open_shared(&in_use).unwrap();

        clean_up_stamped(&dir, "guest", ours, Duration::from_secs(3600));

        for kept in [&mine, &my_other_config, &in_use, &new_temp, &unrelated] {
            assert!(kept.exists(), "{} was removed", kept.display());
        }
        for removed in [&older_jsbox, &older_wasmtime, &other_guest, &unstamped, &old_temp] {
            assert!(!removed.exists(), "{} was kept", removed.display());
        }
        drop(lease);
        clean_up_stamped(&dir, "guest", ours, Duration::from_secs(3600));
        assert!(!in_use.exists(), "released, it is stale like the others");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_stamp_names_both_versions_and_the_bytes() {
        static WHAT: Embedded = Embedded::new("guest", b"bytes");
        let stamp = WHAT.stamp();
        assert!(stamp.starts_with(&format!("j{}-w{}-g", env!("CARGO_PKG_VERSION"), wasmtime_environ::VERSION)));
        assert!(!stamp.contains('/'));
    }
}
