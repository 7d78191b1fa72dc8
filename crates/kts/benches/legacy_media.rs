//! Speed and memory of the legacy media calls on each platform KTS fronts;
//! prints figures, asserts none.
//!
//! Both simulators run as child processes (`kts sim`, `kts telestream-sim`),
//! so this process holds KTS and the benchmark's own HTTP clients only. KTS
//! has two instances: 1 the simulated Kaltura partner, 2 the simulated
//! Telestream factory (Flip 3.1, as `kts demo` configures it). For each:
//!
//! 1. Upload of a generated file (1 GiB by default, `KTS_BENCH_UPLOAD_MIB` to
//!    change) through `POST /service/upload_file` (passed on to the
//!    platform's resumable upload while it arrives), then the same file
//!    straight to the simulator in one POST: on Kaltura `uploadToken.add`,
//!    one `uploadToken.upload` of the whole file, `media.add` and
//!    `media.addContent`; on Telestream one multipart `POST /videos.json`.
//!    MiB/s of both, this process's resident memory just before each and its
//!    peak during it (Linux `/proc/self/status`, `VmRSS` and `VmHWM`, the
//!    peak reset before each upload through `/proc/self/clear_refs`; an upper
//!    bound for KTS alone, since the client streams from disk in the same
//!    process), and the peak size of KTS's upload folder.
//! 2. `get_media` through KTS against the calls it makes sent straight with
//!    the same client KTS uses: on Kaltura the multirequest `media.get` +
//!    `thumbAsset.list`; on Telestream `GET videos/{id}` then the video's
//!    encodings with their screenshots. With 1 and 64 concurrent clients:
//!    median, p99 and requests per second (`KTS_BENCH_REQUESTS`, default
//!    1,000 per run).
//! 3. The other read calls users make most — `thumbnail_list`,
//!    `list_captions`, `search_video`, the player page `get_player` — and
//!    `get_media` again, through a second KTS that requires an API key (as
//!    in production; the first runs with open access), against the same
//!    platform calls sent straight, at the same concurrencies. A call KTS
//!    answers without the platform (Kaltura's player page: a locally built
//!    session) has no direct figure; one the platform cannot serve
//!    (Telestream keeps no captions) is left out.
//!
//! `KTS_BENCH_ONLY=kaltura` or `=telestream` runs one platform: the other's
//! runs then leave nothing in the allocator before its upload.
//!
//! Everything runs in one process and one run, so the ratios (KTS ÷ direct)
//! compare figures taken on the same machine at the same time. The table
//! comes last, one row per platform and path (KTS, direct, ratio).
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

/// Chunks or parts in flight in the direct chunked upload, as KTS sends
/// them (`kts::instances::ClientOptions`).
const PARALLEL_CHUNKS: usize = 3;

/// Concurrent clients of each `get_media` run.
const CONCURRENCY: [usize; 2] = [1, 64];

/// A figure of `/proc/self/status` (`VmHWM`, `VmRSS`) in MiB, 0 where
/// unknown.
fn status_mib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.strip_prefix(key).is_some_and(|l| l.starts_with(':')))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

/// This process's peak resident memory so far, in MiB.
fn peak_rss_mib() -> u64 {
    status_mib("VmHWM")
}

/// This process's resident memory now, in MiB: what the allocator kept
/// from earlier runs counts too, so a peak is read against it.
fn rss_mib() -> u64 {
    status_mib("VmRSS")
}

/// Resets the peak to the current resident memory (Linux 4.0 and later), so
/// the next reading covers one upload only. False where the kernel refused:
/// the readings are then peaks since the start.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Starts `kts <args>` (a simulator) and returns it with the base URL it
/// prints on its first line.
async fn start_simulator(args: &[&str]) -> anyhow::Result<(Child, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kts"))
        .args(args)
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
    anyhow::bail!("kts {} did not say where it listens", args[0])
}

/// Samples the size of a folder's files every few milliseconds until
/// stopped, and keeps the peak: KTS's disk use during an upload.
struct DiskWatch {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<u64>,
}

