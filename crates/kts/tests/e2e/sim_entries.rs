//! Test data in the simulated Kaltura behind instance 1: entries created
//! directly with the `kaltura` client, fixture files, and fault switches.

use kaltura::{Client, MediaEntry, MediaType};
use kaltura_sim::{FaultRule, FaultSet, Partner};

use crate::helpers::TestApp;

/// An admin client of the simulator's demo partner (instance 1).
pub(crate) fn admin_client(app: &TestApp) -> Client {
    let partner = Partner::demo();
    Client::builder(app.sim.as_ref().unwrap().base_url(), partner.id)
        .admin_secret(partner.admin_secret)
        .user_id("tester@example.org")
        .build()
        .unwrap()
}

/// A new video entry (no content needed for thumbnails and captions).
pub(crate) async fn video_entry(app: &TestApp) -> String {
    let entry = MediaEntry {
        name: Some("asset test".into()),
        media_type: Some(MediaType::Video),
        ..Default::default()
    };
    let created = admin_client(app).media().add(&entry).await.unwrap();
    created.id.unwrap()
}

/// The bytes of `fixtures/<path>`.
pub(crate) fn fixture(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    std::fs::read(root.join(path)).unwrap()
}

/// Makes every call to `target` (`service.action`) fail with a Kaltura API error.
pub(crate) fn fail_calls_to(app: &TestApp, target: &str) {
    app.sim.as_ref().unwrap().faults().set(FaultSet {
        rules: vec![FaultRule {
            target: target.into(),
            api_error_rate: 1.0,
            ..Default::default()
        }],
    });
}

/// Lets the simulator behave again.
pub(crate) fn clear_faults(app: &TestApp) {
    app.sim.as_ref().unwrap().faults().clear();
}

/// Makes every request to `target` answer HTTP 503 (after the client's
/// retries, Kaltura looks down).
pub(crate) fn answer_503_to(app: &TestApp, target: &str) {
    app.sim.as_ref().unwrap().faults().set(FaultSet {
        rules: vec![FaultRule {
            target: target.into(),
            http_error_rate: 1.0,
            ..Default::default()
        }],
    });
}

/// The item of a legacy list with this `id`.
pub(crate) fn item<'a>(list: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list}"))
}

/// Asserts that a legacy list is sorted newest first. Kaltura's times are
/// in seconds, so items made in the same second may come in any order.
pub(crate) fn assert_newest_first(list: &serde_json::Value) {
    let times: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["created_at"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
}
