//! `spawn()`, a request signer of its own (telestream-cloud.md 2.1) and request helpers shared by the test
//! modules.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::{Method, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};
use telestream_sim::{Account, DEMO_FACTORY_ID, Simulator, SimulatorBuilder, SimulatorHandle};

pub(crate) const FACTORY: &str = DEMO_FACTORY_ID;

/// A running simulator, an HTTP client and the demo account.
pub(crate) struct TestSim {
    pub(crate) handle: SimulatorHandle,
    pub(crate) http: reqwest::Client,
    pub(crate) account: Account,
}

/// A simulator with the demo account and instant encodings.
pub(crate) async fn spawn() -> TestSim {
    spawn_with(Simulator::builder().encoding_delay(Duration::ZERO)).await
}

pub(crate) async fn spawn_with(builder: SimulatorBuilder) -> TestSim {
    TestSim {
        handle: builder.spawn().await.expect("simulator starts"),
        http: reqwest::Client::new(),
        account: Account::demo(),
    }
}

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    block[..key.len()].copy_from_slice(key);
    let inner: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    let outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    let inner_hash = Sha256::new()
        .chain_update(inner)
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(outer)
        .chain_update(inner_hash)
        .finalize()
        .to_vec()
}

/// ISO 8601 UTC of `seconds` since the epoch, as the Ruby gem writes it.
pub(crate) fn iso8601(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).expect("a day count of this era");
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let s = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000000Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

pub(crate) fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs()
}

/// `params` plus `access_key`, `factory_id`, `timestamp` and their `signature`, as the Python SDK sends
/// them (all in the query string).
pub(crate) fn signed(
    account: &Account,
    method: &Method,
    path: &str,
    params: &[(&str, &str)],
    timestamp: &str,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    all.push(("access_key".to_owned(), account.access_key.clone()));
    all.push(("timestamp".to_owned(), timestamp.to_owned()));
    if !path.starts_with("/factories") {
        all.push(("factory_id".to_owned(), FACTORY.to_owned()));
    }
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let query: Vec<String> = sorted
        .iter()
        .map(|(k, v)| {
            // `name[sub]` keys keep their brackets literal (2.1 step 5).
            let key = match k.split_once('[') {
                Some((outer, sub)) if sub.ends_with(']') => format!(
                    "{outer}[{}]",
                    utf8_percent_encode(&sub[..sub.len() - 1], UNRESERVED)
                ),
                _ => utf8_percent_encode(k, UNRESERVED).to_string(),
            };
            format!("{key}={}", utf8_percent_encode(v, UNRESERVED))
        })
        .collect();
    let text = format!(
        "{}\n127.0.0.1\n{path}\n{}",
        method.as_str(),
        query.join("&")
    );
    let mac = hmac_sha256(account.secret_key.as_bytes(), text.as_bytes());
    all.push((
        "signature".to_owned(),
        base64::engine::general_purpose::STANDARD.encode(mac),
    ));
    all
}

impl TestSim {
    /// A signed v3.0 request builder for `path` (e.g. `/videos.json`), signed now.
    pub(crate) fn v3(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, &str)],
    ) -> reqwest::RequestBuilder {
        let query = signed(
            &self.account,
            &method,
            path,
            params,
            &iso8601(now_seconds()),
        );
        let url = format!("{}/v3.0{path}", self.handle.base_url());
        self.http.request(method, url).query(&query)
    }

    /// A Flip 3.1 request builder with the API key and the demo factory in the query.
    pub(crate) fn flip(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let url = format!("{}/flip/3.1{path}", self.handle.base_url());
        self.http
            .request(method, url)
            .header("X-Api-Key", &self.account.api_key)
            .query(&[("factory_id", FACTORY)])
    }

    /// Uploads a fixture with a signed multipart `POST /videos.json` and returns the video JSON.
    pub(crate) async fn upload(&self, fixture: &str, params: &[(&str, &str)]) -> Value {
        let response = self
            .upload_bytes(fixture, fixture_bytes(fixture), params)
            .await;
        assert_eq!(response.status(), 200, "upload of {fixture}");
        response.json().await.expect("a JSON video")
    }

    pub(crate) async fn upload_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
        params: &[(&str, &str)],
    ) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.v3(Method::POST, "/videos.json", params)
            .multipart(form)
            .send()
            .await
            .expect("the simulator answers")
    }

    /// A signed v3.0 call answering JSON: status and body.
    pub(crate) async fn v3_json(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, &str)],
    ) -> (u16, Value) {
        let response = self
            .v3(method, path, params)
            .send()
            .await
            .expect("the simulator answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

pub(crate) fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/media/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
