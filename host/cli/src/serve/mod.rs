//! `jsbox serve`: the library's engine as a multi-tenant HTTP service (axum
//! on tokio). It keeps nothing between requests, so replicas scale out
//! behind any load balancer. See the book's "Service" page (docs/src/service.md).

mod admission;
mod api;
pub mod config;
mod durable;
mod metrics;
mod strict;
mod warm;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use clap::{Args, Subcommand};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;
use utoipa::OpenApi;

use self::admission::Admission;
use self::config::Config;
use self::metrics::Metrics;
use crate::EXIT_USAGE;

/// `jsbox serve` and its subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServeArgs {
    #[command(subcommand)]
    command: Option<ServeCommand>,
    /// Address to listen on (port 0 picks a free one). Without tenants in
    /// the config, only a loopback address is allowed.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The configuration file (TOML): service settings and tenants.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Serve /metrics on this address instead of the main one.
    #[arg(long, value_name = "ADDR")]
    metrics_listen: Option<SocketAddr>,
    /// On SIGTERM or ctrl-c, how long in-flight executions may take to finish.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = humantime::parse_duration)]
    grace: Duration,
    /// On SIGTERM or ctrl-c, how long to keep accepting after /readyz turns
    /// not-ready, so load balancers stop sending first (default 0s).
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = humantime::parse_duration)]
    drain_delay: Duration,
    /// Write the bound address (host:port) to this file once listening.
    #[arg(long, value_name = "FILE")]
    addr_file: Option<PathBuf>,
    /// Check the configuration, prepare the engine (warming the artifact
    /// cache) and exit.
    #[arg(long)]
    check: bool,
    /// Durable executions: suspend scripts awaiting a helper answered later
    /// or a far timer into DIR (overrides `service.suspend_dir`).
    #[arg(long, value_name = "DIR")]
    suspend_dir: Option<PathBuf>,
    /// Durable executions in Redis at URL (overrides
    /// `service.suspend_redis`): replicas sharing it resume each other's.
    /// The sealing key comes from $JSBOX_CONTINUATION_KEY.
    #[arg(long, value_name = "URL")]
    suspend_redis: Option<String>,
    /// After each request, keep the workers polling instead of idle for
    /// this long (e.g. 1ms), so the next execution finds its caches warm
    /// (overrides `service.keep_warm`; 0s: off).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    keep_warm: Option<Duration>,
}

#[derive(Debug, Subcommand)]
enum ServeCommand {
    /// Print the hash of an API key, to put in a tenant's `api_keys`. The key
    /// is read from standard input (a trailing newline is ignored).
    HashKey,
}

/// One tenant, as the service uses it.
struct Tenant {
    name: String,
    keys: Vec<[u8; 32]>,
    ceiling: jsbox::Policy,
    quota: Arc<Semaphore>,
    /// Its platform modules (`[tenants.modules]`).
    modules: jsbox::Modules,
}

/// What every request shares.
pub struct Service {
    engine: jsbox::Engine,
    tenants: Vec<Tenant>,
    /// Without configured tenants: everyone is this one, unauthenticated.
    anonymous: bool,
    admission: Admission,
    metrics: Arc<Metrics>,
    ready: AtomicBool,
    max_body_bytes: u64,
    /// Where executions suspend, when configured.
    durability: Option<durable::Durability>,
    /// `service.keep_warm`, when on.
    warm: Option<warm::KeepWarm>,
}

