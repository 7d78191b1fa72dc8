//! The legacy extractors over real HTTP: id parsing, trailing slashes,
//! GET/POST/multipart, the upload limit and temporary file removal
//! (kts-legacy-api.md, "General rules").

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::helpers::{TestOptions, spawn_app, spawn_app_with};

#[tokio::test]
async fn id_with_instance_is_parsed_from_the_query_of_a_get() {
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app_with(TestOptions {
        max_file_bytes: 1024,
        ..Default::default()
    })
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app_with(TestOptions {
        body_idle_timeout: Duration::from_millis(300),
        ..Default::default()
    })
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
