//! The thumbnail calls (kts-legacy-api.md, "Thumbnails") over HTTP against
//! the simulator: answers with the contract's keys and value types, and the
//! failures (unknown instance, entry or thumbnail, missing or bad input,
//! Kaltura failing) with nothing left behind. Thumbnails captured from the
//! player and the failures by name run once per platform
//! ([`on_each_platform!`]), their Telestream runs speaking Flip 3.1;
//! thumbnails from files and URLs are Kaltura's (Telestream refuses them,
//! see `telestream.rs`).
use crate::helpers::{
    Platform, assert_newest_first, fixture, item, message, on_each_platform, spawn_app,
};

on_each_platform!(
    Flip: thumbnails_captured_from_the_player_are_listed_made_default_and_removed,
    thumbnail_calls_name_what_is_unknown,
    thumbnail_uploads_refuse_bad_input_and_leave_nothing_behind,
);

/// Captures the frame at `offset` seconds of `id` as the new default
/// thumbnail (`update_thumbnail_from_player`); returns the thumbnail's id.
async fn capture(app: &crate::helpers::TestApp, id: &str, offset: &str) -> String {
    let (status, body) = app
        .get(
            "/service/update_thumbnail_from_player",
            &[("entry_id", id), ("offset", offset)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true, "{body}");
    body["thumbnail_id"].as_str().unwrap().to_owned()
}

async fn thumbnails_captured_from_the_player_are_listed_made_default_and_removed(
    platform: Platform,
) {
    let app = crate::helpers::TestApp::builder()
        .platform(platform)
        .max_file_bytes(8 << 20)
        .spawn()
        .await;
    let entry = app
        .upload_fixture("clip", "media/sample.mp4", "clip.mp4")
        .await;
    let id = format!("1:{entry}");

    let first = capture(&app, &id, "0.5").await;
    let second = capture(&app, &id, "1").await;
    assert_ne!(first, second);

    // The captured frames become real images (on Telestream, once their
    // frame encoding has run).
    let mut tries = 0;
    let list = loop {
        let (_, list) = app.thumbnail_list(&id).await;
        let ready = [&first, &second]
            .iter()
            .all(|t| item(&list, t)["status"] == "READY");
        tries += 1;
        if ready || tries == 100 {
            break list;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    for thumb in [item(&list, &first), item(&list, &second)] {
        assert_eq!(thumb["status"], "READY", "{list}");
        let url = thumb["url"].as_str().unwrap();
        let image = app.client.get(url).send().await.unwrap();
        assert_eq!(image.status(), 200, "{url}");
        let bytes = image.bytes().await.unwrap();
        assert!(
            bytes.starts_with(&[0xFF, 0xD8]) || bytes.starts_with(b"\x89PNG"),
            "{url} is not an image"
        );
    }

    // thumbnail_list: keys and types; the newest capture is the default.
    let (status, list) = app.thumbnail_list(&id).await;
    assert_eq!(status, 200, "{list}");
    assert_newest_first(&list);
    for thumb in [item(&list, &first), item(&list, &second)] {
        assert!(thumb["url"].is_string(), "{thumb}");
        assert!(thumb["status"].is_string(), "{thumb}");
        assert!(thumb["created_at"].is_i64(), "{thumb}");
        for key in ["width", "height", "size"] {
            assert!(thumb.get(key).is_some(), "{key} in {thumb}");
        }
    }
    assert_eq!(item(&list, &second)["default"], true, "{list}");
    assert_eq!(item(&list, &first)["default"], false, "{list}");
    let defaults = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["default"] == true)
        .count();
    assert_eq!(defaults, 1, "{list}");

    // The default cannot be removed.
    let remove_second = [("kaltura_id", "1"), ("thumbnail_id", second.as_str())];
    let (status, body) = app.get("/service/remove_thumbnail/", &remove_second).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "thumbnail is default");

    // thumbnail_set_default, seen by get_thumbnail_url and get_media.
    let (status, body) = app
        .get(
            "/service/thumbnail_set_default/",
            &[("kaltura_id", "1"), ("thumbnail_id", first.as_str())],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"][0],
        format!("Thumbnail with id {first} set as default")
    );
    let (status, url) = app.get("/service/get_thumbnail_url/", &[("id", &id)]).await;
    assert_eq!(status, 200, "{url}");
    assert_eq!(url["id"], first.as_str());
    assert_eq!(url["default"], true);
    assert_eq!(url["imageUrl"], url["url"]);
    let (_, media) = app.get_media(&id).await;
    assert_eq!(media["thumb_id"], first.as_str());

    // The old default can go now.
    let (status, body) = app.get("/service/remove_thumbnail", &remove_second).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"][0],
        format!("Thumbnail with id {second} deleted")
    );
    let (_, list) = app.thumbnail_list(&id).await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != second.as_str()),
        "{list}"
    );
    assert_eq!(item(&list, &first)["default"], true, "{list}");
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn thumbnails_are_added_listed_made_default_and_removed() {
    let app = spawn_app(Platform::Kaltura).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");

    // update_thumbnail_file, as in the old README's curl example.
    let (status, body) = app
        .post_multipart(
            &format!("/service/update_thumbnail_file?id={id}"),
            &[("default", "true")],
            Some(("irt.PNG", fixture("detect/picture.png"))),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    let first = body["thumbnail_id"].as_str().unwrap().to_owned();
    assert_eq!(body["kaltura_id"], first.as_str());
    assert!(body["messages"].is_array());

    // thumbnail_list: keys and types, and a URL a browser can fetch.
    let (status, list) = app.thumbnail_list(&id).await;
    assert_eq!(status, 200, "{list}");
    let thumb = &list[0];
    assert_eq!(thumb["id"], first.as_str());
    assert_eq!(thumb["default"], true);
    assert_eq!(thumb["status"], "READY");
    for key in ["width", "height", "size", "created_at"] {
        assert!(thumb[key].is_i64(), "{key} in {thumb}");
    }
    assert!(thumb["width"].as_i64().unwrap() > 0);
    let url = thumb["url"].as_str().unwrap().to_owned();
    assert!(url.contains("/action/serve/thumbAssetId/"), "{url}");
    assert!(url.contains("/ks/"), "{url}");
    let image = reqwest::get(&url).await.unwrap();
    assert!(image.status().is_success(), "{url} {:?}", image.headers());
    assert_eq!(image.bytes().await.unwrap(), fixture("detect/picture.png"));

    // add_thumbnail_from_url: Kaltura fetches the URL (here the first
    // thumbnail's own download URL).
    let (status, body) = app
        .get(
            "/service/add_thumbnail_from_url/",
            &[("id", &id), ("url", &url)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let text = body["message"][0].as_str().unwrap();
    let second = text.rsplit(' ').next().unwrap().to_owned();
    assert_eq!(text, format!("ThumbAsset added to entry, id {second}"));
    assert_eq!(
        body["message"][1],
        format!("url {url} applied to thumbnail with id {second}")
    );

    let (_, list) = app.get("/service/thumbnail_list", &[("id", &id)]).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_newest_first(&list);
    assert_eq!(item(&list, &second)["default"], false);
    assert_eq!(item(&list, &second)["status"], "READY");

    // The default cannot be removed: the contract's own failure shape.
    let remove_first = [("kaltura_id", "1"), ("thumbnail_id", first.as_str())];
    let (status, body) = app.get("/service/remove_thumbnail/", &remove_first).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["success"], false);
    assert_eq!(body["error"], "thumbnail is default");
    assert!(body["messages"].as_str().unwrap().contains(&first));

    // thumbnail_set_default, then the old default can go.
    let (status, body) = app
        .get(
            "/service/thumbnail_set_default/",
            &[("kaltura_id", "1"), ("thumbnail_id", second.as_str())],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"][0],
        format!("Thumbnail with id {second} set as default")
    );
    let (status, body) = app.get("/service/remove_thumbnail", &remove_first).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"][0],
        format!("Thumbnail with id {first} deleted")
    );

    let (_, list) = app.thumbnail_list(&id).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["default"], true);
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

async fn thumbnail_calls_name_what_is_unknown(platform: Platform) {
    let app = spawn_app(platform).await;
    let entry = app.video_entry().await;

    let (status, body) = app.thumbnail_list("9:0_x").await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(message(&body), "unknown instance 9");

    let (status, body) = app.thumbnail_list("1:0_missing").await;
    assert_eq!(status, 404, "{body}");
    assert!(message(&body).contains("0_missing"), "{body}");

    let (status, body) = app
        .get(
            "/service/thumbnail_set_default/",
            &[("kaltura_id", "1"), ("thumbnail_id", "0_nothumb")],
        )
        .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(
        message(&body),
        "thumbnail 0_nothumb not found in instance 1"
    );

    let (status, body) = app
        .get("/service/remove_thumbnail/", &[("kaltura_id", "1")])
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("thumbnail_id"), "{body}");

    let (status, body) = app
        .get(
            "/service/thumbnail_set_default/",
            &[("thumbnail_id", "0_a/b")],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("thumbnail_id"), "{body}");

    let (status, body) = app.thumbnail_list(&entry).await;
    assert_eq!(status, 200, "{body}");
    app.finish().await;
}

