//! End-to-end tests of the KTS edge: a real server on 127.0.0.1:0, spoken to
//! over HTTP.

// Test code, including shared set-up outside `#[test]` functions: a failure
// must stop the test loudly.
#![allow(clippy::unwrap_used)]

mod admin;
mod api_keys;
mod browser;
mod captions;
mod cli;
mod cors;
mod extract;
mod headers;
mod health;
mod helpers;
mod ks_version;
mod limits;
mod media;
mod orphans;
mod platform_messages;
// The fault soak's uploads and checks, shared with its benchmark.
#[path = "../../benches/fault_soak/driver.rs"]
#[allow(dead_code, unreachable_pub)]
mod soak_driver;
mod store;
mod streaming;
mod telestream;
mod thumbnails;
mod viewing_sessions;
