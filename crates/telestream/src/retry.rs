//! What is safe to retry, and how long to wait between attempts.
//!
//! Reads (every GET, the upload session's status) and upload parts are safe to repeat: the reference says
//! a server accepts a part again and keeps one copy (telestream-cloud.md 5.3). Calls that create, change or
//! delete are not, because a lost answer does not mean the platform did nothing; they are re-sent only when
//! the connection could not even be opened. Each attempt of a v3.0 call is signed afresh, since the platform
//! refuses a POST whose signature it has already seen (2.1).

use std::time::Duration;

use crate::error::Error;

/// Whether repeating a call can do harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Safety {
    /// Repeating it returns the same result and changes nothing more (reads, upload parts).
    Idempotent,
    /// It may create or change something; only re-sent when it surely never left the client.
    Unsafe,
}

/// Bounded retries with exponential back-off and full jitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, including the first. Default 4; 1 disables retries.
    pub max_attempts: u32,
    /// Wait before the second attempt; doubles each time. Default 200 ms.
    pub base_delay: Duration,
    /// Upper bound of a single wait. Default 5 s.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Whether `error`, after `attempt` attempts (1-based) of a call of `safety`, deserves another try.
    pub(crate) fn should_retry(&self, error: &Error, safety: Safety, attempt: u32) -> bool {
        if attempt >= self.max_attempts {
            return false;
        }
        error.is_connect_failure() || (safety == Safety::Idempotent && error.is_retryable())
    }

    /// The wait after `attempt` failed attempts: a random share of `base · 2^(attempt-1)`, capped.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(16);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        // Full jitter spreads the retries of many clients hitting the same failure.
        ceiling.mul_f64(rand::random::<f64>())
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
    fn reads_retry_on_server_errors_but_creates_do_not() {
        let policy = RetryPolicy::default();
        assert!(policy.should_retry(&answered(502), Safety::Idempotent, 1));
        assert!(!policy.should_retry(&answered(502), Safety::Unsafe, 1));
        assert!(!policy.should_retry(&answered(404), Safety::Idempotent, 1));
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        };
        assert!(policy.should_retry(&answered(500), Safety::Idempotent, 2));
        assert!(!policy.should_retry(&answered(500), Safety::Idempotent, 3));
        assert!(!RetryPolicy::none().should_retry(&answered(500), Safety::Idempotent, 1));
    }

    #[test]
    fn backoff_stays_under_the_cap() {
        let policy = RetryPolicy::default();
        for attempt in 1..40 {
            assert!(policy.backoff(attempt) <= policy.max_delay);
        }
    }
}
