//! `ClientBuilder` and `Client`: one factory's configuration, one HTTP connection pool, the two ways to
//! authenticate, and the send/retry loop every call goes through.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_retry::{InvalidSetting, Timeouts};
use serde_json::{Map, Value};
use tracing::Instrument as _;

use crate::error::{Error, Result};
use crate::retry::{RetryPolicy, Safety};
use crate::signing;

/// Base URL of the signed v3.0 API (telestream-cloud.md 1).
pub const DEFAULT_V3_BASE_URL: &str = "https://api.cloud.telestream.net/v3.0";
/// Base URL of the Flip 3.1 API (telestream-cloud.md 1).
pub const DEFAULT_FLIP_BASE_URL: &str = "https://api.cloud.telestream.net/flip/3.1";
/// Default size of the reads that feed a streamed request body.
const DEFAULT_CHUNK_SIZE: usize = 256 * 1024;
/// Accepted chunk sizes.
const CHUNK_SIZES: std::ops::RangeInclusive<usize> = 4 * 1024..=16 * 1024 * 1024;
/// Default number of upload parts in flight.
const DEFAULT_PARALLEL_PARTS: usize = 4;
/// Default cap on a response body.
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// A credential kept out of `Debug` output.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How the client proves who it is; the choice also picks the API generation.
#[derive(Debug, Clone)]
enum Auth {
    /// v3.0: every request carries `access_key`, `timestamp` and an HMAC-SHA256 `signature` (2.1).
    Signed {
        access_key: String,
        secret_key: Secret,
    },
    /// Flip 3.1: header `X-Api-Key` (2.6).
    ApiKey(Secret),
}

/// Which API generation a client speaks (telestream-cloud.md 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiGeneration {
    /// Telestream Cloud v3.0: signed parameters in the query string, bare JSON arrays for lists.
    V3,
    /// Flip 3.1: `X-Api-Key`, JSON bodies, lists wrapped with `page`, `per_page` and `total`.
    Flip,
}

