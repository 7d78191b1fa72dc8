//! Fault soak: uploads through a real `kts serve` while the simulator
//! misbehaves, then proof that nothing was left behind. Prints counts,
//! asserts none (a benchmark; the test suite runs a small copy that does).
//!
//! Two child processes, as in production: `kts sim` with fault rules (10 %
//! API errors, 5 % dropped connections that cut the answer after the action
//! ran, and latency spikes of 2 s on 2 % of calls) and `kts serve` against it
//! with an instance added by `kts instance add`. 1,000 uploads
//! (`KTS_SOAK_UPLOADS`) — files, URLs served from 127.0.0.1 and captions — go
//! 8 at a time (`KTS_SOAK_PARALLEL`). Then the faults stop, the clean-up queue
//! (`undo_jobs`) is awaited until empty, and the simulator is asked directly:
//! successes exist and are READY, failures do not exist, no live upload token
//! and no caption asset without content is left, the upload folder is empty.
//!
//! Then the same again with the simulator killed (SIGKILL) midway and
//! restarted on the same port from its data folder after 3 s
//! (`KTS_SOAK_RESTART=0` skips this run).
//!
//! Run: `cargo bench -p kts --bench fault_soak`.

#[allow(dead_code, unreachable_pub)]
mod driver;

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use driver::{Findings, Soak};
use kts::config::{DatabaseUrl, SecretKey};
use kts::store::Store;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const SECRET_KEY: &str = "soak-soak-soak-soak-soak-soak-soak-soak";
const FAULTS: &str = "*:api_error_rate=0.1,drop_rate=0.05,spike_rate=0.02,spike_ms=2000";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fixture(path: &str) -> anyhow::Result<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    std::fs::read(root.join(path)).with_context(|| format!("fixture {path}"))
}

/// Starts `kts sim` on `listen` keeping its state in `data`; returns it with
/// its base URL.
async fn start_simulator(
    listen: &str,
    data: &Path,
    faults: &str,
) -> anyhow::Result<(Child, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kts"))
        .args(["sim", "--listen", listen, "--ready-delay-ms", "0"])
        .arg("--data-dir")
        .arg(data)
        .args(["--fault", faults])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    while let Some(line) = lines.next_line().await? {
        if let Some(url) = line.strip_prefix("listening on ") {
            return Ok((child, url.trim().to_owned()));
        }
    }
    anyhow::bail!("the simulator did not say where it listens")
}