impl DiskWatch {
    fn start(folder: std::path::PathBuf) -> Self {
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(async move {
            let mut peak = 0;
            loop {
                let mut total = 0;
                if let Ok(mut entries) = tokio::fs::read_dir(&folder).await {
                    while let Ok(Some(entry)) = entries.next_entry().await {
                        total += entry.metadata().await.map(|m| m.len()).unwrap_or(0);
                    }
                }
                peak = peak.max(total);
                tokio::select! {
                    _ = &mut stopped => return peak,
                    _ = tokio::time::sleep(Duration::from_millis(5)) => {}
                }
            }
        });
        DiskWatch { stop, task }
    }

    /// The peak in MiB (rounded up).
    async fn stop(self) -> u64 {
        let _ = self.stop.send(());
        self.task.await.unwrap_or(0).div_ceil(1 << 20)
    }
}

/// Writes `mib` MiB: a real video (so a platform that probes its uploads
/// reads it as media), then patterned bytes.
async fn generate_file(path: &Path, mib: u64) -> anyhow::Result<()> {
    let mut file = tokio::fs::File::create(path).await?;
    let sample = tokio::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/media/sample.mp4"
    ))
    .await?;
    let mut block = vec![0u8; 1 << 20];
    for i in 0..mib {
        for (j, byte) in block.iter_mut().enumerate() {
            *byte = (i as usize).wrapping_mul(31).wrapping_add(j) as u8;
        }
        if i == 0 {
            let head = sample.len().min(block.len());
            block[..head].copy_from_slice(&sample[..head]);
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

/// The client that talks to a platform's simulator straight, configured as
/// KTS configures its own (same chunk size), so the difference is KTS.
#[derive(Clone)]
enum Direct {
    Kaltura(kaltura::Client),
    Telestream(telestream::Client),
}

impl Direct {
    /// Uploads the file at `source` straight to the simulator in one POST,
    /// with the calls that make it an entry: on Kaltura `uploadToken.add`,
    /// one `uploadToken.upload` of the whole file, `media.add` and
    /// `media.addContent`; on Telestream one multipart `POST /videos.json`.
    async fn upload(&self, http: &reqwest::Client, source: &Path, mib: u64) -> anyhow::Result<()> {
        match self {
            Direct::Kaltura(client) => {
                let token = client
                    .upload_token()
                    .add(&kaltura::UploadToken {
                        file_name: Some("big.mp4".into()),
                        ..Default::default()
                    })
                    .await?;
                let token = token.id.unwrap_or_default();
                let file = tokio::fs::File::open(source).await?;
                let part = reqwest::multipart::Part::stream_with_length(file_body(file), mib << 20)
                    .file_name("big.mp4");
                let form = reqwest::multipart::Form::new()
                    .text("ks", client.admin_ks()?.expose().to_owned())
                    .text("uploadTokenId", token.clone())
                    .text("resume", "0")
                    .text("finalChunk", "1")
                    .text("resumeAt", "-1")
                    .part("fileData", part);
                let answer: Value = http
                    .post(format!(
                        "{}/api_v3/service/uploadToken/action/upload?format=1",
                        client.service_url().trim_end_matches('/')
                    ))
                    .multipart(form)
                    .send()
                    .await?
                    .json()
                    .await?;
                anyhow::ensure!(answer["status"] == 2, "the upload failed: {answer}");
                entry_of_token(client, token).await?;
            }
            Direct::Telestream(client) => {
                client
                    .upload()
                    .file_name("big.mp4")
                    .small_from_path(source)
                    .await?;
            }
        }
        Ok(())
    }

    /// Uploads the file at `source` straight to the simulator the way KTS
    /// sends it on: on Kaltura `media.add`, a token filled in parallel
    /// chunks, `media.addContent`; on Telestream an upload session.
    async fn upload_in_chunks(&self, source: &Path) -> anyhow::Result<()> {
        match self {
            Direct::Kaltura(client) => {
                let token = client
                    .upload()
                    .file_name("big.mp4")
                    .from_path(source)
                    .await?;
                entry_of_token(client, token.id.unwrap_or_default()).await?;
            }
            Direct::Telestream(client) => {
                client
                    .upload()
                    .file_name("big.mp4")
                    .from_path(source)
                    .await?;
            }
        }
        Ok(())
    }

    /// The calls `get_media` makes for `entry`, in the same order.
    async fn get_media(&self, entry: &str) -> anyhow::Result<()> {
        match self {
            Direct::Kaltura(client) => {
                let mut batch = client.multirequest();
                let got = batch.push(client.media().get(entry));
                let thumbs = batch.push(
                    client
                        .thumb_asset()
                        .list(&kaltura::AssetFilter::for_entry(entry), None),
                );
                let mut results = batch.send().await?;
                results.take(&got)?;
                results.take(&thumbs)?;
            }
            Direct::Telestream(client) => {
                client.videos().get(entry).await?;
                let query = telestream::EncodingQuery {
                    screenshots: true,
                    per_page: Some(100),
                    ..Default::default()
                };
                client.encodings().list_for_video(entry, &query).await?;
            }
        }
        Ok(())
    }
}

/// `media.add` of a video entry and `media.addContent` from `token`: what
/// makes an uploaded token an entry on Kaltura.
async fn entry_of_token(client: &kaltura::Client, token: String) -> anyhow::Result<()> {
    let entry = client
        .media()
        .add(&kaltura::MediaEntry {
            name: Some("big".into()),
            media_type: Some(kaltura::MediaType::Video),
            ..Default::default()
        })
        .await?;
    client
        .media()
        .add_content(
            entry.id.as_deref().unwrap_or_default(),
            &kaltura::Resource::UploadedFileToken { token },
        )
        .await?;
    Ok(())
}

/// A platform under test: its KTS instance and its direct client.
struct Platform {
    /// The platform's name in the table.
    name: &'static str,
    /// KTS's instance of it.
    instance: InstanceId,
    /// Its simulator, straight.
    direct: Direct,
}

/// Latency figures of one run.
#[derive(Debug, Clone, Copy, Default)]
struct Latency {
    median_ms: f64,
    p99_ms: f64,
    per_second: f64,
}

impl Latency {
    fn of(mut latencies: Vec<Duration>, elapsed: Duration) -> Self {
        latencies.sort_unstable();
        let count = latencies.len();
        if count == 0 {
            return Latency::default();
        }
        let at = |q: f64| latencies[((count as f64 * q) as usize).min(count - 1)];
        Latency {
            median_ms: at(0.5).as_secs_f64() * 1e3,
            p99_ms: at(0.99).as_secs_f64() * 1e3,
            per_second: count as f64 / elapsed.as_secs_f64(),
        }
    }
}

/// What one path (through KTS, or direct) to one platform measured.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    upload_mib_per_s: f64,
    rss_before_mib: u64,
    peak_rss_mib: u64,
    /// Peak of KTS's upload folder during the upload.
    peak_disk_mib: u64,
    get_media: [Latency; CONCURRENCY.len()],
}

/// Runs `total` requests made by `make` from `concurrency` tasks; failed
/// requests are counted apart, so they cannot flatter the latencies.
async fn measure<F, Fut>(concurrency: usize, total: usize, make: F) -> anyhow::Result<Latency>
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
            let mut failed = 0usize;
            for _ in 0..per_task {
                let t = Instant::now();
                match make().await {
                    Ok(()) => times.push(t.elapsed()),
                    Err(_) => failed += 1,
                }
            }
            (times, failed)
        }));
    }
    let mut all = Vec::new();
    let mut failed = 0;
    for task in tasks {
        let (times, lost) = task.await?;
        all.extend(times);
        failed += lost;
    }
    let elapsed = started.elapsed();
    if failed > 0 {
        println!("  {failed} of {} requests failed", failed + all.len());
    }
    Ok(Latency::of(all, elapsed))
}

