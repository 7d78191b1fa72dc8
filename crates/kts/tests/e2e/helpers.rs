//! How the end-to-end tests reach KTS. [`spawn_app`] starts a simulator of
//! the platform under test and the real KTS service (`App::build` and the
//! accept loop of `kts serve`) on free ports of 127.0.0.1, KTS with its own
//! SQLite file (or PostgreSQL database) and upload folder and instance 1
//! configured against the simulator, and returns a [`TestApp`] to talk to
//! them; [`TestApp::builder`] changes the settings. [`spawn_probe_app`]
//! starts the same edge with probe routes as `/service/*`, for tests of the
//! extractors, API-key guard, body limits and layers on their own.
//!
//! `TestApp` carries the calls the feature files share (the legacy calls as
//! a client makes them, entries and faults in the simulator); readers of the
//! legacy answers are the free functions at the end.

use std::path::PathBuf;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::routing::{any, post};
use kaltura::{MediaEntry, MediaType};
use kaltura_sim::{FaultRule, FaultSet, Partner, Simulator, SimulatorHandle};
use kts::App;
use kts::config::{AdminCredentials, DatabaseUrl, Settings};
use kts::http::api_key::{ApiKey, WriteAccess};
use kts::http::legacy::error::LegacyError;
use kts::http::legacy::extract::LegacyUpload;
use kts::http::state::AppState;
use kts::ids::InstanceId;
use kts::store::{FieldValues, NewInstance, Scope, Store};
use reqwest::multipart::{Form, Part};
use secrecy::ExposeSecret;
use secrecy::SecretString;
use serde_json::{Value, json};
use telestream_sim::SimulatorHandle as TelestreamSimHandle;
use tokio::sync::oneshot;

#[path = "../support/postgres.rs"]
mod postgres;

use postgres::TestDatabase;

/// The admin user name of apps started with an admin password.
pub(crate) const ADMIN_USER: &str = "admin";

/// A video platform KTS stands in front of, here with its in-process
/// simulator. A test that takes the platform runs unchanged against each
/// (see [`on_each_platform!`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Platform {
    /// Kaltura, through `kaltura-sim`.
    Kaltura,
    /// A Telestream Cloud factory, through `telestream-sim`, spoken to in
    /// one of its API generations.
    Telestream(TelestreamApi),
}

/// The Telestream Cloud API generation instance 1 speaks: both sit over the
/// same factories, but sign, page and wrap differently, so each deserves
/// end-to-end coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TelestreamApi {
    /// v3.0: access key and secret key, signed parameters.
    V3,
    /// Flip 3.1: an API key.
    Flip,
}

/// Runs tests written once as `async fn name(platform: Platform)` against
/// every platform where the call exists: for each `name`, a module `name`
/// with the tests `on_kaltura` and `on_telestream` (so `cargo test` shows
/// `media::get_media_answers_…::on_telestream`). The first argument picks
/// the Telestream API generation of the file's tests, so that the suite as
/// a whole covers both:
///
/// ```ignore
/// on_each_platform!(Flip: del_media_deletes_the_entry, search_video_pages);
/// ```
macro_rules! on_each_platform {
    ($generation:ident: $($test:ident),+ $(,)?) => {
        $(
            mod $test {
                use crate::helpers::{Platform, TelestreamApi};

                #[tokio::test]
                async fn on_kaltura() {
                    super::$test(Platform::Kaltura).await;
                }

                #[tokio::test]
                async fn on_telestream() {
                    super::$test(Platform::Telestream(TelestreamApi::$generation)).await;
                }
            }
        )+
    };
}
pub(crate) use on_each_platform;

/// KTS serving the real `/service/*` calls in front of `platform`, with the
/// default settings of [`TestAppBuilder`].
pub(crate) async fn spawn_app(platform: Platform) -> TestApp {
    TestApp::builder().platform(platform).spawn().await
}

/// KTS whose `/service/*` area is the probe routes (see
/// [`TestAppBuilder::spawn_with_probes`]), with the default settings.
pub(crate) async fn spawn_probe_app() -> TestApp {
    TestApp::builder().spawn_with_probes().await
}

/// How to start the app. By default: Kaltura, open access (no API key
/// needed), any CORS origin, 1 MiB files, a 30 s body idle timeout, SQLite,
/// no `fromlocal` folder, the admin area closed, no public URL, KS v2.
#[derive(Debug)]
pub(crate) struct TestAppBuilder {
    platform: Platform,
    open_access: bool,
    cors_origins: Vec<&'static str>,
    max_file_bytes: u64,
    body_idle_timeout: Duration,
    postgres: bool,
    fromlocal_dir: Option<PathBuf>,
    admin_password: Option<&'static str>,
    public_url: Option<&'static str>,
    ks_version: kaltura::KsVersion,
}

