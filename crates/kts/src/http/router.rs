//! The whole HTTP surface: areas nested under their paths, then the layers
//! every request passes through.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, Method, StatusCode, header};
use axum::middleware;
use axum::response::Response;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::AccessSettings;
use crate::http::legacy::{self, extract};
use crate::http::state::AppState;
use crate::http::{activity, admin, api_key, assets, error, headers, health, metrics, player};

/// Header carrying the request id, set when the client sent none.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";

/// Body limit of routes outside `/service` (none of them takes a body).
const DEFAULT_BODY_LIMIT: usize = 64 << 10;

/// Builds the router: `/service/*` from `legacy` (normally
/// `http::legacy::router()`) plus the player pages, the admin area, the
/// upload forms and their assets, health, readiness and metrics.
pub(crate) fn build(state: AppState, legacy: Router<AppState>) -> Router {
    // Uploads stream to disk with their own per-file limit (enforced in
    // `LegacyParams`); this cap bounds the whole body, files plus fields.
    let service_body_limit = usize::try_from(state.uploads.max_file_bytes)
        .unwrap_or(usize::MAX)
        .saturating_mul(extract::MAX_FILES)
        .saturating_add(extract::MAX_FORM_BYTES);
    // `layer`, not `route_layer`: the area may still be empty, and an unknown
    // `/service/*` path should not tell a caller without a key what exists.
    // The activity recorder is outside the key check, so refused calls show
    // on the dashboard too.
    let service = legacy
        .merge(player::service_router())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            api_key::require_api_key,
        ))
        // Outside the key check and every handler: gives the legacy body to
        // what the shared extractors refused.
        .layer(middleware::from_fn(legacy::error::render_rejections))
        .layer(middleware::from_fn_with_state(
            state.activity.clone(),
            activity::record_activity,
        ))
        .layer(DefaultBodyLimit::max(service_body_limit));

    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    // Outermost first: the id exists before the access log's span opens; the
    // access log and metrics see the final status, including 500s made from
    // panics; CORS answers pre-flights before any auth; the log-once layer
    // finds the error a handler put in the response; security headers are
    // added to every answer, errors and panics included.
    let layers = ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID_HEADER)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                        request_id = %id,
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(request_id))
        .layer(middleware::from_fn(metrics::record_requests))
        .layer(middleware::from_fn(headers::add_security_headers))
        .layer(middleware::from_fn(error::log_server_errors))
        .layer(CatchPanicLayer::custom(legacy::error::panic_response))
        .layer(cors_layer(&state.access));

    // `/service/*` bounds each wait for its body itself (`LegacyParams`, 408
    // in the legacy shape); every other area gets the same idle timeout here.
    let pages = Router::new()
        .merge(admin::router())
        .merge(player::forms_router())
        .merge(assets::router())
        .merge(health::router())
        .merge(metrics::router())
        .layer(RequestBodyTimeoutLayer::new(
            state.uploads.body_idle_timeout,
        ));

    Router::new()
        .nest("/service", service)
        .merge(pages)
        .fallback(unknown_path)
        .layer(DefaultBodyLimit::max(DEFAULT_BODY_LIMIT))
        .layer(layers)
        .with_state(state)
}

/// Unknown paths fail in the legacy shape too ("Keep that shape for every
/// failure", kts-legacy-api.md).
async fn unknown_path() -> Response {
    legacy::error::legacy_failure(StatusCode::NOT_FOUND, "unknown path".to_owned())
}

/// CORS as the legacy contract says: headers `Content-Type` and
/// `X-Requested-With` (plus `Authorization` for API keys), GET/POST and
/// pre-flights, from the configured origins (any origin by default, the old
/// behaviour).
fn cors_layer(access: &AccessSettings) -> CorsLayer {
    let origins = if access.cors_origins.is_empty() {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(access.cors_origins.iter().cloned())
    };
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static("x-requested-with"),
            header::AUTHORIZATION,
        ])
        .expose_headers([HeaderName::from_static(REQUEST_ID_HEADER)])
        .max_age(std::time::Duration::from_secs(600))
        .vary([header::ORIGIN])
}
