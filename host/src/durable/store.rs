//! Where suspended executions wait: a [`ContinuationStore`] keeps each
//! execution's latest sealed continuation and records which generations
//! were resumed, so each is resumed at most once, by whichever process gets
//! there first.

use std::future::Future;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::SystemTime;

use crate::error::Error;

/// What the store's methods return.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// What a store keeps of one suspended execution.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The sealed continuation.
    pub sealed: Vec<u8>,
    /// How many times the execution has suspended, this time included.
    pub generation: u32,
    /// The tenant it belongs to (not secret: the operator's label).
    pub tenant: String,
    /// When its next timer is due, if it waits for one: [`ContinuationStore::due`] lists it from then on.
    pub wake_at: Option<SystemTime>,
}

impl Entry {
    /// An entry of a continuation with no timer, for tenant `""`.
    pub fn new(sealed: Vec<u8>, generation: u32) -> Self {
        Entry { sealed, generation, tenant: String::new(), wake_at: None }
    }
}

/// Storage for sealed continuations, shared by every process that may
/// resume them. Implementations must make [`consume`](Self::consume)
/// atomic: of two processes consuming the same generation, one gets
/// `true`.
///
/// ```
/// # async fn demo() -> Result<(), jsbox::Error> {
/// use jsbox::ContinuationStore;
/// let dir = std::env::temp_dir().join(format!("jsbox-doc-{}", std::process::id()));
/// let store = jsbox::FsStore::new(&dir)?;
/// store.save("exec-1", jsbox::StoreEntry::new(b"sealed".to_vec(), 1)).await?;
/// assert_eq!(store.load("exec-1").await?.as_deref(), Some(&b"sealed"[..]));
/// assert!(store.consume("exec-1", 1).await?);
/// assert!(!store.consume("exec-1", 1).await?, "a generation is resumed once");
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok(()) }
/// ```
pub trait ContinuationStore: Send + Sync {
    /// Keeps `entry` as the continuation of execution `id`, in place of any
    /// older one.
    fn save<'a>(&'a self, id: &'a str, entry: Entry) -> StoreFuture<'a, ()>;

    /// Executions whose timer is due at `now`: (id, tenant), at most `limit`.
    fn due<'a>(&'a self, now: SystemTime, limit: usize) -> StoreFuture<'a, Vec<(String, String)>>;

    /// The continuation kept for `id`, if any.
    fn load<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<Vec<u8>>>;

    /// Records that `generation` of `id` is being resumed: `true` the first
    /// time, `false` if it (or a later one) already was.
    fn consume<'a>(&'a self, id: &'a str, generation: u32) -> StoreFuture<'a, bool>;

    /// The last generation of `id` that was resumed, if any.
    fn consumed<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<u32>>;

    /// Drops the continuation of `id` (it ended); what was consumed stays
    /// recorded.
    fn remove<'a>(&'a self, id: &'a str) -> StoreFuture<'a, ()>;

    /// Keeps what execution `id` ended with when nobody was waiting for it
    /// (the service resumed it on its timer): `answer` is the caller's
    /// (JSON text). Default: kept nowhere.
    fn keep_answer<'a>(&'a self, id: &'a str, answer: String) -> StoreFuture<'a, ()> {
        let _ = (id, answer);
        Box::pin(async { Ok(()) })
    }

    /// What [`keep_answer`](Self::keep_answer) kept for `id`.
    fn answer<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<String>> {
        let _ = id;
        Box::pin(async { Ok(None) })
    }
}

