//! The images encodings make (telestream-cloud.md 4.3, 4.4, 8): screenshots next to every output, listed
//! with `screenshots=true`, and the images of a `thumbnail` preset profile as an encoding's `files`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestSim, spawn};

/// Creates a Flip 3.1 profile and returns its JSON.
async fn profile(sim: &TestSim, body: Value) -> Value {
    let response = sim
        .flip(Method::POST, "/profiles.json")
        .json(&body)
        .send()
        .await
        .expect("the simulator answers");
    assert_eq!(response.status(), 200);
    response.json().await.expect("the test setup works")
}

/// The encodings of a video, with their screenshots listed.
async fn encodings_with_screenshots(sim: &TestSim, video_id: &str) -> Vec<Value> {
    let body: Value = sim
        .flip(Method::GET, &format!("/videos/{video_id}/encodings.json"))
        .query(&[("screenshots", "true")])
        .send()
        .await
        .expect("the simulator answers")
        .json()
        .await
        .expect("the simulator answers");
    body["encodings"]
        .as_array()
        .cloned()
        .expect("the test setup works")
}

async fn jpeg(sim: &TestSim, url: &str) -> Vec<u8> {
    let response = sim
        .http
        .get(url)
        .send()
        .await
        .expect("the test setup works");
    assert_eq!(response.status(), 200, "{url}");
    let bytes = response
        .bytes()
        .await
        .expect("the test setup works")
        .to_vec();
    assert!(bytes.starts_with(&[0xFF, 0xD8]), "{url} is a JPEG");
    bytes
}

#[tokio::test]
async fn a_successful_encoding_has_seven_screenshots_served_as_different_jpegs() {
    let sim = spawn().await;
    let video = sim.upload("sample.mp4", &[]).await;
    let encodings = encodings_with_screenshots(&sim, video["id"].as_str().unwrap()).await;
    let encoding = &encodings[0];
    let urls: Vec<&str> = encoding["screenshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), 7);
    let path = encoding["path"].as_str().unwrap();
    assert!(urls[0].ends_with(&format!("/{path}_1.jpg")), "{}", urls[0]);
    assert!(urls[0].starts_with(sim.handle.base_url()));

    let first = jpeg(&sim, urls[0]).await;
    let last = jpeg(&sim, urls[6]).await;
    assert_ne!(first, last, "screenshots of different offsets differ");
    let part = sim
        .http
        .get(urls[0])
        .header("Range", "bytes=0-3")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap().to_vec(), first[..4].to_vec());
}

#[tokio::test]
async fn screenshots_are_listed_only_when_asked_and_follow_frame_count() {
    let sim = spawn().await;
    let three = profile(
        &sim,
        json!({"name": "three", "preset_name": "h264", "frame_count": 3}),
    )
    .await;
    let video = sim
        .upload(
            "sample.mp4",
            &[("profiles", three["name"].as_str().unwrap())],
        )
        .await;
    let id = video["id"].as_str().unwrap();
    let (_, plain) = sim
        .v3_json(Method::GET, &format!("/videos/{id}/encodings.json"), &[])
        .await;
    assert!(plain[0].get("screenshots").is_none(), "{plain}");
    let (_, asked) = sim
        .v3_json(
            Method::GET,
            "/encodings.json",
            &[("video_id", id), ("screenshots", "true")],
        )
        .await;
    assert_eq!(asked[0]["screenshots"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn a_thumbnail_profile_gives_the_frame_at_the_asked_offset_as_its_file() {
    let sim = spawn().await;
    profile(
        &sim,
        json!({"name": "at1s", "preset_name": "thumbnail", "frame_offsets": "1s"}),
    )
    .await;
    profile(
        &sim,
        json!({"name": "two", "preset_name": "thumbnail", "frame_offsets": "0s, 25f"}),
    )
    .await;
    let video = sim.upload("sample.mp4", &[("profiles", "at1s,two")]).await;
    let encodings = encodings_with_screenshots(&sim, video["id"].as_str().unwrap()).await;
    let (_, factory) = sim
        .v3_json(
            Method::GET,
            &format!("/factories/{}.json", crate::helpers::FACTORY),
            &[],
        )
        .await;
    let base = factory["url"].as_str().unwrap();
    let one = encodings
        .iter()
        .find(|e| e["profile_name"] == "at1s")
        .unwrap();
    assert_eq!(one["status"], "success");
    assert_eq!(one["extname"], ".jpg");
    let files = one["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0], format!("{}_1.jpg", one["id"].as_str().unwrap()));
    assert_eq!(one["screenshots"], json!([]), "the images are the outputs");
    jpeg(&sim, &format!("{base}{}", files[0].as_str().unwrap())).await;

    let two = encodings
        .iter()
        .find(|e| e["profile_name"] == "two")
        .unwrap();
    let files: Vec<&str> = two["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2);
    let start = jpeg(&sim, &format!("{base}{}", files[0])).await;
    let later = jpeg(&sim, &format!("{base}{}", files[1])).await;
    assert_ne!(start, later);
}

#[tokio::test]
async fn an_offset_beyond_the_duration_fails_the_thumbnail_encoding() {
    let sim = spawn().await;
    profile(
        &sim,
        json!({"name": "late", "preset_name": "thumbnail", "frame_offsets": "1000s"}),
    )
    .await;
    let video = sim.upload("sample.mp4", &[("profiles", "late")]).await;
    let encodings = encodings_with_screenshots(&sim, video["id"].as_str().unwrap()).await;
    assert_eq!(encodings[0]["status"], "fail");
    assert_eq!(encodings[0]["error_class"], "EncodingError");
    assert!(
        encodings[0]["error_message"]
            .as_str()
            .unwrap()
            .contains("beyond the duration"),
        "{}",
        encodings[0]
    );
    assert_eq!(encodings[0]["files"], json!([]));
}
