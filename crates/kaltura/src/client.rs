//! `ClientBuilder` and `Client`: one account's configuration, one HTTP connection pool, the cached admin
//! session, and the send/retry loop every call goes through.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_retry::{InvalidSetting, Timeouts};
use serde_json::{Map, Value};
use tracing::Instrument as _;

use crate::error::{Error, Result};
use crate::ks::{self, Ks, KsFields, KsVersion, SessionType};
use crate::retry::{RetryPolicy, Safety};
use crate::wire::ResponseFormat;
use crate::wire::response;

/// Default upload chunk size: large enough for throughput, small enough that a lost chunk is cheap.
const DEFAULT_CHUNK_SIZE: usize = 8 * 1024 * 1024;
/// Smallest accepted chunk size.
const MIN_CHUNK_SIZE: usize = 64 * 1024;
/// Largest accepted chunk size (each chunk is held in memory once per parallel slot).
const MAX_CHUNK_SIZE: usize = 256 * 1024 * 1024;
/// Default lifetime of the sessions this client builds.
const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// Default cap on a response body.
const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// A secret kept out of `Debug` output.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Configures a [`Client`] for one Kaltura account (partner).
///
/// Only the service URL and partner id are required; an admin secret is needed for calls that use the
/// client's own admin session (the default for every call).
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    service_url: String,
    partner_id: i64,
    admin_secret: Option<Secret>,
    user_secret: Option<Secret>,
    user_id: String,
    timeouts: Timeouts,
    retry: RetryPolicy,
    chunk_size: usize,
    parallel_chunks: usize,
    client_tag: String,
    ks_version: KsVersion,
    session_lifetime: Duration,
    format: ResponseFormat,
    max_response_bytes: usize,
    observer: Option<CallObserver>,
    compression: bool,
}

/// What one HTTP round trip to Kaltura did, as given to the observer of
/// [`ClientBuilder::on_call`]. A retried call is reported once per attempt.
#[derive(Debug)]
pub struct CallReport<'a> {
    /// The service (`media`, `multirequest`, …).
    pub service: &'a str,
    /// The action (empty for a multirequest).
    pub action: &'a str,
    /// Time from sending the request to decoding the answer.
    pub elapsed: Duration,
    /// The error, if the round trip failed (a failing call inside a
    /// multirequest is not an error of the round trip).
    pub error: Option<&'a Error>,
}

/// The callback of [`ClientBuilder::on_call`].
#[derive(Clone)]
struct CallObserver(Arc<dyn Fn(&CallReport<'_>) + Send + Sync>);

impl fmt::Debug for CallObserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CallObserver")
    }
}

impl ClientBuilder {
    /// Calls `observer` after every round trip to Kaltura, e.g. to record
    /// latency and error metrics. By default nothing is called. The observer
    /// runs on the request path: keep it quick and non-blocking.
    pub fn on_call(mut self, observer: impl Fn(&CallReport<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(CallObserver(Arc::new(observer)));
        self
    }

    /// Starts a configuration for `partner_id` at `service_url` (e.g. `https://www.kaltura.com`), http or
    /// https, without a trailing `/api_v3`.
    pub fn new(service_url: impl Into<String>, partner_id: i64) -> Self {
        Self {
            service_url: service_url.into(),
            partner_id,
            admin_secret: None,
            user_secret: None,
            user_id: String::new(),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            chunk_size: DEFAULT_CHUNK_SIZE,
            parallel_chunks: 1,
            client_tag: format!("kaltura-rs:{}", env!("CARGO_PKG_VERSION")),
            ks_version: KsVersion::V2,
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            format: ResponseFormat::Json,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            observer: None,
            compression: true,
        }
    }

    /// The partner's admin secret, which signs every session this client builds. No default.
    pub fn admin_secret(mut self, secret: impl Into<String>) -> Self {
        self.admin_secret = Some(Secret(secret.into()));
        self
    }

    /// The partner's user secret, only used as the password of [`Client::session_start`]. No default.
    pub fn user_secret(mut self, secret: impl Into<String>) -> Self {
        self.user_secret = Some(Secret(secret.into()));
        self
    }

    /// The user id of the admin session (owner of what it creates). Default: empty.
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = user_id.into();
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

    /// Time allowed for one request that carries a file (an upload chunk, an image), answer included.
    /// Default 5 min: choose the chunk size so that a chunk fits in it on the slowest expected link.
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

    /// Upload chunk size in bytes, 64 KiB to 256 MiB. Default 8 MiB.
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = bytes;
        self
    }

