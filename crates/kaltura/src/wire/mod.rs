//! The api_v3 wire format: request parameters, response decoding (JSON and XML) and API errors.
//!
//! Requests are sent as a JSON body (`format=1` by default) with every scalar as a string, exactly as the
//! official clients do (kaltura-api-v3.md 2.10). Responses of either format are first turned into a
//! `serde_json::Value` of the same shape, then decoded into the typed objects of `types` with their tolerant
//! field codecs (`types::loose`).

pub(crate) mod params;
pub(crate) mod response;
mod xml;

pub use params::ResponseFormat;
