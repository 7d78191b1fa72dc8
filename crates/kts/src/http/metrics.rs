//! `/metrics` in Prometheus text format, and the middleware that counts
//! requests by route and status.

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::state::AppState;
use crate::telemetry::metric;

/// The `/metrics` route.
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(render))
}

async fn render(State(handle): State<PrometheusHandle>) -> impl IntoResponse {
    // Histograms need upkeep; doing it on scrape keeps it off request paths.
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
}

/// Counts every request and times it, labelled with the route pattern (not
/// the raw path, which would give one series per entry id).
pub async fn record_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        metric::HTTP_REQUESTS,
        "method" => method.clone(),
        "route" => route.clone(),
        "status" => status
    )
    .increment(1);
    metrics::histogram!(metric::HTTP_REQUEST_DURATION, "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}
