//! Scripts as people write them today: ES modules (their entry points and
//! top-level `await`), TypeScript (types stripped, positions kept), and the
//! platform's modules, imported by name and by nothing else.

use jsbox::{Execution, Language, Modules};
use jsbox_tests::*;
use serde_json::json;

fn module_ok(script: &str) -> serde_json::Value {
    ok(&modules_policy(), script, json!({"x": 20}))
}

fn module_err(script: &str) -> Error {
    err(&modules_policy(), script, json!({"x": 20}))
}

/// A module script that must fail as `kind`, its message holding each of `says`.
fn module_fails(script: &str, kind: &str, says: &[&str]) {
    let error = module_err(script);
    assert_eq!(error.kind(), kind, "{script}: {error}");
    for text in says {
        assert!(error.to_string().contains(text), "{script}: {text:?} not in {error}");
    }
}

fn typescript(script: &str) -> Result<Outcome, Error> {
    run_execution(&modules_policy(), Execution::new(script).args(json!({"x": 20})).language(Language::TypeScript))
}

#[test]
fn every_entry_form_of_a_module_runs() {
    let forms = [
        "export default function (a) { return a.x + 1 }",
        "export default async (a) => a.x + 1",
        "export function execute(a) { return a.x + 1 }",
        "export const execute = async (a) => a.x + 1",
        "const e = (a) => a.x + 1; export { e as execute }",
        "import { name } from 'probe/lib'; export default (a) => a.x + name.length - 2",
    ];
    for form in forms {
        assert_eq!(module_ok(form), 21, "{form}");
    }
    // A named `execute` is the entry when there is a default export too.
    assert_eq!(module_ok("export default () => 'default'; export function execute() { return 'named' }"), "named");
}

#[test]
fn top_level_await_finishes_before_execute_and_counts_toward_the_timeout() {
    let script =
        "const v = await new Promise((r) => setTimeout(() => r(22), 20));\nexport default (a) => v - 2 + a.x - 20";
    assert_eq!(module_ok(script), 20);
    assert_eq!(module_ok("import { v } from 'probe/tla';\nexport default () => v"), 7);
    let policy = modules_policy().timeout(std::time::Duration::from_millis(300));
    let error = err(&policy, "await new Promise((r) => setTimeout(r, 60_000));\nexport default () => 1", json!({}));
    assert_eq!(error.kind(), "timeout");
    module_fails("await new Promise(() => {});\nexport default () => 1", "exception", &["never settle"]);
}

#[test]
fn a_module_without_an_entry_point_says_which_forms_are_accepted() {
    for (script, extra) in [
        ("export const x = 1", None),
        ("export default { execute() {} }", Some("its default export is an object")),
        ("export const execute = 5", Some("its `execute` export is a number")),
        ("function execute() { return 1 }\nexport {}", None),
    ] {
        let error = module_err(script);
        assert_eq!(error.kind(), "missing-execute", "{script}");
        let message = error.to_string();
        for form in ["export default function", "export function execute", "export const execute"] {
            assert!(message.contains(form), "{script}: {message}");
        }
        if let Some(extra) = extra {
            assert!(message.contains(extra), "{script}: {message}");
        }
    }
    // A classic script's message names the module forms too.
    let message = module_err("function exec() {}").to_string();
    assert!(message.contains("function execute(args)") && message.contains("export default"), "{message}");
}

#[test]
fn classic_scripts_keep_working_and_their_errors_stay_theirs() {
    assert_eq!(module_ok("function execute(a) { return this === undefined ? 'strict' : a.x }"), 20);
    assert_eq!(module_ok("var execute = function (a) { return a.x * 2 }"), 40);
    module_fails("function execute() { return 1 }\nlet x = {;", "syntax", &["script.js:2:"]);
    // Meant as a module (it exports): the module's syntax error.
    module_fails("const v = 1;\nexport default () => v;\nlet x = {;", "syntax", &["script.js:3:"]);
    // `import()` works from a classic script.
    assert_eq!(
        module_ok("async function execute(a) { const m = await import('probe/lib'); return m.default(a.x) }"),
        40
    );
}

#[test]
fn platform_modules_import_by_name_including_each_other_and_in_cycles() {
    assert_eq!(
        module_ok("import { chunk } from 'probe/lib';\nexport default () => chunk([1, 2, 3], 2)"),
        json!([[1, 2], [3]])
    );
    assert_eq!(
        module_ok("import twice, * as lib from 'probe/lib';\nexport default (a) => [twice(a.x), lib.name]"),
        json!([40, "lib"])
    );
    assert_eq!(
        module_ok("import { pairs } from 'probe/uses-lib';\nexport default () => pairs([1, 2, 3, 4])"),
        json!([[1, 2], [3, 4]])
    );
    assert_eq!(module_ok("import { both } from 'probe/cycle-a';\nexport default () => both()"), "ab");
    assert_eq!(module_ok("export default async () => (await import('probe/cycle-b')).both()"), "ab");
    assert_eq!(
        module_ok("import { area, label } from 'probe/typed';\nexport default () => [area({ w: 2, h: 3 }), label]"),
        json!([6, "typed"])
    );
    assert_eq!(
        module_ok("export default () => Object.keys(import.meta).length + ':' + Object.getPrototypeOf(import.meta)"),
        "0:null"
    );
}

