//! Upload sessions with the older single-stream resumable protocol (telestream-cloud.md 5.5): sessions
//! created without `multi_chunk`, `Content-Range` chunks answered 204 with `Range`, the offset query after a
//! broken connection, the old clients' overlong `END`, and the whole file in one request.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{FACTORY, TestSim, fixture_bytes, spawn};

const CHUNK: usize = 1000;

/// Creates a session for `bytes` the way the v3.0 SDKs before `multi_chunk` did, and returns its answer.
async fn open(sim: &TestSim, bytes: &[u8]) -> Value {
    let size = bytes.len().to_string();
    let params = [
        ("file_size", size.as_str()),
        ("file_name", "/home/me/movie.mp4"),
        ("profiles", "h264"),
    ];
    let response = sim
        .v3(Method::POST, "/videos/upload.json", &params)
        .send()
        .await
        .expect("the simulator answers");
    assert_eq!(response.status(), 201);
    response.json().await.expect("the session is JSON")
}

fn location_of(session: &Value) -> String {
    session["location"]
        .as_str()
        .expect("the session has a location")
        .to_owned()
}

/// Sends `bytes[start..end]` with `Content-Range: bytes start-claimed_end/total`.
async fn send_chunk(
    sim: &TestSim,
    location: &str,
    bytes: &[u8],
    start: usize,
    end: usize,
    claimed_end: usize,
) -> reqwest::Response {
    sim.http
        .put(location)
        .header("Content-Type", "application/octet-stream")
        .header(
            "Content-Range",
            format!("bytes {start}-{claimed_end}/{}", bytes.len()),
        )
        .body(bytes[start..end].to_vec())
        .send()
        .await
        .expect("the simulator answers")
}

/// Asks for the offset as a client does after a broken connection: `Content-Range: bytes */total`.
async fn held_range(sim: &TestSim, location: &str, total: usize) -> (u16, Option<String>) {
    let response = sim
        .http
        .put(location)
        .header("Content-Range", format!("bytes */{total}"))
        .header("Content-Length", "0")
        .send()
        .await
        .expect("the simulator answers");
    let range = response
        .headers()
        .get("range")
        .map(|v| v.to_str().expect("an ASCII header").to_owned());
    (response.status().as_u16(), range)
}

async fn served_source(sim: &TestSim, video: &Value) -> Vec<u8> {
    let url = format!(
        "{}/files/{FACTORY}/{}{}",
        sim.handle.base_url(),
        video["id"].as_str().expect("the video has an id"),
        video["extname"].as_str().expect("the video has an extname"),
    );
    sim.http
        .get(url)
        .send()
        .await
        .expect("the simulator answers")
        .bytes()
        .await
        .expect("the file arrives")
        .to_vec()
}

#[tokio::test]
async fn a_session_without_multi_chunk_has_a_location_and_no_parts() {
    let sim = spawn().await;
    let session = open(&sim, &fixture_bytes("sample.mp4")).await;
    assert!(location_of(&session).contains("/upload/session?id="));
    assert_eq!(
        (&session["parts"], &session["part_size"]),
        (&Value::Null, &Value::Null)
    );
}

#[tokio::test]
async fn chunks_in_order_are_answered_204_with_the_held_range_until_the_last_makes_the_video() {
    let sim = spawn().await;
    let bytes = fixture_bytes("sample.mp4");
    let location = location_of(&open(&sim, &bytes).await);

    let mut start = 0;
    let video = loop {
        let end = (start + CHUNK).min(bytes.len());
        let response = send_chunk(&sim, &location, &bytes, start, end, end - 1).await;
        if end < bytes.len() {
            assert_eq!(response.status(), 204);
            assert_eq!(
                response.headers()["range"].to_str().unwrap(),
                format!("0-{}", end - 1)
            );
            start = end;
        } else {
            assert_eq!(response.status(), 200);
            break response.json::<Value>().await.unwrap();
        }
    };
    assert_eq!(
        (&video["original_filename"], &video["file_size"]),
        (&json!("movie.mp4"), &json!(bytes.len()))
    );
    assert_eq!(served_source(&sim, &video).await, bytes);
}

