//! The "Media" and "Players" JSON calls of kts-legacy-api.md over HTTP,
//! against the simulator: success with the contract's keys and value types,
//! and the failures (unknown instance, entry, missing or empty file,
//! malformed URL, Kaltura failing). The calls both platforms answer run once
//! per platform ([`on_each_platform!`]), their Telestream runs speaking v3.0;
//! what only Kaltura does stays Kaltura's.

use std::time::Duration;

use kaltura_sim::{FaultRule, FaultSet};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::helpers::{
    Platform, TelestreamApi, TestApp, fixture, form_body, json_of, on_each_platform,
};

on_each_platform!(
    V3: upload_file_creates_an_entry_and_reports_the_detected_type,
    get_media_answers_every_contract_key_with_its_type,
    get_media_and_del_media_fail_in_the_message_shape,
    del_media_deletes_the_entry,
    search_video_lists_entries_with_names_for_enums_and_pages,
    get_excel_pages_through_every_entry_into_a_real_workbook,
    thumbnails_from_the_player_become_the_default,
    fromlocal_uploads_only_files_under_the_configured_folder,
    get_media_reports_a_failing_and_an_unreachable_platform,
);

async fn spawn(platform: Platform) -> TestApp {
    TestApp::builder()
        .platform(platform)
        .max_file_bytes(8 << 20)
        .spawn()
        .await
}

/// Uploads `bytes` as `file` with `medianame` and the `extra` fields
/// before it, as Python's requests and most clients order a form; returns
/// the answer.
async fn upload(app: &TestApp, name: &str, bytes: Vec<u8>, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut form = Form::new().text("medianame", name.to_owned());
    for (key, value) in extra {
        form = form.text(key.to_string(), value.to_string());
    }
    let form = form.part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

async fn get(app: &TestApp, path_and_query: &str) -> (u16, Value) {
    json_of(
        app.client
            .get(app.url(path_and_query))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Waits until `search_video` (READY entries only, as Kaltura lists them)
/// shows `count` entries: the simulator readies an entry just after its
/// content arrives.
async fn wait_until_listed(app: &TestApp, count: usize) {
    for _ in 0..100 {
        let (_, list) = get(app, "/service/search_video/?pagesize=500").await;
        if list.as_array().unwrap().len() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{count} entries never became ready");
}

async fn upload_file_creates_an_entry_and_reports_the_detected_type(platform: Platform) {
    let app = spawn(platform).await;

    let (status, body) = upload(
        &app,
        "clip.mp4",
        fixture("media/sample.mp4"),
        &[("description", "A clip"), ("tags", "a,b")],
    )
    .await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    let entry = body["entry_id"].as_str().unwrap();
    assert_eq!(
        body["kaltura_id"], entry,
        "kaltura_id is the entry id (legacy misnomer)"
    );
    assert_eq!(body["messages"][0], "File Uploaded locally");
    assert_eq!(body["messages"][1], "Uploaded to Kaltura");
    assert!(
        body["messages"][2]
            .as_str()
            .unwrap()
            .contains("VIDEO detected from content"),
        "{body}"
    );
    let (_, media) = get(&app, &format!("/service/get_media/?id=1:{entry}")).await;
    assert_eq!(media["name"], "clip", "the extension is cut from medianame");
    assert_eq!(media["description"], "A clip");
    assert_eq!(media["tags"], "a,b");
    assert_eq!(media["media_type"], "VIDEO");
    assert!(app.upload_files().is_empty(), "temp file left behind");
    app.finish().await;
}

#[tokio::test]
async fn upload_file_detects_audio_and_images_and_obeys_mediatype() {
    let app = spawn(Platform::Kaltura).await;
    let (_, audio) = upload(&app, "song", fixture("media/sample.mp3"), &[]).await;
    let (_, image) = upload(&app, "pic", fixture("media/sample.png"), &[]).await;
    let (_, forced) = upload(
        &app,
        "forced",
        fixture("media/sample.mp4"),
        &[("mediatype", "audio")],
    )
    .await;

    for (body, expected) in [(&audio, "AUDIO"), (&image, "IMAGE"), (&forced, "AUDIO")] {
        let entry = body["entry_id"].as_str().unwrap();
        let (_, media) = get(&app, &format!("/service/get_media?id={entry}")).await;
        assert_eq!(media["media_type"], expected, "{body}");
    }
    assert!(
        forced["messages"][2]
            .as_str()
            .unwrap()
            .contains("set by mediatype")
    );
    app.finish().await;
}

#[tokio::test]
async fn upload_file_without_data_answers_data_not_posted() {
    let app = spawn(Platform::Kaltura).await;
    for response in [
        app.client
            .get(app.url("/service/upload_file"))
            .send()
            .await
            .unwrap(),
        app.client
            .post(app.url("/service/upload_file/"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&[("medianame", "x")]))
            .send()
            .await
            .unwrap(),
    ] {
        let (status, body) = json_of(response).await;
        assert_eq!(status, 400);
        assert_eq!(
            body,
            serde_json::json!({"success": false, "errorValue": "Data not Posted", "messages": []})
        );
    }
    app.finish().await;
}

#[tokio::test]
async fn upload_file_refuses_bad_input_by_name() {
    let app = spawn(Platform::Kaltura).await;
    let (status, body) = upload(&app, "empty.mp4", Vec::new(), &[]).await;
    assert_eq!(status, 400);
    assert_eq!(body["messages"][0], "invalid parameter file: is empty");

    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[("medianame", "x"), ("pullPath", "not a url")]))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert!(
        body["messages"][0].as_str().unwrap().contains("pullPath"),
        "{body}"
    );

    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[("pullPath", "https://example.org/a.mp4")]))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert_eq!(body["messages"][0], "missing parameter medianame");

    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("medianame", "x"),
            ("fromlocal", "/etc/passwd"),
        ]))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert!(
        body["messages"][0].as_str().unwrap().contains("turned off"),
        "{body}"
    );

    let (status, body) = upload(
        &app,
        "x.mp4",
        fixture("media/sample.mp4"),
        &[("kaltura_id", "9")],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["messages"][0], "unknown instance 9");
    assert!(app.upload_files().is_empty(), "temp file left behind");
    app.finish().await;
}

