//! Memory while uploading: streams a large multipart upload (1 GiB by
//! default, `KTS_BENCH_UPLOAD_MIB` to change) through the real edge —
//! router, API-key guard, `LegacyParams`, spool — and prints the process's
//! peak resident memory before and after. Uploads must never sit whole in
//! memory (DESIGN.md, "Quality bars"), so the peak should stay flat.
//!
//! Run: `cargo bench -p kts --bench upload_memory` (release build), or
//! `cargo build -p kts --benches` and run `target/debug/deps/upload_memory-*`
//! to reuse the dev build. Linux only (reads `/proc/self/status`). The client runs in the same process, so the figure
//! is an upper bound for KTS alone.

use std::time::Instant;

use axum::Json;
use axum::Router;
use axum::routing::post;
use bytes::Bytes;
use kts::App;
use kts::config::Settings;
use kts::http::legacy::extract::LegacyParams;
use kts::http::state::AppState;
use serde_json::{Value, json};

const CHUNK: usize = 256 << 10;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

async fn sink(params: LegacyParams) -> Json<Value> {
    Json(json!({ "len": params.file("file").map(|f| f.file.len()) }))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mib: u64 = std::env::var("KTS_BENCH_UPLOAD_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let total = mib << 20;
    let folder = tempfile::tempdir()?;
    let mut settings = Settings::local(folder.path());
    settings.database.max_connections = 2;
    settings.uploads.max_file_bytes = total + 1;
    settings.access.open = true;
    let service: Router<AppState> = Router::new().route("/sink", post(sink));
    let app = App::build_with_service(settings, service).await?;
    let url = format!("http://{}/service/sink", app.address());
    tokio::spawn(app.run_until(std::future::pending()));

    let before = peak_rss_kib();
    let chunks = total.div_ceil(CHUNK as u64);
    let body = futures::stream::iter((0..chunks).map(move |i| {
        let len = if i + 1 == chunks {
            (total - i * CHUNK as u64) as usize
        } else {
            CHUNK
        };
        Ok::<Bytes, std::io::Error>(Bytes::from(vec![0x5a; len]))
    }));
    let part =
        reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(body), total)
            .file_name("big.mp4");
    let form = reqwest::multipart::Form::new().part("file", part);
    let started = Instant::now();
    let answer: Value = reqwest::Client::new()
        .post(&url)
        .multipart(form)
        .send()
        .await?
        .json()
        .await?;
    let elapsed = started.elapsed();
    let after = peak_rss_kib();
    println!(
        "uploaded {mib} MiB in {:.1} s ({:.0} MiB/s); answer {answer}",
        elapsed.as_secs_f64(),
        mib as f64 / elapsed.as_secs_f64()
    );
    println!(
        "peak RSS before {} MiB, after {} MiB",
        before / 1024,
        after / 1024
    );
    Ok(())
}
