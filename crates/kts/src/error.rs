//! `kts::Error`: what can go wrong in KTS, in the domain's words.
//!
//! No HTTP here: `http/error.rs` turns each variant into a status and a body.
//! Modules with their own vocabulary (the store, the upload spool) have their
//! own enums that convert with `#[from]`.

use crate::ids::{AssetId, EntryId, IdError, InstanceId};
use crate::ingest::local::LocalFileError;
use crate::ingest::spool::SpoolError;
use crate::model::PlatformKind;
use crate::store::StoreError;

/// Everything a KTS call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No platform account is configured under this id.
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
    /// The instance's platform could not be reached at all.
    #[error("{platform} of instance {instance} is unreachable")]
    PlatformUnreachable {
        /// The instance whose platform failed.
        instance: InstanceId,
        /// Which platform it is.
        platform: PlatformKind,
    },
    /// The platform did not answer within the configured time.
    #[error("{platform} of instance {instance} did not answer in time")]
    PlatformTimeout {
        /// The instance whose platform was slow.
        instance: InstanceId,
        /// Which platform it is.
        platform: PlatformKind,
    },
    /// The platform answered with an error.
    #[error("{platform} of instance {instance} failed with {code}: {message}")]
    PlatformFailed {
        /// The instance whose platform failed.
        instance: InstanceId,
        /// Which platform it is.
        platform: PlatformKind,
        /// The platform's error code, verbatim (`ENTRY_ID_NOT_FOUND`, …).
        code: String,
        /// The platform's message with session strings and other secrets
        /// removed: it reaches callers and logs.
        message: String,
    },
    /// The instance's platform has no such operation.
    #[error("{platform} of instance {instance} cannot {operation}")]
    NotSupported {
        /// The instance asked.
        instance: InstanceId,
        /// Which platform it is.
        platform: PlatformKind,
        /// What was asked, as a verb phrase (`add a mobile flavor`).
        operation: &'static str,
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

impl From<LocalFileError> for Error {
    /// Both are the caller's mistakes: a refused path is a bad `fromlocal`,
    /// a large file is as too large as an uploaded one (413).
    fn from(error: LocalFileError) -> Self {
        match error {
            LocalFileError::Refused(reason) => Error::InvalidParameter {
                name: "fromlocal",
                reason: reason.to_owned(),
            },
            LocalFileError::TooLarge { limit } => Error::UploadTooLarge { limit },
        }
    }
}

impl Error {
    /// Whether the caller sent something wrong (as opposed to KTS, the store
    /// or the platform failing).
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

impl Error {
    /// A stable name for the kind of failure, for programs to branch on (the
    /// `type` of a problem+json answer, a metrics label). Never changes once
    /// published; the message may.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownInstance(_) => "unknown_instance",
            Error::EntryNotFound { .. } => "entry_not_found",
            Error::AssetNotFound { .. } => "asset_not_found",
            Error::MissingParameter(_) => "missing_parameter",
            Error::InvalidParameter { .. } | Error::InvalidId { .. } => "invalid_parameter",
            Error::MalformedRequest(_) => "malformed_request",
            Error::UploadTooLarge { .. } => "upload_too_large",
            Error::BodyStalled { .. } => "body_stalled",
            Error::ApiKeyMissing => "api_key_missing",
            Error::ApiKeyInvalid => "api_key_invalid",
            Error::ApiKeyScope => "api_key_scope",
            Error::PlatformUnreachable { .. } => "platform_unreachable",
            Error::PlatformTimeout { .. } => "platform_timeout",
            Error::PlatformFailed { .. } => "platform_failed",
            Error::NotSupported { .. } => "not_supported",
            Error::Store(_) => "store_failed",
            Error::Export(_) => "export_failed",
            Error::Spool(_) => "spool_failed",
            Error::Interrupted(_) => "interrupted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_local_path_is_a_bad_fromlocal_and_a_large_one_too_large() {
        let refused = Error::from(LocalFileError::Refused("is not a regular file"));
        assert!(
            matches!(&refused, Error::InvalidParameter { name: "fromlocal", reason } if reason == "is not a regular file"),
            "{refused:?}"
        );
        let large = Error::from(LocalFileError::TooLarge { limit: 5 });
        assert!(
            matches!(large, Error::UploadTooLarge { limit: 5 }),
            "{large:?}"
        );
    }

    #[test]
    fn codes_are_distinct_snake_case_names() {
        let one = InstanceId::DEFAULT;
        let errors = [
            Error::UnknownInstance(one),
            Error::MissingParameter("id"),
            Error::ApiKeyMissing,
            Error::ApiKeyInvalid,
            Error::ApiKeyScope,
            Error::PlatformUnreachable {
                instance: one,
                platform: PlatformKind::Kaltura,
            },
            Error::PlatformTimeout {
                instance: one,
                platform: PlatformKind::Kaltura,
            },
            Error::NotSupported {
                instance: one,
                platform: PlatformKind::Kaltura,
                operation: "fly",
            },
            Error::Interrupted("x"),
        ];
        let mut codes: Vec<&str> = errors.iter().map(Error::code).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'))
        );
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len());
    }

    #[test]
    fn platform_failures_name_the_platform_and_the_instance() {
        let error = Error::PlatformTimeout {
            instance: InstanceId::DEFAULT,
            platform: PlatformKind::Kaltura,
        };
        assert_eq!(
            error.to_string(),
            "kaltura of instance 1 did not answer in time"
        );
    }
}
