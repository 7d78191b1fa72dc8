//! Security headers every answer gets, whichever area made it, so that a new
//! page or call cannot forget them:
//!
//! - `X-Content-Type-Options: nosniff` on everything: a browser must not
//!   read an uploaded caption or a JSON answer as HTML or script.
//! - `Cache-Control: no-store` on every `/service/*` answer and every HTML
//!   page: `get_media`, the player pages and `kaltura_session_start` carry a
//!   Kaltura session, and the forms and admin pages an API key or a CSRF
//!   token, none of which may stay in a shared or browser cache.
//! - A `Content-Security-Policy` on every HTML page that did not set its own
//!   (error pages, for instance): nothing but KTS's own files.
//!
//! Headers a handler set itself are kept.

use axum::extract::{OriginalUri, Request};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The policy of HTML pages that bring none: KTS's own styles and images,
/// no script, no framing.
pub(crate) const DEFAULT_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the headers above to the answer of `request`.
pub(crate) async fn add_security_headers(request: Request, next: Next) -> Response {
    // The path as the client sent it (a nested area sees its own part only).
    let path = match request.extensions().get::<OriginalUri>() {
        Some(OriginalUri(uri)) => uri.path(),
        None => request.uri().path(),
    };
    let is_service = is_service_path(path);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let is_html = is_html(headers);
    if is_html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        );
    }
    if (is_service || is_html) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn is_service_path(path: &str) -> bool {
    path == "/service" || path.starts_with("/service/")
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .get(..9)
                .is_some_and(|start| start.eq_ignore_ascii_case("text/html"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::middleware;
    use axum::response::{Html, IntoResponse};
    use axum::routing::get;
    use tower::ServiceExt;

    fn app() -> Router {
        Router::new()
            .route("/page", get(|| async { Html("<p>hi</p>") }))
            .route(
                "/own-policy",
                get(|| async {
                    (
                        [
                            (header::CONTENT_SECURITY_POLICY, "default-src 'self'"),
                            (header::CACHE_CONTROL, "max-age=60"),
                        ],
                        Html("<p>hi</p>"),
                    )
                        .into_response()
                }),
            )
            .route("/service/get_media", get(|| async { "{}" }))
            .route("/static/app.css", get(|| async { "body{}" }))
            .layer(middleware::from_fn(add_security_headers))
    }

    async fn headers_of(path: &str) -> HeaderMap {
        let request = Request::get(path).body(Body::empty()).unwrap();
        app().oneshot(request).await.unwrap().headers().clone()
    }

    #[tokio::test]
    async fn every_answer_forbids_content_sniffing() {
        for path in ["/page", "/service/get_media", "/static/app.css", "/nowhere"] {
            let headers = headers_of(path).await;
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        }
    }

    #[tokio::test]
    async fn html_pages_without_a_policy_get_the_strict_one_and_no_store() {
        let headers = headers_of("/page").await;
        assert_eq!(headers[header::CONTENT_SECURITY_POLICY], DEFAULT_CSP);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    }

    #[tokio::test]
    async fn a_page_keeps_the_policy_and_caching_it_set_itself() {
        let headers = headers_of("/own-policy").await;
        assert_eq!(
            headers[header::CONTENT_SECURITY_POLICY],
            "default-src 'self'"
        );
        assert_eq!(headers[header::CACHE_CONTROL], "max-age=60");
    }

    #[tokio::test]
    async fn service_answers_are_never_stored_but_assets_may_be() {
        let headers = headers_of("/service/get_media").await;
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        let headers = headers_of("/static/app.css").await;
        assert!(!headers.contains_key(header::CACHE_CONTROL));
        assert!(!headers.contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
