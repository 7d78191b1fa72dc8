//! KTS's own stylesheet and scripts under `/static/`, compiled into the
//! binary (no CDN): the pages load nothing else from KTS.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::http::state::AppState;

/// Name, content type and bytes of every asset.
const ASSETS: [(&str, &str, &str); 4] = [
    (
        "kts.css",
        "text/css; charset=utf-8",
        include_str!("../../static/kts.css"),
    ),
    (
        "player.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/player.js"),
    ),
    (
        "thumbnail.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/thumbnail.js"),
    ),
    (
        "upload.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/upload.js"),
    ),
];

/// `/static/{name}`.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/static/{name}", get(asset))
}

async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, body)) => {
            let mut response = (*body).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
        }
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
