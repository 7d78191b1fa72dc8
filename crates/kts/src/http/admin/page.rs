//! Rendering admin pages and admin failures as HTML: templates are askama
//! structs (compiled in, HTML-escaped because they are named `*.html`), and
//! every failure of the area is an [`AdminError`] shown as a page.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::Error;
use crate::store::StoreError;

/// Content-Security-Policy of admin pages: only KTS's own stylesheet and
/// scripts, no inline script, no framing.
const ADMIN_CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
     img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Renders `template` as an admin page with `status`.
pub(crate) fn render<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(html) => with_page_headers((status, Html(html)).into_response()),
        Err(error) => AdminError::Render(error).into_response(),
    }
}

/// The headers of every admin page, error pages included: the policy, no
/// caching (pages carry CSRF tokens and instance data), no framing.
fn with_page_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(ADMIN_CSP),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The page shown on every admin URL while no credentials are configured.
#[derive(Template)]
#[template(path = "admin/closed.html")]
struct ClosedPage;

/// 503 with the page saying why the admin is closed and how to open it.
pub(crate) fn closed() -> Response {
    render(StatusCode::SERVICE_UNAVAILABLE, &ClosedPage)
}

/// What an admin request can fail with.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AdminError {
    /// A form came without the session's CSRF token.
    #[error("the form's security token is missing or stale: reload the page and try again")]
    Csrf,
    /// A form could not be read.
    #[error("the form could not be read: {0}")]
    BadForm(String),
    /// The page's subject does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The store failed.
    #[error("the instance store failed")]
    Store(#[from] StoreError),
    /// A KTS operation failed.
    #[error(transparent)]
    Kts(#[from] Error),
    /// A template could not be rendered.
    #[error("the page could not be rendered")]
    Render(#[source] askama::Error),
}

/// The page of a failed admin request.
#[derive(Template)]
#[template(path = "admin/error.html")]
struct ErrorPage<'a> {
    status: u16,
    message: &'a str,
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let status = match &self {
            AdminError::Csrf => StatusCode::FORBIDDEN,
            AdminError::BadForm(_) => StatusCode::BAD_REQUEST,
            AdminError::NotFound(_) => StatusCode::NOT_FOUND,
            AdminError::Store(_) | AdminError::Kts(_) | AdminError::Render(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        if status.is_server_error() {
            tracing::error!(error = ?self, "admin request failed");
        }
        let message = self.to_string();
        let page = ErrorPage {
            status: status.as_u16(),
            message: &message,
        };
        match page.render() {
            Ok(html) => with_page_headers((status, Html(html)).into_response()),
            // The error page itself failed: plain text, no template.
            Err(_) => (status, message).into_response(),
        }
    }
}

/// The answer to a form that could not be read: 413 only when it is over
/// the size limit; anything malformed (wrong encoding, wrong content type,
/// a field that does not fit) is the 400 page saying why.
pub(crate) fn form_rejected(rejection: FormRejection) -> Response {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return rejection.into_response();
    }
    AdminError::BadForm(rejection.body_text()).into_response()
}

/// Formats a Unix time for a table cell (UTC), `-` for none.
pub(crate) fn when(unix: Option<i64>) -> String {
    let Some(unix) = unix else {
        return "-".to_owned();
    };
    match cookie::time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => "-".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_utc_or_as_a_dash() {
        assert_eq!(when(Some(0)), "1970-01-01 00:00 UTC");
        assert_eq!(when(Some(1_700_000_000)), "2023-11-14 22:13 UTC");
        assert_eq!(when(None), "-");
        assert_eq!(when(Some(i64::MAX)), "-");
    }

    #[test]
    fn the_closed_page_explains_how_to_open_the_admin() {
        let response = closed();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn admin_error_pages_carry_the_admin_policy_and_are_not_stored() {
        for error in [
            AdminError::Csrf,
            AdminError::BadForm("x".into()),
            AdminError::NotFound("instance 9".into()),
        ] {
            let response = error.into_response();
            let headers = response.headers();
            assert_eq!(headers[header::CONTENT_SECURITY_POLICY], ADMIN_CSP);
            assert_eq!(headers[header::CACHE_CONTROL], "no-store");
            assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
        }
    }
}