/// Configures a [`Client`] for one Telestream Cloud account and factory.
///
/// Credentials are required: [`signed`](Self::signed) (v3.0) or [`api_key`](Self::api_key) (Flip 3.1).
/// Everything else has a documented default.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    auth: Option<Auth>,
    base_url: Option<String>,
    factory_id: Option<String>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    chunk_size: usize,
    parallel_parts: usize,
    user_agent: String,
    max_response_bytes: usize,
    compression: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// Starts a configuration without credentials.
    pub fn new() -> Self {
        Self {
            auth: None,
            base_url: None,
            factory_id: None,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            chunk_size: DEFAULT_CHUNK_SIZE,
            parallel_parts: DEFAULT_PARALLEL_PARTS,
            user_agent: format!("telestream-rs/{}", env!("CARGO_PKG_VERSION")),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            compression: true,
        }
    }

    /// Speak the v3.0 API, signing every request with the account's access and secret keys (2.1).
    /// Replaces an API key given before.
    pub fn signed(mut self, access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        self.auth = Some(Auth::Signed {
            access_key: access_key.into(),
            secret_key: Secret(secret_key.into()),
        });
        self
    }

    /// Speak the Flip 3.1 API with an `X-Api-Key` (2.6). Replaces signing keys given before.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.auth = Some(Auth::ApiKey(Secret(key.into())));
        self
    }

    /// The API's base URL, version prefix included, e.g. `http://127.0.0.1:4100/v3.0`. Default
    /// [`DEFAULT_V3_BASE_URL`] with signing keys, [`DEFAULT_FLIP_BASE_URL`] with an API key.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The factory that factory-scoped calls (videos, encodings, profiles, uploads) work on. No default:
    /// without it those calls carry no `factory_id`, which only account-level calls (factories) accept.
    pub fn factory_id(mut self, id: impl Into<String>) -> Self {
        self.factory_id = Some(id.into());
        self
    }

    /// Time allowed to open a connection. Default 10 s; zero is refused.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    /// Time allowed for one whole request, answer included (each retry gets its own). Default 60 s; zero
    /// is refused.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.request = timeout;
        self
    }

    /// Time allowed for one request carrying a file or an upload part, answer included. Default 5 min.
    pub fn upload_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.upload = timeout;
        self
    }

    /// Retry policy for failures that are safe to retry (see [`RetryPolicy`]). Default: 4 attempts, 200 ms
    /// doubling to 5 s, full jitter; 0 attempts is refused.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Size of each read from an upload source, 4 KiB to 16 MiB. Default 256 KiB. A streamed file body
    /// holds about one chunk in memory; upload-session parts have the size the server chooses.
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = bytes;
        self
    }

    /// Upload-session parts sent at the same time, 1 to 16, and never more than the session's
    /// `max_connections`. Default 4. Memory use is about `part_size × (parallel_parts + 1)`.
    pub fn parallel_parts(mut self, count: usize) -> Self {
        self.parallel_parts = count;
        self
    }

    /// `User-Agent` of every request. Default `telestream-rs/<version>`.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Largest response body accepted. Default 16 MiB.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Whether to ask the server for gzip-compressed answers (and inflate
    /// them). Default on: it saves time across a network; on loopback, or a
    /// fast local network, compressing and inflating costs more than the
    /// bytes it saves.
    pub fn compression(mut self, enabled: bool) -> Self {
        self.compression = enabled;
        self
    }

    /// Validates the configuration and builds the client. Fails with [`Error::Config`] naming the setting.
    pub fn build(self) -> Result<Client> {
        let config = |setting: &'static str, reason: &str| Error::Config {
            setting,
            reason: reason.into(),
        };
        let Some(auth) = self.auth.clone() else {
            return Err(config(
                "credentials",
                "give signing keys (v3.0) or an API key (Flip 3.1)",
            ));
        };
        let empty = match &auth {
            Auth::Signed {
                access_key,
                secret_key,
            } => access_key.is_empty() || secret_key.0.is_empty(),
            Auth::ApiKey(key) => key.0.is_empty(),
        };
        if empty {
            return Err(config("credentials", "must not be empty"));
        }
        let generation = match auth {
            Auth::Signed { .. } => ApiGeneration::V3,
            Auth::ApiKey(_) => ApiGeneration::Flip,
        };
        let base = self.base_url.clone().unwrap_or_else(|| {
            match generation {
                ApiGeneration::V3 => DEFAULT_V3_BASE_URL,
                ApiGeneration::Flip => DEFAULT_FLIP_BASE_URL,
            }
            .to_owned()
        });
        let url = url::Url::parse(&base).map_err(|e| Error::Config {
            setting: "base_url",
            reason: e.to_string(),
        })?;
        let Some(host) = url
            .host_str()
            .filter(|_| matches!(url.scheme(), "http" | "https"))
        else {
            return Err(config(
                "base_url",
                "must be an http or https URL with a host",
            ));
        };
        // The signature covers the host name alone, lower-case and without port (2.1 step 6).
        let host = host.to_ascii_lowercase();
        if self.factory_id.as_deref() == Some("") {
            return Err(config("factory_id", "must not be empty"));
        }
        if !CHUNK_SIZES.contains(&self.chunk_size) {
            return Err(config("chunk_size", "must be between 4 KiB and 16 MiB"));
        }
        if !(1..=16).contains(&self.parallel_parts) {
            return Err(config("parallel_parts", "must be 1 to 16"));
        }
        self.retry.check().map_err(invalid_setting)?;
        self.timeouts.check().map_err(invalid_setting)?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.timeouts.connect)
            .user_agent(self.user_agent.clone())
            .gzip(self.compression)
            .build()
            .map_err(|e| Error::Config {
                setting: "http client",
                reason: e.to_string(),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base: base.trim_end_matches('/').to_owned(),
                host,
                auth,
                generation,
                config: self,
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    base: String,
    host: String,
    auth: Auth,
    generation: ApiGeneration,
    config: ClientBuilder,
}

/// A Telestream Cloud client for one account and factory. Cheap to clone (one shared connection pool);
/// use it from many tasks at once.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// Whether a call works inside the configured factory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Account-level (`/factories…`): no `factory_id`.
    Account,
    /// Everything else: carries `factory_id` when one is configured.
    Factory,
}

/// One API call, ready to be signed and sent (again, on a retry).
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: reqwest::Method,
    /// Resource path below the base URL, e.g. `/videos/ID.json`.
    pub(crate) path: String,
    pub(crate) params: Map<String, Value>,
    pub(crate) scope: Scope,
    pub(crate) safety: Safety,
}

