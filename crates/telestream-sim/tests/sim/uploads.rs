//! Small uploads (telestream-cloud.md 5.1) and the files served from the factory `url` with Range.

use reqwest::Method;
use serde_json::Value;
use telestream_sim::Simulator;

use crate::helpers::{FACTORY, fixture_bytes, spawn, spawn_with};

#[tokio::test]
async fn an_encoding_output_is_served_from_the_factory_url_with_ranges() {
    let sim = spawn().await;
    let video = sim.upload("sample.mp4", &[]).await;
    let id = video["id"].as_str().unwrap();
    let (_, encodings) = sim
        .v3_json(Method::GET, &format!("/videos/{id}/encodings.json"), &[])
        .await;
    let (_, factory) = sim
        .v3_json(Method::GET, &format!("/factories/{FACTORY}.json"), &[])
        .await;
    let url = format!(
        "{}{}",
        factory["url"].as_str().unwrap(),
        encodings[0]["files"][0].as_str().unwrap()
    );

    let whole = sim.http.get(&url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert_eq!(
        whole.bytes().await.unwrap().to_vec(),
        fixture_bytes("sample.mp4")
    );

    let part = sim
        .http
        .get(&url)
        .header("Range", "bytes=0-7")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.bytes().await.unwrap().to_vec(),
        fixture_bytes("sample.mp4")[..8].to_vec()
    );
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_413() {
    let sim = spawn_with(Simulator::builder().max_file_bytes(1000)).await;
    let response = sim
        .upload_bytes("sample.mp4", fixture_bytes("sample.mp4"), &[])
        .await;
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "FileSizeLimitExceeded");
    assert_eq!(
        body["message"],
        "File size limit for this account is set to 1000 bytes"
    );
}

#[tokio::test]
async fn an_audio_file_is_a_video_of_the_service() {
    let sim = spawn().await;
    let video = sim.upload("sample.mp3", &[("profiles", "none")]).await;
    assert_eq!(video["status"], "success");
    assert_eq!(video["mime_type"], "audio/mpeg");
}

#[tokio::test]
async fn an_unknown_profile_is_refused_before_anything_is_stored() {
    let sim = spawn().await;
    let response = sim
        .upload_bytes(
            "sample.mp4",
            fixture_bytes("sample.mp4"),
            &[("profiles", "h264,nope")],
        )
        .await;
    assert_eq!(response.status(), 404);
    let (_, videos) = sim.v3_json(Method::GET, "/videos.json", &[]).await;
    assert_eq!(videos, serde_json::json!([]));
}
