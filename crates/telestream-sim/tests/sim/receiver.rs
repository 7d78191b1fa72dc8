//! A tiny server on 127.0.0.1:0 standing in for the outside world: it serves files for `source_url`
//! imports and receives notifications, refusing the first ones when told to.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};

use crate::helpers::fixture_bytes;

#[derive(Default)]
struct Shared {
    /// Every notification received, as its form fields, refused ones included.
    received: Vec<Vec<(String, String)>>,
    /// How many more notifications to answer 500.
    refuse: usize,
}

/// The running receiver.
pub(crate) struct Receiver {
    pub(crate) base_url: String,
    shared: Arc<Mutex<Shared>>,
}

/// Starts a receiver that answers the first `refuse` notifications with 500.
pub(crate) async fn start(refuse: usize) -> Receiver {
    let shared = Arc::new(Mutex::new(Shared {
        received: Vec::new(),
        refuse,
    }));
    let app = Router::new()
        .route("/clip.mp4", get(|| async { fixture_bytes("sample.mp4") }))
        .route("/notes.txt", get(|| async { "not a video" }))
        .route("/hook", post(hook))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("the test setup works");
    let base_url = format!(
        "http://{}",
        listener.local_addr().expect("the test setup works")
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver { base_url, shared }
}

async fn hook(State(shared): State<Arc<Mutex<Shared>>>, body: Bytes) -> StatusCode {
    let fields = url::form_urlencoded::parse(&body).into_owned().collect();
    let mut shared = shared.lock().expect("the test setup works");
    shared.received.push(fields);
    if shared.refuse > 0 {
        shared.refuse -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

impl Receiver {
    pub(crate) fn hook_url(&self) -> String {
        format!("{}/hook", self.base_url)
    }

    /// Every notification received so far.
    pub(crate) fn received(&self) -> Vec<Vec<(String, String)>> {
        self.shared
            .lock()
            .expect("the test setup works")
            .received
            .clone()
    }

    /// Waits up to 10 s until `done` holds for what was received, and returns it.
    pub(crate) async fn wait_for(
        &self,
        done: impl Fn(&[Vec<(String, String)>]) -> bool,
    ) -> Vec<Vec<(String, String)>> {
        for _ in 0..200 {
            let received = self.received();
            if done(&received) {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("not received in time: {:?}", self.received());
    }
}

/// The value of `key` in one notification.
pub(crate) fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The notifications of one event.
pub(crate) fn of_event<'a>(
    all: &'a [Vec<(String, String)>],
    event: &str,
) -> Vec<&'a Vec<(String, String)>> {
    all.iter()
        .filter(|f| field(f, "event") == Some(event))
        .collect()
}
