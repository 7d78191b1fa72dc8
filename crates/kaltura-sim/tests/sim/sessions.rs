//! Sessions: session.start, KS v1/v2 acceptance and rejection, privileges and USER restrictions.

use serde_json::json;

use crate::helpers::{code, ks_v1, spawn, spawn_with, unix_now};
use kaltura_sim::{Partner, Simulator};

#[tokio::test]
async fn session_start_gives_a_v2_ks_that_is_accepted() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    assert!(ks.starts_with("djJ8"), "{ks}");
    assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
}

#[tokio::test]
async fn session_start_gives_a_v1_ks_to_a_partner_configured_for_v1() {
    let old =
        Partner::parse("300:cccccccccccccccccccccccccccccccc:dddddddddddddddddddddddddddddddd:v1")
            .unwrap();
    let mut sim = spawn_with(Simulator::builder().partner(old.clone())).await;
    sim.partner = old;
    for session_type in [2, 0] {
        let ks = sim.ks(session_type, "someone", None).await;
        let decoded = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &ks)
            .expect("a v1 KS is plain base64");
        let text = String::from_utf8(decoded).unwrap();
        let (_, fields) = text.split_once('|').unwrap();
        assert!(fields.starts_with("300;300;"), "{fields}");
        assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
    }
}

#[tokio::test]
async fn locally_built_v1_ks_is_accepted() {
    let sim = spawn().await;
    let ks = ks_v1(100, &sim.partner.admin_secret, unix_now() + 600, 2, "admin");
    assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
}

#[tokio::test]
async fn expired_wrong_secret_and_wrong_partner_are_invalid_ks() {
    let sim = spawn().await;
    let expired = ks_v1(100, &sim.partner.admin_secret, unix_now() - 10, 2, "admin");
    let answer = sim.call_ks(&expired, "media", "count", json!({})).await;
    assert_eq!(code(&answer), "INVALID_KS");
    assert_eq!(
        answer["message"],
        "Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\""
    );
    let wrong_secret = ks_v1(
        100,
        "ffffffffffffffffffffffffffffffff",
        unix_now() + 600,
        2,
        "admin",
    );
    assert_eq!(
        code(
            &sim.call_ks(&wrong_secret, "media", "count", json!({}))
                .await
        ),
        "INVALID_KS"
    );
    let wrong_partner = ks_v1(999, &sim.partner.admin_secret, unix_now() + 600, 2, "admin");
    assert_eq!(
        code(
            &sim.call_ks(&wrong_partner, "media", "count", json!({}))
                .await
        ),
        "INVALID_KS"
    );
    assert_eq!(
        code(&sim.call_ks("garbage", "media", "count", json!({})).await),
        "INVALID_KS"
    );
}

