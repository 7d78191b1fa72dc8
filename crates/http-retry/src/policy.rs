//! [`RetryPolicy`]: how many attempts a call gets and how long to wait between them.

use std::time::Duration;

use crate::InvalidSetting;
use crate::safety::{Failure, Safety};

/// Largest doubling applied to `base_delay`: past it the wait is `max_delay` anyway for any sane base, and
/// the shift stays far from overflow.
const MAX_EXPONENT: u32 = 16;

/// Bounded retries with exponential back-off and full jitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, including the first. Default 4; 1 disables retries; 0 is refused by the
    /// client builders.
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

    /// Whether a call of `safety` whose attempt number `attempt` (1-based) failed with `failure` deserves
    /// another try.
    pub fn should_retry(&self, failure: Failure, safety: Safety, attempt: u32) -> bool {
        attempt < self.max_attempts && safety.allows_retry_after(failure)
    }

    /// The wait after `attempt` failed attempts: a random share of `base_delay · 2^(attempt-1)`, never
    /// more than `max_delay`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(MAX_EXPONENT);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        // Full jitter spreads the retries of many clients hitting the same failure.
        ceiling.mul_f64(rand::random::<f64>())
    }

    /// Refuses a policy that would never send anything (`max_attempts` of 0), naming the builder setting
    /// `retry_policy`.
    pub fn check(&self) -> Result<(), InvalidSetting> {
        if self.max_attempts == 0 {
            return Err(InvalidSetting {
                setting: "retry_policy",
                reason: "needs at least 1 attempt",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_on_transient_failures_but_creates_do_not() {
        let policy = RetryPolicy::default();
        assert!(policy.should_retry(Failure::Transient, Safety::Idempotent, 1));
        assert!(!policy.should_retry(Failure::Transient, Safety::Unsafe, 1));
        assert!(policy.should_retry(Failure::NotSent, Safety::Unsafe, 1));
        assert!(!policy.should_retry(Failure::Final, Safety::Idempotent, 1));
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        };
        assert!(policy.should_retry(Failure::Transient, Safety::Idempotent, 2));
        assert!(!policy.should_retry(Failure::Transient, Safety::Idempotent, 3));
        assert!(!RetryPolicy::none().should_retry(Failure::NotSent, Safety::Idempotent, 1));
    }

    #[test]
    fn backoff_stays_under_the_cap_even_for_huge_attempt_numbers() {
        let policy = RetryPolicy::default();
        for attempt in (0..40).chain([u32::MAX]) {
            assert!(policy.backoff(attempt) <= policy.max_delay);
        }
    }

    #[test]
    fn backoff_stays_under_the_doubled_base_before_reaching_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(60),
        };
        for _ in 0..100 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(3) <= Duration::from_millis(400));
        }
    }

    #[test]
    fn a_policy_without_attempts_is_refused_by_name() {
        let empty = RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        };
        assert_eq!(empty.check().map_err(|e| e.setting), Err("retry_policy"));
        assert_eq!(RetryPolicy::none().check(), Ok(()));
    }
}
