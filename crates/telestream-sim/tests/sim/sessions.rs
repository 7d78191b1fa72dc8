//! Upload sessions with the multi-chunk protocol (telestream-cloud.md 5.2, 5.3): parallel parts in any
//! order, part retry after a failure, abort.

use reqwest::Method;
use serde_json::{Value, json};
use telestream_sim::{FaultSet, Simulator};

use crate::helpers::{TestSim, fixture_bytes, spawn_with};

const PART: usize = 1000;

async fn small_parts() -> TestSim {
    spawn_with(
        Simulator::builder()
            .encoding_delay(std::time::Duration::ZERO)
            .part_size(PART as u64),
    )
    .await
}

/// Creates a session for `bytes` and returns its `location` and the answer.
async fn open(sim: &TestSim, bytes: &[u8]) -> (String, Value) {
    let size = bytes.len().to_string();
    let params = [
        ("file_size", size.as_str()),
        ("file_name", "/home/me/movie.mp4"),
        ("multi_chunk", "true"),
    ];
    let response = sim
        .v3(Method::POST, "/videos/upload.json", &params)
        .send()
        .await
        .expect("the simulator answers");
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.expect("the simulator answers");
    (
        body["location"]
            .as_str()
            .expect("the simulator answers")
            .to_owned(),
        body,
    )
}

async fn send_part(sim: &TestSim, location: &str, bytes: &[u8], index: usize) -> reqwest::Response {
    let end = ((index + 1) * PART).min(bytes.len());
    sim.http
        .put(location)
        .header("X-Part", index.to_string())
        .header("Content-Type", "application/octet-stream")
        .body(bytes[index * PART..end].to_vec())
        .send()
        .await
        .expect("the simulator answers")
}

async fn missing(sim: &TestSim, location: &str) -> Value {
    sim.http
        .get(location)
        .send()
        .await
        .expect("the simulator answers")
        .json::<Value>()
        .await
        .expect("the simulator answers")["missing_parts"]
        .clone()
}

#[tokio::test]
async fn parts_sent_in_parallel_and_out_of_order_make_the_video() {
    let sim = small_parts().await;
    let bytes = fixture_bytes("sample.mp4");
    let (location, session) = open(&sim, &bytes).await;
    let parts = bytes.len().div_ceil(PART);
    assert_eq!(session["parts"], json!(parts.to_string()));
    assert_eq!(
        (
            session["part_size"].clone(),
            session["max_connections"].clone()
        ),
        (json!("1000"), json!("8"))
    );
    assert_eq!(
        missing(&sim, &location).await,
        json!((0..parts).collect::<Vec<_>>())
    );

    // Every part but the first at once, last first; then the first, which completes the file.
    let rest = (1..parts)
        .rev()
        .map(|i| send_part(&sim, &location, &bytes, i));
    for response in futures::future::join_all(rest).await {
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.bytes().await.unwrap().len(),
            0,
            "intermediate parts answer an empty body"
        );
    }
    assert_eq!(missing(&sim, &location).await, json!([0]));
    let video: Value = send_part(&sim, &location, &bytes, 0)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (video["status"].clone(), video["original_filename"].clone()),
        (json!("processing"), json!("movie.mp4")),
        "the completing part answers the video as the upload leaves it"
    );
    assert_eq!(missing(&sim, &location).await, json!([]));

    let source = format!(
        "{}/files/{}/{}.mp4",
        sim.handle.base_url(),
        crate::helpers::FACTORY,
        video["id"].as_str().unwrap()
    );
    assert_eq!(
        sim.http
            .get(source)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec(),
        bytes
    );
}

#[tokio::test]
async fn a_failed_part_is_missing_until_it_is_sent_again() {
    let sim = small_parts().await;
    let bytes = fixture_bytes("sample.mp4");
    let (location, _) = open(&sim, &bytes).await;
    sim.handle.faults().set(FaultSet {
        rules: vec!["upload.part:http_error_rate=1".parse().unwrap()],
    });
    assert_eq!(send_part(&sim, &location, &bytes, 1).await.status(), 503);
    sim.handle.faults().clear();
    assert!(
        missing(&sim, &location)
            .await
            .as_array()
            .unwrap()
            .contains(&json!(1))
    );

    let parts = bytes.len().div_ceil(PART);
    for i in 1..parts {
        assert_eq!(send_part(&sim, &location, &bytes, i).await.status(), 200);
    }
    // A repeated part is accepted again.
    assert_eq!(send_part(&sim, &location, &bytes, 1).await.status(), 200);
    let video: Value = send_part(&sim, &location, &bytes, 0)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(video["file_size"], json!(bytes.len()));
}

#[tokio::test]
async fn a_part_of_the_wrong_length_is_refused() {
    let sim = small_parts().await;
    let bytes = fixture_bytes("sample.mp4");
    let (location, _) = open(&sim, &bytes).await;
    let response = sim
        .http
        .put(&location)
        .header("X-Part", "0")
        .body(vec![0u8; 10])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(missing(&sim, &location).await[0], 0);
}

#[tokio::test]
async fn an_aborted_session_is_gone() {
    let sim = small_parts().await;
    let (location, _) = open(&sim, &fixture_bytes("sample.mp4")).await;
    assert_eq!(
        sim.http.delete(&location).send().await.unwrap().status(),
        200
    );
    assert_eq!(sim.http.get(&location).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn a_flip_session_is_created_from_a_json_body() {
    let sim = small_parts().await;
    let body = json!({"file_size": 2500, "file_name": "clip.mp4", "multi_chunk": true, "profiles": "h264"});
    let response = sim
        .flip(Method::POST, "/videos/upload.json")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["parts"], "3");
}
