//! The app on each store backend: it starts, migrates and serves with
//! SQLite and with PostgreSQL, and instances survive a round trip.

use kts::ids::InstanceId;
use kts::store::{Account, FieldValues, NewInstance};

use crate::helpers::{Platform, TestApp, spawn_app};

fn instance() -> NewInstance {
    NewInstance {
        id: None,
        fields: FieldValues::new()
            .with("name", "Newsroom")
            .with("service_url", "http://127.0.0.1:9")
            .with("partner_id", 99)
            .with("player_uiconf_id", 1)
            .with("thumbnail_player_uiconf_id", 2)
            .with("admin_secret", "admin-s")
            .with("user_id", "news@example.org")
            .with("ks_version", "v2"),
    }
}

async fn serves_and_stores(app: TestApp) {
    let response = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    // Instance 1 is the simulator's (see helpers); this one takes id 2.
    let id = app.store.add_instance(&instance()).await.unwrap();
    assert_eq!(id.get(), 2);
    let sim_url = app.sim.as_ref().unwrap().base_url().to_owned();
    let first = app
        .store
        .instance(InstanceId::DEFAULT)
        .await
        .unwrap()
        .unwrap();
    let Account::Kaltura(first) = &first.account else {
        panic!("not a Kaltura account");
    };
    assert_eq!(first.service_url.as_str().trim_end_matches('/'), sim_url);
    let loaded = app.store.instance(id).await.unwrap().unwrap();
    let Account::Kaltura(loaded) = &loaded.account else {
        panic!("not a Kaltura account");
    };
    assert_eq!(loaded.admin_secret.expose(), "admin-s");
    assert_eq!(loaded.service_url.as_str(), "http://127.0.0.1:9/");
    app.finish().await;
}

#[tokio::test]
async fn sqlite_backed_app_serves_and_stores_instances() {
    serves_and_stores(spawn_app(Platform::Kaltura).await).await;
}

#[tokio::test]
async fn postgres_backed_app_serves_and_stores_instances() {
    serves_and_stores(TestApp::builder().postgres().spawn().await).await;
}
