//! The `jsbox` binary: see `jsbox --help`.
use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = jsbox_cli::Cli::parse();
    // Logs (and the service's access log) go to stderr: `JSBOX_LOG` filters
    // (e.g. `info`, `jsbox::access=info,warn`), `JSBOX_LOG_FORMAT=json` makes
    // them one JSON object per line.
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("JSBOX_LOG").unwrap_or_else(|_| cli.default_log_level().into());
    let colors = std::io::IsTerminal::is_terminal(&std::io::stderr());
    // Written by a background thread, in batches: the service's access log
    // costs no system call and no wake-up on the request's path. Lines still
    // pending are written when `_flush` drops at exit.
    let (writer, _flush) = jsbox_cli::log_output::stderr();
    let logs = tracing_subscriber::fmt().with_writer(writer).with_ansi(colors).with_env_filter(filter);
    if std::env::var("JSBOX_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
    raise_open_file_limit();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::from(jsbox_cli::EXIT_USAGE);
        }
    };
    std::process::ExitCode::from(runtime.block_on(jsbox_cli::main(cli)))
}

/// Thousands of sandboxes awaiting responses hold a socket each: the soft
/// open-file limit (often 1,024) is raised to the hard one, as servers do.
/// Past that, a request fails with a `connect` error the script can catch,
/// never a crash.
fn raise_open_file_limit() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let mut limit = getrlimit(Resource::Nofile);
        if limit.current < limit.maximum {
            limit.current = limit.maximum;
            let _ = setrlimit(Resource::Nofile, limit);
        }
    }
}
