//! Multirequest: both numbering conventions, back-references, errors in their own slot, files per call.

use serde_json::{Value, json};

use crate::helpers::{code, spawn};

#[tokio::test]
async fn python_style_zero_based_calls_with_back_references_and_a_file() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let params = json!({
        "format": "1", "ks": ks,
        "0": {"service": "uploadtoken", "action": "add", "uploadToken": {"objectType": "KalturaUploadToken", "fileName": "clip.mp4"}},
        "1": {"service": "uploadtoken", "action": "upload", "uploadTokenId": "{1:result:id}", "resume": "False", "finalChunk": "True", "resumeAt": "-1"},
        "2": {"service": "media", "action": "addFromUploadedFile", "uploadTokenId": "{1:result:id}",
              "mediaEntry": {"objectType": "KalturaMediaEntry", "name": "clip", "mediaType": "1"}},
        "3": {"service": "media", "action": "get", "entryId": "{3:result:id}"}
    });
    let form = reqwest::multipart::Form::new()
        .text("json", params.to_string())
        .part(
            "1:fileData",
            reqwest::multipart::Part::bytes(b"movie".to_vec()).file_name("clip.mp4"),
        );
    let url = format!("{}/api_v3/service/multirequest", sim.handle.base_url());
    let results: Value = sim
        .http
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let results = results.as_array().expect("array of results");
    assert_eq!(results.len(), 4);
    assert_eq!(results[1]["status"], 2, "{results:?}");
    assert_eq!(results[1]["uploadedFileSize"], 5);
    assert_eq!(results[2]["objectType"], "KalturaMediaEntry");
    assert_eq!(results[3]["id"], results[2]["id"]);
}

#[tokio::test]
async fn one_based_form_style_keeps_going_after_an_error() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let form = [
        ("ks", ks.as_str()),
        ("1:service", "media"),
        ("1:action", "get"),
        ("1:entryId", "0_missing"),
        ("2:service", "media"),
        ("2:action", "add"),
        ("2:entry:objectType", "KalturaMediaEntry"),
        ("2:entry:name", "after error {1:result:id}"),
        ("3:service", "media"),
        ("3:action", "count"),
    ];
    let url = format!("{}/api_v3/?service=multirequest", sim.handle.base_url());
    let body = sim
        .http
        .post(&url)
        .form(&form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result><item><error>"),
        "{body}"
    );
    assert!(body.contains("<code>ENTRY_ID_NOT_FOUND</code>"));
    assert!(
        body.contains("<name>after error </name>"),
        "failed call yields an empty reference: {body}"
    );
    assert!(body.contains("<item>0</item></result>"), "{body}");
}

#[tokio::test]
async fn each_call_checks_its_own_ks() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let params = json!({"format": "1",
        "0": {"service": "media", "action": "count", "ks": ks},
        "1": {"service": "media", "action": "count"}});
    let url = format!("{}/api_v3/service/multirequest", sim.handle.base_url());
    let results: Value = sim
        .http
        .post(url)
        .json(&params)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(results[0], 0);
    assert_eq!(code(&results[1]), "SERVICE_FORBIDDEN");
}
