//! Figures, not assertions: `media.get` calls per second through the client against the in-process
//! simulator (next to the same request sent with plain reqwest), and upload throughput of the chunked
//! uploader next to one plain HTTP POST of the same bytes.
//!
//! Run: `cargo bench -p kaltura --bench client` (add `--profile dev` to skip the release build).
//! `KALTURA_BENCH_MIB` sets the upload size (default 128).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use bytes::Bytes;
use kaltura::{Client, MediaEntry, MediaType, UploadToken};

const PARTNER: i64 = 100;
const ADMIN_SECRET: &str = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e";

/// Deterministic bytes, generated piece by piece.
fn pattern(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn rate(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let sim = kaltura_sim::Simulator::builder()
        .ready_delay(Duration::ZERO)
        .spawn()
        .await
        .unwrap();
    let client = Client::builder(sim.base_url(), PARTNER)
        .admin_secret(ADMIN_SECRET)
        .user_id("bench")
        .chunk_size(8 * 1024 * 1024)
        .build()
        .unwrap();
    let entry = client
        .media()
        .add(&MediaEntry {
            name: Some("bench".into()),
            media_type: Some(MediaType::Video),
            ..Default::default()
        })
        .await
        .unwrap();
    let id = entry.id.unwrap();

    // Warm up connections and the session cache.
    for _ in 0..50 {
        client.media().get(&id).await.unwrap();
    }

    let calls = 2000;
    let started = Instant::now();
    for _ in 0..calls {
        client.media().get(&id).await.unwrap();
    }
    let sequential = rate(calls, started.elapsed());

    let http = reqwest::Client::new();
    let ks = client.admin_ks().unwrap();
    let body = serde_json::json!({"entryId": id, "format": "1", "ks": ks.expose()}).to_string();
    let url = format!("{}/api_v3/service/media/action/get", sim.base_url());
    let started = Instant::now();
    for _ in 0..calls {
        let response = http
            .post(&url)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        response.bytes().await.unwrap();
    }
    let plain = rate(calls, started.elapsed());

    let tasks = 16;
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..tasks {
        let client = client.clone();
        let id = id.clone();
        set.spawn(async move {
            for _ in 0..calls / tasks {
                client.media().get(&id).await.unwrap();
            }
        });
    }
    while set.join_next().await.is_some() {}
    let concurrent = rate(calls / tasks * tasks, started.elapsed());

    println!(
        "media.get through the client, sequential: {sequential:.0} calls/s ({:.3} ms/call)",
        1000.0 / sequential
    );
    println!(
        "media.get with plain reqwest, sequential:  {plain:.0} calls/s ({:.3} ms/call)",
        1000.0 / plain
    );
    println!("media.get through the client, {tasks} tasks:     {concurrent:.0} calls/s");

    let mib: usize = std::env::var("KALTURA_BENCH_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128);
    let data = Bytes::from(pattern(mib * 1024 * 1024, 9));
    let megabytes = data.len() as f64 / (1024.0 * 1024.0);

    for parallel in [1, 4] {
        let client = Client::builder(sim.base_url(), PARTNER)
            .admin_secret(ADMIN_SECRET)
            .chunk_size(8 * 1024 * 1024)
            .parallel_chunks(parallel)
            .build()
            .unwrap();
        let started = Instant::now();
        let token = client
            .upload()
            .file_name("bench.mp4")
            .from_reader(std::io::Cursor::new(data.clone()), Some(data.len() as u64))
            .await
            .unwrap();
        let elapsed = started.elapsed();
        assert_eq!(token.uploaded_bytes(), data.len() as u64);
        println!(
            "upload of {mib} MiB in 8 MiB chunks, {parallel} at a time: {:.0} MiB/s",
            megabytes / elapsed.as_secs_f64()
        );
    }

    // The same bytes in one plain multipart POST to uploadToken.upload.
    let token = client
        .upload_token()
        .add(&UploadToken::default())
        .await
        .unwrap();
    let json = serde_json::json!({
        "uploadTokenId": token.id.unwrap(), "resume": "0", "finalChunk": "1", "resumeAt": "-1",
        "format": "1", "ks": ks.expose(),
    })
    .to_string();
    let part = reqwest::multipart::Part::stream_with_length(
        reqwest::Body::from(data.clone()),
        data.len() as u64,
    )
    .file_name("bench.mp4");
    let form = reqwest::multipart::Form::new()
        .text("json", json)
        .part("fileData", part);
    let started = Instant::now();
    let response = http
        .post(format!(
            "{}/api_v3/service/uploadToken/action/upload",
            sim.base_url()
        ))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let answer = response.text().await.unwrap();
    let elapsed = started.elapsed();
    assert!(answer.contains("uploadedFileSize"), "{answer}");
    println!(
        "plain single POST of {mib} MiB: {:.0} MiB/s",
        megabytes / elapsed.as_secs_f64()
    );

    sim.shutdown().await.unwrap();
}
