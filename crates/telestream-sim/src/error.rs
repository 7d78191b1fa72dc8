//! The API's refusals (telestream-cloud.md 7): JSON `{"error": "<Name>", "message": "<text>"}` with a
//! fitting status, the same shape in both generations; a 500 has an empty body.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A refused call: the status, the `error` name and the `message` the client sees.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) error: &'static str,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            error: "BadRequest",
            message: message.into(),
        }
    }

    pub(crate) fn not_authorized(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            error: "NotAuthorized",
            message: message.into(),
        }
    }

    /// `Couldn't find Video with ID=X`, Panda's wording.
    pub(crate) fn not_found(kind: &str, id: &str) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            error: "RecordNotFound",
            message: format!("Couldn't find {kind} with ID={id}"),
        }
    }

    pub(crate) fn file_too_large(limit: u64) -> Self {
        Self {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            error: "FileSizeLimitExceeded",
            message: format!("File size limit for this account is set to {limit} bytes"),
        }
    }

    /// A failure of the simulator itself (or an injected one): 500 with an empty body, as the service.
    pub(crate) fn internal() -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "",
            message: String::new(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            return self.status.into_response();
        }
        let body = serde_json::json!({"error": self.error, "message": self.message});
        (self.status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, String) {
        let response = error.into_response();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_refusal_answers_the_error_and_message_of_the_reference() {
        let (status, body) = body_of(ApiError::not_authorized("Signatures do not match")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            body,
            r#"{"error":"NotAuthorized","message":"Signatures do not match"}"#
        );
        let (status, body) = body_of(ApiError::not_found("Video", "abc")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            body,
            r#"{"error":"RecordNotFound","message":"Couldn't find Video with ID=abc"}"#
        );
    }

    #[tokio::test]
    async fn an_internal_error_has_an_empty_body() {
        assert_eq!(
            body_of(ApiError::internal()).await,
            (StatusCode::INTERNAL_SERVER_ERROR, String::new())
        );
    }
}
