//! Player loaders (kaltura-api-v3.md 15): the v7 and v2 scripts, auto-embed and iframe pages.

use crate::asset_helpers::AdminSim;

#[tokio::test]
async fn playkit_script_defines_the_player_api() {
    let sim = AdminSim::start().await;

    let response = sim.get("/p/100/embedPlaykitJs/uiconf_id/47000001").await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    let script = response.text().await.unwrap();
    assert!(script.contains("global.KalturaPlayer"));
    assert!(script.contains("loadMedia"));
    assert!(script.contains(sim.handle.base_url()));
}

#[tokio::test]
async fn iframe_pages_embed_the_entry() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let id = entry["id"].as_str().unwrap();

    for path in [
        format!("/p/100/embedPlaykitJs/uiconf_id/1?iframeembed=true&entry_id={id}"),
        format!(
            "/p/100/sp/10000/embedIframeJs/uiconf_id/1/partner_id/100?iframeembed=true&entry_id={id}"
        ),
    ] {
        let response = sim.get(&path).await;
        assert_eq!(response.status(), 200, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{path}");
        assert!(page.contains(&format!("\"{id}\"")), "{path}");
    }
}

#[tokio::test]
async fn auto_embed_and_missing_parameters() {
    let sim = AdminSim::start().await;

    let auto = sim
        .get("/p/100/embedPlaykitJs/uiconf_id/1?autoembed=true&targetId=box&entry_id=0_abc")
        .await;
    assert!(
        auto.text()
            .await
            .unwrap()
            .contains("KalturaPlayer.setup({targetId: \"box\"")
    );
    let no_ui = sim
        .get("/p/100/sp/10000/embedIframeJs/partner_id/100")
        .await;
    assert_eq!(no_ui.headers()["x-kaltura"], "error-20");
    let no_target = sim
        .get("/p/100/embedPlaykitJs/uiconf_id/1?autoembed=true&entry_id=0_abc")
        .await;
    assert_eq!(no_target.headers()["x-kaltura"], "error-20");
}
