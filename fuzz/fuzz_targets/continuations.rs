//! `cargo fuzz run continuations`: see `checks::continuations`.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses some of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::continuations(data));
