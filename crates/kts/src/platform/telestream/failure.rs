//! Telestream client failures in KTS's words.

use crate::error::Error;
use crate::ids::InstanceId;
use crate::model::PlatformKind;

/// A failure of the Telestream client while working for `instance`:
/// unreachable (502), too slow (504) or refused with the platform's `error`
/// name (502). Failures without one get a code of their own (`HTTP_503`,
/// `INVALID_RESPONSE`, …) so the message always names what failed. The
/// client's own messages never hold the keys: v3.0 signatures travel in the
/// query, which the client leaves out of its errors.
pub(crate) fn failure(instance: InstanceId, error: telestream::Error) -> Error {
    let platform = PlatformKind::Telestream;
    let failed = |code: String, message: String| Error::PlatformFailed {
        instance,
        platform,
        code,
        message,
    };
    match error {
        telestream::Error::Transport { .. } => Error::PlatformUnreachable { instance, platform },
        telestream::Error::Timeout { .. } => Error::PlatformTimeout { instance, platform },
        telestream::Error::Api {
            status,
            error,
            message,
            ..
        } => failed(
            error.unwrap_or_else(|| format!("HTTP_{status}")),
            message.unwrap_or_else(|| "no message".into()),
        ),
        telestream::Error::Decode { .. } | telestream::Error::ResponseTooLarge { .. } => failed(
            "INVALID_RESPONSE".into(),
            "the answer could not be read".into(),
        ),
        telestream::Error::Config { .. } => failed(
            "CLIENT_CONFIGURATION".into(),
            "the instance's settings cannot build a client".into(),
        ),
        telestream::Error::Io(_) => failed(
            "UPLOAD_SOURCE".into(),
            "reading the temporary upload file failed".into(),
        ),
        other => failed("CLIENT_ERROR".into(), other.to_string()),
    }
}