impl Default for TestAppBuilder {
    fn default() -> Self {
        TestAppBuilder {
            platform: Platform::Kaltura,
            open_access: true,
            cors_origins: Vec::new(),
            max_file_bytes: 1 << 20,
            body_idle_timeout: Duration::from_secs(30),
            postgres: false,
            fromlocal_dir: None,
            admin_password: None,
            public_url: None,
            ks_version: kaltura::KsVersion::V2,
        }
    }
}

impl TestAppBuilder {
    /// The platform behind instance 1.
    pub(crate) fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// `/service/*` needs an API key (`KTS_OPEN_ACCESS=false`).
    pub(crate) fn closed(mut self) -> Self {
        self.open_access = false;
        self
    }

    /// `KTS_CORS_ORIGINS`.
    pub(crate) fn cors_origins(mut self, origins: &[&'static str]) -> Self {
        self.cors_origins = origins.to_vec();
        self
    }

    /// The largest upload.
    pub(crate) fn max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// The longest wait for the next bytes of a request body.
    pub(crate) fn body_idle_timeout(mut self, timeout: Duration) -> Self {
        self.body_idle_timeout = timeout;
        self
    }

    /// A PostgreSQL database of the test's own instead of an SQLite file.
    pub(crate) fn postgres(mut self) -> Self {
        self.postgres = true;
        self
    }

    /// The folder `fromlocal` uploads may read (canonical).
    pub(crate) fn fromlocal_dir(mut self, folder: PathBuf) -> Self {
        self.fromlocal_dir = Some(folder);
        self
    }

    /// Opens the admin area to user [`ADMIN_USER`] with `password`.
    pub(crate) fn admin_password(mut self, password: &'static str) -> Self {
        self.admin_password = Some(password);
        self
    }

    /// `KTS_PUBLIC_URL` (the tests still reach KTS on its bound address).
    pub(crate) fn public_url(mut self, url: &'static str) -> Self {
        self.public_url = Some(url);
        self
    }

    /// The KS version of instance 1 and of the simulated partner behind it.
    pub(crate) fn ks_version(mut self, version: kaltura::KsVersion) -> Self {
        self.ks_version = version;
        self
    }

    /// Starts the platform's simulator and the real KTS service, built as
    /// `kts serve` builds it.
    pub(crate) async fn spawn(self) -> TestApp {
        self.start(None).await
    }

    /// Starts KTS with probe routes as its `/service/*` area, behind the
    /// same extractors, API-key guard, body limits and layers as the real
    /// calls: `/service/echo` shows what `LegacyUpload` extracted,
    /// `/service/change` needs a write key, `/service/panic` panics.
    pub(crate) async fn spawn_with_probes(self) -> TestApp {
        self.start(Some(probe_routes())).await
    }

    async fn start(self, service: Option<Router<AppState>>) -> TestApp {
        let folder = tempfile::tempdir().unwrap();
        let upload_folder = folder.path().join("uploads");
        let (url, postgres) = if self.postgres {
            let database = TestDatabase::create("kts_e2e").await;
            (DatabaseUrl::Postgres(database.url()), Some(database))
        } else {
            (DatabaseUrl::Sqlite(folder.path().join("kts.sqlite3")), None)
        };
        let mut settings = Settings::local(folder.path());
        settings.database.url = url;
        settings.database.max_connections = 4;
        settings.server.public_url = self.public_url.map(|url| url.parse().unwrap());
        settings.uploads.max_file_bytes = self.max_file_bytes;
        settings.uploads.body_idle_timeout = self.body_idle_timeout;
        settings.uploads.fromlocal_dir = self.fromlocal_dir.clone();
        settings.admin.credentials = self.admin_password.map(|password| AdminCredentials {
            user: ADMIN_USER.to_owned(),
            password: SecretString::from(password),
        });
        settings.access.open = self.open_access;
        settings.access.cors_origins = self
            .cors_origins
            .iter()
            .map(|o| o.parse().unwrap())
            .collect();
        let app = match service {
            None => App::build(settings).await.unwrap(),
            Some(service) => App::build_with_service(settings, service).await.unwrap(),
        };
        let base_url = format!("http://{}", app.address());
        let store = app.store().clone();
        let (sim, telestream) = match self.platform {
            Platform::Kaltura => (
                Some(add_simulated_kaltura(&store, self.ks_version).await),
                None,
            ),
            Platform::Telestream(api) => (None, Some(add_simulated_telestream(&store, api).await)),
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        TestApp {
            base_url,
            client: reqwest::Client::new(),
            store,
            upload_folder,
            platform: self.platform,
            sim,
            telestream,
            _folder: folder,
            postgres,
            stop: Some(stop),
            server: Some(server),
        }
    }
}

/// Starts a Kaltura simulator (entries ready at once) and configures it as
/// instance 1.
async fn add_simulated_kaltura(store: &Store, ks_version: kaltura::KsVersion) -> SimulatorHandle {
    let partner = Partner {
        ks_version: match ks_version {
            kaltura::KsVersion::V1 => kaltura_sim::KsVersion::V1,
            kaltura::KsVersion::V2 => kaltura_sim::KsVersion::V2,
        },
        ..Partner::demo()
    };
    let sim = Simulator::builder()
        .partner(partner.clone())
        .ready_delay(Duration::ZERO)
        .spawn()
        .await
        .unwrap();
    store
        .add_instance(&NewInstance {
            id: Some(InstanceId::DEFAULT),
            fields: FieldValues::new()
                .with("name", "Simulated")
                .with("service_url", sim.base_url())
                .with("partner_id", partner.id)
                .with("player_uiconf_id", 1)
                .with("thumbnail_player_uiconf_id", 2)
                .with("admin_secret", &partner.admin_secret)
                .with("user_secret", &partner.user_secret)
                .with("user_id", "tester@example.org")
                .with("ks_version", kts::store::ks_version_name(ks_version)),
        })
        .await
        .unwrap();
    sim
}

/// Starts a Telestream simulator (encodings done at once) and configures
/// its demo factory as instance 1, spoken to in `api`.
async fn add_simulated_telestream(store: &Store, api: TelestreamApi) -> TelestreamSimHandle {
    let sim = telestream_sim::Simulator::builder()
        .encoding_delay(Duration::ZERO)
        .spawn()
        .await
        .unwrap();
    let account = telestream_sim::Account::demo();
    let fields = FieldValues::new()
        .with("name", "Simulated Telestream")
        .with("platform", "telestream")
        .with("factory_id", telestream_sim::DEMO_FACTORY_ID);
    let fields = match api {
        TelestreamApi::V3 => fields
            .with("api_generation", "v3.0")
            .with("api_url", format!("{}/v3.0", sim.base_url()))
            .with("access_key", &account.access_key)
            .with("secret_access_key", &account.secret_key),
        TelestreamApi::Flip => fields
            .with("api_generation", "flip-3.1")
            .with("api_url", format!("{}/flip/3.1", sim.base_url()))
            .with("api_key", &account.api_key),
    };
    store
        .add_instance(&NewInstance {
            id: Some(InstanceId::DEFAULT),
            fields,
        })
        .await
        .unwrap();
    sim
}

/// A running KTS.
pub(crate) struct TestApp {
    pub(crate) base_url: String,
    pub(crate) client: reqwest::Client,
    pub(crate) store: Store,
    pub(crate) upload_folder: PathBuf,
    /// The platform behind instance 1.
    pub(crate) platform: Platform,
    /// The simulated Kaltura behind instance 1, on [`Platform::Kaltura`].
    pub(crate) sim: Option<SimulatorHandle>,
    /// The simulated Telestream factory behind instance 1, on
    /// [`Platform::Telestream`].
    pub(crate) telestream: Option<TelestreamSimHandle>,
    _folder: tempfile::TempDir,
    postgres: Option<TestDatabase>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    /// How to start an app with other settings than [`spawn_app`]'s.
    pub(crate) fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Files left in the upload folder.
    pub(crate) fn upload_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(&self.upload_folder) {
            Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Creates an API key and returns its text.
    pub(crate) async fn api_key(&self, scope: Scope) -> String {
        let created = self.store.create_api_key("test", scope).await.unwrap();
        created.key.expose_secret().to_owned()
    }

    /// Stops the server and drops the test's database.
    pub(crate) async fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap().unwrap();
        }
        if let Some(sim) = self.sim.take() {
            sim.shutdown().await.unwrap();
        }
        if let Some(sim) = self.telestream.take() {
            sim.shutdown().await.unwrap();
        }
        if let Some(database) = self.postgres.take() {
            database.drop_database().await;
        }
    }
}

/// The legacy calls (kts-legacy-api.md) as a client makes them: GET with a
/// query, url-encoded form, multipart.
impl TestApp {
    /// GET `path` with `query`; the status and the JSON body.
    pub(crate) async fn get(&self, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
        let mut url = url::Url::parse(&self.url(path)).unwrap();
        url.query_pairs_mut().extend_pairs(query);
        json_of(self.client.get(url.as_str()).send().await.unwrap()).await
    }

