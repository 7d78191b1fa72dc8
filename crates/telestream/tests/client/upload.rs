//! Uploads: one multipart request, and upload sessions with parallel parts, part retries, resending what
//! the server still misses, and progress.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};

use axum::response::Response;
use serde_json::json;
use telestream::Error;

use crate::helpers::{MockServer, Seen, empty, json, sha256_hex, signature_is_valid};

const PART_SIZE: usize = 64 * 1024;

/// A file of `len` bytes that no two parts share.
fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + i / 4096) as u8).collect()
}

/// An upload-session server: parts land in a map; `fail(part, attempt)` says which attempts of a part
/// answer 503 (attempts count from 1).
struct SessionServer {
    server: MockServer,
    parts: Arc<Mutex<BTreeMap<u64, Vec<u8>>>>,
}

impl SessionServer {
    async fn start(size: usize, fail: impl Fn(u64, usize) -> bool + Send + Sync + 'static) -> Self {
        let location: Arc<OnceLock<String>> = Arc::default();
        let parts: Arc<Mutex<BTreeMap<u64, Vec<u8>>>> = Arc::default();
        let attempts: Arc<Mutex<BTreeMap<u64, usize>>> = Arc::default();
        let count = size.div_ceil(PART_SIZE) as u64;
        let script = {
            let location = location.clone();
            let parts = parts.clone();
            move |_: usize, seen: &Seen| -> Response {
                match (seen.method.as_str(), seen.path.as_str()) {
                    (_, path) if path.ends_with("/videos/upload.json") => json(
                        201,
                        json!({"id": "s1", "location": location.get().unwrap(),
                               "parts": count.to_string(), "part_size": PART_SIZE.to_string(),
                               "max_connections": "3"}),
                    ),
                    ("GET", "/upload/session") => {
                        let held = parts.lock().unwrap();
                        let missing: Vec<u64> =
                            (0..count).filter(|i| !held.contains_key(i)).collect();
                        json(200, json!({"missing_parts": missing}))
                    }
                    ("PUT", "/upload/session") => {
                        let index: u64 = seen.header("x-part").unwrap().parse().unwrap();
                        let attempt = {
                            let mut attempts = attempts.lock().unwrap();
                            let n = attempts.entry(index).or_default();
                            *n += 1;
                            *n
                        };
                        if fail(index, attempt) {
                            return empty(503);
                        }
                        let mut held = parts.lock().unwrap();
                        held.insert(index, seen.body.clone());
                        if held.len() as u64 == count {
                            json(
                                200,
                                json!({"id": "v1", "status": "processing",
                                             "file_size": size, "original_filename": "movie.mp4"}),
                            )
                        } else {
                            empty(200)
                        }
                    }
                    _ => empty(404),
                }
            }
        };
        let server = MockServer::start(script).await;
        location
            .set(format!("{}/upload/session?id=s1", server.url))
            .unwrap();
        Self { server, parts }
    }

    fn assembled(&self) -> Vec<u8> {
        self.parts
            .lock()
            .unwrap()
            .values()
            .flatten()
            .copied()
            .collect()
    }
}

fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".mp4").tempfile().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    file
}

#[tokio::test]
async fn a_session_upload_sends_every_part_once_retrying_a_failed_one_and_reports_progress() {
    let bytes = data(17 * PART_SIZE + 123);
    let session =
        SessionServer::start(bytes.len(), |part, attempt| part == 3 && attempt == 1).await;
    let file = file_with(&bytes);
    let client = session
        .server
        .signed_client()
        .parallel_parts(8)
        .build()
        .unwrap();
    let progress = Arc::new(Mutex::new(Vec::new()));

    let video = client
        .upload()
        .profiles(["h264"])
        .on_progress({
            let progress = progress.clone();
            move |p| progress.lock().unwrap().push((p.sent_bytes, p.total_bytes))
        })
        .from_path(file.path())
        .await
        .unwrap();

    assert_eq!(video.id.as_deref(), Some("v1"));
    assert_eq!(sha256_hex(&session.assembled()), sha256_hex(&bytes));
    let progress = progress.lock().unwrap();
    assert_eq!(progress.len(), 18);
    assert!(progress.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(
        progress.last(),
        Some(&(bytes.len() as u64, bytes.len() as u64))
    );
    let seen = session.server.seen();
    let create = &seen[0];
    assert_eq!(create.param("file_size"), Some(bytes.len().to_string()));
    assert_eq!(create.param("multi_chunk").as_deref(), Some("true"));
    assert_eq!(create.param("profiles").as_deref(), Some("h264"));
    assert!(create.param("file_name").unwrap().ends_with(".mp4"));
    assert!(!create.param("file_name").unwrap().contains('/'));
    assert!(signature_is_valid(create, "127.0.0.1"));
    let puts: Vec<&Seen> = seen.iter().filter(|s| s.method == "PUT").collect();
    assert_eq!(puts.len(), 19, "18 parts and one retry");
    for put in seen.iter().filter(|s| s.path == "/upload/session") {
        assert_eq!(
            put.param("access_key"),
            None,
            "the location is never signed"
        );
        assert_eq!(put.param("signature"), None);
        assert_eq!(put.header("x-api-key"), None);
    }
    let indices: BTreeSet<_> = puts.iter().map(|p| p.header("x-part").unwrap()).collect();
    assert_eq!(indices.len(), 18);
}

#[tokio::test]
async fn a_part_that_fails_past_its_retries_is_sent_again_from_the_servers_list() {
    let bytes = data(5 * PART_SIZE);
    // The client tries each part 3 times; part 2 fails all three, then succeeds in the next round.
    let session =
        SessionServer::start(bytes.len(), |part, attempt| part == 2 && attempt <= 3).await;
    let file = file_with(&bytes);
    let client = session.server.flip_client().build().unwrap();

    let video = client.upload().from_path(file.path()).await.unwrap();

    assert_eq!(video.id.as_deref(), Some("v1"));
    assert_eq!(sha256_hex(&session.assembled()), sha256_hex(&bytes));
    let status_reads = session
        .server
        .seen()
        .iter()
        .filter(|s| s.method == "GET" && s.path == "/upload/session")
        .count();
    assert_eq!(
        status_reads, 3,
        "before, after the first round, after the resend"
    );
}

#[tokio::test]
async fn a_session_upload_from_a_reader_arrives_whole() {
    let bytes = data(4 * PART_SIZE + 1);
    let session =
        SessionServer::start(bytes.len(), |part, attempt| part == 1 && attempt == 1).await;
    let client = session.server.signed_client().build().unwrap();

    let video = client
        .upload()
        .from_reader(
            std::io::Cursor::new(bytes.clone()),
            bytes.len() as u64,
            "movie.mp4",
        )
        .await
        .unwrap();

    assert_eq!(video.id.as_deref(), Some("v1"));
    assert_eq!(sha256_hex(&session.assembled()), sha256_hex(&bytes));
    assert_eq!(
        session.server.seen()[0].param("file_name").as_deref(),
        Some("movie.mp4")
    );
}

#[tokio::test]
async fn a_reader_cannot_resend_a_lost_part_so_the_upload_names_what_is_missing() {
    let bytes = data(3 * PART_SIZE);
    let session = SessionServer::start(bytes.len(), |part, _| part == 1).await;
    let client = session.server.signed_client().build().unwrap();

    let error = client
        .upload()
        .from_reader(
            std::io::Cursor::new(bytes.clone()),
            bytes.len() as u64,
            "movie.mp4",
        )
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::UploadIncomplete { missing } if missing == &[1]),
        "{error:?}"
    );
    let last = session.server.seen().pop().unwrap();
    assert_eq!(
        (last.method.as_str(), last.path.as_str()),
        ("DELETE", "/upload/session"),
        "a failed upload gives its session up"
    );
}

