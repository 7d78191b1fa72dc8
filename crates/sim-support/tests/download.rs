//! The bounded downloader against a server on 127.0.0.1: what it keeps, and each way it refuses.

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use sim_support::download::{DownloadError, download};

/// Serves `/clip.mp4` (1000 bytes), `/gone` (404) and `/slow` (answers after 2 s).
async fn server() -> String {
    let app = Router::new()
        .route("/media/clip.mp4", get(|| async { vec![7u8; 1000] }))
        .route("/gone", get(|| async { StatusCode::NOT_FOUND }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(2)).await;
                "late"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let base = format!("http://{}", listener.local_addr().expect("bound"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

#[tokio::test]
async fn a_download_keeps_the_bytes_and_the_file_name_of_the_url() {
    let base = server().await;
    let dir = tempfile::tempdir().unwrap();
    let got = download(
        &format!("{base}/media/clip.mp4?token=x"),
        dir.path(),
        Duration::from_secs(5),
        1000,
    )
    .await
    .unwrap();
    assert_eq!(got.file_name, "clip.mp4");
    assert_eq!(got.size, 1000);
    assert_eq!(std::fs::read(&got.file).unwrap(), vec![7u8; 1000]);
}

#[tokio::test]
async fn a_download_over_the_size_limit_is_refused() {
    let base = server().await;
    let dir = tempfile::tempdir().unwrap();
    let error = download(
        &format!("{base}/media/clip.mp4"),
        dir.path(),
        Duration::from_secs(5),
        999,
    )
    .await
    .unwrap_err();
    assert!(matches!(error, DownloadError::TooLarge(999)), "{error}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[tokio::test]
async fn a_non_2xx_answer_and_a_slow_server_are_refused() {
    let base = server().await;
    let dir = tempfile::tempdir().unwrap();
    let error = download(
        &format!("{base}/gone"),
        dir.path(),
        Duration::from_secs(5),
        10,
    )
    .await
    .unwrap_err();
    assert!(error.to_string().contains("404"), "{error}");
    let error = download(
        &format!("{base}/slow"),
        dir.path(),
        Duration::from_millis(200),
        10,
    )
    .await
    .unwrap_err();
    assert!(matches!(error, DownloadError::Fetch(_)), "{error}");
}
