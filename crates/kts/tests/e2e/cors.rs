//! CORS as kts-legacy-api.md's "General rules" say: pre-flights answered,
//! `Content-Type, X-Requested-With` allowed, origins configurable.

use crate::helpers::{TestApp, spawn_probe_app};

#[tokio::test]
async fn preflights_are_answered_for_any_origin_by_default() {
    let app = spawn_probe_app().await;
    let response = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/service/echo/"))
        .header("origin", "https://somewhere.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, x-requested-with",
        )
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let allowed = headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("content-type"), "{allowed}");
    assert!(allowed.contains("x-requested-with"), "{allowed}");
    app.finish().await;
}

#[tokio::test]
async fn preflights_pass_even_when_api_keys_are_required() {
    let app = TestApp::builder().closed().spawn_with_probes().await;
    let response = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/service/echo"))
        .header("origin", "https://somewhere.example")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    app.finish().await;
}

#[tokio::test]
async fn configured_origins_are_the_only_ones_allowed() {
    let app = TestApp::builder()
        .cors_origins(&["https://museum.example"])
        .spawn_with_probes()
        .await;
    let allowed = app
        .client
        .get(app.url("/service/echo"))
        .header("origin", "https://museum.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://museum.example"
    );
    let other = app
        .client
        .get(app.url("/service/echo"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));
    app.finish().await;
}
