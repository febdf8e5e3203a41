//! Durable executions: a script that awaits something slow (a helper the
//! embedder answers later, a timer far in the future) is suspended to a
//! [`ContinuationStore`] and resumed later, by this process or another one
//! with the same jsbox build.
//!
//! Between two events a sandbox's whole state is its linear memory (the
//! guest returns to the host whenever nothing can run: no guest frame is
//! live). A suspension keeps the pages the execution changed relative to the
//! snapshot every sandbox starts from ([`image`]), with what the host knows
//! (pending calls, counters, time used), compressed and sealed under the
//! embedder's key ([`seal`]); each continuation is resumed at most once.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub(crate) mod image;
#[cfg(feature = "redis")]
mod redis_store;
mod seal;
mod store;

#[cfg(feature = "redis")]
pub use redis_store::RedisStore;
pub use seal::ContinuationKey;
pub(crate) use store::check_id as store_check_id;
pub use store::{ContinuationStore, Entry, FsStore, MemoryStore, StoreFuture};
pub(crate) use store::{from_unix_ms, unix_ms};

use crate::error::Error;
use crate::helpers::{HelperError, Helpers};
use crate::logging::{LogSink, TracingSink};
use crate::ops::PendingCall;
use crate::policy::Policy;
pub(crate) use image::{Image, Pristine};
pub(crate) use seal::Header;

/// The longest tenant name continuations are bound to, in bytes.
pub const MAX_TENANT: usize = 256;

/// Largest continuation accepted from a store: the largest memory a
/// sandbox may have, plus room for the rest.
const MAX_SEALED: usize = (1 << 30) + (16 << 20);

/// How an engine suspends executions: the key continuations are sealed
/// with, where they are kept, and whose they are.
///
/// ```
/// let store = jsbox::FsStore::new(std::env::temp_dir().join("jsbox-doc-durable"))?;
/// let durable = jsbox::Durable::new(jsbox::ContinuationKey::generate(), store).tenant("acme");
/// assert_eq!(durable.tenant_name(), "acme");
/// # Ok::<(), jsbox::Error>(())
/// ```
#[derive(Clone)]
pub struct Durable {
    key: ContinuationKey,
    store: Arc<dyn ContinuationStore>,
    tenant: String,
}

impl std::fmt::Debug for Durable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Durable").field("tenant", &self.tenant).finish_non_exhaustive()
    }
}

impl Durable {
    /// Suspends into `store`, sealing with `key`; tenant `""`.
    pub fn new(key: ContinuationKey, store: impl ContinuationStore + 'static) -> Self {
        Durable { key, store: Arc::new(store), tenant: String::new() }
    }

    /// The same, with a store shared as a trait object.
    pub fn with_store(key: ContinuationKey, store: Arc<dyn ContinuationStore>) -> Self {
        Durable { key, store, tenant: String::new() }
    }

    /// Binds continuations to `tenant`: one sealed for another tenant is
    /// refused (`continuation-invalid`).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = tenant.into();
        self
    }

    /// Checks the tenant before anything is sealed under it: at most
    /// [`MAX_TENANT`] bytes, no control characters.
    pub(crate) fn check_tenant(&self) -> Result<(), Error> {
        if self.tenant.len() > MAX_TENANT || self.tenant.chars().any(char::is_control) {
            return Err(Error::InvalidPolicy {
                message: format!(
                    "a tenant is at most {MAX_TENANT} bytes without control characters (this one: {} bytes)",
                    self.tenant.len()
                ),
            });
        }
        Ok(())
    }

    /// The tenant continuations are bound to.
    pub fn tenant_name(&self) -> &str {
        &self.tenant
    }

    /// The store continuations are kept in.
    pub fn store(&self) -> &dyn ContinuationStore {
        &*self.store
    }
}

