//! Speed and memory of the legacy media calls; prints figures, asserts none.
//!
//! The simulator runs as a child process (`kts sim`), so this process holds
//! KTS and the benchmark's own HTTP client only:
//!
//! 1. Upload of a generated file (1 GiB by default, `KTS_BENCH_UPLOAD_MIB` to
//!    change) through `POST /service/upload_file` (spool to disk, chunked
//!    upload to Kaltura, entry guard), then the same steps straight to the
//!    simulator with the `kaltura` client (`media.add`, chunked upload,
//!    `media.addContent`): MiB/s of both, and this process's peak resident
//!    memory before and after (Linux `/proc/self/status`, `VmHWM`; an upper
//!    bound for KTS alone, since the client streams from disk here too).
//! 2. `get_media` through KTS against the same `media.get` sent straight to
//!    the simulator, and against the multirequest `get_media` makes
//!    (`media.get` + `thumbAsset.list`) sent straight with the `kaltura`
//!    client, with 1 and 64 concurrent clients: median, p99 and requests per
//!    second (`KTS_BENCH_REQUESTS`, default 1,000 per run).
//!
//! Run: `cargo bench -p kts --bench legacy_media` (release), or
//! `cargo build -p kts --benches` and run `target/debug/deps/legacy_media-*`.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kts::App;
use kts::config::Settings;
use kts::ids::InstanceId;
use kts::store::{FieldValues, NewInstance};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Starts `kts sim` and returns it with its base URL.
async fn start_simulator() -> anyhow::Result<(Child, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kts"))
        .args(["sim", "--listen", "127.0.0.1:0", "--ready-delay-ms", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let mut lines = BufReader::new(stdout).lines();
    while let Some(line) = lines.next_line().await? {
        if let Some(url) = line.strip_prefix("listening on ") {
            return Ok((child, url.trim().to_owned()));
        }
    }
    anyhow::bail!("the simulator did not say where it listens")
}

/// Writes `mib` MiB of patterned bytes.
async fn generate_file(path: &Path, mib: u64) -> anyhow::Result<()> {
    let mut file = tokio::fs::File::create(path).await?;
    let mut block = vec![0u8; 1 << 20];
    for i in 0..mib {
        for (j, byte) in block.iter_mut().enumerate() {
            *byte = (i as usize).wrapping_mul(31).wrapping_add(j) as u8;
        }
        file.write_all(&block).await?;
    }
    file.flush().await?;
    Ok(())
}

/// The file as a body of 1 MiB frames. A file given to reqwest as is goes
/// out in small reads, which made this client, not KTS, the bottleneck.
fn file_body(file: tokio::fs::File) -> reqwest::Body {
    let frames = futures::stream::try_unfold(file, |mut file| async move {
        let mut frame = vec![0u8; 1 << 20];
        let read = file.read(&mut frame).await?;
        if read == 0 {
            return Ok::<_, std::io::Error>(None);
        }
        frame.truncate(read);
        Ok(Some((frame, file)))
    });
    reqwest::Body::wrap_stream(frames)
}

/// Latency figures of one run.
fn report(label: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort_unstable();
    let count = latencies.len();
    if count == 0 {
        println!("{label}: no requests");
        return;
    }
    let at = |q: f64| latencies[((count as f64 * q) as usize).min(count - 1)];
    println!(
        "{label:<40} n={count:<5} median {:>7.2} ms  p99 {:>7.2} ms  {:>8.0} req/s",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        count as f64 / elapsed.as_secs_f64()
    );
}

/// Runs `total` requests made by `make` from `concurrency` tasks.
async fn measure<F, Fut>(concurrency: usize, total: usize, make: F) -> (Vec<Duration>, Duration)
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    let make = Arc::new(make);
    let per_task = total.div_ceil(concurrency);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(per_task);
            for _ in 0..per_task {
                let t = Instant::now();
                if make().await.is_ok() {
                    times.push(t.elapsed());
                }
            }
            times
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap_or_default());
    }
    (all, started.elapsed())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mib = env_number("KTS_BENCH_UPLOAD_MIB", 1024);
    let requests = env_number("KTS_BENCH_REQUESTS", 1000) as usize;
    let (_sim_process, sim_url) = start_simulator().await?;
    let folder = tempfile::tempdir()?;
    let mut settings = Settings::local(folder.path());
    settings.database.max_connections = 4;
    settings.uploads.max_file_bytes = (mib << 20) + 1;
    settings.access.open = true;
    let app = App::build(settings).await?;
    let kts_url = format!("http://{}", app.address());
    let partner = kaltura_sim::Partner::demo();
    app.store()
        .add_instance(&NewInstance {
            id: Some(InstanceId::DEFAULT),
            fields: FieldValues::new()
                .with("name", "bench")
                .with("service_url", &sim_url)
                .with("partner_id", partner.id)
                .with("admin_secret", &partner.admin_secret)
                .with("user_id", "bench"),
        })
        .await?;
    tokio::spawn(app.run_until(std::future::pending()));
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()?;
    let kaltura = kaltura::Client::builder(sim_url.as_str(), partner.id)
        .admin_secret(partner.admin_secret.clone())
        .build()?;

    // 1. Upload through KTS, then straight to the simulator.
    let source = folder.path().join("big.bin");
    generate_file(&source, mib).await?;
    let before = peak_rss_mib();
    let file = tokio::fs::File::open(&source).await?;
    let part = reqwest::multipart::Part::stream_with_length(file_body(file), mib << 20)
        .file_name("big.mp4");
    let form = reqwest::multipart::Form::new()
        .text("medianame", "big.mp4")
        .text("mediatype", "video")
        .part("file", part);
    let started = Instant::now();
    let answer: Value = http
        .post(format!("{kts_url}/service/upload_file"))
        .multipart(form)
        .send()
        .await?
        .json()
        .await?;
    let through_kts = started.elapsed();
    let after_kts = peak_rss_mib();
    anyhow::ensure!(answer["success"] == true, "upload failed: {answer}");

    let started = Instant::now();
    let entry = kaltura
        .media()
        .add(&kaltura::MediaEntry {
            name: Some("big".into()),
            media_type: Some(kaltura::MediaType::Video),
            ..Default::default()
        })
        .await?;
    let token = kaltura.upload().from_path(&source).await?;
    kaltura
        .media()
        .add_content(
            entry.id.as_deref().unwrap_or_default(),
            &kaltura::Resource::UploadedFileToken {
                token: token.id.unwrap_or_default(),
            },
        )
        .await?;
    let direct = started.elapsed();
    let rate = |d: Duration| mib as f64 / d.as_secs_f64();
    println!(
        "upload {mib} MiB through KTS: {:.1} s, {:.0} MiB/s; straight to the simulator: {:.1} s, {:.0} MiB/s",
        through_kts.as_secs_f64(),
        rate(through_kts),
        direct.as_secs_f64(),
        rate(direct)
    );
    println!("peak RSS of the KTS process: {before} MiB before the upload, {after_kts} MiB after");
    tokio::fs::remove_file(&source).await?;

    // 2. get_media through KTS against media.get straight to the simulator.
    let entry_id = answer["entry_id"].as_str().unwrap_or_default().to_owned();
    let ks = kaltura.admin_ks()?.expose().to_owned();
    for concurrency in [1usize, 64] {
        let (client, url) = (
            http.clone(),
            format!("{kts_url}/service/get_media/?id=1:{entry_id}"),
        );
        let (times, elapsed) = measure(concurrency, requests, move || {
            let (client, url) = (client.clone(), url.clone());
            async move {
                let response = client.get(&url).send().await?;
                anyhow::ensure!(response.status().is_success());
                response.bytes().await?;
                Ok(())
            }
        })
        .await;
        report(
            &format!("get_media through KTS, {concurrency} clients"),
            times,
            elapsed,
        );

        let client = http.clone();
        let url = format!("{sim_url}/api_v3/service/media/action/get");
        let body = format!("format=1&ks={ks}&entryId={entry_id}");
        let (times, elapsed) = measure(concurrency, requests, move || {
            let (client, url, body) = (client.clone(), url.clone(), body.clone());
            async move {
                let response = client
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await?;
                anyhow::ensure!(response.status().is_success());
                response.bytes().await?;
                Ok(())
            }
        })
        .await;
        report(
            &format!("media.get straight to the simulator, {concurrency} clients"),
            times,
            elapsed,
        );

        // The same multirequest KTS sends, with the same client: what is left
        // between this and KTS is KTS's own work.
        let client = kaltura.clone();
        let id = entry_id.clone();
        let (times, elapsed) = measure(concurrency, requests, move || {
            let (client, id) = (client.clone(), id.clone());
            async move {
                let mut batch = client.multirequest();
                let entry = batch.push(client.media().get(&id));
                let thumbs = batch.push(
                    client
                        .thumb_asset()
                        .list(&kaltura::AssetFilter::for_entry(&id), None),
                );
                let mut results = batch.send().await?;
                results.take(&entry)?;
                results.take(&thumbs)?;
                Ok(())
            }
        })
        .await;
        report(
            &format!("get_media's multirequest straight, {concurrency} clients"),
            times,
            elapsed,
        );
    }
    Ok(())
}
