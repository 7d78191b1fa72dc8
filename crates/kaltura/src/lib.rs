//! Typed async client for the Kaltura api_v3.
//!
//! Knows nothing of KTS: any program that talks to Kaltura can use it.
#![deny(missing_docs)]