#[tokio::test]
async fn upload_file_from_a_url_lets_the_platform_pull_it_on_kaltura() {
    upload_file_from_a_url_lets_the_platform_pull_it(Platform::Kaltura).await;
}

#[tokio::test]
async fn upload_file_from_a_url_lets_the_platform_pull_it_on_telestream() {
    upload_file_from_a_url_lets_the_platform_pull_it(Platform::Telestream(TelestreamApi::Flip))
        .await;
}

async fn upload_file_from_a_url_lets_the_platform_pull_it(platform: Platform) {
    let app = spawn(platform).await;
    let song = serve_file("song.mp3", fixture("media/sample.mp3")).await;
    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("medianame", "remote"),
            ("pullPath", song.as_str()),
            ("description", "pulled"),
        ]))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["messages"][0],
        "Kaltura will now pull and process the video"
    );
    assert!(
        body["messages"][1].as_str().unwrap().contains("AUDIO"),
        "{body}"
    );
    let entry = body["entry_id"].as_str().unwrap();
    let (status, media) = get(&app, &format!("/service/get_media/?id=1:{entry}")).await;
    assert_eq!(status, 200, "{media}");
    assert_eq!(media["name"], "remote");
    assert_eq!(media["description"], "pulled");
    app.finish().await;
}

