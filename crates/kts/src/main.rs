//! The `kts` binary: parse the command line, start logging, run the command.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = kts::cli::Cli::parse();
    kts::telemetry::init(cli.log_format, cli.log_filter())?;
    kts::cli::run(cli.command).await
}
