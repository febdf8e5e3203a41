//! The guest an engine instantiates: the embedded component, pre-initialized
//! with wizer (QuickJS runtime, context and shims already set up in the
//! snapshot), compiled and cached by `artifact`.

use std::path::Path;

use wasmtime::Store;
use wasmtime::component::{Component, Linker};

use crate::artifact::{Embedded, Lease, Source, cached};
use crate::error::Error;
use crate::sandbox::SandboxState;

/// The guest component, built from `guest/` by `make guest` and committed
/// (see `prebuilt/jsbox-guest.inputs` for what it was built from).
pub(crate) static GUEST_COMPONENT: &[u8] = include_bytes!("../../prebuilt/jsbox-guest.wasm");

/// The guest jsbox runs scripts in.
pub(crate) static GUEST: Embedded = Embedded::new("guest", GUEST_COMPONENT);

/// Every embedded component with a cache of its own.
#[cfg(feature = "typescript")]
pub(crate) fn embedded() -> [&'static Embedded; 2] {
    [&GUEST, &crate::modules::typescript::STRIPPER]
}

#[cfg(not(feature = "typescript"))]
pub(crate) fn embedded() -> [&'static Embedded; 1] {
    [&GUEST]
}

/// The compiled, pre-initialized guest for `engine`, and the lease on its
/// cache file.
pub(crate) fn load(
    engine: &wasmtime::Engine,
    linker: &Linker<SandboxState>,
    cache_dir: Option<&Path>,
    init_state: impl FnOnce() -> SandboxState,
) -> Result<(Component, Source, Lease), Error> {
    cached(engine, cache_dir, &GUEST, || {
        let snapshot = snapshot(engine, linker, init_state())?;
        engine.precompile_component(&snapshot).map_err(Error::internal)
    })
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