    /// Upload chunks sent at the same time, 1 to 16. Default 1 (sequential). Memory use is about
    /// `chunk_size × parallel_chunks`.
    pub fn parallel_chunks(mut self, count: usize) -> Self {
        self.parallel_chunks = count;
        self
    }

    /// `clientTag` sent with every call, for the server's logs. Default `kaltura-rs:<version>`.
    pub fn client_tag(mut self, tag: impl Into<String>) -> Self {
        self.client_tag = tag.into();
        self
    }

    /// KS format to build. Default v2; v1 for old servers.
    pub fn ks_version(mut self, version: KsVersion) -> Self {
        self.ks_version = version;
        self
    }

    /// Lifetime of the sessions built by the client. Default 24 h; at least 2 minutes.
    pub fn session_lifetime(mut self, lifetime: Duration) -> Self {
        self.session_lifetime = lifetime;
        self
    }

    /// Response format asked of the server. Default JSON.
    pub fn response_format(mut self, format: ResponseFormat) -> Self {
        self.format = format;
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

    /// Largest response body accepted. Default 32 MiB.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Validates the configuration and builds the client. Fails with [`Error::Config`] naming the setting.
    pub fn build(self) -> Result<Client> {
        let url = url::Url::parse(&self.service_url).map_err(|e| Error::Config {
            setting: "service_url",
            reason: e.to_string(),
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(Error::Config {
                setting: "service_url",
                reason: "must be an http or https URL with a host".into(),
            });
        }
        if self.partner_id < 0 {
            return Err(Error::Config {
                setting: "partner_id",
                reason: "must not be negative".into(),
            });
        }
        if !(MIN_CHUNK_SIZE..=MAX_CHUNK_SIZE).contains(&self.chunk_size) {
            return Err(Error::Config {
                setting: "chunk_size",
                reason: format!("must be between {MIN_CHUNK_SIZE} and {MAX_CHUNK_SIZE} bytes"),
            });
        }
        if !(1..=16).contains(&self.parallel_chunks) {
            return Err(Error::Config {
                setting: "parallel_chunks",
                reason: "must be 1 to 16".into(),
            });
        }
        self.retry.check().map_err(invalid_setting)?;
        if self.session_lifetime < Duration::from_secs(120) {
            return Err(Error::Config {
                setting: "session_lifetime",
                reason: "must be at least 2 minutes".into(),
            });
        }
        self.timeouts.check().map_err(invalid_setting)?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.timeouts.connect)
            .user_agent(self.client_tag.clone())
            .gzip(self.compression)
            .build()
            .map_err(|e| Error::Config {
                setting: "http client",
                reason: e.to_string(),
            })?;
        let base = self.service_url.trim_end_matches('/').to_owned();
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                config: self,
                admin_ks: RwLock::new(None),
            }),
        })
    }
}

/// A cached session and when to replace it.
#[derive(Debug, Clone)]
struct CachedKs {
    ks: Ks,
    renew_at: Instant,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    base: String,
    config: ClientBuilder,
    /// The admin session shared by all calls. A std lock, only held to copy or swap the value, never across
    /// an `.await`: building a KS is quick local work.
    admin_ks: RwLock<Option<CachedKs>>,
}

/// A Kaltura client for one partner. Cheap to clone (one shared connection pool and session cache); use it
/// from many tasks at once.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// Which session a call carries.
#[derive(Debug, Clone)]
pub(crate) enum SessionChoice {
    /// The client's cached admin session (renewed once on `INVALID_KS`).
    Admin,
    /// A session given by the caller.
    Given(Ks),
    /// No session (e.g. `session.start`).
    Anonymous,
}

/// A file part of a call (`fileData`).
#[derive(Debug, Clone)]
pub(crate) struct FilePart {
    pub(crate) file_name: String,
    pub(crate) bytes: Bytes,
}

/// One call, ready to be sent (alone or in a multirequest).
#[derive(Debug, Clone)]
pub(crate) struct CallSpec {
    pub(crate) service: &'static str,
    pub(crate) action: &'static str,
    pub(crate) params: Map<String, Value>,
    pub(crate) file: Option<FilePart>,
    pub(crate) session: SessionChoice,
    pub(crate) safety: Safety,
    /// Whether the client's retry loop applies (upload chunks run their own).
    pub(crate) retries: bool,
}

