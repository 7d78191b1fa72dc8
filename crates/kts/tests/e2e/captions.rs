//! The caption calls (kts-legacy-api.md, "Captions") over HTTP against the
//! simulator: detection reported in `messages`, the contract's keys and
//! value types, and the failures with nothing left behind.

use serde_json::{Value, json};

use crate::helpers::{Platform, assert_newest_first, fixture, item, message, spawn_app};

fn messages(body: &Value) -> Vec<String> {
    body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn captions_are_detected_added_listed_updated_and_removed() {
    let app = spawn_app(Platform::Kaltura).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");

    // A Windows-1252 SRT with language=auto: converted, French detected.
    let (status, body) = app
        .add_caption(
            &[("id", &id), ("name", "testcaption"), ("language", "auto")],
            Some((
                "festival_fr.cp1252.srt",
                fixture("captions/festival_fr.cp1252.srt"),
            )),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    let first = body["caption_id"].as_str().unwrap().to_owned();
    let said = messages(&body);
    assert_eq!(said.first().unwrap(), "File Uploaded locally");
    assert_eq!(said.last().unwrap(), &format!("caption added, id: {first}"));
    assert!(said.iter().any(|m| m.contains("SRT")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("windows-1252")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("French")), "{said:?}");

    // A WebVTT file, explicit ISO code, made default.
    let (status, body) = app
        .post_multipart(
            "/service/add_caption",
            &[("id", &id), ("language", "de"), ("default", "true")],
            Some(("simple.vtt", fixture("captions/simple.vtt"))),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let second = body["caption_id"].as_str().unwrap().to_owned();
    assert!(
        messages(&body).iter().any(|m| m.contains("German")),
        "{body}"
    );

    // list_captions: newest first, the contract's keys and types.
    let (status, list) = app.list_captions(&id).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_newest_first(&list);
    let vtt = item(&list, &second);
    assert_eq!(vtt["language"], "German");
    assert_eq!(vtt["format"], "webvtt");
    assert_eq!(vtt["default"], true);
    let srt = item(&list, &first);
    assert_eq!(srt["language"], "French");
    assert_eq!(srt["format"], "srt");
    assert_eq!(srt["name"], "testcaption");
    assert_eq!(srt["default"], false);
    assert_eq!(srt["status"], "READY");
    assert!(srt["created_at"].is_i64());
    // The URL serves the caption, converted to UTF-8, with a session that is
    // not the admin one.
    let url = srt["url"].as_str().unwrap();
    let text = reqwest::get(url).await.unwrap().text().await.unwrap();
    assert!(text.contains("00:00:0"), "{text}");
    assert!(
        text.contains('é') || text.contains('è') || text.contains('à'),
        "{text}"
    );

    // set_caption_as_default, as in the old README.
    let (status, body) = app
        .post_multipart(
            "/service/set_caption_as_default/",
            &[("caption_id", &first), ("kaltura_id", "1")],
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"][0],
        format!("Caption with id {first} set as default")
    );
    let (_, list) = app.list_captions(&id).await;
    assert_eq!(item(&list, &first)["default"], true);
    assert_eq!(item(&list, &second)["default"], false);

    // update_caption: one message per field.
    let (status, body) = app
        .post_multipart(
            "/service/update_caption/",
            &[
                ("caption_id", &first),
                ("kaltura_id", "1"),
                ("default", "true"),
                ("language", "Arabic"),
                ("name", "changedfortesting"),
                ("format", "srt"),
            ],
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["messages"],
        json!([
            "language is Arabic",
            "format is srt",
            "label (name) is changedfortesting",
            "default is true"
        ])
    );
    let (_, list) = app.list_captions(&id).await;
    assert_eq!(item(&list, &first)["language"], "Arabic");
    assert_eq!(item(&list, &first)["name"], "changedfortesting");

    // Kaltura cannot change a format: refused before anything changes.
    let (status, body) = app
        .post_multipart(
            "/service/update_caption/",
            &[("caption_id", &first), ("format", "dfxp"), ("name", "x")],
            None,
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("format"), "{body}");

    // remove_caption.
    let (status, body) = app
        .get(
            "/service/remove_caption/",
            &[("caption_id", &first), ("kaltura_id", "1")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"][0],
        format!("Caption with id {first} deleted")
    );
    let (_, list) = app.list_captions(&id).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], second.as_str());
    assert_eq!(
        list[0]["name"], "",
        "a caption without label has an empty name"
    );
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn caption_uploads_refuse_what_kaltura_cannot_take() {
    let app = spawn_app(Platform::Kaltura).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");
    let path = "/service/add_caption/";

    let (status, body) = app
        .post_multipart(
            path,
            &[("id", &id)],
            Some(("movie.ass", fixture("captions/unsupported.ass"))),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("not supported"), "{body}");

    let (status, body) = app
        .post_multipart(
            path,
            &[("id", &id)],
            Some(("broken.srt", fixture("captions/broken_no_cue.srt"))),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        message(&body).starts_with("invalid parameter file"),
        "{body}"
    );

    let (status, body) = app
        .post_multipart(
            path,
            &[("id", &id), ("language", "Elvish")],
            Some(("a.srt", fixture("captions/simple.srt"))),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("Elvish"), "{body}");

    let (status, body) = app
        .post_multipart(
            path,
            &[("id", &id), ("format", "ass")],
            Some(("a.srt", fixture("captions/simple.srt"))),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("format"), "{body}");

    let (status, body) = app.post_multipart(path, &[("id", &id)], None).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(message(&body), "missing parameter file");

    let (status, body) = app
        .post_multipart(path, &[("id", &id)], Some(("a.srt", Vec::new())))
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("empty"), "{body}");

    let (_, list) = app.list_captions(&id).await;
    assert_eq!(list, json!([]));
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn caption_calls_name_what_is_unknown() {
    let app = spawn_app(Platform::Kaltura).await;
    let srt = || Some(("a.srt", fixture("captions/simple.srt")));

    let (status, body) = app.add_caption(&[("id", "7:0_x")], srt()).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(message(&body), "unknown instance 7");

    let (status, body) = app.add_caption(&[("id", "0_missing")], srt()).await;
    assert_eq!(status, 404, "{body}");
    assert!(message(&body).contains("0_missing"), "{body}");

    let (status, body) = app.list_captions("1:0_missing").await;
    assert_eq!(status, 404, "{body}");
    assert!(message(&body).contains("0_missing"), "{body}");

    for path in [
        "/service/set_caption_as_default/",
        "/service/remove_caption/",
    ] {
        let (status, body) = app.get(path, &[("caption_id", "0_nocap")]).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(message(&body), "caption 0_nocap not found in instance 1");
        let (status, body) = app.get(path, &[("kaltura_id", "1")]).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(message(&body), "missing parameter caption_id");
    }
    let (status, body) = app
        .get(
            "/service/update_caption/",
            &[("caption_id", "0_nocap"), ("name", "x")],
        )
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = app
        .get("/service/update_caption/", &[("caption_id", "0_nocap")])
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn a_failing_kaltura_is_a_502_and_the_half_made_caption_is_deleted() {
    let app = spawn_app(Platform::Kaltura).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");

    app.fail_calls_to("caption_captionAsset.setContent");
    let (status, body) = app
        .add_caption(
            &[("id", &id)],
            Some(("a.srt", fixture("captions/simple.srt"))),
        )
        .await;
    assert_eq!(status, 502, "{body}");
    assert!(message(&body).contains("INTERNAL_SERVERL_ERROR"), "{body}");
    app.clear_faults();

    let (status, list) = app.list_captions(&id).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list, json!([]));
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());

    app.answer_503_to("multirequest");
    let (status, body) = app.list_captions(&id).await;
    assert_eq!(status, 502, "{body}");
    app.finish().await;
}

// Issue 8 (hardening), item 10: a DTD is where XML entities are declared.
#[tokio::test]
async fn dfxp_captions_with_a_dtd_are_refused_and_nothing_is_added() {
    let app = spawn_app(Platform::Kaltura).await;
    let entry = app.video_entry().await;
    let id = format!("1:{entry}");
    let dfxp = r#"<?xml version="1.0"?>
<!DOCTYPE tt [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&b;</p></div></body></tt>"#;

    let (status, body) = app
        .add_caption(
            &[("id", &id)],
            Some(("movie.dfxp", dfxp.as_bytes().to_vec())),
        )
        .await;

    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("DTD"), "{body}");
    let (_, list) = app.list_captions(&id).await;
    assert_eq!(list, json!([]), "{list}");
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}
