//! What a platform writes never carries a secret to a caller or a log. A
//! Kaltura that quotes a working admin session in every error (as
//! `INVALID_KS` does) stands behind the real `kts serve`; every legacy call
//! and page is made, and neither the answers nor the log hold the session.

use std::process::Stdio;
use std::time::Duration;

use axum::Router;
use axum::response::IntoResponse;
use kaltura::ks::{KsFields, build};
use kaltura::{KsVersion, SessionType};
use reqwest::multipart::{Form, Part};
use tokio::io::AsyncReadExt;

const KTS: &str = env!("CARGO_BIN_EXE_kts");
const PARTNER: i64 = 4242;
const ADMIN_SECRET: &str = "0123456789abcdef0123456789abcdef";

/// A Kaltura that answers every call with `INVALID_KS` quoting `ks`, and
/// every other request with the same text in a 500.
async fn quoting_kaltura(ks: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new().fallback(move || {
        let ks = ks.clone();
        async move {
            let message =
                format!("Invalid KS \"{ks}\", Error \"-1,INVALID_STR\" (secret {ADMIN_SECRET})");
            let body = serde_json::json!({
                "code": "INVALID_KS",
                "message": message,
                "objectType": "KalturaAPIException",
                "args": {"KSID": ks},
            });
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response()
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn a_session_quoted_by_the_platform_reaches_no_answer_and_no_log() {
    let admin_ks = build(
        &KsFields::new(PARTNER, SessionType::Admin, "", Duration::from_secs(3600)),
        ADMIN_SECRET,
        KsVersion::V2,
    )
    .unwrap();
    let admin_ks = admin_ks.expose().to_owned();
    let kaltura = quoting_kaltura(admin_ks.clone()).await;
    let folder = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = tokio::process::Command::new(KTS)
        .arg("serve")
        .env("KTS_HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("KTS_DATABASE_URL", folder.path().join("kts.sqlite3"))
        .env(
            "KTS_SECRET_KEY",
            "platform-messages-key-platform-messages-key",
        )
        .env("UPLOAD_FOLDER", folder.path().join("uploads"))
        .env("KTS_OPEN_ACCESS", "true")
        .env("KTS_LOG", "debug")
        .env("KALTURA_INSTANCES", "1")
        .env("k_1_KALTURA_PATH", &kaltura)
        .env("k_1_PARTNER_ID", PARTNER.to_string())
        .env("k_1_ADMIN_SECRET", ADMIN_SECRET)
        .env("k_1_USER_NAME", "owner@example.org")
        .env("k_1_PLAYER_ID", "1")
        .env("k_1_THUMBNAIL_PLAYER_ID", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // Read the log as it comes, so a full pipe never stalls the server.
    let mut stderr = child.stderr.take().unwrap();
    let log_reader = tokio::spawn(async move {
        let mut log = String::new();
        let _ = stderr.read_to_string(&mut log).await;
        log
    });
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut started = false;
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            started = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(started, "kts serve did not start");

    let id = "1:0_abcd1234";
    let mut answers = Vec::new();
    for path in [
        format!("/service/get_media/?id={id}"),
        format!("/service/del_media/?id={id}"),
        "/service/search_video/?kaltura_id=1".to_owned(),
        "/service/get_excel/?kaltura_id=1".to_owned(),
        format!("/service/thumbnail_list/?id={id}"),
        format!("/service/get_thumbnail_url/?id={id}"),
        format!("/service/list_captions/?id={id}"),
        format!("/service/get_player/?id={id}"),
        format!("/service/get_thumbnail_player/?id={id}"),
        format!("/service/get_mobileplayer_url/?id={id}"),
        format!("/service/get_thumbnail/?id={id}"),
        "/service/add_kts_mobile_flavor/?kaltura_id=1".to_owned(),
        "/service/remove_caption/?kaltura_id=1&caption_id=0_abcd1234".to_owned(),
        "/service/remove_thumbnail/?kaltura_id=1&thumb_id=0_abcd1234".to_owned(),
        format!("/service/thumbnail_set_default/?id={id}&thumb_id=0_abcd1234"),
        format!("/service/add_thumbnail_from_url/?id={id}&url=http://127.0.0.1:9/x.jpg"),
    ] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        answers.push((path, response.text().await.unwrap()));
    }
    let uploads = [
        (
            "/service/upload_file",
            Form::new().text("medianame", "clip").part(
                "file",
                Part::bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec())
                    .file_name("clip.mp4"),
            ),
        ),
        (
            "/service/upload_file",
            Form::new()
                .text("medianame", "clip")
                .text("pullPath", "http://127.0.0.1:9/x.mp4"),
        ),
        (
            "/service/add_caption",
            Form::new().text("id", id).text("language", "en").part(
                "file",
                Part::bytes(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello there\n".to_vec())
                    .file_name("a.vtt"),
            ),
        ),
    ];
    for (path, form) in uploads {
        let response = client
            .post(format!("{base}{path}"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        answers.push((path.to_owned(), response.text().await.unwrap()));
    }

    child.start_kill().unwrap();
    child.wait().await.unwrap();
    let log = log_reader.await.unwrap();

    // The fragment of the session that a reader could use: everything past the "v2|<partner>|" prefix.
    let secret_part = &admin_ks[12..40];
    for (path, body) in &answers {
        assert!(
            !body.contains(secret_part),
            "{path} answered the session: {body}"
        );
        assert!(
            !body.contains(ADMIN_SECRET),
            "{path} answered the secret: {body}"
        );
    }
    assert!(
        answers.iter().any(|(_, body)| body.contains("INVALID_KS")),
        "the platform's failure is still named: {answers:?}"
    );
    assert!(
        log.contains("INVALID_KS"),
        "the failures were logged: {log}"
    );
    assert!(
        !log.contains(secret_part),
        "the log holds the session: {log}"
    );
    assert!(!log.contains(ADMIN_SECRET), "the log holds the secret");
    assert!(
        !log.contains("djJ8"),
        "the log holds a session of KTS's own: {log}"
    );
}
