//! `cargo fuzz run mcp_messages`: see `checks::mcp_messages`.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses some of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::mcp_messages(data));
