//! jsbox's host interface (`jsbox:sandbox/host`), implemented inside the
//! standalone component: the functions the runtime calls, with the same
//! signatures as the imports `wit-bindgen` generates for the jsbox host.
//!
//! What the `wasmtime` CLI cannot provide is refused as jsbox refuses what a
//! policy does not allow: helpers are never visible, and without the
//! `network` feature (a script that never names `fetch` or `http`, or
//! `jsbox compile --no-http`) every request fails with `network-denied`.
//! There is no bytecode cache to offer modules to.

use std::cell::RefCell;

use crate::jsbox::sandbox::host::{
    Completion, HelperError, HttpError, HttpRequest, LogLevel, ModuleCode, ModuleSource, OpId, OpResult,
};

thread_local! {
    /// The platform modules compiled in (name, source): set at `init`.
    static MODULES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// Started operations.
    static OPS: RefCell<Ops> = const { RefCell::new(Ops { next: 1, done: Vec::new() }) };
}

/// Operations whose completion is known and not yet delivered by `wait`;
/// requests in flight live in `net`.
struct Ops {
    next: OpId,
    done: Vec<Completion>,
}

fn next_id() -> OpId {
    OPS.with_borrow_mut(|ops| {
        let id = ops.next;
        ops.next = ops.next.wrapping_add(1).max(1);
        id
    })
}

/// Delivers `outcome` for `id` at the next `wait`.
pub(super) fn complete(id: OpId, outcome: OpResult) {
    OPS.with_borrow_mut(|ops| ops.done.push(Completion { id, outcome }));
}

/// The modules `load_module` serves.
pub(super) fn set_modules(modules: Vec<(String, String)>) {
    MODULES.set(modules);
}

/// Their names: what the script may import.
pub(super) fn module_names() -> Vec<String> {
    MODULES.with_borrow(|modules| modules.iter().map(|(name, _)| name.clone()).collect())
}

pub fn log(level: LogLevel, message: &str) {
    super::log(level, message);
}

pub fn module_compiled(_name: &str, _bytecode: Option<&[u8]>) {}

pub fn running() {}

pub fn load_module(name: &str) -> Result<ModuleCode, String> {
    MODULES.with_borrow(|modules| {
        modules
            .iter()
            .find(|(module, _)| module == name)
            .map(|(_, text)| ModuleCode::Source(ModuleSource { text: text.clone(), offer_bytecode: false }))
            .ok_or_else(|| format!("module '{name}' was not compiled into this component"))
    })
}

fn no_helpers(name: &str) -> HelperError {
    HelperError {
        message: format!("helper '{name}' is not available: a standard component has no embedder helpers"),
        code: Some("not-visible".into()),
    }
}

pub fn call_helper(name: &str, _args_json: &str) -> Result<String, HelperError> {
    Err(no_helpers(name))
}

pub fn start_helper(name: &str, _args_json: &str) -> OpId {
    let id = next_id();
    complete(id, OpResult::Helper(Err(no_helpers(name))));
    id
}

pub fn start_http(request: &HttpRequest) -> OpId {
    let id = next_id();
    #[cfg(feature = "network")]
    super::net::start(id, request);
    #[cfg(not(feature = "network"))]
    complete(
        id,
        OpResult::Http(Err(HttpError {
            kind: "network-denied".into(),
            message: format!(
                "no network access for {}: this component was compiled without wasi:http \
                 (`jsbox compile --http` imports it; run that with `wasmtime run -S http`)",
                request.url
            ),
        })),
    );
    id
}

pub fn cancel(id: OpId) -> bool {
    let done = OPS.with_borrow_mut(|ops| {
        let before = ops.done.len();
        ops.done.retain(|completion| completion.id != id);
        ops.done.len() != before
    });
    #[cfg(feature = "network")]
    let done = done || super::net::cancel(id);
    done
}

/// Every completion known now; when there is none, blocks until a request
/// completes or `timeout_ms` elapses.
pub fn wait(timeout_ms: Option<u64>) -> Vec<Completion> {
    use crate::wasi::clocks::monotonic_clock;
    let deadline = timeout_ms.map(|ms| monotonic_clock::subscribe_duration(ms.saturating_mul(1_000_000)));
    loop {
        let done = OPS.with_borrow_mut(|ops| std::mem::take(&mut ops.done));
        if !done.is_empty() {
            return done;
        }
        #[cfg(feature = "network")]
        if super::net::in_flight() {
            if super::net::poll(deadline.as_ref()) {
                return OPS.with_borrow_mut(|ops| std::mem::take(&mut ops.done));
            }
            continue;
        }
        if let Some(deadline) = &deadline {
            deadline.block();
        }
        return Vec::new();
    }
}

/// An [`HttpError`] completion.
#[cfg(feature = "network")]
pub(super) fn failed(id: OpId, kind: &str, message: String) {
    complete(id, OpResult::Http(Err(HttpError { kind: kind.into(), message })));
}
