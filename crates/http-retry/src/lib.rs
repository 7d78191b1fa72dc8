//! One retry policy for the platform clients (`kaltura`, `telestream`): which failures may be sent again,
//! how many times, how long to wait in between, and how long each attempt may take.
//!
//! Neither client may depend on the other, and both had grown the same rules; they live here once.
//!
//! * [`Safety`] says whether repeating a call can do harm; [`Failure`] what a failed attempt says about
//!   sending it again. A client's error type tells its failures apart by implementing [`Classify`].
//! * [`RetryPolicy`] bounds the attempts and spaces them with exponential back-off and full jitter.
//! * [`run`] is the loop both clients send through; [`Attempts`] is the same bookkeeping for a loop that
//!   has its own work between attempts (an upload that asks the server where to resume).
//! * [`Timeouts`] holds the connect, request and upload limits each attempt gets, with the defaults both
//!   clients document.
//!
//! The rule that ties them together: an idempotent call is retried on any transient failure; a call that
//! may create or change something is re-sent only when the request surely never left the client (the
//! connection could not be opened), because a lost answer does not mean the platform did nothing.
//!
//! ```
//! use std::time::Duration;
//! use http_retry::{Classify, Failure, RetryPolicy, Safety};
//!
//! #[derive(Debug)]
//! struct Unavailable;
//!
//! impl Classify for Unavailable {
//!     fn failure(&self) -> Failure {
//!         Failure::Transient
//!     }
//! }
//!
//! impl std::fmt::Display for Unavailable {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         f.write_str("service unavailable")
//!     }
//! }
//!
//! let policy = RetryPolicy { base_delay: Duration::ZERO, ..RetryPolicy::default() };
//! let mut sent = 0;
//! let answer = tokio::runtime::Builder::new_current_thread()
//!     .enable_time()
//!     .build()?
//!     .block_on(http_retry::run(&policy, Safety::Idempotent, |_attempt| {
//!         sent += 1;
//!         let result = if sent < 3 { Err(Unavailable) } else { Ok("done") };
//!         async move { result }
//!     }));
//! assert_eq!((answer.ok(), sent), (Some("done"), 3));
//! # Ok::<(), std::io::Error>(())
//! ```

mod attempts;
mod policy;
mod safety;
mod timeouts;

use std::fmt;

pub use attempts::{Attempts, run};
pub use policy::RetryPolicy;
pub use safety::{Classify, Failure, Safety};
pub use timeouts::Timeouts;

/// A setting a client builder must refuse, named as the builders name it, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidSetting {
    /// The builder setting, e.g. `retry_policy` or `timeouts`.
    pub setting: &'static str,
    /// Why it is refused, e.g. `needs at least 1 attempt`.
    pub reason: &'static str,
}

impl fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.setting, self.reason)
    }
}

impl std::error::Error for InvalidSetting {}
