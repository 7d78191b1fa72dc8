//! A running simulator with an ADMIN session, and the calls the asset tests make: api_v3 calls in JSON,
//! uploads of the shared fixtures, raw GETs of URL services.

// These helpers fail the test the same way the tests do: by panicking.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;

use kaltura_sim::{Partner, Simulator, SimulatorHandle};
use serde_json::{Value, json};

/// A simulator with an ADMIN session whose KS every call carries; its HTTP client does not follow redirects, so
/// the URL services' redirects can be checked.
pub(crate) struct AdminSim {
    pub(crate) handle: SimulatorHandle,
    pub(crate) http: reqwest::Client,
    pub(crate) ks: String,
}

pub(crate) fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(relative)
}

impl AdminSim {
    pub(crate) async fn start() -> Self {
        let handle = Simulator::builder()
            .ready_delay(Duration::ZERO)
            .spawn()
            .await
            .unwrap();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut sim = Self {
            handle,
            http,
            ks: String::new(),
        };
        let partner = Partner::demo();
        let ks = sim
            .call(
                "session",
                "start",
                json!({"secret": partner.admin_secret, "partnerId": partner.id, "type": 2}),
            )
            .await;
        sim.ks = ks.as_str().expect("a KS").to_owned();
        sim
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.handle.base_url(), path)
    }

    /// An api_v3 call with the session's KS, answered in JSON; returns the result or the error object.
    pub(crate) async fn call(&self, service: &str, action: &str, mut params: Value) -> Value {
        params["format"] = json!(1);
        if !self.ks.is_empty() && params.get("ks").is_none() {
            params["ks"] = json!(self.ks);
        }
        let url = self.url(&format!("/api_v3/service/{service}/action/{action}"));
        self.http
            .post(url)
            .json(&params)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A call with one file part named `file_field` and text fields.
    pub(crate) async fn call_with_file(
        &self,
        service: &str,
        action: &str,
        fields: &[(&str, &str)],
        file_field: &str,
        file: &str,
    ) -> Value {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let name = file.rsplit('/').next().unwrap().to_owned();
        let mut form = reqwest::multipart::Form::new()
            .text("ks", self.ks.clone())
            .text("format", "1")
            .part(
                file_field.to_owned(),
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        for (k, v) in fields {
            form = form.text((*k).to_owned(), (*v).to_owned());
        }
        let url = self.url(&format!("/api_v3/service/{service}/action/{action}"));
        self.http
            .post(url)
            .multipart(form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Uploads a fixture through an upload token into a new entry and waits until it is READY.
    pub(crate) async fn ready_entry(&self, file: &str, media_type: i64) -> Value {
        let name = file.rsplit('/').next().unwrap();
        let token = self
            .call(
                "uploadToken",
                "add",
                json!({"uploadToken": {"fileName": name}}),
            )
            .await;
        let token_id = token["id"].as_str().expect("token id").to_owned();
        let uploaded = self
            .call_with_file(
                "uploadToken",
                "upload",
                &[("uploadTokenId", &token_id)],
                "fileData",
                file,
            )
            .await;
        assert_eq!(uploaded["status"], json!(2), "{uploaded}");
        let entry = self
            .call(
                "media",
                "add",
                json!({"entry": {"objectType": "KalturaMediaEntry", "name": name, "mediaType": media_type}}),
            )
            .await;
        let entry_id = entry["id"].as_str().expect("entry id").to_owned();
        let resource = json!({"objectType": "KalturaUploadedFileTokenResource", "token": token_id});
        let added = self
            .call(
                "media",
                "addContent",
                json!({"entryId": entry_id, "resource": resource}),
            )
            .await;
        assert!(added.get("code").is_none(), "{added}");
        self.wait_ready(&entry_id).await
    }

    /// Polls `media.get` until the entry is READY (bounded number of polls, no time assertion).
    pub(crate) async fn wait_ready(&self, entry_id: &str) -> Value {
        for _ in 0..500 {
            let entry = self
                .call("media", "get", json!({"entryId": entry_id}))
                .await;
            if entry["status"] == json!(2) || entry["status"] == json!("2") {
                return entry;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("entry {entry_id} never became READY");
    }

    pub(crate) async fn get(&self, path_or_url: &str) -> reqwest::Response {
        let url = if path_or_url.starts_with("http") {
            path_or_url.to_owned()
        } else {
            self.url(path_or_url)
        };
        self.http.get(url).send().await.unwrap()
    }
}

/// Decodes an image answer.
pub(crate) async fn image_of(response: reqwest::Response) -> image::DynamicImage {
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    image::load_from_memory(&bytes).unwrap()
}
