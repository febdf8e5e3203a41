//! ES modules: the platform's modules, and nothing else, for `import` and
//! `import()`.
//!
//! QuickJS asks two callbacks for every specifier: the normalizer, which
//! here accepts exactly the names the run context lists (no relative paths,
//! URLs or `node:` schemes: there is no filesystem or network behind them)
//! and refuses the rest with a `TypeError` naming the specifier; and the
//! loader, which asks the host for that module's code (`load-module`) and
//! compiles it, or reads the bytecode the host kept from an earlier
//! execution. `import.meta` stays an empty object: the host puts nothing in
//! it.

use std::cell::{Cell, RefCell};
use std::ffi::{CStr, CString, c_char, c_void};

use javy::quickjs::qjs;

use crate::host;
use crate::jsbox::sandbox::host::ModuleCode;

thread_local! {
    /// The module names this execution may import (the run context's).
    static VISIBLE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Set when a specifier was refused or a module failed to load: the
    /// script parsed as a module and failed in its imports, not its syntax.
    static LOAD_FAILED: Cell<bool> = const { Cell::new(false) };
    /// Whether the script has started to run: from then on, no module's
    /// bytecode is offered to the host (it must depend on source text alone).
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Installs the callbacks (once, at init: they are part of the snapshot).
pub fn install(rt: *mut qjs::JSRuntime) {
    // SAFETY: plain function pointers, valid for the runtime's life.
    unsafe { qjs::JS_SetModuleLoaderFunc(rt, Some(normalize), Some(load), std::ptr::null_mut()) };
}

/// The names this execution may import.
pub fn start_execution(visible: &[String]) {
    VISIBLE.with(|v| *v.borrow_mut() = visible.to_vec());
    LOAD_FAILED.set(false);
    RUNNING.set(false);
}

/// The script is about to run: no more offers (see `RUNNING`).
pub fn script_running() {
    RUNNING.set(true);
    host::running();
}

/// Whether loading a module failed since the last `take_load_failed`.
pub fn load_failed() -> bool {
    LOAD_FAILED.get()
}

/// Clears and returns whether loading a module failed since the last call.
pub fn take_load_failed() -> bool {
    LOAD_FAILED.replace(false)
}

/// The longest specifier quoted back in an error message.
const MAX_QUOTED: usize = 200;

unsafe extern "C" fn normalize(
    ctx: *mut qjs::JSContext,
    _base: *const c_char,
    name: *const c_char,
    _opaque: *mut c_void,
) -> *mut c_char {
    // SAFETY: QuickJS passes a NUL-terminated string.
    let specifier = unsafe { CStr::from_ptr(name) }.to_bytes();
    let visible = VISIBLE.with(|v| v.borrow().iter().any(|m| m.as_bytes() == specifier));
    if visible {
        // SAFETY: copies the string into the runtime's allocator, as QuickJS expects.
        return unsafe { qjs::js_strdup(ctx, name) };
    }
    LOAD_FAILED.set(true);
    let quoted = quote(specifier);
    let provided = VISIBLE.with(|v| {
        let names = v.borrow();
        if names.is_empty() {
            "none are provided to this script".to_string()
        } else {
            format!("provided: {}", names.join(", "))
        }
    });
    throw(
        ctx,
        Thrown::Type,
        &format!(
            "Cannot find module '{quoted}': a script can import only the modules the platform provides by \
             name ({provided}); files, URLs and node: modules are not available"
        ),
    );
    std::ptr::null_mut()
}

unsafe extern "C" fn load(ctx: *mut qjs::JSContext, name: *const c_char, _opaque: *mut c_void) -> *mut qjs::JSModuleDef {
    // SAFETY: the normalizer's copy of a visible name: valid UTF-8.
    let name_c = unsafe { CStr::from_ptr(name) };
    let name = name_c.to_string_lossy().into_owned();
    let module = match host::load_module(&name) {
        Err(message) => {
            throw(ctx, Thrown::Syntax, &message);
            None
        }
        Ok(ModuleCode::Source(source)) => compile(ctx, &name, name_c, &source.text, source.offer_bytecode),
        Ok(ModuleCode::Bytecode(bytecode)) => read(ctx, &bytecode),
    };
    match module {
        Some(module) => module,
        None => {
            LOAD_FAILED.set(true);
            std::ptr::null_mut()
        }
    }
}

/// Parses a module (and, through QuickJS, resolves its own imports).
fn compile(ctx: *mut qjs::JSContext, name: &str, name_c: &CStr, text: &str, offer: bool) -> Option<*mut qjs::JSModuleDef> {
    let Ok(source) = CString::new(text) else {
        throw(ctx, Thrown::Syntax, &format!("module '{}' contains a NUL byte", quote(name.as_bytes())));
        return None;
    };
    let flags = (qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
    // SAFETY: `source` is NUL-terminated; the result is owned here.
    let value = unsafe { qjs::JS_Eval(ctx, source.as_ptr(), text.len() as _, name_c.as_ptr(), flags) };
    if unsafe { qjs::JS_IsException(value) } {
        return None;
    }
    if offer && !RUNNING.get() {
        host::module_compiled(name, crate::serialize(ctx, value).as_deref());
    }
    Some(module_def(ctx, value))
}

/// Reads a module the host kept as bytecode, and resolves its imports.
fn read(ctx: *mut qjs::JSContext, bytecode: &[u8]) -> Option<*mut qjs::JSModuleDef> {
    let value = crate::deserialize(ctx, bytecode)?;
    // SAFETY: a live value; a module's imports resolve through the callbacks above.
    let resolved = unsafe { qjs::JS_VALUE_GET_TAG(value) == qjs::JS_TAG_MODULE && qjs::JS_ResolveModule(ctx, value) == 0 };
    if !resolved {
        unsafe { qjs::JS_FreeValue(ctx, value) };
        if !unsafe { qjs::JS_HasException(ctx) } {
            throw(ctx, Thrown::Syntax, "cached module bytecode is not a module");
        }
        return None;
    }
    Some(module_def(ctx, value))
}

/// The module a compiled value refers to. The context's list of loaded
/// modules keeps it alive; the value's reference is dropped.
fn module_def(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> *mut qjs::JSModuleDef {
    // SAFETY: `value` is a module value (JS_TAG_MODULE) owned here.
    unsafe {
        let module = qjs::JS_VALUE_GET_PTR(value).cast();
        qjs::JS_FreeValue(ctx, value);
        module
    }
}

/// A specifier as an error message quotes it: at most `MAX_QUOTED`
/// characters, control characters escaped.
fn quote(specifier: &[u8]) -> String {
    let text = String::from_utf8_lossy(specifier);
    let mut quoted: String = text.chars().take(MAX_QUOTED).flat_map(char::escape_debug).collect();
    let total = text.chars().count();
    if total > MAX_QUOTED {
        quoted.push_str(&format!("… ({total} characters)"));
    }
    quoted
}

enum Thrown {
    Type,
    Syntax,
}

fn throw(ctx: *mut qjs::JSContext, kind: Thrown, message: &str) {
    let message = CString::new(message.replace('\0', "\\0")).expect("NULs replaced");
    // SAFETY: printf-style with one `%s` argument, a NUL-terminated string.
    unsafe {
        match kind {
            Thrown::Type => qjs::JS_ThrowTypeError(ctx, c"%s".as_ptr(), message.as_ptr()),
            Thrown::Syntax => qjs::JS_ThrowSyntaxError(ctx, c"%s".as_ptr(), message.as_ptr()),
        };
    }
}
