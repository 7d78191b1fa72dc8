//! `caption_captionAsset` over HTTP: add, content from text, tokens and URLs (IMPORTING then READY), update,
//! the default flag, delete, getUrl and the error codes of kaltura-api-v3.md 7.6.

use serde_json::{Value, json};

use crate::asset_helpers::{AdminSim, fixture};
use crate::helpers::code;

const SERVICE: &str = "caption_captionAsset";

async fn add_caption(sim: &AdminSim, entry_id: &str, language: &str) -> Value {
    let caption =
        json!({"objectType": "KalturaCaptionAsset", "language": language, "label": language});
    sim.call(
        SERVICE,
        "add",
        json!({"entryId": entry_id, "captionAsset": caption}),
    )
    .await
}

#[tokio::test]
async fn text_content_is_ready_at_once_and_served_back() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let caption = add_caption(&sim, entry["id"].as_str().unwrap(), "English").await;
    assert_eq!(
        (caption["status"].clone(), caption["format"].clone()),
        (json!(0), json!("1")),
        "{caption}"
    );
    assert_eq!(caption["languageCode"], "en");
    let srt = std::fs::read_to_string(fixture("captions/simple.srt")).unwrap();

    let resource = json!({"objectType": "KalturaStringResource", "content": srt});
    let ready = sim
        .call(
            SERVICE,
            "setContent",
            json!({"id": caption["id"], "contentResource": resource}),
        )
        .await;

    assert_eq!(
        (ready["status"].clone(), ready["fileExt"].clone()),
        (json!(2), json!("srt")),
        "{ready}"
    );
    let url = sim
        .call(SERVICE, "getUrl", json!({"id": caption["id"]}))
        .await;
    let served = sim.get(url.as_str().unwrap()).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.text().await.unwrap(), srt);
}

#[tokio::test]
async fn a_token_file_keeps_its_extension() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp3", 5).await;
    let caption = add_caption(&sim, entry["id"].as_str().unwrap(), "French").await;
    let token = sim
        .call(
            "uploadToken",
            "add",
            json!({"uploadToken": {"fileName": "simple.vtt"}}),
        )
        .await;
    let token_id = token["id"].as_str().unwrap();
    sim.call_with_file(
        "uploadToken",
        "upload",
        &[("uploadTokenId", token_id)],
        "fileData",
        "captions/simple.vtt",
    )
    .await;

    let resource = json!({"objectType": "KalturaUploadedFileTokenResource", "token": token_id});
    let ready = sim
        .call(
            SERVICE,
            "setContent",
            json!({"id": caption["id"], "contentResource": resource}),
        )
        .await;

    assert_eq!(
        (ready["status"].clone(), ready["fileExt"].clone()),
        (json!(2), json!("vtt")),
        "{ready}"
    );
    assert_eq!(ready["languageCode"], "fr");
}

#[tokio::test]
async fn a_url_is_imported_in_the_background() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let entry_id = entry["id"].as_str().unwrap();
    let source = add_caption(&sim, entry_id, "English").await;
    let text = json!({"objectType": "KalturaStringResource", "content": "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n"});
    sim.call(
        SERVICE,
        "setContent",
        json!({"id": source["id"], "contentResource": text}),
    )
    .await;
    let source_url = sim
        .call(SERVICE, "getUrl", json!({"id": source["id"]}))
        .await;
    let copy = add_caption(&sim, entry_id, "German").await;

    let resource = json!({"objectType": "KalturaUrlResource", "url": source_url});
    let importing = sim
        .call(
            SERVICE,
            "setContent",
            json!({"id": copy["id"], "contentResource": resource}),
        )
        .await;

    assert!(
        matches!(importing["status"].as_i64(), Some(7 | 2)),
        "{importing}"
    );
    let mut status = json!(7);
    for _ in 0..500 {
        status = sim
            .call(SERVICE, "get", json!({"captionAssetId": copy["id"]}))
            .await["status"]
            .clone();
        if status != json!(7) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(status, json!(2));
}