#[tokio::test]
async fn a_ks_of_another_partner_cannot_see_entries_and_partner_param_must_match() {
    let other =
        Partner::parse("200:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
            .unwrap();
    let sim = spawn_with(
        Simulator::builder()
            .partner(Partner::demo())
            .partner(other.clone()),
    )
    .await;
    let ks = sim.admin_ks().await;
    let e = sim
        .call_ks(
            &ks,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry"}}),
        )
        .await;
    let other_ks = ks_v1(200, &other.admin_secret, unix_now() + 600, 2, "x");
    assert_eq!(
        code(
            &sim.call_ks(&other_ks, "media", "get", json!({"entryId": e["id"]}))
                .await
        ),
        "ENTRY_ID_NOT_FOUND"
    );
    let answer = sim
        .call_ks(&ks, "media", "count", json!({"partnerId": "200"}))
        .await;
    assert_eq!(code(&answer), "SERVICE_FORBIDDEN");
}

#[tokio::test]
async fn session_start_refuses_wrong_secrets() {
    let sim = spawn().await;
    let answer = sim
        .call(
            "session",
            "start",
            json!({"secret": "nope", "partnerId": "100", "type": "2"}),
        )
        .await;
    assert_eq!(code(&answer), "START_SESSION_ERROR");
    assert_eq!(
        answer["message"],
        "Error while starting session for partner [100]"
    );
    // The user secret opens USER sessions only.
    let answer = sim
        .call(
            "session",
            "start",
            json!({"secret": sim.partner.user_secret, "partnerId": "100", "type": "2"}),
        )
        .await;
    assert_eq!(code(&answer), "START_SESSION_ERROR");
    let answer = sim
        .call(
            "session",
            "start",
            json!({"secret": sim.partner.user_secret, "partnerId": "100", "type": "0"}),
        )
        .await;
    assert!(answer.is_string());
    let answer = sim
        .call(
            "session",
            "start",
            json!({"secret": sim.partner.admin_secret, "partnerId": "100", "type": "1"}),
        )
        .await;
    assert_eq!(code(&answer), "INVALID_ENUM_VALUE");
}

#[tokio::test]
async fn no_ks_is_forbidden_and_ended_ks_is_logged_out() {
    let sim = spawn().await;
    let answer = sim.call("media", "list", json!({})).await;
    assert_eq!(code(&answer), "SERVICE_FORBIDDEN");
    assert_eq!(
        answer["message"],
        "The access to service [media->list] is forbidden"
    );
    let ks = sim.admin_ks().await;
    assert!(
        sim.call_ks(&ks, "session", "end", json!({}))
            .await
            .is_null()
    );
    let answer = sim.call_ks(&ks, "media", "count", json!({})).await;
    assert_eq!(
        answer["message"],
        "Invalid KS \"LOGOUT\", Error \"-1,INVALID_STR\""
    );
}

#[tokio::test]
async fn user_sessions_change_only_their_own_entries() {
    let sim = spawn().await;
    let alice = sim.ks(0, "alice", None).await;
    let bob = sim.ks(0, "bob", None).await;
    let e = sim
        .call_ks(
            &alice,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "mine"}}),
        )
        .await;
    assert_eq!(e["userId"], "alice");
    let id = e["id"].as_str().unwrap();
    let answer = sim
        .call_ks(
            &bob,
            "media",
            "update",
            json!({"entryId": id, "mediaEntry": {"objectType": "KalturaMediaEntry", "name": "x"}}),
        )
        .await;
    assert_eq!(
        answer["message"],
        "Invalid KS \"\", Error \"-4,INVALID_TYPE\""
    );
    assert_eq!(
        code(
            &sim.call_ks(&bob, "media", "delete", json!({"entryId": id}))
                .await
        ),
        "INVALID_KS"
    );
    let edit = sim.ks(0, "bob", Some(&format!("edit:{id}"))).await;
    let renamed = sim
        .call_ks(
            &edit,
            "media",
            "update",
            json!({"entryId": id, "mediaEntry": {"objectType": "KalturaMediaEntry", "name": "x"}}),
        )
        .await;
    assert_eq!(renamed["name"], "x");
    let answer = sim.call_ks(&alice, "media", "update", json!({"entryId": id, "mediaEntry": {"objectType": "KalturaMediaEntry", "adminTags": "t"}})).await;
    assert_eq!(code(&answer), "PROPERTY_VALIDATION_ADMIN_PROPERTY");
}

#[tokio::test]
async fn actions_limit_is_enforced() {
    let sim = spawn().await;
    let ks = sim.ks(2, "admin", Some("actionslimit:2")).await;
    assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
    assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
    let answer = sim.call_ks(&ks, "media", "count", json!({})).await;
    assert_eq!(
        answer["message"],
        "Invalid KS \"EXCEEDED_ACTIONS_LIMIT\", Error \"-1,INVALID_STR\""
    );
    let bad = sim
        .call(
            "session",
            "start",
            json!({"secret": sim.partner.admin_secret, "partnerId": "100", "type": "2", "privileges": "actionslimit:many"}),
        )
        .await;
    assert_eq!(code(&bad), "INVALID_ACTIONS_LIMIT");
}

#[tokio::test]
async fn ip_and_uri_restrictions_are_enforced() {
    let sim = spawn().await;
    let here = sim.ks(2, "admin", Some("iprestrict:127.0.0.1")).await;
    assert_eq!(sim.call_ks(&here, "media", "count", json!({})).await, 0);
    let elsewhere = sim.ks(2, "admin", Some("iprestrict:10.9.8.7")).await;
    let answer = sim.call_ks(&elsewhere, "media", "count", json!({})).await;
    assert_eq!(
        answer["message"],
        "Invalid KS \"EXCEEDED_RESTRICTED_IP\", Error \"-1,INVALID_STR\""
    );
    let media_only = sim
        .ks(2, "admin", Some("urirestrict:/api_v3/service/media/*"))
        .await;
    assert_eq!(
        sim.call_ks(&media_only, "media", "count", json!({})).await,
        0
    );
    let answer = sim
        .call_ks(&media_only, "uploadtoken", "list", json!({}))
        .await;
    assert_eq!(
        answer["message"],
        "Invalid KS \"EXCEEDED_RESTRICTED_URI\", Error \"-1,INVALID_STR\""
    );
}

