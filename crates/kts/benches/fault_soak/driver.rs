//! The fault soak's uploads and checks, shared by the benchmark
//! (`benches/fault_soak`) and its small copy in the end-to-end tests.
//!
//! Uploads go through KTS over HTTP as a client would send them: files
//! (`upload_file` with a file part), URLs (`upload_file` with `pullPath`,
//! served from 127.0.0.1) and captions (`add_caption` on entries made
//! beforehand), several at a time, each with a name of its own. The checks
//! ask the simulator directly, with an admin session: every upload KTS
//! reported as a success exists and is complete (READY), nothing reported as
//! failed exists, no live upload token and no asset without content is left.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kaltura::{AssetFilter, Client, FilterPager, MediaEntryFilter, UploadTokenFilter, WireEnum};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

/// Every entry status but DELETED (kaltura-api-v3.md 10.3).
const ANY_ENTRY_STATUS: &str = "-2,-1,0,1,2,4,5,6,7";
/// Kaltura's largest page.
const PAGE: i64 = 500;

/// What an upload sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `upload_file` with a file part.
    File,
    /// `upload_file` with `pullPath`.
    Url,
    /// `add_caption` on an existing entry.
    Caption,
}

/// How one upload ended, as KTS reported it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What was sent.
    pub kind: Kind,
    /// The entry name or caption label it was sent with.
    pub name: String,
    /// KTS answered `success: true`.
    pub success: bool,
    /// The reported entry or caption id.
    pub id: Option<String>,
    /// The entry a caption was added to.
    pub caption_entry: Option<String>,
}

/// Where the soak sends its uploads and what it sends.
#[derive(Debug, Clone)]
pub struct Soak {
    /// KTS's base URL.
    pub kts: String,
    /// The simulator's base URL and partner, for the checks.
    pub sim: String,
    /// Partner id.
    pub partner_id: i64,
    /// Partner admin secret.
    pub admin_secret: String,
    /// Names start with this, so one run's objects are told apart.
    pub run: String,
    /// The video sent as a file and served for URL uploads.
    pub video: Vec<u8>,
    /// The caption file sent.
    pub caption: Vec<u8>,
    /// Uploads finished so far (for a benchmark that acts midway).
    pub done: Arc<AtomicUsize>,
}

/// What the checks found.
#[derive(Debug, Default, Clone)]
pub struct Findings {
    /// Successes per kind.
    pub succeeded: HashMap<&'static str, usize>,
    /// Failures per kind.
    pub failed: HashMap<&'static str, usize>,
    /// Reported successes missing, doubled or not READY.
    pub broken_successes: Vec<String>,
    /// Reported failures that exist anyway (entries and captions).
    pub orphans: Vec<String>,
    /// Live upload tokens (PENDING, PARTIAL_UPLOAD, FULL_UPLOAD).
    pub leftover_tokens: usize,
    /// Caption assets without content.
    pub leftover_assets: usize,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::File => "file",
            Kind::Url => "url",
            Kind::Caption => "caption",
        }
    }
}

impl Soak {
    /// An admin client on the simulator (no retries: the checks run with
    /// faults off).
    pub fn kaltura(&self) -> Client {
        Client::builder(&self.sim, self.partner_id)
            .admin_secret(self.admin_secret.clone())
            .build()
            .expect("a client for the simulator")
    }

