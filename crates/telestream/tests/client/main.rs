//! Integration tests of the Telestream client against a small local mock server: both authentication
//! modes on the wire, typed calls, the platform's errors, retries, timeouts and uploads; and against the
//! real `telestream-sim` (`against_sim`).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod against_sim;
mod calls;
mod failures;
mod helpers;
mod upload;
