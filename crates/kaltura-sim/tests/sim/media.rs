//! media and baseEntry actions with their error cases.

use serde_json::{Value, json};

use crate::helpers::{code, spawn};

async fn add(sim: &crate::helpers::TestSim, ks: &str, name: &str) -> Value {
    sim.call_ks(
        ks,
        "media",
        "add",
        json!({"entry": {"objectType": "KalturaMediaEntry", "name": name, "mediaType": "1"}}),
    )
    .await
}

#[tokio::test]
async fn add_creates_an_entry_without_content_with_defaults() {
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
    let id = e["id"].as_str().unwrap();
    assert_eq!(id.len(), 10);
    assert!(id.starts_with("0_"));
    assert_eq!(e["status"], 7);
    assert_eq!(e["partnerId"], 100);
    assert_eq!(e["userId"], "admin");
    assert_eq!(e["moderationStatus"], 6);
    assert!(e["name"].as_str().unwrap().starts_with("100_"));
    let base = sim.handle.base_url();
    assert_eq!(
        e["thumbnailUrl"],
        format!("{base}/p/100/sp/10000/thumbnail/entry_id/{id}/version/100000")
    );
    assert_eq!(
        e["dataUrl"],
        format!("{base}/p/100/sp/10000/playManifest/entryId/{id}/format/url/protocol/http")
    );
    let read_only = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "status": "2"}}),
        )
        .await;
    assert_eq!(code(&read_only), "PROPERTY_VALIDATION_NOT_UPDATABLE");
}

#[tokio::test]
async fn list_filters_pages_and_counts() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    for name in ["alpha one", "alpha two", "beta"] {
        add(&sim, &ks, name).await;
    }
    // Default: READY entries only.
    assert_eq!(
        sim.call_ks(&ks, "media", "list", json!({})).await["totalCount"],
        0
    );
    let filter = json!({"objectType": "KalturaMediaEntryFilter", "statusIn": "7", "nameLike": "ALPHA", "orderBy": "+name"});
    let page = sim
        .call_ks(&ks, "media", "list", json!({"filter": filter, "pager": {"objectType": "KalturaFilterPager", "pageSize": "1", "pageIndex": "2"}}))
        .await;
    assert_eq!(page["objectType"], "KalturaMediaListResponse");
    assert_eq!(page["totalCount"], 2);
    assert_eq!(page["objects"].as_array().unwrap().len(), 1);
    assert_eq!(page["objects"][0]["name"], "alpha two");
    assert_eq!(
        sim.call_ks(
            &ks,
            "media",
            "count",
            json!({"filter": {"statusEqual": "7"}})
        )
        .await,
        3
    );
    let base = sim
        .call_ks(
            &ks,
            "baseentry",
            "list",
            json!({"filter": {"statusEqual": "7"}}),
        )
        .await;
    assert_eq!(base["objectType"], "KalturaBaseEntryListResponse");
    assert_eq!(base["totalCount"], 3);
}

#[tokio::test]
async fn update_get_and_delete() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let e = add(&sim, &ks, "before").await;
    let id = e["id"].as_str().unwrap();
    let updated = sim
        .call_ks(&ks, "media", "update", json!({"entryId": id, "mediaEntry": {"objectType": "KalturaMediaEntry", "name": "after", "tags": "a,b", "referenceId": "ref-1"}}))
        .await;
    assert_eq!(updated["name"], "after");
    assert_eq!(updated["tags"], "a,b");
    let not_updatable = sim
        .call_ks(&ks, "media", "update", json!({"entryId": id, "mediaEntry": {"objectType": "KalturaMediaEntry", "mediaType": "2"}}))
        .await;
    assert_eq!(code(&not_updatable), "PROPERTY_VALIDATION_NOT_UPDATABLE");
    let via_base = sim
        .call_ks(&ks, "baseentry", "get", json!({"entryId": id}))
        .await;
    assert_eq!(via_base["referenceId"], "ref-1");
    let base_update = sim
        .call_ks(&ks, "baseentry", "update", json!({"entryId": id, "baseEntry": {"objectType": "KalturaBaseEntry", "description": "d"}}))
        .await;
    assert_eq!(base_update["description"], "d");
    assert!(
        sim.call_ks(&ks, "media", "delete", json!({"entryId": id}))
            .await
            .is_null()
    );
    assert_eq!(
        code(
            &sim.call_ks(&ks, "media", "get", json!({"entryId": id}))
                .await
        ),
        "ENTRY_ID_NOT_FOUND"
    );
    assert_eq!(
        code(
            &sim.call_ks(&ks, "media", "delete", json!({"entryId": id}))
                .await
        ),
        "ENTRY_ID_NOT_FOUND"
    );
    assert_eq!(
        code(
            &sim.call_ks(&ks, "baseentry", "delete", json!({"entryId": id}))
                .await
        ),
        "ENTRY_ID_NOT_FOUND"
    );
    let deleted = sim
        .call_ks(&ks, "media", "list", json!({"filter": {"statusIn": "3"}}))
        .await;
    assert_eq!(deleted["totalCount"], 1);
}

