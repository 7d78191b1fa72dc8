//! Response formats: the XML envelope (default), JSON, errors in both, gzip, ignoreNull.

use serde_json::json;

use crate::helpers::spawn;

#[tokio::test]
async fn xml_is_the_default_with_the_kaltura_envelope() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "a&b"}}),
        )
        .await;
    let id = e["id"].as_str().unwrap();
    let response = sim
        .http
        .post(sim.url("media", "get"))
        .json(&json!({"ks": ks, "entryId": id}))
        .send()
        .await
        .unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/xml")
    );
    let body = response.text().await.unwrap();
    assert!(body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result><objectType>KalturaMediaEntry</objectType>"), "{body}");
    assert!(body.contains(&format!("<id>{id}</id>")));
    assert!(body.contains("<name>a&amp;b</name>"));
    assert!(body.contains("<description></description>"));
    assert!(body.contains("</result><executionTime>"));
}

#[tokio::test]
async fn errors_are_api_exceptions_with_http_200_in_both_formats() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let response = sim
        .http
        .post(sim.url("media", "get"))
        .json(&json!({"ks": ks, "entryId": "0_nothere"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("<error><objectType>KalturaAPIException</objectType><code>ENTRY_ID_NOT_FOUND</code><message>Entry id &quot;0_nothere&quot; not found</message><args><item><objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_nothere</value></item></args></error>"), "{body}");
    let answer = sim
        .call_ks(&ks, "media", "get", json!({"entryId": "0_nothere"}))
        .await;
    assert_eq!(
        answer,
        json!({"code": "ENTRY_ID_NOT_FOUND", "message": "Entry id \"0_nothere\" not found",
        "objectType": "KalturaAPIException", "args": {"ENTRY_ID": "0_nothere"}})
    );
}

#[tokio::test]
async fn responses_are_gzipped_when_accepted() {
    let sim = spawn().await;
    let raw = reqwest::Client::builder().no_gzip().build().unwrap();
    let response = raw
        .post(sim.url("media", "list"))
        .header("accept-encoding", "gzip")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn ignore_null_omits_empty_elements_and_unknown_format_is_refused() {
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
    let body = sim
        .http
        .post(sim.url("media", "get"))
        .json(&json!({"ks": ks, "entryId": e["id"], "ignoreNull": "1"}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!body.contains("<width></width>"), "{body}");
    let response = sim
        .http
        .post(sim.url("media", "get"))
        .json(&json!({"format": "3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["x-kaltura"],
        "error-UNKNOWN_RESPONSE_FORMAT"
    );
    assert!(response.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn scalar_and_void_results_in_xml() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let body = sim
        .http
        .post(sim.url("media", "count"))
        .json(&json!({"ks": ks}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("<result>0</result>"), "{body}");
    let body = sim
        .http
        .post(sim.url("session", "end"))
        .json(&json!({"ks": ks}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("<result></result>"), "{body}");
}