    /// POST a multipart body with `fields` and, if given, `file` as (name,
    /// bytes).
    pub(crate) async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
    ) -> (u16, Value) {
        let mut form = Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        if let Some((name, bytes)) = file {
            form = form.part("file", Part::bytes(bytes).file_name(name.to_owned()));
        }
        let response = self
            .client
            .post(self.url(path))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    /// `/service/upload_file` of `fixtures/<path>` as `file_name`, named
    /// `medianame`; returns the new entry id.
    pub(crate) async fn upload_fixture(
        &self,
        medianame: &str,
        path: &str,
        file_name: &str,
    ) -> String {
        let form = Form::new().text("medianame", medianame.to_owned()).part(
            "file",
            Part::bytes(fixture(path)).file_name(file_name.to_owned()),
        );
        let response = self
            .client
            .post(self.url("/service/upload_file"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let (status, body) = json_of(response).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["success"], true, "{body}");
        body["entry_id"].as_str().unwrap().to_owned()
    }

    /// `/service/add_caption/` with `fields` and, if given, the caption
    /// `file` as (name, bytes): the status and the answer.
    pub(crate) async fn add_caption(
        &self,
        fields: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
    ) -> (u16, Value) {
        self.post_multipart("/service/add_caption/", fields, file)
            .await
    }

    /// `/service/get_media/?id=<id>`: the status and the entry.
    pub(crate) async fn get_media(&self, id: &str) -> (u16, Value) {
        self.get("/service/get_media/", &[("id", id)]).await
    }

    /// `/service/thumbnail_list/?id=<id>`: the status and the list.
    pub(crate) async fn thumbnail_list(&self, id: &str) -> (u16, Value) {
        self.get("/service/thumbnail_list/", &[("id", id)]).await
    }

    /// `/service/list_captions/?id=<id>`: the status and the list.
    pub(crate) async fn list_captions(&self, id: &str) -> (u16, Value) {
        self.get("/service/list_captions/", &[("id", id)]).await
    }
}

/// Entries and faults in the simulated platform behind instance 1, made
/// directly, not through KTS.
impl TestApp {
    fn simulator(&self) -> &SimulatorHandle {
        self.sim.as_ref().unwrap()
    }

    /// An admin client of the simulator's demo partner (instance 1).
    pub(crate) fn kaltura_client(&self) -> kaltura::Client {
        let partner = Partner::demo();
        kaltura::Client::builder(self.simulator().base_url(), partner.id)
            .admin_secret(partner.admin_secret)
            .user_id("tester@example.org")
            .build()
            .unwrap()
    }

    /// A new video entry, made in the platform directly (on Kaltura with no
    /// content, which thumbnails and captions do not need; on Telestream a
    /// video exists only with its file, `fixtures/media/sample.mp4`).
    pub(crate) async fn video_entry(&self) -> String {
        if let Platform::Telestream(_) = self.platform {
            let bytes = fixture("media/sample.mp4");
            let size = bytes.len() as u64;
            let video = self
                .telestream_client()
                .upload()
                .from_reader(std::io::Cursor::new(bytes), size, "sample.mp4")
                .await
                .unwrap();
            return video.id.unwrap();
        }
        let entry = MediaEntry {
            name: Some("asset test".into()),
            media_type: Some(MediaType::Video),
            ..Default::default()
        };
        let created = self.kaltura_client().media().add(&entry).await.unwrap();
        created.id.unwrap()
    }

    /// A client of the simulated Telestream factory behind instance 1 (Flip
    /// 3.1, whatever generation KTS speaks: both see the same factory).
    pub(crate) fn telestream_client(&self) -> telestream::Client {
        let sim = self.telestream.as_ref().unwrap();
        telestream::Client::builder()
            .api_key(telestream_sim::Account::demo().api_key)
            .base_url(format!("{}/flip/3.1", sim.base_url()))
            .factory_id(telestream_sim::DEMO_FACTORY_ID)
            .build()
            .unwrap()
    }

    /// Entries of instance 1 in any state but deleted, asked straight from
    /// the platform (KTS's `search_video` shows only ready ones on Kaltura):
    /// shows half-created entries left behind.
    pub(crate) async fn entry_count(&self) -> usize {
        if let Platform::Telestream(_) = self.platform {
            let query = telestream::VideoQuery {
                per_page: Some(100),
                ..Default::default()
            };
            let page = self
                .telestream_client()
                .videos()
                .list(&query)
                .await
                .unwrap();
            return page.items.len();
        }
        let filter = kaltura::MediaEntryFilter {
            status_in: Some("-2,-1,0,1,2,4,5,6,7".into()),
            ..Default::default()
        };
        let pager = kaltura::FilterPager::page(500, 1);
        let list = self
            .kaltura_client()
            .media()
            .list(Some(&filter), Some(&pager))
            .await
            .unwrap();
        list.objects.len()
    }

    /// The fault switch of whichever simulator stands behind instance 1.
    pub(crate) fn faults(&self) -> &kaltura_sim::Faults {
        match (&self.sim, &self.telestream) {
            (Some(sim), _) => sim.faults(),
            (None, Some(sim)) => sim.faults(),
            (None, None) => panic!("the simulator was stopped"),
        }
    }

    /// Stops the simulator behind instance 1: the platform is unreachable
    /// from now on.
    pub(crate) async fn stop_platform(&mut self) {
        if let Some(sim) = self.sim.take() {
            sim.shutdown().await.unwrap();
        }
        if let Some(sim) = self.telestream.take() {
            sim.shutdown().await.unwrap();
        }
    }

    /// Makes every call to `target` (`service.action`) fail with an API
    /// error of the platform.
    pub(crate) fn fail_calls_to(&self, target: &str) {
        self.simulator().faults().set(FaultSet {
            rules: vec![FaultRule {
                target: target.into(),
                api_error_rate: 1.0,
                ..Default::default()
            }],
        });
    }

    /// Makes every request to `target` answer HTTP 503 (after the client's
    /// retries, the platform looks down).
    pub(crate) fn answer_503_to(&self, target: &str) {
        self.simulator().faults().set(FaultSet {
            rules: vec![FaultRule {
                target: target.into(),
                http_error_rate: 1.0,
                ..Default::default()
            }],
        });
    }

    /// Lets the simulator behave again.
    pub(crate) fn clear_faults(&self) {
        self.simulator().faults().clear();
    }
}

/// The status and the JSON body of a legacy answer, which must carry the
/// legacy content type.
pub(crate) async fn json_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/json; charset=utf-8");
    (status, response.json().await.unwrap())
}

/// An `application/x-www-form-urlencoded` body.
pub(crate) fn form_body<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        body.append_pair(key.as_ref(), value.as_ref());
    }
    body.finish()
}

