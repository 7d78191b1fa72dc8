//! `upload_file` passes a file on to the platform while it arrives: nothing
//! of it reaches KTS's upload folder, the platform gets every byte, and a
//! form that names its parameters after the file still works where the
//! platform allows it, or fails saying why and leaves nothing behind.

use std::time::Duration;

use futures::StreamExt;
use kts::store::{FieldValues, NewInstance};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::helpers::{Platform, TestApp, fixture, json_of, on_each_platform};

on_each_platform!(
    Flip: an_upload_reaches_the_platform_whole_without_touching_the_upload_folder,
);

/// `size` bytes of a real video (so the platform reads it as media),
/// padded with a pattern.
fn video_of(size: usize) -> Vec<u8> {
    let mut bytes = fixture("media/sample.mp4");
    let start = bytes.len();
    bytes.extend((start..size).map(|i| (i % 251) as u8));
    bytes
}

/// `bytes` as a part arriving in 64 KiB frames, a little at a time, with
/// its length announced (so the request has a `Content-Length`).
fn slow_part(bytes: Vec<u8>, name: &str) -> Part {
    let len = bytes.len() as u64;
    let frames: Vec<Vec<u8>> = bytes.chunks(64 << 10).map(<[u8]>::to_vec).collect();
    let stream = futures::stream::iter(frames).then(|frame| async move {
        tokio::time::sleep(Duration::from_millis(2)).await;
        Ok::<_, std::io::Error>(frame)
    });
    Part::stream_with_length(reqwest::Body::wrap_stream(stream), len).file_name(name.to_owned())
}

async fn send(app: &TestApp, form: Form) -> (u16, Value) {
    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

/// The size of what the platform holds for `entry`: the upload token's on
/// Kaltura, the video's on Telestream.
async fn stored_size(app: &TestApp, entry: &str) -> u64 {
    if let Platform::Telestream(_) = app.platform {
        let video = app.telestream_client().videos().get(entry).await.unwrap();
        return video.file_size.unwrap();
    }
    let filter = kaltura::UploadTokenFilter::default();
    let tokens = app
        .kaltura_client()
        .upload_token()
        .list(&filter, None)
        .await
        .unwrap();
    let token = tokens
        .objects
        .iter()
        .max_by_key(|t| t.created_at)
        .expect("no upload token");
    token.uploaded_bytes()
}

async fn an_upload_reaches_the_platform_whole_without_touching_the_upload_folder(
    platform: Platform,
) {
    let app = TestApp::builder()
        .platform(platform)
        .max_file_bytes(32 << 20)
        .spawn()
        .await;
    let video = video_of(5 << 20);
    let form = Form::new()
        .text("medianame", "streamed.mp4")
        .part("file", slow_part(video.clone(), "streamed.mp4"));

    let mut folder_seen_empty = true;
    let (status, body) = {
        let upload = send(&app, form);
        tokio::pin!(upload);
        loop {
            tokio::select! {
                answer = &mut upload => break answer,
                () = tokio::time::sleep(Duration::from_millis(5)) => {
                    folder_seen_empty &= app.upload_files().is_empty();
                }
            }
        }
    };

    assert_eq!(status, 200, "{body}");
    assert!(
        folder_seen_empty,
        "the upload was written to the upload folder"
    );
    let entry = body["entry_id"].as_str().unwrap();
    assert_eq!(stored_size(&app, entry).await, video.len() as u64);
    app.finish().await;
}

#[tokio::test]
async fn parameters_after_the_file_still_apply_on_kaltura() {
    let app = TestApp::builder().platform(Platform::Kaltura).spawn().await;
    let form = Form::new()
        .part(
            "file",
            Part::bytes(fixture("media/sample.mp4")).file_name("late.mp4"),
        )
        .text("medianame", "late.mp4")
        .text("description", "named after the file");

    let (status, body) = send(&app, form).await;

    assert_eq!(status, 200, "{body}");
    let entry = body["entry_id"].as_str().unwrap();
    let got = app.kaltura_client().media().get(entry).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("late"));
    assert_eq!(got.description.as_deref(), Some("named after the file"));
    app.finish().await;
}

#[tokio::test]
async fn a_file_before_other_fields_on_telestream_fails_saying_why_and_leaves_no_video() {
    let app = TestApp::builder()
        .platform(Platform::Telestream(crate::helpers::TelestreamApi::Flip))
        .spawn()
        .await;
    let form = Form::new()
        .text("medianame", "early.mp4")
        .part(
            "file",
            Part::bytes(fixture("media/sample.mp4")).file_name("early.mp4"),
        )
        .text("description", "sent after the file");

    let (status, body) = send(&app, form).await;

    assert_eq!(status, 400, "{body}");
    let message = body["messages"][0].as_str().unwrap();
    assert!(message.contains("last part of the form"), "{message}");
    assert_eq!(app.entry_count().await, 0, "a video was left behind");
    assert!(app.upload_files().is_empty(), "temp file left behind");
    app.finish().await;
}

#[tokio::test]
async fn an_instance_named_after_the_file_is_refused_and_the_upload_undone() {
    let app = TestApp::builder().platform(Platform::Kaltura).spawn().await;
    // A second instance on the same partner, so the late `kaltura_id` names
    // one that exists.
    let partner = kaltura_sim::Partner::demo();
    let second = app
        .store
        .add_instance(&NewInstance {
            id: None,
            fields: FieldValues::new()
                .with("name", "Second")
                .with("service_url", app.sim.as_ref().unwrap().base_url())
                .with("partner_id", partner.id)
                .with("admin_secret", &partner.admin_secret)
                .with("user_id", "second@example.org"),
        })
        .await
        .unwrap();
    let form = Form::new()
        .text("medianame", "elsewhere.mp4")
        .part(
            "file",
            Part::bytes(fixture("media/sample.mp4")).file_name("elsewhere.mp4"),
        )
        .text("kaltura_id", second.to_string());

    let (status, body) = send(&app, form).await;

    assert_eq!(status, 400, "{body}");
    let message = body["messages"][0].as_str().unwrap();
    assert!(message.contains("before the file"), "{message}");
    let mut left = usize::MAX;
    for _ in 0..100 {
        left = app.entry_count().await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(left, 0, "an entry was left behind");
    app.finish().await;
}