impl Service {
    fn new(config: &Config, durability: Option<durable::Durability>) -> Result<Service, String> {
        let settings = &config.service;
        let mut engine = jsbox::EngineConfig::default();
        engine.max_concurrency = settings.slots;
        engine.max_memory = settings.max_memory;
        engine.bytecode_cache = settings.bytecode_cache;
        let anonymous = config.tenants.is_empty();
        let quota =
            |limit: Option<u32>| Arc::new(Semaphore::new(limit.unwrap_or(settings.slots + settings.queue) as usize));
        let tenants = if anonymous {
            vec![Tenant {
                name: "anonymous".into(),
                keys: Vec::new(),
                ceiling: jsbox::Policy::default(),
                quota: quota(None),
                modules: jsbox::Modules::default(),
            }]
        } else {
            config
                .tenants
                .iter()
                .map(|t| Tenant {
                    name: t.name.clone(),
                    keys: t.api_keys.iter().filter_map(|k| config::parse_hash(k).ok()).collect(),
                    ceiling: t.ceiling(),
                    quota: quota(t.max_concurrency),
                    modules: t.loaded_modules.clone(),
                })
                .collect()
        };
        Ok(Service {
            engine: jsbox::Engine::new(engine).map_err(|e| e.to_string())?,
            durability,
            tenants,
            anonymous,
            admission: Admission::new(settings.slots, settings.queue),
            metrics: Arc::new(Metrics::new()),
            ready: AtomicBool::new(true),
            max_body_bytes: settings.max_body_bytes,
            warm: (!settings.keep_warm.is_zero()).then(|| warm::KeepWarm::new(settings.keep_warm)),
        })
    }

    /// The tenant whose key the request presents, comparing hashes in
    /// constant time (every key is compared).
    fn authenticate(&self, headers: &HeaderMap) -> Option<&Tenant> {
        if self.anonymous {
            return self.tenants.first();
        }
        let token = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")?.trim();
        let hash = config::key_digest(token);
        let mut found = None;
        for tenant in &self.tenants {
            for key in &tenant.keys {
                if bool::from(key.ct_eq(&hash)) && found.is_none() {
                    found = Some(tenant);
                }
            }
        }
        found
    }
}

/// The OpenAPI description, generated from the handlers and types.
#[derive(OpenApi)]
#[openapi(
    info(title = "jsbox", description = "Run untrusted JavaScript in a fresh WebAssembly sandbox per execution."),
    paths(api::execute, durable::resume, durable::status, api::healthz, api::readyz, api::metrics, api::openapi),
    components(schemas(
        api::ExecuteRequest,
        api::ExecuteResult,
        api::ErrorReply,
        api::ErrorBody,
        api::LogLine,
        api::SuspendedReply,
        durable::ResumeRequest
    )),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("A tenant's API key")).build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

fn openapi_document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The service's routes. `/metrics` is left out when it has a listener of
/// its own.
fn router(service: Arc<Service>, with_metrics: bool) -> Router {
    let mut routes = Router::new()
        .route("/v1/execute", post(api::execute))
        .route("/v1/executions/{id}/resume", post(durable::resume))
        .route("/v1/executions/{id}", get(durable::status))
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .route("/v1/openapi.json", get(api::openapi));
    if with_metrics {
        routes = routes.route("/metrics", get(api::metrics));
    }
    routes
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(service.clone(), count_requests))
        // Bodies are read (and capped) by the execute handler itself.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .with_state(service)
}

/// `jsbox_http_requests_total{route,status}`, routes bounded to the known ones.
async fn count_requests(State(service): State<Arc<Service>>, request: Request, next: Next) -> Response {
    const ROUTES: &[&str] = &["/v1/execute", "/healthz", "/readyz", "/metrics", "/v1/openapi.json"];
    let path = request.uri().path();
    let route = match ROUTES.iter().find(|r| **r == path) {
        Some(route) => route,
        None if path.starts_with("/v1/executions/") => "/v1/executions/{id}",
        None => "other",
    };
    let response = next.run(request).await;
    if let Some(warm) = &service.warm {
        warm.touch();
    }
    service.metrics.http_requests.with_label_values(&[route, response.status().as_str()]).inc();
    response
}

