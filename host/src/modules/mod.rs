//! Platform modules: the libraries an embedder provides to scripts by name
//! (`import { chunk } from "lodash"`), and the script's language.
//!
//! The embedder registers modules (name → JavaScript or TypeScript source)
//! in [`EngineConfig::modules`](crate::EngineConfig::modules), or per
//! execution with [`Execution::modules`](crate::Execution::modules); a
//! policy makes them visible (`modules.allow`), like helpers. A script
//! imports a visible module by its exact name and nothing else: no relative
//! paths, files, URLs or `node:` modules exist for it. Each module is
//! compiled once per engine and scope: its bytecode goes into the engine's
//! bytecode cache, keyed by name and source, so a library every execution
//! imports costs no parse per run.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub(crate) mod session;
pub(crate) mod typescript;

use crate::error::Error;
use crate::policy::modules::ModulePolicy;

/// The language of a script or module.
///
/// ```
/// assert_eq!(jsbox::Language::from_path("plugin.ts"), jsbox::Language::TypeScript);
/// assert_eq!(jsbox::Language::from_path("plugin.mjs"), jsbox::Language::JavaScript);
/// let parsed: jsbox::Language = serde_json::from_str(r#""typescript""#).unwrap();
/// assert_eq!(parsed, jsbox::Language::TypeScript);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// JavaScript: a classic script, or an ES module when it uses
    /// `import`/`export` or top-level `await`.
    #[default]
    JavaScript,
    /// TypeScript: its types are stripped before evaluation, keeping every
    /// line and column (see the book's "Modules and TypeScript" page).
    TypeScript,
}

impl Language {
    /// TypeScript for `.ts`, `.mts` and `.cts` files, JavaScript otherwise.
    ///
    /// ```
    /// assert_eq!(jsbox::Language::from_path("a/b.mts"), jsbox::Language::TypeScript);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Language {
        match path.as_ref().extension().and_then(|e| e.to_str()) {
            Some("ts" | "mts" | "cts") => Language::TypeScript,
            _ => Language::JavaScript,
        }
    }

    /// The script's file name in stack traces and syntax errors.
    ///
    /// ```
    /// assert_eq!(jsbox::Language::TypeScript.script_name(), "script.ts");
    /// ```
    pub fn script_name(self) -> &'static str {
        match self {
            Language::JavaScript => "script.js",
            Language::TypeScript => "script.ts",
        }
    }

    /// `source` as the JavaScript the sandbox evaluates: TypeScript with its
    /// types stripped (every line and column kept), JavaScript as it is.
    /// `file` names the source in a syntax error (`syntax` kind): a type
    /// that cannot be erased, such as an `enum`.
    ///
    /// ```
    /// let js = jsbox::Language::TypeScript.to_javascript("let n: number = 1;", "script.ts").unwrap();
    /// assert_eq!(js.trim_end(), "let n         = 1;");
    /// let enums = jsbox::Language::TypeScript.to_javascript("enum E { A }", "script.ts");
    /// assert_eq!(enums.unwrap_err().kind(), "syntax");
    /// ```
    pub fn to_javascript(self, source: &str, file: &str) -> Result<String, Error> {
        match self {
            Language::JavaScript => Ok(source.to_string()),
            Language::TypeScript => typescript::strip(source, file, None),
        }
    }
}

/// One platform module: its source and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Module {
    pub(crate) source: Arc<str>,
    pub(crate) language: Language,
}

/// A map of platform modules, name → source. Cheap to clone (shared).
///
/// ```
/// let mut modules = jsbox::Modules::default();
/// modules.add("lodash", "export function chunk(a, n) { return [a.slice(0, n), a.slice(n)] }")?;
/// modules.add_typescript("@acme/sdk", "export const version: string = '1.0'")?;
/// assert_eq!(modules.names().collect::<Vec<_>>(), ["@acme/sdk", "lodash"]);
/// assert_eq!(modules.add("./local", "").unwrap_err().kind(), "invalid-policy");
/// # Ok::<(), jsbox::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Modules {
    map: Arc<BTreeMap<String, Module>>,
}

