//! The `jsbox` command line over the `jsbox` library: `run`, `bench`, and
//! `demo-api` (the local API `make run` uses). A crate of its own, so an
//! embedder depending on `jsbox` never builds clap, axum or a log subscriber.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use jsbox::{Engine, EngineConfig, Execution, Language, LogLevel, LogSink, Modules, Policy};

pub mod bench;
pub mod compile;
mod demo_api;
pub mod durable;
pub mod log_output;
pub mod mcp;
pub mod serve;

/// Exit code of a script failure (`error[<kind>]: …` on stderr).
pub const EXIT_SCRIPT_ERROR: u8 = 1;
/// Exit code of a usage error (bad flags, unreadable files, an invalid policy).
pub const EXIT_USAGE: u8 = 2;

/// Run untrusted JavaScript in a WebAssembly sandbox.
#[derive(Debug, Parser)]
#[command(name = "jsbox", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

impl Cli {
    /// The log level shown when `JSBOX_LOG` is not set: the service's access
    /// log is at `info`; the other commands show only warnings.
    pub fn default_log_level(&self) -> &'static str {
        match self.command {
            Command::Serve(_) => "info",
            _ => "warn",
        }
    }

    /// Parses command-line arguments (the first is the program name) without
    /// printing or exiting.
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Cli::try_parse_from(args)
    }

    /// The policy `run` or `bench` would use (policy file, then flags), or
    /// `None` for commands without one.
    pub fn policy(self) -> Option<Result<Policy, String>> {
        match self.command {
            Command::Run(args) => Some(args.limits.policy()),
            Command::Bench(args) => Some(args.limits.policy()),
            Command::Types(args) => Some(args.limits.policy()),
            Command::Mcp(args) => Some(args.limits.policy()),
            Command::DemoApi(_) | Command::Serve(_) | Command::Compile(_) | Command::Resume(_) => None,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run SCRIPT's `execute(args)` in a fresh sandbox and print its JSON
    /// result. SCRIPT may be a component made by `jsbox compile`.
    Run(RunArgs),
    /// Resume an execution `jsbox run --suspend-dir` suspended, with the
    /// results of the helper calls it awaits; print what `run` would.
    Resume(ResumeArgs),
    /// Compile SCRIPT into a standalone WASI 0.2 component: `wasmtime run`
    /// (args as JSON on stdin), `wasmtime run --invoke 'execute("{}")'`, or
    /// `jsbox run OUT.wasm` with a policy.
    Compile(CompileArgs),
    /// Run SCRIPT N times, each in a fresh sandbox, and print latency and throughput as JSON.
    Bench(BenchArgs),
    /// Serve the small demo API that `make run` calls (GET /bcdr/device, POST /echo, GET /delay/MS, POST /helpers).
    DemoApi(DemoApiArgs),
    /// Serve executions over HTTP (POST /v1/execute), for tenants with API keys.
    Serve(serve::ServeArgs),
    /// Print TypeScript declarations (.d.ts) of everything a script may use
    /// under these flags: jsbox's globals, each visible helper typed from
    /// its schema, the platform modules.
    Types(TypesArgs),
    /// Serve an MCP server (stdio, or Streamable HTTP with --listen) whose
    /// tool `execute` runs code in a fresh sandbox under these flags; its
    /// description carries the declarations `jsbox types` prints.
    Mcp(McpArgs),
}

#[derive(Debug, Args)]
struct TypesArgs {
    #[command(flatten)]
    limits: PolicyArgs,
}

#[derive(Debug, Args)]
struct McpArgs {
    /// Serve MCP's Streamable HTTP at http://ADDR/mcp (a loopback address,
    /// port 0 picks a free one) instead of stdio.
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// With --listen: write the bound address (host:port) to FILE once listening.
    #[arg(long, value_name = "FILE", requires = "listen")]
    addr_file: Option<PathBuf>,
    #[command(flatten)]
    limits: PolicyArgs,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// The script file, or `-` to read it from standard input.
    script: String,
    /// The argument passed to `execute`, as JSON.
    #[arg(long, value_name = "JSON", default_value = "{}")]
    args: String,
    #[command(flatten)]
    limits: PolicyArgs,
    /// Print {"result": …, "stats": {…}} instead of the bare result.
    #[arg(long)]
    stats: bool,
    /// Let the execution suspend into DIR when all it awaits is helper calls
    /// answered later (an endpoint's 202 Accepted) or timers at least
    /// --suspend-timers-after away: prints {"status": "suspended", "id",
    /// "pending", "wake_at"} and exits 0; `jsbox resume` carries on. The
    /// sealing key: $JSBOX_CONTINUATION_KEY, else DIR/key (made on first use).
    #[arg(long, value_name = "DIR")]
    suspend_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ResumeArgs {
    /// The suspended execution's id (as `jsbox run` printed it).
    id: String,
    /// Where `jsbox run --suspend-dir` suspended it.
    #[arg(long, value_name = "DIR")]
    suspend_dir: PathBuf,
    /// The result of pending call CALL_ID, as JSON. Repeatable.
    #[arg(long = "result", value_name = "CALL_ID=JSON", value_parser = durable::parse_result)]
    results: Vec<(u32, serde_json::Value)>,
    /// Pending call CALL_ID failed with MESSAGE (the script's promise
    /// rejects with it). Repeatable.
    #[arg(long = "error", value_name = "CALL_ID=MESSAGE", value_parser = durable::parse_error)]
    errors: Vec<(u32, jsbox::HelperError)>,
    /// The platform modules the execution was started with (NAME=FILE),
    /// again: a module it imports from now on is read from here. Repeatable.
    #[arg(long = "module", value_name = "NAME=FILE", value_parser = parse_module)]
    modules: Vec<(String, PathBuf)>,
    /// Print {"result": …, "stats": {…}} instead of the bare result.
    #[arg(long)]
    stats: bool,
}

#[derive(Debug, Args)]
struct CompileArgs {
    /// The script file, or `-` to read it from standard input.
    script: String,
    /// Where to write the component (default: SCRIPT with the extension .wasm).
    #[arg(short = 'o', long = "output", value_name = "OUT.wasm")]
    output: Option<PathBuf>,
    /// Compile FILE in as the platform module NAME (JavaScript, or
    /// TypeScript for .ts/.mts/.cts): the script may `import … from "NAME"`.
    /// Repeatable.
    #[arg(long = "module", value_name = "NAME=FILE", value_parser = parse_module)]
    modules: Vec<(String, PathBuf)>,
    /// The script's language: javascript or typescript (default: from its
    /// file extension).
    #[arg(long, value_name = "LANGUAGE", value_parser = parse_language)]
    language: Option<Language>,
    /// Import wasi:http, so requests work under `wasmtime run -S http`
    /// (default: when the script or a module names `fetch` or `http`).
    #[arg(long, conflicts_with = "no_http")]
    http: bool,
    /// Import no network interface: every request fails with
    /// network-denied, and `wasmtime run` needs no `-S http`.
    #[arg(long)]
    no_http: bool,
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// The script file, or `-` to read it from standard input.
    script: String,
    /// The argument passed to `execute`, as JSON.
    #[arg(long, value_name = "JSON", default_value = "{}")]
    args: String,
    /// Executions to measure.
    #[arg(short = 'n', long = "executions", value_name = "N", default_value_t = 1000)]
    n: usize,
    /// Executions in flight at once.
    #[arg(long, value_name = "C", default_value_t = 1)]
    concurrency: usize,
    /// Executions run first and not measured (default: N/10, at most 100).
    #[arg(long, value_name = "N")]
    warmup: Option<usize>,
    /// Parse the script in every execution instead of reusing its cached
    /// bytecode (to measure the cold path).
    #[arg(long)]
    no_bytecode_cache: bool,
    /// Measure durable executions: the script awaits the durable helper
    /// `approval` (registered and made visible), suspends, and is resumed
    /// with {"ok": true, "by": "bench"}. Continuations in memory, or in
    /// --suspend-dir DIR.
    #[arg(long)]
    durable: bool,
    /// With --durable: keep continuations in DIR (a file store).
    #[arg(long, value_name = "DIR", requires = "durable")]
    suspend_dir: Option<PathBuf>,
    /// With --durable and --suspend-dir: suspend N executions and leave
    /// them suspended, reporting resident memory along the way.
    #[arg(long, requires = "suspend_dir")]
    hold: bool,
    /// Register the sync helper `bench.echo` (returns its argument) and make
    /// it visible: to measure what a helper call costs.
    #[arg(long)]
    echo_helper: bool,
    /// With --echo-helper: type `bench.echo` with FILE (as --helper-schema
    /// reads it), to measure what validation costs.
    #[arg(long, value_name = "FILE", requires = "echo_helper")]
    echo_schema: Option<PathBuf>,
    #[command(flatten)]
    limits: PolicyArgs,
}

/// The policy flags `run` and `bench` share.
#[derive(Debug, Args)]
struct PolicyArgs {
    /// A policy file (JSON, the `jsbox::Policy` fields); flags override it.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Memory limit, e.g. 32MiB (default 64MiB).
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    memory: Option<u64>,
    /// Deterministic CPU budget in fuel units (default: none).
    #[arg(long, value_name = "N")]
    fuel: Option<u64>,
    /// Wall-clock limit including time awaiting HTTP, e.g. 500ms or 5s (default 10s).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    timeout: Option<Duration>,
    /// Log output one execution may write, e.g. 64KiB (default 1MiB); past it: output-limit.
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    max_log_bytes: Option<u64>,
    /// Log lines one execution may write (default 10000); past it: output-limit.
    #[arg(long, value_name = "N")]
    max_log_lines: Option<u64>,
    /// Largest result as JSON text, e.g. 1MiB (default 10MiB); past it: output-limit.
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    max_result_bytes: Option<u64>,
    /// Allow requests to HOST (any port) or HOST:PORT, as listed; `*.domain`
    /// or `*` (optionally with :PORT) reach public addresses only. Repeatable.
    #[arg(long = "allow-host", value_name = "PATTERN")]
    allow_hosts: Vec<String>,
    /// Restrict URL schemes (http, https). Repeatable; default both.
    #[arg(long = "allow-scheme", value_name = "SCHEME")]
    allow_schemes: Vec<String>,
    /// Requests one execution may start (default 100).
    #[arg(long, value_name = "N")]
    max_requests: Option<u32>,
    /// Requests in flight at once; more wait (default 16).
    #[arg(long, value_name = "N")]
    max_in_flight: Option<u32>,
    /// Redirects followed per request (default 5).
    #[arg(long, value_name = "N")]
    max_redirects: Option<u32>,
    /// Largest request body, e.g. 1MiB (default 10MiB).
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    max_request_bytes: Option<u64>,
    /// Largest response body; larger fails the request (default 10MiB).
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    max_response_bytes: Option<u64>,
    /// Time limit of one request, e.g. 2s (default 30s).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    request_timeout: Option<Duration>,
    /// Make NAME (e.g. crm.lookup) an async helper served by your endpoint:
    /// each call is POST URL with {"helper": NAME, "args": [...]}. Repeatable.
    #[arg(long = "helper", value_name = "NAME=URL", value_parser = parse_helper)]
    helpers: Vec<(String, String)>,
    /// Type the --helper NAME with FILE: {"input": <JSON Schema>, "result":
    /// <JSON Schema>, "description": "…"}. NAME then takes one object
    /// argument, checked before the endpoint is called (invalid-args), and
    /// its result is checked too (invalid-result). Repeatable.
    #[arg(long = "helper-schema", value_name = "NAME=FILE", value_parser = parse_module)]
    helper_schemas: Vec<(String, PathBuf)>,
    /// Start the MCP server COMMAND (run by sh, speaking MCP on its stdin
    /// and stdout) and make each of its tools the typed async helper
    /// NAME.tool (characters outside identifiers become _). Repeatable.
    #[arg(long = "mcp-server", value_name = "NAME=COMMAND", value_parser = mcp::tools::parse)]
    mcp_servers: Vec<(String, String)>,
    /// How long an --mcp-server may take to start and list its tools (default 10s).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, default_value = "10s")]
    mcp_start_timeout: Duration,
    /// A secret the script may use but never see: its value is read from the
    /// environment variable NAME (never the command line), the script holds
    /// the placeholder {{secrets.NAME}}, and the value goes only to HOST(s).
    /// Repeatable.
    #[arg(long = "secret", value_name = "NAME@HOST[,HOST...]", value_parser = parse_secret)]
    secrets: Vec<(String, Vec<String>)>,
    /// Helper calls one execution may make (default 1000).
    #[arg(long, value_name = "N")]
    max_helper_calls: Option<u32>,
    /// Largest arguments of one helper call as JSON, e.g. 64KiB (default 1MiB).
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    max_helper_args_bytes: Option<u64>,
    /// Largest result of one helper call as JSON, e.g. 1MiB (default 10MiB).
    #[arg(long, value_name = "SIZE", value_parser = jsbox::parse_size)]
    max_helper_result_bytes: Option<u64>,
    /// Async helper calls running at once; more wait (default 16).
    #[arg(long, value_name = "N")]
    max_helper_in_flight: Option<u32>,
    /// Provide FILE (JavaScript, or TypeScript for .ts/.mts/.cts) as the
    /// platform module NAME: the script may `import … from "NAME"`.
    /// Repeatable.
    #[arg(long = "module", value_name = "NAME=FILE", value_parser = parse_module)]
    modules: Vec<(String, PathBuf)>,
    /// The script's language: javascript or typescript (default: from its
    /// file extension, .ts/.mts/.cts being TypeScript).
    #[arg(long, value_name = "LANGUAGE", value_parser = parse_language)]
    language: Option<Language>,
    /// With --suspend-dir: suspend when all the script awaits is timers at
    /// least this far away (and helper calls answered later), e.g. 30s
    /// (default: timers are awaited in memory).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    suspend_timers_after: Option<Duration>,
    /// The longest an execution may stay suspended, all suspensions
    /// together (default 7days); past it, resuming is continuation-expired.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    max_suspended: Option<Duration>,
}

/// `NAME=FILE` of `--module`.
fn parse_module(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => Ok((name.to_string(), file.into())),
        _ => Err(format!("expected NAME=FILE (e.g. lodash=vendor/lodash.mjs), got {text:?}")),
    }
}

/// `--language`.
fn parse_language(text: &str) -> Result<Language, String> {
    match text.to_ascii_lowercase().as_str() {
        "javascript" | "js" => Ok(Language::JavaScript),
        "typescript" | "ts" => Ok(Language::TypeScript),
        _ => Err(format!("expected javascript or typescript, got {text:?}")),
    }
}

/// `NAME@HOST[,HOST...]` of `--secret`.
fn parse_secret(text: &str) -> Result<(String, Vec<String>), String> {
    match text.split_once('@') {
        Some((name, hosts)) if !name.is_empty() && !hosts.is_empty() => {
            Ok((name.to_string(), hosts.split(',').map(|h| h.trim().to_string()).collect()))
        }
        _ => Err(format!("expected NAME@HOST[,HOST...] (e.g. API_TOKEN@api.example.com), got {text:?}")),
    }
}

/// A helper schema file (`--helper-schema`, `bench --echo-schema`): JSON
/// with bounded nesting, the fields of `jsbox::HelperSchema`.
fn read_helper_schema(path: &std::path::Path) -> Result<jsbox::HelperSchema, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    jsbox::json::from_slice(&bytes).map_err(|e| e.to_string())
}

