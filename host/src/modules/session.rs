//! The modules capability's side of one execution: serving the guest's
//! `load-module` calls from the visible modules (stripping TypeScript,
//! within the execution's deadline) and keeping their bytecode in the
//! engine's cache when the guest offers it, before the script runs.

use std::sync::Arc;

use crate::bindings::jsbox::sandbox::host::{ModuleCode, ModuleSource};
use crate::bytecode::BytecodeCache;
use crate::modules::typescript::{self, Deadline};
use crate::modules::{Language, Visible, module_label};

/// The platform modules of one execution.
#[derive(Default)]
pub(crate) struct ModuleSession {
    visible: Visible,
    /// Where modules' bytecode is kept, and the scope (none: always from
    /// source).
    cache: Option<(Arc<BytecodeCache>, Arc<str>)>,
    /// Modules offered and not yet answered: name → (label, source).
    offers: std::collections::HashMap<String, (Arc<str>, Arc<str>)>,
    /// Whether the script has started to run (`host.running`).
    running: bool,
    /// Modules served from the cache.
    cached: u32,
    /// The execution's deadline: stripping a module's types counts toward it.
    deadline: Option<Deadline>,
}

impl ModuleSession {
    /// The modules `visible` to one execution; their bytecode is looked up
    /// in and offered to `cache` (with its scope) when there is one.
    pub(crate) fn new(
        visible: Visible,
        cache: Option<(Arc<BytecodeCache>, Arc<str>)>,
        deadline: Option<Deadline>,
    ) -> Self {
        ModuleSession { visible, cache, deadline, ..ModuleSession::default() }
    }

    /// The guest's `load-module`: the module's bytecode from the cache, or
    /// its JavaScript (offering its bytecode while the script has not run).
    pub(crate) fn load(&mut self, name: &str) -> Result<ModuleCode, String> {
        let Some(module) = self.visible.get(name) else {
            return Err(format!("module {name:?} is not visible to this execution"));
        };
        let label = module_label(name, module.language);
        if let Some((cache, scope)) = &self.cache
            && let Some(bytecode) = cache.get(scope, &label, &module.source)
        {
            self.cached += 1;
            return Ok(ModuleCode::Bytecode(bytecode.to_vec()));
        }
        let text = match module.language {
            Language::JavaScript => module.source.to_string(),
            Language::TypeScript => {
                typescript::strip(&module.source, name, self.deadline).map_err(|e| e.to_string())?
            }
        };
        let offer_bytecode = self.cache.is_some() && !self.running;
        if offer_bytecode {
            self.offers.insert(name.to_owned(), (label, module.source.clone()));
        }
        Ok(ModuleCode::Source(ModuleSource { text, offer_bytecode }))
    }

    /// The guest's answer to an offer: `bytecode` is kept only for a module
    /// offered, before the script runs, and when `keep` (the sandbox says
    /// no memory was refused on the way, i.e. while serializing).
    pub(crate) fn compiled(&mut self, name: &str, bytecode: Option<Vec<u8>>, keep: impl FnOnce() -> bool) {
        if self.running {
            return;
        }
        let Some((label, source)) = self.offers.remove(name) else { return };
        if let (Some(bytecode), true, Some((cache, scope))) = (bytecode, keep(), &self.cache) {
            cache.insert(scope.clone(), label, source, &bytecode);
        }
    }

    /// The script starts to run: nothing it could influence is kept from
    /// here on.
    pub(crate) fn start_running(&mut self) {
        self.running = true;
        self.offers.clear();
    }

    /// Modules served from the cache so far.
    pub(crate) fn cached(&self) -> u32 {
        self.cached
    }
}
