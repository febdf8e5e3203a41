//! Web-platform conformance: jsbox's own tests written from the
//! web-platform-tests (tests/conformance/*.js, on our harness.js), run in
//! jsbox and compared subtest by subtest with Node 20's results on the same
//! files (tests/conformance/node20.json, from scripts/conformance-node.sh).
//!
//! The goal, file by file: jsbox passes at least 95% of the subtests Node
//! passes, and no file fails as a whole. The per-area table is written to
//! target/conformance.md and printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jsbox_tests::*;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance")
}

/// Where the workplace keeps the WPT data (`shared/conformance`, beside the
/// repository; read in place, never copied): `$JSBOX_CONFORMANCE_DATA`, else
/// `shared/conformance` beside this checkout or one of its parent folders,
/// else beside the repository this one was cloned from (a clean clone in a
/// temporary folder). Missing data fails the test with this list.
fn shared_data() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut candidates: Vec<PathBuf> =
        std::env::var_os("JSBOX_CONFORMANCE_DATA").map(PathBuf::from).into_iter().collect();
    candidates.extend(repo.ancestors().skip(1).map(|dir| dir.join("shared/conformance")));
    let origin = std::process::Command::new("git")
        .args(["-C", &repo.to_string_lossy(), "remote", "get-url", "origin"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().trim_start_matches("file://").to_string());
    if let Some(origin) = origin.filter(|o| Path::new(o).is_dir()) {
        candidates.extend(Path::new(&origin).ancestors().skip(1).map(|dir| dir.join("shared/conformance")));
    }
    candidates.iter().find(|dir| dir.join("urltestdata.json").is_file()).cloned().unwrap_or_else(|| {
        panic!("the WPT data (urltestdata.json, ...) is in none of {candidates:?}; set JSBOX_CONFORMANCE_DATA to its folder")
    })
}

/// The WPT data the tests read as `DATA` (see [`shared_data`]), as a
/// JavaScript expression: the JSON texts themselves (they hold lone
/// surrogates, which JSON values in Rust cannot).
fn data() -> String {
    let shared = shared_data();
    let mut fields = Vec::new();
    for name in ["urltestdata", "urltestdata-javascript-only", "setters_tests", "base64"] {
        let text = std::fs::read_to_string(shared.join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("{}: {e}", shared.join(name).display()));
        fields.push(format!("{:?}: {text}", name.replace('-', "_")));
    }
    // The Encoding Standard's label table, shared by the encoding tests.
    let encodings = std::fs::read_to_string(dir().join("encodings.json")).unwrap();
    fields.push(format!("\"encodings\": {encodings}"));
    format!("{{{}}}", fields.join(",\n"))
}

/// Which WPT area a file belongs to, for the summary table.
fn area(file: &str) -> &'static str {
    let prefixes: &[(&str, &str)] = &[
        ("url", "url/"),
        ("encoding", "encoding/"),
        ("atob", "html/webappapis/atob/"),
        ("fetch-headers", "fetch/api/headers/"),
        ("fetch-request", "fetch/api/request/"),
        ("fetch-response", "fetch/api/response/"),
        ("blob", "FileAPI/blob/"),
        ("formdata", "xhr/formdata/"),
        ("abort", "dom/abort/"),
        ("domexception", "webidl (DOMException)"),
        ("crypto", "WebCryptoAPI/"),
        ("structured-clone", "html/webappapis/structured-clone/"),
        ("queue-microtask", "html/webappapis/microtask-queuing/"),
        ("hr-time", "hr-time/"),
    ];
    prefixes.iter().find(|(prefix, _)| file.starts_with(prefix)).map_or("other", |(_, area)| area)
}

#[derive(Default)]
struct Tally {
    subtests: usize,
    node: usize,
    jsbox: usize,
    both: usize,
}

#[test]
fn jsbox_passes_95_percent_of_what_node_20_passes_file_by_file() {
    let harness = std::fs::read_to_string(dir().join("harness.js")).unwrap();
    let baseline: Value = serde_json::from_str(&std::fs::read_to_string(dir().join("node20.json")).unwrap()).unwrap();
    let data = data();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "js"))
        .filter(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("harness.js" | "run-node.js")))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "tests/conformance has {} files", files.len());
    let mut failures = Vec::new();
    let mut areas: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut misses = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        let node = &baseline["files"][&name];
        let Some(node) = node.as_object() else {
            failures.push(format!("{name}: no Node baseline (run scripts/conformance-node.sh)"));
            continue;
        };
        let jsbox = match run_harness(&format!("{harness}\nglobalThis.DATA = {data};"), file) {
            Ok(results) => results,
            Err(e) => {
                failures.push(format!("{name}: the file failed as a whole in jsbox: {e:.300}"));
                continue;
            }
        };
        let mut tally = Tally { subtests: node.len(), ..Tally::default() };
        for (subtest, passed) in node {
            let node_passed = passed.as_bool() == Some(true);
            let (jsbox_passed, message) = jsbox.get(subtest).cloned().unwrap_or((false, "missing in jsbox".into()));
            tally.node += node_passed as usize;
            tally.jsbox += jsbox_passed as usize;
            tally.both += (node_passed && jsbox_passed) as usize;
            if node_passed && !jsbox_passed {
                misses.push(format!("{name}: {subtest}: {message}"));
            }
        }
        let ratio = if tally.node == 0 { 1.0 } else { tally.both as f64 / tally.node as f64 };
        rows.push(format!(
            "| {name} | {} | {} | {} | {:.1}% |",
            tally.subtests,
            tally.node,
            tally.jsbox,
            ratio * 100.0
        ));
        if ratio < 0.95 {
            failures.push(format!(
                "{name}: jsbox passes {} of the {} subtests Node passes ({:.1}%)",
                tally.both,
                tally.node,
                ratio * 100.0
            ));
        }
        let sum = areas.entry(area(&name)).or_default();
        sum.subtests += tally.subtests;
        sum.node += tally.node;
        sum.jsbox += tally.jsbox;
        sum.both += tally.both;
    }
    let mut report =
        String::from("| area | subtests | Node 20 passes | jsbox passes | jsbox of Node's |\n|---|---|---|---|---|\n");
    for (area, t) in &areas {
        let ratio = if t.node == 0 { 100.0 } else { t.both as f64 * 100.0 / t.node as f64 };
        report.push_str(&format!("| {area} | {} | {} | {} | {ratio:.1}% |\n", t.subtests, t.node, t.jsbox));
    }
    report.push_str("\n| file | subtests | Node 20 passes | jsbox passes | jsbox of Node's |\n|---|---|---|---|---|\n");
    report.push_str(&rows.join("\n"));
    report.push_str("\n\nSubtests Node passes and jsbox does not:\n\n");
    for miss in &misses {
        report.push_str(&format!("- {}\n", miss.replace('\n', " ")));
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/conformance.md");
    std::fs::write(&target, &report).unwrap();
    println!("{report}");
    assert!(failures.is_empty(), "\n{}\n(see {})", failures.join("\n"), target.display());
}
