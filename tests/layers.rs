//! The library's shape, as `ARCHITECTURE.md` draws it: every file of
//! `host/src` sits in one layer of the table there, imports only from its
//! own layer or below, and no files import each other in a circle.
//!
//! What counts as an import: every `crate::…` path in code (comments aside,
//! tests included), a file-level `use super::…`, and a `use` of a child
//! module a file declares. A path is followed through re-exports (`pub use`
//! in `lib.rs` or a folder's `mod.rs`) to the file that defines the item.
//! Run it alone with `cargo test -p jsbox-tests --test layers`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One file of the library: its module path and what its code names.
struct File {
    module: Vec<String>,
    /// `(re-exported?, path)` for every path of another module it names.
    paths: Vec<(bool, Vec<String>)>,
    /// Child modules it declares (`mod x;`).
    children: BTreeSet<String>,
    /// Items it re-exports: name → full path.
    reexports: BTreeMap<String, Vec<String>>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `host/src`'s files, by path relative to it (`network/mod.rs`).
fn sources() -> BTreeMap<String, String> {
    jsbox_tests::files_under(&root().join("host/src"), "rs")
}

fn module_of(rel: &str) -> Vec<String> {
    let trimmed = rel.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// Code without comments (line comments, doc comments) and string literals.
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut kept = String::new();
        let mut chars = line.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            if in_string {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' {
                in_string = true;
                kept.push_str("\"\"");
                continue;
            }
            kept.push(c);
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The paths of a `use` tree (`a::{b, c::{d, e}}` → `a::b`, `a::c::d`, …).
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let tree = ["::", "{", "}", ","]
        .iter()
        .fold(tree, |t, sep| t.replace(&format!(" {sep}"), sep).replace(&format!("{sep} "), sep));
    fn go(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        if let Some(open) = tree.find('{') {
            let head: Vec<String> =
                tree[..open].trim_end_matches("::").split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
            let inner = &tree[open + 1..tree.rfind('}').unwrap()];
            let mut base = prefix.to_vec();
            base.extend(head);
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        go(&base, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            go(&base, &inner[start..], out);
        } else if !tree.is_empty() {
            let mut path = prefix.to_vec();
            let item = tree.split(" as ").next().unwrap_or(tree);
            path.extend(item.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
            out.push(path);
        }
    }
    let mut out = Vec::new();
    go(&[], &tree, &mut out);
    out
}

fn parse(rel: &str, text: &str) -> File {
    let module = module_of(rel);
    let code = code(text);
    let mut file =
        File { module: module.clone(), paths: Vec::new(), children: BTreeSet::new(), reexports: BTreeMap::new() };
    // `use` statements at file level (no indentation), whole (they may span lines).
    let mut statements = Vec::new();
    let mut current: Option<String> = None;
    for line in code.lines() {
        if let Some(statement) = &mut current {
            statement.push_str(line);
        } else {
            let trimmed = line.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            let declared = trimmed.strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';'));
            if let (false, Some(name)) = (line.starts_with(' '), declared) {
                file.children.insert(name.trim().to_owned());
            }
            if !line.starts_with(' ') && trimmed.starts_with("use ") {
                let public = line.starts_with("pub");
                current = Some(format!("{}{}", if public { "pub " } else { "" }, trimmed));
            }
        }
        if current.as_ref().is_some_and(|s| s.trim_end().ends_with(';')) {
            statements.push(current.take().unwrap());
        }
    }
    let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    for statement in &statements {
        let public = statement.starts_with("pub ");
        let tree = statement.trim_start_matches("pub ").trim_start_matches("use ").trim_end().trim_end_matches(';');
        for path in expand(tree) {
            let Some(first) = path.first() else { continue };
            let full: Vec<String> = match first.as_str() {
                "crate" => path[1..].to_vec(),
                "super" => parent.iter().cloned().chain(path[1..].iter().cloned()).collect(),
                "self" => module.iter().cloned().chain(path[1..].iter().cloned()).collect(),
                name if file.children.contains(name) => module.iter().cloned().chain(path.iter().cloned()).collect(),
                _ => continue,
            };
            if public && let Some(last) = full.last() {
                file.reexports.insert(last.clone(), full.clone());
            }
            file.paths.push((public, full));
        }
    }
    // Every other `crate::a::b` in code.
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        let path: Vec<String> = rest[..end].split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
        if !path.is_empty() && !path[0].starts_with('{') {
            file.paths.push((false, path));
        }
    }
    file
}