/// The first of the answer's `messages`, empty when there is none.
pub(crate) fn message(body: &Value) -> String {
    body["messages"][0].as_str().unwrap_or_default().to_owned()
}

/// The bytes of `fixtures/<path>`.
pub(crate) fn fixture(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    std::fs::read(root.join(path)).unwrap()
}

/// The item of a legacy list with this `id`.
pub(crate) fn item<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list}"))
}

/// Asserts that a legacy list is sorted newest first. Kaltura's times are
/// in seconds, so items made in the same second may come in any order.
pub(crate) fn assert_newest_first(list: &Value) {
    let times: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["created_at"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
}

/// Probe routes standing in for the legacy calls.
fn probe_routes() -> Router<AppState> {
    Router::new()
        .route("/echo", any(echo))
        .route("/change", any(change))
        .route("/panic", post(panic))
}

/// Shows what `LegacyUpload` (the extractor of the calls that take files)
/// produced.
async fn echo(request: LegacyUpload) -> Json<Value> {
    let LegacyUpload { target, params } = request;
    let file = params.file("file").map(|f| {
        json!({
            "name": f.file.original_name(),
            "len": f.file.len(),
            "exists": f.file.path().exists(),
            "bytes": std::fs::read(f.file.path()).map(|b| b.len()).unwrap_or(0),
        })
    });
    Json(json!({
        "success": true,
        "instance": target.instance.get(),
        "entry": target.entry.as_ref().map(|e| e.as_str().to_owned()),
        "medianame": params.get("medianame"),
        "file": file,
    }))
}

/// A call that changes data: needs a write key.
async fn change(_key: ApiKey<WriteAccess>) -> Result<Json<Value>, LegacyError> {
    Ok(Json(json!({ "success": true })))
}

async fn panic() -> &'static str {
    panic!("probe panic")
}
