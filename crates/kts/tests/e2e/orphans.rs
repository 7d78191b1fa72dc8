//! Failed uploads leave nothing behind (issue "Hardening", item 5): an
//! entry, caption or thumbnail asset or upload token whose creation answer
//! was lost is found again by its marker and removed; a clean-up that cannot
//! run now waits in the store and is done later, also by another process;
//! and a small fault soak ends with no orphan, no token and no file.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use kaltura::{AssetFilter, FilterPager, MediaEntry, MediaEntryFilter, UploadTokenFilter};
use kaltura_sim::{FaultRule, FaultSet, Partner};
use kts::ids::InstanceId;
use kts::ops::undo::UndoStep;
use serde_json::Value;

use crate::helpers::{TestApp, fixture};
use crate::soak_driver::{self, Soak};

async fn app() -> TestApp {
    TestApp::builder().max_file_bytes(8 << 20).spawn().await
}

fn set_faults(app: &TestApp, rules: &[&str]) {
    let rules = rules.iter().map(|r| r.parse().unwrap()).collect();
    app.sim.as_ref().unwrap().faults().set(FaultSet { rules });
}

/// Entries of the partner in any state but deleted.
async fn entries(app: &TestApp) -> Vec<MediaEntry> {
    let filter = MediaEntryFilter {
        status_in: Some("-2,-1,0,1,2,4,5,6,7".into()),
        ..Default::default()
    };
    let pager = FilterPager::page(500, 1);
    app.kaltura_client()
        .media()
        .list(Some(&filter), Some(&pager))
        .await
        .unwrap()
        .objects
}

/// Live upload tokens (PENDING, PARTIAL_UPLOAD, FULL_UPLOAD).
async fn live_tokens(app: &TestApp) -> usize {
    let filter = UploadTokenFilter {
        status_in: Some("0,1,2".into()),
        ..Default::default()
    };
    app.kaltura_client()
        .upload_token()
        .list(&filter, Some(&FilterPager::page(500, 1)))
        .await
        .unwrap()
        .objects
        .len()
}

/// Waits until the clean-up queue is empty; returns what is left after 20 s.
async fn drained(app: &TestApp) -> i64 {
    soak_driver::drain(Duration::from_secs(20), || async {
        app.store.undo_backlog().await.unwrap()
    })
    .await
}

async fn upload_video(app: &TestApp, name: &str) -> (u16, Value) {
    app.post_multipart(
        "/service/upload_file",
        &[("medianame", name)],
        Some(("clip.mp4", fixture("media/sample.mp4"))),
    )
    .await
}

#[tokio::test]
async fn an_entry_whose_creation_answer_was_lost_is_found_by_reference_and_removed() {
    let app = app().await;
    set_faults(&app, &["media.add:drop_rate=1"]);

    let (status, body) = upload_video(&app, "lost answer").await;

    assert_eq!(status, 502, "{body}");
    app.sim.as_ref().unwrap().faults().clear();
    assert_eq!(drained(&app).await, 0);
    let left = entries(&app).await;
    assert!(left.is_empty(), "entry left behind: {left:?}");
    assert!(app.upload_files().is_empty(), "temp file left behind");
    app.finish().await;
}

#[tokio::test]
async fn an_upload_token_whose_creation_answer_was_lost_is_found_by_name_and_removed() {
    let app = app().await;
    set_faults(&app, &["uploadToken.add:drop_rate=1"]);

    let (status, body) = upload_video(&app, "lost token").await;

    assert_eq!(status, 502, "{body}");
    app.sim.as_ref().unwrap().faults().clear();
    assert_eq!(drained(&app).await, 0);
    assert_eq!(live_tokens(&app).await, 0, "upload token left behind");
    assert!(entries(&app).await.is_empty(), "entry left behind");
    app.finish().await;
}

#[tokio::test]
async fn caption_and_thumbnail_assets_whose_creation_answer_was_lost_are_found_by_tag_and_removed()
{
    let app = app().await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");
    set_faults(
        &app,
        &[
            "caption_captionasset.add:drop_rate=1",
            "thumbasset.add:drop_rate=1",
        ],
    );

    let (caption_status, caption) = app
        .post_multipart(
            "/service/add_caption",
            &[("id", &id), ("language", "en")],
            Some(("a.srt", fixture("captions/simple.srt"))),
        )
        .await;
    let (thumbnail_status, thumbnail) = app
        .post_multipart(
            "/service/update_thumbnail_file",
            &[("id", &id)],
            Some(("a.png", fixture("media/sample.png"))),
        )
        .await;

    assert_eq!(caption_status, 502, "{caption}");
    assert_eq!(thumbnail_status, 502, "{thumbnail}");
    app.sim.as_ref().unwrap().faults().clear();
    assert_eq!(drained(&app).await, 0);
    let client = app.kaltura_client();
    let filter = AssetFilter::for_entry(&entry);
    let captions = client.caption_asset().list(&filter, None).await.unwrap();
    assert!(captions.objects.is_empty(), "{:?}", captions.objects);
    let thumbnails = client.thumb_asset().list(&filter, None).await.unwrap();
    assert!(thumbnails.objects.is_empty(), "{:?}", thumbnails.objects);
    app.finish().await;
}