#[tokio::test]
async fn add_content_with_a_token_and_its_errors() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let e = add(&sim, &ks, "content").await;
    let id = e["id"].as_str().unwrap();
    let abstract_resource = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": id, "resource": {"token": "x"}}),
        )
        .await;
    assert_eq!(code(&abstract_resource), "OBJECT_TYPE_ABSTRACT");
    let unknown = sim
        .call_ks(&ks, "media", "addContent", json!({"entryId": id, "resource": {"objectType": "KalturaUploadedFileTokenResource", "token": "0_nope"}}))
        .await;
    assert_eq!(code(&unknown), "UPLOAD_TOKEN_NOT_FOUND");
    let missing = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": id, "resource": {"objectType": "KalturaUploadedFileTokenResource"}}),
        )
        .await;
    assert_eq!(code(&missing), "PROPERTY_VALIDATION_CANNOT_BE_NULL");
    let token = sim.upload(&ks, "clip.mp4", b"video bytes").await;
    let resource = json!({"objectType": "KalturaUploadedFileTokenResource", "token": token});
    let with_content = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": id, "resource": resource}),
        )
        .await;
    assert_eq!(with_content["status"], 1, "{with_content}");
    let again = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": id, "resource": resource}),
        )
        .await;
    assert_eq!(code(&again), "ENTRY_ALREADY_WITH_CONTENT");
    let token_after = sim
        .call_ks(&ks, "uploadtoken", "get", json!({"uploadTokenId": token}))
        .await;
    assert_eq!(token_after["status"], 3);
    let other = add(&sim, &ks, "other").await;
    let used = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": other["id"], "resource": resource}),
        )
        .await;
    assert_eq!(code(&used), "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY");
    let missing_entry = sim
        .call_ks(
            &ks,
            "media",
            "addContent",
            json!({"entryId": "0_zzzzzzzz", "resource": resource}),
        )
        .await;
    assert_eq!(code(&missing_entry), "ENTRY_ID_NOT_FOUND");
}

#[tokio::test]
async fn add_from_uploaded_file_checks_the_token() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let entry = json!({"objectType": "KalturaMediaEntry", "name": "x", "mediaType": "1"});
    let unknown = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": "0_nope", "mediaEntry": entry}),
        )
        .await;
    assert_eq!(code(&unknown), "UPLOADED_FILE_NOT_FOUND_BY_TOKEN");
    let pending = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await;
    let answer = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": pending["id"], "mediaEntry": entry}),
        )
        .await;
    assert_eq!(code(&answer), "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY");
    assert_eq!(
        sim.call_ks(
            &ks,
            "media",
            "count",
            json!({"filter": {"statusIn": "-2,-1,0,1,2,7"}})
        )
        .await,
        0,
        "no entry left behind"
    );
    let token = sim.upload(&ks, "clip.mp4", b"video").await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "addFromUploadedFile",
            json!({"uploadTokenId": token, "mediaEntry": entry}),
        )
        .await;
    assert_eq!(e["sourceType"], "1");
    assert_eq!(e["status"], 1);
}
