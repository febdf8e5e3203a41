//! The service's configuration file (TOML): engine sizing, the request body
//! cap, and the tenants — each with its API keys (SHA-256 hashes), its
//! policy ceiling and its concurrency quota.
//!
//! ```toml
//! [service]
//! slots = 64              # executions running at once (the engine's pool)
//! queue = 256             # requests waiting for a slot; more get 503
//! max_body_bytes = "4MiB" # request bodies; larger get 413
//! bytecode_cache = "64MiB" # compiled scripts kept per process (each tenant's apart); 0: off
//! suspend_dir = "suspended" # durable executions: suspend here (relative to this file); replicas may share it
//! # suspend_redis = "redis://127.0.0.1:6379/" # or in Redis (key from $JSBOX_CONTINUATION_KEY)
//! wake_interval = "1s"     # how often suspended executions whose timer is due are resumed
//! keep_warm = "0s"         # keep workers polling this long after each request (lower latency; off by default)
//!
//! [[tenants]]
//! name = "acme"
//! api_keys = ["sha256:9f86d08…"]   # `jsbox serve hash-key` prints one
//! max_concurrency = 16             # queued + running; more get 429
//! [tenants.policy]                 # the ceiling: the library's Policy fields
//! memory = "64MiB"
//! timeout = "10s"
//! network = { allow_hosts = ["api.acme.com"], secrets = { ACME_TOKEN = { hosts = ["api.acme.com"], env = "ACME_TOKEN" } } }
//! helpers = { endpoints = { "crm.lookup" = "http://127.0.0.1:9000/helpers" } }
//! [tenants.modules]                # platform modules its scripts import by name
//! lodash = "modules/lodash.mjs"    # a path relative to this file; .ts is TypeScript
//! ```

use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Engine and admission settings.
    #[serde(default)]
    pub service: ServiceSettings,
    /// Who may call, and what each may do. None: one anonymous tenant with
    /// the default policy and no authentication (loopback only).
    #[serde(default)]
    pub tenants: Vec<Tenant>,
    /// The directory module paths are relative to (the file's).
    #[serde(skip)]
    pub base_dir: std::path::PathBuf,
}

/// `[service]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceSettings {
    /// Executions running at once (the engine's pool). Default: 8 per core.
    pub slots: u32,
    /// Requests admitted beyond `slots`, waiting for one; more get 503.
    /// Default 4 × `slots`.
    pub queue: u32,
    /// Largest request body; larger get 413. Default 4 MiB.
    #[serde(with = "jsbox::size")]
    pub max_body_bytes: u64,
    /// The largest memory limit a policy may set (the pool's slot size).
    /// Default 1 GiB.
    #[serde(with = "jsbox::size")]
    pub max_memory: u64,
    /// Compiled scripts kept in memory, so a tenant's repeated script skips
    /// parsing (each tenant's entries apart from the others'); 0 turns it
    /// off. Default 64 MiB.
    #[serde(with = "jsbox::size")]
    pub bytecode_cache: u64,
    /// Durable executions: where scripts awaiting a helper answered later
    /// (202 Accepted) or a far timer are suspended (relative to the
    /// configuration file; `--suspend-dir` overrides it). Replicas sharing
    /// it resume each other's. The sealing key: `$JSBOX_CONTINUATION_KEY`,
    /// else `key` in this directory. Default: none (executions never
    /// suspend).
    pub suspend_dir: Option<std::path::PathBuf>,
    /// Durable executions in Redis (`redis://host:port/db`) instead of a
    /// directory: replicas sharing it resume each other's. The sealing key
    /// then comes from `$JSBOX_CONTINUATION_KEY` only.
    pub suspend_redis: Option<String>,
    /// How often suspended executions whose timer is due are resumed by
    /// the service. Default 1 s.
    #[serde(with = "humantime_serde")]
    pub wake_interval: std::time::Duration,
    /// After each request, keep the workers polling (spinning) instead of
    /// idle this long, so the next execution finds its caches warm (on a
    /// VM, one that follows an idle CPU costs ~2× the CPU). Costs CPU time
    /// within the window only, and counts against a container's CPU quota.
    /// Default 0s: off. `--keep-warm` overrides it.
    #[serde(with = "humantime_serde")]
    pub keep_warm: std::time::Duration,
}

