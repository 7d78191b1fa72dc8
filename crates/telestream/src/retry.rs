//! What is safe to retry against Telestream Cloud; the policy, the back-off and the loop are
//! `http-retry`'s, shared with the Kaltura client.
//!
//! Reads (every GET, the upload session's status) and upload parts are safe to repeat: the reference says
//! a server accepts a part again and keeps one copy (telestream-cloud.md 5.3). Calls that create, change or
//! delete are not, because a lost answer does not mean the platform did nothing; they are re-sent only when
//! the connection could not even be opened. Each attempt of a v3.0 call is signed afresh, since the platform
//! refuses a POST whose signature it has already seen (2.1).

pub use http_retry::RetryPolicy;
pub(crate) use http_retry::Safety;

use http_retry::{Classify, Failure};

use crate::error::Error;

/// A refused connection never reached the platform; [`Error::is_retryable`] names what may pass later
/// (transport errors, timeouts, HTTP 5xx and 429); everything else is the platform's final word.
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

    fn answered(status: u16) -> Error {
        Error::Api {
            method: "GET",
            path: "/videos.json".into(),
            status,
            error: None,
            message: None,
        }
    }

    #[test]
    fn server_errors_and_throttling_are_transient() {
        assert_eq!(answered(502).failure(), Failure::Transient);
        assert_eq!(answered(429).failure(), Failure::Transient);
    }

    #[test]
    fn the_platforms_refusals_are_final() {
        assert_eq!(answered(404).failure(), Failure::Final);
        assert_eq!(answered(401).failure(), Failure::Final);
        let too_large = Error::ResponseTooLarge { limit: 1 };
        assert_eq!(too_large.failure(), Failure::Final);
    }

    #[test]
    fn reads_retry_on_server_errors_but_creates_do_not() {
        let policy = RetryPolicy::default();
        assert!(policy.should_retry(answered(502).failure(), Safety::Idempotent, 1));
        assert!(!policy.should_retry(answered(502).failure(), Safety::Unsafe, 1));
    }
}