/// What to resume a suspended execution with: the results of (some of) its
/// pending calls, and the execution's embedder-side settings again (log
/// sink, helpers of its own, context), which never go into storage.
///
/// ```
/// use serde_json::json;
/// let resume = jsbox::Resume::new("7f3c")
///     .result(1, json!({"approved": true}))
///     .error(2, jsbox::HelperError::new("rejected").with_code("denied"));
/// assert_eq!(resume.id(), "7f3c");
/// ```
#[derive(Clone)]
pub struct Resume {
    pub(crate) id: String,
    pub(crate) results: BTreeMap<u32, Result<Value, HelperError>>,
    pub(crate) policy: Option<Policy>,
    pub(crate) logs: Arc<dyn LogSink>,
    pub(crate) helpers: Helpers,
    pub(crate) modules: crate::modules::Modules,
    pub(crate) context: Option<Value>,
}

impl Resume {
    /// Resumes execution `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Resume {
            id: id.into(),
            results: BTreeMap::new(),
            policy: None,
            logs: Arc::new(TracingSink),
            helpers: Helpers::default(),
            modules: crate::modules::Modules::default(),
            context: None,
        }
    }

    /// The execution's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Call `call_id` returned `value`.
    pub fn result(mut self, call_id: u32, value: Value) -> Self {
        self.results.insert(call_id, Ok(value));
        self
    }

    /// Call `call_id` failed: the script's promise rejects with `error`.
    pub fn error(mut self, call_id: u32, error: HelperError) -> Self {
        self.results.insert(call_id, Err(error));
        self
    }

    /// Resumes under `policy`, which must be the policy the execution was
    /// suspended under (`continuation-invalid` otherwise), with its secrets'
    /// values: literal secret values never go into a continuation, so an
    /// execution using them must be resumed with its policy. Without it,
    /// the sealed policy is used (secrets from the environment are read
    /// again). Its `helpers.allow` may differ: the execution may call the
    /// helpers it was suspended with; one it calls that nobody gave again
    /// fails with code `unavailable` (an exact name in `helpers.allow`; a
    /// `prefix.*` entry must still match a helper given).
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = Some(policy);
        self
    }

    /// Where the resumed execution's log lines go (default: `tracing`).
    pub fn logs(mut self, logs: Arc<dyn LogSink>) -> Self {
        self.logs = logs;
        self
    }

    /// The execution's own helpers, as [`Execution::helpers`](crate::Execution::helpers) gave them.
    pub fn helpers(mut self, helpers: Helpers) -> Self {
        self.helpers = helpers;
        self
    }

    /// The execution's own platform modules, as
    /// [`Execution::modules`](crate::Execution::modules) gave them: one it
    /// imports from now on comes from here.
    pub fn modules(mut self, modules: crate::modules::Modules) -> Self {
        self.modules = modules;
        self
    }

    /// The helpers' context, in place of the one the execution started with.
    pub fn context(mut self, context: Value) -> Self {
        self.context = Some(context);
        self
    }
}

/// What the host knows of a suspended execution, sealed with its image.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Saved {
    /// The policy it runs under (serialized: no literal secret values).
    pub(crate) policy: Value,
    /// The helpers' context.
    pub(crate) context: Value,
    pub(crate) pending: Vec<PendingCall>,
    /// The id its next operation gets.
    pub(crate) next_op: u32,
    /// The guest's next timer, in ms from the suspension (none: no timer).
    pub(crate) timer_ms: Option<u64>,
    /// Time spent running or waiting in memory, all legs.
    pub(crate) active_us: u64,
    /// Time spent suspended before this suspension.
    pub(crate) suspended_us: u64,
    /// When this suspension began (Unix ms).
    pub(crate) suspended_at_ms: u64,
    /// The guest's monotonic clock at the suspension (ns).
    pub(crate) clock_ns: u64,
    pub(crate) fuel_used: Option<u64>,
    pub(crate) peak_memory: u64,
    pub(crate) http_requests: u32,
    pub(crate) helper_attempts: u32,
    pub(crate) helper_calls: u32,
    pub(crate) log_bytes: u64,
    pub(crate) log_lines: u64,
    pub(crate) cached_bytecode: bool,
    pub(crate) generation: u32,
}