/// The longest module name.
const MAX_NAME_BYTES: usize = 256;

impl Modules {
    /// Adds (or replaces) the JavaScript module `name`.
    pub fn add(&mut self, name: impl Into<String>, source: impl Into<Arc<str>>) -> Result<&mut Self, Error> {
        self.insert(name.into(), source.into(), Language::JavaScript)
    }

    /// Adds (or replaces) the TypeScript module `name`: its types are
    /// stripped when a script first imports it.
    pub fn add_typescript(&mut self, name: impl Into<String>, source: impl Into<Arc<str>>) -> Result<&mut Self, Error> {
        self.insert(name.into(), source.into(), Language::TypeScript)
    }

    /// Adds the module `name` from a file (TypeScript for `.ts`, `.mts`,
    /// `.cts`).
    ///
    /// ```no_run
    /// let mut modules = jsbox::Modules::default();
    /// modules.add_file("lodash", "vendor/lodash.mjs")?;
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn add_file(&mut self, name: impl Into<String>, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        let name = name.into();
        let source = std::fs::read_to_string(path).map_err(|e| Error::InvalidPolicy {
            message: format!("module {name:?}: cannot read {}: {e}", path.display()),
        })?;
        self.insert(name, source.into(), Language::from_path(path))
    }

    fn insert(&mut self, name: String, source: Arc<str>, language: Language) -> Result<&mut Self, Error> {
        check_name(&name).map_err(Error::clipped)?;
        Arc::make_mut(&mut self.map).insert(name, Module { source, language });
        Ok(self)
    }

    /// The names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A name a script can import: not empty, at most 256 bytes, no control
/// characters, not the script's own file name, and not something that
/// reads as a path or URL (which scripts cannot import by design).
fn check_name(name: &str) -> Result<(), Error> {
    let why = if name.is_empty() {
        Some("a module name cannot be empty")
    } else if name.len() > MAX_NAME_BYTES {
        Some("a module name is at most 256 bytes")
    } else if name.chars().any(char::is_control) {
        Some("a module name cannot hold control characters")
    } else if name.starts_with('.') || name.starts_with('/') || name.contains('\\') || name.contains(':') {
        Some("a module name is a bare name like `lodash` or `@acme/sdk`, not a path or URL")
    } else if name == "script.js" || name == "script.ts" {
        Some("the script's own file name cannot be a module name")
    } else {
        None
    };
    match why {
        Some(why) => Err(Error::InvalidPolicy { message: format!("module name {name:?}: {why}") }),
        None => Ok(()),
    }
}

/// The modules one execution may import.
#[derive(Debug, Clone, Default)]
pub(crate) struct Visible(BTreeMap<String, Module>);

impl ModulePolicy {
    /// Checks that every `allow` entry matches a module of `engine` or
    /// `execution` (the same check an execution makes).
    ///
    /// ```
    /// let mut modules = jsbox::Modules::default();
    /// modules.add("lodash", "export {}")?;
    /// let policy = jsbox::Policy::default().allow_module("lodash");
    /// policy.modules.check(&jsbox::Modules::default(), &modules)?;
    /// let wrong = jsbox::Policy::default().allow_module("fs");
    /// assert_eq!(wrong.modules.check(&modules, &modules).unwrap_err().kind(), "invalid-policy");
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn check(&self, engine: &Modules, execution: &Modules) -> Result<(), Error> {
        self.resolve(engine, execution).map(|_| ())
    }