/// Continuations in this process's memory: for tests, benchmarks and
/// embedders that persist [`Suspended`](crate::Suspended) executions
/// themselves. Nothing survives the process.
///
/// ```
/// # async fn demo() -> Result<(), jsbox::Error> {
/// use jsbox::ContinuationStore;
/// let store = jsbox::MemoryStore::default();
/// store.save("e1", jsbox::StoreEntry::new(vec![1, 2, 3], 1)).await?;
/// assert!(store.consume("e1", 1).await?);
/// store.remove("e1").await?;
/// assert_eq!(store.load("e1").await?, None);
/// assert_eq!(store.consumed("e1").await?, Some(1));
/// # Ok(()) }
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    /// id → (its entry while suspended, the last generation consumed).
    kept: std::sync::Mutex<std::collections::HashMap<String, (Option<Entry>, u32)>>,
    answers: std::sync::Mutex<std::collections::HashMap<String, String>>,
}

impl ContinuationStore for MemoryStore {
    fn save<'a>(&'a self, id: &'a str, entry: Entry) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            check_id(id)?;
            self.kept.lock().expect("not poisoned").entry(id.into()).or_default().0 = Some(entry);
            Ok(())
        })
    }

    fn due<'a>(&'a self, now: SystemTime, limit: usize) -> StoreFuture<'a, Vec<(String, String)>> {
        Box::pin(async move {
            let kept = self.kept.lock().expect("not poisoned");
            let due = kept.iter().filter_map(|(id, (entry, _))| {
                let entry = entry.as_ref()?;
                entry.wake_at.filter(|&at| at <= now).map(|_| (id.clone(), entry.tenant.clone()))
            });
            Ok(due.take(limit).collect())
        })
    }

    fn load<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let kept = self.kept.lock().expect("not poisoned");
            Ok(kept.get(id).and_then(|(entry, _)| entry.as_ref()).map(|entry| entry.sealed.clone()))
        })
    }

    fn consume<'a>(&'a self, id: &'a str, generation: u32) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut kept = self.kept.lock().expect("not poisoned");
            let entry = kept.entry(id.into()).or_default();
            if generation <= entry.1 {
                return Ok(false);
            }
            entry.1 = generation;
            if let Some(kept) = &mut entry.0 {
                kept.wake_at = None;
            }
            Ok(true)
        })
    }

    fn consumed<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<u32>> {
        Box::pin(async move {
            Ok(self.kept.lock().expect("not poisoned").get(id).map(|(_, last)| *last).filter(|&last| last > 0))
        })
    }

    fn remove<'a>(&'a self, id: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if let Some(entry) = self.kept.lock().expect("not poisoned").get_mut(id) {
                entry.0 = None;
            }
            Ok(())
        })
    }

    fn keep_answer<'a>(&'a self, id: &'a str, answer: String) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            self.answers.lock().expect("not poisoned").insert(id.into(), answer);
            Ok(())
        })
    }

    fn answer<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<String>> {
        Box::pin(async move { Ok(self.answers.lock().expect("not poisoned").get(id).cloned()) })
    }
}

/// A directory of continuations: `ID.cont` (the sealed bytes, mode 0600,
/// written atomically), `ID.wake` (when it waits for a timer: the due time
/// in Unix ms and the tenant), `ID.consumed` (the last generation resumed,
/// updated under an exclusive file lock, so processes sharing the directory
/// agree) and `ID.answer` (see [`ContinuationStore::keep_answer`]).
#[derive(Debug, Clone)]
pub struct FsStore {
    dir: PathBuf,
}

impl FsStore {
    /// A store in `dir`, created (mode 0700) if missing.
    pub fn new(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref().to_path_buf();
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir).map_err(|e| store_error(&dir, e))?;
        Ok(FsStore { dir })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, id: &str, extension: &str) -> Result<PathBuf, Error> {
        check_id(id)?;
        Ok(self.dir.join(format!("{id}.{extension}")))
    }
}

/// Unix time in milliseconds (0 before the epoch).
pub(crate) fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// The time of a Unix time in milliseconds.
pub(crate) fn from_unix_ms(ms: u64) -> SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms)
}

