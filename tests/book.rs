//! The book (`docs/`) cannot rot: every JavaScript and TypeScript example in
//! it runs, with the result (or error, and log lines) stated beside it;
//! every link between its pages and into their headings resolves; every page
//! is in `SUMMARY.md`; and the README's links into the book resolve too.
//! (Its Rust snippets compile as doctests of the library: see the
//! `book` module at the end of `host/src/lib.rs`.)
//!
//! How a page states an example (fences with attributes, which mdBook shows
//! as plain code blocks):
//!
//! ````text
//! ```json,policy          optional: the policy (JSON, as the CLI's --policy reads it)
//! ```json,args            optional: the args (default {})
//! ```js,module=NAME       optional: a platform module the next example may import
//! ```js  (or ts)          the script
//! ```json,result          what execute returns, as JSON
//!   or ```text,error      `kind` on the first line, then text the message contains
//! ```text,logs            optional: the log lines, in order
//! ````
//!
//! `https://api.example.com/` in args and `api.example.com` in a policy
//! stand for a local test API (started on 127.0.0.1) that answers
//! `GET /bcdr/device` (with `Authorization: Bearer test-token`) and echoes
//! `/echo`. The engine has two helpers registered: `math.add` (sync, adds
//! its arguments) and `crm.lookup` (async, `{id, name: "customer <id>"}`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jsbox::{Engine, Execution, Language, MemorySink, Policy};
use jsbox_tests::{TestServer, block_on, engine_config, files_under};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The book's pages, by path relative to `docs/src`.
fn pages() -> BTreeMap<String, String> {
    let out = files_under(&root().join("docs/src"), "md");
    assert!(out.len() > 10, "the book has its pages");
    out
}

/// A fenced block: its info string, text and first line number.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, String)> = None;
    for (n, line) in page.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match (&mut open, fence) {
            (None, true) => open = Some((line.trim_start()[3..].trim().to_owned(), n + 1, String::new())),
            (Some(_), true) => {
                let (info, line, text) = open.take().unwrap();
                out.push(Block { info, text, line });
            }
            (Some((_, _, text)), false) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, false) => {}
        }
    }
    assert!(open.is_none(), "a fence is never closed");
    out
}

/// One example: where it is, and what it says.
struct Example {
    place: String,
    policy: Option<String>,
    args: Option<String>,
    modules: Vec<(String, Language, String)>,
    language: Language,
    script: String,
    expected: Expected,
    logs: Option<Vec<String>>,
}

enum Expected {
    Result(Value),
    Error { kind: String, says: String },
}

fn language(tag: &str) -> Option<Language> {
    match tag {
        "js" | "javascript" => Some(Language::JavaScript),
        "ts" | "typescript" => Some(Language::TypeScript),
        _ => None,
    }
}

fn examples() -> Vec<Example> {
    let mut out = Vec::new();
    for (file, page) in pages() {
        let blocks = blocks(&page);
        let (mut policy, mut args, mut modules) = (None, None, Vec::new());
        let mut i = 0;
        while i < blocks.len() {
            let block = &blocks[i];
            let place = format!("docs/src/{file}:{}", block.line);
            let mut parts = block.info.split(',');
            let tag = parts.next().unwrap_or_default();
            let attrs: Vec<&str> = parts.collect();
            match (tag, attrs.as_slice()) {
                ("json", ["policy"]) => policy = Some(block.text.clone()),
                ("json", ["args"]) => args = Some(block.text.clone()),
                (tag, [attr]) if language(tag).is_some() && attr.starts_with("module=") => {
                    modules.push((attr["module=".len()..].to_owned(), language(tag).unwrap(), block.text.clone()));
                }
                (tag, []) if language(tag).is_some() => {
                    let expected = match blocks.get(i + 1).map(|b| (b.info.as_str(), b)) {
                        Some(("json,result", b)) => Expected::Result(
                            serde_json::from_str(&b.text)
                                .unwrap_or_else(|e| panic!("{place}: its result is not JSON: {e}")),
                        ),
                        Some(("text,error", b)) => {
                            let mut lines = b.text.lines();
                            let kind = lines.next().unwrap_or_default().trim().to_owned();
                            Expected::Error { kind, says: lines.collect::<Vec<_>>().join("\n").trim().to_owned() }
                        }
                        _ => {
                            panic!("{place}: an example states what it returns (```json,result or ```text,error next)")
                        }
                    };
                    i += 1;
                    let logs = match blocks.get(i + 1) {
                        Some(b) if b.info == "text,logs" => {
                            i += 1;
                            Some(b.text.lines().map(str::to_owned).collect())
                        }
                        _ => None,
                    };
                    out.push(Example {
                        place,
                        policy: policy.take(),
                        args: args.take(),
                        modules: std::mem::take(&mut modules),
                        language: language(tag).unwrap(),
                        script: block.text.clone(),
                        expected,
                        logs,
                    });
                }
                ("json", [what]) | ("text", [what]) if ["result", "error", "logs"].contains(what) => {
                    panic!("{place}: a ```{} block with no example before it", block.info)
                }
                ("", _) => panic!("{place}: a fence without a language (write ```text for plain text)"),
                _ => {}
            }
            i += 1;
        }
    }
    out
}