#[test]
fn a_specifier_that_is_not_mapped_fails_naming_it() {
    for specifier in [
        "fs",
        "node:fs",
        "./x.js",
        "../probe/lib",
        "/etc/passwd",
        "file:///etc/passwd",
        "https://example.com/x.js",
        "probe/nope",
        "PROBE/LIB",
    ] {
        let error = module_err(&format!("import x from {specifier:?};\nexport default () => x"));
        assert_eq!(error.kind(), "exception", "{specifier}");
        assert!(error.to_string().contains(&format!("Cannot find module '{specifier}'")), "{specifier}: {error}");
        let caught = module_ok(&format!(
            "export default async () => {{ try {{ await import({specifier:?}) }} catch (e) {{ return e.name + ': ' + e.message }} }}"
        ));
        assert!(
            caught.as_str().unwrap().starts_with(&format!("TypeError: Cannot find module '{specifier}'")),
            "{caught}"
        );
    }
    // Registered but not visible to this policy.
    let error = err(&Policy::default(), "import { chunk } from 'probe/lib';\nexport default () => 1", json!({}));
    assert!(
        error.to_string().contains("Cannot find module 'probe/lib'") && error.to_string().contains("none are provided"),
        "{error}"
    );
    // Visible by name only.
    let policy = Policy::default().allow_module("probe/lib");
    let error = err(&policy, "import { pairs } from 'probe/uses-lib';\nexport default () => 1", json!({}));
    assert!(error.to_string().contains("provided: probe/lib"), "{error}");
    let error = err(&Policy::default().allow_module("lodash"), "export default () => 1", json!({}));
    assert_eq!(error.kind(), "invalid-policy");
}

#[test]
fn a_module_that_fails_to_load_fails_the_execution_clearly() {
    module_fails(
        "import { x } from 'probe/throws';\nexport default () => x",
        "exception",
        &["probe/throws failed while loading"],
    );
    module_fails("import { ok } from 'probe/bad-syntax';\nexport default () => ok", "syntax", &["probe/bad-syntax:2:"]);
    module_fails(
        "import { E } from 'probe/typed-enum';\nexport default () => E",
        "syntax",
        &["enum", "probe/typed-enum:1:"],
    );
    let error = module_err("import { nope } from 'probe/lib';\nexport default () => nope");
    assert!(error.to_string().contains("nope"), "{error}");
    let small = modules_policy().memory(16 << 20);
    let error = err(&small, "import { data } from 'probe/huge';\nexport default () => data.length", json!({}));
    assert_eq!(error.kind(), "memory-limit", "{error}");
    assert_eq!(
        ok(
            &modules_policy().memory(256 << 20),
            "import { data } from 'probe/huge';\nexport default () => data.length",
            json!({})
        ),
        750_000
    );
}

#[test]
fn modules_are_compiled_once_and_start_fresh_in_every_execution() {
    let script = "import { bump } from 'probe/state';\nimport { chunk } from 'probe/lib';\nexport default () => [bump(), bump(), chunk([1], 1)]";
    let first = run(&modules_policy(), script, json!({})).0.unwrap();
    let second = run(&modules_policy(), script, json!({})).0.unwrap();
    assert_eq!(first.result, json!([1, 2, [[1]]]));
    assert_eq!(second.result, first.result, "module state does not carry over");
    assert_eq!(second.stats.cached_modules, 2, "both modules came from the bytecode cache");
    // Under a fuel budget, everything parses every time.
    let metered = modules_policy().fuel(1_000_000_000);
    assert_eq!(run(&metered, script, json!({})).0.unwrap().stats.cached_modules, 0);
}

#[test]
fn an_execution_brings_its_own_modules() {
    let mut mine = Modules::default();
    mine.add("probe/lib", "export const name = 'mine'").unwrap();
    let execution = Execution::new("import { name } from 'probe/lib';\nexport default () => name").modules(mine);
    assert_eq!(run_execution(&modules_policy(), execution).unwrap().result, "mine");
}

