//! API keys on `/service/*`: required unless open access is on; read keys
//! cannot change data; revoked keys stop working.

use serde_json::Value;

use crate::helpers::{TestApp, spawn_probe_app};
use kts::store::Scope;

/// KTS with the probe routes, needing an API key.
async fn spawn_closed() -> TestApp {
    TestApp::builder().closed().spawn_with_probes().await
}

#[tokio::test]
async fn a_call_without_key_is_401_in_the_legacy_shape() {
    let app = spawn_closed().await;
    let response = app
        .client
        .get(app.url("/service/echo"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("www-authenticate"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert!(body["messages"][0].as_str().unwrap().contains("API key"));
    app.finish().await;
}

#[tokio::test]
async fn an_unknown_key_is_401() {
    let app = spawn_closed().await;
    let response = app
        .client
        .get(app.url("/service/echo"))
        .bearer_auth("kts_not_a_real_key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    app.finish().await;
}

#[tokio::test]
async fn a_read_key_reads_but_cannot_change() {
    let app = spawn_closed().await;
    let key = app.api_key(Scope::Read).await;
    let response = app
        .client
        .get(app.url("/service/echo"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let response = app
        .client
        .post(app.url("/service/change"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    app.finish().await;
}

#[tokio::test]
async fn a_write_key_changes_also_as_an_api_key_parameter() {
    let app = spawn_closed().await;
    let key = app.api_key(Scope::Write).await;
    let response = app
        .client
        .post(app.url(&format!("/service/change/?api_key={key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    app.finish().await;
}

#[tokio::test]
async fn a_revoked_key_is_refused() {
    let app = spawn_closed().await;
    let key = app.api_key(Scope::Write).await;
    let id = app.store.list_api_keys().await.unwrap()[0].id;
    assert!(app.store.revoke_api_key(id).await.unwrap());
    let response = app
        .client
        .get(app.url("/service/echo"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    app.finish().await;
}

#[tokio::test]
async fn open_access_needs_no_key() {
    let app = spawn_probe_app().await;
    let response = app
        .client
        .post(app.url("/service/change"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    app.finish().await;
}
