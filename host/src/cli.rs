//! The `jsbox` command line: `run`, and `demo-api` (the local API `make run`
//! uses). Kept in the library, hidden from the docs, so it is tested as code.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::{Engine, EngineConfig, LogLevel, LogSink, Policy};

/// Exit code of a script failure (`error[<kind>]: …` on stderr).
pub const EXIT_SCRIPT_ERROR: u8 = 1;
/// Exit code of a usage error (bad flags, unreadable files).
pub const EXIT_USAGE: u8 = 2;

/// Run untrusted JavaScript in a WebAssembly sandbox.
#[derive(Debug, Parser)]
#[command(name = "jsbox", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run SCRIPT's `execute(args)` in a fresh sandbox and print its JSON result.
    Run(RunArgs),
    /// Serve the small demo API that `make run` calls (GET /bcdr/device, POST /echo).
    DemoApi(DemoApiArgs),
}

#[derive(Debug, Args)]
struct RunArgs {
    /// The script file, or `-` to read it from standard input.
    script: String,
    /// The argument passed to `execute`, as JSON.
    #[arg(long, value_name = "JSON", default_value = "{}")]
    args: String,
    /// A policy file (JSON, the `jsbox::Policy` fields); flags override it.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Memory limit, e.g. 32MiB (default 64MiB).
    #[arg(long, value_name = "SIZE", value_parser = crate::parse_size)]
    memory: Option<u64>,
    /// Deterministic CPU budget in fuel units (default: none).
    #[arg(long, value_name = "N")]
    fuel: Option<u64>,
    /// Wall-clock limit including time awaiting HTTP, e.g. 500ms or 5s (default 10s).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    timeout: Option<Duration>,
    /// Allow requests to HOST (any port) or HOST:PORT. Repeatable.
    #[arg(long = "allow-host", value_name = "HOST[:PORT]")]
    allow_hosts: Vec<String>,
    /// Print {"result": …, "stats": {…}} instead of the bare result.
    #[arg(long)]
    stats: bool,
}

#[derive(Debug, Args)]
struct DemoApiArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Write the bound address (host:port) to this file once listening.
    #[arg(long, value_name = "FILE")]
    addr_file: Option<PathBuf>,
    /// The Authorization header value the API accepts.
    #[arg(long, default_value = "Bearer demo-token")]
    token: String,
}

/// Runs the CLI and returns the process exit code.
pub async fn main(cli: Cli) -> u8 {
    match cli.command {
        Command::Run(args) => run(args).await,
        Command::DemoApi(args) => match crate::cli::demo_api::serve(args.listen, args.addr_file, args.token).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: demo-api: {e}");
                EXIT_USAGE
            }
        },
    }
}

/// Script output goes to stderr, a line per call; stdout carries only the result.
struct StderrSink;

impl LogSink for StderrSink {
    fn log(&self, _level: LogLevel, message: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{message}");
    }
}

async fn run(args: RunArgs) -> u8 {
    let usage = |message: String| {
        eprintln!("error: {message}");
        EXIT_USAGE
    };
    let script = match read_script(&args.script) {
        Ok(script) => script,
        Err(e) => return usage(format!("cannot read script {}: {e}", args.script)),
    };
    let mut policy = match &args.policy {
        None => Policy::default(),
        Some(path) => match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|text| {
            serde_json::from_str::<Policy>(&text).map_err(|e| e.to_string())
        }) {
            Ok(policy) => policy,
            Err(e) => return usage(format!("cannot read policy {}: {e}", path.display())),
        },
    };
    if let Some(memory) = args.memory {
        policy.memory = memory;
    }
    if let Some(fuel) = args.fuel {
        policy.fuel = Some(fuel);
    }
    if let Some(timeout) = args.timeout {
        policy.timeout = timeout;
    }
    policy.network.allow_hosts.extend(args.allow_hosts);
    if let Err(e) = policy.validate() {
        eprintln!("error[{}]: {e}", e.kind());
        return EXIT_USAGE;
    }
    let outcome = match crate::parse_args(&args.args) {
        Err(e) => Err(e),
        Ok(value) => match Engine::new(EngineConfig::default()) {
            Err(e) => Err(e),
            Ok(engine) => engine.execute_with_logs(&policy, &script, value, Arc::new(StderrSink)).await,
        },
    };
    match outcome {
        Ok(outcome) => {
            let text = if args.stats {
                serde_json::to_string(&outcome)
            } else {
                serde_json::to_string(&outcome.result)
            };
            let mut out = std::io::stdout().lock();
            match text.map(|text| writeln!(out, "{text}")) {
                Ok(Ok(())) => 0,
                _ => EXIT_SCRIPT_ERROR,
            }
        }
        Err(e) => {
            eprintln!("error[{}]: {e}", e.kind());
            EXIT_SCRIPT_ERROR
        }
    }
}

fn read_script(path: &str) -> std::io::Result<String> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        bytes
    } else {
        std::fs::read(path)?
    };
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8 text ({e})"))
    })
}

mod demo_api {
    //! A tiny stand-in for the API in the seed's example, on loopback.
    use std::net::SocketAddr;
    use std::path::PathBuf;

    use axum::extract::{Query, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::{get, post};
    use axum::{Json, Router};
    use serde_json::{json, Value};

    pub(super) async fn serve(listen: SocketAddr, addr_file: Option<PathBuf>, token: String) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        if let Some(path) = addr_file {
            // Written whole, then renamed, so a reader never sees half of it.
            let tmp = path.with_extension("tmp");
            std::fs::write(&tmp, addr.to_string())?;
            std::fs::rename(&tmp, &path)?;
        }
        eprintln!("demo-api listening on http://{addr}/");
        let app = Router::new()
            .route("/bcdr/device", get(devices))
            .route("/echo", post(echo))
            .with_state(token);
        axum::serve(listener, app).await
    }

    async fn devices(
        State(token): State<String>,
        headers: HeaderMap,
        Query(query): Query<Vec<(String, String)>>,
    ) -> (StatusCode, Json<Value>) {
        let given = headers.get("authorization").and_then(|v| v.to_str().ok());
        if given != Some(token.as_str()) {
            return (StatusCode::UNAUTHORIZED, Json(json!({"error": "missing or wrong Authorization header"})));
        }
        let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let items = json!([
            {"serialNumber": "DEMO-0001", "name": "backup-appliance-1", "model": "S3B2000", "online": true},
            {"serialNumber": "DEMO-0002", "name": "backup-appliance-2", "model": "S3B4000", "online": true},
            {"serialNumber": "DEMO-0003", "name": "siris-edge", "model": "E100", "online": false}
        ]);
        let page = json!({"page": param("_page"), "perPage": param("_perPage"), "totalCount": 3});
        (StatusCode::OK, Json(json!({"pagination": page, "items": items})))
    }

    async fn echo(headers: HeaderMap, Json(body): Json<Value>) -> Json<Value> {
        let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
        Json(json!({"received": body, "contentType": content_type}))
    }
}
