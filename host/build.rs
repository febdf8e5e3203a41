//! Turns the guest's core module (built by `make guest` for wasm32-wasip1)
//! into a component: the WASI preview1 calls QuickJS makes are adapted to
//! WASI 0.2 by the reactor adapter matching our wasmtime version.
use std::{env, fs, path::PathBuf};

use wasi_preview1_component_adapter_provider::{
    WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME, WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER,
};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let guest = match env::var_os("JSBOX_GUEST_WASM") {
        Some(path) => PathBuf::from(path),
        None => env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("../target"))
            .join("wasm32-wasip1/release/jsbox_guest.wasm"),
    };
    println!("cargo:rerun-if-env-changed=JSBOX_GUEST_WASM");
    println!("cargo:rerun-if-changed={}", guest.display());
    let module = fs::read(&guest).unwrap_or_else(|e| {
        panic!(
            "the jsbox guest module is missing at {} ({e}); build it first with `make guest` \
             (or `make build`)",
            guest.display()
        )
    });
    let component = wit_component::ComponentEncoder::default()
        .module(&module)
        .and_then(|encoder| {
            encoder.adapter(WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME, WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER)
        })
        .and_then(|encoder| encoder.validate(true).encode())
        .unwrap_or_else(|e| panic!("componentizing {}: {e:?}", guest.display()));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("jsbox_guest.component.wasm");
    fs::write(&out, component).expect("write the guest component");
}
