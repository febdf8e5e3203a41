//! The engine's caches and pool: a compiled-guest cache that is used when
//! valid and rebuilt when not, and pooled sandboxes that share nothing.

use std::path::{Path, PathBuf};

use jsbox_tests::*;
use serde_json::json;

fn fresh_cache(name: &str) -> PathBuf {
    let dir = cache_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn engine_with_cache(dir: &Path) -> Engine {
    let mut config = engine_config();
    config.cache_dir = Some(dir.to_path_buf());
    Engine::new(config).expect("engine")
}

fn works(engine: &Engine) {
    let out = block_on(engine.execute(&Policy::default(), "function execute(a) { return a.n * 3 }", json!({"n": 5})));
    assert_eq!(out.unwrap().result, json!(15));
}

fn cached_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "cwasm")).collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_compiled_guest_is_cached_and_reused() {
    let dir = fresh_cache("reuse");
    let first = engine_with_cache(&dir);
    assert!(!first.loaded_from_cache());
    works(&first);
    assert_eq!(cached_files(&dir).len(), 1);
    let second = engine_with_cache(&dir);
    assert!(second.loaded_from_cache());
    works(&second);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_or_stale_cache_file_is_rebuilt_not_trusted() {
    let dir = fresh_cache("corrupt");
    works(&engine_with_cache(&dir));
    let file = cached_files(&dir).pop().expect("a cache file");
    let good = std::fs::read(&file).unwrap();
    assert!(good.len() > 1 << 20, "a compiled guest is megabytes");

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    // A flipped bit in the code; a truncated file; a file that is not ours;
    // a file with a valid checksum whose payload wasmtime refuses (stale).
    let mut stale = good[..8].to_vec();
    let payload = b"not a precompiled component for this engine";
    stale.extend_from_slice(&sha256(payload));
    stale.extend_from_slice(payload);
    for bad in [flipped, good[..good.len() / 3].to_vec(), b"garbage".to_vec(), stale] {
        std::fs::write(&file, &bad).unwrap();
        let engine = engine_with_cache(&dir);
        assert!(!engine.loaded_from_cache(), "a bad cache file was trusted");
        works(&engine);
        // Rebuilt (a snapshot is not byte-identical across builds: it holds
        // the entropy init drew), and the new file is trusted next time.
        assert!(std::fs::read(&file).unwrap() != bad, "the bad file was left in place");
        assert!(engine_with_cache(&dir).loaded_from_cache(), "the rebuilt file is not valid");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unwritable_cache_dir_still_gives_a_working_engine() {
    let file = fresh_cache("not-a-dir");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"a file where the cache dir should be").unwrap();
    works(&engine_with_cache(&file));
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn pooled_sandboxes_never_see_another_executions_state() {
    let script = r#"
        function execute({ id }) {
            const seen = [globalThis.secret, globalThis.big && globalThis.big.length, Object.prototype.leak];
            globalThis.secret = id;
            globalThis.big = new Array(50000).fill(id);
            Object.prototype.leak = id;
            return seen;
        }
    "#;
    let clean = json!([null, null, null]);
    for id in 0..20 {
        assert_eq!(ok(&Policy::default(), script, json!({"id": id})), clean);
    }
    let results = block_on(async {
        let tasks: Vec<_> = (0..40)
            .map(|id| {
                tokio::spawn(async move { engine().execute(&Policy::default(), script, json!({"id": id})).await })
            })
            .collect();
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.unwrap().unwrap().result);
        }
        out
    });
    assert!(results.iter().all(|r| *r == clean), "{results:?}");
}

#[test]
fn a_policy_above_the_engines_memory_ceiling_is_refused() {
    let policy = Policy::default().memory(engine_config().max_memory + 1);
    assert_eq!(err(&policy, "function execute() {}", json!({})).kind(), "invalid-policy");
}

/// SHA-256, for building cache files by hand.
fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

#[test]
fn math_random_differs_between_executions_from_one_snapshot() {
    let script = "function execute() { return [Math.random(), Math.random()] }";
    let mut seen: Vec<String> = (0..200).map(|_| ok(&Policy::default(), script, json!({})).to_string()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 200, "Math.random repeated across executions: {seen:?}");
}

#[test]
fn a_pool_too_large_for_the_address_space_is_a_clear_error() {
    let mut config = engine_config();
    config.max_concurrency = 1_000_000;
    let error = Engine::new(config).err().expect("a million 1 GiB slots cannot be reserved");
    assert_eq!(error.kind(), "invalid-policy");
    assert!(error.to_string().contains("lower max_concurrency or max_memory"), "{error}");
}
