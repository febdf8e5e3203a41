//! `cargo fuzz run helper_answer`: see `checks::helper_answer`.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses some of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::helper_answer(data));
