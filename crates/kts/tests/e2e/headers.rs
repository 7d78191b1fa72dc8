//! Security headers and body errors (issue "Hardening", item 10): `nosniff`
//! on every answer, `no-store` on answers that may carry a session, a
//! Content-Security-Policy on every HTML page, and a malformed body told
//! apart from an oversized one.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{Platform, TestApp, spawn_app};

async fn spawn() -> TestApp {
    TestApp::builder()
        .admin_password("a-good-admin-password")
        .spawn_with_probes()
        .await
}

/// Sends `request` as raw bytes and returns the whole answer.
async fn raw(app: &TestApp, request: &[u8]) -> String {
    let address = app.base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut answer),
    )
    .await
    .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn every_answer_forbids_content_sniffing() {
    let app = spawn().await;
    for path in [
        "/healthz",
        "/metrics",
        "/service/echo?id=1:0_abc",
        "/static/kts.css",
        "/admin/login",
        "/",
        "/nothing/here",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{path}"
        );
    }
    let refused = app
        .client
        .put(app.url("/admin/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 405);
    assert_eq!(refused.headers()["x-content-type-options"], "nosniff");
    app.finish().await;
}

#[tokio::test]
async fn service_answers_and_html_pages_are_never_stored() {
    let app = spawn().await;
    for path in [
        "/service/echo?id=1:0_abc",
        "/service/no_such_call",
        "/admin/login",
        "/",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    app.finish().await;
}

#[tokio::test]
async fn get_media_and_kaltura_session_start_answers_are_never_stored() {
    let app = spawn_app(Platform::Kaltura).await;
    for path in [
        "/service/get_media?id=1:0_nosuchentry",
        "/service/kaltura_session_start",
        "/service/get_player?id=1:0_nosuchentry",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    app.finish().await;
}

#[tokio::test]
async fn every_html_page_carries_a_content_security_policy_error_pages_included() {
    let app = spawn().await;
    // A malformed login form: the admin area's 400 error page.
    let error_page = app
        .client
        .post(app.url("/admin/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("kts_user=a&kts_user=b")
        .send()
        .await
        .unwrap();
    assert_eq!(error_page.status(), 400);
    let pages = [
        error_page,
        app.client
            .get(app.url("/admin/login"))
            .send()
            .await
            .unwrap(),
        app.client.get(app.url("/")).send().await.unwrap(),
        app.client
            .get(app.url("/thumnail_demo"))
            .send()
            .await
            .unwrap(),
    ];
    for page in pages {
        let url = page.url().to_string();
        assert!(
            page.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{url}"
        );
        let policy = page.headers()["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("default-src 'none'"), "{url}: {policy}");
    }
    app.finish().await;
}

#[tokio::test]
async fn a_malformed_body_is_a_400_and_only_an_oversized_one_is_413() {
    let app = spawn().await;
    // Chunked encoding broken in the middle of an urlencoded form.
    let broken_chunks = raw(
        &app,
        b"POST /service/echo HTTP/1.1\r\nHost: kts\r\n\
          Content-Type: application/x-www-form-urlencoded\r\n\
          Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
          5\r\nid=1:\r\nzz\r\n",
    )
    .await;
    assert!(broken_chunks.starts_with("HTTP/1.1 400"), "{broken_chunks}");
    assert!(
        broken_chunks.contains("could not be read"),
        "{broken_chunks}"
    );

    // A multipart body that is not what its boundary says.
    let bad_multipart = app
        .client
        .post(app.url("/service/echo"))
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("this is not multipart at all")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_multipart.status(), 400);

    // Only a form over the size limit is 413.
    let oversized = app
        .client
        .post(app.url("/service/echo"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "a={}",
            "x".repeat(kts::http::legacy::extract::MAX_FORM_BYTES)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(oversized.status(), 413);
    app.finish().await;
}
