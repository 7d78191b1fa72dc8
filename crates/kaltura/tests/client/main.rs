//! Integration tests of the Kaltura client: against a small local mock server for failure modes, and
//! against the real simulator for every call.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod assets;
mod helpers;
mod media;
mod mock_failures;
mod multirequest;
mod sessions;
mod upload;
