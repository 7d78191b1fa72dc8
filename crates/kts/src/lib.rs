//! KTS: a small, safe and fast HTTP API in front of video platforms.
//!
//! The binary (`main.rs`) is glue; everything it runs lives here so that the
//! end-to-end tests can start the real application in-process:
//! [`config::Settings`] → [`App::build`] (store, state, router) →
//! [`App::run_until_stopped`]. Requests enter through `http::router`, whose
//! extractors (`http::legacy::extract`) apply the legacy API's input rules,
//! whose operations (`ops`) reach each instance's platform through
//! `platform::Platform`, and whose errors ([`Error`]) get their status in
//! `http::error` and their legacy JSON body in `http::legacy::error`.

mod app;
pub mod cli;
pub mod config;
mod demo;
pub mod detect;
mod error;
pub mod http;
pub mod ids;
pub mod ingest;
mod instances;
mod model;
pub mod ops;
mod platform;
mod secret;
mod seed;
pub mod store;
pub mod telemetry;

pub use app::App;
pub use config::Settings;
pub use error::Error;
