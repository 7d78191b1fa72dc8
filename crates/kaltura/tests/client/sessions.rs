//! Sessions against the simulator: local KS v1/v2 accepted, expired and wrongly signed ones refused,
//! session.start, USER sessions.

use std::time::Duration;

use kaltura::ks::{self, KsFields};
use kaltura::{KsVersion, SessionType};

use crate::helpers::{ADMIN_SECRET, PARTNER, spawn_sim};

#[tokio::test]
async fn locally_built_v2_and_v1_admin_sessions_are_accepted() {
    let test = spawn_sim().await;
    for version in [KsVersion::V2, KsVersion::V1] {
        let client = test.client_builder().ks_version(version).build().unwrap();

        let count = client.media().count(None).await.unwrap();

        assert_eq!(count, 0, "{version:?}");
    }
}

#[tokio::test]
async fn an_expired_session_is_refused_with_invalid_ks() {
    let test = spawn_sim().await;
    let mut fields = KsFields::new(
        PARTNER,
        SessionType::Admin,
        "admin",
        Duration::from_secs(60),
    );
    fields.expiry = 1_000_000;
    let expired = ks::build(&fields, ADMIN_SECRET, KsVersion::V2).unwrap();

    let error = test
        .client
        .media()
        .count(None)
        .with_ks(expired)
        .await
        .unwrap_err();

    assert_eq!(error.kaltura_code(), Some("INVALID_KS"));
    assert!(error.is_invalid_ks());
}

#[tokio::test]
async fn a_session_signed_with_a_wrong_secret_is_refused() {
    let test = spawn_sim().await;
    let client = kaltura::Client::builder(test.sim.base_url(), PARTNER)
        .admin_secret("not the secret")
        .build()
        .unwrap();

    let error = client.media().count(None).await.unwrap_err();

    assert_eq!(error.kaltura_code(), Some("INVALID_KS"));
}

#[tokio::test]
async fn session_start_returns_sessions_this_crate_parses() {
    let test = spawn_sim().await;

    let admin = test
        .client
        .session()
        .start(SessionType::Admin, "boss", Duration::from_secs(600), "")
        .unwrap()
        .await
        .unwrap();
    let user = test
        .client
        .session()
        .start(
            SessionType::User,
            "someone",
            Duration::from_secs(600),
            "sview:0_abc",
        )
        .unwrap()
        .await
        .unwrap();

    let admin_fields = ks::parse(&admin, ADMIN_SECRET).unwrap();
    assert_eq!(
        (
            admin_fields.partner_id,
            admin_fields.session_type,
            admin_fields.user_id.as_str()
        ),
        (PARTNER, SessionType::Admin, "boss")
    );
    let user_fields = ks::parse(&user, ADMIN_SECRET).unwrap();
    assert_eq!(user_fields.session_type, SessionType::User);
    assert!(
        user_fields.privileges.contains("sview:0_abc"),
        "{}",
        user_fields.privileges
    );
    assert_eq!(
        test.client.media().count(None).with_ks(user).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_user_session_may_read_but_not_administer() {
    let test = spawn_sim().await;
    let user = test
        .client
        .build_ks(
            SessionType::User,
            "viewer",
            "sview:*",
            Duration::from_secs(600),
        )
        .unwrap();

    let owned = test
        .client
        .media()
        .add(&kaltura::MediaEntry::default())
        .await
        .unwrap();
    let id = owned.id.unwrap();

    let read = test
        .client
        .media()
        .get(&id)
        .with_ks(user.clone())
        .await
        .unwrap();
    let error = test
        .client
        .media()
        .delete(&id)
        .with_ks(user)
        .await
        .unwrap_err();

    assert_eq!(read.id.as_deref(), Some(id.as_str()));
    assert!(error.is_invalid_ks(), "{error:?}");
    assert!(test.client.media().get(&id).await.is_ok());
}