/// The two paths' figures for one platform.
struct Measured {
    kts: Figures,
    direct: Figures,
    /// The read calls of point 3.
    reads: Vec<ReadRow>,
}

/// Everything measured on one platform: the upload both ways, then
/// `get_media` both ways on the entry KTS made.
async fn bench_platform(
    platform: &Platform,
    http: &reqwest::Client,
    kts_url: &str,
    upload_folder: &Path,
    source: &Path,
    mib: u64,
    requests: usize,
) -> anyhow::Result<Measured> {
    let mut kts = Figures::default();
    let mut direct = Figures::default();
    let rate = |d: Duration| mib as f64 / d.as_secs_f64();

    // 1. Upload through KTS, then straight to the simulator.
    reset_peak_rss();
    kts.rss_before_mib = rss_mib();
    let file = tokio::fs::File::open(source).await?;
    let part = reqwest::multipart::Part::stream_with_length(file_body(file), mib << 20)
        .file_name("big.mp4");
    let form = reqwest::multipart::Form::new()
        .text("medianame", "big.mp4")
        .text("mediatype", "video")
        .part("file", part);
    let disk = DiskWatch::start(upload_folder.to_owned());
    let started = Instant::now();
    let answer: Value = http
        .post(format!(
            "{kts_url}/service/upload_file?kaltura_id={}",
            platform.instance
        ))
        .multipart(form)
        .send()
        .await?
        .json()
        .await?;
    kts.upload_mib_per_s = rate(started.elapsed());
    kts.peak_rss_mib = peak_rss_mib();
    kts.peak_disk_mib = disk.stop().await;
    anyhow::ensure!(
        answer["success"] == true,
        "{} upload failed: {answer}",
        platform.name
    );
    let entry_id = answer["entry_id"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("{} upload gave no entry_id: {answer}", platform.name))?
        .to_owned();
    println!(
        "{}: {mib} MiB through KTS at {:.0} MiB/s (entry {entry_id})",
        platform.name, kts.upload_mib_per_s
    );

    reset_peak_rss();
    direct.rss_before_mib = rss_mib();
    let started = Instant::now();
    platform.direct.upload(http, source, mib).await?;
    direct.upload_mib_per_s = rate(started.elapsed());
    direct.peak_rss_mib = peak_rss_mib();
    println!(
        "{}: {mib} MiB straight in one POST at {:.0} MiB/s",
        platform.name, direct.upload_mib_per_s
    );
    let started = Instant::now();
    platform.direct.upload_in_chunks(source).await?;
    let chunked = rate(started.elapsed());
    println!(
        "{}: {mib} MiB straight in {PARALLEL_CHUNKS} parallel chunks at {chunked:.0} MiB/s",
        platform.name
    );

    // 2. get_media through KTS against the calls it makes, straight.
    for (slot, concurrency) in CONCURRENCY.into_iter().enumerate() {
        let client = http.clone();
        let url = format!(
            "{kts_url}/service/get_media/?id={}:{entry_id}",
            platform.instance
        );
        kts.get_media[slot] = measure(concurrency, requests, move || {
            let (client, url) = (client.clone(), url.clone());
            async move {
                let response = client.get(&url).send().await?;
                anyhow::ensure!(response.status().is_success());
                response.bytes().await?;
                Ok(())
            }
        })
        .await?;

        let client = platform.direct.clone();
        let id = entry_id.clone();
        direct.get_media[slot] = measure(concurrency, requests, move || {
            let (client, id) = (client.clone(), id.clone());
            async move { client.get_media(&id).await }
        })
        .await?;
        println!(
            "{}: get_media measured at concurrency {concurrency}",
            platform.name
        );
    }

    // 3. The other read calls, with an API key.
    let reads = bench_reads(platform, http, &entry_id, requests).await?;
    Ok(Measured { kts, direct, reads })
}

