//! `spawn_app()` starts a Kaltura simulator and KTS on free ports of
//! 127.0.0.1, KTS with its own SQLite file (or PostgreSQL database) and upload
//! folder and instance 1 configured against the simulator, and returns a
//! `TestApp` to talk to them.
//!
//! Until the legacy calls exist, the `/service` area is a set of probe routes
//! that show what the extractors produced, behind the real API-key guard,
//! body limits and layers.

use std::path::PathBuf;

use axum::Json;
use axum::Router;
use axum::routing::{any, post};
use kaltura_sim::{Partner, Simulator, SimulatorHandle};
use kts::App;
use kts::config::{AdminCredentials, DatabaseUrl, Settings};
use kts::http::api_key::{ApiKey, WriteAccess};
use kts::http::error::LegacyError;
use kts::http::extract::LegacyUpload;
use kts::ids::InstanceId;
use kts::state::AppState;
use kts::store::{FieldValues, NewInstance, Scope, Store};
use secrecy::ExposeSecret;
use secrecy::SecretString;
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// The admin user name of apps started with an admin password.
pub(crate) const ADMIN_USER: &str = "admin";

/// How to start the app.
pub(crate) struct TestOptions {
    pub(crate) open_access: bool,
    pub(crate) cors_origins: Vec<&'static str>,
    pub(crate) max_file_bytes: u64,
    pub(crate) body_idle_timeout: std::time::Duration,
    pub(crate) postgres: bool,
    /// Serve the real `http::legacy` area instead of the probe routes.
    pub(crate) real_service: bool,
    /// The folder `fromlocal` uploads may read (canonical); `None`: off.
    pub(crate) fromlocal_dir: Option<PathBuf>,
    /// Admin password (user `admin`); the admin area is closed without one.
    pub(crate) admin_password: Option<&'static str>,
    /// `KTS_PUBLIC_URL`; `None`: derived from the bound address.
    pub(crate) public_url: Option<&'static str>,
    /// KS version of instance 1 and of the simulated partner behind it.
    pub(crate) ks_version: kaltura::KsVersion,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            open_access: true,
            cors_origins: Vec::new(),
            max_file_bytes: 1 << 20,
            body_idle_timeout: std::time::Duration::from_secs(30),
            postgres: false,
            real_service: false,
            fromlocal_dir: None,
            admin_password: None,
            public_url: None,
            ks_version: kaltura::KsVersion::V2,
        }
    }
}

/// A running KTS.
pub(crate) struct TestApp {
    pub(crate) base_url: String,
    pub(crate) client: reqwest::Client,
    pub(crate) store: Store,
    pub(crate) upload_folder: PathBuf,
    /// The simulated Kaltura behind instance 1.
    pub(crate) sim: Option<SimulatorHandle>,
    _folder: tempfile::TempDir,
    postgres_db: Option<String>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// The PostgreSQL server of the tests: `KTS_TEST_POSTGRES_URL` (without a
/// database), by default the local server that trusts `postgres`.
fn postgres_server() -> String {
    std::env::var("KTS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres:root@127.0.0.1:5432".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// A database to connect to while creating and dropping test databases.
fn postgres_admin_url() -> String {
    format!("{}/test", postgres_server())
}

pub(crate) async fn spawn_app() -> TestApp {
    spawn_app_with(TestOptions::default()).await
}

pub(crate) async fn spawn_app_with(options: TestOptions) -> TestApp {
    let folder = tempfile::tempdir().unwrap();
    let upload_folder = folder.path().join("uploads");
    let (url, postgres_db) = if options.postgres {
        let name = create_postgres_database().await;
        (
            DatabaseUrl::Postgres(format!("{}/{name}", postgres_server())),
            Some(name),
        )
    } else {
        (DatabaseUrl::Sqlite(folder.path().join("kts.sqlite3")), None)
    };
    let mut settings = Settings::local(folder.path());
    settings.database.url = url;
    settings.database.max_connections = 4;
    settings.server.public_url = options.public_url.map(|url| url.parse().unwrap());
    settings.uploads.max_file_bytes = options.max_file_bytes;
    settings.uploads.body_idle_timeout = options.body_idle_timeout;
    settings.uploads.fromlocal_dir = options.fromlocal_dir.clone();
    settings.admin.credentials = options.admin_password.map(|password| AdminCredentials {
        user: ADMIN_USER.to_owned(),
        password: SecretString::from(password),
    });
    settings.access.open = options.open_access;
    settings.access.cors_origins = options
        .cors_origins
        .iter()
        .map(|o| o.parse().unwrap())
        .collect();
    let app = if options.real_service {
        App::build(settings).await.unwrap()
    } else {
        App::build_with_service(settings, probe_routes())
            .await
            .unwrap()
    };
    let base_url = format!("http://{}", app.address());
    let store = app.store().clone();
    let partner = Partner {
        ks_version: match options.ks_version {
            kaltura::KsVersion::V1 => kaltura_sim::KsVersion::V1,
            kaltura::KsVersion::V2 => kaltura_sim::KsVersion::V2,
        },
        ..Partner::demo()
    };
    let sim = Simulator::builder()
        .partner(partner.clone())
        .ready_delay(std::time::Duration::ZERO)
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
                .with(
                    "ks_version",
                    kts::store::ks_version_name(options.ks_version),
                ),
        })
        .await
        .unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    TestApp {
        base_url,
        client: reqwest::Client::new(),
        store,
        upload_folder,
        sim: Some(sim),
        _folder: folder,
        postgres_db,
        stop: Some(stop),
        server: Some(server),
    }
}

async fn create_postgres_database() -> String {
    sqlx::any::install_default_drivers();
    let name = format!(
        "kts_e2e_{}",
        kts::secret::random_token(6)
            .to_lowercase()
            .replace('-', "_")
    );
    let admin = sqlx::AnyPool::connect(&postgres_admin_url()).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    name
}

impl TestApp {
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
        if let Some(name) = self.postgres_db.take() {
            let admin = sqlx::AnyPool::connect(&postgres_admin_url()).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&admin)
            .await
            .unwrap();
            admin.close().await;
        }
    }
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
