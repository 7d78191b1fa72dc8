//! One API call as read from the wire, in either generation: the generation its URL names, the method,
//! the resource path, the parameters (query, form or multipart fields, and a Flip 3.1 JSON body) and the
//! uploaded file, if any.

use std::path::PathBuf;

use axum::http::Method;
use serde_json::{Map, Value};

/// The API generation a URL names (telestream-cloud.md 1): `/v3.0/…` signed parameters and bare arrays,
/// `/flip/3.1/…` an API key header, JSON bodies and wrapped lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Generation {
    V3,
    Flip31,
}

/// A file part spooled to disk while the request was read; the temporary file goes away with it unless
/// stored.
#[derive(Debug)]
pub(crate) struct UploadedFile {
    pub(crate) file: tempfile::NamedTempFile,
    pub(crate) file_name: String,
    pub(crate) size: u64,
}

impl UploadedFile {
    pub(crate) fn path(&self) -> PathBuf {
        self.file.path().to_path_buf()
    }
}

/// The parameters of a call: decoded `pairs` (what v3.0 signs) and the JSON `body` of Flip 3.1.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pub(crate) pairs: Vec<(String, String)>,
    pub(crate) body: Map<String, Value>,
}

/// The parameters no resource stores: authentication and paging.
const RESERVED: [&str; 8] = [
    "access_key",
    "signature",
    "timestamp",
    "factory_id",
    "cloud_id",
    "page",
    "per_page",
    "file",
];

impl Params {
    /// A parameter as text: the JSON body first, then the first pair with that key. Numbers and booleans
    /// of a JSON body read as their JSON text.
    pub(crate) fn get(&self, key: &str) -> Option<String> {
        match self.body.get(key) {
            Some(Value::String(s)) => return Some(s.clone()),
            Some(Value::Null) | None => {}
            Some(other) => return Some(other.to_string()),
        }
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// A non-negative whole number, or `None` when absent or not one.
    pub(crate) fn number(&self, key: &str) -> Option<u64> {
        self.get(key).and_then(|v| v.trim().parse().ok())
    }

    /// Every parameter but the reserved ones, as JSON: body values as sent, pairs as strings.
    pub(crate) fn fields(&self) -> Map<String, Value> {
        let mut fields: Map<String, Value> = self
            .pairs
            .iter()
            .filter(|(k, _)| !RESERVED.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        for (k, v) in &self.body {
            if !RESERVED.contains(&k.as_str()) {
                fields.insert(k.clone(), v.clone());
            }
        }
        fields
    }
}

/// A call, read and authenticated.
#[derive(Debug)]
pub(crate) struct ApiRequest {
    pub(crate) generation: Generation,
    pub(crate) method: Method,
    /// Path segments after the generation's prefix, the final `.json` removed: `["videos", "ID"]`.
    pub(crate) segments: Vec<String>,
    pub(crate) params: Params,
    pub(crate) file: Option<UploadedFile>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_body_wins_over_query_pairs_and_reads_numbers_as_text() {
        let params = Params {
            pairs: vec![("name".to_owned(), "query".to_owned())],
            body: serde_json::json!({"name": "body", "width": 640})
                .as_object()
                .cloned()
                .unwrap(),
        };
        assert_eq!(params.get("name").as_deref(), Some("body"));
        assert_eq!(params.number("width"), Some(640));
        assert_eq!(params.get("missing"), None);
    }

    #[test]
    fn fields_leave_out_authentication_and_paging() {
        let params = Params {
            pairs: [("access_key", "a"), ("page", "2"), ("title", "t")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .to_vec(),
            body: Map::new(),
        };
        assert_eq!(
            serde_json::Value::Object(params.fields()),
            serde_json::json!({"title": "t"})
        );
    }
}