/// The read calls of point 3, each a `/service/*` call of KTS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadCall {
    GetMedia,
    ThumbnailList,
    ListCaptions,
    SearchVideo,
    GetPlayer,
}

impl ReadCall {
    const ALL: [ReadCall; 5] = [
        ReadCall::GetMedia,
        ReadCall::ThumbnailList,
        ReadCall::ListCaptions,
        ReadCall::SearchVideo,
        ReadCall::GetPlayer,
    ];

    /// The legacy call's name, which is also its path under `/service/`.
    fn name(self) -> &'static str {
        match self {
            ReadCall::GetMedia => "get_media",
            ReadCall::ThumbnailList => "thumbnail_list",
            ReadCall::ListCaptions => "list_captions",
            ReadCall::SearchVideo => "search_video",
            ReadCall::GetPlayer => "get_player",
        }
    }

    /// The call's URL on the KTS at `kts_url`, for `entry` of `instance`.
    fn url(self, kts_url: &str, instance: InstanceId, entry: &str) -> String {
        match self {
            ReadCall::SearchVideo => {
                format!("{kts_url}/service/search_video/?kaltura_id={instance}")
            }
            call => format!("{kts_url}/service/{}/?id={instance}:{entry}", call.name()),
        }
    }
}

/// Whether the platform serves `call` at all, and whether KTS asks it.
enum DirectCalls {
    /// The platform cannot (Telestream keeps no captions): no row.
    Unsupported,
    /// KTS answers alone: a row without direct figures.
    None,
    /// KTS makes platform calls, which [`Direct::read`] sends straight.
    Some,
}

