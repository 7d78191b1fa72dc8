//! The one error type of the crate, with classifiers so callers never match message strings.

use std::fmt;
use std::time::Duration;

use crate::ks::KsError;

/// An error returned by Kaltura itself (a serialized `KalturaAPIException`, kaltura-api-v3.md 3.4).
///
/// `code`, `message` and `args` are kept verbatim: the code is the contract, the message is for display.
/// `Debug` and the `Display` of [`Error`] shorten a KS that `INVALID_KS` echoes back, so logging an error
/// never logs a whole session.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Kaltura's error code, e.g. `ENTRY_ID_NOT_FOUND`.
    pub code: String,
    /// Kaltura's message with its arguments filled in.
    pub message: String,
    /// The message's arguments, name → value, in the order the server sent them.
    pub args: Vec<(String, String)>,
}

impl ApiError {
    /// The value of the argument `name`, if the server sent it.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `text` with the KS an `INVALID_KS` error carries (argument `KSID`) cut to a prefix.
    fn redact(&self, text: &str) -> String {
        match self.arg("KSID") {
            Some(ks) if self.code == "INVALID_KS" && ks.len() > 16 => {
                let prefix: String = ks.chars().take(12).collect();
                text.replace(ks, &format!("{prefix}…"))
            }
            _ => text.to_owned(),
        }
    }

    /// The message, safe for logs.
    pub fn redacted_message(&self) -> String {
        self.redact(&self.message)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(n, v)| (n.as_str(), self.redact(v)))
            .collect();
        f.debug_struct("ApiError")
            .field("code", &self.code)
            .field("message", &self.redacted_message())
            .field("args", &args)
            .finish()
    }
}

