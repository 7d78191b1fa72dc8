//! URL services (kaltura-api-v3.md 14): thumbnail resizing and errors, raw with its redirect, playManifest
//! to serveFlavor, download, flvclipper, and HTTP Range on every file.

use serde_json::json;

use crate::asset_helpers::{AdminSim, fixture, image_of};

#[tokio::test]
async fn thumbnail_resizes_the_default_thumbnail_in_both_spellings() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let id = entry["id"].as_str().unwrap();

    let long = image_of(
        sim.get(&format!(
            "/p/100/sp/10000/thumbnail/entry_id/{id}/width/80/height/80"
        ))
        .await,
    )
    .await;
    let short = image_of(
        sim.get(&format!(
            "/p/100/thumbnail/entry_id/{id}/width/80/height/80?1700000000"
        ))
        .await,
    )
    .await;
    let stretched = image_of(
        sim.get(&format!(
            "/p/100/thumbnail/entry_id/{id}/width/50.jpg/height/100/type/3"
        ))
        .await,
    )
    .await;
    let default = image_of(sim.get(&format!("/p/100/thumbnail/entry_id/{id}")).await).await;

    assert_eq!((long.width(), long.height()), (80, 60));
    assert_eq!((short.width(), short.height()), (80, 60));
    assert_eq!((stretched.width(), stretched.height()), (50, 100));
    assert_eq!((default.width(), default.height()), (120, 90));
}

#[tokio::test]
async fn the_thumbnail_url_of_an_entry_answers_an_image() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.jpg", 2).await;

    let image = image_of(sim.get(entry["thumbnailUrl"].as_str().unwrap()).await).await;

    assert_eq!((image.width(), image.height()), (120, 90));
}

#[tokio::test]
async fn a_video_without_content_gets_the_grey_placeholder() {
    let sim = AdminSim::start().await;
    let entry = sim
        .call(
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "empty", "mediaType": 1}}),
        )
        .await;

    let image = image_of(
        sim.get(&format!(
            "/p/100/thumbnail/entry_id/{}/width/40/height/30",
            entry["id"].as_str().unwrap()
        ))
        .await,
    )
    .await;

    assert_eq!((image.width(), image.height()), (40, 30));
    let centre = image.to_rgb8().get_pixel(20, 15).0;
    assert!(
        centre.iter().all(|c| (0x90..=0xB0).contains(c)),
        "{centre:?}"
    );
}

#[tokio::test]
async fn thumbnail_errors_are_empty_404s_with_kaltura_headers() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.png", 2).await;

    let unknown = sim.get("/p/100/thumbnail/entry_id/0_zzzzzzzz").await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(unknown.headers()["x-kaltura"], "error-1");
    assert!(unknown.bytes().await.unwrap().is_empty());
    let too_wide = sim
        .get(&format!(
            "/p/100/thumbnail/entry_id/{}/width/20000",
            entry["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(too_wide.headers()["x-kaltura"], "error-25");
    sim.call("media", "delete", json!({"entryId": entry["id"]}))
        .await;
    let deleted = sim
        .get(&format!(
            "/p/100/thumbnail/entry_id/{}",
            entry["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(deleted.headers()["x-kaltura"], "error-9");
}

#[tokio::test]
async fn raw_redirects_once_then_streams_with_ranges() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let original = std::fs::read(fixture("media/sample.mp4")).unwrap();

    let first = sim
        .get(&format!(
            "/p/100/sp/10000/raw/entry_id/{}",
            entry["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(first.status(), 302);
    let location = first.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.ends_with("sample.mp4.mp4?relocate=f.mp4"),
        "{location}"
    );
    let full = sim.get(&location).await;
    assert_eq!(full.status(), 200);
    assert_eq!(full.headers()["content-type"], "video/mp4");
    assert!(
        full.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(full.bytes().await.unwrap(), original);

    let part = sim
        .http
        .get(sim.url(&location))
        .header("range", "bytes=10-19")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap(), original[10..20]);
}

#[tokio::test]
async fn play_manifest_redirects_to_a_playable_flavor() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.webm", 1).await;
    let original = std::fs::read(fixture("media/sample.webm")).unwrap();
    assert!(
        entry["dataUrl"]
            .as_str()
            .unwrap()
            .contains("/playManifest/")
    );

    let manifest = sim.get(entry["dataUrl"].as_str().unwrap()).await;
    assert_eq!(manifest.status(), 302);
    let target = manifest.headers()["location"].to_str().unwrap().to_owned();
    assert!(target.contains("/serveFlavor/"), "{target}");
    let tail = sim
        .http
        .get(&target)
        .header("range", "bytes=-100")
        .send()
        .await
        .unwrap();

    assert_eq!(tail.status(), 206);
    assert_eq!(tail.headers()["content-type"], "video/webm");
    assert_eq!(
        tail.bytes().await.unwrap(),
        original[original.len() - 100..]
    );
    let unsupported = sim
        .get(&format!(
            "/p/100/playManifest/entryId/{}/format/hds",
            entry["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(unsupported.headers()["x-kaltura"], "error-25");
}

#[tokio::test]
async fn play_manifest_refuses_entries_that_are_not_ready() {
    let sim = AdminSim::start().await;
    let entry = sim
        .call(
            "media",
            "add",
            json!({"entry": {"objectType": "KalturaMediaEntry", "name": "empty", "mediaType": 1}}),
        )
        .await;

    let response = sim
        .get(&format!(
            "/p/100/playManifest/entryId/{}/format/url/protocol/http/a.mp4",
            entry["id"].as_str().unwrap()
        ))
        .await;

    assert_eq!(response.headers()["x-kaltura"], "error-6");
}

#[tokio::test]
async fn download_and_flvclipper_stream_files() {
    let sim = AdminSim::start().await;
    let video = sim.ready_entry("media/sample.mp4", 1).await;
    let image = sim.ready_entry("media/sample.png", 2).await;
    let original = std::fs::read(fixture("media/sample.mp4")).unwrap();

    let clip = sim
        .get(&format!(
            "/p/100/sp/10000/flvclipper/entry_id/{}/a.flv",
            video["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(clip.bytes().await.unwrap(), original);
    let resized = image_of(
        sim.get(&format!(
            "/p/100/sp/10000/flvclipper/entry_id/{}",
            image["id"].as_str().unwrap()
        ))
        .await,
    )
    .await;
    assert_eq!((resized.width(), resized.height()), (160, 120));
    let unknown_asset = sim
        .get(&format!(
            "/p/100/sp/10000/download/entry_id/{}/flavor/0_zzzzzzzz",
            video["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(unknown_asset.headers()["x-kaltura"], "error-6");
}

#[tokio::test]
async fn vid_sec_draws_the_frame_at_that_second() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;
    let id = entry["id"].as_str().unwrap();
    let at = |sec: &str| format!("/p/100/thumbnail/entry_id/{id}/width/160/vid_sec/{sec}");

    let early = sim.get(&at("0.1")).await.bytes().await.unwrap();
    let late = sim.get(&at("0.9")).await.bytes().await.unwrap();
    let again = sim.get(&at("0.9")).await.bytes().await.unwrap();

    assert!(early.starts_with(&[0xFF, 0xD8]));
    assert_ne!(early, late);
    assert_eq!(late, again);
}