/// A suspended execution's payload: [`Saved`] and the [`Image`].
pub(crate) fn encode(saved: &Saved, image: &Image) -> Result<Vec<u8>, Error> {
    let state = serde_json::to_vec(saved).map_err(Error::internal)?;
    let mut raw = Vec::with_capacity(8 + state.len() + image.deltas.len() + 4 * image.indices.len());
    raw.extend_from_slice(&(state.len() as u32).to_le_bytes());
    raw.extend_from_slice(&state);
    image.encode(&mut raw);
    thread_local! {
        // Level 1: the deltas are mostly zeros; higher levels cost time, not
        // bytes. One context per thread: making one costs more than a small
        // continuation's compression.
        static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        if compressor.is_none() {
            *compressor = Some(zstd::bulk::Compressor::new(1).map_err(Error::internal)?);
        }
        compressor.as_mut().expect("made above").compress(&raw).map_err(Error::internal)
    })
}

/// Reads what [`encode`] wrote. `limit`: the largest memory it may describe.
pub(crate) fn decode(payload: &[u8], limit: u64) -> Result<(Saved, Image), Error> {
    let malformed = || Error::ContinuationInvalid { message: "the continuation's payload is malformed".into() };
    let capacity = (limit as usize).saturating_add(16 << 20).min(MAX_SEALED);
    thread_local! {
        static DECOMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let raw = DECOMPRESSOR.with_borrow_mut(|decompressor| {
        if decompressor.is_none() {
            *decompressor = Some(zstd::bulk::Decompressor::new().map_err(Error::internal)?);
        }
        decompressor.as_mut().expect("made above").decompress(payload, capacity).map_err(|_| malformed())
    })?;
    let length = u32::from_le_bytes(raw.get(..4).ok_or_else(malformed)?.try_into().expect("4 bytes")) as usize;
    let state = raw.get(4..4 + length).ok_or_else(malformed)?;
    let saved: Saved = crate::json::from_slice(state).map_err(|_| malformed())?;
    let image = Image::decode(&raw[4 + length..]).ok_or_else(malformed)?;
    Ok((saved, image))
}

/// Seals a suspended execution of guest `build`.
pub(crate) fn seal(
    durable: &Durable,
    build: &str,
    id: &str,
    saved: &Saved,
    image: &Image,
    expires: SystemTime,
) -> Result<Vec<u8>, Error> {
    let header = Header {
        id: id.into(),
        tenant: durable.tenant.clone(),
        generation: saved.generation,
        build: build.into(),
        expires_ms: unix_ms(expires),
    };
    seal::seal(&durable.key, &header, &encode(saved, image)?)
}

/// Opens the continuation of `id` for `durable`'s tenant and guest `build`.
pub(crate) fn open(
    durable: &Durable,
    build: &str,
    id: &str,
    sealed: &[u8],
    limit: u64,
) -> Result<(Header, Saved, Image), Error> {
    if sealed.len() > MAX_SEALED {
        return Err(Error::ContinuationInvalid { message: "the continuation is larger than any jsbox seals".into() });
    }
    let (header, payload) = seal::open(&durable.key, sealed)?;
    if header.id != id {
        return Err(Error::ContinuationInvalid {
            message: format!("the continuation stored for {id} belongs to another execution"),
        });
    }
    if header.tenant != durable.tenant {
        return Err(Error::ContinuationInvalid { message: format!("execution {id} belongs to another tenant") });
    }
    if header.build != build {
        return Err(Error::ContinuationInvalid {
            message: format!(
                "execution {id} was suspended by another jsbox build (guest {}), whose memory this one cannot restore",
                header.build.get(..12).unwrap_or(&header.build)
            ),
        });
    }
    if unix_ms(SystemTime::now()) > header.expires_ms {
        return Err(Error::ContinuationExpired {
            message: format!("execution {id} was suspended longer than its policy's max_suspended allows"),
        });
    }
    let (saved, image) = decode(&payload, limit)?;
    if saved.generation != header.generation {
        return Err(Error::ContinuationInvalid { message: "the continuation's payload is malformed".into() });
    }
    Ok((header, saved, image))
}

/// See [`crate::fuzzing::reseal_for_build`].
pub(crate) fn reseal_for_build(durable: &Durable, sealed: &[u8], build: String) -> Result<Vec<u8>, Error> {
    let (mut header, payload) = seal::open(&durable.key, sealed)?;
    header.build = build;
    seal::seal(&durable.key, &header, &payload)
}

/// See [`crate::fuzzing::open_continuation`].
pub(crate) fn open_only(key: &ContinuationKey, build: &str, id: &str, sealed: &[u8]) -> Result<(), Error> {
    let durable = Durable::with_store(key.clone(), Arc::new(NoStore));
    open(&durable, build, id, sealed, 64 << 20).map(drop)
}

/// See [`crate::fuzzing::seal_continuation_payload`].
pub(crate) fn seal_raw(key: &ContinuationKey, build: &str, id: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
    let header = Header {
        id: id.into(),
        tenant: String::new(),
        generation: 1,
        build: build.into(),
        expires_ms: unix_ms(SystemTime::now() + Duration::from_secs(3600)),
    };
    seal::seal(key, &header, payload)
}

/// See [`crate::fuzzing::sample_continuation_payload`].
pub(crate) fn sample_payload() -> Vec<u8> {
    let saved = sample_saved();
    let image = Image { wasm_pages: 1, indices: vec![2, 7], deltas: vec![5; 2 * image::PAGE] };
    encode(&saved, &image).expect("a sample encodes")
}

/// What a small suspension knows: a seed for the fuzz target, and the unit tests'.
fn sample_saved() -> Saved {
    Saved {
        policy: serde_json::to_value(Policy::default()).expect("a policy serializes"),
        context: Value::Null,
        pending: vec![PendingCall { call_id: 3, helper: "approve".into(), args: vec![1.into()] }],
        next_op: 4,
        timer_ms: Some(1000),
        active_us: 10,
        suspended_us: 0,
        suspended_at_ms: 1,
        clock_ns: 5,
        fuel_used: None,
        peak_memory: 1,
        http_requests: 0,
        helper_attempts: 1,
        helper_calls: 1,
        log_bytes: 0,
        log_lines: 0,
        cached_bytecode: false,
        generation: 1,
    }
}

/// A store that keeps nothing (for [`open_only`]).
struct NoStore;

impl ContinuationStore for NoStore {
    fn save<'a>(&'a self, _: &'a str, _: Entry) -> StoreFuture<'a, ()> {
        Box::pin(async { Ok(()) })
    }
    fn due<'a>(&'a self, _: SystemTime, _: usize) -> StoreFuture<'a, Vec<(String, String)>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    fn load<'a>(&'a self, _: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async { Ok(None) })
    }
    fn consume<'a>(&'a self, _: &'a str, _: u32) -> StoreFuture<'a, bool> {
        Box::pin(async { Ok(false) })
    }
    fn consumed<'a>(&'a self, _: &'a str) -> StoreFuture<'a, Option<u32>> {
        Box::pin(async { Ok(None) })
    }
    fn remove<'a>(&'a self, _: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async { Ok(()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_are_bounded_and_printable() {
        let durable = |tenant: &str| Durable::new(ContinuationKey::generate(), MemoryStore::default()).tenant(tenant);
        assert!(durable("acme").check_tenant().is_ok());
        assert!(durable(&"t".repeat(MAX_TENANT)).check_tenant().is_ok());
        for bad in ["t".repeat(MAX_TENANT + 1), "a\0b".into(), "line\nbreak".into()] {
            assert_eq!(durable(&bad).check_tenant().unwrap_err().kind(), "invalid-policy", "{bad:.20}");
        }
    }

    fn saved() -> Saved {
        sample_saved()
    }

    #[test]
    fn payloads_round_trip_and_refuse_garbage() {
        let image = Image { wasm_pages: 2, indices: vec![5, 9], deltas: vec![1; 2 * image::PAGE] };
        let payload = encode(&saved(), &image).unwrap();
        let (back, image_back) = decode(&payload, 1 << 20).unwrap();
        assert_eq!(back.pending, saved().pending);
        assert_eq!(image_back, image);
        for garbage in [&b""[..], b"\x28\xb5\x2f\xfd", &payload[..payload.len() / 2]] {
            assert_eq!(decode(garbage, 1 << 20).unwrap_err().kind(), "continuation-invalid");
        }
        // A payload that decompresses to more than the limit allows.
        let big = zstd::bulk::compress(&vec![0u8; 40 << 20], 1).unwrap();
        assert_eq!(decode(&big, 1 << 20).unwrap_err().kind(), "continuation-invalid");
    }
}
