//! The one place where `kts::Error` gets its HTTP status (kts-legacy-api.md,
//! "General rules": 400 bad input, 404 unknown instance or entry, 413
//! oversized upload, 502/504 failing or unreachable platform), whatever the
//! surface: each surface shapes the body itself (`legacy/error.rs` the
//! legacy `{"success": false, ...}`).
//!
//! Server errors are not logged here but by [`log_server_errors`], once, with
//! their cause chain: the response carries the error in its extensions.
//! Extractor rejections shared by every surface ([`Rejected`]) carry the
//! error too, for the surface's layer to render.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// The error behind a 5xx response, for [`log_server_errors`].
#[derive(Debug, Clone)]
pub(crate) struct ServerErrorReport(Arc<Error>);

/// The status a `kts::Error` is answered with.
pub(crate) fn status_of(error: &Error) -> StatusCode {
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
        // The request is well formed; this instance's platform cannot do it.
        Error::NotSupported { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Store(_) | Error::Spool(_) | Error::Export(_) | Error::Interrupted(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// The message shown to the client. Client errors explain themselves, with
/// the id rule that was broken; server errors say only what failed, never
/// SQL, a file path or a secret (the cause goes to the log).
pub(crate) fn client_message(error: &Error) -> String {
    match error {
        Error::InvalidId { name, source } => format!("invalid parameter {name}: {source}"),
        other => other.to_string(),
    }
}

/// Adds what every error response carries: the auth challenge for a missing
/// key, and the error itself for the log-once layer when it is a 5xx.
pub(crate) fn finish_error_response(mut response: Response, error: Arc<Error>) -> Response {
    if matches!(error.as_ref(), Error::ApiKeyMissing | Error::ApiKeyInvalid) {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"kts\""),
        );
    }
    if response.status().is_server_error() {
        response.extensions_mut().insert(ServerErrorReport(error));
    }
    response
}

/// A request refused before its handler ran by an extractor every surface
/// shares (`ApiKey`): the response has the error's status and carries the
/// error here; each surface's layer gives it that surface's body
/// (`legacy::error::render_rejections`).
#[derive(Debug, Clone)]
pub(crate) struct Rejected(pub Arc<Error>);

/// The response to a shared extractor's refusal: status, auth challenge and
/// log report as for any error, the error in [`Rejected`], no body yet.
pub(crate) fn rejection(error: Error) -> Response {
    let error = Arc::new(error);
    let mut response = status_of(&error).into_response();
    response
        .extensions_mut()
        .insert(Rejected(Arc::clone(&error)));
    finish_error_response(response, error)
}

/// Logs each 5xx answer once, with the error's whole cause chain.
pub(crate) async fn log_server_errors(request: Request, next: Next) -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{EntryId, IdError, InstanceId};
    use crate::model::PlatformKind;

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

    #[test]
    fn a_refused_key_keeps_its_status_challenge_and_error_for_the_surface() {
        let response = rejection(Error::ApiKeyMissing);
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
        let Some(Rejected(error)) = response.extensions().get::<Rejected>() else {
            panic!("no rejected error in the response");
        };
        assert!(matches!(error.as_ref(), Error::ApiKeyMissing));
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
