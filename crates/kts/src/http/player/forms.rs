//! The old service's demo forms, now with a progress bar: `/` uploads a
//! media file through `/service/upload_file`, `/thumnail_demo` (sic) a
//! thumbnail through `/service/update_thumbnail_file`. The browser sends the
//! API key typed in the form (or given as `api_key` in the page's URL) as a
//! bearer token.

use askama::Template;
use axum::extract::Query;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::http::legacy::error::legacy_failure;

/// Content-Security-Policy of the forms: KTS's own files only.
const FORM_CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
     connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'";

/// Longest `api_key` or `id` prefilled from the URL.
const MAX_PREFILL: usize = 256;

/// Values the page's URL may prefill.
#[derive(Debug, Deserialize)]
pub(crate) struct Prefill {
    #[serde(default)]
    api_key: String,
    #[serde(default)]
    id: String,
}

#[derive(Template)]
#[template(path = "player/upload_form.html")]
struct UploadFormPage {
    api_key: String,
}

#[derive(Template)]
#[template(path = "player/thumbnail_form.html")]
struct ThumbnailFormPage {
    api_key: String,
    id: String,
}

fn bounded(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_PREFILL)
        .collect()
}

fn form_response(html: Result<String, askama::Error>) -> Response {
    match html {
        Ok(html) => {
            let mut response = Html(html).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(FORM_CSP),
            );
            headers.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
            response
        }
        Err(error) => {
            tracing::error!(error = %error, "form page could not be rendered");
            legacy_failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be rendered".into(),
            )
        }
    }
}

/// `GET /`: the upload form.
pub(crate) async fn upload_form(Query(prefill): Query<Prefill>) -> Response {
    form_response(
        UploadFormPage {
            api_key: bounded(&prefill.api_key),
        }
        .render(),
    )
}

/// `GET /thumnail_demo`: the thumbnail upload form.
pub(crate) async fn thumbnail_form(Query(prefill): Query<Prefill>) -> Response {
    form_response(
        ThumbnailFormPage {
            api_key: bounded(&prefill.api_key),
            id: bounded(&prefill.id),
        }
        .render(),
    )
}