/// Execution ids name files and keys: letters, digits, `-` and `_`.
pub(crate) fn check_id(id: &str) -> Result<(), Error> {
    let valid =
        !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(Error::ContinuationInvalid {
            message: format!("{:?} is not an execution id", id.chars().take(100).collect::<String>()),
        })
    }
}

fn store_error(path: &Path, e: std::io::Error) -> Error {
    Error::internal(format!("continuation store {}: {e}", path.display()))
}

fn options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

impl ContinuationStore for FsStore {
    fn save<'a>(&'a self, id: &'a str, entry: Entry) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(id, "cont")?;
            let wake = self.path(id, "wake")?;
            self.write_atomically(&path, &entry.sealed)?;
            match entry.wake_at {
                Some(at) => {
                    let line = format!("{} {}", unix_ms(at), entry.tenant);
                    self.write_atomically(&wake, line.as_bytes())
                }
                None => remove(&wake),
            }
        })
    }

    fn due<'a>(&'a self, now: SystemTime, limit: usize) -> StoreFuture<'a, Vec<(String, String)>> {
        Box::pin(async move {
            let now = unix_ms(now);
            let entries = std::fs::read_dir(&self.dir).map_err(|e| store_error(&self.dir, e))?;
            let mut due = Vec::new();
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".wake")) else { continue };
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                let (at, tenant) = text.split_once(' ').unwrap_or((&text, ""));
                if at.parse::<u64>().is_ok_and(|at| at <= now) && check_id(id).is_ok() {
                    due.push((id.to_string(), tenant.to_string()));
                    if due.len() >= limit {
                        break;
                    }
                }
            }
            Ok(due)
        })
    }

    fn load<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let path = self.path(id, "cont")?;
            match std::fs::read(&path) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(store_error(&path, e)),
            }
        })
    }

    fn consume<'a>(&'a self, id: &'a str, generation: u32) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let path = self.path(id, "consumed")?;
            let consume = || -> std::io::Result<bool> {
                let mut file = options().read(true).write(true).create(true).truncate(false).open(&path)?;
                file.lock()?;
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                let last: u32 = text.trim().parse().unwrap_or(0);
                if generation <= last {
                    return Ok(false);
                }
                file.set_len(0)?;
                file.rewind()?;
                file.write_all(generation.to_string().as_bytes())?;
                file.sync_data()?;
                // It is being resumed: no longer due.
                std::fs::remove_file(path.with_extension("wake")).ok();
                Ok(true)
            };
            consume().map_err(|e| store_error(&path, e))
        })
    }

    fn consumed<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<u32>> {
        Box::pin(async move {
            let path = self.path(id, "consumed")?;
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text.trim().parse().ok()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(store_error(&path, e)),
            }
        })
    }

    fn remove<'a>(&'a self, id: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            remove(&self.path(id, "wake")?)?;
            remove(&self.path(id, "cont")?)
        })
    }

    fn keep_answer<'a>(&'a self, id: &'a str, answer: String) -> StoreFuture<'a, ()> {
        Box::pin(async move { self.write_atomically(&self.path(id, "answer")?, answer.as_bytes()) })
    }

    fn answer<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<String>> {
        Box::pin(async move {
            let path = self.path(id, "answer")?;
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(store_error(&path, e)),
            }
        })
    }
}

fn remove(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(store_error(path, e)),
        _ => Ok(()),
    }
}

impl FsStore {
    /// Writes `bytes` to `path` through a temporary file and a rename, so a
    /// reader sees the old file or the new one, whole.
    fn write_atomically(&self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        let temp = self.dir.join(format!(".{}.tmp", crate::id::ExecutionId::new()));
        let write = || -> std::io::Result<()> {
            let mut file = options().write(true).create_new(true).open(&temp)?;
            file.write_all(bytes)?;
            file.sync_data()?;
            std::fs::rename(&temp, path)
        };
        write().map_err(|e| {
            std::fs::remove_file(&temp).ok();
            store_error(path, e)
        })
    }
}
