//! The bytecode cache: a script's compiled QuickJS bytecode kept by source
//! text, so repeated executions of one script (a service's common case) skip
//! parsing it.
//!
//! Only code is shared, never state: the bytecode is what the guest's parser
//! produced from the source, handed over (`host.compiled` in `wit/`) after
//! parsing and before any of the script ran, so it depends on the source
//! text alone. An execution from it still starts from the snapshot in a
//! fresh instance. Entries are found by hash and confirmed by comparing the
//! whole source, so two different scripts never share an entry, and they
//! belong to a scope (the embedder's: a service's tenant), so no tenant
//! learns whether another ran a script. The cache is bounded by bytes
//! (source plus bytecode) and evicts what was least used.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use quick_cache::{Equivalent, Weighter};

/// Compiled scripts by scope and source text, shared by all executions of an
/// engine.
pub(crate) struct BytecodeCache {
    entries: Option<quick_cache::sync::Cache<Key, Arc<[u8]>, EntryBytes, foldhash::quality::RandomState>>,
    /// The largest entry kept: one script cannot flush everything else.
    max_entry: u64,
}

/// An entry's scope, what it is (the script, by its file name, or a
/// module, by name and language: the same text compiles differently as
/// either) and its source.
#[derive(Clone, PartialEq, Eq)]
struct Key {
    scope: Arc<str>,
    label: Arc<str>,
    source: Arc<str>,
}

/// A key to look up without copying the source.
struct Lookup<'a> {
    scope: &'a str,
    label: &'a str,
    source: &'a str,
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Lookup { scope: &self.scope, label: &self.label, source: &self.source }.hash(state)
    }
}

impl Hash for Lookup<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.scope.hash(state);
        self.label.hash(state);
        self.source.hash(state);
    }
}

impl Equivalent<Key> for Lookup<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        *key.scope == *self.scope && *key.label == *self.label && *key.source == *self.source
    }
}

/// An entry's weight: its source and bytecode bytes, plus the bookkeeping.
#[derive(Clone)]
struct EntryBytes;

impl Weighter<Key, Arc<[u8]>> for EntryBytes {
    fn weight(&self, key: &Key, bytecode: &Arc<[u8]>) -> u64 {
        (key.scope.len() + key.label.len() + key.source.len() + bytecode.len() + 64) as u64
    }
}

impl BytecodeCache {
    /// A cache holding at most `capacity` bytes; 0 disables it.
    pub(crate) fn new(capacity: u64) -> Self {
        let entries = (capacity > 0).then(|| {
            let options = quick_cache::OptionsBuilder::new()
                // Sized for scripts of a few KiB; it grows past this if need be.
                .estimated_items_capacity((capacity / 4096).clamp(16, 1 << 20) as usize)
                .weight_capacity(capacity)
                // Each shard holds half the capacity, so an entry up to
                // `max_entry` fits whatever the number of cores (by default
                // there are 4 per core, and a shard refuses what exceeds its
                // share).
                .shards(2)
                .build()
                .expect("estimated items and weight capacity are set");
            quick_cache::sync::Cache::with_options(
                options,
                EntryBytes,
                foldhash::quality::RandomState::default(),
                Default::default(),
            )
        });
        BytecodeCache { entries, max_entry: capacity / 4 }
    }

    /// Whether executions should offer their bytecode.
    pub(crate) fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// The bytecode compiled from exactly `source` as `label` in `scope`, if kept.
    pub(crate) fn get(&self, scope: &str, label: &str, source: &str) -> Option<Arc<[u8]>> {
        self.entries.as_ref()?.get(&Lookup { scope, label, source })
    }

    /// Keeps `bytecode` as the compiled form of `source` in `scope` (unless
    /// it is larger than a quarter of the cache).
    pub(crate) fn insert(&self, scope: Arc<str>, label: Arc<str>, source: Arc<str>, bytecode: &[u8]) {
        let Some(entries) = &self.entries else { return };
        if (scope.len() + label.len() + source.len() + bytecode.len() + 64) as u64 > self.max_entry {
            return;
        }
        entries.insert(Key { scope, label, source }, bytecode.into());
    }

    /// Bytes held now.
    #[cfg(test)]
    fn weight(&self) -> u64 {
        self.entries.as_ref().map_or(0, |entries| entries.weight())
    }
}

/// What one execution offers the cache: the source it was given, to be
/// paired with the bytecode the guest hands over (at most once).
pub(crate) struct Offer {
    cache: Arc<BytecodeCache>,
    scope: Arc<str>,
    label: Arc<str>,
    source: Arc<str>,
}

impl Offer {
    /// An offer of `source`'s bytecode (as `label`) to `cache`, in `scope`.
    pub(crate) fn new(cache: Arc<BytecodeCache>, scope: Arc<str>, label: Arc<str>, source: Arc<str>) -> Self {
        Offer { cache, scope, label, source }
    }

    /// Stores `bytecode` for the offered source.
    pub(crate) fn fulfil(self, bytecode: &[u8]) {
        self.cache.insert(self.scope, self.label, self.source, bytecode);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_by_the_whole_source_text() {
        let cache = BytecodeCache::new(1 << 20);
        cache.insert("".into(), "".into(), "function execute() { return 1 }".into(), b"one");
        assert_eq!(cache.get("", "", "function execute() { return 1 }").as_deref(), Some(&b"one"[..]));
        assert_eq!(cache.get("", "", "function execute() { return 1 } "), None);
        assert_eq!(cache.get("", "", ""), None);
    }

    #[test]
    fn scopes_do_not_share_entries() {
        let cache = BytecodeCache::new(1 << 20);
        cache.insert("acme".into(), "".into(), "function execute() {}".into(), b"acme's");
        assert!(cache.get("acme", "", "function execute() {}").is_some());
        assert_eq!(cache.get("other", "", "function execute() {}"), None);
        assert_eq!(cache.get("", "", "function execute() {}"), None);
        // The boundary between scope and source is not ambiguous.
        cache.insert("a".into(), "".into(), "bc".into(), b"x");
        assert_eq!(cache.get("ab", "", "c"), None);
    }

    #[test]
    fn the_cache_stays_within_its_capacity() {
        let cache = BytecodeCache::new(64 << 10);
        for i in 0..1000 {
            cache.insert("".into(), "".into(), format!("function execute() {{ return {i} }}").into(), &[0; 1000]);
        }
        assert!(cache.weight() <= 64 << 10, "{} bytes held", cache.weight());
        assert!(cache.get("", "", "function execute() { return 999 }").is_some(), "the newest entry is kept");
    }

    #[test]
    fn an_entry_larger_than_a_quarter_of_the_cache_is_not_kept() {
        let cache = BytecodeCache::new(4096);
        cache.insert("".into(), "".into(), "big".into(), &[0; 1100]);
        assert_eq!(cache.get("", "", "big"), None);
        cache.insert("".into(), "".into(), "small".into(), &[0; 900]);
        assert!(cache.get("", "", "small").is_some());
    }

    #[test]
    fn an_entry_of_a_quarter_of_the_cache_is_kept() {
        // Whatever the number of cores (shards).
        let cache = BytecodeCache::new(64 << 20);
        let source: Arc<str> = "s".repeat(8 << 20).into();
        cache.insert("".into(), "".into(), source.clone(), &vec![0; (8 << 20) - 200]);
        assert!(cache.get("", "", &source).is_some());
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let cache = BytecodeCache::new(0);
        assert!(!cache.enabled());
        cache.insert("".into(), "".into(), "s".into(), b"b");
        assert_eq!(cache.get("", "", "s"), None);
    }
}