impl Call {
    /// A call without parameters; `safety` follows from the method (only GET is idempotent).
    pub(crate) fn new(method: reqwest::Method, path: impl Into<String>) -> Self {
        let safety = if method == reqwest::Method::GET {
            Safety::Idempotent
        } else {
            Safety::Unsafe
        };
        Self {
            method,
            path: path.into(),
            params: Map::new(),
            scope: Scope::Factory,
            safety,
        }
    }

    /// Adds the fields of `params` (a JSON object); `null` fields are not sent.
    pub(crate) fn params(mut self, params: Map<String, Value>) -> Self {
        self.params.extend(params);
        self
    }

    /// Adds one parameter.
    pub(crate) fn param(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }

    /// The method as the errors name it.
    pub(crate) fn method_name(&self) -> &'static str {
        method_name(&self.method)
    }

    /// Marks the call as account-level: it carries no `factory_id`.
    pub(crate) fn account_level(mut self) -> Self {
        self.scope = Scope::Account;
        self
    }
}

/// A file sent as the `file` part of a multipart request (telestream-cloud.md 5.1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FilePart<'a> {
    pub(crate) path: &'a Path,
    pub(crate) file_name: &'a str,
    pub(crate) size: u64,
}

/// A request to an upload session's `location` (5.3): unsigned, without credentials.
#[derive(Debug, Clone)]
pub(crate) struct LocationRequest<'a> {
    pub(crate) method: reqwest::Method,
    pub(crate) location: &'a str,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<bytes::Bytes>,
}