#[tokio::test]
async fn a_clean_up_that_fails_waits_in_the_store_and_is_done_when_the_platform_is_back() {
    let app = app().await;
    // Content never arrives, and the platform refuses every delete and
    // lookup: the clean-up cannot run now.
    set_faults(
        &app,
        &[
            "media.addContent:api_error_rate=1",
            "media.delete:api_error_rate=1",
            "media.list:api_error_rate=1",
        ],
    );

    let (status, body) = upload_video(&app, "outage").await;

    assert_eq!(status, 502, "{body}");
    assert_eq!(app.store.undo_backlog().await.unwrap(), 1);
    let any_status = MediaEntryFilter {
        status_in: Some("-2,-1,0,1,2,4,5,6,7".into()),
        ..Default::default()
    };
    let waiting = app
        .kaltura_client()
        .media()
        .count(Some(&any_status))
        .await
        .unwrap();
    assert_eq!(waiting, 1, "the entry waits for its clean-up");
    app.sim.as_ref().unwrap().faults().clear();
    assert_eq!(drained(&app).await, 0);
    assert!(entries(&app).await.is_empty(), "entry left behind");
    app.finish().await;
}

#[tokio::test]
async fn a_clean_up_left_by_a_process_that_died_is_done_by_the_next() {
    let app = app().await;
    let client = app.kaltura_client();
    // What a process that died mid-upload left: an entry marked with its
    // reference, and the job it had written before creating it, whose lease
    // ran out.
    let marked = MediaEntry {
        name: Some("half made".into()),
        reference_id: Some("kts00000000deadbeef".into()),
        media_type: Some(kaltura::MediaType::Video),
        ..Default::default()
    };
    client.media().add(&marked).await.unwrap();
    let steps = serde_json::to_string(&[UndoStep::Entry {
        reference_id: "kts00000000deadbeef".into(),
        entry_id: None,
    }])
    .unwrap();
    app.store
        .open_undo(InstanceId::DEFAULT, &steps, "a-dead-process", 0)
        .await
        .unwrap();

    assert_eq!(drained(&app).await, 0);
    assert!(entries(&app).await.is_empty(), "entry left behind");
    app.finish().await;
}

/// The benchmark's soak (`benches/fault_soak`), small: 40 uploads, 6 at a
/// time, 10 % API errors, 5 % dropped connections, short latency spikes.
#[tokio::test]
async fn a_small_fault_soak_leaves_no_orphan_no_token_and_no_file() {
    let app = app().await;
    let partner = Partner::demo();
    let video = fixture("media/sample.mp4");
    let soak = Soak {
        kts: app.base_url.clone(),
        sim: app.sim.as_ref().unwrap().base_url().to_owned(),
        partner_id: partner.id,
        admin_secret: partner.admin_secret.clone(),
        run: "soak".into(),
        video: video.clone(),
        caption: fixture("captions/simple.srt"),
        done: Arc::new(AtomicUsize::new(0)),
    };
    let media_url = soak_driver::serve_video(video).await;
    let caption_entries = vec![app.video_entry().await, app.video_entry().await];
    app.sim.as_ref().unwrap().faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "*".into(),
            api_error_rate: 0.1,
            drop_rate: 0.05,
            spike_rate: 0.05,
            spike_ms: 200,
            ..FaultRule::default()
        }],
    });

    let outcomes = soak.run(40, 6, &media_url, &caption_entries).await;

    app.sim.as_ref().unwrap().faults().clear();
    assert_eq!(drained(&app).await, 0, "clean-up queue not drained");
    soak.settle(Duration::from_secs(10)).await;
    let findings = soak.check(&outcomes, &caption_entries).await;
    let failed: usize = findings.failed.values().sum();
    let succeeded: usize = findings.succeeded.values().sum();
    assert_eq!(failed + succeeded, 40);
    assert!(failed > 0, "the faults should have failed some uploads");
    assert!(succeeded > 0, "some uploads should have succeeded");
    assert!(
        findings.orphans.is_empty(),
        "orphans: {:?}",
        findings.orphans
    );
    assert!(
        findings.broken_successes.is_empty(),
        "broken successes: {:?}",
        findings.broken_successes
    );
    assert_eq!(findings.leftover_tokens, 0, "upload tokens left");
    assert_eq!(findings.leftover_assets, 0, "empty caption assets left");
    assert!(app.upload_files().is_empty(), "temp files left");
    app.finish().await;
}