/// Runs `jsbox serve`; returns the exit code.
pub async fn run(args: ServeArgs) -> u8 {
    if let Some(ServeCommand::HashKey) = args.command {
        return hash_key();
    }
    let mut config = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(config) => config,
            Err(why) => return usage(&format!("serve: {why}")),
        },
        None => Config::default(),
    };
    if let Some(dir) = &args.suspend_dir {
        config.service.suspend_dir = Some(dir.clone());
    }
    if let Some(url) = &args.suspend_redis {
        config.service.suspend_redis = Some(url.clone());
    }
    if let Some(window) = args.keep_warm {
        config.service.keep_warm = window;
    }
    let durability =
        match durable::Durability::open(config.service.suspend_dir.as_deref(), config.service.suspend_redis.as_deref())
            .await
        {
            Ok(durability) => durability,
            Err(why) => return usage(&format!("serve: {why}")),
        };
    if config.tenants.is_empty() && !args.listen.ip().is_loopback() {
        return usage(&format!(
            "serve: refusing to listen on {} without tenants: anyone who reaches it could run scripts. \
             Configure tenants with API keys (--config), or listen on a loopback address",
            args.listen
        ));
    }
    let config_for_engine = config.clone();
    let service = match tokio::task::spawn_blocking(move || Service::new(&config_for_engine, durability)).await {
        Ok(Ok(service)) => Arc::new(service),
        Ok(Err(e)) => return usage(&format!("serve: cannot start the engine: {e}")),
        Err(e) => return usage(&format!("serve: cannot start the engine: {e}")),
    };
    if args.check {
        println!("serve: configuration OK ({} tenants); the engine is ready", config.tenants.len());
        return 0;
    }
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(listener) => listener,
        Err(e) => return usage(&format!("serve: cannot listen on {}: {e}", args.listen)),
    };
    let addr = listener.local_addr().expect("a bound listener has an address");
    if let Some(path) = &args.addr_file
        && let Err(e) = write_atomically(path, &addr.to_string())
    {
        return usage(&format!("serve: cannot write {}: {e}", path.display()));
    }
    let metrics_listener = match args.metrics_listen {
        None => None,
        Some(at) => match tokio::net::TcpListener::bind(at).await {
            Ok(listener) => Some(listener),
            Err(e) => return usage(&format!("serve: cannot listen on {at} for metrics: {e}")),
        },
    };
    tracing::info!(target: "jsbox::serve", %addr, tenants = service.tenants.len(), "jsbox serve listening");
    if service.durability.is_some() {
        tokio::spawn(durable::wake_due(service.clone(), config.service.wake_interval));
    }
    eprintln!("jsbox serve listening on http://{addr}/");

    // Shutdown: /readyz turns not-ready, the listener keeps accepting for
    // the drain delay, then stops; in-flight requests get the grace period.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    if service.warm.is_some() {
        // One spinner per worker thread of this runtime.
        for _ in 0..tokio::runtime::Handle::current().metrics().num_workers() {
            let service = service.clone();
            tokio::spawn(async move {
                if let Some(warm) = &service.warm {
                    warm.spin().await;
                }
            });
        }
    }
    let app = router(service.clone(), metrics_listener.is_none());
    let mut stopped = stop_rx.clone();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .await
    });
    if let Some(listener) = metrics_listener {
        let metrics_app = Router::new().route("/metrics", get(api::metrics)).with_state(service.clone());
        let mut stopped = stop_rx.clone();
        tokio::spawn(async move {
            axum::serve(listener, metrics_app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })
                .await
        });
    }
    shutdown_signal().await;
    service.ready.store(false, Ordering::SeqCst);
    tracing::info!(target: "jsbox::serve", drain_delay = ?args.drain_delay, grace = ?args.grace, "shutting down: not ready");
    tokio::time::sleep(args.drain_delay).await;
    let _ = stop_tx.send(true);
    match tokio::time::timeout(args.grace, server).await {
        Ok(_) => tracing::info!(target: "jsbox::serve", "every in-flight request finished; exiting"),
        Err(_) => tracing::warn!(
            target: "jsbox::serve",
            in_flight = service.metrics.in_flight.get(),
            "the grace period is over; exiting with requests unfinished"
        ),
    }
    0
}

/// SIGTERM (what orchestrators send) or ctrl-c.
pub(crate) async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn hash_key() -> u8 {
    let mut key = String::new();
    if std::io::stdin().read_line(&mut key).is_err() {
        return usage("serve hash-key: cannot read the key from standard input");
    }
    let key = key.trim_end_matches(['\r', '\n']);
    if key.is_empty() {
        return usage("serve hash-key: give the key on standard input, e.g. `echo -n \"$KEY\" | jsbox serve hash-key`");
    }
    println!("{}", config::hash_key(key));
    0
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_USAGE
}

fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}
