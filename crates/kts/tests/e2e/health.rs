//! `/healthz`, `/readyz`, `/metrics`.

use crate::helpers::{Platform, TestApp, spawn_app, spawn_probe_app};

#[tokio::test]
async fn healthz_answers_ok() {
    let app = spawn_app(Platform::Kaltura).await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
    app.finish().await;
}

#[tokio::test]
async fn readyz_answers_ready_while_the_store_answers_and_503_after() {
    let app = spawn_app(Platform::Kaltura).await;
    let response = app.client.get(app.url("/readyz/")).send().await.unwrap();
    assert_eq!(response.status(), 200);

    app.store.close().await;
    let response = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(response.status(), 503);
    app.finish().await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_and_upload_bytes() {
    let app = spawn_probe_app().await;
    app.client.get(app.url("/healthz")).send().await.unwrap();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![1u8; 100]).file_name("a.bin"),
    );
    app.client
        .post(app.url("/service/echo"))
        .multipart(form)
        .send()
        .await
        .unwrap();

    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let healthz = text
        .lines()
        .find(|l| {
            l.starts_with("kts_http_requests_total")
                && l.contains("route=\"/healthz\"")
                && l.contains("method=\"GET\"")
        })
        .unwrap_or_else(|| panic!("no healthz series in:\n{text}"));
    assert!(healthz.contains("status=\"2xx\""), "{healthz}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("kts_http_requests_total")
                && l.contains("route=\"/service/echo\"")),
        "{text}"
    );
    assert!(text.contains("kts_upload_bytes_total"), "{text}");
    assert!(text.contains("kts_http_request_duration_seconds"), "{text}");
    app.finish().await;
}

#[tokio::test]
async fn made_up_methods_and_paths_add_no_metric_series() {
    let app = spawn_probe_app().await;
    let client = &app.client;
    for i in 0..300 {
        let method = reqwest::Method::from_bytes(format!("FROB{i}").as_bytes()).unwrap();
        client
            .request(method, app.url(&format!("/made-up/{i}")))
            .send()
            .await
            .unwrap();
        client
            .request(
                reqwest::Method::from_bytes(format!("ZAP{i}").as_bytes()).unwrap(),
                app.url("/healthz"),
            )
            .send()
            .await
            .unwrap();
        client
            .get(app.url(&format!("/service/made_up_call_{i}")))
            .send()
            .await
            .unwrap();
    }

    let text = client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let http_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("kts_http_request"))
        .collect();
    for line in &http_lines {
        assert!(
            !line.contains("FROB") && !line.contains("ZAP") && !line.contains("made"),
            "{line}"
        );
    }
    let unmatched_other = http_lines
        .iter()
        .filter(|l| {
            l.starts_with("kts_http_requests_total")
                && l.contains("route=\"unmatched\"")
                && l.contains("method=\"other\"")
        })
        .count();
    assert_eq!(unmatched_other, 1, "{text}");
    app.finish().await;
}

#[tokio::test]
async fn a_panicking_handler_answers_the_legacy_500_body() {
    let app = spawn_probe_app().await;
    let response = app
        .client
        .post(app.url("/service/panic"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert_eq!(body["messages"][0], "internal error");
    app.finish().await;
}

#[tokio::test]
async fn unknown_paths_are_404_in_the_legacy_shape() {
    let app = spawn_app(Platform::Kaltura).await;
    let response = app
        .client
        .get(app.url("/nothing/here"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert_eq!(body["messages"][0], "unknown path");
    app.finish().await;
}

#[tokio::test]
async fn the_real_app_starts_with_its_own_service_area() {
    let app = TestApp::builder().closed().spawn().await;
    let response = app
        .client
        .get(app.url("/service/no_such_call/?id=1:0_abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    app.finish().await;
}

#[tokio::test]
async fn metrics_time_each_kaltura_call_and_count_its_errors_by_code() {
    let app = spawn_app(Platform::Kaltura).await;
    let response = app
        .client
        .post(app.url("/service/del_media/?id=1:0_nosuchentry"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    let text = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let is_delete = |l: &&str| l.contains("service=\"media\"") && l.contains("action=\"delete\"");
    assert!(
        text.lines()
            .filter(|l| l.starts_with("kts_kaltura_call_duration_seconds_count"))
            .any(|l| is_delete(&l)),
        "{text}"
    );
    let errors = text
        .lines()
        .filter(|l| l.starts_with("kts_kaltura_call_errors_total"))
        .find(is_delete)
        .unwrap_or_else(|| panic!("no error series in:\n{text}"));
    assert!(errors.contains("code=\"ENTRY_ID_NOT_FOUND\""), "{errors}");
    app.finish().await;
}
