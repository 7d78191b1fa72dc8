//! `thumbAsset` over HTTP: default thumbnails of new entries, content from files, tokens and URLs, the
//! default tag, generate, getUrl and the error codes of kaltura-api-v3.md 7.5.

use serde_json::json;

use crate::asset_helpers::{AdminSim, image_of};
use crate::helpers::code;

async fn list_thumbs(sim: &AdminSim, entry_id: &str) -> Vec<serde_json::Value> {
    let list = sim
        .call(
            "thumbAsset",
            "list",
            json!({"filter": {"entryIdEqual": entry_id}}),
        )
        .await;
    list["objects"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_ready_video_gets_a_default_thumbnail_of_its_frame_size() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    assert_eq!(
        (entry["width"].clone(), entry["height"].clone()),
        (json!(160), json!(120))
    );
    assert!(
        entry["msDuration"].as_i64().unwrap().abs_diff(1000) < 100,
        "{entry}"
    );

    let thumbs = list_thumbs(&sim, entry["id"].as_str().unwrap()).await;

    assert_eq!(thumbs.len(), 1);
    assert_eq!(thumbs[0]["tags"], "default_thumb");
    assert_eq!(thumbs[0]["status"], json!(2));
    assert_eq!(
        (thumbs[0]["width"].clone(), thumbs[0]["height"].clone()),
        (json!(160), json!(120))
    );
}

#[tokio::test]
async fn add_then_set_content_from_a_token_makes_a_ready_asset() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let entry_id = entry["id"].as_str().unwrap();
    let asset = sim
        .call(
            "thumbAsset",
            "add",
            json!({"entryId": entry_id, "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        )
        .await;
    assert_eq!(asset["status"], json!(0));
    let token = sim
        .call(
            "uploadToken",
            "add",
            json!({"uploadToken": {"fileName": "t.jpg"}}),
        )
        .await;
    let token_id = token["id"].as_str().unwrap();
    sim.call_with_file(
        "uploadToken",
        "upload",
        &[("uploadTokenId", token_id)],
        "fileData",
        "media/sample.jpg",
    )
    .await;

    let resource = json!({"objectType": "KalturaUploadedFileTokenResource", "token": token_id});
    let ready = sim
        .call(
            "thumbAsset",
            "setContent",
            json!({"id": asset["id"], "contentResource": resource}),
        )
        .await;

    assert_eq!(ready["status"], json!(2), "{ready}");
    assert_eq!(
        (ready["width"].clone(), ready["height"].clone()),
        (json!(160), json!(120))
    );
    assert_eq!(ready["fileExt"], "jpg");
    assert!(ready["sizeInBytes"].as_i64().unwrap() > 1000);
}

#[tokio::test]
async fn set_as_default_moves_the_tag_and_the_default_cannot_be_deleted() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let entry_id = entry["id"].as_str().unwrap();
    let first = list_thumbs(&sim, entry_id).await.remove(0);
    let added = sim
        .call_with_file(
            "thumbAsset",
            "addFromImage",
            &[("entryId", entry_id)],
            "fileData",
            "media/sample.png",
        )
        .await;
    assert_eq!(
        (added["status"].clone(), added["fileExt"].clone()),
        (json!(2), json!("png"))
    );

    let done = sim
        .call(
            "thumbAsset",
            "setAsDefault",
            json!({"thumbAssetId": added["id"]}),
        )
        .await;
    assert!(done.is_null(), "{done}");

    let refused = sim
        .call("thumbAsset", "delete", json!({"thumbAssetId": added["id"]}))
        .await;
    assert_eq!(code(&refused), "THUMB_ASSET_IS_DEFAULT");
    let old = sim
        .call("thumbAsset", "get", json!({"thumbAssetId": first["id"]}))
        .await;
    assert_eq!(old["tags"], "");
    let deleted = sim
        .call("thumbAsset", "delete", json!({"thumbAssetId": first["id"]}))
        .await;
    assert!(deleted.is_null(), "{deleted}");
    let gone = sim
        .call("thumbAsset", "get", json!({"thumbAssetId": first["id"]}))
        .await;
    assert_eq!(code(&gone), "THUMB_ASSET_ID_NOT_FOUND");
    assert_eq!(list_thumbs(&sim, entry_id).await.len(), 1);
    let entry_after = sim.call("media", "get", json!({"entryId": entry_id})).await;
    assert_ne!(entry_after["thumbnailUrl"], entry["thumbnailUrl"]);
}

#[tokio::test]
async fn a_url_is_downloaded_during_the_call_and_a_bad_url_fails() {
    let sim = AdminSim::start().await;
    let image = sim.ready_entry("media/sample.webp", 2).await;
    let video = sim.ready_entry("media/sample.mp4", 1).await;
    let image_url = sim.url(&format!(
        "/p/100/sp/10000/raw/entry_id/{}/forceproxy/true",
        image["id"].as_str().unwrap()
    ));

    let from_url = sim
        .call(
            "thumbAsset",
            "addFromUrl",
            json!({"entryId": video["id"], "url": image_url}),
        )
        .await;
    assert_eq!(from_url["status"], json!(2), "{from_url}");
    assert_eq!(from_url["fileExt"], "webp");

    let asset = sim
        .call(
            "thumbAsset",
            "add",
            json!({"entryId": video["id"], "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        )
        .await;
    let bad = json!({"objectType": "KalturaUrlResource", "url": sim.url("/missing.jpg")});
    let failed = sim
        .call(
            "thumbAsset",
            "setContent",
            json!({"id": asset["id"], "contentResource": bad}),
        )
        .await;
    assert_eq!(code(&failed), "THUMB_ASSET_DOWNLOAD_FAILED");
    let errored = sim
        .call("thumbAsset", "get", json!({"thumbAssetId": asset["id"]}))
        .await;
    assert_eq!(errored["status"], json!(-1));
}

#[tokio::test]
async fn generate_draws_a_different_image_per_offset() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let params = |offset: f64| json!({"entryId": entry["id"], "thumbParams": {"objectType": "KalturaThumbParams", "videoOffset": offset}});

    let early = sim.call("thumbAsset", "generate", params(0.1)).await;
    let late = sim.call("thumbAsset", "generate", params(0.9)).await;

    assert_eq!(early["status"], json!(2), "{early}");
    assert_eq!(
        (early["width"].clone(), early["height"].clone()),
        (json!(160), json!(120))
    );
    let early_url = sim
        .call("thumbAsset", "getUrl", json!({"id": early["id"]}))
        .await;
    let late_url = sim
        .call("thumbAsset", "getUrl", json!({"id": late["id"]}))
        .await;
    let a = sim
        .get(early_url.as_str().unwrap())
        .await
        .bytes()
        .await
        .unwrap();
    let b = sim
        .get(late_url.as_str().unwrap())
        .await
        .bytes()
        .await
        .unwrap();
    assert!(a.starts_with(&[0xFF, 0xD8]) && b.starts_with(&[0xFF, 0xD8]));
    assert_ne!(a, b);
}

#[tokio::test]
async fn generate_checks_the_entry_and_the_params() {
    let sim = AdminSim::start().await;
    let image = sim.ready_entry("media/sample.png", 2).await;
    let video = sim.ready_entry("media/sample.mp4", 1).await;
    let params = json!({"objectType": "KalturaThumbParams", "videoOffset": 1});

    let on_image = sim
        .call(
            "thumbAsset",
            "generate",
            json!({"entryId": image["id"], "thumbParams": params}),
        )
        .await;
    assert_eq!(code(&on_image), "ENTRY_MEDIA_TYPE_NOT_SUPPORTED");
    let unknown = sim
        .call(
            "thumbAsset",
            "generate",
            json!({"entryId": "0_zzzzzzzz", "thumbParams": params}),
        )
        .await;
    assert_eq!(code(&unknown), "ENTRY_ID_NOT_FOUND");
    let bad = json!({"objectType": "KalturaThumbParams", "quality": 5});
    let low_quality = sim
        .call(
            "thumbAsset",
            "generate",
            json!({"entryId": video["id"], "thumbParams": bad}),
        )
        .await;
    assert_eq!(code(&low_quality), "PROPERTY_VALIDATION_MIN_VALUE");
}

#[tokio::test]
async fn errors_of_get_list_add_and_get_url() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;

    let missing = sim
        .call("thumbAsset", "get", json!({"thumbAssetId": "0_nothere1"}))
        .await;
    assert_eq!(code(&missing), "THUMB_ASSET_ID_NOT_FOUND");
    assert!(missing["message"].as_str().unwrap().contains("0_nothere1"));
    let no_filter = sim.call("thumbAsset", "list", json!({})).await;
    assert_eq!(code(&no_filter), "PROPERTY_VALIDATION_CANNOT_BE_NULL");
    let unknown_entry = sim
        .call(
            "thumbAsset",
            "add",
            json!({"entryId": "0_zzzzzzzz", "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        )
        .await;
    assert_eq!(code(&unknown_entry), "ENTRY_ID_NOT_FOUND");
    let queued = sim
        .call(
            "thumbAsset",
            "add",
            json!({"entryId": entry["id"], "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        )
        .await;
    let not_ready = sim
        .call("thumbAsset", "getUrl", json!({"id": queued["id"]}))
        .await;
    assert_eq!(code(&not_ready), "THUMB_ASSET_IS_NOT_READY");
    let empty = sim
        .call(
            "thumbAsset",
            "list",
            json!({"filter": {"entryIdEqual": "0_zzzzzzzz"}}),
        )
        .await;
    assert_eq!(empty["totalCount"], json!(0));
}

#[tokio::test]
async fn an_image_entry_has_no_thumbnail_asset_and_is_its_own_thumbnail() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.gif", 2).await;
    let id = entry["id"].as_str().unwrap();
    assert!(list_thumbs(&sim, id).await.is_empty());
    let path = format!("/p/100/thumbnail/entry_id/{id}/width/160/height/120");
    let image = image_of(sim.get(&path).await).await;
    assert_eq!((image.width(), image.height()), (160, 120));
}

#[tokio::test]
async fn serve_answers_the_bytes_resized_ranged_or_an_error_header() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let entry_id = entry["id"].as_str().unwrap();
    let added = sim
        .call_with_file(
            "thumbAsset",
            "addFromImage",
            &[("entryId", entry_id)],
            "fileData",
            "media/sample.jpg",
        )
        .await;
    let id = added["id"].as_str().unwrap();
    let original = std::fs::read(crate::asset_helpers::fixture("media/sample.jpg")).unwrap();
    let path = format!(
        "/api_v3/index.php/service/thumbAsset/action/serve/thumbAssetId/{id}/ks/{}",
        sim.ks
    );

    let whole = sim.get(&path).await;
    assert_eq!(whole.headers()["content-type"], "image/jpeg");
    assert_eq!(whole.bytes().await.unwrap(), original);
    let part = sim
        .http
        .get(sim.url(&path))
        .header("range", "bytes=0-3")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap(), original[..4]);
    let small = sim
        .get(&format!("/api_v3/service/thumbasset/action/serve?thumbAssetId={id}&thumbParams[width]=40&options[download]=1"))
        .await;
    assert!(
        small.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let small = image_of(small).await;
    assert_eq!((small.width(), small.height()), (40, 30));
    let missing = sim
        .get("/api_v3/service/thumbasset/action/serve?thumbAssetId=0_nothere1")
        .await;
    assert_eq!(
        missing.headers()["x-kaltura"],
        "error-THUMB_ASSET_ID_NOT_FOUND"
    );
    assert!(missing.bytes().await.unwrap().is_empty());
}
