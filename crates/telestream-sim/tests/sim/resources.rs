//! Factories, profiles, videos and encodings in both generations (telestream-cloud.md 4), and the status
//! lifecycle of 4.6.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use telestream_sim::Simulator;

use crate::helpers::{FACTORY, spawn, spawn_with};

#[tokio::test]
async fn v3_lists_are_bare_arrays_and_flip_lists_are_wrapped_with_paging() {
    let sim = spawn().await;
    for _ in 0..3 {
        sim.upload("sample.mp4", &[("profiles", "none")]).await;
    }
    let (status, v3) = sim
        .v3_json(
            Method::GET,
            "/videos.json",
            &[("page", "2"), ("per_page", "2")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(v3.as_array().map(Vec::len), Some(1));

    let flip: Value = sim
        .flip(Method::GET, "/videos.json")
        .query(&[("page", "1"), ("per_page", "2")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            flip["page"].clone(),
            flip["per_page"].clone(),
            flip["total"].clone()
        ),
        (json!(1), json!(2), json!(3))
    );
    assert_eq!(flip["videos"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn factories_are_listed_created_and_updated_in_both_generations() {
    let sim = spawn().await;
    let (_, list) = sim.v3_json(Method::GET, "/factories.json", &[]).await;
    assert_eq!(list[0]["id"], FACTORY);
    assert!(
        list[0]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/files/{FACTORY}/"))
    );

    let created = sim
        .flip(Method::POST, "/factories.json")
        .json(&json!({"name": "second"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();

    let patched: Value = sim
        .flip(Method::PATCH, &format!("/factories/{id}.json"))
        .json(&json!({"name": "renamed", "server_side_encryption": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            patched["name"].clone(),
            patched["server_side_encryption"].clone()
        ),
        (json!("renamed"), json!(true))
    );

    let (status, put) = sim
        .v3_json(
            Method::PUT,
            &format!("/factories/{id}.json"),
            &[("name", "again")],
        )
        .await;
    assert_eq!((status, put["name"].clone()), (200, json!("again")));
    let (status, missing) = sim.v3_json(Method::GET, "/factories/nope.json", &[]).await;
    assert_eq!(status, 404);
    assert_eq!(
        missing,
        json!({"error": "RecordNotFound", "message": "Couldn't find Factory with ID=nope"})
    );
}

#[tokio::test]
async fn profiles_are_created_found_by_name_updated_and_deleted() {
    let sim = spawn().await;
    let (status, created) = sim
        .v3_json(
            Method::POST,
            "/profiles.json",
            &[("preset_name", "h264"), ("name", "small"), ("width", "320")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (created["extname"].clone(), created["width"].clone()),
        (json!(".mp4"), json!("320"))
    );
    let (_, by_name) = sim.v3_json(Method::GET, "/profiles/small.json", &[]).await;
    assert_eq!(by_name["id"], created["id"]);

    let updated: Value = sim
        .flip(Method::PUT, "/profiles/small.json")
        .json(&json!({"height": 240}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(updated["height"], 240);

    let (status, deleted) = sim
        .v3_json(Method::DELETE, "/profiles/small.json", &[])
        .await;
    assert_eq!((status, deleted), (200, json!({"deleted": true})));
    let (status, _) = sim.v3_json(Method::GET, "/profiles/small.json", &[]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_uploaded_video_is_probed_and_its_encoding_processes_then_succeeds() {
    // Section 4.6: processing with a growing encoding_progress, then success.
    let sim = spawn_with(Simulator::builder().encoding_delay(Duration::from_millis(600))).await;
    let video = sim.upload("sample.mp4", &[("payload", "order 42")]).await;
    assert_eq!(video["status"], "success");
    assert_eq!(
        (video["extname"].clone(), video["mime_type"].clone()),
        (json!(".mp4"), json!("video/mp4"))
    );
    assert!(video["width"].as_u64().unwrap() > 0 && video["duration"].as_u64().unwrap() > 0);
    assert_eq!(video["payload"], "order 42");

    let id = video["id"].as_str().unwrap();
    let (_, encodings) = sim
        .v3_json(Method::GET, &format!("/videos/{id}/encodings.json"), &[])
        .await;
    let first = &encodings[0];
    assert_eq!(
        (first["status"].clone(), first["profile_name"].clone()),
        (json!("processing"), json!("h264"))
    );
    assert!(first["encoding_progress"].as_u64().unwrap() < 100);
    assert_eq!(first["files"], json!([]));

    tokio::time::sleep(Duration::from_millis(700)).await;
    let path = format!("/encodings/{}.json", first["id"].as_str().unwrap());
    let (_, done) = sim.v3_json(Method::GET, &path, &[]).await;
    assert_eq!(
        (done["status"].clone(), done["encoding_progress"].clone()),
        (json!("success"), json!(100))
    );
    assert_eq!(
        done["files"],
        json!([format!("{}.mp4", first["id"].as_str().unwrap())])
    );
}

#[tokio::test]
async fn content_that_is_not_media_fails_and_so_do_its_encodings() {
    let sim = spawn().await;
    let response = sim
        .upload_bytes("notes.txt", b"just some text".to_vec(), &[])
        .await;
    assert_eq!(response.status(), 200);
    let video: Value = response.json().await.unwrap();
    assert_eq!(
        (video["status"].clone(), video["error_class"].clone()),
        (json!("fail"), json!("FormatNotRecognised"))
    );
    let id = video["id"].as_str().unwrap();
    let (_, encodings) = sim
        .v3_json(Method::GET, "/encodings.json", &[("video_id", id)])
        .await;
    assert_eq!(encodings[0]["status"], "fail");
    assert_eq!(encodings[0]["error_class"], "VideoStatusInvalid");
    let (status, _) = sim
        .v3_json(
            Method::POST,
            "/encodings.json",
            &[("video_id", id), ("profile_name", "h264")],
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn an_encoding_is_added_filtered_and_deleted() {
    let sim = spawn().await;
    let video = sim.upload("sample.webm", &[("profiles", "none")]).await;
    let id = video["id"].as_str().unwrap();
    let (status, added) = sim
        .v3_json(
            Method::POST,
            "/encodings.json",
            &[("video_id", id), ("profile_name", "h264")],
        )
        .await;
    assert_eq!((status, added["video_id"].clone()), (200, json!(id)));

    let listed: Value = sim
        .flip(Method::GET, "/encodings.json")
        .query(&[("status", "success"), ("video_id", id)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], 1);

    let path = format!("/encodings/{}.json", added["id"].as_str().unwrap());
    let (_, deleted) = sim.v3_json(Method::DELETE, &path, &[]).await;
    assert_eq!(deleted, json!({"deleted": true}));
    let (status, _) = sim.v3_json(Method::GET, &path, &[]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_deleted_video_takes_its_encodings_and_files_with_it() {
    let sim = spawn().await;
    let video = sim.upload("sample.mp4", &[]).await;
    let id = video["id"].as_str().unwrap();
    let source = format!("{}/files/{FACTORY}/{id}.mp4", sim.handle.base_url());
    assert_eq!(sim.http.get(&source).send().await.unwrap().status(), 200);

    let (_, deleted) = sim
        .v3_json(Method::DELETE, &format!("/videos/{id}.json"), &[])
        .await;
    assert_eq!(deleted, json!({"deleted": true}));
    assert_eq!(sim.http.get(&source).send().await.unwrap().status(), 404);
    let (_, encodings) = sim
        .v3_json(Method::GET, "/encodings.json", &[("video_id", id)])
        .await;
    assert_eq!(encodings, json!([]));
    let (status, _) = sim
        .v3_json(Method::GET, &format!("/videos/{id}.json"), &[])
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_video_gives_its_metadata_and_may_lose_only_its_source() {
    let sim = spawn().await;
    let video = sim.upload("sample.mp4", &[("profiles", "none")]).await;
    let id = video["id"].as_str().unwrap();
    let (_, metadata) = sim
        .v3_json(Method::GET, &format!("/videos/{id}/metadata.json"), &[])
        .await;
    assert_eq!(metadata["mime_type"], "video/mp4");
    let (_, deleted) = sim
        .v3_json(Method::DELETE, &format!("/videos/{id}/source.json"), &[])
        .await;
    assert_eq!(deleted, json!({"deleted": true}));
    let (status, _) = sim
        .v3_json(Method::GET, &format!("/videos/{id}.json"), &[])
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_data_folder_keeps_videos_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let builder = Simulator::builder()
        .encoding_delay(Duration::ZERO)
        .data_dir(dir.path());
    let sim = spawn_with(builder.clone()).await;
    let video = sim.upload("sample.mp4", &[]).await;
    sim.handle.shutdown().await.unwrap();

    let again = spawn_with(builder).await;
    let (status, found) = again
        .v3_json(
            Method::GET,
            &format!("/videos/{}.json", video["id"].as_str().unwrap()),
            &[],
        )
        .await;
    assert_eq!((status, found["id"].clone()), (200, video["id"].clone()));
}
