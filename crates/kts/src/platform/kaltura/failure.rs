//! Kaltura client failures in KTS's words.

use crate::error::Error;
use crate::ids::InstanceId;
use crate::model::PlatformKind;

/// A failure of the Kaltura client while working for `instance`: unreachable
/// (502), too slow (504) or failing with a code (502). Errors without a
/// Kaltura code get a code of their own (`HTTP_503`, `INVALID_RESPONSE`, …)
/// so the message always names what failed. Nothing Kaltura wrote reaches the
/// caller or a log without its secrets removed: `INVALID_KS` quotes the
/// session it refused.
pub(crate) fn failure(instance: InstanceId, error: kaltura::Error) -> Error {
    let platform = PlatformKind::Kaltura;
    let failed = |code: String, message: String| Error::PlatformFailed {
        instance,
        platform,
        code: kaltura::redact_secrets(&code),
        message: kaltura::redact_secrets(&message),
    };
    match error {
        kaltura::Error::Transport { .. } => Error::PlatformUnreachable { instance, platform },
        kaltura::Error::Timeout { .. } => Error::PlatformTimeout { instance, platform },
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
            failure(one, timeout),
            Error::PlatformTimeout { instance, platform: PlatformKind::Kaltura } if instance == one
        ));
        let status = kaltura::Error::HttpStatus {
            service: "media".into(),
            action: "get".into(),
            status: 503,
        };
        assert_eq!(
            failure(one, status).to_string(),
            "kaltura of instance 1 failed with HTTP_503: unexpected http status"
        );
        let config = kaltura::Error::Config {
            setting: "admin_secret",
            reason: "the secret itself must not show".into(),
        };
        let message = failure(one, config).to_string();
        assert!(message.contains("CLIENT_CONFIGURATION"), "{message}");
        assert!(!message.contains("secret itself"), "{message}");
    }
}
