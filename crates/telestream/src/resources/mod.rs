//! Typed calls, one file per resource of telestream-cloud.md 4: `client.videos().get(id)`.
//!
//! To add a call: a method on the resource's handle that builds a [`Call`] (method, path, parameters from
//! a serializable struct) and decodes the answer with [`decode`], a list as a [`Page`](crate::Page) of a
//! [`Listed`](crate::Listed) resource. The client signs, sends and retries it; a call is retried on server
//! errors only when it is a GET.

mod encodings;
mod factories;
mod profiles;
mod videos;

pub use encodings::Encodings;
pub use factories::Factories;
pub use profiles::Profiles;
pub use videos::Videos;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::Call;
use crate::error::{Error, Result};
use crate::signing;
use crate::types::to_params;

/// `/<collection>/<id><suffix>.json` with the id escaped, so an id can never reach another path.
fn item_path(collection: &str, id: &str, suffix: &str) -> String {
    format!("/{collection}/{}{suffix}.json", signing::escape(id))
}

/// Decodes a call's answer into `T`, a list into a [`Page`](crate::Page) of either generation's shape.
pub(crate) fn decode<T: DeserializeOwned>(call: &Call, value: Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| Error::Decode {
        method: call.method_name(),
        path: call.path.clone(),
        detail: e.to_string(),
    })
}

/// Call parameters from a request struct of this crate.
fn params(value: &impl serde::Serialize) -> Result<Map<String, Value>> {
    to_params(value).map_err(|e| Error::Config {
        setting: "request parameters",
        reason: e.to_string(),
    })
}
