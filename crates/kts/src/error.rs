//! `kts::Error`: what can go wrong in KTS, in the domain's words.
//!
//! No HTTP here: `http/error.rs` turns each variant into a status and a body.
//! Modules with their own vocabulary (the store, the upload spool) have their
//! own enums that convert with `#[from]`.

use crate::ids::{AssetId, EntryId, IdError, InstanceId};
use crate::ingest::spool::SpoolError;
use crate::store::StoreError;

/// Everything a KTS call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No Kaltura account is configured under this id.
    #[error("unknown instance {0}")]
    UnknownInstance(InstanceId),
    /// The instance has no entry with this id.
    #[error("entry {entry} not found in instance {instance}")]
    EntryNotFound {
        /// Where the entry was looked for.
        instance: InstanceId,
        /// The entry asked for.
        entry: EntryId,
    },
    /// The instance has no thumbnail or caption asset with this id.
    #[error("{kind} {asset} not found in instance {instance}")]
    AssetNotFound {
        /// Where the asset was looked for.
        instance: InstanceId,
        /// `thumbnail` or `caption`.
        kind: &'static str,
        /// The asset asked for.
        asset: AssetId,
    },
    /// A required parameter was not sent.
    #[error("missing parameter {0}")]
    MissingParameter(&'static str),
    /// A parameter was sent but cannot be used.
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter {
        /// The parameter's name as the client sent it.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// An id parameter does not hold an id.
    #[error("invalid parameter {name}")]
    InvalidId {
        /// The parameter's name as the client sent it.
        name: &'static str,
        /// Which rule the id broke.
        #[source]
        source: IdError,
    },
    /// The request body is not what the call accepts.
    #[error("malformed request: {0}")]
    MalformedRequest(String),
    /// An uploaded file or body is larger than the configured limit.
    #[error("upload too large: the limit is {limit} bytes")]
    UploadTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The client stopped sending its request body.
    #[error("the request body stalled for more than {seconds} seconds")]
    BodyStalled {
        /// The idle limit in seconds.
        seconds: u64,
    },
    /// No API key was sent and open access is off.
    #[error("an API key is required (Authorization: Bearer <key> or api_key parameter)")]
    ApiKeyMissing,
    /// The API key sent is unknown or revoked.
    #[error("the API key is not valid")]
    ApiKeyInvalid,
    /// The API key is valid but only for reading.
    #[error("the API key does not allow changes (scope read)")]
    ApiKeyScope,
    /// Kaltura could not be reached at all.
    #[error("kaltura of instance {instance} is unreachable")]
    KalturaUnreachable {
        /// The instance whose server failed.
        instance: InstanceId,
    },
    /// Kaltura did not answer within the configured time.
    #[error("kaltura of instance {instance} did not answer in time")]
    KalturaTimeout {
        /// The instance whose server was slow.
        instance: InstanceId,
    },
    /// Kaltura answered with an error.
    #[error("kaltura of instance {instance} failed with {code}: {message}")]
    KalturaFailed {
        /// The instance whose server failed.
        instance: InstanceId,
        /// Kaltura's error code, verbatim (`ENTRY_ID_NOT_FOUND`, …).
        code: String,
        /// Kaltura's message with session strings and other secrets removed
        /// ([`kaltura::redact_secrets`]): it reaches callers and logs.
        message: String,
    },
    /// The instance store failed.
    #[error("instance store failed")]
    Store(#[from] StoreError),
    /// Building an export file (spreadsheet) failed.
    #[error("building the spreadsheet failed: {0}")]
    Export(String),
    /// Spooling an upload to disk failed for a reason of the host.
    #[error("temporary upload file failed")]
    Spool(#[source] SpoolError),
    /// Work moved off the async threads ended without a result (it panicked,
    /// or the server is shutting down): the host's fault, not the client's.
    #[error("{0} stopped before it finished")]
    Interrupted(&'static str),
}

impl From<SpoolError> for Error {
    /// A spool that hit its limit is the client's fault (413); anything else
    /// is the host's.
    fn from(error: SpoolError) -> Self {
        match error {
            SpoolError::TooLarge { limit } => Error::UploadTooLarge { limit },
            other => Error::Spool(other),
        }
    }
}

impl Error {
    /// A failure of the Kaltura client while working for `instance`:
    /// unreachable (502), too slow (504) or failing with a code (502). Errors
    /// without a Kaltura code get a code of their own (`HTTP_503`,
    /// `INVALID_RESPONSE`, …) so the message always names what failed.
    /// Nothing Kaltura wrote reaches the caller or a log without its secrets
    /// removed: `INVALID_KS` quotes the session it refused.
    pub fn from_kaltura(instance: InstanceId, error: kaltura::Error) -> Self {
        let failed = |code: String, message: String| Error::KalturaFailed {
            instance,
            code: kaltura::redact_secrets(&code),
            message: kaltura::redact_secrets(&message),
        };
        match error {
            kaltura::Error::Transport { .. } => Error::KalturaUnreachable { instance },
            kaltura::Error::Timeout { .. } => Error::KalturaTimeout { instance },
            kaltura::Error::Api { error, .. } => failed(error.code, error.message),
            kaltura::Error::HttpStatus { status, .. } => {
                failed(format!("HTTP_{status}"), "unexpected http status".into())
            }
            kaltura::Error::Decode { detail, .. } => failed("INVALID_RESPONSE".into(), detail),
            kaltura::Error::ResponseTooLarge { limit } => failed(
                "RESPONSE_TOO_LARGE".into(),
                format!("answer exceeds {limit} bytes"),
            ),
            kaltura::Error::Ks(_) | kaltura::Error::Config { .. } => failed(
                "CLIENT_CONFIGURATION".into(),
                "the instance's settings cannot build a session".into(),
            ),
            kaltura::Error::Io(_) => failed(
                "UPLOAD_SOURCE".into(),
                "reading the temporary upload file failed".into(),
            ),
            other => failed("CLIENT_ERROR".into(), other.to_string()),
        }
    }

    /// Whether the caller sent something wrong (as opposed to KTS, the store
    /// or Kaltura failing).
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            Error::UnknownInstance(_)
                | Error::EntryNotFound { .. }
                | Error::AssetNotFound { .. }
                | Error::MissingParameter(_)
                | Error::InvalidParameter { .. }
                | Error::InvalidId { .. }
                | Error::MalformedRequest(_)
                | Error::UploadTooLarge { .. }
                | Error::BodyStalled { .. }
                | Error::ApiKeyMissing
                | Error::ApiKeyInvalid
                | Error::ApiKeyScope
        )
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn kaltura_failures_keep_the_instance_and_kalturas_code() {
        let one = InstanceId::DEFAULT;
        let timeout = kaltura::Error::Timeout {
            service: "media".into(),
            action: "get".into(),
            after: Duration::from_secs(1),
        };
        assert!(matches!(
            Error::from_kaltura(one, timeout),
            Error::KalturaTimeout { instance } if instance == one
        ));
        let status = kaltura::Error::HttpStatus {
            service: "media".into(),
            action: "get".into(),
            status: 503,
        };
        assert_eq!(
            Error::from_kaltura(one, status).to_string(),
            "kaltura of instance 1 failed with HTTP_503: unexpected http status"
        );
        let config = kaltura::Error::Config {
            setting: "admin_secret",
            reason: "the secret itself must not show".into(),
        };
        let message = Error::from_kaltura(one, config).to_string();
        assert!(message.contains("CLIENT_CONFIGURATION"), "{message}");
        assert!(!message.contains("secret itself"), "{message}");
    }
}