#[test]
fn typescript_erasable_syntax_just_works() {
    let script = r#"
import type { Box } from "probe/typed";
import { area, type Box as B2 } from "probe/typed";
interface Args { x: number; name?: string }
type Pair<T> = [T, T];
declare const ambient: number;
declare global { interface Window { y: number } }
abstract class Shape { abstract size(): number; protected readonly kind: string = "shape"; }
class Square extends Shape implements Readonly<{ side: number }> {
  private side!: number;
  constructor(side: number) { super(); this.side = side; }
  size(): number { return this.side ** 2 }
  public get label(): string { return this.kind }
}
function first<T>(items: T[], fallback?: T): T | undefined { return items[0] ?? fallback }
function overloaded(a: string): string;
function overloaded(a: number): number;
function overloaded(a: any): any { return a }
const pair: Pair<number> = [1, 2];
const n = (pair as unknown as number[]).length satisfies number;
const box = { w: 2, h: 3 } satisfies B2;
let late!: number;
late = 1;
export type { Args };
export default function execute(args: Args): { total: number; label: string } {
  const s = new Square(3);
  const v = first<number>([args.x])!;
  const total = s.size() + v + n + area(box as Box) + overloaded(late);
  return { total, label: s.label };
}
"#;
    let out = typescript(script).unwrap();
    assert_eq!(out.result, json!({"total": 9 + 20 + 2 + 6 + 1, "label": "shape"}));
}

#[test]
fn typescript_constructs_that_need_code_are_syntax_errors_naming_them() {
    for (script, construct) in [
        ("enum Color { Red }\nfunction execute() { return Color.Red }", "enum"),
        ("namespace N { export const x = 1 }\nfunction execute() { return N.x }", "namespace"),
        ("class A { constructor(private x: number) {} }\nfunction execute() { return 1 }", "parameter property"),
        ("function execute() { return <number>1 }", "angle-bracket"),
        ("function d(t: any) { return t }\n@d class A {}\nfunction execute() { return 1 }", "decorators"),
    ] {
        let error = typescript(script).unwrap_err();
        assert_eq!(error.kind(), "syntax", "{script}");
        let message = error.to_string();
        assert!(message.contains(construct) && message.contains("script.ts:"), "{script}: {message}");
    }
}

#[test]
fn typescript_positions_point_into_the_source_as_written() {
    // A type error is not a syntax error: it runs (types are not checked).
    assert_eq!(
        typescript("const x: number = 'text' as any;\nfunction execute(): string { return x }").unwrap().result,
        "text"
    );
    let error = typescript(
        "type T = { a: number };\nconst t: T = { a: 1 };\n  let broken: number = 1 +;\nfunction execute() {}",
    )
    .unwrap_err();
    assert_eq!(error.kind(), "syntax");
    assert!(error.to_string().contains("script.ts:3:"), "{error}");
    let script = "interface A { x: number }\nfunction execute(a: A): number {\n  const y: number = a.x;\n    throw new Error(`at ${y}`);\n}";
    let error = typescript(script).unwrap_err();
    let stack = match &error {
        Error::Exception { stack: Some(stack), .. } => stack.clone(),
        other => panic!("{other:?}"),
    };
    // The same position as the same code with its types removed by hand.
    let plain = "                         \nfunction execute(a   ): number {\n  const y         = a.x;\n    throw new Error(`at ${y}`);\n}"
        .replace("): number", ")        ");
    let plain_error = err(&Policy::default(), &plain, json!({"x": 20}));
    let plain_stack = match &plain_error {
        Error::Exception { stack: Some(stack), .. } => stack.clone(),
        other => panic!("{other:?}"),
    };
    assert!(stack.contains("script.ts:4:"), "{stack}");
    assert_eq!(stack.replace("script.ts", "script.js"), plain_stack);
}

#[test]
fn typescript_is_cached_like_javascript() {
    let script = "export default (a: { x: number }): number => a.x * 3";
    let first = typescript(script).unwrap();
    let second = typescript(script).unwrap();
    assert_eq!((first.result.clone(), second.result), (json!(60), json!(60)));
    assert!(!first.stats.cached_bytecode || second.stats.cached_bytecode);
    assert!(second.stats.cached_bytecode);
    // The same text as JavaScript is another script.
    assert_eq!(module_err(script).kind(), "syntax");
}

#[test]
fn hostile_typescript_gets_a_typed_error_never_a_crash() {
    let deep = format!("function execute() {{ return {}1{} }}", "(".repeat(100_000), ")".repeat(100_000));
    let error = typescript(&deep).unwrap_err();
    assert_eq!(error.kind(), "syntax");
    assert!(error.to_string().contains("nests too deeply for TypeScript stripping"), "{error}");
    // Deep type nesting just under the bound still strips (on its own stack).
    let nested_type =
        format!("let v: {}number{} = 1;\nfunction execute() {{ return v }}", "Array<".repeat(900), ">".repeat(900));
    assert_eq!(typescript(&nested_type).unwrap().result, 1);
    let huge_type =
        format!("type Big = {{ {} }};\nfunction execute(): number {{ return 5 }}", "a: string; ".repeat(100_000));
    assert_eq!(typescript(&huge_type).unwrap().result, 5);
    for broken in
        ["function execute<(): void {}", "let x: = 1", "interface { }", "function execute() { return 1 as }", "\u{0}"]
    {
        let error = typescript(broken).unwrap_err();
        assert_eq!(error.kind(), "syntax", "{broken:?}: {error}");
    }
}
