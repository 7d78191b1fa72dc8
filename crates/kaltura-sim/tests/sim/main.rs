//! Integration tests of the simulator: a real server on `127.0.0.1:0`, spoken to over HTTP.

// Helpers outside `#[test]` functions fail the test the same way the tests do: by panicking.
#![allow(clippy::unwrap_used)]

mod asset_helpers;
mod captions;
mod players;
mod thumbnails;
mod transcoding;
mod url_services;