async fn thumbnail_uploads_refuse_bad_input_and_leave_nothing_behind(platform: Platform) {
    let app = spawn_app(platform).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");
    let path = "/service/update_thumbnail_file/";
    // A Telestream video's encodings may come with screenshots of their own.
    let (_, before) = app.thumbnail_list(&id).await;

    let (status, body) = app.post_multipart(path, &[("id", &id)], None).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(message(&body), "missing parameter file");

    let (status, body) = app
        .post_multipart(path, &[("id", &id)], Some(("a.png", Vec::new())))
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("empty"), "{body}");

    // A caption named like an image is not an image.
    let (status, body) = app
        .post_multipart(
            path,
            &[("id", &id)],
            Some(("fake.png", fixture("captions/simple.srt"))),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("not an image"), "{body}");

    for bad in [
        "ftp://example.org/a.png",
        "not a url",
        "javascript:alert(1)",
    ] {
        let (status, body) = app
            .get(
                "/service/add_thumbnail_from_url/",
                &[("id", &id), ("url", bad)],
            )
            .await;
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(message(&body).contains("url"), "{body}");
    }
    let (status, body) = app
        .get("/service/add_thumbnail_from_url/", &[("id", &id)])
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(message(&body), "missing parameter url");

    let (_, list) = app.thumbnail_list(&id).await;
    assert_eq!(list, before);
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn a_failing_kaltura_is_a_502_and_the_half_made_thumbnail_is_deleted() {
    let app = spawn_app(Platform::Kaltura).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");

    app.fail_calls_to("thumbAsset.setContent");
    let (status, body) = app
        .post_multipart(
            "/service/update_thumbnail_file",
            &[("id", &id)],
            Some(("a.jpg", fixture("detect/picture.jpg"))),
        )
        .await;
    assert_eq!(status, 502, "{body}");
    assert!(message(&body).contains("INTERNAL_SERVERL_ERROR"), "{body}");
    app.clear_faults();

    // Kaltura cannot download the URL: the new asset is removed as well.
    let (status, body) = app
        .get(
            "/service/add_thumbnail_from_url/",
            &[("id", &id), ("url", "http://127.0.0.1:9/missing.png")],
        )
        .await;
    assert_eq!(status, 502, "{body}");
    assert!(
        message(&body).contains("THUMB_ASSET_DOWNLOAD_FAILED"),
        "{body}"
    );

    let (status, list) = app.thumbnail_list(&id).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list, serde_json::json!([]));
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());

    app.answer_503_to("multirequest");
    let (status, body) = app.thumbnail_list(&id).await;
    assert_eq!(status, 502, "{body}");
    app.finish().await;
}

#[tokio::test]
async fn thumbnail_and_caption_calls_answer_cors_preflights() {
    let app = spawn_app(Platform::Kaltura).await;
    for path in [
        "/service/thumbnail_list/",
        "/service/update_thumbnail_file",
        "/service/add_caption/",
        "/service/list_captions",
    ] {
        let response = app
            .client
            .request(reqwest::Method::OPTIONS, app.url(path))
            .header("origin", "https://museum.example")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "x-requested-with")
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
    }
    app.finish().await;
}