/// `NAME=URL` of `--helper`.
fn parse_helper(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, url)) if !name.is_empty() && !url.is_empty() => Ok((name.to_string(), url.to_string())),
        _ => Err(format!("expected NAME=URL (e.g. crm.lookup=http://127.0.0.1:9000/helpers), got {text:?}")),
    }
}

impl PolicyArgs {
    /// The `--module` files.
    fn modules(&self) -> Result<Modules, String> {
        let mut modules = Modules::default();
        for (name, file) in &self.modules {
            modules.add_file(name.clone(), file).map_err(|e| format!("[{}]: {e}", e.kind()))?;
        }
        Ok(modules)
    }

    /// The policy file (if any) with the flags applied over it.
    fn policy(self) -> Result<Policy, String> {
        let mut policy = match &self.policy {
            None => Policy::default(),
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_json::from_str::<Policy>(&text).map_err(|e| e.to_string()))
                .map_err(|e| format!("cannot read policy {}: {e}", path.display()))?,
        };
        if let Some(memory) = self.memory {
            policy.memory = memory;
        }
        if let Some(fuel) = self.fuel {
            policy.fuel = Some(fuel);
        }
        if let Some(timeout) = self.timeout {
            policy.timeout = timeout;
        }
        if let Some(after) = self.suspend_timers_after {
            policy.suspend_timers_after = Some(after);
        }
        policy.max_suspended = self.max_suspended.unwrap_or(policy.max_suspended);
        policy.max_log_bytes = self.max_log_bytes.unwrap_or(policy.max_log_bytes);
        policy.max_log_lines = self.max_log_lines.unwrap_or(policy.max_log_lines);
        policy.max_result_bytes = self.max_result_bytes.unwrap_or(policy.max_result_bytes);
        let network = &mut policy.network;
        network.allow_hosts.extend(self.allow_hosts);
        if !self.allow_schemes.is_empty() {
            network.schemes = self.allow_schemes;
        }
        network.max_requests = self.max_requests.unwrap_or(network.max_requests);
        network.max_in_flight = self.max_in_flight.unwrap_or(network.max_in_flight);
        network.max_redirects = self.max_redirects.unwrap_or(network.max_redirects);
        network.max_request_bytes = self.max_request_bytes.unwrap_or(network.max_request_bytes);
        network.max_response_bytes = self.max_response_bytes.unwrap_or(network.max_response_bytes);
        network.request_timeout = self.request_timeout.unwrap_or(network.request_timeout);
        for (name, hosts) in self.secrets {
            let secret = hosts.into_iter().fold(jsbox::Secret::env(name.clone()), |secret, host| secret.host(host));
            network.secrets.insert(name, secret);
        }
        let helpers = &mut policy.helpers;
        helpers.endpoints.extend(self.helpers);
        for (name, path) in &self.helper_schemas {
            let schema = read_helper_schema(path)
                .map_err(|e| format!("cannot read the schema of helper {name} from {}: {e}", path.display()))?;
            helpers.schemas.insert(name.clone(), schema);
        }
        helpers.max_calls = self.max_helper_calls.unwrap_or(helpers.max_calls);
        helpers.max_args_bytes = self.max_helper_args_bytes.unwrap_or(helpers.max_args_bytes);
        helpers.max_result_bytes = self.max_helper_result_bytes.unwrap_or(helpers.max_result_bytes);
        helpers.max_in_flight = self.max_helper_in_flight.unwrap_or(helpers.max_in_flight);
        for (name, _) in &self.modules {
            if !policy.modules.allow.contains(name) {
                policy.modules.allow.push(name.clone());
            }
        }
        policy.validate().map_err(|e| format!("[{}]: {e}", e.kind()))?;
        Ok(policy)
    }
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
        Command::Resume(args) => resume(args).await,
        Command::Compile(args) => compile_command(args).await,
        Command::Bench(args) => bench(args).await,
        Command::Serve(args) => serve::run(args).await,
        Command::Types(args) => types(args).await,
        Command::Mcp(args) => mcp_command(args).await,
        Command::DemoApi(args) => match demo_api::serve(args.listen, args.addr_file, args.token).await {
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

fn usage(message: String) -> u8 {
    // Policy errors arrive as "[kind]: message" and print as error[kind]: …
    if message.starts_with('[') {
        eprintln!("error{message}");
    } else {
        eprintln!("error: {message}");
    }
    EXIT_USAGE
}

/// An error of the library: the script's (exit 1), or, for `invalid-policy`,
/// the command line's or policy file's (exit 2, like any usage error).
fn script_error(e: &jsbox::Error) -> u8 {
    eprintln!("error[{}]: {e}", e.kind());
    match e.kind() {
        "invalid-policy" => EXIT_USAGE,
        _ => EXIT_SCRIPT_ERROR,
    }
}

/// What `run` and `bench` execute, and the engine settings it needs.
struct Prepared {
    execution: Execution,
    policy: Policy,
    modules: Modules,
}

/// The script (its language from `--language` or its extension), policy,
/// modules and parsed args of `run` and `bench`.
/// A component made by `jsbox compile` runs as the script it carries, with
/// its modules added and made visible.
fn prepare(script: &str, limits: PolicyArgs, args: &str) -> Result<Prepared, u8> {
    let bytes = read_file(script).map_err(|e| usage(format!("cannot read script {script}: {e}")))?;
    let cannot_read = |e: String| usage(format!("cannot read script {script}: {e}"));
    let (text, language, bundled) = if bytes.starts_with(b"\0asm") {
        let bundle = compile::Bundle::read(&bytes).map_err(cannot_read)?;
        (bundle.source, bundle.language, bundle.modules)
    } else {
        let text = String::from_utf8(bytes).map_err(|e| cannot_read(format!("not UTF-8 text ({e})")))?;
        (text, limits.language.unwrap_or_else(|| Language::from_path(script)), Vec::new())
    };
    let mut modules = limits.modules().map_err(usage)?;
    let mut policy = limits.policy().map_err(usage)?;
    for module in bundled {
        let added = match module.language {
            Language::JavaScript => modules.add(module.name.clone(), module.source),
            Language::TypeScript => modules.add_typescript(module.name.clone(), module.source),
        };
        added.map_err(|e| usage(format!("[{}]: {e}", e.kind())))?;
        if !policy.modules.allow.contains(&module.name) {
            policy.modules.allow.push(module.name);
        }
    }
    let args = jsbox::parse_args(args).map_err(|e| script_error(&e))?;
    Ok(Prepared { execution: Execution::new(text).args(args).language(language), policy, modules })
}

async fn compile_command(args: CompileArgs) -> u8 {
    let read_text = |path: &str| -> Result<String, u8> {
        let bytes = read_file(path).map_err(|e| usage(format!("cannot read {path}: {e}")))?;
        String::from_utf8(bytes).map_err(|e| usage(format!("cannot read {path}: not UTF-8 text ({e})")))
    };
    let source = match read_text(&args.script) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let mut bundle = compile::Bundle {
        source,
        language: args.language.unwrap_or_else(|| Language::from_path(&args.script)),
        modules: Vec::new(),
    };
    // The names as the library checks them (and the files read once).
    let mut checked = Modules::default();
    for (name, file) in &args.modules {
        let source = match read_text(&file.to_string_lossy()) {
            Ok(source) => source,
            Err(code) => return code,
        };
        if let Err(e) = checked.add(name.clone(), source.clone()) {
            return usage(format!("[{}]: {e}", e.kind()));
        }
        bundle.modules.push(compile::BundledModule { name: name.clone(), source, language: Language::from_path(file) });
    }
    let network = match (args.http, args.no_http) {
        (true, _) => compile::Network::Http,
        (_, true) => compile::Network::Offline,
        _ => compile::Network::Auto,
    };
    let output = args.output.unwrap_or_else(|| compile::default_output(&args.script));
    match compile::compile(&bundle, network).await {
        Ok(compiled) => {
            if let Err(e) = std::fs::write(&output, &compiled.wasm) {
                return usage(format!("cannot write {}: {e}", output.display()));
            }
            let run = if compiled.http { "wasmtime run -S http" } else { "wasmtime run" };
            eprintln!(
                "compiled {} into {} ({} bytes): echo '{{}}' | {run} {}",
                args.script,
                output.display(),
                compiled.wasm.len(),
                output.display()
            );
            0
        }
        Err(compile::CompileError::Script(line)) => {
            eprintln!("{line}");
            EXIT_SCRIPT_ERROR
        }
        Err(compile::CompileError::Internal(message)) => {
            eprintln!("error[internal]: {message}");
            EXIT_SCRIPT_ERROR
        }
    }
}

async fn run(mut args: RunArgs) -> u8 {
    let servers = std::mem::take(&mut args.limits.mcp_servers);
    let start_timeout = args.limits.mcp_start_timeout;
    let Prepared { execution, mut policy, modules } = match prepare(&args.script, args.limits, &args.args) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let mut config = EngineConfig::default();
    config.modules = modules;
    let _servers = match mcp::tools::connect(&servers, start_timeout, true, &mut config.helpers, &mut policy).await {
        Ok(servers) => servers,
        Err(message) => return usage(message),
    };
    if let Some(dir) = &args.suspend_dir {
        let durable = match durable::open(dir) {
            Ok(durable) => durable,
            Err(message) => return usage(message),
        };
        return match Engine::new(config) {
            Err(e) => script_error(&e),
            Ok(engine) => match engine.run_durable(&policy, execution.logs(Arc::new(StderrSink)), &durable).await {
                Ok(run) => durable::print(run, args.stats),
                Err(e) => script_error(&e),
            },
        };
    }
    let outcome = match Engine::new(config) {
        Err(e) => Err(e),
        Ok(engine) => engine.run(&policy, execution.logs(Arc::new(StderrSink))).await,
    };
    match outcome {
        Ok(outcome) => {
            let text =
                if args.stats { serde_json::to_string(&outcome) } else { serde_json::to_string(&outcome.result) };
            let mut out = std::io::stdout().lock();
            match text.map(|text| writeln!(out, "{text}")) {
                Ok(Ok(())) => 0,
                _ => EXIT_SCRIPT_ERROR,
            }
        }
        Err(e) => script_error(&e),
    }
}

async fn resume(args: ResumeArgs) -> u8 {
    let durable = match durable::open(&args.suspend_dir) {
        Ok(durable) => durable,
        Err(message) => return usage(message),
    };
    let mut modules = Modules::default();
    for (name, file) in &args.modules {
        if let Err(e) = modules.add_file(name.clone(), file) {
            return usage(format!("[{}]: {e}", e.kind()));
        }
    }
    let mut resume = jsbox::Resume::new(args.id).logs(Arc::new(StderrSink));
    for (call_id, value) in args.results {
        resume = resume.result(call_id, value);
    }
    for (call_id, error) in args.errors {
        resume = resume.error(call_id, error);
    }
    let mut config = EngineConfig::default();
    config.modules = modules;
    match Engine::new(config) {
        Err(e) => script_error(&e),
        Ok(engine) => match engine.resume(&durable, resume).await {
            Ok(run) => durable::print(run, args.stats),
            Err(e) => script_error(&e),
        },
    }
}

async fn bench(args: BenchArgs) -> u8 {
    if !args.limits.mcp_servers.is_empty() {
        return usage("bench does not start --mcp-server (measure with a helper of your own)".into());
    }
    let Prepared { execution, policy, modules } = match prepare(&args.script, args.limits, &args.args) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    if args.n == 0 {
        return usage("-n must be at least 1".into());
    }
    let warmup = args.warmup.unwrap_or((args.n / 10).clamp(1, 100));
    // Enough pool slots for every execution in flight, so all of them run
    // at once rather than wait for a slot.
    let mut config = EngineConfig::default();
    config.modules = modules;
    config.max_concurrency = config.max_concurrency.max(args.concurrency.try_into().unwrap_or(u32::MAX));
    if args.no_bytecode_cache {
        config.bytecode_cache = 0;
    }
    let mut policy = policy;
    if args.echo_helper {
        let echo = config.helpers.add_sync("bench.echo", |call| Ok(call.args.first().cloned().unwrap_or_default()));
        if let Err(e) = echo {
            return script_error(&e);
        }
        if let Some(path) = &args.echo_schema {
            let schema = match read_helper_schema(path) {
                Ok(schema) => schema,
                Err(e) => return usage(format!("cannot read {}: {e}", path.display())),
            };
            if let Err(e) = config.helpers.set_schema("bench.echo", schema) {
                return script_error(&e);
            }
        }
        policy = policy.allow_helper("bench.echo");
    }
    if args.durable {
        if let Err(e) = config.helpers.add_durable("approval", |_call| async { jsbox::HelperReply::Later }) {
            return script_error(&e);
        }
        policy = policy.allow_helper("approval");
        let key = jsbox::ContinuationKey::generate();
        let (durable, store) = match &args.suspend_dir {
            Some(dir) => match jsbox::FsStore::new(dir) {
                Ok(store) => (jsbox::Durable::new(key, store), "fs"),
                Err(e) => return script_error(&e),
            },
            None => (jsbox::Durable::new(key, jsbox::MemoryStore::default()), "memory"),
        };
        let engine = match Engine::new(config) {
            Ok(engine) => engine,
            Err(e) => return script_error(&e),
        };
        let report = if args.hold {
            bench::durable_held(&engine, &policy, &execution, &durable, args.n).await.map(|r| serde_json::to_string(&r))
        } else {
            bench::durable(&engine, &policy, &execution, &durable, store, args.n, warmup)
                .await
                .map(|r| serde_json::to_string(&r))
        };
        return match report {
            Ok(text) => {
                println!("{}", text.expect("a report serializes"));
                0
            }
            Err(e) => script_error(&e),
        };
    }
    let report = match Engine::new(config) {
        Err(e) => Err(e),
        Ok(engine) => bench::run(&engine, &policy, &execution, args.n, args.concurrency, warmup).await,
    };
    match report {
        Ok(report) => {
            println!("{}", serde_json::to_string(&report).expect("a report serializes"));
            0
        }
        Err(e) => script_error(&e),
    }
}

/// The engine and policy of `types` and `mcp`: the flags' policy, their
/// modules, and the tools of their `--mcp-server`s as helpers.
async fn engine_for(
    mut limits: PolicyArgs,
    exit_on_signal: bool,
) -> Result<(Engine, Policy, mcp::tools::McpServers), u8> {
    let servers = std::mem::take(&mut limits.mcp_servers);
    let start_timeout = limits.mcp_start_timeout;
    let mut config = EngineConfig::default();
    config.modules = limits.modules().map_err(usage)?;
    let mut policy = limits.policy().map_err(usage)?;
    let running = mcp::tools::connect(&servers, start_timeout, exit_on_signal, &mut config.helpers, &mut policy)
        .await
        .map_err(usage)?;
    let engine = Engine::new(config).map_err(|e| script_error(&e))?;
    Ok((engine, policy, running))
}

async fn types(args: TypesArgs) -> u8 {
    let (engine, policy, _servers) = match engine_for(args.limits, true).await {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    match engine.typescript(&policy) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()) {
                Ok(()) => 0,
                Err(_) => EXIT_SCRIPT_ERROR,
            }
        }
        Err(e) => script_error(&e),
    }
}

async fn mcp_command(args: McpArgs) -> u8 {
    // Over HTTP the server shuts down gracefully on a signal, then the
    // MCP servers stop with it.
    let (engine, policy, _servers) = match engine_for(args.limits, args.listen.is_none()).await {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let server = match mcp::Server::new(Arc::new(engine), policy) {
        Ok(server) => server,
        Err(e) => return script_error(&e),
    };
    let served = match args.listen {
        Some(listen) => mcp::serve_http(server, listen, args.addr_file).await,
        None => mcp::serve_stdio(server).await,
    };
    match served {
        Ok(()) => 0,
        Err(message) => usage(message),
    }
}

fn read_file(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(path)
}