/// Serves `bytes` at `http://127.0.0.1:PORT/<name>` for as long as the test
/// runs, for a platform to pull; returns the URL.
async fn serve_file(name: &str, bytes: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/{name}", listener.local_addr().unwrap());
    let router = axum::Router::new().route(
        &format!("/{name}"),
        axum::routing::get(move || {
            let bytes = bytes.clone();
            async move { bytes }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    url
}

#[tokio::test]
async fn a_failing_kaltura_leaves_no_entry_and_no_temp_file() {
    let app = spawn(Platform::Kaltura).await;
    let before = app.entry_count().await;
    let sim = app.sim.as_ref().unwrap();
    sim.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "media.addContent".into(),
            api_error_rate: 1.0,
            ..FaultRule::default()
        }],
    });

    let (status, body) = upload(&app, "doomed.mp4", fixture("media/sample.mp4"), &[]).await;

    assert_eq!(status, 502, "{body}");
    assert!(
        body["messages"][0]
            .as_str()
            .unwrap()
            .contains("INTERNAL_SERVER"),
        "{body}"
    );
    sim.faults().clear();
    assert!(app.upload_files().is_empty(), "temp file left behind");
    // The guard deletes the half-created entry in a task of its own.
    let mut after = app.entry_count().await;
    for _ in 0..50 {
        if after == before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        after = app.entry_count().await;
    }
    assert_eq!(after, before, "half-created entry left in Kaltura");
    app.finish().await;
}

#[tokio::test]
async fn a_client_that_goes_away_mid_upload_leaves_no_entry_and_no_temp_file() {
    let app = spawn(Platform::Kaltura).await;
    let before = app.entry_count().await;
    let sim = app.sim.as_ref().unwrap();
    sim.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "uploadToken.upload".into(),
            stall_upload_ms: 5_000,
            ..FaultRule::default()
        }],
    });
    let form = Form::new().text("medianame", "abandoned").part(
        "file",
        Part::bytes(fixture("media/sample.mp4")).file_name("a.mp4"),
    );

    // The client gives up while KTS waits for the stalled chunk upload.
    let gave_up = app
        .client
        .post(app.url("/service/upload_file"))
        .multipart(form)
        .timeout(Duration::from_millis(700))
        .send()
        .await;

    assert!(gave_up.is_err(), "the upload should still be running");
    sim.faults().clear();
    let mut after = usize::MAX;
    // Clean-up runs in the background: wait for it, generously on a busy machine.
    for _ in 0..400 {
        after = app.entry_count().await;
        if after == before && app.upload_files().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(after, before, "half-created entry left in Kaltura");
    assert!(app.upload_files().is_empty(), "temp file left behind");
    app.finish().await;
}

async fn get_media_answers_every_contract_key_with_its_type(platform: Platform) {
    let app = spawn(platform).await;
    let (_, uploaded) = upload(&app, "clip.mp4", fixture("media/sample.mp4"), &[]).await;
    let entry = uploaded["entry_id"].as_str().unwrap();

    let (status, media) = get(
        &app,
        &format!("/service/get_media/?id=1:{entry}&width=300&height=200"),
    )
    .await;

    assert_eq!(status, 200, "{media}");
    assert_eq!(media["success"], true);
    for key in [
        "name",
        "description",
        "tags",
        "media_type",
        "url",
        "download_url",
        "thumbnail_url",
        "thumbnail_url_old",
        "thumb_id",
        "ks",
        "searchtext",
    ] {
        assert!(media[key].is_string(), "{key} in {media}");
    }
    for key in ["plays", "views"] {
        assert!(media[key].is_i64(), "{key} in {media}");
    }
    for key in [
        "width",
        "height",
        "duration",
        "created",
        "updated",
        "startDate",
        "endDate",
    ] {
        assert!(media.get(key).is_some(), "{key} missing in {media}");
    }
    assert!(media["created"].is_i64());
    let rank = media["rank"].as_array().unwrap();
    assert_eq!(rank.len(), 2);
    match platform {
        Platform::Kaltura => {
            let thumb = media["thumbnail_url"].as_str().unwrap();
            assert!(
                thumb.contains(&format!(
                    "/thumbnail/entry_id/{entry}/width/300/height/200?"
                )),
                "{thumb}"
            );
            // The ks is a playback-only USER session for this entry, not the admin session.
            let ks = kaltura::Ks::new(media["ks"].as_str().unwrap()).unwrap();
            let fields =
                kaltura::ks::parse(&ks, &kaltura_sim::Partner::demo().admin_secret).unwrap();
            assert_eq!(fields.session_type, kaltura::SessionType::User);
            assert_eq!(
                fields.privileges,
                format!("sview:{entry},download:{entry},setrole:PLAYBACK_BASE_ROLE")
            );
        }
        Platform::Telestream(_) => {
            // The playable encoding's file and the source, both served by
            // the factory's storage; no session is needed for either.
            let sample = fixture("media/sample.mp4");
            for key in ["url", "download_url"] {
                let url = media[key].as_str().unwrap();
                let file = reqwest::get(url).await.unwrap();
                assert_eq!(file.status(), 200, "{key}: {url}");
                assert_eq!(file.bytes().await.unwrap(), sample, "{key}: {url}");
            }
            assert_ne!(media["url"], media["download_url"], "{media}");
            assert_eq!(media["ks"], "");
            assert!(media["duration"].as_i64().unwrap() > 0, "{media}");
            assert!(media["width"].as_i64().unwrap() > 0, "{media}");
        }
    }
    app.finish().await;
}