impl Direct {
    fn calls_for(&self, call: ReadCall) -> DirectCalls {
        match (self, call) {
            (Direct::Telestream(_), ReadCall::ListCaptions) => DirectCalls::Unsupported,
            (Direct::Kaltura(_), ReadCall::GetPlayer) => DirectCalls::None,
            _ => DirectCalls::Some,
        }
    }

    /// The platform calls KTS makes for `call` on `entry`, in the same
    /// order and with the same filters.
    async fn read(&self, call: ReadCall, entry: &str) -> anyhow::Result<()> {
        match (self, call) {
            (_, ReadCall::GetMedia) => self.get_media(entry).await?,
            (Direct::Kaltura(client), ReadCall::ThumbnailList | ReadCall::ListCaptions) => {
                // KTS lists an entry's assets newest first, 500 at most, in
                // one multirequest with the entry (a missing entry is a 404).
                let filter = kaltura::AssetFilter {
                    order_by: Some("-createdAt".into()),
                    ..kaltura::AssetFilter::for_entry(entry)
                };
                let pager = kaltura::FilterPager::page(500, 1);
                let mut batch = client.multirequest();
                let got = batch.push(client.base_entry().get(entry));
                if call == ReadCall::ThumbnailList {
                    let list = batch.push(client.thumb_asset().list(&filter, Some(&pager)));
                    let mut results = batch.send().await?;
                    results.take(&got)?;
                    results.take(&list)?;
                } else {
                    let list = batch.push(client.caption_asset().list(&filter, Some(&pager)));
                    let mut results = batch.send().await?;
                    results.take(&got)?;
                    results.take(&list)?;
                }
            }
            (Direct::Kaltura(client), ReadCall::SearchVideo) => {
                let filter = kaltura::MediaEntryFilter {
                    order_by: Some("-createdAt".into()),
                    ..Default::default()
                };
                let pager = kaltura::FilterPager::page(500, 1);
                client.media().list(Some(&filter), Some(&pager)).await?;
            }
            // The video and its encodings, as for get_media.
            (Direct::Telestream(_), ReadCall::ThumbnailList | ReadCall::GetPlayer) => {
                self.get_media(entry).await?;
            }
            (Direct::Telestream(client), ReadCall::SearchVideo) => {
                // Every video (one page here), then each one's encodings.
                let query = telestream::VideoQuery {
                    page: Some(1),
                    per_page: Some(100),
                    ..Default::default()
                };
                let videos = client.videos().list(&query).await?;
                let encodings = telestream::EncodingQuery {
                    screenshots: true,
                    per_page: Some(100),
                    ..Default::default()
                };
                for video in &videos.items {
                    let id = video.id.as_deref().unwrap_or_default();
                    client.encodings().list_for_video(id, &encodings).await?;
                }
            }
            (Direct::Kaltura(_), ReadCall::GetPlayer)
            | (Direct::Telestream(_), ReadCall::ListCaptions) => {}
        }
        Ok(())
    }
}

/// One read call's figures on one platform.
struct ReadRow {
    call: ReadCall,
    kts: [Latency; CONCURRENCY.len()],
    /// `None` when KTS makes no platform call for it.
    direct: Option<[Latency; CONCURRENCY.len()]>,
}

