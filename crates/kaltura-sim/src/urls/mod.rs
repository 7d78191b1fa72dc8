//! The URL services outside api_v3 (kaltura-api-v3.md 14, 15): `thumbnail`,
//! `raw`, `download`, `flvclipper`, `playManifest`, `serveFlavor` and the
//! player loaders, in their three spellings (`/p/{pid}/sp/{pid}00/{service}/…`,
//! `/p/{pid}/{service}/…`, `/index.php/extwidget/{service}/…`). Parameters are
//! `/name/value` path pairs, or query-string pairs. Errors follow the real
//! server: empty body with `X-Kaltura: error-N` headers.

pub(crate) mod asset_serve;
mod files;
mod player;
mod thumbnail;

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;

use crate::state::AppState;
use crate::store::{Entry, entry_status};

/// Most path pairs and query pairs read from one URL.
const MAX_PARAMS: usize = 64;

/// The URL-service routes, to merge into the simulator's router.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/p/{partner}/{*rest}", get(by_partner_path))
        .route("/index.php/extwidget/{*rest}", get(by_extwidget_path))
        .route("/index.php/keditorservices/{*rest}", get(by_extwidget_path))
}

/// The `/name/value` pairs and query parameters of a URL service call.
#[derive(Debug, Default, Clone)]
pub(crate) struct UrlParams(BTreeMap<String, String>);

impl UrlParams {
    /// Reads the pairs after the service name, then the query string (path
    /// pairs win). A key without a value (the `a.mp4` file-name hint) is
    /// ignored.
    pub(crate) fn parse(segments: &[&str], query: Option<&str>) -> Self {
        let mut map = BTreeMap::new();
        if let Some(q) = query {
            for (k, v) in url::form_urlencoded::parse(q.as_bytes()).take(MAX_PARAMS) {
                map.insert(k.into_owned(), v.into_owned());
            }
        }
        for pair in segments.chunks(2).take(MAX_PARAMS) {
            if let [key, value] = pair {
                let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
                map.insert(decode(key), decode(value));
            }
        }
        Self(map)
    }

    /// A parameter's value; empty values count as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A boolean switch such as `forceproxy/true` or `iframeembed=true`.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"))
    }
}

async fn by_partner_path(State(app): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // ["p", pid, ("sp", sub,)? service, …]
    let partner = segments.get(1).and_then(|p| p.parse::<i64>().ok());
    segments.drain(..segments.len().min(2));
    if segments.first() == Some(&"sp") {
        segments.drain(..segments.len().min(2));
    }
    route(app, partner, &segments, req).await
}

async fn by_extwidget_path(State(app): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).skip(2).collect();
    route(app, None, &segments, req).await
}

async fn route(app: AppState, partner: Option<i64>, segments: &[&str], req: Request) -> Response {
    let Some((service, pairs)) = segments.split_first() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let params = UrlParams::parse(pairs, req.uri().query());
    let partner = partner
        .or_else(|| params.get("partner_id").and_then(|p| p.parse().ok()))
        .or_else(|| params.get("p").and_then(|p| p.parse().ok()))
        .unwrap_or_else(|| app.partners.first().map_or(0, |p| p.id));
    let base_url = app.config.base_url.clone();
    match service.to_ascii_lowercase().as_str() {
        "thumbnail" => thumbnail::serve(&app, &params).await,
        "raw" => files::raw(&app, &params, req).await,
        "download" => files::download(&app, &params, req).await,
        "flvclipper" => files::flvclipper(&app, &params, req).await,
        "playmanifest" => files::play_manifest(&app, &params),
        "serveflavor" => files::serve_flavor(&app, &params, req).await,
        "embedplaykitjs" => player::serve(player::Loader::Playkit, &base_url, partner, &params),
        "embediframejs" => player::serve(player::Loader::Iframe, &base_url, partner, &params),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// An error of the URL services: empty body, HTTP 404, `X-Kaltura` headers
/// (kaltura-api-v3.md 14).
pub(crate) fn url_error(code: u16, description: &str) -> Response {
    let mut response = StatusCode::NOT_FOUND.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("error-{code}")) {
        headers.insert("x-kaltura", v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("exiting on error {code} - {description}")) {
        headers.insert("x-kaltura-app", v);
    }
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    response
}

/// An error of the URL services before it becomes a response.
#[derive(Debug, Clone, Copy)]
struct UrlError {
    code: u16,
    description: &'static str,
}

impl IntoResponse for UrlError {
    fn into_response(self) -> Response {
        url_error(self.code, self.description)
    }
}

/// The entry a URL names: unknown → error 1, deleted → error 9.
fn find_entry(app: &AppState, entry_id: Option<&str>) -> Result<Entry, UrlError> {
    let error = |code, description| Err(UrlError { code, description });
    let Some(entry_id) = entry_id else {
        return error(20, "Request parameter [entry_id] is missing");
    };
    match app.store.read(|d| d.entries.get(entry_id).cloned()) {
        None => error(1, "requested entry not found"),
        Some(e) if e.status == entry_status::DELETED => {
            error(9, "requested entry is deleted or rejected")
        }
        Some(e) => Ok(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_pairs_win_over_the_query_and_are_decoded() {
        let p = UrlParams::parse(
            &["entry_id", "0_abc", "width", "20%30", "a.mp4"],
            Some("width=5&ks=x"),
        );
        assert_eq!(p.get("entry_id"), Some("0_abc"));
        assert_eq!(p.get("width"), Some("200"));
        assert_eq!(p.get("ks"), Some("x"));
        assert_eq!(p.get("a.mp4"), None);
    }

    #[test]
    fn flags_accept_true_and_one() {
        let p = UrlParams::parse(
            &["forceproxy", "true", "direct_serve", "0"],
            Some("iframeembed=1"),
        );
        assert!(p.flag("forceproxy") && p.flag("iframeembed"));
        assert!(!p.flag("direct_serve") && !p.flag("missing"));
    }
}
