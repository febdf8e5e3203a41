//! The bytecode cache: running a script again skips parsing it, and
//! behaves exactly as running it from source — same results, errors,
//! stack traces and function text, and nothing kept between executions but
//! the compiled code.

use jsbox_tests::*;
use serde_json::json;

/// A script no other test runs (the cache is shared by the test binary's engine).
fn unique(body: &str) -> String {
    format!("// {}\n{body}", jsbox::ExecutionId::new())
}

fn twice(policy: &Policy, script: &str) -> [Result<Outcome, Error>; 2] {
    [run(policy, script, json!({"n": 1})).0, run(policy, script, json!({"n": 1})).0]
}

#[test]
fn the_second_run_of_a_script_comes_from_the_cache_with_the_same_result() {
    let script = unique("function execute(a) { return { n: a.n + 1, s: [1, 2, 3].map(x => x * 2) } }");
    let [first, second] = twice(&Policy::default(), &script);
    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(!first.stats.cached_bytecode, "the first run parses");
    assert!(second.stats.cached_bytecode, "the second run reuses the bytecode");
    assert_eq!(first.result, json!({"n": 2, "s": [2, 4, 6]}));
    assert_eq!(second.result, first.result);
}

#[test]
fn a_different_source_text_is_parsed_again() {
    let script = unique("function execute() { return 1 }");
    let [_, second] = twice(&Policy::default(), &script);
    assert!(second.unwrap().stats.cached_bytecode);
    for changed in [format!("{script} "), script.replace("return 1", "return 2")] {
        let out = run(&Policy::default(), &changed, json!({})).0.unwrap();
        assert!(!out.stats.cached_bytecode, "{changed:?} ran another script's bytecode");
    }
    assert_eq!(ok(&Policy::default(), &script.replace("return 1", "return 2"), json!({})), 2);
}

#[test]
fn nothing_but_code_is_kept_between_runs() {
    // Top-level state, globals, the script's own functions and the
    // intrinsics it changes all start over.
    let script = unique(
        r#"
        let calls = 0;
        globalThis.seen = (globalThis.seen || 0) + 1;
        Array.prototype.extra = (Array.prototype.extra || 0) + 1;
        function execute() {
            execute.count = (execute.count || 0) + 1;
            return [++calls, seen, [].extra, execute.count];
        }
        "#,
    );
    for _ in 0..3 {
        assert_eq!(ok(&Policy::default(), &script, json!({})), json!([1, 1, 1, 1]));
    }
}

#[test]
fn errors_and_stack_traces_are_the_same_from_the_cache() {
    let script = unique("function inner() {\n  throw new Error('boom');\n}\nfunction execute() {\n  inner();\n}\n");
    let [first, second] = twice(&Policy::default(), &script);
    let (first, second) = (first.unwrap_err(), second.unwrap_err());
    assert_eq!(first.kind(), "exception");
    assert_eq!(first.to_string(), second.to_string());
    let stacks = [&first, &second].map(|e| match e {
        Error::Exception { stack, .. } => stack.clone().unwrap_or_default(),
        other => panic!("not an exception: {other:?}"),
    });
    assert!(stacks[0].contains("script.js:3:"), "the line of the throw: {}", stacks[0]);
    assert_eq!(stacks[0], stacks[1]);
}

#[test]
fn function_source_text_is_the_same_from_the_cache() {
    let script = unique(
        "function add(a, b) { /* sum */ return a + b }\nfunction execute() { return add.toString() + '|' + (x => x).toString() }",
    );
    let [first, second] = twice(&Policy::default(), &script);
    let expected = json!("function add(a, b) { /* sum */ return a + b }|x => x");
    assert_eq!(first.unwrap().result, expected);
    let second = second.unwrap();
    assert!(second.stats.cached_bytecode);
    assert_eq!(second.result, expected);
}

#[test]
fn scripts_that_do_not_parse_are_never_cached() {
    let script = unique("function execute() { return ( }");
    for _ in 0..2 {
        let e = err(&Policy::default(), &script, json!({}));
        assert_eq!(e.kind(), "syntax", "{e}");
        assert!(e.to_string().contains("script.js:2"), "{e}");
    }
}