#[tokio::test]
async fn update_and_set_as_default_keep_one_default() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let entry_id = entry["id"].as_str().unwrap();
    let english = add_caption(&sim, entry_id, "English").await;
    let hebrew = add_caption(&sim, entry_id, "Hebrew").await;

    let updated = sim
        .call(SERVICE, "update", json!({"id": english["id"], "captionAsset": {"objectType": "KalturaCaptionAsset", "isDefault": 1, "label": "EN"}}))
        .await;
    assert_eq!(
        (updated["isDefault"].clone(), updated["label"].clone()),
        (json!(true), json!("EN")),
        "{updated}"
    );
    sim.call(
        SERVICE,
        "setAsDefault",
        json!({"captionAssetId": hebrew["id"]}),
    )
    .await;

    let list = sim
        .call(
            SERVICE,
            "list",
            json!({"filter": {"entryIdEqual": entry_id}}),
        )
        .await;
    let defaults: Vec<&Value> = list["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["isDefault"] == json!(true))
        .collect();
    assert_eq!(defaults.len(), 1);
    assert_eq!(defaults[0]["id"], hebrew["id"]);
    let refused = sim
        .call(SERVICE, "update", json!({"id": english["id"], "captionAsset": {"objectType": "KalturaCaptionAsset", "format": "2"}}))
        .await;
    assert_eq!(code(&refused), "PROPERTY_VALIDATION_NOT_UPDATABLE");
}

#[tokio::test]
async fn a_default_caption_can_be_deleted() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let caption = add_caption(&sim, entry["id"].as_str().unwrap(), "English").await;
    sim.call(
        SERVICE,
        "setAsDefault",
        json!({"captionAssetId": caption["id"]}),
    )
    .await;

    let deleted = sim
        .call(SERVICE, "delete", json!({"captionAssetId": caption["id"]}))
        .await;

    assert!(deleted.is_null(), "{deleted}");
    let gone = sim
        .call(SERVICE, "get", json!({"captionAssetId": caption["id"]}))
        .await;
    assert_eq!(code(&gone), "CAPTION_ASSET_ID_NOT_FOUND");
}

#[tokio::test]
async fn caption_errors_carry_the_real_codes() {
    let sim = AdminSim::start().await;
    let image = sim.ready_entry("media/sample.png", 2).await;
    let video = sim.ready_entry("media/sample.mp4", 1).await;

    let on_image = add_caption(&sim, image["id"].as_str().unwrap(), "English").await;
    assert_eq!(code(&on_image), "ENTRY_ID_NOT_FOUND");
    let klingon = add_caption(&sim, video["id"].as_str().unwrap(), "Klingon").await;
    assert_eq!(code(&klingon), "INVALID_ENUM_VALUE");
    let queued = add_caption(&sim, video["id"].as_str().unwrap(), "English").await;
    let not_ready = sim
        .call(SERVICE, "getUrl", json!({"id": queued["id"]}))
        .await;
    assert_eq!(code(&not_ready), "CAPTION_ASSET_IS_NOT_READY");
    assert_eq!(not_ready["message"], "Caption asset \"N/A\" is not ready");
    let no_filter = sim
        .call(
            SERVICE,
            "list",
            json!({"filter": {"objectType": "KalturaAssetFilter"}}),
        )
        .await;
    assert_eq!(code(&no_filter), "PROPERTY_VALIDATION_CANNOT_BE_NULL");
    let abstract_resource = sim.call(SERVICE, "setContent", json!({"id": queued["id"], "contentResource": {"objectType": "KalturaContentResource"}})).await;
    assert_eq!(code(&abstract_resource), "OBJECT_TYPE_ABSTRACT");
}

#[tokio::test]
async fn serve_answers_the_caption_file_with_or_without_a_ks() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let caption = add_caption(&sim, entry["id"].as_str().unwrap(), "English").await;
    let dfxp = std::fs::read_to_string(fixture("captions/simple.dfxp")).unwrap();
    let resource = json!({"objectType": "KalturaStringResource", "content": dfxp});
    sim.call(
        SERVICE,
        "setContent",
        json!({"id": caption["id"], "contentResource": resource}),
    )
    .await;
    let id = caption["id"].as_str().unwrap();

    let with_ks = sim
        .get(&format!(
            "/api_v3/index.php/service/caption_captionAsset/action/serve/captionAssetId/{id}/ks/{}",
            sim.ks
        ))
        .await;
    let anonymous = sim
        .get(&format!(
            "/api_v3/service/caption_captionasset/action/serve?captionAssetId={id}"
        ))
        .await;
    let bad_ks = sim
        .get(&format!(
            "/api_v3/service/caption_captionasset/action/serve?captionAssetId={id}&ks=garbage"
        ))
        .await;

    assert_eq!(with_ks.text().await.unwrap(), dfxp);
    assert_eq!(anonymous.text().await.unwrap(), dfxp);
    assert_eq!(bad_ks.headers()["x-kaltura"], "error-INVALID_KS");
}
