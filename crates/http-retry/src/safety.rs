//! What is safe to send again: the call's [`Safety`] and the attempt's [`Failure`].

/// Whether repeating a call can do harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// Repeating it returns the same result and changes nothing more (reads, writes at an explicit offset,
    /// upload parts the server keeps once).
    Idempotent,
    /// It may create or change something; only re-sent when it surely never left the client.
    Unsafe,
}

/// What a failed attempt says about sending the call again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The request surely never reached the server (the connection could not be opened): sending it
    /// again is safe whatever the call does.
    NotSent,
    /// It may succeed later (a 5xx, a 429, a timeout, a connection lost mid-way), but the server may have
    /// acted on it: only an idempotent call is sent again.
    Transient,
    /// Sending it again would get the same answer (a 4xx, a refused parameter, an undecodable answer).
    Final,
}

/// An error that can say which [`Failure`] it is; each client implements it for its own error type.
pub trait Classify {
    /// What this failure says about sending the call again.
    fn failure(&self) -> Failure;
}

impl Safety {
    /// Whether a call of this safety may be sent again after `failure`, attempts left aside.
    pub fn allows_retry_after(self, failure: Failure) -> bool {
        match failure {
            Failure::NotSent => true,
            Failure::Transient => self == Self::Idempotent,
            Failure::Final => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idempotent_call_is_sent_again_after_any_failure_but_a_final_one() {
        assert!(Safety::Idempotent.allows_retry_after(Failure::NotSent));
        assert!(Safety::Idempotent.allows_retry_after(Failure::Transient));
        assert!(!Safety::Idempotent.allows_retry_after(Failure::Final));
    }

    #[test]
    fn an_unsafe_call_is_sent_again_only_when_it_never_left() {
        assert!(Safety::Unsafe.allows_retry_after(Failure::NotSent));
        assert!(!Safety::Unsafe.allows_retry_after(Failure::Transient));
        assert!(!Safety::Unsafe.allows_retry_after(Failure::Final));
    }
}
