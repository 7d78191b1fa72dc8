//! Failure modes against a scripted local server: what is retried, what is not, and how errors read.

use std::time::Duration;

use kaltura::{Error, MediaEntry, ResponseFormat};

use crate::helpers::{MockServer, json, mock_client, status};

const ENTRY: &str = r#"{"id":"0_abc","name":"clip","status":2,"objectType":"KalturaMediaEntry"}"#;

#[tokio::test]
async fn a_read_is_retried_after_a_503_and_succeeds() {
    let server = MockServer::start(|n, _, _| if n == 0 { status(503) } else { json(ENTRY) }).await;
    let client = mock_client(&server.url).build().unwrap();

    let entry = client.media().get("0_abc").await.unwrap();

    assert_eq!(entry.id.as_deref(), Some("0_abc"));
    assert_eq!(server.calls(), 2);
}

#[tokio::test]
async fn a_create_is_not_retried_after_a_503() {
    let server = MockServer::start(|_, _, _| status(503)).await;
    let client = mock_client(&server.url).build().unwrap();

    let error = client
        .media()
        .add(&MediaEntry::default())
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::HttpStatus { status: 503, .. }),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(server.calls(), 1);
}

#[tokio::test]
async fn reads_give_up_after_the_bounded_attempts() {
    let server = MockServer::start(|_, _, _| status(502)).await;
    let client = mock_client(&server.url).build().unwrap();

    let error = client.media().get("0_abc").await.unwrap_err();

    assert!(matches!(error, Error::HttpStatus { status: 502, .. }));
    assert_eq!(server.calls(), 3);
}

#[tokio::test]
async fn an_invalid_ks_renews_the_admin_session_once_even_for_a_create() {
    let server = MockServer::start(|n, _, _| {
        if n == 0 {
            json(r#"{"code":"INVALID_KS","message":"Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{}}"#)
        } else {
            json(ENTRY)
        }
    })
    .await;
    let client = mock_client(&server.url).build().unwrap();

    client.media().add(&MediaEntry::default()).await.unwrap();

    assert_eq!(server.calls(), 2);
    let ks_of = |n: usize| {
        serde_json::from_str::<serde_json::Value>(&server.body(n)).unwrap()["ks"].clone()
    };
    assert_ne!(ks_of(0), ks_of(1));
}

#[tokio::test]
async fn a_renewed_session_does_not_use_up_a_retry_and_is_renewed_only_once() {
    let server = MockServer::start(|n, _, _| match n {
        0 | 3 => json(
            r#"{"code":"INVALID_KS","message":"Invalid KS","objectType":"KalturaAPIException","args":{}}"#,
        ),
        _ => status(502),
    })
    .await;
    let client = mock_client(&server.url).build().unwrap();

    let error = client.media().get("0_abc").await.unwrap_err();

    // Attempt 1: refused, renewed at once, then a 502. Attempt 2: a 502. Attempt 3: refused again, and a
    // session is renewed only once per call.
    assert!(error.is_invalid_ks(), "{error:?}");
    assert_eq!(server.calls(), 4);
}

#[tokio::test]
async fn api_errors_keep_code_message_and_args() {
    let server = MockServer::start(|_, _, _| {
        json(r#"{"code":"ENTRY_ID_NOT_FOUND","message":"Entry id \"0_x\" not found","objectType":"KalturaAPIException","args":{"ENTRY_ID":"0_x"}}"#)
    })
    .await;
    let client = mock_client(&server.url).build().unwrap();

    let error = client.media().get("0_x").await.unwrap_err();

    assert!(error.is_not_found());
    assert!(!error.is_retryable());
    assert_eq!(error.kaltura_code(), Some("ENTRY_ID_NOT_FOUND"));
    let api = error.api_error().unwrap();
    assert_eq!(api.message, "Entry id \"0_x\" not found");
    assert_eq!(api.arg("ENTRY_ID"), Some("0_x"));
    assert_eq!(server.calls(), 1);
}

#[tokio::test]
async fn a_slow_server_yields_a_timeout_error() {
    let server = MockServer::start(|_, _, _| {
        std::thread::sleep(Duration::from_millis(400));
        json(ENTRY)
    })
    .await;
    let client = mock_client(&server.url)
        .request_timeout(Duration::from_millis(100))
        .retry_policy(kaltura::RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.media().get("0_abc").await.unwrap_err();

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
}

#[tokio::test]
async fn garbage_answers_are_decode_errors() {
    let server = MockServer::start(|_, _, _| json("<html>oops</html>")).await;
    let client = mock_client(&server.url).build().unwrap();

    let error = client.media().get("0_abc").await.unwrap_err();

    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = mock_client(&url).build().unwrap();

    let error = client.media().get("0_abc").await.unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}

#[tokio::test]
async fn xml_answers_decode_like_json() {
    let server = MockServer::start(|_, _, _| {
        json(r#"<?xml version="1.0" encoding="utf-8"?><xml><result><objectType>KalturaMediaEntry</objectType><mediaType>1</mediaType><id>0_abc</id><name>A &amp; B</name><status>2</status><description></description></result><executionTime>0.01</executionTime></xml>"#)
    })
    .await;
    let client = mock_client(&server.url)
        .response_format(ResponseFormat::Xml)
        .build()
        .unwrap();

    let entry = client.media().get("0_abc").await.unwrap();

    assert_eq!(entry.name.as_deref(), Some("A & B"));
    assert_eq!(entry.status, Some(kaltura::EntryStatus::Ready));
    assert!(server.body(0).contains(r#""format":"2""#));
}

#[tokio::test]
async fn requests_carry_json_strings_objects_and_the_session() {
    let server = MockServer::start(|_, _, _| json(ENTRY)).await;
    let client = mock_client(&server.url).build().unwrap();
    let entry = MediaEntry {
        name: Some("clip".into()),
        ..Default::default()
    };

    client.media().update("0_abc", &entry).await.unwrap();

    let body: serde_json::Value = serde_json::from_str(&server.body(0)).unwrap();
    assert_eq!(body["entryId"], "0_abc");
    assert_eq!(body["mediaEntry"]["objectType"], "KalturaMediaEntry");
    assert_eq!(body["mediaEntry"]["name"], "clip");
    assert_eq!(body["format"], "1");
    let ks = kaltura::Ks::new(body["ks"].as_str().unwrap()).unwrap();
    assert_eq!(
        kaltura::ks::parse(&ks, "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e")
            .unwrap()
            .partner_id,
        100
    );
}