impl Default for ServiceSettings {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
        ServiceSettings {
            slots: 8 * cores,
            queue: 32 * cores,
            max_body_bytes: 4 << 20,
            max_memory: 1 << 30,
            bytecode_cache: 64 << 20,
            suspend_dir: None,
            suspend_redis: None,
            wake_interval: std::time::Duration::from_secs(1),
            keep_warm: std::time::Duration::ZERO,
        }
    }
}

/// `[[tenants]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenant {
    /// A label for logs and metrics (`[A-Za-z0-9_.-]`, at most 64).
    pub name: String,
    /// SHA-256 hashes (hex, optionally `sha256:`-prefixed) of the bearer
    /// tokens that authenticate as this tenant.
    pub api_keys: Vec<String>,
    /// Requests of this tenant admitted at once (queued or running); more
    /// get 429. Default: the service's slots.
    #[serde(default)]
    pub max_concurrency: Option<u32>,
    /// The ceiling: a request's policy may lower or narrow any of it, never
    /// raise or widen it. Default: the library's default policy.
    #[serde(default)]
    pub policy: jsbox::Policy,
    /// Platform modules this tenant's scripts may import: name → file
    /// (relative to the configuration file; `.ts`, `.mts`, `.cts` are
    /// TypeScript). Visible to every execution of the tenant unless its
    /// `policy.modules.allow` names fewer; a request may narrow it further.
    #[serde(default)]
    pub modules: std::collections::BTreeMap<String, std::path::PathBuf>,
    /// `modules`, read from their files by [`Config::load`].
    #[serde(skip)]
    pub loaded_modules: jsbox::Modules,
}

impl Tenant {
    /// Reads the tenant's module files into `loaded_modules`.
    fn load_modules(&mut self, base_dir: &Path) -> Result<(), String> {
        let mut modules = jsbox::Modules::default();
        for (name, file) in &self.modules {
            modules.add_file(name.clone(), base_dir.join(file)).map_err(|e| format!("tenant {:?}: {e}", self.name))?;
        }
        self.loaded_modules = modules;
        Ok(())
    }

    /// The ceiling, with the tenant's modules visible when its policy
    /// lists none itself.
    pub fn ceiling(&self) -> jsbox::Policy {
        let mut policy = self.policy.clone();
        if policy.modules.allow.is_empty() {
            policy.modules.allow = self.modules.keys().cloned().collect();
        }
        policy
    }
}

impl Config {
    /// Reads a configuration file and its tenants' module files, and checks them.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(dir) = &config.service.suspend_dir {
            config.service.suspend_dir = Some(config.base_dir.join(dir));
        }
        for tenant in &mut config.tenants {
            tenant.load_modules(&config.base_dir).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        config.check().map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(config)
    }

    /// Names, keys, quotas and ceilings that make sense.
    pub fn check(&self) -> Result<(), String> {
        let service = &self.service;
        if service.slots == 0 {
            return Err("service.slots must be at least 1".into());
        }
        let mut names = std::collections::BTreeSet::new();
        for tenant in &self.tenants {
            let name = &tenant.name;
            let label_ok = !name.is_empty()
                && name.len() <= 64
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if !label_ok {
                return Err(format!("tenant name {name:?}: use 1 to 64 of [A-Za-z0-9_.-]"));
            }
            if !names.insert(name.as_str()) {
                return Err(format!("tenant {name:?} is configured twice"));
            }
            if tenant.api_keys.is_empty() {
                return Err(format!("tenant {name:?} has no api_keys"));
            }
            for key in &tenant.api_keys {
                parse_hash(key).map_err(|why| format!("tenant {name:?}: api key hash {key:?}: {why}"))?;
            }
            if tenant.max_concurrency == Some(0) {
                return Err(format!("tenant {name:?}: max_concurrency must be at least 1"));
            }
            tenant.policy.validate().map_err(|e| format!("tenant {name:?}: policy: {e}"))?;
            tenant
                .ceiling()
                .modules
                .check(&jsbox::Modules::default(), &tenant.loaded_modules)
                .map_err(|e| format!("tenant {name:?}: policy: {e}"))?;
            if tenant.policy.memory > service.max_memory {
                return Err(format!("tenant {name:?}: policy memory is above service.max_memory"));
            }
        }
        Ok(())
    }
}