/// What goes over the wire for one HTTP request.
struct Envelope<'a> {
    service: &'static str,
    action: &'static str,
    path: String,
    params: Map<String, Value>,
    files: Vec<(String, &'a FilePart)>,
}

impl Client {
    /// Starts a configuration; same as [`ClientBuilder::new`].
    pub fn builder(service_url: impl Into<String>, partner_id: i64) -> ClientBuilder {
        ClientBuilder::new(service_url, partner_id)
    }

    /// The partner this client acts for.
    pub fn partner_id(&self) -> i64 {
        self.inner.config.partner_id
    }

    /// The service URL, without a trailing `/`.
    pub fn service_url(&self) -> &str {
        &self.inner.base
    }

    pub(crate) fn chunk_size(&self) -> usize {
        self.inner.config.chunk_size
    }

    pub(crate) fn parallel_chunks(&self) -> usize {
        self.inner.config.parallel_chunks
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.config.retry
    }

    /// The admin session, built locally and cached; renewed when less than a quarter of its lifetime is
    /// left. Fails with [`Error::Config`] when no admin secret is configured.
    pub fn admin_ks(&self) -> Result<Ks> {
        if let Ok(guard) = self.inner.admin_ks.read()
            && let Some(cached) = guard.as_ref()
            && Instant::now() < cached.renew_at
        {
            return Ok(cached.ks.clone());
        }
        let config = &self.inner.config;
        let ks = self.build_ks(
            SessionType::Admin,
            &config.user_id,
            "",
            config.session_lifetime,
        )?;
        let cached = CachedKs {
            ks: ks.clone(),
            renew_at: Instant::now() + config.session_lifetime * 3 / 4,
        };
        // A poisoned lock only means another thread panicked while swapping a value that is always valid.
        match self.inner.admin_ks.write() {
            Ok(mut guard) => *guard = Some(cached),
            Err(poisoned) => *poisoned.into_inner() = Some(cached),
        }
        Ok(ks)
    }

    fn forget_admin_ks(&self) {
        match self.inner.admin_ks.write() {
            Ok(mut guard) => *guard = None,
            Err(poisoned) => *poisoned.into_inner() = None,
        }
    }

    /// Builds a session locally, signed with the admin secret, e.g. a USER session with
    /// `privileges = "sview:0_abc"` for a player page. No round trip.
    pub fn build_ks(
        &self,
        session_type: SessionType,
        user_id: &str,
        privileges: &str,
        lifetime: Duration,
    ) -> Result<Ks> {
        let config = &self.inner.config;
        let secret = config.admin_secret.as_ref().ok_or(Error::Config {
            setting: "admin_secret",
            reason: "needed to build sessions locally".into(),
        })?;
        let fields = KsFields::new(config.partner_id, session_type, user_id, lifetime)
            .with_privileges(privileges);
        Ok(ks::build(&fields, &secret.0, config.ks_version)?)
    }

    /// The user secret, for `session.start` with a USER session.
    pub(crate) fn user_secret(&self) -> Option<&str> {
        self.inner.config.user_secret.as_ref().map(|s| s.0.as_str())
    }

    /// The admin secret, for `session.start` with an ADMIN session.
    pub(crate) fn admin_secret(&self) -> Option<&str> {
        self.inner
            .config
            .admin_secret
            .as_ref()
            .map(|s| s.0.as_str())
    }

    /// Sends one call with retries and returns its raw result.
    pub(crate) async fn execute(&self, call: &CallSpec) -> Result<Value> {
        let files = call
            .file
            .iter()
            .map(|f| ("fileData".to_owned(), f))
            .collect();
        let envelope = Envelope {
            service: call.service,
            action: call.action,
            path: format!("/api_v3/service/{}/action/{}", call.service, call.action),
            params: call.params.clone(),
            files,
        };
        let safety = if call.retries {
            Some(call.safety)
        } else {
            None
        };
        self.send_with_retries(envelope, &call.session, safety)
            .await
    }