#[test]
fn a_script_that_throws_while_loading_throws_again_from_the_cache() {
    let script = unique("throw new TypeError('at load');\nfunction execute() { return 1 }");
    let [first, second] = twice(&Policy::default(), &script);
    let (first, second) = (first.unwrap_err(), second.unwrap_err());
    assert_eq!((first.kind(), second.kind()), ("exception", "exception"));
    assert_eq!(first.to_string(), second.to_string());
    assert!(first.to_string().contains("TypeError: at load"), "{first}");
}

#[test]
fn limits_hold_from_the_cache() {
    let script = unique("function execute() { const a = []; for (;;) a.push(new Array(1e5).fill(1)); }");
    let policy = Policy::default().memory(16 << 20);
    let [first, second] = twice(&policy, &script);
    assert_eq!(first.unwrap_err().kind(), "memory-limit");
    assert_eq!(second.unwrap_err().kind(), "memory-limit");
    let spin = unique("function execute() { for (;;) {} }");
    let policy = Policy::default().timeout(std::time::Duration::from_millis(200));
    let [first, second] = twice(&policy, &spin);
    assert_eq!(first.unwrap_err().kind(), "timeout");
    assert_eq!(second.unwrap_err().kind(), "timeout");
}

#[test]
fn an_engine_without_a_cache_parses_every_time() {
    let mut config = engine_config();
    config.bytecode_cache = 0;
    let engine = Engine::new(config).unwrap();
    let script = "function execute() { return 7 }";
    for _ in 0..2 {
        let out = block_on(engine.execute(&Policy::default(), script, json!({}))).unwrap();
        assert_eq!(out.result, 7);
        assert!(!out.stats.cached_bytecode);
    }
}

#[test]
fn a_large_script_runs_from_the_cache() {
    // ~200 KB of functions, like a bundled utility library.
    let mut library = String::new();
    for i in 0..2000 {
        library.push_str(&format!(
            "function util{i}(x) {{ const y = x * {i}; return y > 10 ? y - {i} : [y, '{i}'].join('-'); }}\n"
        ));
    }
    let script = unique(&format!("{library}function execute(a) {{ return util1999(a.n) + util7(3) }}"));
    assert!(script.len() > 150_000);
    let [first, second] = twice(&Policy::default(), &script);
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.result, second.result);
    assert!(second.stats.cached_bytecode);
}

#[test]
fn scopes_keep_their_bytecode_apart() {
    let script = unique("function execute() { return 'scoped' }");
    let in_scope = |scope: &str| {
        let execution = jsbox::Execution::new(script.clone()).cache_scope(scope);
        block_on(engine().run(&Policy::default(), execution)).unwrap().stats.cached_bytecode
    };
    assert_eq!([in_scope("acme"), in_scope("acme")], [false, true]);
    assert!(!in_scope("globex"), "another scope found acme's entry");
    assert!(!in_scope(""), "the default scope found acme's entry");
    assert!(in_scope("globex"));
}

