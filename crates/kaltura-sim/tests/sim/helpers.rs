//! `spawn()` and request helpers shared by the test modules.

use std::time::Duration;

use base64::Engine;
use kaltura_sim::{Partner, Simulator, SimulatorBuilder, SimulatorHandle};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

/// A simulator and the demo partner whose secrets tests start their own sessions with.
pub(crate) struct TestSim {
    pub(crate) handle: SimulatorHandle,
    pub(crate) http: reqwest::Client,
    pub(crate) partner: Partner,
}

/// A simulator with the demo partner and instant processing.
pub(crate) async fn spawn() -> TestSim {
    spawn_with(Simulator::builder().ready_delay(Duration::ZERO)).await
}

pub(crate) async fn spawn_with(builder: SimulatorBuilder) -> TestSim {
    let handle = builder.spawn().await.expect("simulator starts");
    TestSim {
        handle,
        http: reqwest::Client::new(),
        partner: Partner::demo(),
    }
}

impl TestSim {
    pub(crate) fn url(&self, service: &str, action: &str) -> String {
        format!(
            "{}/api_v3/service/{service}/action/{action}",
            self.handle.base_url()
        )
    }

    /// Calls an action with a JSON body in format 1 and returns the decoded JSON answer.
    pub(crate) async fn call(&self, service: &str, action: &str, mut params: Value) -> Value {
        params["format"] = json!("1");
        let response = self
            .http
            .post(self.url(service, action))
            .json(&params)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200);
        response.json().await.expect("JSON answer")
    }

    /// Like `call`, with a KS.
    pub(crate) async fn call_ks(
        &self,
        ks: &str,
        service: &str,
        action: &str,
        mut params: Value,
    ) -> Value {
        params["ks"] = json!(ks);
        self.call(service, action, params).await
    }

    pub(crate) async fn ks(
        &self,
        session_type: i64,
        user: &str,
        privileges: Option<&str>,
    ) -> String {
        let secret = if session_type == 2 {
            &self.partner.admin_secret
        } else {
            &self.partner.user_secret
        };
        let mut params = json!({"secret": secret, "partnerId": self.partner.id.to_string(),
            "type": session_type.to_string(), "userId": user});
        if let Some(p) = privileges {
            params["privileges"] = json!(p);
        }
        let ks = self.call("session", "start", params).await;
        ks.as_str().expect("KS string").to_owned()
    }

    pub(crate) async fn admin_ks(&self) -> String {
        self.ks(2, "admin", None).await
    }

    /// Uploads `bytes` through a new upload token in one part and returns the token id.
    pub(crate) async fn upload(&self, ks: &str, file_name: &str, bytes: &[u8]) -> String {
        let token = self
            .call_ks(
                ks,
                "uploadtoken",
                "add",
                json!({"uploadToken": {"objectType": "KalturaUploadToken"}}),
            )
            .await;
        let id = token["id"].as_str().expect("token id").to_owned();
        let answer = self
            .upload_part(ks, &id, file_name, bytes.to_vec(), &[])
            .await;
        assert_eq!(answer["status"], 2, "{answer}");
        id
    }

    /// One `uploadToken.upload` call as the Python client sends it: multipart, `json` field and `fileData`.
    pub(crate) async fn upload_part(
        &self,
        ks: &str,
        id: &str,
        file_name: &str,
        bytes: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> Value {
        let mut params = json!({"format": "1", "ks": ks, "uploadTokenId": id});
        for (k, v) in extra {
            params[*k] = json!(v);
        }
        let form = reqwest::multipart::Form::new()
            .text("json", params.to_string())
            .part(
                "fileData",
                reqwest::multipart::Part::bytes(bytes).file_name(format!("/home/me/{file_name}")),
            );
        let response = self
            .http
            .post(self.url("uploadtoken", "upload"))
            .multipart(form)
            .send()
            .await
            .expect("upload request");
        response.json().await.expect("JSON answer")
    }

    /// Polls `media.get` until the entry has `status` (bounded number of attempts, no timing asserted).
    pub(crate) async fn wait_status(&self, ks: &str, entry_id: &str, status: i64) -> Value {
        let mut last = Value::Null;
        for _ in 0..200 {
            last = self
                .call_ks(ks, "media", "get", json!({"entryId": entry_id}))
                .await;
            if last["status"] == status {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("entry {entry_id} never reached status {status}: {last}");
    }
}

/// Builds a KS v1 locally (as a client would), signed with `secret`.
pub(crate) fn ks_v1(
    partner_id: i64,
    secret: &str,
    expiry: i64,
    session_type: i64,
    user: &str,
) -> String {
    let fields = format!("{partner_id};{partner_id};{expiry};{session_type};1234;{user};");
    let mut h = Sha1::new();
    h.update(secret.as_bytes());
    h.update(fields.as_bytes());
    let sig = hex::encode(h.finalize());
    base64::engine::general_purpose::STANDARD.encode(format!("{sig}|{fields}"))
}

pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The error code of a failed call.
pub(crate) fn code(answer: &Value) -> &str {
    answer["code"]
        .as_str()
        .unwrap_or_else(|| panic!("expected an error, got {answer}"))
}
