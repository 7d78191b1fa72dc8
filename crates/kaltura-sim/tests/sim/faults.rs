//! Faults: set through the builder, the handle and the control endpoint.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{code, spawn, spawn_with};
use kaltura_sim::{FaultRule, FaultSet, Simulator};

#[tokio::test]
async fn control_endpoint_switches_api_errors_for_one_action() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let control = format!("{}/__sim/faults", sim.handle.base_url());
    let set = json!({"rules": [{"target": "media.count", "api_error_rate": 1.0}]});
    let answer: Value = sim
        .http
        .put(&control)
        .json(&set)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["rules"][0]["target"], "media.count");
    assert_eq!(
        code(&sim.call_ks(&ks, "media", "count", json!({})).await),
        "INTERNAL_SERVERL_ERROR"
    );
    assert_eq!(
        sim.call_ks(&ks, "media", "list", json!({})).await["totalCount"],
        0
    );
    let cleared: Value = sim
        .http
        .delete(&control)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["rules"], json!([]));
    assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
    let bad = sim
        .http
        .put(&control)
        .json(&json!({"rules": [{"target": "*", "drop_rate": 3}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn http_errors_and_dropped_connections() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    sim.handle.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "media".into(),
            http_error_rate: 1.0,
            ..FaultRule::default()
        }],
    });
    let response = sim
        .http
        .post(sim.url("media", "count"))
        .json(&json!({"ks": ks}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    sim.handle.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "*".into(),
            drop_rate: 1.0,
            ..FaultRule::default()
        }],
    });
    let body = match sim
        .http
        .post(sim.url("media", "list"))
        .json(&json!({"ks": ks}))
        .send()
        .await
    {
        Ok(response) => response.text().await.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    assert!(body.is_err(), "the connection must be cut: {body:?}");
    sim.handle.faults().clear();
    assert_eq!(sim.call_ks(&ks, "media", "count", json!({})).await, 0);
}

#[tokio::test]
async fn latency_and_stalled_uploads_from_the_builder() {
    let rules = vec![
        "session.start:latency_ms=20".parse::<FaultRule>().unwrap(),
        "uploadtoken.upload:stall_upload_ms=60000"
            .parse::<FaultRule>()
            .unwrap(),
    ];
    let sim = spawn_with(Simulator::builder().faults(FaultSet { rules })).await;
    // Latency only delays: the call still succeeds.
    let ks = sim.admin_ks().await;
    let id = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = reqwest::multipart::Form::new()
        .text(
            "json",
            json!({"ks": ks, "uploadTokenId": id, "format": "1"}).to_string(),
        )
        .part(
            "fileData",
            reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("a.bin"),
        );
    let stalled = sim
        .http
        .post(sim.url("uploadtoken", "upload"))
        .multipart(form)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(stalled.is_err_and(|e| e.is_timeout()));
    let token = sim
        .call_ks(&ks, "uploadtoken", "get", json!({"uploadTokenId": id}))
        .await;
    assert_eq!(token["status"], 0, "nothing was written");
}
