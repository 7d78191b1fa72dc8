//! The simulator over HTTP on 127.0.0.1, as Telestream clients call it: signed v3.0 requests and Flip 3.1
//! requests with an API key, built here by hand (see `helpers.rs`), not with the client crate.

mod authentication;
mod faults;
mod helpers;
mod imports;
mod notifications;
mod receiver;
mod resources;
mod screenshots;
mod sdk_conventions;
mod sessions;
mod single_stream;
mod uploads;
