//! Logs and metrics: the tracing subscriber (text or JSON lines), the
//! Prometheus recorder, and the metric names KTS records.
//!
//! The access log and request ids are layers of `http/router.rs`; this module
//! only sets up where their events go.

use std::io::IsTerminal;
use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Names of the metrics KTS records, in one place so dashboards and code agree.
pub mod metric {
    /// Counter: HTTP requests answered, labelled `method` (standard methods,
    /// else `other`), `route` (the route pattern, or `unmatched`) and
    /// `status` (`2xx`, `4xx`, …).
    pub const HTTP_REQUESTS: &str = "kts_http_requests_total";
    /// Histogram: seconds to answer, labelled `method`, `route`.
    pub const HTTP_REQUEST_DURATION: &str = "kts_http_request_duration_seconds";
    /// Counter: bytes of uploaded files written to temporary files.
    pub const UPLOAD_BYTES: &str = "kts_upload_bytes_total";
    /// Histogram: seconds of one round trip to Kaltura, labelled `instance`,
    /// `service`, `action`.
    pub const KALTURA_CALL_DURATION: &str = "kts_kaltura_call_duration_seconds";
    /// Counter: failed round trips to Kaltura, labelled `instance`, `service`,
    /// `action`, `code` (Kaltura's error code, or `transport`/`timeout`/…).
    pub const KALTURA_CALL_ERRORS: &str = "kts_kaltura_call_errors_total";
}

/// Why logging could not start.
#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    /// `KTS_LOG` is not a valid filter.
    #[error("KTS_LOG is not a valid log filter")]
    Filter(#[from] tracing_subscriber::filter::ParseError),
    /// A subscriber is installed already.
    #[error("logging is initialised already")]
    AlreadyInitialised,
}

/// Starts logging to standard error, as text or JSON lines, filtered by
/// `filter` (`info`, `kts=debug,tower_http=info`, …).
///
/// Colours only when standard error is a terminal: a file or a log
/// collector would otherwise get raw escape codes.
pub fn init(format: LogFormat, filter: &str) -> Result<(), TelemetryError> {
    let filter = EnvFilter::try_new(filter)?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    result.map_err(|_| TelemetryError::AlreadyInitialised)
}

/// The process-wide Prometheus recorder, installed on first use.
///
/// `metrics` has one global recorder per process, so every `App` in a process
/// (tests start many) shares it.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new();
            let builder = builder
                .set_buckets_for_metric(
                    // Both latency histograms: KTS's answers and its calls to Kaltura.
                    Matcher::Suffix("_duration_seconds".to_owned()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                        10.0, 30.0, 60.0,
                    ],
                )
                .unwrap_or_else(|_| PrometheusBuilder::new());
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder was installed first; metrics then
            // go there and our page stays empty, which tests would reveal.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}
