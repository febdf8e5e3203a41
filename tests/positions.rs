//! Where an uncaught error says it happened: the `line:column` of the first
//! `script.js` (or `script.ts`) frame of its stack is the one Node gives for
//! the same source — in a classic script, in a module, and in TypeScript
//! (whose types are stripped with every position kept). The expected
//! positions were read off Node 20 (`node script.js`, `node script.mjs`).

use jsbox::{Execution, Language};
use jsbox_tests::*;
use serde_json::json;

/// A case: what it shows, its source (`execute` calls the failing code),
/// and Node's position of the failure.
const CASES: &[(&str, &str, &str)] = &[
    (
        "a return whose leading global is undefined",
        "function f() {\n  return Buffer.from(\"x\");\n}\nfunction execute() { return f() }",
        "2:3",
    ),
    (
        "a declaration's initializer",
        "function f() {\n  const a = Missing;\n  return a;\n}\nfunction execute() { return f() }",
        "2:13",
    ),
    (
        "a property of undefined",
        "function f() {\n  let u;\n  return u.x;\n}\nfunction execute() { return f() }",
        "3:12",
    ),
    ("an undefined function called", "function f() {\n  foo();\n}\nfunction execute() { return f() }", "2:3"),
    (
        "a property of null in an expression",
        "function f() {\n  return 1 + null.x;\n}\nfunction execute() { return f() }",
        "2:19",
    ),
    (
        "an assignment to a constant",
        "function f() {\n  const x = 1;\n  x = 2;\n}\nfunction execute() { return f() }",
        "3:5",
    ),
    (
        "an explicit throw",
        "function f() {\n  if (true) throw new Error(\"boom\");\n}\nfunction execute() { return f() }",
        "2:19",
    ),
    (
        "not a function",
        "function f() {\n  const o = {};\n  return o.missing();\n}\nfunction execute() { return f() }",
        "3:12",
    ),
    (
        "the temporal dead zone",
        "function f() {\n  const v = t;\n  let t = 1;\n}\nfunction execute() { return f() }",
        "2:13",
    ),
    ("an arrow function", "const g = (a) =>\n  a.b.c;\nfunction execute() { return g({}) }", "2:7"),
    (
        "a class method",
        "class K {\n  m() {\n    return this.x.y;\n  }\n}\nfunction execute() { return new K().m() }",
        "3:19",
    ),
    (
        "after an await",
        "async function f() {\n  await null;\n  return missing();\n}\nasync function execute() { return await f() }",
        "3:3",
    ),
    ("an argument", "function f() {\n  return String(1, Missing);\n}\nfunction execute() { return f() }", "2:20"),
    ("a template", "function f() {\n  return `${Missing}`;\n}\nfunction execute() { return f() }", "2:3"),
];

/// `file:line:column` of the first frame in `file`.
fn position(error: &jsbox::Error, file: &str) -> String {
    let jsbox::Error::Exception { stack: Some(stack), .. } = error else {
        panic!("expected an exception with a stack, got {}: {error}", error.kind());
    };
    let at = stack.find(&format!("{file}:")).unwrap_or_else(|| panic!("no {file} frame in {stack}"));
    let rest = &stack[at + file.len() + 1..];
    rest.split(|c: char| !(c.is_ascii_digit() || c == ':')).next().unwrap_or_default().to_string()
}

fn failing(source: &str, language: Language) -> jsbox::Error {
    let execution = Execution::new(source).language(language).args(json!({}));
    run_execution(&Policy::default(), execution).expect_err("the case fails")
}

/// The cases whose first `file` frame, for the source `variant` makes of
/// each, is not where Node says.
fn misplaced(language: Language, file: &str, variant: impl Fn(&str) -> String) -> Vec<String> {
    let mut wrong = Vec::new();
    for (what, source, node) in CASES {
        let at = position(&failing(&variant(source), language), file);
        if at != *node {
            wrong.push(format!("{what}: {file}:{at}, Node says {node}"));
        }
    }
    wrong
}

#[test]
fn classic_scripts_say_where_as_node_does() {
    let wrong = misplaced(Language::JavaScript, "script.js", str::to_string);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn modules_say_where_as_node_does() {
    // The same lines as a module: `execute` exported (on the last line,
    // after every position the cases check).
    let wrong = misplaced(Language::JavaScript, "script.js", |source| {
        let exported = source.replace("async function execute", "export async function execute");
        match exported.contains("export async") {
            true => exported,
            false => exported.replace("function execute", "export function execute"),
        }
    });
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn typescript_says_where_in_the_file_as_written() {
    // Types on the first line only: stripped to spaces, the failing lines
    // keep their columns.
    let wrong = misplaced(Language::TypeScript, "script.ts", |source| {
        source.replacen("function f() {", "function f(): any {", 1).replacen("(a) =>", "(a: any): number =>", 1)
    });
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_failure_on_line_one_has_its_exact_column() {
    // Upstream QuickJS counted line 1's columns one short.
    let classic = "function execute() { return Missing + 1 }";
    assert_eq!(position(&failing(classic, Language::JavaScript), "script.js"), "1:22");
    let module = "export function execute() { return Missing + 1 }";
    assert_eq!(position(&failing(module, Language::JavaScript), "script.js"), "1:29");
    let typed = "function execute(): number { return Missing + 1 }";
    assert_eq!(position(&failing(typed, Language::TypeScript), "script.ts"), "1:30");
}

#[test]
fn syntax_errors_point_at_the_token_at_fault() {
    for (source, node) in
        [("function execute() {\n  let a = ;\n}", "2:11"), ("function execute() {\n  return 'open;\n}", "2:10")]
    {
        let error = run(&Policy::default(), source, json!({})).0.expect_err(source);
        assert_eq!(error.kind(), "syntax");
        assert!(error.to_string().contains(&format!("script.js:{node}")), "{source:?}: {error}, Node says {node}");
    }
}