/// The file a path names: the deepest module file on it, followed through
/// re-exports to where the item is defined.
fn resolve(
    files: &BTreeMap<String, File>,
    by_module: &BTreeMap<Vec<String>, String>,
    path: &[String],
) -> Option<String> {
    let mut path = path.to_vec();
    for _ in 0..16 {
        let mut depth = path.len();
        let rel = loop {
            if let Some(rel) = by_module.get(&path[..depth]) {
                break rel.clone();
            }
            if depth == 0 {
                return None;
            }
            depth -= 1;
        };
        let next = path.get(depth).cloned();
        match next.and_then(|item| files[&rel].reexports.get(&item).cloned()) {
            Some(target) if target != path[..=depth] => {
                path = target.into_iter().chain(path[depth + 1..].iter().cloned()).collect();
            }
            _ => return Some(rel),
        }
    }
    panic!("re-exports of {path:?} go round in a circle");
}

/// The layers table of ARCHITECTURE.md: (rank, entry) with entries like
/// `sandbox/` or `error.rs`, the lowest layer first.
fn layers() -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md at the repo root");
    let block = text.split("```layers").nth(1).expect("a ```layers block in ARCHITECTURE.md");
    let block = block.split("```").next().unwrap();
    let rows: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = Vec::new();
    // Rows are written top layer first.
    for (rank, row) in rows.iter().rev().enumerate() {
        let files = row.split('—').next().unwrap();
        for entry in files.split_whitespace().skip(1) {
            out.push((rank, entry.to_owned()));
        }
    }
    out
}

fn layer_of(layers: &[(usize, String)], rel: &str) -> Option<(usize, String)> {
    layers
        .iter()
        .filter(|(_, entry)| if entry.ends_with('/') { rel.starts_with(entry.as_str()) } else { rel == entry })
        .max_by_key(|(_, entry)| entry.len())
        .cloned()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files: BTreeMap<String, File> = sources().iter().map(|(rel, text)| (rel.clone(), parse(rel, text))).collect();
    let by_module: BTreeMap<Vec<String>, String> =
        files.iter().map(|(rel, f)| (f.module.clone(), rel.clone())).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, file) in &files {
        let out = edges.entry(rel.clone()).or_default();
        for (_, path) in &file.paths {
            if let Some(target) = resolve(&files, &by_module, path)
                && target != *rel
            {
                out.insert(target);
            }
        }
    }
    edges
}

#[test]
fn every_file_is_in_a_layer_and_imports_only_from_its_own_layer_or_below() {
    let layers = layers();
    let edges = graph();
    let mut problems = Vec::new();
    for (from, targets) in &edges {
        let Some((rank, entry)) = layer_of(&layers, from) else {
            problems.push(format!("{from} is in no layer of ARCHITECTURE.md"));
            continue;
        };
        for to in targets {
            if let Some((to_rank, to_entry)) = layer_of(&layers, to)
                && to_rank > rank
            {
                problems.push(format!("{from} ({entry}) imports {to} from a higher layer ({to_entry})"));
            }
        }
    }
    assert!(problems.is_empty(), "host/src does not keep to its layers:\n{}", problems.join("\n"));
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let edges = graph();
    // Depth-first search; a back edge closes a circle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        circles: &mut Vec<String>,
    ) {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    circles.push(format!("{} → {next}", stack[from..].join(" → ")));
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, circles),
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
    }
    let (mut state, mut circles) = (BTreeMap::new(), Vec::new());
    for node in edges.keys() {
        if !state.contains_key(node) {
            visit(node, &edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(circles.is_empty(), "files of host/src import each other in a circle:\n{}", circles.join("\n"));
}

#[test]
fn the_checker_sees_imports_in_every_form_it_claims_to() {
    let file = parse(
        "net/mod.rs",
        "mod guard;\nuse crate::{a::B, c::{D, E as F}};\nuse super::x::Y;\npub use guard::Z;\n// crate::comment::Ignored\nfn f() { crate::g::h(); let s = \"crate::in_string\"; }\n",
    );
    let paths: Vec<String> = file.paths.iter().map(|(_, p)| p.join("::")).collect();
    for expected in ["a::B", "c::D", "c::E", "x::Y", "net::guard::Z", "g::h"] {
        assert!(paths.iter().any(|p| p == expected), "{expected} not seen in {paths:?}");
    }
    assert!(!paths.iter().any(|p| p.contains("comment") || p.contains("in_string")), "{paths:?}");
    assert_eq!(file.reexports["Z"], ["net", "guard", "Z"]);
}