    /// Sends a multirequest and returns the array of per-call results.
    pub(crate) async fn execute_batch(&self, calls: &[CallSpec]) -> Result<Vec<Value>> {
        let mut params = Map::new();
        let mut files = Vec::new();
        for (index, call) in calls.iter().enumerate() {
            let mut sub = call.params.clone();
            sub.insert("service".into(), Value::String(call.service.to_owned()));
            sub.insert("action".into(), Value::String(call.action.to_owned()));
            if let SessionChoice::Given(ks) = &call.session {
                sub.insert("ks".into(), Value::String(ks.expose().to_owned()));
            }
            params.insert(index.to_string(), Value::Object(sub));
            if let Some(file) = &call.file {
                files.push((format!("{index}:fileData"), file));
            }
        }
        // Calls without their own session inherit the common one (kaltura-api-v3.md 4, rule 3).
        let uses_admin = calls
            .iter()
            .any(|c| matches!(c.session, SessionChoice::Admin));
        let common = if uses_admin {
            SessionChoice::Admin
        } else {
            SessionChoice::Anonymous
        };
        let safety = if calls.iter().all(|c| c.safety == Safety::Idempotent) {
            Safety::Idempotent
        } else {
            Safety::Unsafe
        };
        let envelope = Envelope {
            service: "multirequest",
            action: "",
            path: "/api_v3/service/multirequest".to_owned(),
            params,
            files,
        };
        match self
            .send_with_retries(envelope, &common, Some(safety))
            .await?
        {
            Value::Array(items) => Ok(items),
            other => Err(Error::Decode {
                service: "multirequest".into(),
                action: String::new(),
                detail: format!("expected an array of results, got {}", kind_of(&other)),
            }),
        }
    }

    fn session_param(&self, session: &SessionChoice) -> Result<Option<Ks>> {
        match session {
            SessionChoice::Admin => self.admin_ks().map(Some),
            SessionChoice::Given(ks) => Ok(Some(ks.clone())),
            SessionChoice::Anonymous => Ok(None),
        }
    }

    /// Sends with the retry policy for `safety`; `None` disables retries (but not the one session renewal).
    async fn send_with_retries(
        &self,
        envelope: Envelope<'_>,
        session: &SessionChoice,
        safety: Option<Safety>,
    ) -> Result<Value> {
        let no_retries = RetryPolicy::none();
        let (policy, safety) = match safety {
            Some(safety) => (&self.inner.config.retry, safety),
            None => (&no_retries, Safety::Unsafe),
        };
        let renewed = AtomicBool::new(false);
        let span = tracing::debug_span!(
            "kaltura.call",
            service = envelope.service,
            action = envelope.action
        );
        http_retry::run(policy, safety, |_attempt| {
            self.send_renewing(&envelope, session, &renewed)
        })
        .instrument(span)
        .await
    }

    /// One attempt; when Kaltura refuses the client's own admin session, the attempt renews it and sends
    /// again at once, once per call (`renewed`).
    async fn send_renewing(
        &self,
        envelope: &Envelope<'_>,
        session: &SessionChoice,
        renewed: &AtomicBool,
    ) -> Result<Value> {
        match self.send_observed(envelope, session).await {
            // The server refused the session before acting, so even a creating call may be re-sent once
            // with a fresh session (kaltura-api-v3.md 5.7).
            Err(error)
                if error.is_invalid_ks()
                    && matches!(session, SessionChoice::Admin)
                    && !renewed.swap(true, Ordering::Relaxed) =>
            {
                tracing::info!(
                    service = envelope.service,
                    action = envelope.action,
                    "admin session refused, renewing it"
                );
                self.forget_admin_ks();
                self.send_observed(envelope, session).await
            }
            other => other,
        }
    }

    /// One round trip carrying the session of the moment, reported to the observer.
    async fn send_observed(
        &self,
        envelope: &Envelope<'_>,
        session: &SessionChoice,
    ) -> Result<Value> {
        let ks = self.session_param(session)?;
        let started = Instant::now();
        let result = self.send_once(envelope, ks.as_ref()).await;
        if let Some(CallObserver(observe)) = &self.inner.config.observer {
            observe(&CallReport {
                service: envelope.service,
                action: envelope.action,
                elapsed: started.elapsed(),
                error: result.as_ref().err(),
            });
        }
        result
    }

