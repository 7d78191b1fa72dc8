//! What the official v3.0 Python SDK (`telestream-cloud` 1.1.2) sends that the reference leaves loose: a
//! Python bool written as `True`/`False`, and a profile renamed by `save()`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{FACTORY, spawn};

#[tokio::test]
async fn factory_flags_sent_as_python_bools_read_back_as_json_booleans() {
    let sim = spawn().await;
    let path = format!("/factories/{FACTORY}.json");
    let params = [
        ("upload_original_video", "False"),
        ("s3_private_access", "TRUE"),
    ];
    let (status, factory) = sim.v3_json(Method::PUT, &path, &params).await;
    assert_eq!(status, 200, "{factory}");
    assert_eq!(
        (
            &factory["upload_original_video"],
            &factory["s3_private_access"]
        ),
        (&json!(false), &json!(true))
    );
    let (_, again) = sim.v3_json(Method::GET, &path, &[]).await;
    assert_eq!(again["upload_original_video"], json!(false));
}

#[tokio::test]
async fn a_profile_is_renamed_by_an_update_but_not_to_a_taken_name() {
    let sim = spawn().await;
    let (status, profile) = sim
        .v3_json(
            Method::POST,
            "/profiles.json",
            &[("preset_name", "h264"), ("name", "h264_1"), ("fps", "45")],
        )
        .await;
    assert_eq!(status, 200, "{profile}");
    let path = format!("/profiles/{}.json", profile["id"].as_str().unwrap());

    let (status, renamed) = sim
        .v3_json(Method::PUT, &path, &[("name", "new_name"), ("fps", "60")])
        .await;
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(
        (&renamed["name"], &renamed["fps"]),
        (&json!("new_name"), &json!("60"))
    );
    let (status, _) = sim
        .v3_json(Method::GET, "/profiles/new_name.json", &[])
        .await;
    assert_eq!(status, 200, "found by its new name");

    let (status, refused) = sim.v3_json(Method::PUT, &path, &[("name", "h264")]).await;
    assert_eq!((status, &refused["error"]), (400, &json!("BadRequest")));
    let (_, kept) = sim.v3_json(Method::GET, &path, &[]).await;
    assert_eq!(kept["name"], json!("new_name"));
}
