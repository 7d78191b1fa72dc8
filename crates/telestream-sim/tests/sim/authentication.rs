//! Both generations' authentication over HTTP (telestream-cloud.md 2.1, 2.4, 2.6, 7.1).

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{FACTORY, iso8601, now_seconds, signed, spawn};

#[tokio::test]
async fn a_signed_v3_call_is_answered() {
    let sim = spawn().await;
    let (status, body) = sim
        .v3_json(Method::GET, &format!("/factories/{FACTORY}.json"), &[])
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["id"], FACTORY);
}

#[tokio::test]
async fn a_wrong_signature_is_refused_with_the_services_body() {
    let sim = spawn().await;
    let mut query = signed(
        &sim.account,
        &Method::GET,
        "/videos.json",
        &[],
        &iso8601(now_seconds()),
    );
    query.push(("page".to_owned(), "2".to_owned())); // not signed
    let url = format!("{}/v3.0/videos.json", sim.handle.base_url());
    let response = sim.http.get(url).query(&query).send().await.unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": "NotAuthorized", "message": "Signatures do not match"})
    );
}

#[tokio::test]
async fn an_old_signature_is_refused_as_expired() {
    let sim = spawn().await;
    let old = iso8601(now_seconds() - 600);
    let query = signed(&sim.account, &Method::GET, "/videos.json", &[], &old);
    let url = format!("{}/v3.0/videos.json", sim.handle.base_url());
    let response = sim.http.get(url).query(&query).send().await.unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": "NotAuthorized", "message": "Signatures expired"})
    );
}

#[tokio::test]
async fn signed_parameters_may_come_in_a_form_body_as_the_ruby_gem_sends_them() {
    let sim = spawn().await;
    let form = signed(
        &sim.account,
        &Method::POST,
        "/profiles.json",
        &[("preset_name", "webm")],
        &iso8601(now_seconds()),
    );
    let url = format!("{}/v3.0/profiles.json", sim.handle.base_url());
    let response = sim.http.post(url).form(&form).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (body["name"].as_str(), body["extname"].as_str()),
        (Some("webm"), Some(".webm"))
    );
}

#[tokio::test]
async fn an_unsigned_call_is_a_bad_request_naming_the_parameters() {
    let sim = spawn().await;
    let url = format!("{}/v3.0/videos.json", sim.handle.base_url());
    let response = sim.http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "BadRequest");
    assert_eq!(
        body["message"],
        "All required parameters were not supplied: access_key, signature, timestamp"
    );
}

#[tokio::test]
async fn a_path_without_json_is_refused() {
    let sim = spawn().await;
    let response = sim.v3(Method::GET, "/videos", &[]).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "Currently only .json is supported as a format"
    );
}

#[tokio::test]
async fn flip_calls_need_the_api_key() {
    let sim = spawn().await;
    let ok = sim.flip(Method::GET, "/videos.json").send().await.unwrap();
    assert_eq!(ok.status(), 200);
    let url = format!(
        "{}/flip/3.1/videos.json?factory_id={FACTORY}",
        sim.handle.base_url()
    );
    let refused = sim
        .http
        .get(&url)
        .header("X-Api-Key", "tcs_wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "NotAuthorized");
}