/// Everything that can go wrong talking to Kaltura.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Kaltura answered with an API error.
    #[error("kaltura {service}.{action} failed with {code}: {message}", code = .error.code, message = .error.redacted_message())]
    Api {
        /// Service of the failed call.
        service: String,
        /// Action of the failed call.
        action: String,
        /// The error as Kaltura sent it.
        error: ApiError,
    },
    /// The request could not be sent or its answer not received (connection refused, reset, TLS…).
    #[error("kaltura {service}.{action} could not be reached")]
    Transport {
        /// Service of the failed call.
        service: String,
        /// Action of the failed call.
        action: String,
        /// The underlying failure.
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer within the configured per-request timeout.
    #[error("kaltura {service}.{action} timed out after {after:?}")]
    Timeout {
        /// Service of the failed call.
        service: String,
        /// Action of the failed call.
        action: String,
        /// The timeout that expired.
        after: Duration,
    },
    /// The server answered with an HTTP status other than 200 (Kaltura reports API errors with 200).
    #[error("kaltura {service}.{action} answered http status {status}")]
    HttpStatus {
        /// Service of the failed call.
        service: String,
        /// Action of the failed call.
        action: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The answer could not be decoded into the expected type.
    #[error("kaltura {service}.{action} answered something undecodable: {detail}")]
    Decode {
        /// Service of the call.
        service: String,
        /// Action of the call.
        action: String,
        /// What did not fit.
        detail: String,
    },
    /// The answer was larger than the configured limit.
    #[error("kaltura answer exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A KS could not be built or parsed.
    #[error("invalid kaltura session")]
    Ks(#[from] KsError),
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
    /// The server lost bytes an upload had already sent, and the source cannot be rewound.
    #[error(
        "upload token {token} holds {server_size} bytes, before the retained chunk at {offset}"
    )]
    UploadCannotResume {
        /// The upload token id.
        token: String,
        /// Bytes the server reports.
        server_size: u64,
        /// Offset of the chunk the client still holds.
        offset: u64,
    },
    /// A multirequest slot was taken twice, or belongs to another batch.
    #[error("multirequest slot {index} is not available")]
    MultirequestSlot {
        /// The slot's index.
        index: usize,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Kaltura's error code when this is an API error (`ENTRY_ID_NOT_FOUND`, `INVALID_KS`, …).
    pub fn kaltura_code(&self) -> Option<&str> {
        match self {
            Self::Api { error, .. } => Some(&error.code),
            _ => None,
        }
    }

    /// The API error as Kaltura sent it, if this is one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether trying again later may succeed: transport failures, timeouts, 5xx answers and Kaltura's
    /// internal error. Whether a retry is *safe* also depends on the call (see `retry`).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout { .. } => true,
            Self::HttpStatus { status, .. } => *status >= 500 || *status == 429,
            Self::Api { error, .. } => matches!(
                error.code.as_str(),
                "INTERNAL_SERVERL_ERROR" | "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE"
            ),
            _ => false,
        }
    }

    /// Whether the object asked for does not exist (entry, asset, token, params, profile).
    pub fn is_not_found(&self) -> bool {
        self.kaltura_code().is_some_and(|code| {
            matches!(
                code,
                "ENTRY_ID_NOT_FOUND"
                    | "THUMB_ASSET_ID_NOT_FOUND"
                    | "CAPTION_ASSET_ID_NOT_FOUND"
                    | "UPLOAD_TOKEN_NOT_FOUND"
                    | "FLAVOR_PARAMS_ID_NOT_FOUND"
                    | "FLAVOR_ASSET_ID_NOT_FOUND"
                    | "CONVERSION_PROFILE_ID_NOT_FOUND"
                    | "INVALID_OBJECT_ID"
            )
        })
    }

    /// Whether Kaltura refused the session (`INVALID_KS`): expired, wrong secret, ended.
    pub fn is_invalid_ks(&self) -> bool {
        self.kaltura_code() == Some("INVALID_KS")
    }

    /// Whether the request surely never reached the server, so even a creating call may be re-sent.
    pub(crate) fn is_connect_failure(&self) -> bool {
        matches!(self, Self::Transport { source, .. } if source.is_connect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: &str) -> Error {
        Error::Api {
            service: "media".into(),
            action: "get".into(),
            error: ApiError {
                code: code.into(),
                message: "m".into(),
                args: vec![("ENTRY_ID".into(), "0_x".into())],
            },
        }
    }

    #[test]
    fn classifiers_tell_codes_apart() {
        assert!(api("ENTRY_ID_NOT_FOUND").is_not_found());
        assert!(!api("ENTRY_ID_NOT_FOUND").is_retryable());
        assert!(api("INTERNAL_SERVERL_ERROR").is_retryable());
        assert!(api("INVALID_KS").is_invalid_ks());
        assert_eq!(api("X").kaltura_code(), Some("X"));
        assert_eq!(
            api("X").api_error().and_then(|e| e.arg("ENTRY_ID")),
            Some("0_x")
        );
        let http = Error::HttpStatus {
            service: "s".into(),
            action: "a".into(),
            status: 503,
        };
        assert!(http.is_retryable());
        assert_eq!(http.kaltura_code(), None);
        let http = Error::HttpStatus {
            service: "s".into(),
            action: "a".into(),
            status: 404,
        };
        assert!(!http.is_retryable());
    }

    #[test]
    fn an_echoed_ks_is_shortened_in_display_and_debug_but_kept_in_the_fields() {
        let ks = "djJ8MTAwfP3UobE4uzYV6pyj4Ignsa2lFMRp1tbv88NDIswFJA3t";
        let error = Error::Api {
            service: "media".into(),
            action: "get".into(),
            error: ApiError {
                code: "INVALID_KS".into(),
                message: format!("Invalid KS \"{ks}\", Error \"-1,INVALID_STR\""),
                args: vec![("KSID".into(), ks.into())],
            },
        };
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(ks), "{shown}");
        assert!(shown.contains("djJ8MTAwfP3U…"), "{shown}");
        assert!(error.api_error().unwrap().message.contains(ks));
    }

    #[test]
    fn messages_name_the_call_and_keep_the_code() {
        let text = api("ENTRY_ID_NOT_FOUND").to_string();
        assert!(
            text.contains("media.get") && text.contains("ENTRY_ID_NOT_FOUND"),
            "{text}"
        );
    }
}