#[test]
fn the_language_behaves_the_same_from_the_cache() {
    // Constants of every kind the bytecode carries, and the constructs whose
    // compiled form holds more than code (templates, classes, regexps).
    let script = unique(
        r#"
        const probes = {
            template: () => { const t = ((s) => s)`a${1}b\u{41}`; return [Object.isFrozen(t), Object.isFrozen(t.raw), t.raw.join("|"), t.join("|")] },
            constants: () => [Object.is(-0, -0 * 1), 1e308 * 10, 0.1 + 0.2, 2n ** 70n + "", 1_000_000, 0x7fffffff | 0, "\uD800".length],
            strings: () => ["é", "\u{1F600}", "a\0b".length, `multi
line`, "\\u0041"],
            regexp: () => { const r = /(?<y>\d{4})-(?<m>\d\d)/gu; const m = r.exec("on 2026-11 and"); return [m.groups.y, r.lastIndex, r.flags, /x/y.sticky, String(/[\p{L}]+/v)] },
            classes: () => { class A { #p = 1; static s = 2; get p() { return this.#p } static #q() { return 3 } static q() { return A.#q() } } return [new A().p, A.s, A.q(), A.name, A.toString().slice(0, 9)] },
            generators: () => { function* g() { const x = yield 1; yield x * 2 } const it = g(); return [it.next().value, it.next(21).value, it.next().done] },
            destructuring: () => { const { a = 1, b: [c, ...d] = [2, 3, 4], ...rest } = { e: 5 }; return [a, c, d, rest] },
            labels: () => { let n = 0; outer: for (const i of [1, 2, 3]) { for (const j of [1, 2]) { if (j === 2) continue outer; if (i === 3) break outer; n += i * j } } return n },
            closures: () => { const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); return fs.map((f) => f()) },
            args: function () { return [arguments.length, typeof new.target, (function () { "use strict"; return this })()] },
            optional: () => { const o = { a: { b: null } }; return [o?.a?.b?.c, o.x ?? "dflt", (o.a.b ??= 7)] },
            errors: () => { try { null.x } catch (e) { return [e.constructor.name, e.stack.split("\n")[1].trim()] } },
            getters: () => { const o = { get x() { return 1 }, set x(v) {}, ["comp" + "uted"]: 2, __proto__: { inherited: 3 } }; return [o.x, o.computed, o.inherited, Object.keys(o)] },
            symbols: () => [Symbol("d").description, typeof Symbol.iterator, Symbol.for("k") === Symbol.for("k")],
            sources: () => [probes.args.toString().length, (async (a) => a).toString(), class {}.toString()],
        };
        async function execute() {
            const out = {};
            for (const [name, probe] of Object.entries(probes)) out[name] = probe();
            out.awaited = await Promise.all([1, Promise.resolve(2), (async () => 3)()]);
            return out;
        }
        "#,
    );
    let [first, second] = twice(&Policy::default(), &script);
    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(second.stats.cached_bytecode);
    assert_eq!(first.result["template"], json!([true, true, "a|b\\u{41}", "a|bA"]));
    assert_eq!(second.result, first.result, "from source:\n{}\nfrom the cache:\n{}", first.result, second.result);
}

#[test]
fn visually_identical_sources_are_different_scripts() {
    // NFC and NFD spellings of é, and a leading byte order mark.
    let nfc = unique("function execute() { return 'caf\u{e9}'.length }");
    let nfd = nfc.replace('\u{e9}', "e\u{301}");
    assert_eq!(ok(&Policy::default(), &nfc, json!({})), 4);
    assert_eq!(ok(&Policy::default(), &nfc, json!({})), 4);
    let out = run(&Policy::default(), &nfd, json!({})).0.unwrap();
    assert_eq!((out.result, out.stats.cached_bytecode), (json!(5), false));
    let bom = format!("\u{feff}{nfc}");
    assert!(!run(&Policy::default(), &bom, json!({})).0.unwrap().stats.cached_bytecode);
}

#[test]
fn under_a_fuel_budget_every_run_parses_and_uses_the_same_fuel() {
    let script = unique("function execute() { let s = 0; for (let i = 0; i < 1000; i++) s += i; return s }");
    let policy = Policy::default().fuel(1_000_000_000);
    let [first, second] = twice(&policy, &script);
    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(!second.stats.cached_bytecode);
    assert_eq!(first.stats.fuel_used, second.stats.fuel_used);
}

#[test]
fn running_out_of_memory_while_offering_bytecode_never_poisons_the_cache() {
    // Under tighter and tighter limits the same script runs out of memory
    // while parsing, while serializing its bytecode, or while running; each
    // run either succeeds or ends as memory-limit, and whatever the cache
    // kept runs correctly afterwards.
    let mut body = String::new();
    for i in 0..6000 {
        body.push_str(&format!("function f{i}(x) {{ return [x, '{i}', {{ k: x + {i} }}]; }}\n"));
    }
    let script = unique(&format!("{body}function execute() {{ return f5999(1)[2].k }}"));
    let mut outcomes = Vec::new();
    for mib in (4..=40).step_by(2) {
        let policy = Policy::default().memory(mib << 20);
        match run(&policy, &script, json!({})).0 {
            Ok(out) => {
                assert_eq!(out.result, 6000, "at {mib} MiB");
                outcomes.push(format!("{mib}:ok{}", if out.stats.cached_bytecode { "(cached)" } else { "" }));
            }
            Err(e) => {
                assert_eq!(e.kind(), "memory-limit", "at {mib} MiB: {e}");
                outcomes.push(format!("{mib}:memory-limit"));
            }
        }
    }
    assert!(
        outcomes.first().is_some_and(|o| o.ends_with("memory-limit")),
        "the tightest limit must fail: {outcomes:?}"
    );
    let out = run(&Policy::default(), &script, json!({})).0.unwrap();
    assert_eq!(out.result, 6000, "{outcomes:?}");
    assert!(out.stats.cached_bytecode, "{outcomes:?}");
}
