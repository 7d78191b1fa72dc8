//! Fault injection through the `faults` module of the shared `sim-support` crate: rules named
//! `resource.action`, and the `/__sim/faults` control route.

use reqwest::Method;
use serde_json::json;
use telestream_sim::{FaultSet, Simulator};

use crate::helpers::{spawn, spawn_with};

#[tokio::test]
async fn an_api_error_rule_answers_500_with_an_empty_body_for_that_call_only() {
    let faults = FaultSet {
        rules: vec!["videos.list:api_error_rate=1".parse().unwrap()],
    };
    let sim = spawn_with(Simulator::builder().faults(faults)).await;
    let response = sim
        .v3(Method::GET, "/videos.json", &[])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(response.text().await.unwrap(), "");
    let (status, _) = sim.v3_json(Method::GET, "/profiles.json", &[]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_control_route_switches_http_errors_on_and_off() {
    let sim = spawn().await;
    let control = format!("{}/__sim/faults", sim.handle.base_url());
    let rules = json!({"rules": [{"target": "videos", "http_error_rate": 1.0}]});
    assert!(
        sim.http
            .put(&control)
            .json(&rules)
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    let response = sim
        .v3(Method::GET, "/videos.json", &[])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);

    assert!(
        sim.http
            .delete(&control)
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    let (status, _) = sim.v3_json(Method::GET, "/videos.json", &[]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_dropped_connection_cuts_the_answer() {
    let sim = spawn().await;
    sim.handle.faults().set(FaultSet {
        rules: vec!["factories.list:drop_rate=1".parse().unwrap()],
    });
    // A short answer may be cut before its headers are complete: the request or its body fails.
    let outcome = match sim.v3(Method::GET, "/factories.json", &[]).send().await {
        Ok(response) => response.bytes().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(outcome.is_err());
}
