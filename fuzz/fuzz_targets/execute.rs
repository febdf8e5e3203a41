//! `cargo fuzz run execute`: the script+args boundary (see checks.rs).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

// Each target uses some of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap())
}

fn engine() -> &'static jsbox::Engine {
    static ENGINE: OnceLock<jsbox::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = jsbox::EngineConfig::default();
        config.max_concurrency = 4;
        config.helpers = checks::helpers();
        runtime().block_on(async { jsbox::Engine::new(config) }).expect("engine")
    })
}

fuzz_target!(
    // Loading the engine (snapshot and compile on a cold cache) is not part
    // of any input's time.
    init: {
        engine();
    },
    |data: &[u8]| checks::execute(runtime(), engine(), data)
);
