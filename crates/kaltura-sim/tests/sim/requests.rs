//! Every way real clients send a request: URL forms, methods, bodies, flattening styles.

use serde_json::{Value, json};

use crate::helpers::{code, spawn};

#[tokio::test]
async fn query_string_form_with_colon_keys_works_with_get() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let url = format!("{}/api_v3/index.php", sim.handle.base_url());
    let query = [
        ("service", "media"),
        ("action", "add"),
        ("format", "1"),
        ("ks", ks.as_str()),
        ("entry:objectType", "KalturaMediaEntry"),
        ("entry:name", "from query"),
        ("entry:mediaType", "1"),
    ];
    let entry: Value = sim
        .http
        .get(&url)
        .query(&query)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(entry["name"], "from query");
    assert_eq!(entry["status"], 7);
}

#[tokio::test]
async fn short_form_with_urlencoded_bracket_body_works() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let url = format!("{}/api_v3/?service=media&action=add", sim.handle.base_url());
    let body = [
        ("format", "1"),
        ("ks", ks.as_str()),
        ("entry[objectType]", "KalturaMediaEntry"),
        ("entry[name]", "bracket"),
        ("entry[mediaType]", "5"),
    ];
    let entry: Value = sim
        .http
        .post(&url)
        .form(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(entry["name"], "bracket");
    assert_eq!(entry["mediaType"], 5);
}

#[tokio::test]
async fn path_pairs_after_index_php_carry_parameters() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let added = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "p"}}),
        )
        .await;
    let id = added["id"].as_str().unwrap();
    let url = format!(
        "{}/api_v3/index.php/service/MEDIA/action/Get/entryId/{id}/format/1",
        sim.handle.base_url()
    );
    let entry: Value = sim
        .http
        .post(&url)
        .form(&[("ks", ks.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(entry["id"], id);
}

#[tokio::test]
async fn multipart_with_plain_form_fields_and_a_file_works() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let form = reqwest::multipart::Form::new()
        .text("format", "1")
        .text("ks", ks.clone())
        .part(
            "fileData",
            reqwest::multipart::Part::bytes(b"legacy bytes".to_vec())
                .file_name("C:\\clips\\old.mp4"),
        );
    let token: Value = sim
        .http
        .post(sim.url("media", "upload"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token.as_str().expect("legacy token string");
    assert!(token.ends_with(".mp4"));
    let entry = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": token,
            "mediaEntry": {"objectType": "KalturaMediaEntry", "name": "legacy", "mediaType": "1"}}),
        )
        .await;
    assert_eq!(entry["status"], 1, "{entry}");
    let again = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": token,
            "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "1"}}),
        )
        .await;
    assert_eq!(code(&again), "UPLOADED_FILE_NOT_FOUND_BY_TOKEN");
}

#[tokio::test]
async fn unknown_service_action_and_missing_names_get_their_codes() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    assert_eq!(
        code(&sim.call_ks(&ks, "nosuch", "get", json!({})).await),
        "SERVICE_DOES_NOT_EXISTS"
    );
    let answer = sim.call_ks(&ks, "media", "nosuch", json!({})).await;
    assert_eq!(code(&answer), "ACTION_DOES_NOT_EXISTS");
    assert_eq!(
        answer["message"],
        "Action \"nosuch\" does not exists for service \"media\""
    );
    let url = format!("{}/api_v3/index.php?format=1", sim.handle.base_url());
    let answer: Value = sim
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(code(&answer), "SERVICE_NOT_SPECIFIED");
}

#[tokio::test]
async fn missing_parameter_and_bad_enum_are_refused() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let answer = sim.call_ks(&ks, "media", "get", json!({})).await;
    assert_eq!(code(&answer), "MISSING_MANDATORY_PARAMETER");
    assert_eq!(answer["args"]["PARAM_NAME"], "entryId");
    let answer = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "mediaType": "9"}}),
        )
        .await;
    assert_eq!(code(&answer), "INVALID_ENUM_VALUE");
}

#[tokio::test]
async fn null_marker_clears_a_field_on_update() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "n", "description": "d"}}),
        )
        .await;
    assert_eq!(e["description"], "d");
    let id = e["id"].as_str().unwrap();
    let updated = sim
        .call_ks(&ks, "media", "update", json!({"entryId": id, "mediaEntry": {"objectType": "KalturaMediaEntry", "description__null": ""}}))
        .await;
    assert_eq!(updated["description"], "");
    assert_eq!(updated["name"], "n");
}

#[tokio::test]
async fn options_answers_cors_preflight() {
    let sim = spawn().await;
    let response = sim
        .http
        .request(reqwest::Method::OPTIONS, sim.url("media", "get"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert_eq!(response.headers()["access-control-max-age"], "86400");
}
