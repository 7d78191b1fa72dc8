//! The retry loop: [`run`] sends a call until it succeeds, fails for good or runs out of attempts;
//! [`Attempts`] is its bookkeeping, for loops that do their own work between attempts.

use std::fmt;
use std::time::Duration;

use tracing::Instrument as _;

use crate::policy::RetryPolicy;
use crate::safety::{Classify, Failure, Safety};

/// The attempts of one call under a policy: counts them and, after each failure, says whether to try
/// again and after how long.
#[derive(Debug)]
pub struct Attempts<'a> {
    policy: &'a RetryPolicy,
    safety: Safety,
    failed: u32,
}

impl<'a> Attempts<'a> {
    /// No attempt made yet of a call of `safety`.
    pub fn new(policy: &'a RetryPolicy, safety: Safety) -> Self {
        Self {
            policy,
            safety,
            failed: 0,
        }
    }

    /// The number of the attempt about to be made, from 1.
    pub fn next_number(&self) -> u32 {
        self.failed.saturating_add(1)
    }

    /// Records a failed attempt. Answers the wait before the next one, or `None` when the call should
    /// fail with this failure: it is final, the call is unsafe and may have reached the server, or the
    /// policy's attempts are spent.
    pub fn retry_after(&mut self, failure: Failure) -> Option<Duration> {
        self.failed = self.failed.saturating_add(1);
        self.policy
            .should_retry(failure, self.safety, self.failed)
            .then(|| self.policy.backoff(self.failed))
    }
}

/// Sends a call of `safety` through `send` (given the attempt's number, from 1) until it succeeds, fails
/// for good or has used `policy.max_attempts`; answers the last result.
///
/// Each attempt runs in a `debug` span `attempt`; each retry is logged at `warn` with the error and the
/// wait. Run it inside the client's span for the call, so that both name the call.
pub async fn run<T, E, F, Fut>(policy: &RetryPolicy, safety: Safety, mut send: F) -> Result<T, E>
where
    E: Classify + fmt::Display,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut attempts = Attempts::new(policy, safety);
    loop {
        let attempt = attempts.next_number();
        let span = tracing::debug_span!("attempt", attempt);
        let error = match send(attempt).instrument(span).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let Some(wait) = attempts.retry_after(error.failure()) else {
            return Err(error);
        };
        tracing::warn!(attempt, ?wait, error = %error, "call failed, retrying");
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy)]
    struct Failed(Failure);

    impl Classify for Failed {
        fn failure(&self) -> Failure {
            self.0
        }
    }

    impl fmt::Display for Failed {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    fn quick(max_attempts: u32) -> RetryPolicy {
        RetryPolicy {
            max_attempts,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
        }
    }

    /// Runs a call whose attempts answer `script` in turn (then keep failing with its last failure) and
    /// returns the result and the attempt numbers `send` was given.
    async fn scripted(
        policy: &RetryPolicy,
        safety: Safety,
        script: &[Result<&'static str, Failure>],
    ) -> (Result<&'static str, Failure>, Vec<u32>) {
        let mut seen = Vec::new();
        let result = run(policy, safety, |attempt| {
            seen.push(attempt);
            let index = (attempt as usize - 1).min(script.len() - 1);
            let answer = script[index].map_err(Failed);
            async move { answer }
        })
        .await;
        (result.map_err(|e| e.0), seen)
    }

    #[tokio::test]
    async fn an_idempotent_call_is_sent_until_it_succeeds() {
        let script = [Err(Failure::Transient), Err(Failure::NotSent), Ok("done")];
        let (result, seen) = scripted(&quick(4), Safety::Idempotent, &script).await;
        assert_eq!(result, Ok("done"));
        assert_eq!(seen, [1, 2, 3]);
    }

    #[tokio::test]
    async fn a_call_stops_after_max_attempts_with_the_last_failure() {
        let (result, seen) =
            scripted(&quick(3), Safety::Idempotent, &[Err(Failure::Transient)]).await;
        assert_eq!(result, Err(Failure::Transient));
        assert_eq!(seen, [1, 2, 3]);
    }

    #[tokio::test]
    async fn an_unsafe_call_is_not_sent_again_once_it_may_have_reached_the_server() {
        let script = [Err(Failure::NotSent), Err(Failure::Transient), Ok("twice")];
        let (result, seen) = scripted(&quick(4), Safety::Unsafe, &script).await;
        assert_eq!(result, Err(Failure::Transient));
        assert_eq!(seen, [1, 2]);
    }

    #[tokio::test]
    async fn a_final_failure_ends_the_call_at_once() {
        let (result, seen) = scripted(&quick(4), Safety::Idempotent, &[Err(Failure::Final)]).await;
        assert_eq!(result, Err(Failure::Final));
        assert_eq!(seen, [1]);
    }

    #[tokio::test]
    async fn no_retries_means_one_attempt() {
        let (result, seen) = scripted(
            &RetryPolicy::none(),
            Safety::Idempotent,
            &[Err(Failure::NotSent)],
        )
        .await;
        assert_eq!(result, Err(Failure::NotSent));
        assert_eq!(seen, [1]);
    }

    #[test]
    fn attempts_count_from_one_and_give_a_wait_only_while_retries_are_left() {
        let policy = quick(2);
        let mut attempts = Attempts::new(&policy, Safety::Idempotent);
        assert_eq!(attempts.next_number(), 1);
        assert_eq!(
            attempts.retry_after(Failure::Transient),
            Some(Duration::ZERO)
        );
        assert_eq!(attempts.next_number(), 2);
        assert_eq!(attempts.retry_after(Failure::Transient), None);
    }
}