    async fn send_once(&self, envelope: &Envelope<'_>, ks: Option<&Ks>) -> Result<Value> {
        let config = &self.inner.config;
        let (service, action) = (envelope.service, envelope.action);
        let mut params = envelope.params.clone();
        if let Some(ks) = ks {
            params.insert("ks".into(), Value::String(ks.expose().to_owned()));
        }
        params.insert(
            "format".into(),
            Value::String(config.format.as_param().to_owned()),
        );
        params.insert("clientTag".into(), Value::String(config.client_tag.clone()));
        let json = Value::Object(params).to_string();
        let url = format!("{}{}", self.inner.base, envelope.path);
        let timeout = config.timeouts.for_request(!envelope.files.is_empty());
        let transport = |source: reqwest::Error| transport_error(service, action, timeout, source);
        let request = self.inner.http.post(url).timeout(timeout).header(
            reqwest::header::ACCEPT,
            match config.format {
                ResponseFormat::Json => "application/json",
                ResponseFormat::Xml => "text/xml",
            },
        );
        let request = if envelope.files.is_empty() {
            request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(json)
        } else {
            // Multipart with a `json` field plus file parts, as the official clients send (2.10).
            let mut form = reqwest::multipart::Form::new().text("json", json);
            for (field, file) in &envelope.files {
                let part = reqwest::multipart::Part::stream_with_length(
                    reqwest::Body::from(file.bytes.clone()),
                    file.bytes.len() as u64,
                )
                .file_name(file.file_name.clone())
                .mime_str("application/octet-stream")
                .map_err(transport)?;
                form = form.part(field.clone(), part);
            }
            request.multipart(form)
        };
        let started = Instant::now();
        let mut response = request.send().await.map_err(transport)?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            return Err(Error::HttpStatus {
                service: service.into(),
                action: action.into(),
                status: status.as_u16(),
            });
        }
        let limit = config.max_response_bytes;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > limit {
                return Err(Error::ResponseTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        tracing::debug!(status = status.as_u16(), bytes = body.len(), elapsed = ?started.elapsed(), "kaltura answered");
        let value = response::body_value(config.format, &body).map_err(|detail| Error::Decode {
            service: service.into(),
            action: action.into(),
            detail,
        })?;
        if let Some(error) = response::api_error(&value) {
            return Err(Error::Api {
                service: service.into(),
                action: action.into(),
                error,
            });
        }
        Ok(value)
    }
}

/// A setting refused by the shared retry and timeout rules, as this crate's configuration error.
fn invalid_setting(invalid: InvalidSetting) -> Error {
    Error::Config {
        setting: invalid.setting,
        reason: invalid.reason.into(),
    }
}

/// A reqwest failure in our words: a timeout names the limit that expired.
fn transport_error(
    service: &str,
    action: &str,
    timeout: Duration,
    source: reqwest::Error,
) -> Error {
    if source.is_timeout() {
        Error::Timeout {
            service: service.into(),
            action: action.into(),
            after: timeout,
        }
    } else {
        Error::Transport {
            service: service.into(),
            action: action.into(),
            source,
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_names_the_invalid_setting() {
        let bad = [
            ClientBuilder::new("ftp://x", 1),
            ClientBuilder::new("not a url", 1),
            ClientBuilder::new("http://x", 1).chunk_size(10),
            ClientBuilder::new("http://x", 1).parallel_chunks(0),
            ClientBuilder::new("http://x", 1).session_lifetime(Duration::from_secs(1)),
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
                "service_url",
                "service_url",
                "chunk_size",
                "parallel_chunks",
                "session_lifetime"
            ]
        );
    }

    #[test]
    fn debug_output_hides_secrets() {
        let builder = ClientBuilder::new("http://x", 1)
            .admin_secret("topsecret")
            .user_secret("alsosecret");
        let shown = format!("{builder:?}");
        assert!(
            !shown.contains("topsecret") && !shown.contains("alsosecret"),
            "{shown}"
        );
    }

    #[test]
    fn admin_session_is_cached_and_parses_with_the_secret() {
        let client = ClientBuilder::new("http://127.0.0.1:9", 77)
            .admin_secret("s3cret")
            .user_id("admin")
            .build()
            .unwrap();
        let first = client.admin_ks().unwrap();
        assert_eq!(client.admin_ks().unwrap(), first);
        let fields = ks::parse(&first, "s3cret").unwrap();
        assert_eq!(
            (
                fields.partner_id,
                fields.session_type,
                fields.user_id.as_str()
            ),
            (77, SessionType::Admin, "admin")
        );
        client.forget_admin_ks();
        assert_ne!(client.admin_ks().unwrap(), first);
    }

    #[test]
    fn no_admin_secret_is_a_config_error() {
        let client = ClientBuilder::new("http://127.0.0.1:9", 1).build().unwrap();
        assert!(matches!(
            client.admin_ks(),
            Err(Error::Config {
                setting: "admin_secret",
                ..
            })
        ));
    }
}
