//! The one error type of the crate, with classifiers so callers never match message strings.
//!
//! Nothing here holds a credential: a failed request is named by its method and path (the query string,
//! which carries the access key and signature, is left out), and transport errors drop their URL.

use std::time::Duration;

/// Everything that can go wrong talking to Telestream Cloud.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The platform answered with a status outside 2xx. `error` and `message` are its JSON body's fields,
    /// verbatim (telestream-cloud.md 7), absent when the body had none (a 500 answers an empty body).
    #[error("telestream {method} {path} answered {status}{}", describe(.error, .message))]
    Api {
        /// Method of the failed call.
        method: &'static str,
        /// Resource path of the failed call, without the query string.
        path: String,
        /// The HTTP status.
        status: u16,
        /// The platform's error name, e.g. `RecordNotFound`, `NotAuthorized`.
        error: Option<String>,
        /// The platform's message, e.g. `Couldn't find Video with ID=X`.
        message: Option<String>,
    },
    /// The request could not be sent or its answer not received (connection refused, reset, TLS…).
    #[error("telestream {method} {path} could not be reached")]
    Transport {
        /// Method of the failed call.
        method: &'static str,
        /// Resource path of the failed call.
        path: String,
        /// The underlying failure, without its URL.
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer within the configured timeout.
    #[error("telestream {method} {path} timed out after {after:?}")]
    Timeout {
        /// Method of the failed call.
        method: &'static str,
        /// Resource path of the failed call.
        path: String,
        /// The timeout that expired.
        after: Duration,
    },
    /// The answer could not be decoded into the expected type.
    #[error("telestream {method} {path} answered something undecodable: {detail}")]
    Decode {
        /// Method of the call.
        method: &'static str,
        /// Resource path of the call.
        path: String,
        /// What did not fit.
        detail: String,
    },
    /// The answer was larger than the configured limit.
    #[error("telestream answer exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The client configuration is invalid (named setting and reason).
    #[error("invalid client configuration: {setting}: {reason}")]
    Config {
        /// The setting at fault.
        setting: &'static str,
        /// Why it is refused.
        reason: String,
    },
    /// Reading the upload source failed.
    #[error("reading the upload source failed")]
    Io(#[from] std::io::Error),
    /// An upload session still misses parts after every allowed attempt.
    #[error("upload session still misses {} parts (first {:?})", .missing.len(), .missing.first())]
    UploadIncomplete {
        /// The part indices the server reports missing.
        missing: Vec<u64>,
    },
}

/// `: <error>: <message>` with whatever the platform sent.
fn describe(error: &Option<String>, message: &Option<String>) -> String {
    match (error, message) {
        (Some(error), Some(message)) => format!(": {error}: {message}"),
        (Some(text), None) | (None, Some(text)) => format!(": {text}"),
        (None, None) => String::new(),
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The HTTP status, when the platform answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The platform's `error` name (`RecordNotFound`, `NotAuthorized`, `BadRequest`, …), when it sent one.
    pub fn platform_error(&self) -> Option<&str> {
        match self {
            Self::Api { error, .. } => error.as_deref(),
            _ => None,
        }
    }

    /// The platform's `message`, when it sent one.
    pub fn platform_message(&self) -> Option<&str> {
        match self {
            Self::Api { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// Whether the object asked for does not exist: status 404 or the `RecordNotFound` error.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404) || self.platform_error() == Some("RecordNotFound")
    }

    /// Whether the platform refused the credentials (401/403, `NotAuthorized`). Not retryable: a wrong
    /// key stays wrong, and an expired signature means the clock is off.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self.status(), Some(401 | 403)) || self.platform_error() == Some("NotAuthorized")
    }

    /// Whether trying again later may succeed: transport failures, timeouts, 5xx and 429. Whether a retry
    /// is *safe* also depends on the call (see `RetryPolicy`).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout { .. } => true,
            Self::Api { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// Whether the request surely never reached the server, so even a creating call may be re-sent.
    pub(crate) fn is_connect_failure(&self) -> bool {
        matches!(self, Self::Transport { source, .. } if source.is_connect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, error: Option<&str>, message: Option<&str>) -> Error {
        Error::Api {
            method: "GET",
            path: "/videos/abc.json".into(),
            status,
            error: error.map(Into::into),
            message: message.map(Into::into),
        }
    }

    #[test]
    fn a_missing_record_is_not_found_and_not_retryable() {
        let error = api(
            404,
            Some("RecordNotFound"),
            Some("Couldn't find Video with ID=abc"),
        );
        assert!(error.is_not_found());
        assert!(!error.is_retryable());
        assert_eq!(error.platform_error(), Some("RecordNotFound"));
        assert_eq!(
            error.platform_message(),
            Some("Couldn't find Video with ID=abc")
        );
        assert_eq!(error.status(), Some(404));
    }

    #[test]
    fn server_errors_and_throttling_are_retryable_client_errors_are_not() {
        assert!(api(500, None, None).is_retryable());
        assert!(api(503, None, None).is_retryable());
        assert!(api(429, None, None).is_retryable());
        assert!(!api(400, Some("BadRequest"), None).is_retryable());
        assert!(!api(500, None, None).is_not_found());
    }

    #[test]
    fn refused_signatures_are_unauthorized() {
        let error = api(401, Some("NotAuthorized"), Some("Signatures expired"));
        assert!(error.is_unauthorized());
        assert!(!error.is_retryable());
        assert!(!api(404, None, None).is_unauthorized());
    }

    #[test]
    fn display_names_the_call_and_keeps_the_platform_words() {
        let text = api(401, Some("NotAuthorized"), Some("Signatures do not match")).to_string();
        assert_eq!(
            text,
            "telestream GET /videos/abc.json answered 401: NotAuthorized: Signatures do not match"
        );
        assert_eq!(
            api(500, None, None).to_string(),
            "telestream GET /videos/abc.json answered 500"
        );
    }
}