async fn get_media_and_del_media_fail_in_the_message_shape(platform: Platform) {
    let app = spawn(platform).await;
    let (status, body) = get(&app, "/service/get_media/?id=1:0_nosuchentry").await;
    assert_eq!(status, 404);
    assert_eq!(body["success"], false);
    assert_eq!(
        body["message"],
        "entry 0_nosuchentry not found in instance 1"
    );

    let (status, body) = get(&app, "/service/get_media/?id=7:0_abc").await;
    assert_eq!(status, 404);
    assert_eq!(body["message"], "unknown instance 7");

    let (status, body) = get(
        &app,
        "/service/del_media/?entry_id=0_nosuchentry&kaltura_id=1",
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["success"], false);

    let (status, body) = get(&app, "/service/get_media/").await;
    assert_eq!(status, 400);
    assert_eq!(body["message"], "missing parameter id");

    let (status, body) = get(&app, "/service/get_media/?id=1:0_abc&width=abc").await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("width"));
    app.finish().await;
}

async fn get_media_reports_a_failing_and_an_unreachable_platform(platform: Platform) {
    let mut app = spawn(platform).await;
    let entry = match platform {
        Platform::Kaltura => "0_abc",
        Platform::Telestream(_) => "0123456789abcdef0123456789abcdef",
    };
    let name = match platform {
        Platform::Kaltura => "kaltura",
        Platform::Telestream(_) => "telestream",
    };
    app.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "*".into(),
            http_error_rate: 1.0,
            ..FaultRule::default()
        }],
    });
    let (status, body) = get(&app, &format!("/service/get_media/?id=1:{entry}")).await;
    assert_eq!(status, 502, "{body}");
    let said = body["message"].as_str().unwrap();
    assert!(
        said.starts_with(&format!("{name} of instance 1 failed")),
        "{body}"
    );
    assert!(said.contains("503"), "{body}");

    app.stop_platform().await;
    let (status, body) = get(&app, &format!("/service/get_media/?id=1:{entry}")).await;
    assert_eq!(status, 502, "{body}");
    assert_eq!(
        body["message"],
        format!("{name} of instance 1 is unreachable")
    );
    app.finish().await;
}

async fn del_media_deletes_the_entry(platform: Platform) {
    let app = spawn(platform).await;
    let (_, uploaded) = upload(&app, "gone.mp4", fixture("media/sample.mp4"), &[]).await;
    let entry = uploaded["entry_id"].as_str().unwrap();

    let response = app
        .client
        .post(app.url("/service/del_media"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[("id", format!("1:{entry}"))]))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        serde_json::json!({"success": true, "message": "MEDIA_DELETED"})
    );
    let (status, _) = get(&app, &format!("/service/get_media?id={entry}")).await;
    assert_eq!(status, 404);
    app.finish().await;
}

