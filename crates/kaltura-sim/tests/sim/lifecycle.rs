//! Entry statuses over time: processing delay, images, URL imports (real fetches), persistence.

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::json;

use crate::helpers::{spawn, spawn_with};
use kaltura_sim::Simulator;

/// A local origin for URL imports: `/clip.mp4` and `/photo.jpg` answer bytes, anything else 404.
async fn origin() -> String {
    let app = Router::new()
        .route("/clip.mp4", get(|| async { vec![7u8; 2048] }))
        .route("/photo.jpg", get(|| async { vec![1u8; 64] }))
        .route(
            "/slow.mp4",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                vec![7u8; 2048]
            }),
        )
        .route(
            "/slow-missing.mp4",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                StatusCode::NOT_FOUND
            }),
        )
        .fallback(|| async { StatusCode::NOT_FOUND });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("origin binds");
    let addr = listener.local_addr().expect("origin address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn uploaded_video_goes_preconvert_then_ready() {
    let sim = spawn_with(Simulator::builder().ready_delay(Duration::from_millis(300))).await;
    let ks = sim.admin_ks().await;
    let token = sim.upload(&ks, "clip.mp4", b"not really a video").await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": token,
            "mediaEntry": {"objectType": "KalturaMediaEntry", "name": "v", "mediaType": "1"}}),
        )
        .await;
    assert_eq!(e["status"], 1);
    let ready = sim.wait_status(&ks, e["id"].as_str().unwrap(), 2).await;
    assert_eq!(ready["flavorParamsIds"], "0");
    assert_eq!(
        ready["thumbnailUrl"].as_str().unwrap().rsplit('/').next(),
        Some("100001")
    );
    assert_eq!(
        sim.call_ks(&ks, "media", "list", json!({})).await["totalCount"],
        1
    );
}

#[tokio::test]
async fn uploaded_image_is_ready_at_once_with_a_raw_download_url() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let token = sim.upload(&ks, "photo.jpg", b"jpeg bytes").await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": token,
            "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "2"}}),
        )
        .await;
    assert_eq!(e["status"], 2);
    assert!(
        e["downloadUrl"]
            .as_str()
            .unwrap()
            .contains("/raw/entry_id/")
    );
    assert!(e.get("msDuration").is_none());
}

#[tokio::test]
async fn add_content_with_an_incomplete_token_waits_for_the_upload() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry"}}),
        )
        .await;
    let id = e["id"].as_str().unwrap();
    let token = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let importing = sim
        .call_ks(&ks, "media", "addContent", json!({"entryId": id, "resource": {"objectType": "KalturaUploadedFileTokenResource", "token": token}}))
        .await;
    assert_eq!(importing["status"], 0);
    let done = sim
        .upload_part(&ks, &token, "late.mp4", b"bytes".to_vec(), &[])
        .await;
    assert_eq!(done["status"], 3, "{done}");
    let ready = sim.wait_status(&ks, id, 2).await;
    assert_eq!(ready["mediaType"], 1, "media type taken from the file name");
}

#[tokio::test]
async fn url_import_fetches_the_file_or_fails() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let origin = origin().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "addFromUrl",
            json!({"url": format!("{origin}/clip.mp4"),
            "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "1"}}),
        )
        .await;
    assert_eq!(e["sourceType"], "5");
    assert!(
        e["status"] == 0 || e["status"] == 1 || e["status"] == 2,
        "{e}"
    );
    sim.wait_status(&ks, e["id"].as_str().unwrap(), 2).await;
    let failing = sim
        .call_ks(
            &ks,
            "media",
            "addFromUrl",
            json!({"url": format!("{origin}/missing.mp4"),
            "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "1"}}),
        )
        .await;
    sim.wait_status(&ks, failing["id"].as_str().unwrap(), -2)
        .await;
    let image = sim
        .call_ks(
            &ks,
            "media",
            "addFromUrl",
            json!({"url": format!("{origin}/photo.jpg"),
            "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "2"}}),
        )
        .await;
    assert_eq!(image["status"], 2, "images are fetched during the call");
    let added = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry"}}),
        )
        .await;
    let by_resource = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": added["id"],
            "resource": {"objectType": "KalturaUrlResource", "url": format!("{origin}/clip.mp4")}}),
        )
        .await;
    assert_eq!(by_resource["sourceType"], "5");
    sim.wait_status(&ks, added["id"].as_str().unwrap(), 2).await;
}

#[tokio::test]
async fn an_entry_deleted_while_its_url_import_runs_stays_deleted() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let origin = origin().await;
    for path in ["slow.mp4", "slow-missing.mp4"] {
        let e = sim
            .call_ks(
                &ks,
                "media",
                "addFromUrl",
                json!({"url": format!("{origin}/{path}"),
                "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "1"}}),
            )
            .await;
        let id = e["id"].as_str().unwrap();
        sim.call_ks(&ks, "media", "delete", json!({"entryId": id}))
            .await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        let got = sim
            .call_ks(&ks, "media", "get", json!({"entryId": id}))
            .await;
        assert_eq!(got["code"], "ENTRY_ID_NOT_FOUND", "{path}: {got}");
    }
}

#[tokio::test]
async fn state_survives_a_restart_with_a_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sim = spawn_with(Simulator::builder().data_dir(dir.path())).await;
    let ks = sim.admin_ks().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "kept"}}),
        )
        .await;
    sim.handle.shutdown().await.unwrap();
    let again = spawn_with(Simulator::builder().data_dir(dir.path())).await;
    let ks = again.admin_ks().await;
    let kept = again
        .call_ks(&ks, "media", "get", json!({"entryId": e["id"]}))
        .await;
    assert_eq!(kept["name"], "kept");
}

#[tokio::test]
async fn a_url_import_cut_off_by_a_restart_resumes_with_the_data_folder() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    // The first fetch never ends (the simulator is stopped meanwhile); later ones answer.
    let first = Arc::new(AtomicBool::new(true));
    let app = Router::new().route(
        "/once.mp4",
        get(move || {
            let first = first.clone();
            async move {
                if first.swap(false, Ordering::SeqCst) {
                    std::future::pending::<()>().await;
                }
                vec![7u8; 2048]
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let dir = tempfile::tempdir().unwrap();
    let sim = spawn_with(Simulator::builder().data_dir(dir.path())).await;
    let ks = sim.admin_ks().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "addFromUrl",
            json!({"url": format!("{origin}/once.mp4"),
            "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "1"}}),
        )
        .await;
    assert_eq!(e["status"], 0, "{e}");
    sim.handle.shutdown().await.unwrap();

    let again = spawn_with(
        Simulator::builder()
            .data_dir(dir.path())
            .ready_delay(Duration::ZERO),
    )
    .await;

    let ks = again.admin_ks().await;
    again.wait_status(&ks, e["id"].as_str().unwrap(), 2).await;
}