fn engine() -> Engine {
    let mut config = engine_config();
    config
        .helpers
        .add_sync("math.add", |call| Ok(json!(call.args.iter().filter_map(Value::as_f64).sum::<f64>())))
        .unwrap()
        .add_async("crm.lookup", |call| async move {
            let id = call.args.first().cloned().unwrap_or(Value::Null);
            Ok(json!({"id": id, "name": format!("customer {id}")}))
        })
        .unwrap();
    Engine::new(config).unwrap()
}

#[test]
fn every_example_in_the_book_runs_as_stated() {
    let examples = examples();
    assert!(examples.len() >= 15, "the book has its examples ({} found)", examples.len());
    let server = TestServer::start();
    let engine = engine();
    let mut failures = Vec::new();
    for example in &examples {
        let local = |text: &str| {
            text.replace("https://api.example.com/", &server.base()).replace("api.example.com", &server.host())
        };
        let policy: Policy = match &example.policy {
            Some(text) => {
                serde_json::from_str(&local(text)).unwrap_or_else(|e| panic!("{}: policy: {e}", example.place))
            }
            None => Policy::default(),
        };
        // Examples only ever reach this machine, whatever the code under test does.
        for host in &policy.network.allow_hosts {
            let local = ["127.", "localhost", "[::1]"].iter().any(|prefix| host.starts_with(prefix));
            assert!(local, "{}: allows {host}: an example may reach only this machine", example.place);
        }
        let args: Value = match &example.args {
            Some(text) => serde_json::from_str(&local(text)).unwrap_or_else(|e| panic!("{}: args: {e}", example.place)),
            None => json!({}),
        };
        let mut execution = Execution::new(&example.script).args(args).language(example.language);
        let mut modules = jsbox::Modules::default();
        for (name, language, source) in &example.modules {
            match language {
                Language::JavaScript => modules.add(name, source.as_str()),
                Language::TypeScript => modules.add_typescript(name, source.as_str()),
            }
            .unwrap();
        }
        let policy = example.modules.iter().fold(policy, |policy, (name, _, _)| policy.allow_module(name));
        execution = execution.modules(modules);
        let logs = MemorySink::default();
        execution = execution.logs(Arc::new(logs.clone()));
        let outcome = block_on(engine.run(&policy, execution));
        let problem = match (&example.expected, &outcome) {
            (Expected::Result(expected), Ok(out)) if out.result == *expected => None,
            (Expected::Result(expected), Ok(out)) => {
                Some(format!("returned {} (the book says {expected})", out.result))
            }
            (Expected::Result(_), Err(e)) => Some(format!("failed: {e}")),
            (Expected::Error { kind, says }, Err(e)) if e.kind() == kind && e.to_string().contains(says.as_str()) => {
                None
            }
            (Expected::Error { kind, says }, Err(e)) => {
                Some(format!("failed with [{}] {e} (the book says [{kind}] …{says}…)", e.kind()))
            }
            (Expected::Error { kind, .. }, Ok(out)) => {
                Some(format!("returned {} (the book says it fails: {kind})", out.result))
            }
        };
        let lines: Vec<String> = logs.lines().into_iter().map(|(_, line)| line).collect();
        let problem = problem.or_else(|| match &example.logs {
            Some(expected) if *expected != lines => Some(format!("logged {lines:?} (the book says {expected:?})")),
            _ => None,
        });
        if let Some(problem) = problem {
            failures.push(format!("{}: {problem}", example.place));
        }
    }
    assert!(failures.is_empty(), "examples of the book do not run as stated:\n{}", failures.join("\n"));
}