async fn search_video_lists_entries_with_names_for_enums_and_pages(platform: Platform) {
    let app = spawn(platform).await;
    for name in ["alpha.mp4", "beta.mp4", "alphabet.mp4"] {
        upload(&app, name, fixture("media/sample.mp4"), &[]).await;
    }
    wait_until_listed(&app, 3).await;

    let (status, list) = get(&app, "/service/search_video/?kaltura_id=1").await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let first = &list[0];
    assert!(first["id"].as_str().unwrap().starts_with("kal:1:"));
    assert_eq!(first["media_type"], "VIDEO");
    assert_eq!(first["source_type"], "FILE");
    assert!(first["status"].is_string());
    assert!(first["rank"].as_str().unwrap().contains(", "));
    for key in [
        "name",
        "description",
        "tags",
        "url",
        "download_url",
        "thumbnail_url",
        "plays",
        "views",
        "width",
        "height",
        "duration",
        "created",
        "updated",
        "searchtext",
        "startDate",
        "endDate",
        "conversionQuality",
        "creditUrl",
        "creditUserName",
        "flavorParamsId",
        "mediaDate",
        "partner_id",
        "user_id",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }

    let (_, named) = get(&app, "/service/search_video?name=alpha").await;
    assert_eq!(named.as_array().unwrap().len(), 2);
    let (_, page) = get(&app, "/service/search_video?pagesize=2&page=2").await;
    assert_eq!(page.as_array().unwrap().len(), 1);
    let (status, _) = get(&app, "/service/search_video?pagesize=9999").await;
    assert_eq!(status, 400);
    app.finish().await;
}

async fn get_excel_pages_through_every_entry_into_a_real_workbook(platform: Platform) {
    use calamine::{Reader, Xlsx};

    let app = spawn(platform).await;
    for name in ["one.mp4", "two.mp3", "three.mp4"] {
        upload(
            &app,
            name,
            fixture(if name.ends_with("mp3") {
                "media/sample.mp3"
            } else {
                "media/sample.mp4"
            }),
            &[],
        )
        .await;
    }
    // An image entry, left out by default. A Telestream factory takes no
    // images (telestream.rs), so there the three are all.
    let entries = if platform == Platform::Kaltura {
        upload(&app, "pic.png", fixture("media/sample.png"), &[]).await;
        4
    } else {
        3
    };
    wait_until_listed(&app, entries).await;

    let response =
        app.client
            .get(app.url(
                "/service/get_excel/?fields=id,name,media_type,plays&pagesize=1&filename=report",
            ))
            .send()
            .await
            .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"report.xlsx\""
    );
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect();
    assert_eq!(rows[0], ["id", "name", "media_type", "plays"]);
    // Video and audio by default, one entry per page: three pages, no image.
    assert_eq!(rows.len(), 4, "{rows:?}");
    let mut names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["one", "three", "two"]);

    let (status, body) = get(&app, "/service/get_excel?fields=secret").await;
    assert_eq!(status, 400);
    assert!(body["messages"][0].as_str().unwrap().contains("secret"));
    app.finish().await;
}

