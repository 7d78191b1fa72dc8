//! Failures in the legacy shape (kts-legacy-api.md, "General rules": "Keep
//! that shape for every failure"): `{"success": false, "messages": [...]}`,
//! or `{"success": false, "message": TEXT}` for the calls that used it, with
//! the statuses of `http::error`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::Error;
use crate::http::error::{Rejected, client_message, finish_error_response, status_of};

/// An error answered in the legacy shape. Handlers return
/// `Result<_, LegacyError>` and use `?` on anything convertible to
/// `kts::Error`.
#[derive(Debug)]
pub struct LegacyError(pub Error);

impl<E> From<E> for LegacyError
where
    E: Into<Error>,
{
    fn from(error: E) -> Self {
        LegacyError(error.into())
    }
}

/// A JSON answer with the legacy content type
/// (`application/json; charset=utf-8`).
pub fn json_answer(status: StatusCode, body: serde_json::Value) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// The legacy failure body with `status`.
pub fn legacy_failure(status: StatusCode, message: String) -> Response {
    json_answer(status, json!({ "success": false, "messages": [message] }))
}

/// An error answered in the shape some media calls use instead:
/// `{"success": false, "message": TEXT}` (kts-legacy-api.md: `get_media`,
/// `del_media`). Same statuses as [`LegacyError`].
#[derive(Debug)]
pub struct LegacyMessageError(pub Error);

impl<E> From<E> for LegacyMessageError
where
    E: Into<Error>,
{
    fn from(error: E) -> Self {
        LegacyMessageError(error.into())
    }
}

impl IntoResponse for LegacyMessageError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        let body = json!({ "success": false, "message": client_message(&self.0) });
        finish_error_response(json_answer(status, body), Arc::new(self.0))
    }
}

impl IntoResponse for LegacyError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        let response = legacy_failure(status, client_message(&self.0));
        finish_error_response(response, Arc::new(self.0))
    }
}

/// Gives refusals of the shared extractors ([`Rejected`], such as a missing
/// API key) the legacy body; status, headers and the log report stay.
pub async fn render_rejections(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let Some(Rejected(error)) = response.extensions().get::<Rejected>().cloned() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.extensions.remove::<Rejected>();
    let body = json!({ "success": false, "messages": [client_message(&error)] });
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body.to_string()))
}

/// Answers a panic in a handler with the legacy 500 body (the panic message
/// is logged, not sent).
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "handler panicked");
    legacy_failure(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error".to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::InstanceId;

    async fn body_of(response: Response) -> serde_json::Value {
        let bytes = axum::body::to_bytes(response.into_body(), 10_000)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn unknown_instance_is_404_naming_the_id() {
        let response =
            LegacyError(Error::UnknownInstance(InstanceId::new(7).unwrap())).into_response();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/json; charset=utf-8"
        );
        let body = body_of(response).await;
        assert_eq!(body["success"], false);
        assert_eq!(body["messages"][0], "unknown instance 7");
    }

    #[tokio::test]
    async fn server_errors_carry_the_error_for_the_log_but_not_its_cause() {
        let io = std::io::Error::other("/secret/path/on/host");
        let error = Error::Spool(crate::ingest::spool::SpoolError::Io(io));
        let response = LegacyError(error).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            response
                .extensions()
                .get::<crate::http::error::ServerErrorReport>()
                .is_some()
        );
        let body = body_of(response).await;
        assert!(!body.to_string().contains("/secret/path"), "{body}");
    }

    #[tokio::test]
    async fn a_refused_key_gets_the_legacy_body_with_its_status_and_challenge() {
        let app = axum::Router::new()
            .route(
                "/",
                axum::routing::get(|| async {
                    crate::http::error::rejection(Error::ApiKeyMissing)
                }),
            )
            .layer(axum::middleware::from_fn(render_rejections));
        let request = Request::get("/").body(Body::empty()).unwrap();
        let response = tower::ServiceExt::oneshot(app, request).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
        let body = body_of(response).await;
        assert_eq!(body["success"], false);
        assert!(
            body["messages"][0].as_str().unwrap().contains("API key"),
            "{body}"
        );
    }
}