#[tokio::test]
async fn after_a_broken_connection_the_offset_query_tells_where_to_resume() {
    let sim = spawn().await;
    let bytes = fixture_bytes("sample.mp4");
    let location = location_of(&open(&sim, &bytes).await);
    assert_eq!(
        held_range(&sim, &location, bytes.len()).await,
        (204, None),
        "nothing stored yet: no Range"
    );

    send_chunk(&sim, &location, &bytes, 0, CHUNK, CHUNK - 1).await;
    send_chunk(&sim, &location, &bytes, CHUNK, 2 * CHUNK, 2 * CHUNK - 1).await;
    let (status, range) = held_range(&sim, &location, bytes.len()).await;
    assert_eq!(
        (status, range.as_deref()),
        (204, Some(format!("0-{}", 2 * CHUNK - 1).as_str()))
    );

    // The old Python and Ruby clients resumed at LAST, sending that byte again.
    let response = send_chunk(
        &sim,
        &location,
        &bytes,
        2 * CHUNK - 1,
        bytes.len(),
        bytes.len() - 1,
    )
    .await;
    assert_eq!(response.status(), 200);
    let video: Value = response.json().await.unwrap();
    assert_eq!(served_source(&sim, &video).await, bytes);

    let completed = sim
        .http
        .put(&location)
        .header("Content-Range", format!("bytes */{}", bytes.len()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        completed.status(),
        200,
        "a finished upload answers its video"
    );
    assert_eq!(
        completed.headers()["range"].to_str().unwrap(),
        format!("0-{}", bytes.len() - 1),
        "and the range of the whole file, for a client that lost the final answer"
    );
    assert_eq!(completed.json::<Value>().await.unwrap()["id"], video["id"]);
}

#[tokio::test]
async fn a_short_last_chunk_may_claim_an_end_past_the_file() {
    let sim = spawn().await;
    let bytes = fixture_bytes("sample.mp4");
    let location = location_of(&open(&sim, &bytes).await);
    // 1.1.0's Python SDK: END = START + 5 MiB - 1 whatever the chunk holds.
    let claimed = 5 * 1024 * 1024 - 1;
    let response = send_chunk(&sim, &location, &bytes, 0, bytes.len(), claimed).await;
    assert_eq!(response.status(), 200);
    let video: Value = response.json().await.unwrap();
    assert_eq!(served_source(&sim, &video).await, bytes);
}

#[tokio::test]
async fn the_whole_file_without_content_range_makes_the_video_and_a_part_of_it_is_refused() {
    let sim = spawn().await;
    let bytes = fixture_bytes("sample.mp4");
    let location = location_of(&open(&sim, &bytes).await);
    let partial = sim
        .http
        .post(&location)
        .header("Content-Type", "application/octet-stream")
        .body(bytes[..CHUNK].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(partial.status(), 400);

    let whole = sim
        .http
        .post(&location)
        .header("Content-Type", "application/octet-stream")
        .body(bytes.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(whole.status(), 200);
    let video: Value = whole.json().await.unwrap();
    assert_eq!(served_source(&sim, &video).await, bytes);
}

#[tokio::test]
async fn a_chunk_past_the_held_bytes_or_with_another_total_is_refused() {
    let sim = spawn().await;
    let bytes = fixture_bytes("sample.mp4");
    let location = location_of(&open(&sim, &bytes).await);
    let gap = send_chunk(&sim, &location, &bytes, CHUNK, 2 * CHUNK, 2 * CHUNK - 1).await;
    assert_eq!(gap.status(), 400);
    let other_total = sim
        .http
        .put(&location)
        .header("Content-Range", format!("bytes 0-9/{}", bytes.len() + 1))
        .body(bytes[..10].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(other_total.status(), 400);
    let numbered = sim
        .http
        .put(&location)
        .header("X-Part", "0")
        .body(bytes[..10].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(
        numbered.status(),
        400,
        "X-Part belongs to multi-chunk sessions"
    );
    assert_eq!(held_range(&sim, &location, bytes.len()).await, (204, None));
}

#[tokio::test]
async fn an_aborted_single_stream_session_is_gone() {
    let sim = spawn().await;
    let bytes = fixture_bytes("sample.mp4");
    let location = location_of(&open(&sim, &bytes).await);
    send_chunk(&sim, &location, &bytes, 0, CHUNK, CHUNK - 1).await;
    let abort = sim.http.delete(&location).send().await.unwrap();
    assert_eq!(abort.status(), 200);
    assert!(abort.bytes().await.unwrap().is_empty());
    assert_eq!(held_range(&sim, &location, bytes.len()).await.0, 404);
}
