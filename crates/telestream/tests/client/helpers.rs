//! Test helpers: a mock Telestream endpoint on 127.0.0.1:0 with scripted answers, recording each request,
//! and an independent check of v3.0 signatures.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

pub const ACCESS_KEY: &str = "ak_test_0123456789";
pub const SECRET_KEY: &str = "sk_test_abcdefghijklmnopqrstuvwxyz";
pub const API_KEY: &str = "tcs_0123456789abcdefghijklmn";
pub const FACTORY: &str = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";

/// One request as the mock saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// The raw query string.
    pub query: String,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

impl Seen {
    /// The decoded query parameters, in order.
    pub fn params(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }

    pub fn param(&self, name: &str) -> Option<String> {
        self.params()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

type Script = Arc<dyn Fn(usize, &Seen) -> Response + Send + Sync>;

/// A local HTTP server answering with a script; `n` counts calls from 0.
pub struct MockServer {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl MockServer {
    pub async fn start(script: impl Fn(usize, &Seen) -> Response + Send + Sync + 'static) -> Self {
        let script: Script = Arc::new(script);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new().fallback({
            let seen = seen.clone();
            move |request: Request<Body>| {
                let seen = seen.clone();
                let script = script.clone();
                async move {
                    let (parts, body) = request.into_parts();
                    let body = to_bytes(body, 64 * 1024 * 1024).await.unwrap().to_vec();
                    let record = Seen {
                        method: parts.method.to_string(),
                        path: parts.uri.path().to_owned(),
                        query: parts.uri.query().unwrap_or_default().to_owned(),
                        headers: parts
                            .headers
                            .iter()
                            .map(|(k, v)| {
                                (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())
                            })
                            .collect(),
                        body,
                    };
                    let n = {
                        let mut seen = seen.lock().unwrap();
                        seen.push(record.clone());
                        seen.len() - 1
                    };
                    script(n, &record)
                }
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn calls(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// A v3.0 client for this server with fast retries.
    pub fn signed_client(&self) -> telestream::ClientBuilder {
        fast(
            telestream::Client::builder()
                .signed(ACCESS_KEY, SECRET_KEY)
                .base_url(format!("{}/v3.0", self.url)),
        )
    }

    /// A Flip 3.1 client for this server with fast retries.
    pub fn flip_client(&self) -> telestream::ClientBuilder {
        fast(
            telestream::Client::builder()
                .api_key(API_KEY)
                .base_url(format!("{}/flip/3.1", self.url)),
        )
    }
}

fn fast(builder: telestream::ClientBuilder) -> telestream::ClientBuilder {
    builder
        .factory_id(FACTORY)
        .request_timeout(Duration::from_secs(5))
        .retry_policy(telestream::RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        })
}

pub fn json(status: u16, body: serde_json::Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub fn empty(status: u16) -> Response {
    StatusCode::from_u16(status).unwrap().into_response()
}

/// Checks a v3.0 request's signature the way a server does (telestream-cloud.md 2.4): the query's
/// parameters without `signature`, re-escaped and sorted, signed over `METHOD\nhost\npath\n…` with the
/// path minus the `/v3.0` prefix. Written apart from the client's code, so each checks the other.
pub fn signature_is_valid(seen: &Seen, host: &str) -> bool {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let escape = |s: &str| percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string();
    let mut params = seen.params();
    let Some(position) = params.iter().position(|(k, _)| k == "signature") else {
        return false;
    };
    let (_, given) = params.remove(position);
    params.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = params
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&");
    let path = seen.path.strip_prefix("/v3.0").unwrap_or(&seen.path);
    let message = format!("{}\n{host}\n{path}\n{canonical}", seen.method);
    given == hmac_sha256_base64(SECRET_KEY.as_bytes(), message.as_bytes())
}

fn hmac_sha256_base64(key: &[u8], message: &[u8]) -> String {
    let mut block = [0u8; 64];
    block[..key.len()].copy_from_slice(key);
    let inner = Sha256::new()
        .chain_update(block.map(|b| b ^ 0x36))
        .chain_update(message)
        .finalize();
    let outer = Sha256::new()
        .chain_update(block.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize();
    base64::engine::general_purpose::STANDARD.encode(outer)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