/// Every action that changes something, with parameters that would succeed for the entry's owner.
fn changing_calls(
    entry: &str,
    thumb: &str,
) -> Vec<(&'static str, &'static str, serde_json::Value)> {
    let media = json!({"objectType": "KalturaMediaEntry", "name": "renamed"});
    vec![
        (
            "media",
            "update",
            json!({"entryId": entry, "mediaEntry": media}),
        ),
        ("media", "delete", json!({"entryId": entry})),
        (
            "baseentry",
            "update",
            json!({"entryId": entry, "baseEntry": media}),
        ),
        ("baseentry", "delete", json!({"entryId": entry})),
        ("media", "add", json!({"entry": media})),
        (
            "media",
            "addfromurl",
            json!({"mediaEntry": media, "url": "http://127.0.0.1:9/a.mp4"}),
        ),
        (
            "media",
            "addcontent",
            json!({"entryId": entry, "resource": {"objectType": "KalturaUrlResource", "url": "http://127.0.0.1:9/a.mp4"}}),
        ),
        ("media", "list", json!({})),
        ("media", "count", json!({})),
        ("baseentry", "list", json!({})),
        (
            "thumbasset",
            "addfromurl",
            json!({"entryId": entry, "url": "http://127.0.0.1:9/a.jpg"}),
        ),
        (
            "thumbasset",
            "add",
            json!({"entryId": entry, "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        ),
        (
            "thumbasset",
            "generate",
            json!({"entryId": entry, "thumbParams": {"objectType": "KalturaThumbParams"}}),
        ),
        ("thumbasset", "setasdefault", json!({"thumbAssetId": thumb})),
        (
            "thumbasset",
            "update",
            json!({"id": thumb, "thumbAsset": {"objectType": "KalturaThumbAsset", "tags": "x"}}),
        ),
        ("thumbasset", "delete", json!({"thumbAssetId": thumb})),
        (
            "caption_captionasset",
            "add",
            json!({"entryId": entry, "captionAsset": {"objectType": "KalturaCaptionAsset"}}),
        ),
        (
            "uploadtoken",
            "add",
            json!({"uploadToken": {"objectType": "KalturaUploadToken"}}),
        ),
        ("uploadtoken", "list", json!({})),
        (
            "flavorparams",
            "add",
            json!({"flavorParams": {"objectType": "KalturaFlavorParams", "name": "x"}}),
        ),
        ("session", "end", json!({})),
    ]
}

#[tokio::test]
async fn a_playback_role_session_may_read_an_entry_but_change_nothing() {
    let sim = spawn().await;
    let admin = sim.admin_ks().await;
    // The owner's own session with the playback role: the role, not ownership, refuses the changes.
    let alice = sim.ks(0, "alice", None).await;
    let entry = sim
        .call_ks(
            &alice,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "mine"}}),
        )
        .await;
    let id = entry["id"].as_str().unwrap().to_owned();
    let thumb = sim
        .call_ks(
            &alice,
            "thumbasset",
            "add",
            json!({"entryId": id, "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        )
        .await;
    let thumb = thumb["id"].as_str().unwrap().to_owned();
    let privileges = format!("sview:{id},download:{id},setrole:PLAYBACK_BASE_ROLE");
    for user in ["alice", "viewer"] {
        let playback = sim.ks(0, user, Some(&privileges)).await;
        for (service, action, params) in changing_calls(&id, &thumb) {
            let answer = sim.call_ks(&playback, service, action, params).await;
            assert_eq!(
                code(&answer),
                "SERVICE_FORBIDDEN",
                "{user}: {service}.{action} answered {answer}"
            );
        }
        let read = sim
            .call_ks(&playback, "baseentry", "get", json!({"entryId": id}))
            .await;
        assert_eq!(read["name"], "mine", "{read}");
        let thumbs = sim
            .call_ks(
                &playback,
                "thumbasset",
                "list",
                json!({"filter": {"objectType": "KalturaAssetFilter", "entryIdEqual": id}}),
            )
            .await;
        assert_eq!(thumbs["totalCount"], 1, "{thumbs}");
        let flavors = sim
            .call_ks(
                &playback,
                "flavorasset",
                "list",
                json!({"filter": {"objectType": "KalturaAssetFilter", "entryIdEqual": id}}),
            )
            .await;
        assert!(flavors["objects"].is_array(), "{flavors}");
    }
    let after = sim
        .call_ks(&admin, "media", "get", json!({"entryId": id}))
        .await;
    assert_eq!(after["name"], "mine");
    assert_eq!(after["status"], entry["status"]);
}

#[tokio::test]
async fn a_user_session_cannot_change_the_default_thumbnail_of_an_entry_it_does_not_own() {
    let sim = spawn().await;
    let alice = sim.ks(0, "alice", None).await;
    let bob = sim.ks(0, "bob", None).await;
    let entry = sim
        .call_ks(
            &alice,
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "mine"}}),
        )
        .await;
    let id = entry["id"].as_str().unwrap();
    let thumb = sim
        .call_ks(
            &alice,
            "thumbasset",
            "add",
            json!({"entryId": id, "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        )
        .await;
    let thumb = thumb["id"].as_str().unwrap();
    let answer = sim
        .call_ks(
            &bob,
            "thumbasset",
            "setasdefault",
            json!({"thumbAssetId": thumb}),
        )
        .await;
    assert_eq!(
        answer["message"],
        "Invalid KS \"\", Error \"-4,INVALID_TYPE\""
    );
    let answer = sim
        .call_ks(
            &alice,
            "thumbasset",
            "setasdefault",
            json!({"thumbAssetId": thumb}),
        )
        .await;
    assert!(answer.is_null(), "{answer}");
}
