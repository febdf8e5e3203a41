//! The stripper's stack: 16 MiB of linear memory (Rust's default for Wasm is
//! 1 MiB), placed first, below the data, so that running out of it is an
//! out-of-bounds trap rather than a write over the heap. Deep but honest
//! nesting then strips; deeper is a trap the host reports. (Wasm only: the
//! fuzz target links the same code natively.)
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size=16777216");
        println!("cargo:rustc-link-arg-cdylib=--stack-first");
    }
}
