//! The `jsbox` binary: see `jsbox --help`.
use clap::Parser;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("JSBOX_LOG").unwrap_or_else(|_| "warn".into()))
        .init();
    let cli = jsbox_cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::from(jsbox_cli::EXIT_USAGE);
        }
    };
    std::process::ExitCode::from(runtime.block_on(jsbox_cli::main(cli)))
}
