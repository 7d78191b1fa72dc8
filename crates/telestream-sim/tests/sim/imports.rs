//! `source_url` videos (telestream-cloud.md 4.2, 8): fetched in the background from a server on
//! 127.0.0.1, `processing` meanwhile, then stored and encoded like an upload, or `fail` with
//! `DownloadFailed`.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use telestream_sim::Simulator;

use crate::helpers::{TestSim, fixture_bytes, spawn, spawn_with};
use crate::receiver;

/// Polls a video until it leaves `processing` (at most 10 s) and returns it.
async fn settled(sim: &TestSim, id: &str) -> Value {
    for _ in 0..200 {
        let (_, video) = sim
            .v3_json(Method::GET, &format!("/videos/{id}.json"), &[])
            .await;
        if video["status"] != "processing" {
            return video;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("video {id} still processing");
}

#[tokio::test]
async fn a_signed_source_url_video_is_fetched_probed_and_encoded() {
    let sim = spawn().await;
    let server = receiver::start(0).await;
    let url = format!("{}/clip.mp4", server.base_url);
    let (status, video) = sim
        .v3_json(Method::POST, "/videos.json", &[("source_url", &url)])
        .await;
    assert_eq!(status, 200);
    assert_eq!(video["source_url"], url.as_str());
    let id = video["id"].as_str().unwrap();

    let video = settled(&sim, id).await;
    assert_eq!(video["status"], "success", "{video}");
    assert_eq!(video["original_filename"], "clip.mp4");
    assert_eq!(video["file_size"], fixture_bytes("sample.mp4").len());
    assert!(video["duration"].as_u64().unwrap() > 0);
    let (_, encodings) = sim
        .v3_json(Method::GET, &format!("/videos/{id}/encodings.json"), &[])
        .await;
    assert_eq!(encodings.as_array().map(Vec::len), Some(1));
    assert_eq!(encodings[0]["status"], "success");
}

#[tokio::test]
async fn a_flip_source_url_video_is_processing_until_fetched() {
    let sim = spawn().await;
    let server = receiver::start(0).await;
    let response = sim
        .flip(Method::POST, "/videos.json")
        .json(&json!({"source_url": format!("{}/clip.mp4", server.base_url), "profiles": "none"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let video: Value = response.json().await.unwrap();
    assert_eq!(video["status"], "processing");
    let video = settled(&sim, video["id"].as_str().unwrap()).await;
    assert_eq!(video["status"], "success");
    assert_eq!(video["encodings_count"], 0);
}

#[tokio::test]
async fn a_url_that_cannot_be_fetched_fails_the_video_with_download_failed() {
    let sim = spawn().await;
    let server = receiver::start(0).await;
    let (_, video) = sim
        .v3_json(
            Method::POST,
            "/videos.json",
            &[("source_url", &format!("{}/missing.mp4", server.base_url))],
        )
        .await;
    let video = settled(&sim, video["id"].as_str().unwrap()).await;
    assert_eq!(video["status"], "fail");
    assert_eq!(video["error_class"], "DownloadFailed");
    assert!(
        video["error_message"].as_str().unwrap().contains("404"),
        "{video}"
    );
}

#[tokio::test]
async fn a_fetch_larger_than_the_file_limit_fails() {
    let sim = spawn_with(
        Simulator::builder()
            .encoding_delay(Duration::ZERO)
            .max_file_bytes(1000),
    )
    .await;
    let server = receiver::start(0).await;
    let (_, video) = sim
        .v3_json(
            Method::POST,
            "/videos.json",
            &[("source_url", &format!("{}/clip.mp4", server.base_url))],
        )
        .await;
    let video = settled(&sim, video["id"].as_str().unwrap()).await;
    assert_eq!(video["error_class"], "DownloadFailed");
    assert!(
        video["error_message"]
            .as_str()
            .unwrap()
            .contains("1000 bytes"),
        "{video}"
    );
}

#[tokio::test]
async fn fetched_content_that_is_not_media_fails_like_an_upload() {
    let sim = spawn().await;
    let server = receiver::start(0).await;
    let (_, video) = sim
        .v3_json(
            Method::POST,
            "/videos.json",
            &[("source_url", &format!("{}/notes.txt", server.base_url))],
        )
        .await;
    let video = settled(&sim, video["id"].as_str().unwrap()).await;
    assert_eq!(video["error_class"], "FormatNotRecognised");
}

#[tokio::test]
async fn a_source_url_that_is_not_http_is_refused_at_once() {
    let sim = spawn().await;
    let (status, body) = sim
        .v3_json(
            Method::POST,
            "/videos.json",
            &[("source_url", "file:///etc/passwd")],
        )
        .await;
    assert_eq!((status, body["error"].as_str()), (400, Some("BadRequest")));
}
