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
