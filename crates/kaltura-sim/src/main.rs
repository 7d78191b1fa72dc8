//! `kaltura-sim`: runs the Kaltura simulator alone. Prints `listening on http://127.0.0.1:PORT` as the first
//! line of stdout, so scripts and tests can start it on port 0 and read the address.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use kaltura_sim::{FaultRule, FaultSet, Partner, Simulator};

/// A Kaltura api_v3 compatible server for tests, benchmarks and demos.
#[derive(Debug, Parser)]
#[command(name = "kaltura-sim", version)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "KALTURA_SIM_LISTEN", default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// A partner as ID:ADMIN_SECRET:USER_SECRET[:v1|v2] (repeatable); the version is that of the KSs
    /// `session.start` answers, v2 when omitted. Default: the demo partner 100.
    #[arg(long = "partner", value_parser = parse_partner)]
    partners: Vec<Partner>,
    /// Folder that keeps state and files across restarts. Default: a temporary folder.
    #[arg(long, env = "KALTURA_SIM_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Milliseconds an uploaded video or audio entry stays PRECONVERT before it is READY.
    #[arg(long, default_value_t = 200)]
    ready_delay_ms: u64,
    /// Milliseconds a final upload chunk waits for earlier chunks that have not arrived (Kaltura: 30 s).
    #[arg(long, default_value_t = 30_000)]
    final_chunk_wait_ms: u64,
    /// A fault rule as TARGET:key=value,… (repeatable); e.g. `media.get:api_error_rate=0.5`,
    /// `*:latency_ms=100`, `uploadtoken.upload:drop_rate=0.2,stall_upload_ms=5000`.
    #[arg(long = "fault")]
    faults: Vec<FaultRule>,
}

fn parse_partner(s: &str) -> Result<Partner, String> {
    Partner::parse(s).map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "kaltura_sim=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let mut builder = Simulator::builder()
        .bind(cli.listen)
        .ready_delay(Duration::from_millis(cli.ready_delay_ms))
        .final_chunk_wait(Duration::from_millis(cli.final_chunk_wait_ms))
        .faults(FaultSet { rules: cli.faults });
    for partner in cli.partners {
        builder = builder.partner(partner);
    }
    if let Some(dir) = cli.data_dir {
        builder = builder.data_dir(dir);
    }
    let handle = builder.spawn().await?;
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
