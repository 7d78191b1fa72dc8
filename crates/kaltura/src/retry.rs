//! What is safe to retry against Kaltura; the policy, the back-off and the loop are `http-retry`'s, shared
//! with the Telestream client.
//!
//! Reads (`get`, `list`, `count`, `getUrl`) and upload chunks written at an explicit offset are safe to
//! repeat; calls that create or change things are not, because a lost answer does not mean the server did
//! nothing (kaltura-api-v3.md 18.2). Those are only re-sent when the connection itself could not be made.

pub use http_retry::RetryPolicy;
pub(crate) use http_retry::Safety;

use http_retry::{Classify, Failure};

use crate::error::Error;

/// A refused connection never reached Kaltura; [`Error::is_retryable`] names what may pass later (transport
/// errors, timeouts, HTTP 5xx and 429, Kaltura's internal error); everything else is Kaltura's final word.
impl Classify for Error {
    fn failure(&self) -> Failure {
        if self.is_connect_failure() {
            Failure::NotSent
        } else if self.is_retryable() {
            Failure::Transient
        } else {
            Failure::Final
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn api(code: &str) -> Error {
        Error::Api {
            service: "s".into(),
            action: "a".into(),
            error: ApiError {
                code: code.into(),
                message: String::new(),
                args: vec![],
            },
        }
    }

    fn server_error(status: u16) -> Error {
        Error::HttpStatus {
            service: "s".into(),
            action: "a".into(),
            status,
        }
    }

    #[test]
    fn server_errors_and_kalturas_internal_error_are_transient() {
        assert_eq!(server_error(502).failure(), Failure::Transient);
        assert_eq!(server_error(429).failure(), Failure::Transient);
        assert_eq!(api("INTERNAL_SERVERL_ERROR").failure(), Failure::Transient);
    }

    #[test]
    fn kalturas_refusals_are_final() {
        assert_eq!(api("ENTRY_ID_NOT_FOUND").failure(), Failure::Final);
        assert_eq!(server_error(404).failure(), Failure::Final);
        let too_large = Error::ResponseTooLarge { limit: 1 };
        assert_eq!(too_large.failure(), Failure::Final);
    }

    #[test]
    fn reads_retry_on_server_errors_but_creates_do_not() {
        let policy = RetryPolicy::default();
        let failure = server_error(502).failure();
        assert!(policy.should_retry(failure, Safety::Idempotent, 1));
        assert!(!policy.should_retry(failure, Safety::Unsafe, 1));
    }
}
