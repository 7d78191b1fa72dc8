//! KTS: a small, safe and fast HTTP API in front of video platforms.
//!
//! The binary (`main.rs`) is glue; everything it runs lives here so that the
//! end-to-end tests can start the real application in-process.

pub mod detect;
