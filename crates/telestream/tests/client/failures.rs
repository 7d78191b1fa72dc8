//! The platform's errors kept verbatim, retries only where safe, timeouts, and no secret in any error.

use std::time::Duration;

use serde_json::json;
use telestream::{Error, NewVideo};

use crate::helpers::{ACCESS_KEY, API_KEY, MockServer, SECRET_KEY, empty, json};

#[tokio::test]
async fn a_missing_video_keeps_the_platforms_error_and_message() {
    let server = MockServer::start(|_, _| {
        json(
            404,
            json!({"error": "RecordNotFound", "message": "Couldn't find Video with ID=nope"}),
        )
    })
    .await;
    let client = server.signed_client().build().unwrap();

    let error = client.videos().get("nope").await.unwrap_err();

    assert!(error.is_not_found());
    assert!(!error.is_retryable());
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.platform_error(), Some("RecordNotFound"));
    assert_eq!(
        error.platform_message(),
        Some("Couldn't find Video with ID=nope")
    );
    assert_eq!(server.calls(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn a_refused_signature_is_unauthorized_and_not_retried() {
    let server = MockServer::start(|_, _| {
        json(
            401,
            json!({"error": "NotAuthorized", "message": "Signatures do not match"}),
        )
    })
    .await;
    let client = server.signed_client().build().unwrap();

    let error = client.videos().get("v1").await.unwrap_err();

    assert!(error.is_unauthorized());
    assert_eq!(server.calls(), 1);
}

#[tokio::test]
async fn a_get_is_retried_after_server_errors_and_signed_afresh() {
    let server = MockServer::start(|n, _| match n {
        0 => empty(500),
        1 => json(503, json!({"error": "Unavailable", "message": "try later"})),
        _ => json(200, json!({"id": "v1"})),
    })
    .await;
    let client = server.signed_client().build().unwrap();

    let video = client.videos().get("v1").await.unwrap();

    assert_eq!(video.id.as_deref(), Some("v1"));
    assert_eq!(server.calls(), 3);
    let signatures: Vec<_> = server.seen().iter().map(|s| s.param("timestamp")).collect();
    assert!(signatures.iter().all(Option::is_some));
}

#[tokio::test]
async fn retries_of_a_get_are_bounded() {
    let server = MockServer::start(|_, _| empty(502)).await;
    let client = server.signed_client().build().unwrap();

    let error = client.videos().get("v1").await.unwrap_err();

    assert_eq!(error.status(), Some(502));
    assert_eq!(server.calls(), 3);
}

#[tokio::test]
async fn a_create_is_not_retried_after_a_server_error() {
    let server = MockServer::start(|_, _| empty(500)).await;
    let client = server.flip_client().build().unwrap();

    let error = client
        .videos()
        .create_from_url(&NewVideo {
            source_url: "https://media.example.com/a.mp4".into(),
            ..NewVideo::default()
        })
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(500));
    assert_eq!(error.platform_error(), None);
    assert_eq!(
        server.calls(),
        1,
        "a lost answer may still have created the video"
    );
}

#[tokio::test]
async fn a_silent_server_is_a_timeout_naming_the_limit() {
    // A listener that accepts and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let client = telestream::Client::builder()
        .signed(ACCESS_KEY, SECRET_KEY)
        .base_url(format!("{url}/v3.0"))
        .request_timeout(Duration::from_millis(200))
        .retry_policy(telestream::RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.videos().get("v1").await.unwrap_err();

    assert!(
        matches!(error, Error::Timeout { after, .. } if after == Duration::from_millis(200)),
        "{error:?}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn garbage_in_a_success_answer_is_a_decode_error() {
    let server = MockServer::start(|_, _| {
        axum::response::IntoResponse::into_response((axum::http::StatusCode::OK, "<html>"))
    })
    .await;
    let client = server.signed_client().build().unwrap();

    let error = client.videos().get("v1").await.unwrap_err();

    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error_without_credentials_in_it() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    for builder in [
        telestream::Client::builder()
            .signed(ACCESS_KEY, SECRET_KEY)
            .base_url(format!("{url}/v3.0")),
        telestream::Client::builder()
            .api_key(API_KEY)
            .base_url(format!("{url}/flip/3.1")),
    ] {
        let client = builder
            .retry_policy(telestream::RetryPolicy::none())
            .build()
            .unwrap();

        let error = client.videos().get("v1").await.unwrap_err();

        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
        assert!(error.is_retryable());
        let mut shown = format!("{error} {error:?}");
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            shown.push_str(&format!(" {cause} {cause:?}"));
            source = cause.source();
        }
        for secret in [ACCESS_KEY, SECRET_KEY, API_KEY, "signature"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}
