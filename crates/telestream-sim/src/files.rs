//! The factory storage: `/files/{factory_id}/{name}`, the place every factory `url` points at (sources,
//! and encoding outputs and screenshots once their encoding succeeded). Streamed by tower-http's `ServeFile`, which answers
//! Range requests (206), `If-Modified-Since` and HEAD.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sim_support::faults::KeepConnection;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::clock;
use crate::lifecycle::{EncodingStatus, encoding_status};
use crate::state::AppState;

/// Whether `name` in the factory may be served: not a file of an encoding still processing or failed
/// (output and screenshots are there from the start, but storage would not have them yet). An encoding's
/// files are named after its id: `ID.ext` or `ID_N.jpg`.
fn is_published(app: &AppState, factory_id: &str, name: &str) -> bool {
    let id = name.split(['.', '_']).next().unwrap_or_default();
    let delay = u64::try_from(app.config.encoding_delay.as_millis()).unwrap_or(u64::MAX);
    app.store.read(|d| match d.encodings.get(id) {
        Some(e) if e.factory_id == factory_id => {
            encoding_status(e, clock::now_ms(), delay) == EncodingStatus::Success
        }
        Some(_) => false,
        None => true,
    })
}

/// A file name that cannot leave the factory folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

pub(crate) async fn serve(
    State(app): State<AppState>,
    Path((factory_id, name)): Path<(String, String)>,
    req: Request,
) -> Response {
    if !is_plain_name(&factory_id)
        || !is_plain_name(&name)
        || !is_published(&app, &factory_id, &name)
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let path = app.store.factory_dir(&factory_id).join(&name);
    let mut response = match ServeFile::new(path).oneshot(req).await {
        Ok(r) => r.into_response(),
        Err(never) => match never {},
    };
    // Cutting a streamed file in half would mean reading it whole into memory.
    response.extensions_mut().insert(KeepConnection);
    response
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::http::header;
    use axum::routing::get;

    use super::*;
    use crate::state::Config;
    use crate::store::Store;

    fn app_with_file(bytes: &[u8]) -> Router {
        let store = Store::open(None).unwrap();
        let dir = store.factory_dir("f1");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("v1.mp4"), bytes).unwrap();
        let app = AppState {
            store: Arc::new(store),
            accounts: Arc::new(Vec::new()),
            faults: Default::default(),
            config: Arc::new(Config {
                base_url: "http://127.0.0.1".to_owned(),
                encoding_delay: Duration::ZERO,
                max_file_bytes: 1 << 20,
                part_size: 1000,
                idle_timeout: Duration::from_secs(1),
                fetch_timeout: Duration::from_secs(1),
                delivery: Default::default(),
            }),
            sessions: Default::default(),
            background: Default::default(),
            http: reqwest::Client::new(),
        };
        Router::new()
            .route("/files/{factory_id}/{name}", get(serve))
            .with_state(app)
    }

    async fn fetch(
        app: Router,
        uri: &str,
        range: Option<&str>,
    ) -> (StatusCode, Option<String>, Vec<u8>) {
        let mut builder = axum::http::Request::builder().uri(uri);
        if let Some(range) = range {
            builder = builder.header(header::RANGE, range);
        }
        let response = app
            .oneshot(builder.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let content_range = response
            .headers()
            .get(header::CONTENT_RANGE)
            .map(|v| v.to_str().unwrap().to_owned());
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, content_range, body.to_vec())
    }

    #[tokio::test]
    async fn a_range_request_answers_206_with_those_bytes() {
        let app = app_with_file(b"0123456789");
        let (status, range, body) = fetch(app, "/files/f1/v1.mp4", Some("bytes=2-5")).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(range.as_deref(), Some("bytes 2-5/10"));
        assert_eq!(body, b"2345");
    }

    #[tokio::test]
    async fn a_whole_file_answers_200_and_a_range_past_the_end_416() {
        let (status, _, body) = fetch(app_with_file(b"0123456789"), "/files/f1/v1.mp4", None).await;
        assert_eq!(
            (status, body.as_slice()),
            (StatusCode::OK, &b"0123456789"[..])
        );
        let (status, _, _) = fetch(
            app_with_file(b"0123456789"),
            "/files/f1/v1.mp4",
            Some("bytes=20-30"),
        )
        .await;
        assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
    }

    #[tokio::test]
    async fn names_that_could_leave_the_folder_are_not_found() {
        let (status, _, _) = fetch(app_with_file(b"x"), "/files/f1/..", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!is_plain_name("a/b"));
    }
}
