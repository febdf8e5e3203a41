//! The fuzz smoke run of `make test`: the cargo fuzz targets' checks
//! (fuzz/checks.rs) over their seeds, every crash ever found
//! (fuzz/regressions/), and deterministic mutations of the seeds. The
//! coverage-guided run is `make fuzz` (nightly, instrumented build).

use std::path::{Path, PathBuf};

use jsbox_tests::*;

#[path = "../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut found = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    found.sort();
    assert!(found.len() >= 3, "fuzz/seeds/{target} is missing");
    found
}

/// xorshift64*: reproducible mutations without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes libFuzzer's mutators like to try, plus JS-significant ones.
const INTERESTING: &[&[u8]] = &[
    b"\0",
    b"\x01",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"*",
    b"[",
    b"{",
    b"\"",
    b"\\",
    b"(",
    b"`",
    b"/*",
    b"\n",
    b"9999999999999999999999",
    b"-1",
    b"%",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, token.iter().copied());
            }
            2 if at < out.len() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            3 => {
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(64)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
            _ => out.truncate(at),
        }
    }
    out
}

fn smoke(target: &str, mutants_per_input: usize, check: impl Fn(&[u8])) {
    let inputs = inputs(target);
    let mut rng = Rng(0x6a73_626f_78);
    for (path, input) in &inputs {
        check(input);
        for _ in 0..mutants_per_input {
            let other = &inputs[rng.below(inputs.len())].1;
            let mutant = mutate(&mut rng, input, other);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mutant)));
            assert!(
                outcome.is_ok(),
                "a mutant of {} failed the check; input (escaped): {:?}",
                path.display(),
                String::from_utf8_lossy(&mutant)
            );
        }
    }
}

#[test]
fn the_execute_target_holds_on_its_seeds_regressions_and_mutants() {
    let mut config = engine_config();
    config.helpers = checks::helpers();
    let engine = Engine::new(config).expect("an engine with the fuzz helpers");
    smoke("execute", 300, |data| checks::execute(runtime(), &engine, data));
}

#[test]
fn the_policy_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("policy", 3000, checks::policy);
}

#[test]
fn the_typescript_target_holds_on_its_seeds_regressions_and_mutants() {
    // The sandboxed stripper only (the cargo fuzz target also strips natively).
    smoke("typescript", 40, |data| checks::typescript(data, None));
}

#[test]
fn the_secrets_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("secrets", 2000, checks::secrets);
}

#[test]
fn the_helper_answer_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("helper_answer", 2000, checks::helper_answer);
}

#[test]
fn the_config_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("config", 2000, checks::config);
}

#[test]
fn the_component_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("component", 2000, checks::component);
}

#[test]
fn the_binding_calls_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("binding_calls", 2000, checks::binding_calls);
}

#[test]
fn the_continuations_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("continuations", 2000, checks::continuations);
}

#[test]
fn the_helper_schema_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("helper_schema", 2000, checks::helper_schema);
}

#[test]
fn the_mcp_messages_target_holds_on_its_seeds_regressions_and_mutants() {
    smoke("mcp_messages", 2000, checks::mcp_messages);
}
