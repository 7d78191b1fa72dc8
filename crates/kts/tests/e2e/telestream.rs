//! What only a Telestream instance answers: the calls a factory cannot do
//! (captions, thumbnails from files or URLs, mobile flavors) refused with a
//! 422 that names the platform and what it lacks, changing nothing; the
//! details a video has no field for kept by KTS; a file that is no media
//! leaving no video behind. The calls both platforms answer are in the
//! feature files, run once per platform. These speak Flip 3.1.

use serde_json::Value;

use crate::helpers::{Platform, TelestreamApi, TestApp, fixture, message};

async fn spawn() -> TestApp {
    TestApp::builder()
        .platform(Platform::Telestream(TelestreamApi::Flip))
        .max_file_bytes(8 << 20)
        .spawn()
        .await
}

/// Asserts a refusal of something Telestream cannot do: 422, `success:
/// false`, a text naming the platform and `capability`.
fn assert_refused(status: u16, body: &Value, capability: &str) {
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["success"], false, "{body}");
    let text = body.to_string();
    assert!(text.contains("telestream of instance 1 cannot"), "{body}");
    assert!(text.contains(capability), "{capability} in {body}");
}

#[tokio::test]
async fn caption_calls_answer_422_naming_telestream_and_change_nothing() {
    let app = spawn().await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");
    let (_, media_before) = app.get_media(&id).await;
    let videos_before = app.entry_count().await;

    let (status, body) = app
        .add_caption(
            &[("id", &id), ("language", "English")],
            Some(("simple.srt", fixture("captions/simple.srt"))),
        )
        .await;
    assert_refused(status, &body, "caption");
    let (status, body) = app.list_captions(&id).await;
    assert_refused(status, &body, "caption");
    let caption = [
        ("kaltura_id", "1"),
        ("caption_id", "1_abc-1"),
        ("name", "Label"),
    ];
    for path in [
        "/service/set_caption_as_default/",
        "/service/update_caption/",
        "/service/remove_caption/",
    ] {
        let (status, body) = app.get(path, &caption).await;
        assert_refused(status, &body, "caption");
    }

    let (_, media_after) = app.get_media(&id).await;
    assert_eq!(media_after, media_before);
    assert_eq!(app.entry_count().await, videos_before);
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn thumbnails_from_files_and_urls_are_refused_and_nothing_is_added() {
    let app = spawn().await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");
    let (_, before) = app.thumbnail_list(&id).await;

    let (status, body) = app
        .post_multipart(
            &format!("/service/update_thumbnail_file?id={id}"),
            &[("default", "true")],
            Some(("picture.png", fixture("detect/picture.png"))),
        )
        .await;
    assert_refused(status, &body, "thumbnail from a file");
    let (status, body) = app
        .get(
            "/service/add_thumbnail_from_url/",
            &[("id", &id), ("url", "https://example.org/a.png")],
        )
        .await;
    assert_refused(status, &body, "thumbnail from a file or a URL");

    let (status, after) = app.thumbnail_list(&id).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after, before);
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn a_mobile_flavor_is_refused_by_name() {
    let app = spawn().await;
    let (status, body) = app.get("/service/add_kts_mobile_flavor/", &[]).await;
    assert_refused(status, &body, "mobile flavor");
    app.finish().await;
}

#[tokio::test]
async fn name_description_and_tags_survive_the_round_trip_and_the_name_filter_finds_them() {
    let app = spawn().await;
    let (status, body) = app
        .post_multipart(
            "/service/upload_file",
            &[
                ("medianame", "Harbour at dawn.mp4"),
                ("description", "Boats leaving, 6 a.m."),
                ("tags", "harbour,boats"),
            ],
            Some(("DSC0001.mp4", fixture("media/sample.mp4"))),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let entry = body["entry_id"].as_str().unwrap().to_owned();
    app.upload_fixture("Other", "media/sample.mp4", "other.mp4")
        .await;

    let (status, media) = app.get_media(&entry).await;
    assert_eq!(status, 200, "{media}");
    assert_eq!(media["name"], "Harbour at dawn");
    assert_eq!(media["description"], "Boats leaving, 6 a.m.");
    assert_eq!(media["tags"], "harbour,boats");

    let (status, found) = app
        .get("/service/search_video/", &[("name", "HARBOUR")])
        .await;
    assert_eq!(status, 200, "{found}");
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["name"], "Harbour at dawn");
    assert_eq!(found[0]["description"], "Boats leaving, 6 a.m.");
    assert_eq!(found[0]["tags"], "harbour,boats");

    // The details go with the video.
    let (status, _) = app
        .get("/service/del_media/", &[("id", &format!("1:{entry}"))])
        .await;
    assert_eq!(status, 200);
    let (_, found) = app
        .get("/service/search_video/", &[("name", "harbour")])
        .await;
    assert_eq!(found, serde_json::json!([]));
    app.finish().await;
}

#[tokio::test]
async fn a_file_that_is_no_media_fails_cleanly_and_leaves_no_video() {
    let app = spawn().await;
    let before = app.entry_count().await;

    let (status, body) = app
        .post_multipart(
            "/service/upload_file",
            &[("medianame", "notes")],
            Some(("notes.mp4", fixture("captions/simple.srt"))),
        )
        .await;

    assert!((400..500).contains(&status), "{status} {body}");
    assert_eq!(body["success"], false, "{body}");
    assert!(!message(&body).is_empty(), "{body}");
    assert_eq!(app.entry_count().await, before, "a video was left behind");
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

/// A factory encodes video and audio: a still image is no source for it
/// (Kaltura keeps images as entries; see `media.rs`).
#[tokio::test]
async fn audio_is_detected_and_an_image_is_refused_as_no_media() {
    let app = spawn().await;
    let before = app.entry_count().await;

    let song = app
        .upload_fixture("song", "media/sample.mp3", "song.mp3")
        .await;
    let (status, media) = app.get_media(&song).await;
    assert_eq!(status, 200, "{media}");
    assert_eq!(media["media_type"], "AUDIO");

    let (status, body) = app
        .post_multipart(
            "/service/upload_file",
            &[("medianame", "pic")],
            Some(("pic.png", fixture("media/sample.png"))),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("cannot read it as media"), "{body}");
    assert_eq!(
        app.entry_count().await,
        before + 1,
        "the image's video stayed"
    );
    app.finish().await;
}