impl Client {
    /// Starts a configuration; same as [`ClientBuilder::new`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The API generation the credentials picked.
    pub fn generation(&self) -> ApiGeneration {
        self.inner.generation
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The configured factory, if any.
    pub fn factory_id(&self) -> Option<&str> {
        self.inner.config.factory_id.as_deref()
    }

    pub(crate) fn parallel_parts(&self) -> usize {
        self.inner.config.parallel_parts
    }

    /// Sends `call` with the retry policy for its safety and returns the decoded JSON answer (`null`
    /// for an empty body, which the reference allows for deletes, 3).
    pub(crate) async fn execute(&self, call: &Call) -> Result<Value> {
        self.with_retries(call.method.as_str(), &call.path, call.safety, || {
            self.send_call(call, None)
        })
        .await
    }

    /// Sends `call` as `multipart/form-data` with `file` streamed from disk (5.1). The file is opened
    /// afresh for each attempt; as a creating call it is only re-sent when the connection failed.
    pub(crate) async fn execute_with_file(&self, call: &Call, file: FilePart<'_>) -> Result<Value> {
        self.with_retries(call.method.as_str(), &call.path, Safety::Unsafe, || {
            self.send_call(call, Some(file))
        })
        .await
    }

    /// Sends a request to an upload session's location with the retry policy for `safety`.
    pub(crate) async fn execute_at_location(
        &self,
        request: &LocationRequest<'_>,
        safety: Safety,
    ) -> Result<Value> {
        let path = location_path(request.location);
        self.with_retries(request.method.as_str(), &path, safety, || {
            self.send_location(request, &path)
        })
        .await
    }

    /// Sends through `send` (one attempt each time) with the client's retry policy for `safety`.
    async fn with_retries<F, Fut>(
        &self,
        method: &str,
        path: &str,
        safety: Safety,
        send: F,
    ) -> Result<Value>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Value>>,
    {
        let span = tracing::debug_span!("telestream.call", method, path);
        http_retry::run(&self.inner.config.retry, safety, |_attempt| send())
            .instrument(span)
            .await
    }

    /// One attempt of `call`, signed now (a v3.0 POST may not reuse a signature, 2.1).
    async fn send_call(&self, call: &Call, file: Option<FilePart<'_>>) -> Result<Value> {
        let method: &'static str = method_name(&call.method);
        let inner = &self.inner;
        let mut params = call.params.clone();
        let factory = inner
            .config
            .factory_id
            .as_ref()
            .filter(|_| call.scope == Scope::Factory);
        let mut request_url = format!("{}{}", inner.base, call.path);
        let mut json_body = None;
        let mut form_fields = Map::new();
        let mut api_key = None;
        match &inner.auth {
            Auth::Signed {
                access_key,
                secret_key,
            } => {
                params.insert("access_key".into(), access_key.as_str().into());
                if let Some(factory) = factory {
                    params.insert("factory_id".into(), factory.as_str().into());
                }
                params.insert("timestamp".into(), signing::timestamp_now().into());
                let canonical = signing::canonical_query(&params);
                let to_sign = signing::string_to_sign(method, &inner.host, &call.path, &canonical);
                let signature = signing::signature(&secret_key.0, &to_sign);
                // Every parameter travels in the query string, as the Python and Go SDKs send them; the
                // file part is never signed (2.1, 5.1).
                request_url.push('?');
                request_url.push_str(&canonical);
                request_url.push_str("&signature=");
                request_url.push_str(&signing::escape(&signature));
            }
            Auth::ApiKey(key) => {
                api_key = Some(key.0.as_str());
                let mut query = Map::new();
                if let Some(factory) = factory {
                    query.insert("factory_id".into(), factory.as_str().into());
                }
                let has_body =
                    !matches!(call.method, reqwest::Method::GET | reqwest::Method::DELETE);
                if file.is_some() {
                    form_fields = params;
                } else if has_body {
                    json_body = Some(Value::Object(params));
                } else {
                    query.extend(params);
                }
                let query = signing::canonical_query(&query);
                if !query.is_empty() {
                    request_url.push('?');
                    request_url.push_str(&query);
                }
            }
        }
        let timeout = inner.config.timeouts.for_request(file.is_some());
        let transport = |source| transport_error(method, &call.path, timeout, source);
        let mut request = inner
            .http
            .request(call.method.clone(), request_url)
            .timeout(timeout)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(key) = api_key {
            request = request.header("X-Api-Key", key);
        }
        if let Some(body) = json_body {
            request = request.json(&body);
        }
        if let Some(file) = file {
            let mut form = reqwest::multipart::Form::new();
            for (name, value) in &form_fields {
                if let Some(value) = signing::wire_string(value) {
                    form = form.text(name.clone(), value);
                }
            }
            let source = tokio::fs::File::open(file.path).await?;
            let body = reqwest::Body::wrap_stream(crate::chunks::read_chunks(
                source,
                inner.config.chunk_size,
            ));
            let part = reqwest::multipart::Part::stream_with_length(body, file.size)
                .file_name(file.file_name.to_owned())
                .mime_str("application/octet-stream")
                .map_err(transport)?;
            request = request.multipart(form.part("file", part));
        }
        let response = request.send().await.map_err(transport)?;
        self.read_answer(method, &call.path, timeout, response)
            .await
    }

    async fn send_location(&self, request: &LocationRequest<'_>, path: &str) -> Result<Value> {
        let method = method_name(&request.method);
        let timeout = self.inner.config.timeouts.upload;
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), request.location)
            .timeout(timeout);
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .body(body.clone());
        }
        let response = builder
            .send()
            .await
            .map_err(|source| transport_error(method, path, timeout, source))?;
        self.read_answer(method, path, timeout, response).await
    }

    /// Reads a bounded answer: JSON on 2xx (`null` when empty), [`Error::Api`] with the platform's
    /// `error` and `message` otherwise.
    async fn read_answer(
        &self,
        method: &'static str,
        path: &str,
        timeout: Duration,
        mut response: reqwest::Response,
    ) -> Result<Value> {
        let started = Instant::now();
        let status = response.status();
        let limit = self.inner.config.max_response_bytes;
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|source| transport_error(method, path, timeout, source))?
        {
            if body.len() + chunk.len() > limit {
                return Err(Error::ResponseTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        tracing::debug!(status = status.as_u16(), bytes = body.len(), elapsed = ?started.elapsed(), "telestream answered");
        let parsed = if body.iter().all(u8::is_ascii_whitespace) {
            Ok(Value::Null)
        } else {
            serde_json::from_slice::<Value>(&body)
        };
        if !status.is_success() {
            let field = |name: &str| {
                parsed
                    .as_ref()
                    .ok()
                    .and_then(|v| v.get(name))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            return Err(Error::Api {
                method,
                path: path.to_owned(),
                status: status.as_u16(),
                error: field("error"),
                message: field("message"),
            });
        }
        parsed.map_err(|e| Error::Decode {
            method,
            path: path.to_owned(),
            detail: e.to_string(),
        })
    }
}

fn method_name(method: &reqwest::Method) -> &'static str {
    match *method {
        reqwest::Method::GET => "GET",
        reqwest::Method::POST => "POST",
        reqwest::Method::PUT => "PUT",
        reqwest::Method::PATCH => "PATCH",
        reqwest::Method::DELETE => "DELETE",
        _ => "OTHER",
    }
}

/// The path of a session location, for errors and spans: its query names the session, nothing more.
fn location_path(location: &str) -> String {
    url::Url::parse(location)
        .map(|url| url.path().to_owned())
        .unwrap_or_else(|_| "upload location".to_owned())
}

/// A setting refused by the shared retry and timeout rules, as this crate's configuration error.
fn invalid_setting(invalid: InvalidSetting) -> Error {
    Error::Config {
        setting: invalid.setting,
        reason: invalid.reason.into(),
    }
}

/// A reqwest failure in our words: a timeout names the limit that expired, and the URL (whose query
/// carries the access key and signature) is dropped.
fn transport_error(
    method: &'static str,
    path: &str,
    timeout: Duration,
    source: reqwest::Error,
) -> Error {
    if source.is_timeout() {
        Error::Timeout {
            method,
            path: path.to_owned(),
            after: timeout,
        }
    } else {
        Error::Transport {
            method,
            path: path.to_owned(),
            source: source.without_url(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_names_the_invalid_setting() {
        let bad = [
            ClientBuilder::new(),
            ClientBuilder::new().api_key(""),
            ClientBuilder::new().api_key("k").base_url("ftp://x"),
            ClientBuilder::new().api_key("k").base_url("not a url"),
            ClientBuilder::new().api_key("k").factory_id(""),
            ClientBuilder::new().api_key("k").chunk_size(10),
            ClientBuilder::new().api_key("k").parallel_parts(0),
            ClientBuilder::new().api_key("k").retry_policy(RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            }),
            ClientBuilder::new()
                .api_key("k")
                .request_timeout(Duration::ZERO),
        ];
        let settings: Vec<_> = bad
            .into_iter()
            .map(|b| match b.build() {
                Err(Error::Config { setting, .. }) => setting,
                other => panic!("expected a config error, got {other:?}"),
            })
            .collect();
        assert_eq!(
            settings,
            [
                "credentials",
                "credentials",
                "base_url",
                "base_url",
                "factory_id",
                "chunk_size",
                "parallel_parts",
                "retry_policy",
                "timeouts"
            ]
        );
    }

    #[test]
    fn the_credentials_pick_the_generation_and_its_default_url() {
        let v3 = ClientBuilder::new().signed("ak", "sk").build().unwrap();
        assert_eq!(
            (v3.generation(), v3.base_url()),
            (ApiGeneration::V3, DEFAULT_V3_BASE_URL)
        );
        let flip = ClientBuilder::new().api_key("tcs_k").build().unwrap();
        assert_eq!(
            (flip.generation(), flip.base_url()),
            (ApiGeneration::Flip, DEFAULT_FLIP_BASE_URL)
        );
        let local = ClientBuilder::new()
            .api_key("tcs_k")
            .base_url("http://127.0.0.1:9/flip/3.1/")
            .factory_id("f1")
            .build()
            .unwrap();
        assert_eq!(local.base_url(), "http://127.0.0.1:9/flip/3.1");
        assert_eq!(local.factory_id(), Some("f1"));
    }

    #[test]
    fn debug_output_hides_the_secret_key_and_the_api_key() {
        let signed = ClientBuilder::new().signed("ak_visible", "sk_topsecret");
        let flip = ClientBuilder::new().api_key("tcs_alsosecret");
        let shown = format!(
            "{signed:?} {flip:?} {:?} {:?}",
            signed.clone().build().unwrap(),
            flip.clone().build().unwrap()
        );
        assert!(
            !shown.contains("topsecret") && !shown.contains("alsosecret"),
            "{shown}"
        );
        assert!(shown.contains("ak_visible"), "{shown}");
    }

    #[test]
    fn only_gets_are_idempotent_by_default() {
        assert_eq!(
            Call::new(reqwest::Method::GET, "/videos.json").safety,
            Safety::Idempotent
        );
        for method in [
            reqwest::Method::POST,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
        ] {
            assert_eq!(Call::new(method, "/videos.json").safety, Safety::Unsafe);
        }
    }

    #[test]
    fn a_location_is_shown_by_its_path_only() {
        assert_eq!(
            location_path("http://up.example.com/upload/session?id=abc"),
            "/upload/session"
        );
    }
}
