//! The HTTP edge: `/v3.0/{*path}` and `/flip/3.1/{*path}` go to one handler that reads the body,
//! authenticates the call for its generation and hands it to `api::dispatch`; `/upload/session?id=` is the
//! unsigned `location` of upload sessions; `/files/{factory}/{name}` serves stored files. Faults that
//! concern a whole request (HTTP 503, dropped connections, stalled uploads) are applied around the API and
//! the session location by `sim_support::faults::FaultLayer`, and `/__sim/faults` switches them.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use sim_support::faults::{Call, FaultLayer};

use crate::api;
use crate::auth::{self, Credentials};
use crate::body::{self, Limits};
use crate::error::ApiError;
use crate::request::{ApiRequest, Generation, Params};
use crate::state::AppState;
use crate::{clock, files};

const V3_PREFIX: &str = "/v3.0";
const FLIP_PREFIX: &str = "/flip/3.1";
/// Where upload sessions receive their parts (the `location` of 5.2).
const UPLOAD_LOCATION: &str = "/upload/session";

/// Builds the simulator's router.
pub(crate) fn router(app: AppState) -> Router {
    Router::new()
        .route("/v3.0/{*path}", any(v3))
        .route("/flip/3.1/{*path}", any(flip))
        .route(UPLOAD_LOCATION, any(api::upload_location))
        .route_layer(FaultLayer::new(app.faults.clone(), call_of))
        .merge(sim_support::faults::control_router(app.faults.clone()))
        // Bodies are bounded by `upload` itself (file parts streamed to disk), so axum's default 2 MB limit
        // would only refuse legitimate uploads.
        .layer(DefaultBodyLimit::disable())
        .route("/files/{factory_id}/{name}", get(files::serve))
        .with_state(app)
}

async fn v3(State(app): State<AppState>, req: Request) -> Response {
    handle(app, Generation::V3, req)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn flip(State(app): State<AppState>, req: Request) -> Response {
    handle(app, Generation::Flip31, req)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// The resource path of a request without its generation's prefix: `/videos.json`.
fn resource_path(path: &str) -> &str {
    path.strip_prefix(V3_PREFIX)
        .or_else(|| path.strip_prefix(FLIP_PREFIX))
        .unwrap_or(path)
}

/// The segments of a resource path without `.json`, or `None` for another format (telestream-cloud.md 1.1).
fn segments(resource: &str) -> Option<Vec<String>> {
    let trimmed = resource.trim_matches('/').strip_suffix(".json")?;
    Some(trimmed.split('/').map(str::to_owned).collect())
}

async fn handle(app: AppState, generation: Generation, req: Request) -> Result<Response, ApiError> {
    let (parts, body) = req.into_parts();
    let resource = resource_path(parts.uri.path()).to_owned();
    let segments = segments(&resource)
        .ok_or_else(|| ApiError::bad_request("Currently only .json is supported as a format"))?;
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let limits = Limits {
        max_file_bytes: app.config.max_file_bytes,
        idle_timeout: app.config.idle_timeout,
    };
    let read = body::read(content_type, body, limits, &app.store.tmp_dir()).await?;
    // The query first, then the body's fields: the order in which 2.4 collects the signed parameters.
    let mut pairs: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    pairs.extend(read.pairs);
    let params = Params {
        pairs,
        body: read.json,
    };
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let credentials = Credentials {
        generation,
        method: parts.method.as_str(),
        host,
        path: &resource,
        headers: &parts.headers,
        params: &params,
    };
    auth::authenticate(&app.accounts, &credentials, clock::now_ms())?;

    let (service, action) = api::call_name(&parts.method, &segments);
    let plan = app.faults.plan(&service, &action);
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    if plan.api_error {
        return Err(ApiError::internal());
    }
    let request = ApiRequest {
        generation,
        method: parts.method,
        segments,
        params,
        file: read.file,
    };
    api::dispatch(&app, request).await
}

/// The call an API request makes, for the fault layer: the resource (`videos`) and the action (`list`,
/// `get`, `create`, …); a multipart `POST /videos.json` carries an upload. At a session location the call
/// is `upload.part` (an upload), `upload.status` or `upload.abort`.
fn call_of(req: &Request) -> Option<Call> {
    if req.uri().path() == UPLOAD_LOCATION {
        let action = match *req.method() {
            Method::GET => "status",
            Method::DELETE => "abort",
            _ => "part",
        };
        return Some(Call {
            service: "upload".to_owned(),
            action: action.to_owned(),
            upload: action == "part",
        });
    }
    let segments = segments(resource_path(req.uri().path()))?;
    let (service, action) = api::call_name(req.method(), &segments);
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    Some(Call {
        upload: multipart && req.method() == Method::POST,
        service,
        action,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_paths_have_segments() {
        assert_eq!(
            segments("/videos/abc.json"),
            Some(vec!["videos".to_owned(), "abc".to_owned()])
        );
        assert_eq!(segments("/videos"), None);
        assert_eq!(resource_path("/v3.0/videos.json"), "/videos.json");
        assert_eq!(resource_path("/flip/3.1/videos.json"), "/videos.json");
    }
}