/// mdBook's anchor for a heading: lowercase, spaces to `-`, other
/// punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The lines of a page outside fenced code (fence lines included in neither).
fn prose_lines(page: &str) -> impl Iterator<Item = &str> {
    let mut fenced = false;
    page.lines().filter(move |line| {
        let fence = line.trim_start().starts_with("```");
        fenced ^= fence;
        !fence && !fenced
    })
}

fn anchors(page: &str) -> BTreeSet<String> {
    prose_lines(page)
        .filter(|line| line.starts_with('#'))
        .map(|line| slug(line.trim_start_matches('#').replace('`', "").as_str()))
        .collect()
}

/// The target of every inline link outside fenced code.
fn links(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose_lines(page) {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    out
}

/// Checks `target` (relative to `from`, a path under `base`) names a file
/// that exists and, with `#anchor`, a heading of it.
fn check_link(base: &Path, from: &str, target: &str, problems: &mut Vec<String>) {
    if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:") {
        return;
    }
    let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
    let from_dir = Path::new(from).parent().unwrap_or(Path::new(""));
    let path = if file.is_empty() { base.join(from) } else { base.join(from_dir).join(file) };
    let Ok(path) = path.canonicalize() else {
        problems.push(format!("{from}: a link to {target}, which does not exist"));
        return;
    };
    if !anchor.is_empty() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if !anchors(&text).contains(anchor) {
            problems.push(format!("{from}: a link to {target}, whose page has no such heading"));
        }
    }
}

#[test]
fn every_link_of_the_book_and_the_readme_resolves_and_every_page_is_in_the_summary() {
    let base = root().join("docs/src").canonicalize().unwrap();
    let pages = pages();
    let mut problems = Vec::new();
    for (file, page) in &pages {
        for target in links(page) {
            check_link(&base, file, &target, &mut problems);
            let inside = target.starts_with("http")
                || base
                    .join(Path::new(file).parent().unwrap())
                    .join(target.split('#').next().unwrap())
                    .canonicalize()
                    .is_ok_and(|p| p.starts_with(&base));
            if !inside {
                problems
                    .push(format!("{file}: a link to {target}, outside the book (name repository files in `code`)"));
            }
        }
    }
    let summary = &pages["SUMMARY.md"];
    let listed: BTreeSet<String> = links(summary).into_iter().collect();
    for file in pages.keys().filter(|f| *f != "SUMMARY.md") {
        if !listed.contains(file) {
            problems.push(format!("{file} is not in SUMMARY.md"));
        }
    }
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let repo = root().canonicalize().unwrap();
    for target in links(&readme) {
        check_link(&repo, "README.md", &target, &mut problems);
    }
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
}

#[test]
fn every_page_with_rust_snippets_is_compiled_as_doctests() {
    let lib = std::fs::read_to_string(root().join("host/src/lib.rs")).unwrap();
    for (file, page) in pages() {
        if page.lines().any(|line| line.trim_start().starts_with("```rust")) {
            let include = format!("include_str!(\"../../docs/src/{file}\")");
            assert!(
                lib.contains(&include),
                "docs/src/{file} has Rust snippets: add it to the book module of host/src/lib.rs"
            );
        }
    }
}

#[test]
fn the_readme_is_a_front_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 200, "the README has {lines} lines; the details belong in the book");
    let first_screen: String = readme.lines().take(30).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("make run") && first_screen.contains("make test"), "the two commands come first");
}

#[test]
fn the_example_reader_sees_what_a_page_states() {
    let page =
        "```json,args\n{\"n\": 2}\n```\n```js\nfunction execute(a) { return a.n }\n```\n```json,result\n2\n```\n";
    let blocks = blocks(page);
    assert_eq!(blocks.iter().map(|b| b.info.as_str()).collect::<Vec<_>>(), ["json,args", "js", "json,result"]);
    assert_eq!(
        slug("Helpers: your own functions in the `script`".replace('`', "").as_str()),
        "helpers-your-own-functions-in-the-script"
    );
    assert_eq!(links("see [a](b.md#c) and `[x](y)`"), ["b.md#c", "y"]);
    let fenced = "# Title\n```text\n# not a heading [a](x.md)\n```\n## After `code`\n";
    assert_eq!(anchors(fenced), BTreeSet::from(["title".to_string(), "after-code".to_string()]));
    assert!(links(fenced).is_empty());
}