    /// The modules of `engine` and `execution` (which wins on a name) this
    /// policy makes visible.
    pub(crate) fn resolve(&self, engine: &Modules, execution: &Modules) -> Result<Visible, Error> {
        let mut visible = BTreeMap::new();
        if self.allow.is_empty() {
            return Ok(Visible(visible));
        }
        let registered =
            || engine.map.iter().filter(|(name, _)| !execution.map.contains_key(*name)).chain(execution.map.iter());
        for entry in &self.allow {
            let mut matched = false;
            for (name, module) in registered() {
                let hit = match entry.strip_suffix('*') {
                    Some("") => true,
                    Some(scope) if scope.ends_with('/') => name.starts_with(scope),
                    _ => name == entry,
                };
                if hit {
                    visible.insert(name.clone(), module.clone());
                    matched = true;
                }
            }
            if !matched {
                let known: Vec<&str> = registered().map(|(name, _)| name.as_str()).collect();
                return Err(Error::InvalidPolicy {
                    message: format!(
                        "modules.allow {entry:?} matches no registered module (registered: {})",
                        if known.is_empty() { "none".to_string() } else { known.join(", ") }
                    ),
                });
            }
        }
        Ok(Visible(visible))
    }
}

impl Visible {
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Module> {
        self.0.get(name)
    }
}

/// The cache label of platform module `name` in `language`.
pub(crate) fn module_label(name: &str, language: Language) -> Arc<str> {
    // Module names hold no control characters: the NULs cannot be ambiguous.
    format!("module\0{language:?}\0{name}").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_and_a_module_of_the_same_text_are_apart() {
        let cache = crate::bytecode::BytecodeCache::new(1 << 20);
        let ts = module_label("m", Language::TypeScript);
        cache.insert("".into(), ts.clone(), "export {}".into(), b"ts");
        assert_eq!(cache.get("", &ts, "export {}").as_deref(), Some(&b"ts"[..]));
        assert_eq!(cache.get("", &module_label("m", Language::JavaScript), "export {}"), None);
        assert_eq!(cache.get("", "script.js", "export {}"), None);
    }

    fn registry(names: &[&str]) -> Modules {
        let mut modules = Modules::default();
        for name in names {
            modules.add(*name, format!("export const name = {name:?}")).unwrap();
        }
        modules
    }

    #[test]
    fn allow_entries_match_names_scopes_or_everything() {
        let engine = registry(&["lodash", "@acme/sdk", "@acme/ui", "@other/x"]);
        let none = Modules::default();
        let visible = |allow: &[&str]| {
            let policy = ModulePolicy { allow: allow.iter().map(|s| s.to_string()).collect() };
            policy.resolve(&engine, &none).map(|v| v.names().map(str::to_owned).collect::<Vec<_>>())
        };
        assert_eq!(visible(&[]).unwrap(), Vec::<String>::new());
        assert_eq!(visible(&["lodash"]).unwrap(), ["lodash"]);
        assert_eq!(visible(&["@acme/*"]).unwrap(), ["@acme/sdk", "@acme/ui"]);
        assert_eq!(visible(&["*"]).unwrap().len(), 4);
        assert_eq!(visible(&["lod*"]).unwrap_err().kind(), "invalid-policy");
        assert_eq!(visible(&["fs"]).unwrap_err().kind(), "invalid-policy");
    }

    #[test]
    fn an_execution_module_takes_the_place_of_the_engine_one() {
        let engine = registry(&["lodash"]);
        let mut mine = Modules::default();
        mine.add("lodash", "export const mine = 1").unwrap();
        let policy = ModulePolicy { allow: vec!["lodash".into()] };
        let visible = policy.resolve(&engine, &mine).unwrap();
        assert_eq!(&*visible.get("lodash").unwrap().source, "export const mine = 1");
    }

    #[test]
    fn names_that_read_as_paths_or_urls_are_refused() {
        for bad in [
            "",
            "./x",
            "../x",
            "/abs",
            "file:x",
            "node:fs",
            "https://a/b",
            "a\\b",
            "a\nb",
            "script.js",
            &"x".repeat(300),
        ] {
            assert_eq!(Modules::default().add(bad, "").unwrap_err().kind(), "invalid-policy", "{bad:?}");
        }
        for good in ["lodash", "@acme/sdk", "date-fns/locale", "ü"] {
            Modules::default().add(good, "").unwrap();
        }
    }
}
