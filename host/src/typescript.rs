//! TypeScript: types stripped before evaluation, every position kept.
//!
//! SWC's strip-only mode (the stripper Node.js uses) replaces each type
//! annotation, interface, `as`/`satisfies` clause, generic argument and
//! type-only import or export with whitespace of the same width, so QuickJS
//! parses the script at the TypeScript source's own line:column: syntax
//! errors and stack traces point into the file as written. Syntax that needs
//! code generated (`enum`, `namespace` with values, constructor parameter
//! properties, `import x = require()`, `export =`) is a `syntax` error
//! naming the construct, as in Node's `--experimental-strip-types`.

use crate::Error;

/// How deeply brackets may nest in TypeScript source: the stripper walks
/// the syntax tree recursively, and a hostile script nesting a million
/// parentheses must get an error, not overflow the host's stack.
#[cfg(feature = "typescript")]
const MAX_NESTING: usize = 1_000;

/// The stripper's own thread: its recursion never runs on an async
/// runtime's worker stack.
#[cfg(feature = "typescript")]
const STACK_BYTES: usize = 64 << 20;

/// `source`, with its TypeScript types replaced by whitespace.
///
/// `file` names the script in error messages (`script.ts`, or a module's
/// name).
#[cfg(feature = "typescript")]
pub(crate) fn strip(source: &str, file: &str) -> Result<String, Error> {
    if let Some((line, column)) = too_deep(source) {
        return Err(syntax(format!(
            "brackets nest more than {MAX_NESTING} levels deep, more than TypeScript stripping allows at {file}:{line}:{column}"
        )));
    }
    let (source, file) = (source.to_owned(), file.to_owned());
    std::thread::Builder::new()
        .name("jsbox-typescript".into())
        .stack_size(STACK_BYTES)
        .spawn(move || strip_here(source, &file))
        .map_err(Error::internal)?
        .join()
        .map_err(|_| Error::internal("the TypeScript stripper panicked"))?
}

#[cfg(not(feature = "typescript"))]
pub(crate) fn strip(_source: &str, _file: &str) -> Result<String, Error> {
    Err(Error::InvalidPolicy {
        message: "this build of jsbox has no TypeScript support (the `typescript` feature is off)".into(),
    })
}

#[cfg(feature = "typescript")]
fn strip_here(source: String, file: &str) -> Result<String, Error> {
    use std::sync::{Arc, Mutex};

    use swc_common::errors::{DiagnosticBuilder, Emitter, HANDLER, Handler};
    use swc_common::sync::Lrc;
    use swc_common::{GLOBALS, Globals, SourceMap};

    /// Collects the stripper's errors: message and where.
    struct Collect(Arc<Mutex<Vec<(String, Option<swc_common::Span>)>>>);
    impl Emitter for Collect {
        fn emit(&mut self, diagnostic: &mut DiagnosticBuilder<'_>) {
            let span = diagnostic.span.primary_span();
            self.0.lock().expect("not poisoned").push((diagnostic.message(), span));
        }
    }

    let errors = Arc::new(Mutex::new(Vec::new()));
    let cm: Lrc<SourceMap> = Default::default();
    let handler = Handler::with_emitter(false, false, Box::new(Collect(errors.clone())));
    // Decorators are not erasable (and QuickJS does not run them either).
    let options: swc_ts_fast_strip::Options = serde_json::from_value(serde_json::json!({
        "filename": file,
        "mode": "strip-only",
        "parser": { "decorators": false },
    }))
    .map_err(Error::internal)?;
    let result = GLOBALS
        .set(&Globals::new(), || HANDLER.set(&handler, || swc_ts_fast_strip::operate(&cm, &handler, source, options)));
    match result {
        Ok(output) => Ok(output.code),
        Err(failure) => {
            let errors = errors.lock().expect("not poisoned");
            let described = errors.first().map(|(message, span)| {
                let at = span.map(|span| {
                    let loc = cm.lookup_char_pos(span.lo);
                    format!(" at {file}:{}:{}", loc.line, loc.col.0 + 1)
                });
                // The parser reports a decorator as an unexpected token: name it.
                let decorator = span.is_some_and(|span| {
                    let start = cm.lookup_byte_offset(span.lo).pos.0 as usize;
                    cm.lookup_byte_offset(span.lo).sf.src.as_bytes().get(start) == Some(&b'@')
                });
                let message = if decorator {
                    "decorators are not supported (they need code generated)"
                } else {
                    message.as_str()
                };
                format!("{message}{}", at.unwrap_or_default())
            });
            Err(syntax(described.unwrap_or_else(|| failure.message.clone())))
        }
    }
}

#[cfg(feature = "typescript")]
fn syntax(message: String) -> Error {
    Error::Syntax { message: format!("SyntaxError: {message}") }
}

/// Where brackets first nest deeper than `MAX_NESTING` (line and column,
/// from 1), skipping comments, strings and template text.
#[cfg(feature = "typescript")]
fn too_deep(source: &str) -> Option<(usize, usize)> {
    let bytes = source.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    // Open template literals: the bracket depth at each `${`.
    let mut templates: Vec<usize> = Vec::new();
    let mut in_template = false;
    while i < bytes.len() {
        let c = bytes[i];
        if in_template {
            match c {
                b'\\' => i += 1,
                b'`' => in_template = false,
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    templates.push(depth);
                    in_template = false;
                    depth += 1;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != c && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => in_template = true,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let line = bytes[..i].iter().filter(|&&b| b == b'\n').count() + 1;
                    let line_start = bytes[..i].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                    return Some((line, source[line_start..i].chars().count() + 1));
                }
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if templates.last() == Some(&depth) {
                    templates.pop();
                    in_template = true;
                }
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "typescript")]
    fn nesting_is_counted_outside_strings_comments_and_template_text() {
        let deep = "(".repeat(MAX_NESTING + 1);
        assert_eq!(too_deep(&format!("let a = 1;\n  {deep}")), Some((2, MAX_NESTING + 3)));
        assert_eq!(too_deep(&format!("'{deep}'; \"{deep}\"; // {deep}\n/* {deep} */ `{deep}`")), None);
        let nested_template = format!("`${{{}}}`", "(".repeat(10) + &")".repeat(10));
        assert_eq!(too_deep(&nested_template), None);
        assert_eq!(too_deep(&"(".repeat(MAX_NESTING)), None);
    }

    #[cfg(feature = "typescript")]
    #[test]
    fn types_become_whitespace_in_place() {
        let source = "function f(a: number, b?: string): number { return a as number }\nlet x = f<string>(1)!;";
        let stripped = strip(source, "script.ts").unwrap();
        assert_eq!(stripped.len(), source.len());
        assert_eq!(stripped.lines().count(), 2);
        assert!(!stripped.contains("number") && !stripped.contains("string"), "{stripped}");
        assert_eq!(stripped.find("return"), source.find("return"));
    }

    #[cfg(feature = "typescript")]
    #[test]
    fn constructs_needing_code_are_syntax_errors_naming_them() {
        let error = strip("let a = 1;\nenum Color { Red }", "script.ts").unwrap_err();
        assert_eq!(error.kind(), "syntax");
        let message = error.to_string();
        assert!(message.contains("enum") && message.contains("script.ts:2:1"), "{message}");
    }
}
