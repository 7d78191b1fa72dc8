//! The legacy extractors over real HTTP: id parsing, trailing slashes,
//! GET/POST/multipart, the upload limit and temporary file removal
//! (kts-legacy-api.md, "General rules").

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::helpers::{Platform, TestApp, spawn_app, spawn_probe_app};

#[tokio::test]
async fn id_with_instance_is_parsed_from_the_query_of_a_get() {
    let app = spawn_probe_app().await;
    let body: Value = app
        .client
        .get(app.url("/service/echo/?id=3:0_abc"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["instance"], 3);
    assert_eq!(body["entry"], "0_abc");
    app.finish().await;
}

#[tokio::test]
async fn paths_answer_with_and_without_trailing_slash() {
    let app = spawn_probe_app().await;
    for path in ["/service/echo", "/service/echo/"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let response = app.client.post(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "POST {path}");
    }
    app.finish().await;
}

#[tokio::test]
async fn urlencoded_form_and_query_are_merged_by_the_id_rules() {
    let app = spawn_probe_app().await;
    let body: Value = app
        .client
        .post(app.url("/service/echo?kaltura_id=2"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("entry_id=0_form&kaltura_id=5&medianame=clip")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Rule 2: kaltura_id from the form wins over the query.
    assert_eq!(body["instance"], 5);
    assert_eq!(body["entry"], "0_form");
    assert_eq!(body["medianame"], "clip");
    app.finish().await;
}

#[tokio::test]
async fn entry_id_with_colon_names_its_instance() {
    let app = spawn_probe_app().await;
    let body: Value = app
        .client
        .get(app.url("/service/echo?entry_id=4:0_x&kaltura_id=2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["instance"], 4);
    assert_eq!(body["entry"], "0_x");
    app.finish().await;
}

#[tokio::test]
async fn a_bad_id_is_a_400_in_the_legacy_shape() {
    let app = spawn_probe_app().await;
    let response = app
        .client
        .get(app.url("/service/echo?id=x:0_abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    let message = body["messages"][0].as_str().unwrap();
    assert!(message.contains("invalid parameter id"), "{message}");
    app.finish().await;
}

#[tokio::test]
async fn multipart_files_are_spooled_to_disk_and_removed_after_the_call() {
    let app = spawn_probe_app().await;
    let form = Form::new()
        .text("id", "2:0_multi")
        .text("medianame", "holiday.mp4")
        .part(
            "file",
            Part::bytes(vec![7u8; 5000]).file_name("../../holiday.mp4"),
        );
    let body: Value = app
        .client
        .post(app.url("/service/echo"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["instance"], 2);
    assert_eq!(body["entry"], "0_multi");
    assert_eq!(body["medianame"], "holiday.mp4");
    assert_eq!(body["file"]["name"], "holiday.mp4");
    assert_eq!(body["file"]["len"], 5000);
    assert_eq!(body["file"]["bytes"], 5000);
    assert_eq!(body["file"]["exists"], true);
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn an_upload_over_the_limit_is_413_and_leaves_no_file() {
    let app = TestApp::builder()
        .max_file_bytes(1024)
        .spawn_with_probes()
        .await;
    let form = Form::new().part("file", Part::bytes(vec![0u8; 4096]).file_name("big.mp4"));
    let response = app
        .client
        .post(app.url("/service/echo"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert!(
        body["messages"][0].as_str().unwrap().contains("1024"),
        "{body}"
    );
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn a_client_that_disconnects_mid_upload_leaves_no_file() {
    let app = spawn_probe_app().await;
    let address = app.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let boundary = "XBOUNDARYX";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    let request = format!(
        "POST /service/echo HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: 500000\r\n\r\n{head}"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    stream.write_all(&[1u8; 20_000]).await.unwrap();
    stream.flush().await.unwrap();

    // The server has started spooling: wait until the file exists.
    let mut seen = false;
    for _ in 0..200 {
        if !app.upload_files().is_empty() {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(seen, "the upload never reached the spool");

    drop(stream);
    let mut removed = false;
    for _ in 0..400 {
        if app.upload_files().is_empty() {
            removed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(removed, "temporary file left: {:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn a_json_body_carries_no_parameters_but_the_query_still_counts() {
    let app = spawn_probe_app().await;
    let body: Value = app
        .client
        .post(app.url("/service/echo?id=0_q"))
        .json(&serde_json::json!({ "id": "9:0_json" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["instance"], 1);
    assert_eq!(body["entry"], "0_q");
    app.finish().await;
}

#[tokio::test]
async fn a_client_that_stalls_mid_upload_gets_408_and_leaves_no_file() {
    let app = TestApp::builder()
        .body_idle_timeout(Duration::from_millis(300))
        .spawn_with_probes()
        .await;
    let address = app.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let boundary = "XBOUNDARYX";
    let request = format!(
        "POST /service/echo HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: 500000\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    stream.write_all(&[1u8; 10_000]).await.unwrap();
    stream.flush().await.unwrap();

    // Send nothing more; the server answers once its idle limit passes.
    let mut answer = Vec::new();
    let _ = tokio::io::AsyncReadExt::read_to_end(&mut stream, &mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("stalled"), "{answer}");
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

/// Reads one HTTP/1.1 answer (headers and a `Content-Length` body) from
/// `stream`, without waiting for the connection to close.
async fn read_answer(stream: &mut tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&answer).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= length {
                return text;
            }
        }
        let read = stream.read(&mut buffer).await.unwrap();
        if read == 0 {
            return String::from_utf8_lossy(&answer).into_owned();
        }
        answer.extend_from_slice(&buffer[..read]);
    }
}

// Issue 8 (hardening), item 6: a read key could make KTS spool gigabytes.
#[tokio::test]
async fn read_only_calls_refuse_file_parts_before_reading_them() {
    let app = TestApp::builder().closed().spawn().await;
    let key = app.api_key(kts::store::Scope::Read).await;
    let address = app.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let boundary = "XBOUNDARYX";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n1:0_abc\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    // Chunked, so the body could go on for gigabytes; only its start is sent.
    let request = format!(
        "POST /service/get_media HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {key}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Transfer-Encoding: chunked\r\n\r\n{:x}\r\n{head}\r\n",
        head.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let data = vec![1u8; 64 << 10];
    stream
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await
        .unwrap();
    stream.write_all(&data).await.unwrap();
    stream.write_all(b"\r\n").await.unwrap();
    stream.flush().await.unwrap();

    // Nothing more is sent: the answer must come without the rest of the
    // body (the idle limit, 30 s here, would answer 408 otherwise).
    let answer = tokio::time::timeout(Duration::from_secs(10), read_answer(&mut stream))
        .await
        .expect("the file part was refused only after waiting for more of it");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("\"success\":false"), "{answer}");
    assert!(
        answer.contains("invalid parameter file: this call takes no file"),
        "{answer}"
    );
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());

    // A whole multipart file sent by an ordinary client: the same answer.
    let form = Form::new()
        .text("id", "1:0_abc")
        .part("file", Part::bytes(vec![7u8; 5000]).file_name("a.mp4"));
    let response = app
        .client
        .post(app.url("/service/thumbnail_list"))
        .bearer_auth(&key)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert!(app.upload_files().is_empty(), "{:?}", app.upload_files());
    app.finish().await;
}

#[tokio::test]
async fn an_empty_file_input_of_a_browser_form_is_not_a_file_part() {
    let app = spawn_app(Platform::Kaltura).await;
    // What a browser sends for a form with an untouched file input.
    let form = Form::new()
        .text("kaltura_id", "1")
        .part("file", Part::bytes(Vec::new()).file_name(""));
    let response = app
        .client
        .post(app.url("/service/search_video"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.is_array(), "{body}");
    app.finish().await;
}
