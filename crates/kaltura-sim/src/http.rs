//! The HTTP edge: every api_v3 URL form (`/api_v3/service/S/action/A`, `/api_v3/index.php?service=…`,
//! `/api_v3/?service=…`, `/api/…`) goes to one handler that reads the parameters, runs the call or the
//! multirequest and encodes the answer; `/__sim/faults` switches faults. The URL services (`/p/…`) are added
//! to [`router`] by their own module.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower_http::compression::CompressionLayer;

use crate::app::AppState;
use crate::faults::{FaultPlan, FaultSet};
use crate::services::{Origin, dispatch};
use crate::wire::multirequest;
use crate::wire::params::Value;
use crate::wire::request::{self, RequestError};
use crate::wire::{Answer, Format, header_error, render};

/// Builds the simulator's router.
pub(crate) fn router(app: AppState) -> Router {
    Router::new()
        .route("/api_v3", any(api))
        .route("/api_v3/", any(api))
        .route("/api_v3/{*rest}", any(api))
        .route("/api/{*rest}", any(api))
        .route(
            "/__sim/faults",
            get(get_faults)
                .put(put_faults)
                .post(put_faults)
                .delete(delete_faults),
        )
        // Bodies are bounded and streamed by `wire::request` itself (file parts to disk), so the default
        // 2 MB limit of axum would only refuse legitimate uploads.
        .layer(DefaultBodyLimit::disable())
        .layer(CompressionLayer::new())
        // Added after the layers on purpose: the URL services stream media with byte ranges, which
        // compression would break.
        .merge(crate::urls::router())
        .with_state(app)
}

async fn api(State(app): State<AppState>, req: Request) -> Response {
    let started = Instant::now();
    if req.method() == Method::OPTIONS {
        return with_api_headers(preflight());
    }
    let url = request::url_params(req.uri().path(), req.uri().query());
    let origin = Origin {
        ip: req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip()),
        uri: req.uri().path().to_owned(),
    };
    let name = |key: &str| match url.get(key) {
        Some(Value::Str(s)) => s.to_ascii_lowercase(),
        _ => String::new(),
    };
    let (service, action) = (name("service"), name("action"));
    let plan = app.faults.plan(&service, &action);
    if plan.stall_upload_ms > 0 && action == "upload" {
        tokio::time::sleep(Duration::from_millis(plan.stall_upload_ms)).await;
    }
    if plan.http_error {
        return (StatusCode::SERVICE_UNAVAILABLE, "simulated failure").into_response();
    }

    // File actions answer bytes, with Range support: keep the headers a file response needs.
    let file_request = crate::urls::asset_serve::is_file_action(&service, &action)
        .then(|| crate::urls::asset_serve::forwardable(&req));
    let (params, files) = match request::read(req, &app.config.limits, &app.store.tmp_dir()).await {
        Ok(read) => read,
        Err(e) => return request_error(&e),
    };
    let text = |key: &str| match params.get(key) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    };
    let format = match Format::from_param(text("format").as_deref()) {
        Ok(f) => f,
        Err(bad) => {
            let message = format!("Response format provided [{bad}] is not recognized by server");
            return with_api_headers(header_error("UNKNOWN_RESPONSE_FORMAT", &message));
        }
    };
    if let Some(forward) = file_request {
        let response = crate::urls::asset_serve::serve(&app, &service, &params, forward).await;
        return with_api_headers(response);
    }
    let ignore_null = text("ignoreNull").as_deref() == Some("1");
    let is_multi = text("service").is_some_and(|s| s.eq_ignore_ascii_case("multirequest"));

    let answer = if is_multi {
        let mut results = Vec::new();
        for mut call in multirequest::split(params, files) {
            multirequest::substitute(&mut call.params, &results);
            results.push(dispatch(&app, call.params, call.files, &origin).await);
        }
        Answer::Multi(results)
    } else {
        Answer::Single(dispatch(&app, params, files, &origin).await)
    };
    let response = with_api_headers(render(
        &answer,
        format,
        ignore_null,
        started.elapsed().as_secs_f64(),
    ));
    apply_drop(response, plan).await
}

/// Cuts the body in half and ends the connection with an error, as a crashed server would.
async fn apply_drop(response: Response, plan: FaultPlan) -> Response {
    if !plan.drop_connection {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::other("connection dropped on purpose")),
    ];
    let mut response =
        Response::from_parts(parts, Body::from_stream(futures::stream::iter(chunks)));
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}

fn request_error(e: &RequestError) -> Response {
    let status = match e {
        RequestError::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
        RequestError::TooManyParams(_) | RequestError::Read(_) => StatusCode::BAD_REQUEST,
        RequestError::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if status.is_server_error() {
        tracing::error!(error = %e, "request could not be stored");
    }
    with_api_headers((status, e.to_string()).into_response())
}

/// The answer to `OPTIONS` (kaltura-api-v3.md 2.2).
fn preflight() -> Response {
    (
        [
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "Origin, X-Requested-With, Content-Type, Accept, Range, Cache-Control",
            ),
            (
                header::ACCESS_CONTROL_ALLOW_METHODS,
                "POST, GET, HEAD, OPTIONS",
            ),
            (header::ACCESS_CONTROL_MAX_AGE, "86400"),
        ],
        "",
    )
        .into_response()
}

fn with_api_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(
            "Server, Content-Length, Content-Range, Date, X-Kaltura, X-Kaltura-Session, X-Me",
        ),
    );
    headers.insert("x-me", HeaderValue::from_static("kaltura-sim"));
    response
}

async fn get_faults(State(app): State<AppState>) -> Json<FaultSet> {
    Json(app.faults.get())
}

async fn put_faults(State(app): State<AppState>, Json(set): Json<FaultSet>) -> Response {
    let rate_ok = |r: f64| (0.0..=1.0).contains(&r);
    if let Some(bad) = set.rules.iter().find(|r| {
        r.target.is_empty()
            || !rate_ok(r.api_error_rate)
            || !rate_ok(r.http_error_rate)
            || !rate_ok(r.drop_rate)
    }) {
        let message = format!(
            "rule for {:?}: target must be set and rates between 0 and 1",
            bad.target
        );
        return (StatusCode::UNPROCESSABLE_ENTITY, message).into_response();
    }
    app.faults.set(set);
    Json(app.faults.get()).into_response()
}

async fn delete_faults(State(app): State<AppState>) -> Json<FaultSet> {
    app.faults.clear();
    Json(app.faults.get())
}