/// A configured key hash: 64 hex digits, optionally after `sha256:`.
pub fn parse_hash(text: &str) -> Result<[u8; 32], String> {
    let hex = text.strip_prefix("sha256:").unwrap_or(text).as_bytes();
    if hex.len() != 64 || !hex.iter().all(u8::is_ascii_hexdigit) {
        return Err("expected 64 hex digits (the SHA-256 `jsbox serve hash-key` prints)".into());
    }
    let digit = |b: u8| (b as char).to_digit(16).unwrap_or_default() as u8;
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = digit(pair[0]) << 4 | digit(pair[1]);
    }
    Ok(out)
}

/// What goes in `api_keys` for `key`: `sha256:` and the hex digest.
pub fn hash_key(key: &str) -> String {
    format!("sha256:{}", key_digest(key).iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// The SHA-256 of `key`, as [`parse_hash`] reads it back from [`hash_key`].
pub fn key_digest(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_hash_is_64_hex_digits_whatever_else_it_holds() {
        let hash = hash_key("k");
        assert_eq!(parse_hash(&hash).map(|h| h.len()), Ok(32));
        assert_eq!(parse_hash(&hash), Ok(key_digest("k")));
        assert_eq!(parse_hash(&hash[7..]), parse_hash(&hash));
        assert_eq!(parse_hash(&hash.to_uppercase().replace("SHA256:", "")), parse_hash(&hash));
        // Found by `make fuzz` (fuzz/regressions/config/multibyte-key-hash): a
        // multibyte character among 64 bytes was sliced through, a panic.
        for bad in ["0".repeat(63), "0".repeat(65), format!("{}é{}", "0".repeat(13), "0".repeat(49)), "g".repeat(64)] {
            assert!(parse_hash(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_two_tenant_config_parses_and_checks() {
        let text = format!(
            r#"
            [service]
            slots = 4
            queue = 8
            max_body_bytes = "64KiB"

            [[tenants]]
            name = "acme"
            api_keys = ["{}"]
            max_concurrency = 2
            [tenants.policy]
            memory = "32MiB"
            network = {{ allow_hosts = ["127.0.0.1:9000"] }}

            [[tenants]]
            name = "globex"
            api_keys = ["{}"]
            "#,
            hash_key("acme-key"),
            hash_key("globex-key").trim_start_matches("sha256:")
        );
        let config: Config = toml::from_str(&text).unwrap();
        config.check().unwrap();
        assert_eq!(config.service.max_body_bytes, 64 << 10);
        assert_eq!(config.tenants[0].policy.memory, 32 << 20);
        assert_eq!(config.tenants[1].max_concurrency, None);
    }

    #[test]
    fn bad_configs_are_refused_with_a_reason() {
        let good = hash_key("k");
        for (text, says) in [
            ("[[tenants]]\nname = \"a\"\napi_keys = []".to_string(), "no api_keys"),
            (format!("[[tenants]]\nname = \"a b\"\napi_keys = [\"{good}\"]"), "tenant name"),
            (
                format!(
                    "[[tenants]]\nname = \"a\"\napi_keys = [\"{good}\"]\n[[tenants]]\nname = \"a\"\napi_keys = [\"{good}\"]"
                ),
                "twice",
            ),
            ("[[tenants]]\nname = \"a\"\napi_keys = [\"abc\"]".to_string(), "64 hex digits"),
            (
                format!(
                    "[[tenants]]\nname = \"a\"\napi_keys = [\"{good}\"]\npolicy = {{ network = {{ allow_hosts = [\"http://x/\"] }} }}"
                ),
                "policy",
            ),
            ("[service]\nslots = 0".to_string(), "slots"),
        ] {
            let config: Config = toml::from_str(&text).unwrap();
            let why = config.check().unwrap_err();
            assert!(why.contains(says), "{text}: {why}");
        }
        assert!(toml::from_str::<Config>("[service]\nslotz = 1").is_err());
    }

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(hash_key("test"), "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assert!(parse_hash(&hash_key("test")).is_ok());
        assert!(parse_hash("zz").is_err());
    }
}
