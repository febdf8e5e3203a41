//! Where suspended executions wait: a [`ContinuationStore`] keeps each
//! execution's latest sealed continuation and records which generations
//! were resumed, so each is resumed at most once, by whichever process gets
//! there first.

use std::future::Future;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;

use crate::error::Error;

/// What the store's methods return.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

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
/// store.save("exec-1", 1, b"sealed".to_vec()).await?;
/// assert_eq!(store.load("exec-1").await?.as_deref(), Some(&b"sealed"[..]));
/// assert!(store.consume("exec-1", 1).await?);
/// assert!(!store.consume("exec-1", 1).await?, "a generation is resumed once");
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok(()) }
/// ```
pub trait ContinuationStore: Send + Sync {
    /// Keeps `sealed` as the continuation of execution `id` (its
    /// `generation`-th suspension), in place of any older one.
    fn save<'a>(&'a self, id: &'a str, generation: u32, sealed: Vec<u8>) -> StoreFuture<'a, ()>;

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
}

/// Continuations in this process's memory: for tests, benchmarks and
/// embedders that persist [`Suspended`](crate::Suspended) executions
/// themselves. Nothing survives the process.
///
/// ```
/// # async fn demo() -> Result<(), jsbox::Error> {
/// use jsbox::ContinuationStore;
/// let store = jsbox::MemoryStore::default();
/// store.save("e1", 1, vec![1, 2, 3]).await?;
/// assert!(store.consume("e1", 1).await?);
/// store.remove("e1").await?;
/// assert_eq!(store.load("e1").await?, None);
/// assert_eq!(store.consumed("e1").await?, Some(1));
/// # Ok(()) }
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    kept: std::sync::Mutex<std::collections::HashMap<String, (Option<Vec<u8>>, u32)>>,
}

impl ContinuationStore for MemoryStore {
    fn save<'a>(&'a self, id: &'a str, _generation: u32, sealed: Vec<u8>) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            check_id(id)?;
            self.kept.lock().expect("not poisoned").entry(id.into()).or_default().0 = Some(sealed);
            Ok(())
        })
    }

    fn load<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(
            async move { Ok(self.kept.lock().expect("not poisoned").get(id).and_then(|(sealed, _)| sealed.clone())) },
        )
    }

    fn consume<'a>(&'a self, id: &'a str, generation: u32) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut kept = self.kept.lock().expect("not poisoned");
            let entry = kept.entry(id.into()).or_default();
            if generation <= entry.1 {
                return Ok(false);
            }
            entry.1 = generation;
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
}

/// A directory of continuations: `ID.cont` (the sealed bytes, mode 0600,
/// written atomically) and `ID.consumed` (the last generation resumed,
/// updated under an exclusive file lock, so processes sharing the
/// directory agree).
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
    fn save<'a>(&'a self, id: &'a str, _generation: u32, sealed: Vec<u8>) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(id, "cont")?;
            let temp = self.dir.join(format!(".{id}.{}.tmp", crate::id::ExecutionId::new()));
            let write = || -> std::io::Result<()> {
                let mut file = options().write(true).create_new(true).open(&temp)?;
                file.write_all(&sealed)?;
                file.sync_data()?;
                std::fs::rename(&temp, &path)
            };
            write().map_err(|e| {
                std::fs::remove_file(&temp).ok();
                store_error(&path, e)
            })
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
            let path = self.path(id, "cont")?;
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(store_error(&path, e)),
                _ => Ok(()),
            }
        })
    }
}
