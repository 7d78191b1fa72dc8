//! The one error type of the crate, with classifiers so callers never match message strings.

use std::fmt;
use std::time::Duration;

use crate::ks::KsError;

/// An error returned by Kaltura itself (a serialized `KalturaAPIException`, kaltura-api-v3.md 3.4).
///
/// `code`, `message` and `args` are kept verbatim: the code is the contract, the message is for display.
/// `Debug` and the `Display` of [`Error`] show them through [`redact_secrets`], so logging an error never
/// logs a session that `INVALID_KS` echoes back; code that passes a message on uses
/// [`ApiError::redacted_message`].
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

    /// The message with every session string and other secret removed (see [`redact_secrets`]): what a
    /// log line or an answer to somebody else may show.
    pub fn redacted_message(&self) -> String {
        redact_secrets(&self.message)
    }
}

/// Shortest run of token characters treated as a secret. A KS is a hundred characters or more, a partner's
/// secret 32; object ids (`0_abcd1234`) and upload token ids (`0_` and 32 hex digits) are kept.
const SECRET_MIN_LEN: usize = 32;

/// What replaces a secret in [`redact_secrets`].
pub const REDACTED: &str = "[redacted]";

/// `text` with every random-looking run of base64, base64url or hex characters of 32 or more replaced by
/// [`REDACTED`], except Kaltura object and upload token ids (`<digits>_<lower-case letters and digits>`).
///
/// Kaltura messages quote what they refused: `INVALID_KS` quotes the whole KS, and since a v2 KS carries
/// its partner id in clear, a quoted admin KS is a working admin session for anyone who reads it. Redacting
/// by shape rather than by the `KSID` argument also catches secrets quoted by other messages, by proxies
/// and in XML answers, whatever the code.
pub fn redact_secrets(text: &str) -> String {
    let is_token = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_token) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c: char| !is_token(c)).unwrap_or(run.len());
        let token = &run[..end];
        if looks_secret(token) {
            out.push_str(REDACTED);
        } else {
            out.push_str(token);
        }
        rest = &run[end..];
    }
    out.push_str(rest);
    out
}

/// A long run that is random-looking: base64 (upper case, lower case and digits together) or hex with
/// digits. Words joined by `_` (`UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE`, a file name) and Kaltura's own
/// ids are not.
fn looks_secret(token: &str) -> bool {
    let has = |f: fn(&u8) -> bool| token.as_bytes().iter().any(f);
    let base64 =
        has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase) && has(u8::is_ascii_digit);
    let hex = token.bytes().all(|b| b.is_ascii_hexdigit()) && has(u8::is_ascii_digit);
    token.len() >= SECRET_MIN_LEN && (base64 || hex) && !is_object_id(token)
}

/// `0_abcd1234` or `0_` and hex digits: ids Kaltura makes, safe to show.
fn is_object_id(token: &str) -> bool {
    token.split_once('_').is_some_and(|(dc, tail)| {
        !dc.is_empty()
            && dc.bytes().all(|b| b.is_ascii_digit())
            && !tail.is_empty()
            && tail
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(n, v)| (n.as_str(), redact_secrets(v)))
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
    fn an_echoed_ks_is_redacted_in_display_and_debug_but_kept_in_the_fields() {
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
        assert!(!shown.contains("djJ8MTAw"), "{shown}");
        assert!(shown.contains("Invalid KS \"[redacted]\""), "{shown}");
        assert!(error.api_error().unwrap().message.contains(ks));
    }

    #[test]
    fn secrets_are_redacted_by_shape_whatever_the_code() {
        let v1 = "MjE4YjRiZmQ1ZTJhNDY5ZmM0NzE4ZDYyNzVkZTk3NmZkMTRhNjkxZnwxMDA7MTAwOzE3MDA=";
        let v2_url_safe = "djJ8MTAwfP3UobE4uzYV6pyj4Ignsa2lFMRp1tbv88NDIswFJA3t-_x";
        let secret = "0123456789abcdef0123456789abcdef";
        for text in [
            format!("Invalid KS \"{v1}\", Error \"-1,INVALID_STR\""),
            format!("<error>ks={v2_url_safe}&x=1</error>"),
            format!("secret {secret} refused"),
            format!("/p/100/thumbnail/entry_id/0_abc/ks/{v2_url_safe}/width/9"),
        ] {
            let shown = redact_secrets(&text);
            for secret in [v1, v2_url_safe, secret] {
                assert!(!shown.contains(&secret[..20]), "{shown}");
            }
            assert!(shown.contains(REDACTED), "{shown}");
        }
    }

    #[test]
    fn ids_and_ordinary_words_survive_redaction() {
        let text = "Entry id \"0_abcd1234\" not found; upload token 0_0123456789abcdef0123456789abcdef \
                    is closed, Error \"-1,INVALID_STR\", UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE, \
                    file lecture_2024_introduction_to_biology_part_one.mp4";
        assert_eq!(redact_secrets(text), text);
        assert_eq!(redact_secrets(""), "");
        assert_eq!(redact_secrets("é ünïcode ✓"), "é ünïcode ✓");
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
