//! The one place where `kts::Error` becomes HTTP: a status and the legacy
//! body `{"success": false, "messages": [...]}` (kts-legacy-api.md, "General
//! rules": 400 bad input, 404 unknown instance or entry, 413 oversized upload,
//! 502/504 failing or unreachable Kaltura).
//!
//! Server errors are not logged here but by [`log_server_errors`], once, with
//! their cause chain: the response carries the error in its extensions.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::Error;
use crate::http::legacy::json_answer;

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

/// The error behind a 5xx response, for [`log_server_errors`].
#[derive(Debug, Clone)]
struct ServerErrorReport(Arc<Error>);

/// The status a `kts::Error` is answered with.
pub fn status_of(error: &Error) -> StatusCode {
    match error {
        Error::UnknownInstance(_) | Error::EntryNotFound { .. } | Error::AssetNotFound { .. } => {
            StatusCode::NOT_FOUND
        }
        Error::MissingParameter(_)
        | Error::InvalidParameter { .. }
        | Error::InvalidId { .. }
        | Error::MalformedRequest(_) => StatusCode::BAD_REQUEST,
        Error::UploadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        Error::BodyStalled { .. } => StatusCode::REQUEST_TIMEOUT,
        Error::ApiKeyMissing | Error::ApiKeyInvalid => StatusCode::UNAUTHORIZED,
        Error::ApiKeyScope => StatusCode::FORBIDDEN,
        Error::PlatformUnreachable { .. } | Error::PlatformFailed { .. } => StatusCode::BAD_GATEWAY,
        Error::PlatformTimeout { .. } => StatusCode::GATEWAY_TIMEOUT,
        Error::NotSupported { .. } => StatusCode::NOT_IMPLEMENTED,
        Error::Store(_) | Error::Spool(_) | Error::Export(_) | Error::Interrupted(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// The message shown to the client. Client errors explain themselves, with
/// the id rule that was broken; server errors say only what failed, never
/// SQL, a file path or a secret (the cause goes to the log).
fn client_message(error: &Error) -> String {
    match error {
        Error::InvalidId { name, source } => format!("invalid parameter {name}: {source}"),
        other => other.to_string(),
    }
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
        finish_error_response(json_answer(status, body), self.0)
    }
}

/// Adds what every error response carries: the auth challenge for a missing
/// key, and the error itself for the log-once layer when it is a 5xx.
fn finish_error_response(mut response: Response, error: Error) -> Response {
    if matches!(error, Error::ApiKeyMissing | Error::ApiKeyInvalid) {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"kts\""),
        );
    }
    if response.status().is_server_error() {
        response
            .extensions_mut()
            .insert(ServerErrorReport(Arc::new(error)));
    }
    response
}

impl IntoResponse for LegacyError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        let response = legacy_failure(status, client_message(&self.0));
        finish_error_response(response, self.0)
    }
}

/// Logs each 5xx answer once, with the error's whole cause chain.
pub async fn log_server_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if let Some(ServerErrorReport(error)) = response.extensions().get::<ServerErrorReport>() {
        tracing::error!(
            %method,
            %path,
            status = response.status().as_u16(),
            error = %cause_chain(error.as_ref()),
            "request failed"
        );
    }
    response
}

/// "outer: inner: innermost".
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
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
    use crate::ids::{EntryId, IdError, InstanceId};
    use crate::model::PlatformKind;

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

    #[test]
    fn every_failure_gets_the_contract_status() {
        let one = InstanceId::DEFAULT;
        let entry: EntryId = "0_abc".parse().unwrap();
        let cases = [
            (
                Error::EntryNotFound {
                    instance: one,
                    entry,
                },
                404,
            ),
            (Error::MissingParameter("id"), 400),
            (
                Error::InvalidId {
                    name: "id",
                    source: IdError::EntryEmpty,
                },
                400,
            ),
            (Error::UploadTooLarge { limit: 10 }, 413),
            (Error::BodyStalled { seconds: 1 }, 408),
            (Error::ApiKeyMissing, 401),
            (Error::ApiKeyScope, 403),
            (
                Error::PlatformUnreachable {
                    instance: one,
                    platform: PlatformKind::Kaltura,
                },
                502,
            ),
            (
                Error::PlatformFailed {
                    instance: one,
                    platform: PlatformKind::Kaltura,
                    code: "X".into(),
                    message: "y".into(),
                },
                502,
            ),
            (
                Error::PlatformTimeout {
                    instance: one,
                    platform: PlatformKind::Kaltura,
                },
                504,
            ),
            (Error::Interrupted("caption inspection"), 500),
        ];
        for (error, status) in cases {
            assert_eq!(status_of(&error).as_u16(), status, "{error}");
        }
    }

    #[tokio::test]
    async fn server_errors_carry_the_error_for_the_log_but_not_its_cause() {
        let io = std::io::Error::other("/secret/path/on/host");
        let error = Error::Spool(crate::ingest::spool::SpoolError::Io(io));
        let response = LegacyError(error).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(response.extensions().get::<ServerErrorReport>().is_some());
        let body = body_of(response).await;
        assert!(!body.to_string().contains("/secret/path"), "{body}");
    }

    #[test]
    fn cause_chain_joins_every_source() {
        let io = std::io::Error::other("disk full");
        let error = Error::Spool(crate::ingest::spool::SpoolError::Io(io));
        assert_eq!(
            cause_chain(&error),
            "temporary upload file failed: cannot write the temporary upload file: disk full"
        );
    }
}
