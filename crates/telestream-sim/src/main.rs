//! `telestream-sim`: runs the Telestream Cloud simulator alone. Prints `listening on http://127.0.0.1:PORT`
//! as the first line of stdout, so scripts and tests can start it on port 0 and read the address.

use std::io::Write;

use clap::Parser;
use telestream_sim::SimArgs;

/// A Telestream Cloud (v3.0 and Flip 3.1) compatible server for tests, benchmarks and demos.
#[derive(Debug, Parser)]
#[command(name = "telestream-sim", version)]
struct Cli {
    #[command(flatten)]
    sim: SimArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "telestream_sim=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let handle = Cli::parse().sim.into_builder().spawn().await?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {}", handle.base_url())?;
    stdout.flush()?;
    drop(stdout);
    handle
        .run_until_stopped(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
