//! Test helpers: a mock Kaltura endpoint with scripted answers.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// What the mock answers to the n-th call (0-based), given the path and the raw body.
pub type Script = Arc<dyn Fn(usize, &str, &[u8]) -> Response + Send + Sync>;

/// A local HTTP server on 127.0.0.1:0 answering with a script, counting calls.
pub struct MockServer {
    pub url: String,
    calls: Arc<AtomicUsize>,
    bodies: Arc<std::sync::Mutex<Vec<String>>>,
}

impl MockServer {
    pub async fn start(
        script: impl Fn(usize, &str, &[u8]) -> Response + Send + Sync + 'static,
    ) -> Self {
        let script: Script = Arc::new(script);
        let calls = Arc::new(AtomicUsize::new(0));
        let bodies = Arc::new(std::sync::Mutex::new(Vec::new()));
        let app = Router::new().fallback({
            let calls = calls.clone();
            let bodies = bodies.clone();
            move |uri: Uri, body: Bytes| {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                bodies
                    .lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&body).into_owned());
                let response = script(n, uri.path(), &body);
                async move { response }
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, calls, bodies }
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    pub fn body(&self, n: usize) -> String {
        self.bodies.lock().unwrap()[n].clone()
    }
}

pub fn json(body: &str) -> Response {
    ([("content-type", "application/json")], body.to_owned()).into_response()
}

pub fn status(code: u16) -> Response {
    StatusCode::from_u16(code).unwrap().into_response()
}

/// A client for the mock with fast retries.
pub fn mock_client(url: &str) -> kaltura::ClientBuilder {
    kaltura::Client::builder(url, 100)
        .admin_secret("5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e")
        .retry_policy(kaltura::RetryPolicy {
            max_attempts: 3,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(5),
        })
}

/// The demo partner of the simulator.
pub const PARTNER: i64 = 100;
pub const ADMIN_SECRET: &str = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e";
pub const USER_SECRET: &str = "0ddba11c0ddba11c0ddba11c0ddba11c";

/// Tests that measure the process's memory run alone: they hold this lock for writing, every other
/// simulator test for reading.
static EXCLUSIVE: std::sync::LazyLock<Arc<tokio::sync::RwLock<()>>> =
    std::sync::LazyLock::new(Arc::default);

/// The hold a test has on [`EXCLUSIVE`], released when the test's `TestSim` is dropped.
pub struct Hold {
    _shared: Option<tokio::sync::OwnedRwLockReadGuard<()>>,
    _alone: Option<tokio::sync::OwnedRwLockWriteGuard<()>>,
}

/// A running simulator and a client configured for its demo partner.
pub struct TestSim {
    pub sim: kaltura_sim::SimulatorHandle,
    pub client: kaltura::Client,
    _hold: Hold,
}

impl TestSim {
    /// A client builder for this simulator with fast, bounded retries.
    pub fn client_builder(&self) -> kaltura::ClientBuilder {
        kaltura::Client::builder(self.sim.base_url(), PARTNER)
            .admin_secret(ADMIN_SECRET)
            .user_secret(USER_SECRET)
            .user_id("admin")
            .chunk_size(256 * 1024)
            .retry_policy(kaltura::RetryPolicy {
                max_attempts: 4,
                base_delay: std::time::Duration::from_millis(5),
                max_delay: std::time::Duration::from_millis(50),
            })
    }

    /// Uploads `data` and creates a media entry of `media_type` from it.
    pub async fn entry_with(
        &self,
        name: &str,
        file_name: &str,
        data: Vec<u8>,
        media_type: kaltura::MediaType,
    ) -> kaltura::MediaEntry {
        let size = data.len() as u64;
        let token = self
            .client
            .upload()
            .file_name(file_name)
            .from_reader(std::io::Cursor::new(data), Some(size))
            .await
            .unwrap();
        let entry = kaltura::MediaEntry {
            name: Some(name.into()),
            media_type: Some(media_type),
            ..Default::default()
        };
        self.client
            .media()
            .add_from_uploaded_file(&entry, token.id.as_deref().unwrap())
            .await
            .unwrap()
    }
}

/// Starts a simulator with instant conversion and a client for it.
pub async fn spawn_sim() -> TestSim {
    let hold = Hold {
        _shared: Some(EXCLUSIVE.clone().read_owned().await),
        _alone: None,
    };
    start(hold).await
}

/// Like [`spawn_sim`], with no other simulator test running meanwhile (for memory measurements).
pub async fn spawn_sim_alone() -> TestSim {
    let hold = Hold {
        _shared: None,
        _alone: Some(EXCLUSIVE.clone().write_owned().await),
    };
    start(hold).await
}

async fn start(hold: Hold) -> TestSim {
    let sim = kaltura_sim::Simulator::builder()
        .ready_delay(std::time::Duration::ZERO)
        .spawn()
        .await
        .unwrap();
    let client = kaltura::Client::builder(sim.base_url(), PARTNER)
        .admin_secret(ADMIN_SECRET)
        .user_secret(USER_SECRET)
        .user_id("admin")
        .build()
        .unwrap();
    TestSim {
        sim,
        client,
        _hold: hold,
    }
}

/// A small valid-looking file body of `len` bytes with varied content.
pub fn sample_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}
