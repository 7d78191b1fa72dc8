//! The HTTP edge: every api_v3 URL form (`/api_v3/service/S/action/A`, `/api_v3/index.php?service=…`,
//! `/api_v3/?service=…`, `/api/…`) goes to one handler that reads the parameters, runs the call or the
//! multirequest and encodes the answer. Faults that concern a whole request (HTTP 503, dropped connections,
//! stalled uploads) are applied around it by `sim_support::faults::FaultLayer`, and `/__sim/faults` switches them.
//! The URL services (`/p/…`) are added to [`router`] by their own module.

use std::net::SocketAddr;
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use sim_support::faults::{Call, FaultLayer, KeepConnection};
use tower_http::compression::CompressionLayer;

use crate::services::{Origin, dispatch};
use crate::state::AppState;
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
        .route_layer(FaultLayer::new(app.faults.clone(), call_of))
        .merge(sim_support::faults::control_router(app.faults.clone()))
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
    let origin = Origin {
        ip: req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip()),
        uri: req.uri().path().to_owned(),
    };
    let (service, action) = service_and_action(&req);

    // File actions answer bytes, with Range support: keep the headers a file response needs.
    let file_request = crate::urls::asset_serve::is_file_action(&service, &action)
        .then(|| crate::urls::asset_serve::forwardable(&req));
    let (params, files) = match request::read(req, &app.config.limits, &app.store.tmp_dir()).await {
        Ok(read) => read,
        Err(e) => return keep_connection(request_error(&e)),
    };
    let text = |key: &str| match params.get(key) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    };
    let format = match Format::from_param(text("format").as_deref()) {
        Ok(f) => f,
        Err(bad) => {
            let message = format!("Response format provided [{bad}] is not recognized by server");
            let response = header_error("UNKNOWN_RESPONSE_FORMAT", &message);
            return keep_connection(with_api_headers(response));
        }
    };
    if let Some(forward) = file_request {
        let response = crate::urls::asset_serve::serve(&app, &service, &params, forward).await;
        return keep_connection(with_api_headers(response));
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
    with_api_headers(render(
        &answer,
        format,
        ignore_null,
        started.elapsed().as_secs_f64(),
    ))
}

/// The call an api_v3 request makes, for the fault layer: `service` and `action` of the URL (a
/// multirequest is named `multirequest`), an `upload` action carrying an upload. A preflight is no call.
fn call_of(req: &Request) -> Option<Call> {
    if req.method() == Method::OPTIONS {
        return None;
    }
    let (service, action) = service_and_action(req);
    Some(Call {
        service,
        upload: action == "upload",
        action,
    })
}

/// The lower-cased `service` and `action` a request's URL names (path pairs or query); empty when absent.
fn service_and_action(req: &Request) -> (String, String) {
    let url = request::url_params(req.uri().path(), req.uri().query());
    let name = |key: &str| match url.get(key) {
        Some(Value::Str(s)) => s.to_ascii_lowercase(),
        _ => String::new(),
    };
    (name("service"), name("action"))
}

/// Exempts an answer from dropped connections: file streams (which would have to be read whole to be cut)
/// and the refusals of unreadable requests are answered whole, as before the call runs.
fn keep_connection(mut response: Response) -> Response {
    response.extensions_mut().insert(KeepConnection);
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
