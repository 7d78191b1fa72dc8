//! The admin area and player pages over plain HTTP: closed by default,
//! login throttle, session required, legacy answers of the player calls.

use kts::store::Scope;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_USER, Platform, TestApp, form_body, spawn_app};

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_admin_is_closed_and_says_why_without_credentials() {
    let app = spawn_app(Platform::Kaltura).await;
    for path in ["/admin", "/admin/login", "/login", "/view_configs/getjson"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 503, "{path}");
        let page = response.text().await.unwrap();
        assert!(
            page.contains("KTS_ADMIN_USER") && page.contains("KTS_ADMIN_PWD"),
            "{path}"
        );
    }
    app.finish().await;
}

#[tokio::test]
async fn admin_pages_need_a_session_and_logins_are_throttled() {
    let app = TestApp::builder()
        .admin_password("throttle-test-password")
        .spawn()
        .await;
    let client = no_redirects();
    for path in ["/admin", "/view_configs/getjson", "/admin/api-keys"] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/admin/login");
    }
    let post = client
        .post(app.url("/admin/instances/1/delete"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[("csrf_token", "guess")]))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 303);

    let attempt = |password: &'static str| {
        client
            .post(app.url("/auth"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&[
                ("kts_user", ADMIN_USER),
                ("kts_pass", password),
            ]))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong").await.unwrap().status(), 401);
    }
    // Even the right password waits once the address is throttled.
    assert_eq!(
        attempt("throttle-test-password").await.unwrap().status(),
        429
    );
    app.finish().await;
}

#[tokio::test]
async fn a_login_sets_a_strict_http_only_cookie() {
    let app = TestApp::builder()
        .admin_password("cookie-test-password")
        .spawn()
        .await;
    let response = no_redirects()
        .post(app.url("/admin/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("kts_user", ADMIN_USER),
            ("kts_pass", "cookie-test-password"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("kts_admin="));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    let value = cookie["kts_admin=".len()..].split(';').next().unwrap();
    assert!(!value.contains('|'), "the cookie is sealed: {cookie}");
    app.finish().await;
}

/// Logs in and returns the `Set-Cookie` header of the session.
async fn login_cookie(app: &crate::helpers::TestApp, password: &str) -> String {
    let response = no_redirects()
        .post(app.url("/admin/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("kts_user", ADMIN_USER),
            ("kts_pass", password),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned()
}

// Issue 8 (hardening), item 7.
#[tokio::test]
async fn the_admin_cookie_is_secure_exactly_when_the_public_url_is_https() {
    let https = TestApp::builder()
        .admin_password("secure-test-password")
        .public_url("https://kts.example.org/")
        .spawn()
        .await;
    let cookie = login_cookie(&https, "secure-test-password").await;
    assert!(cookie.contains("; Secure"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let logout = no_redirects()
        .get(https.url("/admin/logout"))
        .header("cookie", pair)
        .send()
        .await
        .unwrap();
    let removal = logout.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(removal.contains("; Secure"), "{removal}");
    https.finish().await;

    // Plain http (the local demo): a Secure cookie would never come back.
    let http = TestApp::builder()
        .admin_password("secure-test-password")
        .public_url("http://127.0.0.1:6500/")
        .spawn()
        .await;
    let cookie = login_cookie(&http, "secure-test-password").await;
    assert!(!cookie.contains("Secure"), "{cookie}");
    http.finish().await;
}

#[tokio::test]
async fn player_pages_answer_in_the_legacy_shape_when_they_cannot_play() {
    let app = TestApp::builder().closed().spawn().await;
    let key = app.api_key(Scope::Read).await;
    let get = |path: String| app.client.get(app.url(&path)).bearer_auth(&key).send();

    let response = get("/service/get_mobileplayer_url?id=1:0_abcdef".into())
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"success": false, "messages": ["Flavor ID not configured!"]})
    );

    let response = get("/service/get_player?id=9:0_abcdef".into())
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    let response = app
        .client
        .get(app.url("/service/get_player?id=1:0_abcdef"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);

    let page = get("/service/get_player?id=1:0_abcdef&width=640&height=50%".into())
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self' http://127.0.0.1:"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("/embedPlaykitJs/uiconf_id/1\""));
    assert!(html.contains("data-width=\"640px\"") && html.contains("data-height=\"50%\""));
    app.finish().await;
}