/// Sets the simulator's fault rules at run time.
async fn set_faults(sim: &str, rules: &[&str]) -> anyhow::Result<()> {
    let rules: Vec<kaltura_sim::FaultRule> =
        rules.iter().map(|r| r.parse()).collect::<Result<_, _>>()?;
    reqwest::Client::new()
        .put(format!("{sim}/__sim/faults"))
        .json(&kaltura_sim::FaultSet { rules })
        .send()
        .await?
        .error_for_status()?;
    Ok(())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// One soak run; returns what the checks found and the clean-up backlog left.
async fn soak(uploads: usize, parallel: usize, restart: bool) -> anyhow::Result<()> {
    let folder = tempfile::tempdir()?;
    let sim_data = folder.path().join("sim");
    let database = folder.path().join("kts.sqlite3");
    let upload_folder = folder.path().join("uploads");
    let (mut sim_process, sim_url) = start_simulator("127.0.0.1:0", &sim_data, FAULTS).await?;
    let sim_listen = sim_url.trim_start_matches("http://").to_owned();
    let partner = kaltura_sim::Partner::demo();

    let status = Command::new(env!("CARGO_BIN_EXE_kts"))
        .args(["instance", "add", "--id", "1", "--name", "soak"])
        .args(["--service-url", &sim_url])
        .args(["--partner-id", &partner.id.to_string()])
        .args(["--user-id", "soak@example.org"])
        .env("KTS_INSTANCE_ADMIN_SECRET", &partner.admin_secret)
        .env("KTS_INSTANCE_USER_SECRET", &partner.user_secret)
        .env("KTS_DATABASE_URL", &database)
        .env("KTS_SECRET_KEY", SECRET_KEY)
        .stdout(Stdio::null())
        .status()
        .await?;
    anyhow::ensure!(status.success(), "kts instance add failed");
    let port = free_port()?;
    let _kts = Command::new(env!("CARGO_BIN_EXE_kts"))
        .args(["serve", "--host", "127.0.0.1", "--port", &port.to_string()])
        .env("KTS_DATABASE_URL", &database)
        .env("KTS_SECRET_KEY", SECRET_KEY)
        .env("UPLOAD_FOLDER", &upload_folder)
        .env("KTS_OPEN_ACCESS", "true")
        .env("KTS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let kts_url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    for _ in 0..200 {
        if http.get(format!("{kts_url}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let store = Store::connect(
        &DatabaseUrl::Sqlite(database.clone()),
        1,
        &SecretKey::new(SECRET_KEY.into()).map_err(anyhow::Error::msg)?,
    )
    .await?;

    let soak = Soak {
        kts: kts_url,
        sim: sim_url.clone(),
        partner_id: partner.id,
        admin_secret: partner.admin_secret.clone(),
        run: format!("soak{}", std::process::id()),
        video: fixture("media/sample.mp4")?,
        caption: fixture("captions/simple.srt")?,
        done: Arc::new(AtomicUsize::new(0)),
    };
    let media_url = driver::serve_video(soak.video.clone()).await;
    // Entries for the captions, made with the faults off.
    set_faults(&sim_url, &[]).await?;
    let maker = Soak {
        run: format!("{}-targets", soak.run),
        done: Arc::new(AtomicUsize::new(0)),
        ..soak.clone()
    };
    let targets = maker.run(2, 2, &media_url, &["0_none".to_owned()]).await;
    let caption_entries: Vec<String> = targets
        .iter()
        .filter(|o| o.success)
        .filter_map(|o| o.id.clone())
        .collect();
    anyhow::ensure!(!caption_entries.is_empty(), "no entry for the captions");
    set_faults(&sim_url, &[FAULTS]).await?;

    let started = Instant::now();
    let running = {
        let (soak, media_url, entries) = (soak.clone(), media_url.clone(), caption_entries.clone());
        tokio::spawn(async move { soak.run(uploads, parallel, &media_url, &entries).await })
    };
    if restart {
        while soak.done.load(Ordering::SeqCst) < uploads / 2 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        sim_process.kill().await?;
        println!(
            "  simulator killed after {} uploads",
            soak.done.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (process, _) = start_simulator(&sim_listen, &sim_data, FAULTS).await?;
        sim_process = process;
        println!("  simulator restarted");
    }
    let outcomes = running.await?;
    let upload_time = started.elapsed();
    set_faults(&sim_url, &[]).await?;

    let drain_started = Instant::now();
    let backlog = driver::drain(Duration::from_secs(600), || async {
        store.undo_backlog().await.unwrap_or(-1)
    })
    .await;
    let drain_time = drain_started.elapsed();
    soak.settle(Duration::from_secs(60)).await;
    let findings = soak.check(&outcomes, &caption_entries).await;
    let files = std::fs::read_dir(&upload_folder).map_or(0, |d| d.count());
    print_findings(&findings, backlog, files, upload_time, drain_time);
    drop(sim_process);
    Ok(())
}

fn print_findings(
    findings: &Findings,
    backlog: i64,
    files: usize,
    upload_time: Duration,
    drain_time: Duration,
) {
    for kind in ["file", "url", "caption"] {
        println!(
            "  {kind:<8} succeeded {:>4}  failed {:>4}",
            findings.succeeded.get(kind).copied().unwrap_or(0),
            findings.failed.get(kind).copied().unwrap_or(0)
        );
    }
    println!(
        "  uploads took {:.1} s; clean-up queue drained in {:.1} s (left: {backlog})",
        upload_time.as_secs_f64(),
        drain_time.as_secs_f64()
    );
    println!(
        "  successes missing or incomplete: {}",
        findings.broken_successes.len()
    );
    println!(
        "  orphans (reported failed, exist): {}",
        findings.orphans.len()
    );
    println!("  leftover upload tokens: {}", findings.leftover_tokens);
    println!("  leftover empty assets: {}", findings.leftover_assets);
    println!("  files in the upload folder: {files}");
    for line in findings
        .broken_successes
        .iter()
        .chain(&findings.orphans)
        .take(10)
    {
        println!("    {line}");
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let uploads = env_number("KTS_SOAK_UPLOADS", 1000) as usize;
    let parallel = env_number("KTS_SOAK_PARALLEL", 8) as usize;
    println!("fault soak: {uploads} uploads, {parallel} at a time, faults {FAULTS}");
    soak(uploads, parallel, false).await?;
    if env_number("KTS_SOAK_RESTART", 1) == 1 {
        println!("fault soak with the simulator killed and restarted midway:");
        soak(uploads, parallel, true).await?;
    }
    Ok(())
}
