//! A Kaltura api_v3 compatible server for tests, benchmarks and demos.
//!
//! Knows nothing of KTS: it speaks the wire protocol of `docs/kaltura-api-v3.md`
//! so that official Kaltura clients work against it unchanged.

pub mod imaging;
pub mod probe;