    /// Runs `count` uploads, `parallel` at a time, cycling through files,
    /// URLs (of `media_url`) and captions (on `caption_entries`).
    pub async fn run(
        &self,
        count: usize,
        parallel: usize,
        media_url: &str,
        caption_entries: &[String],
    ) -> Vec<Outcome> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .expect("an HTTP client");
        let next = Arc::new(AtomicUsize::new(0));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..parallel {
            let (soak, http, next) = (self.clone(), http.clone(), next.clone());
            let (media_url, entries) = (media_url.to_owned(), caption_entries.to_vec());
            workers.spawn(async move {
                let mut outcomes = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= count {
                        return outcomes;
                    }
                    let kind = match i % 3 {
                        0 => Kind::File,
                        1 => Kind::Url,
                        _ => Kind::Caption,
                    };
                    let entry = &entries[i % entries.len()];
                    outcomes.push(soak.upload(&http, kind, i, &media_url, entry).await);
                    soak.done.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        let mut outcomes = Vec::with_capacity(count);
        while let Some(done) = workers.join_next().await {
            outcomes.extend(done.expect("an upload worker"));
        }
        outcomes
    }

    async fn upload(
        &self,
        http: &reqwest::Client,
        kind: Kind,
        i: usize,
        media_url: &str,
        entry: &str,
    ) -> Outcome {
        let name = format!("{}-{}-{i}", self.run, kind.name());
        let request = match kind {
            Kind::File => http
                .post(format!("{}/service/upload_file", self.kts))
                .multipart(Form::new().text("medianame", format!("{name}.mp4")).part(
                    "file",
                    Part::bytes(self.video.clone()).file_name(format!("{name}.mp4")),
                )),
            Kind::Url => http
                .post(format!("{}/service/upload_file", self.kts))
                .multipart(
                    Form::new()
                        .text("medianame", format!("{name}.mp4"))
                        .text("pullPath", format!("{media_url}?n={i}")),
                ),
            Kind::Caption => http
                .post(format!("{}/service/add_caption", self.kts))
                .multipart(
                    Form::new()
                        .text("id", format!("1:{entry}"))
                        .text("name", name.clone())
                        .text("language", "en")
                        .part(
                            "file",
                            Part::bytes(self.caption.clone()).file_name("soak.srt"),
                        ),
                ),
        };
        let answer: Option<Value> = match request.send().await {
            Ok(response) => response.json().await.ok(),
            Err(_) => None,
        };
        let success = answer
            .as_ref()
            .is_some_and(|a| a["success"] == Value::Bool(true));
        let id_key = if kind == Kind::Caption {
            "caption_id"
        } else {
            "entry_id"
        };
        Outcome {
            kind,
            name,
            success,
            id: answer
                .as_ref()
                .and_then(|a| a[id_key].as_str().map(str::to_owned)),
            caption_entry: (kind == Kind::Caption).then(|| entry.to_owned()),
        }
    }

    /// Every entry of this run, any status: name → (id, status).
    async fn entries(&self, client: &Client) -> HashMap<String, Vec<(String, i64)>> {
        let mut by_name: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        for index in 1.. {
            let filter = MediaEntryFilter {
                name_like: Some(self.run.clone()),
                status_in: Some(ANY_ENTRY_STATUS.into()),
                order_by: Some("+createdAt".into()),
                ..Default::default()
            };
            let pager = FilterPager::page(PAGE, index);
            let page = client
                .media()
                .list(Some(&filter), Some(&pager))
                .await
                .expect("media.list on the simulator");
            let size = page.objects.len();
            for entry in page.objects {
                let status = entry
                    .status
                    .as_ref()
                    .map_or(-99, |s| s.as_wire().parse::<i64>().unwrap_or(-99));
                by_name
                    .entry(entry.name.unwrap_or_default())
                    .or_default()
                    .push((entry.id.unwrap_or_default(), status));
            }
            if size < PAGE as usize {
                break;
            }
        }
        by_name
    }

    /// Waits (up to `patience`) until no entry of this run is still
    /// importing or converting, so that "complete" can be judged.
    pub async fn settle(&self, patience: Duration) {
        let client = self.kaltura();
        let started = Instant::now();
        while started.elapsed() < patience {
            let busy = self
                .entries(&client)
                .await
                .values()
                .flatten()
                .any(|(_, status)| matches!(status, 0 | 1));
            if !busy {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Compares what KTS reported with what the simulator holds.
    pub async fn check(&self, outcomes: &[Outcome], caption_entries: &[String]) -> Findings {
        let client = self.kaltura();
        let mut findings = Findings::default();
        let entries = self.entries(&client).await;
        let mut captions: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        for entry in caption_entries {
            let list = client
                .caption_asset()
                .list(
                    &AssetFilter::for_entry(entry),
                    Some(&FilterPager::page(PAGE, 1)),
                )
                .await
                .expect("captionAsset.list on the simulator");
            for asset in list.objects {
                let status = asset
                    .status
                    .as_ref()
                    .map_or(-99, |s| s.as_wire().parse::<i64>().unwrap_or(-99));
                if status != 2 {
                    findings.leftover_assets += 1;
                }
                captions
                    .entry(asset.label.unwrap_or_default())
                    .or_default()
                    .push((asset.id.unwrap_or_default(), status));
            }
        }
        for outcome in outcomes {
            let tally = if outcome.success {
                &mut findings.succeeded
            } else {
                &mut findings.failed
            };
            *tally.entry(outcome.kind.name()).or_default() += 1;
            let found = match outcome.kind {
                Kind::Caption => captions.get(&outcome.name),
                Kind::File | Kind::Url => entries.get(&outcome.name),
            };
            let found = found.map_or(&[][..], Vec::as_slice);
            if outcome.success {
                let complete = matches!(found, [(id, 2)] if Some(id) == outcome.id.as_ref());
                if !complete {
                    findings
                        .broken_successes
                        .push(format!("{} {:?}", outcome.name, found));
                }
            } else if !found.is_empty() {
                findings
                    .orphans
                    .push(format!("{} {:?}", outcome.name, found));
            }
        }
        let filter = UploadTokenFilter {
            status_in: Some("0,1,2".into()),
            ..Default::default()
        };
        let tokens = client
            .upload_token()
            .list(&filter, Some(&FilterPager::page(PAGE, 1)))
            .await
            .expect("uploadToken.list on the simulator");
        findings.leftover_tokens = tokens.total_count.unwrap_or(0) as usize;
        findings
    }
}

/// Serves `bytes` at `/video.mp4` on a free port of 127.0.0.1, for URL
/// uploads; returns the URL. Lives as long as the runtime.
pub async fn serve_video(bytes: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address: SocketAddr = listener.local_addr().expect("a bound address");
    let bytes = bytes::Bytes::from(bytes);
    let app = axum::Router::new().route(
        "/video.mp4",
        axum::routing::get(move || {
            let bytes = bytes.clone();
            async move { ([("content-type", "video/mp4")], bytes) }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/video.mp4")
}

/// Waits (up to `patience`) until `backlog` reports no clean-up left;
/// returns what was left.
pub async fn drain<F, Fut>(patience: Duration, mut backlog: F) -> i64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = i64>,
{
    let started = Instant::now();
    loop {
        let left = backlog().await;
        if left == 0 || started.elapsed() >= patience {
            return left;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
