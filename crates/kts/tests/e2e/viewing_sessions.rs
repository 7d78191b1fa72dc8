//! Every session KTS hands to a browser (`get_media`'s `ks`, the player and
//! thumbnail pages, the asset URLs) is public: anyone who sees it can call
//! Kaltura's api_v3 with it. These tests take each such session and try, action
//! by action, to change the entry KTS created with it, straight against the
//! simulator, which enforces what Kaltura enforces (kaltura-api-v3.md 5.5).

use serde_json::{Value, json};

use crate::helpers::{Platform, TestApp, fixture, spawn_app};

/// Uploads the sample video and an English caption through KTS, so the entry
/// belongs to the instance's user as every KTS-made entry does.
async fn entry_made_by_kts(app: &TestApp) -> (String, String) {
    let entry = app
        .upload_fixture("public clip", "media/sample.mp4", "clip.mp4")
        .await;
    let (status, body) = app
        .add_caption(
            &[("id", &format!("1:{entry}")), ("language", "en")],
            Some(("simple.vtt", fixture("captions/simple.vtt"))),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let caption = body["caption_id"].as_str().unwrap().to_owned();
    (entry, caption)
}

/// The `ks` inside a text: a JSON value, a `data-ks` attribute or a `/ks/…` URL segment.
fn ks_in(text: &str, marker: &str, end: char) -> String {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {text}"))
        + marker.len();
    text[start..].split(end).next().unwrap().to_owned()
}

/// Every session KTS hands out for `entry`, named after where it was found.
async fn handed_out_sessions(app: &TestApp, entry: &str) -> Vec<(&'static str, String)> {
    let id = format!("1:{entry}");
    let (status, media) = app.get_media(&id).await;
    assert_eq!(status, 200, "{media}");
    let mut sessions = vec![("get_media", media["ks"].as_str().unwrap().to_owned())];

    let page = app
        .client
        .get(app.url(&format!("/service/get_player/?id={id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    sessions.push(("get_player", ks_in(&page, "data-ks=\"", '"')));

    let page = app
        .client
        .get(app.url(&format!("/service/get_thumbnail/?id={id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    sessions.push(("get_thumbnail", ks_in(&page, "/ks/", '"')));

    let (status, thumbs) = app.thumbnail_list(&id).await;
    assert_eq!(status, 200, "{thumbs}");
    let url = thumbs[0]["url"].as_str().unwrap();
    let encoded = ks_in(url, "/ks/", '/');
    let query = format!("ks={encoded}");
    let (_, ks) = url::form_urlencoded::parse(query.as_bytes())
        .next()
        .unwrap();
    let ks = ks.into_owned();
    sessions.push(("thumbnail_list", ks));
    sessions
}

/// Calls the simulator's api_v3 as any browser could, in JSON format.
async fn call(app: &TestApp, ks: &str, service: &str, action: &str, mut params: Value) -> Value {
    params["ks"] = json!(ks);
    params["format"] = json!("1");
    let sim = app.sim.as_ref().unwrap().base_url();
    app.client
        .post(format!("{sim}/api_v3/service/{service}/action/{action}"))
        .json(&params)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Every api_v3 action that adds, changes, deletes or lists, with parameters
/// that succeed for an admin session.
fn changing_calls(
    entry: &str,
    caption: &str,
    thumb: &str,
) -> Vec<(&'static str, &'static str, Value)> {
    let media = json!({"objectType": "KalturaMediaEntry", "name": "defaced"});
    let url = json!({"objectType": "KalturaUrlResource", "url": "http://127.0.0.1:9/x.mp4"});
    vec![
        (
            "media",
            "update",
            json!({"entryId": entry, "mediaEntry": media}),
        ),
        (
            "baseEntry",
            "update",
            json!({"entryId": entry, "baseEntry": media}),
        ),
        ("media", "delete", json!({"entryId": entry})),
        ("baseEntry", "delete", json!({"entryId": entry})),
        (
            "media",
            "addContent",
            json!({"entryId": entry, "resource": url}),
        ),
        ("media", "add", json!({"entry": media})),
        ("media", "list", json!({})),
        ("baseEntry", "list", json!({})),
        (
            "thumbAsset",
            "addFromUrl",
            json!({"entryId": entry, "url": "http://127.0.0.1:9/x.jpg"}),
        ),
        (
            "thumbAsset",
            "add",
            json!({"entryId": entry, "thumbAsset": {"objectType": "KalturaThumbAsset"}}),
        ),
        (
            "thumbAsset",
            "generate",
            json!({"entryId": entry, "thumbParams": {"objectType": "KalturaThumbParams"}}),
        ),
        ("thumbAsset", "setAsDefault", json!({"thumbAssetId": thumb})),
        (
            "thumbAsset",
            "update",
            json!({"id": thumb, "thumbAsset": {"objectType": "KalturaThumbAsset", "tags": "x"}}),
        ),
        ("thumbAsset", "delete", json!({"thumbAssetId": thumb})),
        (
            "caption_captionAsset",
            "add",
            json!({"entryId": entry, "captionAsset": {"objectType": "KalturaCaptionAsset"}}),
        ),
        (
            "caption_captionAsset",
            "update",
            json!({"id": caption, "captionAsset": {"objectType": "KalturaCaptionAsset", "label": "x"}}),
        ),
        (
            "caption_captionAsset",
            "setAsDefault",
            json!({"captionAssetId": caption}),
        ),
        (
            "caption_captionAsset",
            "delete",
            json!({"captionAssetId": caption}),
        ),
        (
            "uploadToken",
            "add",
            json!({"uploadToken": {"objectType": "KalturaUploadToken"}}),
        ),
        (
            "flavorParams",
            "add",
            json!({"flavorParams": {"objectType": "KalturaFlavorParams", "name": "x"}}),
        ),
        (
            "conversionProfile",
            "update",
            json!({"id": 1, "conversionProfile": {"objectType": "KalturaConversionProfile", "name": "x"}}),
        ),
    ]
}

#[tokio::test]
async fn sessions_handed_to_browsers_cannot_change_or_delete_the_entry() {
    let app = spawn_app(Platform::Kaltura).await;
    let (entry, caption) = entry_made_by_kts(&app).await;
    let id = format!("1:{entry}");
    // The simulator adds the default thumbnail once the video is analysed.
    let mut thumbs = Value::Null;
    for _ in 0..100 {
        let (status, list) = app.thumbnail_list(&id).await;
        assert_eq!(status, 200, "{list}");
        thumbs = list;
        if thumbs.as_array().is_some_and(|t| !t.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let thumb = thumbs[0]["id"].as_str().unwrap().to_owned();

    for (place, ks) in handed_out_sessions(&app, &entry).await {
        for (service, action, params) in changing_calls(&entry, &caption, &thumb) {
            let answer = call(&app, &ks, service, action, params).await;
            assert_eq!(
                answer["code"], "SERVICE_FORBIDDEN",
                "the session of {place} called {service}.{action}: {answer}"
            );
        }
        // What a player needs still works.
        let read = call(&app, &ks, "baseEntry", "get", json!({"entryId": entry})).await;
        assert_eq!(read["name"], "public clip", "{place}: {read}");
    }

    let after = app.kaltura_client().media().get(&entry).await.unwrap();
    assert_eq!(after.name.as_deref(), Some("public clip"));
    let (_, thumbs_after) = app.thumbnail_list(&id).await;
    // Each listing signs its URLs with a new session: compare what they name.
    let named = |list: &Value| -> Vec<(Value, Value)> {
        let items = list.as_array().unwrap().iter();
        items
            .map(|t| (t["id"].clone(), t["default"].clone()))
            .collect()
    };
    assert_eq!(named(&thumbs_after), named(&thumbs));
    let (_, captions) = app.list_captions(&id).await;
    assert_eq!(captions.as_array().map(Vec::len), Some(1), "{captions}");
    app.finish().await;
}

#[tokio::test]
async fn the_viewing_session_plays_the_entry_through_the_url_services() {
    let app = spawn_app(Platform::Kaltura).await;
    let (entry, _) = entry_made_by_kts(&app).await;
    let (status, media) = app.get_media(&format!("1:{entry}")).await;
    assert_eq!(status, 200, "{media}");
    let ks = media["ks"].as_str().unwrap();
    let sim = app.sim.as_ref().unwrap().base_url();
    let partner = kaltura_sim::Partner::demo().id;
    let thumbnail = app
        .client
        .get(format!(
            "{sim}/p/{partner}/thumbnail/entry_id/{entry}/width/120/ks/{ks}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(thumbnail.status(), 200);
    app.finish().await;
}