/// A second KTS on the platform's simulator that requires an API key, and
/// a read key for it: the open KTS of `main` never checks one. Its instance
/// has the same id as the first KTS's and a player, so `get_player` has
/// one to embed. Stops when the returned sender is dropped.
async fn keyed_kts(
    platform: &Platform,
    folder: &Path,
) -> anyhow::Result<(String, String, tokio::sync::oneshot::Sender<()>)> {
    use secrecy::ExposeSecret;

    let mut settings = Settings::local(folder);
    settings.database.max_connections = 4;
    let app = App::build(settings).await?;
    let fields = match &platform.direct {
        Direct::Kaltura(client) => FieldValues::new()
            .with("name", "bench with keys (Kaltura)")
            .with("service_url", client.service_url())
            .with("partner_id", client.partner_id())
            .with("admin_secret", kaltura_sim::Partner::demo().admin_secret)
            .with("user_id", "bench")
            .with("player_uiconf_id", 1),
        Direct::Telestream(client) => FieldValues::new()
            .with("name", "bench with keys (Telestream)")
            .with("platform", "telestream")
            .with("api_generation", "flip-3.1")
            .with("api_url", client.base_url())
            .with("api_key", telestream_sim::Account::demo().api_key)
            .with("factory_id", client.factory_id().unwrap_or_default()),
    };
    app.store()
        .add_instance(&NewInstance {
            id: Some(platform.instance),
            fields,
        })
        .await?;
    let key = app
        .store()
        .create_api_key("bench", kts::store::Scope::Read)
        .await?
        .key
        .expose_secret()
        .to_owned();
    let url = format!("http://{}", app.address());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    Ok((url, key, stop))
}

/// Point 3 on one platform: each read call through a KTS that checks an
/// API key, then straight, at each concurrency.
async fn bench_reads(
    platform: &Platform,
    http: &reqwest::Client,
    entry_id: &str,
    requests: usize,
) -> anyhow::Result<Vec<ReadRow>> {
    let folder = tempfile::tempdir()?;
    let (kts_url, key, _stop) = keyed_kts(platform, folder.path()).await?;
    let mut rows = Vec::new();
    for call in ReadCall::ALL {
        let calls = platform.direct.calls_for(call);
        if matches!(calls, DirectCalls::Unsupported) {
            continue;
        }
        let mut row = ReadRow {
            call,
            kts: Default::default(),
            direct: matches!(calls, DirectCalls::Some).then(Default::default),
        };
        for (slot, concurrency) in CONCURRENCY.into_iter().enumerate() {
            let client = http.clone();
            let url = call.url(&kts_url, platform.instance, entry_id);
            let bearer = format!("Bearer {key}");
            row.kts[slot] = measure(concurrency, requests, move || {
                let request = client.get(&url).header("authorization", &bearer);
                async move {
                    let response = request.send().await?;
                    anyhow::ensure!(response.status().is_success(), "{}", response.status());
                    response.bytes().await?;
                    Ok(())
                }
            })
            .await?;
            if let Some(direct) = &mut row.direct {
                let client = platform.direct.clone();
                let id = entry_id.to_owned();
                direct[slot] = measure(concurrency, requests, move || {
                    let (client, id) = (client.clone(), id.clone());
                    async move { client.read(call, &id).await }
                })
                .await?;
            }
        }
        println!("{}: {} measured", platform.name, call.name());
        rows.push(row);
    }
    Ok(rows)
}

/// The table of point 3: per platform and call, KTS (with an API key),
/// direct and the ratio, at each concurrency.
fn print_read_table(requests: usize, measured: &[(&str, Measured)]) {
    println!();
    println!(
        "read calls through KTS with an API key: {requests} requests per run; \
         median and p99 in ms, then req/s"
    );
    let mut header = format!("{:<11}{:<16}{:<8}", "platform", "call", "path");
    for concurrency in CONCURRENCY {
        let clients = if concurrency == 1 {
            "client"
        } else {
            "clients"
        };
        header.push_str(&format!("  |{:>27}", format!("{concurrency} {clients}")));
    }
    println!("{header}");
    let line = |platform: &str, call: &str, path: &str, latencies: &[Latency]| {
        let mut line = format!("{platform:<11}{call:<16}{path:<8}");
        for latency in latencies {
            line.push_str(&format!(
                "  |{:>9.3}{:>9.3}{:>9.2}",
                latency.median_ms, latency.p99_ms, latency.per_second
            ));
        }
        line
    };
    for (name, m) in measured {
        for row in &m.reads {
            let call = row.call.name();
            println!("{}", line(name, call, "KTS", &row.kts));
            let Some(direct) = &row.direct else {
                println!("{name:<11}{call:<16}direct  (no platform call)");
                continue;
            };
            println!("{}", line(name, call, "direct", direct));
            let ratios: Vec<Latency> = row
                .kts
                .iter()
                .zip(direct)
                .map(|(k, d)| Latency {
                    median_ms: ratio(k.median_ms, d.median_ms),
                    p99_ms: ratio(k.p99_ms, d.p99_ms),
                    per_second: ratio(k.per_second, d.per_second),
                })
                .collect();
            println!("{}", line(name, call, "ratio", &ratios));
        }
    }
}

