//! `cargo fuzz run helper_schema`: see `checks::helper_schema`.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses some of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::helper_schema(data));
