//! Notifications (telestream-cloud.md 6.1, 6.2): the factory settings in both generations, and the
//! form-encoded callbacks, retried while the receiver refuses them.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use telestream_sim::Simulator;

use crate::helpers::{TestSim, spawn, spawn_with};
use crate::receiver::{self, field, of_event};

/// Every event enabled, to `url`, through Flip 3.1.
async fn enable_all(sim: &TestSim, url: &str) -> Value {
    let response = sim
        .flip(Method::PUT, "/notifications.json")
        .json(&json!({
            "url": url,
            "delay": 0,
            "events": {"video_created": true, "video_encoded": true,
                       "encoding_progress": true, "encoding_completed": true},
        }))
        .send()
        .await
        .expect("the simulator answers");
    assert_eq!(response.status(), 200);
    response.json().await.expect("the test setup works")
}

fn quick() -> telestream_sim::SimulatorBuilder {
    Simulator::builder()
        .encoding_delay(Duration::ZERO)
        .notification_retry(Duration::from_millis(20), 4)
}

#[tokio::test]
async fn a_new_factory_sends_nothing_and_its_settings_read_in_both_generations() {
    let sim = spawn().await;
    let (status, v3) = sim.v3_json(Method::GET, "/notifications.json", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        v3,
        json!({"url": null, "delay": 0, "send_video_payload": false,
               "events": {"video_created": false, "video_encoded": false,
                          "encoding_progress": false, "encoding_completed": false}})
    );
    let flip: Value = sim
        .flip(Method::GET, "/notifications.json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(flip, v3);
}

#[tokio::test]
async fn signed_settings_change_only_the_fields_they_name() {
    let sim = spawn().await;
    let (status, changed) = sim
        .v3_json(
            Method::PUT,
            "/notifications.json",
            &[
                ("url", "http://127.0.0.1:9/hook"),
                ("delay", "10"),
                ("events[encoding_completed]", "true"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["url"], "http://127.0.0.1:9/hook");
    assert_eq!(changed["delay"], 10);
    assert_eq!(changed["events"]["encoding_completed"], true);
    assert_eq!(changed["events"]["video_created"], false);
    let (_, read) = sim
        .v3_json(Method::PUT, "/notifications.json", &[("url", "null")])
        .await;
    assert_eq!(read["url"], Value::Null);
    assert_eq!(read["delay"], 10);
}

#[tokio::test]
async fn an_upload_notifies_creation_completion_and_the_encoded_video() {
    let sim = spawn_with(quick()).await;
    let hook = receiver::start(0).await;
    enable_all(&sim, &hook.hook_url()).await;
    let video = sim.upload("sample.mp4", &[]).await;
    let video_id = video["id"].as_str().unwrap();
    let received = hook
        .wait_for(|all| {
            !of_event(all, "video-created").is_empty()
                && !of_event(all, "encoding-complete").is_empty()
                && !of_event(all, "video-encoded").is_empty()
        })
        .await;
    let (_, encodings) = sim
        .v3_json(
            Method::GET,
            &format!("/videos/{video_id}/encodings.json"),
            &[],
        )
        .await;
    let encoding_id = encodings[0]["id"].as_str().unwrap();

    let created = of_event(&received, "video-created")[0];
    assert_eq!(field(created, "video_id"), Some(video_id));
    assert_eq!(field(created, "encoding_ids[0]"), Some(encoding_id));
    assert_eq!(field(created, "video"), None, "no payload unless asked");
    let complete = of_event(&received, "encoding-complete")[0];
    assert_eq!(field(complete, "encoding_id"), Some(encoding_id));
    let encoded = of_event(&received, "video-encoded");
    assert_eq!(encoded.len(), 1);
    assert_eq!(field(encoded[0], "encoding_ids[0]"), Some(encoding_id));
}

#[tokio::test]
async fn progress_is_reported_while_an_encoding_runs() {
    let sim = spawn_with(
        quick()
            .encoding_delay(Duration::from_millis(600))
            .progress_interval(Duration::from_millis(100)),
    )
    .await;
    let hook = receiver::start(0).await;
    enable_all(&sim, &hook.hook_url()).await;
    sim.upload("sample.mp4", &[]).await;
    let received = hook
        .wait_for(|all| !of_event(all, "encoding-complete").is_empty())
        .await;
    let progress = of_event(&received, "encoding-progress");
    assert!(!progress.is_empty(), "{received:?}");
    let percent: u32 = field(progress[0], "progress").unwrap().parse().unwrap();
    assert!(percent < 100);
}

#[tokio::test]
async fn a_refused_notification_is_retried_until_the_receiver_accepts_it() {
    let sim = spawn_with(quick()).await;
    let hook = receiver::start(2).await;
    let settings = json!({"url": hook.hook_url(), "events": {"video_created": true}, "send_video_payload": true});
    sim.flip(Method::PUT, "/notifications.json")
        .json(&settings)
        .send()
        .await
        .unwrap();
    let video = sim.upload("sample.mp4", &[("profiles", "none")]).await;
    let received = hook
        .wait_for(|all| of_event(all, "video-created").len() >= 3)
        .await;
    let created = of_event(&received, "video-created");
    assert_eq!(created.len(), 3, "two refusals, then the accepted one");
    assert!(created.iter().all(|f| *f == created[0]));
    let payload: Value = serde_json::from_str(field(created[0], "video").unwrap()).unwrap();
    assert_eq!(payload["id"], video["id"]);
    // Accepted: no more attempts.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(of_event(&hook.received(), "video-created").len(), 3);
}

#[tokio::test]
async fn retries_stop_after_the_bounded_number_of_attempts() {
    let sim = spawn_with(quick()).await;
    let hook = receiver::start(usize::MAX).await;
    sim.flip(Method::PUT, "/notifications.json")
        .json(&json!({"url": hook.hook_url(), "events": {"video_created": true}}))
        .send()
        .await
        .unwrap();
    sim.upload("sample.mp4", &[("profiles", "none")]).await;
    hook.wait_for(|all| all.len() >= 4).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(hook.received().len(), 4);
}