/// KTS ÷ direct, or 0 when direct measured nothing.
fn ratio(kts: f64, direct: f64) -> f64 {
    if direct > 0.0 { kts / direct } else { 0.0 }
}

/// One row of the table: the figures of one path, or the ratios.
fn row(
    platform: &str,
    path: &str,
    upload: f64,
    rss: &str,
    disk: &str,
    latencies: &[Latency],
) -> String {
    let mut line = format!("{platform:<11}{path:<8}{upload:>9.2}{rss:>10}{disk:>6}");
    for latency in latencies {
        line.push_str(&format!(
            "  |{:>9.3}{:>9.3}{:>9.2}",
            latency.median_ms, latency.p99_ms, latency.per_second
        ));
    }
    line
}

fn print_table(mib: u64, requests: usize, measured: &[(&str, Measured)], rss_reset: bool) {
    println!();
    println!(
        "upload: {mib} MiB in MiB/s; RSS: MiB, this process, before/peak during that upload{}; \
         disk: MiB, peak of KTS's upload folder",
        if rss_reset { "" } else { " (since the start)" }
    );
    println!("get_media: {requests} requests per run; median and p99 in ms, then req/s");
    println!("ratio: KTS ÷ direct (throughput below 1 and latency above 1: KTS is slower)");
    let mut header = format!(
        "{:<11}{:<8}{:>9}{:>10}{:>6}",
        "platform", "path", "upload", "RSS", "disk"
    );
    for concurrency in CONCURRENCY {
        let clients = if concurrency == 1 {
            "client"
        } else {
            "clients"
        };
        let title = format!("get_media, {concurrency} {clients}");
        header.push_str(&format!("  |{title:>27}"));
    }
    println!("{header}");
    for (name, m) in measured {
        let (kts, direct) = (&m.kts, &m.direct);
        println!(
            "{}",
            row(
                name,
                "KTS",
                kts.upload_mib_per_s,
                &format!("{}/{}", kts.rss_before_mib, kts.peak_rss_mib),
                &kts.peak_disk_mib.to_string(),
                &kts.get_media
            )
        );
        println!(
            "{}",
            row(
                name,
                "direct",
                direct.upload_mib_per_s,
                &format!("{}/{}", direct.rss_before_mib, direct.peak_rss_mib),
                "-",
                &direct.get_media
            )
        );
        let ratios: Vec<Latency> = kts
            .get_media
            .iter()
            .zip(&direct.get_media)
            .map(|(k, d)| Latency {
                median_ms: ratio(k.median_ms, d.median_ms),
                p99_ms: ratio(k.p99_ms, d.p99_ms),
                per_second: ratio(k.per_second, d.per_second),
            })
            .collect();
        println!(
            "{}",
            row(
                name,
                "ratio",
                ratio(kts.upload_mib_per_s, direct.upload_mib_per_s),
                "-",
                "-",
                &ratios
            )
        );
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mib = env_number("KTS_BENCH_UPLOAD_MIB", 1024);
    let requests = env_number("KTS_BENCH_REQUESTS", 1000) as usize;
    let max_file = ((mib << 20) + 1).to_string();
    // Everything written (the simulators' files, KTS's upload folder, the
    // source) goes under one folder: `KTS_BENCH_DIR=/dev/shm` keeps the
    // disk's write-back out of the upload figures.
    let folder = match std::env::var_os("KTS_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir)?,
        None => tempfile::tempdir()?,
    };
    let kaltura_data = folder.path().join("kaltura-sim");
    let telestream_data = folder.path().join("telestream-sim");
    let (_kaltura_process, kaltura_url) = start_simulator(&[
        "sim",
        "--listen",
        "127.0.0.1:0",
        "--ready-delay-ms",
        "0",
        "--data-dir",
        &kaltura_data.to_string_lossy(),
    ])
    .await?;
    let (_telestream_process, telestream_url) = start_simulator(&[
        "telestream-sim",
        "--listen",
        "127.0.0.1:0",
        "--encoding-delay-ms",
        "0",
        "--max-file-bytes",
        &max_file,
        "--data-dir",
        &telestream_data.to_string_lossy(),
    ])
    .await?;

    let mut settings = Settings::local(folder.path());
    settings.database.max_connections = 4;
    settings.uploads.max_file_bytes = (mib << 20) + 1;
    settings.access.open = true;
    if let Ok(mib) = std::env::var("KTS_BENCH_CHUNK_MIB") {
        settings.kaltura.chunk_size = mib.parse::<usize>()? << 20;
    }
    let chunk_size = settings.kaltura.chunk_size;
    let upload_folder = settings.uploads.folder.clone();
    let app = App::build(settings).await?;
    let kts_url = format!("http://{}", app.address());

    let partner = kaltura_sim::Partner::demo();
    app.store()
        .add_instance(&NewInstance {
            id: Some(InstanceId::DEFAULT),
            fields: FieldValues::new()
                .with("name", "bench (Kaltura)")
                .with("service_url", &kaltura_url)
                .with("partner_id", partner.id)
                .with("admin_secret", &partner.admin_secret)
                .with("user_id", "bench"),
        })
        .await?;
    let account = telestream_sim::Account::demo();
    let flip_url = format!("{telestream_url}/flip/3.1");
    let telestream_instance = InstanceId::new(2)?;
    app.store()
        .add_instance(&NewInstance {
            id: Some(telestream_instance),
            fields: FieldValues::new()
                .with("name", "bench (Telestream)")
                .with("platform", "telestream")
                .with("api_generation", "flip-3.1")
                .with("api_url", &flip_url)
                .with("api_key", &account.api_key)
                .with("factory_id", telestream_sim::DEMO_FACTORY_ID),
        })
        .await?;
    tokio::spawn(app.run_until(std::future::pending()));

    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()?;
    let platforms = [
        Platform {
            name: "Kaltura",
            instance: InstanceId::DEFAULT,
            direct: Direct::Kaltura(
                kaltura::Client::builder(kaltura_url.as_str(), partner.id)
                    .admin_secret(partner.admin_secret.clone())
                    .chunk_size(chunk_size)
                    .parallel_chunks(PARALLEL_CHUNKS)
                    .build()?,
            ),
        },
        Platform {
            name: "Telestream",
            instance: telestream_instance,
            direct: Direct::Telestream(
                telestream::Client::builder()
                    .api_key(account.api_key.clone())
                    .base_url(flip_url)
                    .factory_id(telestream_sim::DEMO_FACTORY_ID)
                    .chunk_size(chunk_size)
                    .parallel_parts(PARALLEL_CHUNKS)
                    .build()?,
            ),
        },
    ];

    let source = folder.path().join("big.bin");
    generate_file(&source, mib).await?;
    let rss_reset = reset_peak_rss();
    println!("RSS before any upload: {} MiB", rss_mib());
    // One platform alone measures its upload's memory from a fresh process.
    let only = std::env::var("KTS_BENCH_ONLY").unwrap_or_default();
    let mut measured = Vec::new();
    for platform in platforms
        .iter()
        .filter(|p| only.is_empty() || p.name.eq_ignore_ascii_case(&only))
    {
        let figures = bench_platform(
            platform,
            &http,
            &kts_url,
            &upload_folder,
            &source,
            mib,
            requests,
        )
        .await?;
        measured.push((platform.name, figures));
    }
    tokio::fs::remove_file(&source).await?;
    print_table(mib, requests, &measured, rss_reset);
    print_read_table(requests, &measured);
    Ok(())
}