async fn thumbnails_from_the_player_become_the_default(platform: Platform) {
    let app = spawn(platform).await;
    let (_, uploaded) = upload(&app, "clip.mp4", fixture("media/sample.mp4"), &[]).await;
    let entry = uploaded["entry_id"].as_str().unwrap();

    let (status, body) = get(
        &app,
        &format!("/service/update_thumbnail_from_player?entry_id={entry}&offset=0.5"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    assert_eq!(body["messages"], serde_json::json!([]));
    let thumb = body["thumbnail_id"].as_str().unwrap().to_owned();

    let (status, url) = get(&app, &format!("/service/get_thumbnail_url/?id={entry}")).await;
    assert_eq!(status, 200, "{url}");
    assert_eq!(url["success"], true);
    assert_eq!(url["id"], thumb.as_str());
    assert_eq!(url["default"], true);
    assert_eq!(url["imageUrl"], url["url"]);
    let (_, media) = get(&app, &format!("/service/get_media/?id={entry}")).await;
    assert_eq!(media["thumb_id"], thumb.as_str());

    let (status, body) = get(
        &app,
        &format!("/service/update_thumbnail_from_player?entry_id={entry}&offset=soon"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body["messages"][0].as_str().unwrap().contains("offset"));
    app.finish().await;
}

/// Kaltura keeps an image as the entry's own content and thumbnail, with no thumbnail asset: every
/// thumbnail call must answer sensibly without one.
#[tokio::test]
async fn an_image_entry_answers_every_thumbnail_call_without_a_thumbnail_asset() {
    let app = spawn(Platform::Kaltura).await;
    let (_, uploaded) = upload(&app, "pic.png", fixture("media/sample.png"), &[]).await;
    let entry = uploaded["entry_id"].as_str().unwrap().to_owned();
    let fetch_image = |url: String| async move {
        let response = reqwest::get(&url).await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(kind.starts_with("image/"), "{url} {kind}");
    };

    let (status, media) = get(&app, &format!("/service/get_media?id={entry}")).await;
    assert_eq!(status, 200, "{media}");
    assert_eq!(media["media_type"], "IMAGE");
    assert_eq!(media["thumb_id"], "");
    fetch_image(media["thumbnail_url"].as_str().unwrap().to_owned()).await;

    let (status, list) = get(&app, &format!("/service/thumbnail_list?id={entry}")).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list, serde_json::json!([]));

    let (status, url) = get(&app, &format!("/service/get_thumbnail_url?id={entry}")).await;
    assert_eq!(status, 200, "{url}");
    assert!(url.get("id").is_none(), "{url}");
    let image = url["imageUrl"].as_str().unwrap().to_owned();
    assert!(
        image.contains(&format!("/thumbnail/entry_id/{entry}/")),
        "{image}"
    );
    fetch_image(image).await;

    // A thumbnail added to the image becomes its default, as on Kaltura.
    let form = Form::new().text("default", "true").part(
        "file",
        Part::bytes(fixture("media/sample.jpg")).file_name("t.jpg"),
    );
    let response = app
        .client
        .post(app.url(&format!("/service/update_thumbnail_file?id={entry}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, added) = json_of(response).await;
    assert_eq!(status, 200, "{added}");
    let thumb = added["thumbnail_id"].as_str().unwrap().to_owned();
    let (status, set) = get(
        &app,
        &format!("/service/thumbnail_set_default?thumbnail_id={thumb}"),
    )
    .await;
    assert_eq!(status, 200, "{set}");
    let (_, media) = get(&app, &format!("/service/get_media?id={entry}")).await;
    assert_eq!(media["thumb_id"], thumb.as_str());
    app.finish().await;
}

#[tokio::test]
async fn get_thumbnail_url_without_a_default_points_at_the_thumbnail_api() {
    let app = spawn(Platform::Kaltura).await;
    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("medianame", "remote"),
            ("pullPath", "https://example.org/v.mp4"),
        ]))
        .send()
        .await
        .unwrap();
    let (_, body) = json_of(response).await;
    let entry = body["entry_id"].as_str().unwrap();

    let (status, url) = get(&app, &format!("/service/get_thumbnail_url?id={entry}")).await;

    assert_eq!(status, 200, "{url}");
    if url.get("id").is_none() {
        let image = url["imageUrl"].as_str().unwrap();
        assert!(
            image.contains(&format!("/thumbnail/entry_id/{entry}/")),
            "{image}"
        );
    }
    app.finish().await;
}

#[tokio::test]
async fn add_kts_mobile_flavor_adds_once_and_stores_the_id() {
    let app = spawn(Platform::Kaltura).await;
    let (status, body) = get(&app, "/service/add_kts_mobile_flavor/?kaltura_id=1").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    let flavor = body["flavor_id"].as_i64().unwrap();
    let stored = app
        .store
        .instance(kts::ids::InstanceId::DEFAULT)
        .await
        .unwrap()
        .unwrap();
    let kts::store::Account::Kaltura(stored) = &stored.account else {
        panic!("not a Kaltura account");
    };
    assert_eq!(stored.mobile_flavor_id, Some(flavor));

    let (status, again) = get(&app, "/service/add_kts_mobile_flavor").await;
    assert_eq!(status, 200);
    assert_eq!(
        again,
        serde_json::json!({"success": true, "messages": ["Flavor already configured."]})
    );
    app.finish().await;
}

#[tokio::test]
async fn kaltura_session_start_needs_a_write_key_and_an_admin_login_and_gives_no_admin_session() {
    let app = TestApp::builder()
        .closed()
        .admin_password("session-start-password")
        .spawn()
        .await;
    let read = app.api_key(kts::store::Scope::Read).await;
    let write = app.api_key(kts::store::Scope::Write).await;
    let call = |key: &str, cookie: Option<&str>| {
        let mut request = app
            .client
            .get(app.url("/service/kaltura_session_start"))
            .bearer_auth(key);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };

    assert_eq!(call(&read, None).await.unwrap().status(), 403);
    // A write key alone is not enough (kts-legacy-api.md "Other pages").
    let (status, body) = json_of(call(&write, None).await.unwrap()).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["success"], false);

    let login = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/admin/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("kts_user=admin&kts_pass=session-start-password")
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(call(&read, Some(&cookie)).await.unwrap().status(), 403);
    let (status, body) = json_of(call(&write, Some(&cookie)).await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    let ks = kaltura::Ks::new(body["ks"].as_str().unwrap()).unwrap();
    let fields = kaltura::ks::parse(&ks, &kaltura_sim::Partner::demo().admin_secret).unwrap();
    assert_eq!(fields.session_type, kaltura::SessionType::User);
    app.finish().await;
}

#[tokio::test]
async fn the_old_readme_examples_still_work() {
    // Seed README: `curl -X POST -F file=@something.3gp
    // "…/service/upload_file?medianame=arbitrary_video&kaltura_id=1"`.
    let app = spawn(Platform::Kaltura).await;
    let form = Form::new().part(
        "file",
        Part::bytes(fixture("media/sample.mp4")).file_name("something.3gp"),
    );
    let response = app
        .client
        .post(app.url("/service/upload_file?medianame=arbitrary_video&kaltura_id=1"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, file) = json_of(response).await;
    assert_eq!(status, 200, "{file}");
    assert_eq!(file["messages"][0], "File Uploaded locally");
    assert_eq!(file["messages"][1], "Uploaded to Kaltura");

    // `curl -X POST -F "pullPath=http://…/Image_placeholder_upright.png"
    // "…/service/upload_file?medianame=arbitrary_image&kaltura_id=1"`.
    let form = Form::new().text(
        "pullPath",
        "http://upload.wikimedia.org/wikipedia/commons/5/5b/Image_placeholder_upright.png",
    );
    let response = app
        .client
        .post(app.url("/service/upload_file?medianame=arbitrary_image&kaltura_id=1"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, pulled) = json_of(response).await;
    assert_eq!(status, 200, "{pulled}");
    assert_eq!(
        pulled["messages"][0],
        "Kaltura will now pull and process the video"
    );
    assert!(
        pulled["messages"][1].as_str().unwrap().contains("IMAGE"),
        "{pulled}"
    );
    assert_eq!(pulled["kaltura_id"], pulled["entry_id"]);

    // `curl "…/service/get_media/?id=1:ENTRY"`.
    let entry = file["entry_id"].as_str().unwrap();
    let (status, media) = get(&app, &format!("/service/get_media/?id=1:{entry}")).await;
    assert_eq!(status, 200, "{media}");
    assert_eq!(media["name"], "arbitrary_video");
    assert_eq!(media["rank"], serde_json::json!([0.0, 0]));

    // `curl -X POST "…/service/del_media/?id=1:ENTRY"`.
    let response = app
        .client
        .post(app.url(&format!("/service/del_media/?id=1:{entry}")))
        .send()
        .await
        .unwrap();
    let (status, deleted) = json_of(response).await;
    assert_eq!(status, 200);
    assert_eq!(
        deleted,
        serde_json::json!({"message": "MEDIA_DELETED", "success": true})
    );
    app.finish().await;
}

async fn fromlocal_uploads_only_files_under_the_configured_folder(platform: Platform) {
    let allowed = tempfile::tempdir().unwrap();
    let allowed_dir = allowed.path().canonicalize().unwrap();
    std::fs::write(allowed_dir.join("song.mp3"), fixture("media/sample.mp3")).unwrap();
    let app = TestApp::builder()
        .platform(platform)
        .fromlocal_dir(allowed_dir.clone())
        .spawn()
        .await;
    let post = |path: &str| {
        app.client
            .post(app.url("/service/upload_file"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&[("medianame", "local"), ("fromlocal", path)]))
            .send()
    };

    let (status, body) = json_of(post("song.mp3").await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["messages"][2].as_str().unwrap().contains("AUDIO"),
        "{body}"
    );
    assert!(
        allowed_dir.join("song.mp3").exists(),
        "the host file must stay"
    );

    for outside in ["../../../etc/passwd", "/etc/passwd"] {
        let (status, body) = json_of(post(outside).await.unwrap()).await;
        assert_eq!(status, 400, "{outside}: {body}");
        let message = body["messages"][0].as_str().unwrap();
        assert!(
            message.starts_with("invalid parameter fromlocal"),
            "{message}"
        );
        assert!(
            !message.contains("/etc"),
            "the host path is not echoed: {message}"
        );
    }
    app.finish().await;
}

// Issue 8 (hardening), item 9: no oracle on the host's file system, and the
// same size limit as an uploaded file.
#[tokio::test]
async fn fromlocal_answers_alike_for_missing_and_outside_paths_and_keeps_the_upload_limit() {
    let root = tempfile::tempdir().unwrap();
    let allowed_dir = root.path().join("allowed");
    std::fs::create_dir(&allowed_dir).unwrap();
    let allowed_dir = allowed_dir.canonicalize().unwrap();
    std::fs::write(root.path().join("secret.txt"), b"secret").unwrap();
    let large = vec![0u8; 4096];
    std::fs::write(allowed_dir.join("large.mp4"), &large).unwrap();
    let app = TestApp::builder()
        .max_file_bytes(1024)
        .fromlocal_dir(allowed_dir.clone())
        .spawn()
        .await;
    let post = |path: String| {
        app.client
            .post(app.url("/service/upload_file"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&[("medianame", "local"), ("fromlocal", &path)]))
            .send()
    };

    let secret = root.path().join("secret.txt");
    let answers = [
        "no-such-file.mp4".to_owned(),
        "../secret.txt".to_owned(),
        "../no-such-file.txt".to_owned(),
        secret.to_str().unwrap().to_owned(),
        format!("{}.missing", secret.to_str().unwrap()),
    ];
    let mut seen = Vec::new();
    for path in answers {
        let (status, body) = json_of(post(path.clone()).await.unwrap()).await;
        seen.push((status, body["messages"].clone()));
        assert_eq!(status, 400, "{path}: {body}");
    }
    assert!(
        seen.windows(2).all(|pair| pair[0] == pair[1]),
        "answers differ: {seen:?}"
    );

    let (local_status, local_body) = json_of(post("large.mp4".to_owned()).await.unwrap()).await;
    let (upload_status, upload_body) = upload(&app, "large.mp4", large, &[]).await;
    assert_eq!(local_status, 413, "{local_body}");
    assert_eq!(upload_status, 413, "{upload_body}");
    assert_eq!(local_body, upload_body);
    app.finish().await;
}
