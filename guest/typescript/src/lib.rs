//! TypeScript stripping for jsbox, as a Wasm component (`wit/typescript.wit`):
//! the host runs it in a sandbox of its own, so that a hostile script's
//! nesting, or any failure of the parser, ends as a trap there.
//!
//! SWC's strip-only mode (the stripper Node.js uses) replaces each type with
//! whitespace of the same width; syntax that needs code generated is an error
//! naming the construct, as in Node's `--experimental-strip-types`.

use std::sync::{Arc, Mutex};

use swc_common::errors::{DiagnosticBuilder, Emitter, HANDLER, Handler};
use swc_common::sync::Lrc;
use swc_common::{GLOBALS, Globals, SourceMap, Span};

wit_bindgen::generate!({ path: "../../wit", world: "typescript" });

struct Stripper;

export!(Stripper);

impl Guest for Stripper {
    fn strip(source: String, file: String) -> Result<String, String> {
        strip(source, &file)
    }
}

/// Collects the stripper's errors: message and where.
struct Collect(Arc<Mutex<Vec<(String, Option<Span>)>>>);

impl Emitter for Collect {
    fn emit(&mut self, diagnostic: &mut DiagnosticBuilder<'_>) {
        let span = diagnostic.span.primary_span();
        self.0.lock().expect("not poisoned").push((diagnostic.message(), span));
    }
}

/// `source` with its types erased, or why not (`message at file:line:column`).
pub fn strip(source: String, file: &str) -> Result<String, String> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let cm: Lrc<SourceMap> = Default::default();
    let handler = Handler::with_emitter(false, false, Box::new(Collect(errors.clone())));
    // Decorators are not erasable (and QuickJS does not run them either).
    let options: swc_ts_fast_strip::Options = serde_json::from_value(serde_json::json!({
        "filename": file,
        "mode": "strip-only",
        "parser": { "decorators": false },
    }))
    .expect("the options are well-formed");
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
            Err(described.unwrap_or_else(|| failure.message.clone()))
        }
    }
}
