//! The KS version of an instance (issue "Kaltura simulator fidelity, round
//! 2", item 3): an instance set to v1 works against a partner that hands out
//! v1 sessions, every session KTS builds for it is a v1 KS, and a change made
//! in the admin form takes effect on the next call.

use kaltura::KsVersion;
use serde_json::Value;

use crate::helpers::{ADMIN_USER, TestApp, form_body};

const PASSWORD: &str = "ks-version-password";

async fn spawn(ks_version: KsVersion) -> TestApp {
    TestApp::builder()
        .max_file_bytes(8 << 20)
        .admin_password(PASSWORD)
        .ks_version(ks_version)
        .spawn()
        .await
}

/// Uploads an image and returns its entry id.
async fn upload_image(app: &TestApp) -> String {
    app.upload_fixture("still.png", "media/sample.png", "still.png")
        .await
}

/// `get_media` of `entry` on instance 1.
async fn get_media(app: &TestApp, entry: &str) -> Value {
    let (status, media) = app.get_media(&format!("1:{entry}")).await;
    assert_eq!(status, 200, "{media}");
    assert_eq!(media["success"], true, "{media}");
    media
}

/// The version of the playback session `get_media` hands out, checked to be
/// signed with the partner's admin secret.
fn session_version(media: &Value) -> KsVersion {
    let ks = kaltura::Ks::new(media["ks"].as_str().unwrap()).unwrap();
    kaltura::ks::parse(&ks, &kaltura_sim::Partner::demo().admin_secret).unwrap();
    kaltura::ks::version_of(&ks).unwrap()
}

#[tokio::test]
async fn an_instance_set_to_v1_works_against_a_v1_partner_with_v1_sessions() {
    let app = spawn(KsVersion::V1).await;
    let entry = upload_image(&app).await;
    let media = get_media(&app, &entry).await;
    assert_eq!(media["media_type"], "IMAGE", "{media}");
    assert_eq!(session_version(&media), KsVersion::V1);
    app.finish().await;
}

/// Logs in; returns the session cookie (`name=value`).
async fn login(app: &TestApp, client: &reqwest::Client) -> String {
    let response = client
        .post(app.url("/admin/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("kts_user", ADMIN_USER),
            ("kts_pass", PASSWORD),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

/// The `value` of the page's CSRF field.
fn csrf_token(page: &str) -> String {
    let field = r#"name="csrf_token" value=""#;
    let start = page.find(field).unwrap() + field.len();
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

#[tokio::test]
async fn the_admin_form_switches_an_instance_to_v1_for_the_next_call() {
    let app = spawn(KsVersion::V2).await;
    let entry = upload_image(&app).await;
    assert_eq!(
        session_version(&get_media(&app, &entry).await),
        KsVersion::V2
    );

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = login(&app, &client).await;
    let page = |path: &'static str| client.get(app.url(path)).header("cookie", &cookie).send();
    let edit = page("/admin/instances/1/edit")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(edit.contains(r#"<option value="v2" selected>"#), "{edit}");
    let token = csrf_token(&edit);
    let save = |version: &'static str| {
        client
            .post(app.url("/admin/instances/1"))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&[
                ("csrf_token", token.as_str()),
                ("name", "Simulated"),
                ("service_url", app.sim.as_ref().unwrap().base_url()),
                ("partner_id", "100"),
                ("user_id", "tester@example.org"),
                ("ks_version", version),
            ]))
            .send()
    };

    let refused = save("v3").await.unwrap();
    assert_eq!(refused.status(), 422);
    let form = refused.text().await.unwrap();
    assert!(form.contains("KS version must be v1 or v2"), "{form}");

    assert_eq!(save("v1").await.unwrap().status(), 303);
    assert_eq!(
        session_version(&get_media(&app, &entry).await),
        KsVersion::V1
    );
    let edit = page("/admin/instances/1/edit")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(edit.contains(r#"<option value="v1" selected>"#), "{edit}");
    let listed: Value = page("/view_configs/getjson")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["KS_VERSION"], "v1", "{listed}");
    app.finish().await;
}
