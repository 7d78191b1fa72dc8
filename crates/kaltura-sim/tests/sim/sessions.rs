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
