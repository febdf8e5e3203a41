//! `cargo fuzz run secrets`: see `checks::secrets`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::secrets(data));