#[tokio::test]
async fn a_small_file_goes_in_one_signed_multipart_request() {
    let bytes = data(3000);
    let server =
        MockServer::start(|_, _| json(200, json!({"id": "v9", "status": "processing"}))).await;
    let file = file_with(&bytes);
    let client = server.signed_client().build().unwrap();

    let video = client
        .upload()
        .payload("order 42")
        .small_from_path(file.path())
        .await
        .unwrap();

    assert_eq!(video.id.as_deref(), Some("v9"));
    let seen = &server.seen()[0];
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("POST", "/v3.0/videos.json")
    );
    assert!(
        seen.header("content-type")
            .unwrap()
            .starts_with("multipart/form-data")
    );
    assert_eq!(seen.param("payload").as_deref(), Some("order 42"));
    assert!(
        signature_is_valid(seen, "127.0.0.1"),
        "the file part is not signed"
    );
    let body = &seen.body;
    assert!(String::from_utf8_lossy(body).contains("name=\"file\""));
    assert!(body.windows(bytes.len()).any(|w| w == bytes.as_slice()));
}

#[tokio::test]
async fn parts_travel_in_parallel_but_never_more_than_the_session_allows() {
    use axum::Router;
    use axum::extract::State;
    use axum::http::{HeaderMap, Method};
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Clone, Default)]
    struct Counts {
        in_flight: Arc<AtomicUsize>,
        most: Arc<AtomicUsize>,
        parts: Arc<Mutex<BTreeSet<u64>>>,
        location: Arc<OnceLock<String>>,
    }
    const PARTS: u64 = 12;
    async fn session(State(counts): State<Counts>) -> Response {
        json(
            201,
            json!({"id": "s", "location": counts.location.get().unwrap(), "parts": PARTS.to_string(),
                   "part_size": PART_SIZE.to_string(), "max_connections": "3"}),
        )
    }
    async fn location(
        State(counts): State<Counts>,
        method: Method,
        headers: HeaderMap,
    ) -> Response {
        if method == Method::GET {
            let held = counts.parts.lock().unwrap().clone();
            let missing: Vec<u64> = (0..PARTS).filter(|i| !held.contains(i)).collect();
            return json(200, json!({"missing_parts": missing}));
        }
        let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        counts.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        counts.in_flight.fetch_sub(1, Ordering::SeqCst);
        let index: u64 = headers["x-part"].to_str().unwrap().parse().unwrap();
        let done = {
            let mut held = counts.parts.lock().unwrap();
            held.insert(index);
            held.len() as u64 == PARTS
        };
        if done {
            json(200, json!({"id": "v1", "status": "processing"}))
        } else {
            empty(200)
        }
    }
    let counts = Counts::default();
    let app = Router::new()
        .route("/v3.0/videos/upload.json", axum::routing::post(session))
        .route("/upload", axum::routing::get(location).put(location))
        .with_state(counts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    counts.location.set(format!("{url}/upload?id=s")).unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let bytes = data(PARTS as usize * PART_SIZE);
    let file = file_with(&bytes);
    let client = telestream::Client::builder()
        .signed(crate::helpers::ACCESS_KEY, crate::helpers::SECRET_KEY)
        .base_url(format!("{url}/v3.0"))
        .parallel_parts(16)
        .build()
        .unwrap();

    let video = client.upload().from_path(file.path()).await.unwrap();

    assert_eq!(video.id.as_deref(), Some("v1"));
    let most = counts.most.load(Ordering::SeqCst);
    assert!((2..=3).contains(&most), "{most} parts at once");
}
