//! The admin pages and player pages driven in headless Chromium (through
//! chromedriver and fantoccini), against a real KTS and simulator.
//!
//! Chromium and chromedriver come from Debian's `chromium` and
//! `chromium-driver` packages, which `scripts/test-all` installs. Without
//! them these tests fail, saying so: they never pass silently. Screenshots of
//! the main pages go to `$CARGO_TARGET_DIR/screenshots/` (or
//! `target/screenshots/`).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use kts::store::Scope;
use serde_json::{Value, json};
use tokio::process::{Child, Command};

use crate::helpers::{ADMIN_USER, Platform, TelestreamApi, TestApp, json_of};

const ADMIN_PASSWORD: &str = "browser-test-password";

/// One browser at a time: the machine is small and Chromium is not.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Longest wait for something the page does by itself (a condition polled,
/// never a duration asserted).
const PATIENCE: Duration = Duration::from_secs(30);

/// A chromedriver process and a session of headless Chromium.
struct Browser {
    client: Client,
    _driver: Child,
    _profile: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

fn find_program(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

impl Browser {
    async fn start() -> Browser {
        let turn = ONE_BROWSER.lock().await;
        let driver_path =
            find_program(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]).expect(
                "chromedriver is not installed: the browser tests need Debian's chromium and \
                 chromium-driver packages (scripts/test-all installs them)",
            );
        let chromium = find_program(&["/usr/bin/chromium", "/usr/lib/chromium/chromium"]).expect(
            "chromium is not installed: the browser tests need Debian's chromium and \
             chromium-driver packages (scripts/test-all installs them)",
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver could not be started");
        let profile = tempfile::tempdir().unwrap();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                    "--autoplay-policy=no-user-gesture-required",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        // chromedriver needs a moment to listen: retry the session, bounded.
        for _ in 0..100 {
            let mut builder = ClientBuilder::rustls().unwrap();
            builder.capabilities(capabilities.clone());
            match builder.connect(&url).await {
                Ok(client) => {
                    return Browser {
                        client,
                        _driver: driver,
                        _profile: profile,
                        _turn: turn,
                    };
                }
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("chromium did not start through chromedriver: {last_error}");
    }

    async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    /// The text of the element matching `css`, once there is one. The element
    /// may go stale between finding and reading it while a page is replaced
    /// after a click: then it is looked up again, within the patience.
    async fn text_of(&self, css: &str) -> String {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let found = self.client.find(Locator::Css(css)).await;
            let last_error = match found {
                Ok(element) => match element.text().await {
                    Ok(text) => return text,
                    Err(error) => error.to_string(),
                },
                Err(error) => error.to_string(),
            };
            assert!(
                tokio::time::Instant::now() < deadline,
                "gave up waiting for {css}: {last_error}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `css` holds `needle` (the page may
    /// still be the previous one right after a click), and returns its text.
    async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
                && text.contains(needle)
            {
                return text;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "gave up waiting for {needle:?} in {css}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn fill(&self, css: &str, value: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn script(&self, script: &str) -> Value {
        self.client.execute(script, Vec::new()).await.unwrap()
    }

    /// Polls `script` until it returns `true`, for at most [`PATIENCE`].
    async fn wait_until(&self, script: &str, what: &str) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if self.script(script).await == Value::Bool(true) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "gave up waiting: {what}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        let folder = target.join("screenshots");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
    }

    async fn finish(self) {
        self.client.close().await.unwrap();
    }
}

async fn admin_app() -> TestApp {
    TestApp::builder()
        .closed()
        .admin_password(ADMIN_PASSWORD)
        .spawn()
        .await
}

async fn log_in(browser: &Browser, app: &TestApp) {
    browser.goto(&app.url("/admin/login")).await;
    browser.fill("#kts_user", ADMIN_USER).await;
    browser.fill("#kts_pass", ADMIN_PASSWORD).await;
    browser.click("#login").await;
    browser.wait_for_text("h1", "Dashboard").await;
}

/// A client of the simulator behind instance 1.
fn sim_client(app: &TestApp) -> kaltura::Client {
    let sim = app.sim.as_ref().unwrap();
    let partner = kaltura_sim::Partner::demo();
    kaltura::Client::builder(sim.base_url(), partner.id)
        .admin_secret(partner.admin_secret)
        .build()
        .unwrap()
}

/// The id of the entry's default thumbnail asset, if it has one.
async fn default_thumbnail(app: &TestApp, entry: &str) -> Option<String> {
    let filter = kaltura::AssetFilter {
        entry_id_equal: Some(entry.to_owned()),
        ..Default::default()
    };
    let list = sim_client(app)
        .thumb_asset()
        .list(&filter, None)
        .await
        .unwrap();
    list.objects
        .into_iter()
        .find(|t| t.is_default())
        .and_then(|t| t.id)
}

/// Uploads `fixtures/media/sample.mp4` to the simulator as a ready entry.
async fn sample_entry(app: &TestApp) -> String {
    let client = sim_client(app);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/media/sample.mp4");
    let token = client
        .upload()
        .file_name("sample.mp4")
        .from_path(&path)
        .await
        .unwrap();
    let entry = kaltura::MediaEntry {
        name: Some("Browser sample".into()),
        media_type: Some(kaltura::MediaType::Video),
        ..Default::default()
    };
    let entry = client
        .media()
        .add_from_uploaded_file(&entry, token.id.as_deref().unwrap())
        .await
        .unwrap();
    entry.id.unwrap()
}

#[tokio::test]
async fn admin_logs_in_and_manages_instances_with_csrf_protection() {
    let app = admin_app().await;
    let browser = Browser::start().await;

    // Wrong password refused, through the old URL.
    browser.goto(&app.url("/login")).await;
    browser.fill("#kts_user", ADMIN_USER).await;
    browser.fill("#kts_pass", "wrong").await;
    browser.click("#login").await;
    assert!(
        browser
            .text_of("#login-error")
            .await
            .contains("Wrong user name or password")
    );
    browser.screenshot("admin-login-refused").await;

    log_in(&browser, &app).await;
    browser.screenshot("admin-dashboard").await;

    // Add.
    browser.goto(&app.url("/add_config")).await;
    browser.fill("#id", "7").await;
    browser.fill("#name", "Second account").await;
    browser
        .fill("#service_url", "https://kaltura.example.org")
        .await;
    browser.fill("#partner_id", "4242").await;
    browser
        .fill("#admin_secret", "first-admin-secret-0123456789")
        .await;
    browser.fill("#user_id", "owner@example.org").await;
    browser.click("#save").await;
    assert!(
        browser
            .text_of("#instance-7")
            .await
            .contains("Second account")
    );
    browser.screenshot("admin-instances").await;

    // A bad field is reported beside it.
    browser.goto(&app.url("/admin/instances/new")).await;
    browser.fill("#name", "Bad").await;
    browser.fill("#partner_id", "-5").await;
    browser.click("#save").await;
    assert!(
        browser
            .text_of("#partner_id-error")
            .await
            .contains("whole number")
    );
    browser.screenshot("admin-instance-errors").await;

    // Edit through the old URL: the secret is masked, an empty field keeps it.
    browser
        .goto(&app.url("/update_config?KALTURA_CONFIG_ID=7"))
        .await;
    let help = browser.text_of("#admin_secret-help").await;
    assert!(help.contains("6789"), "{help}");
    let source = browser.client.source().await.unwrap();
    assert!(!source.contains("first-admin-secret"));
    browser.fill("#name", "Renamed account").await;
    browser.click("#save").await;
    assert!(
        browser
            .text_of("#instance-7")
            .await
            .contains("Renamed account")
    );
    let stored = app
        .store
        .instance(kts::ids::InstanceId::new(7).unwrap())
        .await
        .unwrap()
        .unwrap();
    let kts::store::Account::Kaltura(account) = &stored.account else {
        panic!("not a Kaltura account");
    };
    assert_eq!(
        account.admin_secret.expose(),
        "first-admin-secret-0123456789"
    );

    // The JSON export has no secret.
    browser.goto(&app.url("/view_configs/getjson")).await;
    let json = browser.client.source().await.unwrap();
    assert!(json.contains("Renamed account") && !json.contains("first-admin-secret"));
    browser.goto(&app.url("/view_configs")).await;

    // Test connection of instance 1 (the simulator).
    browser.click("#test-1").await;
    browser
        .wait_for_text("#notice", "Instance 1: connection works")
        .await;
    // And of instance 7, whose server does not exist.
    browser.click("#test-7").await;
    let notice = browser.wait_for_text("#notice", "Instance 7").await;
    assert!(notice.contains("unreachable"), "{notice}");

    // A form posted without its CSRF token is refused.
    browser
        .script(
            "document.querySelector('form[action=\"/admin/instances/7/delete\"] \
             input[name=csrf_token]').remove();",
        )
        .await;
    browser.click("#delete-7").await;
    browser.wait_for_text("h1", "403").await;
    assert!(
        app.store
            .instance_exists(kts::ids::InstanceId::new(7).unwrap())
            .await
            .unwrap()
    );

    // Delete with the token.
    browser.goto(&app.url("/admin/instances")).await;
    browser.click("#delete-7").await;
    browser
        .wait_until(
            "return !!document.getElementById('instances') && \
             !document.getElementById('instance-7');",
            "instance 7 leaves the table",
        )
        .await;
    assert!(
        !app.store
            .instance_exists(kts::ids::InstanceId::new(7).unwrap())
            .await
            .unwrap()
    );

    // Log out: the admin pages lead to the login again.
    browser.goto(&app.url("/logout")).await;
    browser.goto(&app.url("/admin/instances")).await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/admin/login"
    );

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn an_api_key_created_in_the_admin_works_until_revoked() {
    let app = admin_app().await;
    let entry = sample_entry(&app).await;
    let browser = Browser::start().await;
    log_in(&browser, &app).await;

    browser.goto(&app.url("/admin/api-keys")).await;
    browser.fill("#key-name", "cms").await;
    browser.click("#scope-write").await;
    browser.click("#create-key").await;
    let key = browser.text_of("#new-key").await;
    assert!(key.starts_with("kts_"), "{key}");
    browser.screenshot("admin-api-keys").await;

    let page = app.url(&format!("/service/get_player?id=1:{entry}"));
    let with_key = app
        .client
        .get(&page)
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(with_key.status(), 200);
    let without = app.client.get(&page).send().await.unwrap();
    assert_eq!(without.status(), 401);

    browser.goto(&app.url("/admin/api-keys")).await;
    let row = browser.text_of("#api-keys tbody tr").await;
    assert!(row.contains("cms") && row.contains("write"), "{row}");
    browser.click("#api-keys button.danger").await;
    browser.wait_for_text("#api-keys tbody tr", "revoked").await;
    let revoked = app
        .client
        .get(&page)
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 401);

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn the_player_pages_play_the_entry() {
    let app = admin_app().await;
    let entry = sample_entry(&app).await;
    let key = app.api_key(Scope::Read).await;
    let browser = Browser::start().await;

    for (embed, shot) in [("", "player-v7"), ("&embed=iframe", "player-v2")] {
        browser
            .goto(&app.url(&format!(
                "/service/get_player?id=1:{entry}&api_key={key}&autoplay=true{embed}"
            )))
            .await;
        browser
            .wait_until(
                "var v = document.querySelector('#kaltura_player video'); \
                 if (v) { v.muted = true; v.loop = true; if (v.paused) { v.play().catch(function(){}); } } \
                 return !!v && v.currentTime > 0;",
                "the video's currentTime advances",
            )
            .await;
        browser.screenshot(shot).await;
    }

    shows_the_thumbnail_page(
        &browser,
        &app,
        &entry,
        &key,
        "the thumbnail image loads",
        "thumbnail",
    )
    .await;

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn no_script_runs_from_any_page_parameter() {
    let app = admin_app().await;
    let entry = sample_entry(&app).await;
    let key = app.api_key(Scope::Read).await;
    let browser = Browser::start().await;
    let payload = "\"><img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";
    let encoded: String = url::form_urlencoded::byte_serialize(payload.as_bytes()).collect();

    // Accepted parameters come back escaped, and nothing runs.
    let accepted = [
        format!("/?api_key={encoded}"),
        format!("/thumnail_demo?api_key={encoded}&id={encoded}"),
        format!(
            "/service/get_thumbnail_player?id=1:{entry}&api_key={key}&successCallbackParams={encoded}"
        ),
    ];
    for path in &accepted {
        browser.goto(&app.url(path)).await;
        let source = browser.client.source().await.unwrap();
        assert!(!source.contains("<script>window.__pwned"), "{path}");
        assert!(
            source.contains("&lt;script&gt;") || source.contains("&#60;script"),
            "{path}"
        );
        let ran = browser.script("return window.__pwned === 1;").await;
        assert_eq!(ran, Value::Bool(false), "{path}");
    }
    browser.screenshot("thumbnail-selector").await;

    // Refused parameters never reach a page.
    let refused = [
        format!("/service/get_player?id=1:{entry}&api_key={key}&width={encoded}"),
        format!("/service/get_player?id=1:{entry}&api_key={key}&height={encoded}"),
        format!("/service/get_player?id=1:{entry}&api_key={key}&autoplay={encoded}"),
        format!("/service/get_player?id=1:{entry}&api_key={key}&embed={encoded}"),
        format!("/service/get_player?id={encoded}&api_key={key}"),
        format!("/service/get_thumbnail_player?id=1:{entry}&api_key={key}&callback={encoded}"),
        format!(
            "/service/get_thumbnail_player?id=1:{entry}&api_key={key}&callback=javascript:alert(1)"
        ),
        format!(
            "/service/get_thumbnail_player?id=1:{entry}&api_key={key}&successCallback={encoded}"
        ),
        format!("/service/get_thumbnail_player?id=1:{entry}&api_key={key}&parent_host={encoded}"),
        format!("/service/get_thumbnail?id=1:{entry}&api_key={key}&width={encoded}"),
        format!("/service/get_mobileplayer_url?id={encoded}&api_key={key}"),
    ];
    for path in &refused {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 400, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["success"], false, "{path}");
        browser.goto(&app.url(path)).await;
        let ran = browser.script("return window.__pwned === 1;").await;
        assert_eq!(ran, Value::Bool(false), "{path}");
    }

    // The old answer for a thumbnail selector without an entry.
    let response = app
        .client
        .get(app.url(&format!("/service/get_thumbnail_player?api_key={key}")))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"success": false, "messages": ["Entry Id error"]})
    );

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn the_thumbnail_selector_makes_the_current_frame_the_default_thumbnail() {
    let app = admin_app().await;
    let entry = sample_entry(&app).await;
    let before = default_thumbnail(&app, &entry).await;
    let key = app.api_key(Scope::Write).await;
    let browser = Browser::start().await;

    let result = capture_a_frame(
        &browser,
        &app,
        &entry,
        &key,
        "document.querySelector('#kaltura_player video')",
        "thumbnail-selector-captured",
    )
    .await;

    let after = default_thumbnail(&app, &entry).await;
    assert!(after.is_some());
    assert_ne!(after, before);
    assert!(result.contains(after.as_deref().unwrap()), "{result}");

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn the_upload_form_uploads_with_a_moving_progress_bar() {
    let app = admin_app().await;
    let key = app.api_key(Scope::Write).await;
    let browser = Browser::start().await;
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/media/sample.mp4")
        .canonicalize()
        .unwrap();

    browser.goto(&app.url(&format!("/?api_key={key}"))).await;
    browser.screenshot("upload-form").await;
    browser.fill("#medianame", "From the browser").await;
    browser
        .client
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    browser.click("#upload").await;
    browser
        .wait_until(
            "var r = document.getElementById('result'); \
             return r.dataset.state === 'done' || r.dataset.state === 'failed';",
            "the upload answers",
        )
        .await;
    let result = browser.text_of("#result").await;
    assert!(result.starts_with("Entry id: "), "{result}");
    let progress = browser
        .script(
            "var p = document.getElementById('progress'); \
             return [p.value, Number(p.dataset.events || 0)];",
        )
        .await;
    assert_eq!(progress[0].as_f64(), Some(1.0), "{progress}");
    assert!(progress[1].as_f64().unwrap() >= 1.0, "{progress}");
    browser.screenshot("upload-form-done").await;

    let entry = result.trim_start_matches("Entry id: ").to_owned();
    let uploaded = sim_client(&app).media().get(&entry).await.unwrap();
    assert_eq!(uploaded.name.as_deref(), Some("From the browser"));

    browser.finish().await;
    app.finish().await;
}

/// KTS in front of a simulated Telestream factory, closed, with an admin.
async fn telestream_app() -> TestApp {
    TestApp::builder()
        .platform(Platform::Telestream(TelestreamApi::V3))
        .closed()
        .admin_password(ADMIN_PASSWORD)
        .spawn()
        .await
}

/// Waits for KTS's own `<video>` to have loaded the file's metadata and
/// returns the URL it plays (only a file the page's policy allows loads).
async fn wait_for_own_video(browser: &Browser) -> String {
    browser
        .wait_until(
            "var v = document.getElementById('video_player'); \
             return !!v && v.readyState >= 1 && v.duration > 0;",
            "the page's video loads its file",
        )
        .await;
    let src = browser
        .script("return document.getElementById('video_player').currentSrc;")
        .await;
    src.as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_player_page_of_a_telestream_entry_plays_the_encoding_file() {
    let app = telestream_app().await;
    let entry = app.video_entry().await;
    let key = app.api_key(Scope::Read).await;
    let browser = Browser::start().await;

    browser
        .goto(&app.url(&format!(
            "/service/get_player?id=1:{entry}&api_key={key}&autoplay=true"
        )))
        .await;
    let src = wait_for_own_video(&browser).await;
    browser
        .wait_until(
            "var v = document.getElementById('video_player'); \
             v.muted = true; v.loop = true; if (v.paused) { v.play().catch(function(){}); } \
             return v.currentTime > 0;",
            "the video's currentTime advances",
        )
        .await;
    browser.screenshot("player-telestream").await;

    // The file is the playable encoding's, served by the factory's storage.
    let (_, media) = json_of(
        app.client
            .get(app.url(&format!("/service/get_media/?id=1:{entry}")))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(src, media["url"].as_str().unwrap(), "{media}");
    let sim = app.telestream.as_ref().unwrap().base_url();
    assert!(src.starts_with(sim), "{src}");
    // The page's policy lets media come from the factory's storage only by
    // naming its origin.
    let page = app
        .client
        .get(app.url(&format!("/service/get_player?id=1:{entry}&api_key={key}")))
        .send()
        .await
        .unwrap();
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains(&format!("media-src {sim} ")), "{policy}");

    // The mobile page needs no mobile flavor: it plays the same file.
    browser
        .goto(&app.url(&format!(
            "/service/get_mobileplayer_url?id=1:{entry}&api_key={key}"
        )))
        .await;
    browser
        .wait_until(
            "var v = document.getElementById('mobile_player'); \
             return !!v && v.readyState >= 1 && v.duration > 0;",
            "the mobile page's video loads its file",
        )
        .await;
    let mobile = browser
        .script("return document.getElementById('mobile_player').currentSrc;")
        .await;
    assert_eq!(mobile.as_str(), Some(src.as_str()));
    let file = reqwest::get(&src).await.unwrap();
    assert_eq!(file.status(), 200, "{src}");
    assert_eq!(
        file.bytes().await.unwrap(),
        crate::helpers::fixture("media/sample.mp4")
    );

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn the_thumbnail_selector_of_a_telestream_entry_makes_the_frame_the_default() {
    let app = telestream_app().await;
    let entry = app.video_entry().await;
    let key = app.api_key(Scope::Write).await;
    let browser = Browser::start().await;

    let result = capture_a_frame(
        &browser,
        &app,
        &entry,
        &key,
        "document.getElementById('video_player')",
        "thumbnail-selector-telestream",
    )
    .await;

    // thumbnail_list shows the new thumbnail, as the default.
    let (status, list) = json_of(
        app.client
            .get(app.url(&format!("/service/thumbnail_list/?id=1:{entry}")))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let default = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["default"] == true)
        .unwrap_or_else(|| panic!("no default in {list}"));
    let id = default["id"].as_str().unwrap();
    assert!(result.contains(id), "{result} {list}");

    browser.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn the_thumbnail_page_of_a_telestream_entry_shows_the_captured_frame() {
    let app = telestream_app().await;
    let entry = app.video_entry().await;
    let key = app.api_key(Scope::Write).await;
    let (status, body) = json_of(
        app.client
            .get(app.url(&format!(
                "/service/update_thumbnail_from_player?entry_id=1:{entry}&offset=0.5"
            )))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let browser = Browser::start().await;

    shows_the_thumbnail_page(
        &browser,
        &app,
        &entry,
        &key,
        "the captured frame loads as an image",
        "thumbnail-telestream",
    )
    .await;

    browser.finish().await;
    app.finish().await;
}

/// Opens the thumbnail selector of `entry`, seeks `video` (a script
/// expression finding the page's `<video>`) into the video, presses the
/// capture button, checks the answer and the success callback, and returns
/// the answer's text.
async fn capture_a_frame(
    browser: &Browser,
    app: &TestApp,
    entry: &str,
    key: &str,
    video: &str,
    screenshot: &str,
) -> String {
    browser
        .goto(&app.url(&format!(
            "/service/get_thumbnail_player?id=1:{entry}&api_key={key}\
             &successCallback=onThumbnail&successCallbackParams=done%20for%20{entry}\
             &parent_host=http://127.0.0.1:9"
        )))
        .await;
    browser
        .wait_until(
            &format!(
                "var v = {video}; \
                 if (v && v.readyState >= 1 && v.currentTime === 0) {{ v.currentTime = 0.4; }} \
                 return !!v && v.readyState >= 2 && v.currentTime > 0.3;"
            ),
            "the player seeks into the video",
        )
        .await;
    browser
        .script("window.onThumbnail = function (p) { window.__thumbnailCallback = p; };")
        .await;
    browser.click("#capture-button").await;
    browser
        .wait_until(
            "var o = document.getElementById('capture-result'); \
             return o.dataset.state === 'done' || o.dataset.state === 'failed';",
            "the capture answers",
        )
        .await;
    let result = browser.text_of("#capture-result").await;
    assert!(result.starts_with("Thumbnail updated"), "{result}");
    browser.screenshot(screenshot).await;
    let called = browser.script("return window.__thumbnailCallback;").await;
    assert_eq!(called, Value::String(format!("done for {entry}")));
    result
}

/// Opens `get_thumbnail` of `entry` and waits until its image has loaded
/// (`what` names the wait in a failure).
async fn shows_the_thumbnail_page(
    browser: &Browser,
    app: &TestApp,
    entry: &str,
    key: &str,
    what: &str,
    screenshot: &str,
) {
    browser
        .goto(&app.url(&format!(
            "/service/get_thumbnail?id=1:{entry}&api_key={key}"
        )))
        .await;
    browser
        .wait_until(
            "var i = document.getElementById('thumbnail'); return !!i && i.complete && i.naturalWidth > 0;",
            what,
        )
        .await;
    browser.screenshot(screenshot).await;
}
