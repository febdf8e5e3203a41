//! `cargo fuzz run typescript`: the TypeScript stripper (see checks.rs).
//! SWC is linked natively here too, so that libFuzzer sees its branches; a
//! short input also strips natively, on a stack far larger than its
//! nesting could use, and the sandboxed stripper must agree.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses some of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

/// Inputs this long at most also strip natively: 4 KiB of nesting needs far
/// less than the native thread's 1 GiB stack.
const NATIVE_MAX: usize = 4 << 10;

fn native(source: &str) -> Result<String, String> {
    let source = source.to_owned();
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || jsbox_typescript::strip(source, "script.ts"))
        .expect("a thread")
        .join()
        .expect("SWC does not panic")
}

fuzz_target!(
    // Compiling the stripper (or loading it from the cache) is not an
    // input's time.
    init: {
        jsbox::Language::TypeScript.to_javascript("let x: number = 1;", "script.ts").expect("the stripper works");
    },
    |data: &[u8]| {
        let native: Option<&dyn Fn(&str) -> Result<String, String>> = (data.len() <= NATIVE_MAX).then_some(&native);
        checks::typescript(data, native)
    }
);
