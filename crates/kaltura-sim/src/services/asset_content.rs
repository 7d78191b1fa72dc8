//! What thumbnail and caption assets share: reading a content resource
//! (kaltura-api-v3.md 11), fetching a URL with bounds on time and size, and the
//! asset list filter of 10.4. Their files are stored by [`crate::storage`].

use std::time::Duration;

use tempfile::TempPath;

use super::entry_filter::page;
use crate::state::AppState;
use crate::store::extension;
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, field};
use sim_support::download::download;

/// Longest a thumbnail or caption download may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest thumbnail or caption file fetched from a URL.
pub(super) const MAX_FETCH_BYTES: u64 = 64 * 1024 * 1024;
/// Largest inline caption text (`KalturaStringResource`).
pub(super) const MAX_STRING_RESOURCE: usize = 8 * 1024 * 1024;

/// A content resource, read from its `objectType`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Resource {
    Token(String),
    Url(String),
    Text(String),
}

/// Reads `contentResource`; abstract or missing types → `OBJECT_TYPE_ABSTRACT`, others →
/// `RESOURCE_TYPE_NOT_SUPPORTED`, missing required fields → `PROPERTY_VALIDATION_CANNOT_BE_NULL`.
pub(super) fn read_resource(map: Option<&Map>) -> Result<Resource, ApiError> {
    let Some(map) = map else {
        return Err(ApiError::object_type_abstract("KalturaContentResource"));
    };
    let object_type = match field(map, "objectType") {
        Field::Str(t) => t,
        _ => "",
    };
    let required = |name: &str, prop: &str| match field(map, name) {
        Field::Str(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(ApiError::cannot_be_null(prop)),
    };
    match object_type {
        "KalturaUploadedFileTokenResource" => Ok(Resource::Token(required(
            "token",
            "KalturaUploadedFileTokenResource::token",
        )?)),
        "KalturaUrlResource" => Ok(Resource::Url(required("url", "KalturaUrlResource::url")?)),
        "KalturaStringResource" => {
            let content = required("content", "KalturaStringResource::content")?;
            if content.len() > MAX_STRING_RESOURCE {
                return Err(ApiError::max_length(
                    "KalturaStringResource::content",
                    MAX_STRING_RESOURCE,
                ));
            }
            Ok(Resource::Text(content))
        }
        ""
        | "KalturaResource"
        | "KalturaContentResource"
        | "KalturaDataCenterContentResource"
        | "KalturaGenericDataCenterContentResource" => {
            Err(ApiError::object_type_abstract(if object_type.is_empty() {
                "KalturaContentResource"
            } else {
                object_type
            }))
        }
        other => Err(ApiError::resource_type_not_supported(other)),
    }
}

/// Downloads an http(s) URL to a temporary file within [`FETCH_TIMEOUT`] and [`MAX_FETCH_BYTES`].
/// Returns the file and the file name of the URL's path.
pub(super) async fn fetch(app: &AppState, url: &str) -> Result<(TempPath, String), String> {
    download(url, &app.store.tmp_dir(), FETCH_TIMEOUT, MAX_FETCH_BYTES)
        .await
        .map(|d| (d.file, d.file_name))
        .map_err(|e| e.to_string())
}

/// The extension to store a file under: from its name, else `fallback`.
pub(super) fn file_ext(file_name: &str, fallback: &str) -> String {
    extension(file_name).unwrap_or_else(|| fallback.to_owned())
}

/// The asset filter of `thumbAsset.list` and `captionAsset.list` (kaltura-api-v3.md 10.4).
#[derive(Debug)]
pub(super) struct AssetFilter<'a> {
    map: Option<&'a Map>,
    pub(super) entry_ids: Vec<String>,
}

impl<'a> AssetFilter<'a> {
    /// Reads the filter; `entryIdEqual` or `entryIdIn` is required (`class` names the specific filter
    /// class in the error).
    pub(super) fn new(map: Option<&'a Map>, class: &str) -> Result<Self, ApiError> {
        let get = |name: &str| match map.map(|m| field(m, name)) {
            Some(Field::Str(v)) if !v.is_empty() => Some(v),
            _ => None,
        };
        let entry_ids: Vec<String> = match (get("entryIdEqual"), get("entryIdIn")) {
            (Some(id), _) => vec![id.to_owned()],
            (None, Some(ids)) => ids
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            (None, None) => Vec::new(),
        };
        if entry_ids.is_empty() {
            return Err(ApiError::cannot_be_null(&format!(
                "{class}::entryIdEqual/{class}::entryIdIn"
            )));
        }
        Ok(Self { map, entry_ids })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        match self.map.map(|m| field(m, name)) {
            Some(Field::Str(v)) if !v.is_empty() => Some(v),
            _ => None,
        }
    }

    /// Whether an asset passes the entry, id, status and tag conditions. Deleted assets never pass.
    pub(super) fn matches(&self, id: &str, entry_id: &str, status: i64, tags: &str) -> bool {
        let in_list = |list: &str, value: &str| list.split(',').any(|v| v.trim() == value);
        status != 3
            && self.entry_ids.iter().any(|e| e == entry_id)
            && self.get("idEqual").is_none_or(|v| v == id)
            && self.get("idIn").is_none_or(|v| in_list(v, id))
            && self
                .get("statusEqual")
                .is_none_or(|v| v.parse::<i64>().ok() == Some(status))
            && self
                .get("statusIn")
                .is_none_or(|v| in_list(v, &status.to_string()))
            && self
                .get("statusNotIn")
                .is_none_or(|v| !in_list(v, &status.to_string()))
            && self
                .get("tagsLike")
                .is_none_or(|v| tags.to_lowercase().contains(&v.to_lowercase()))
    }

    /// Another field of the filter, as text.
    pub(super) fn value(&self, name: &str) -> Option<&'a str> {
        self.get(name)
    }

    /// Orders by `orderBy` (`±createdAt`, `±updatedAt`, `±size`); creation order otherwise.
    pub(super) fn sort<T>(&self, items: &mut [T], key: impl Fn(&T, &str) -> i64) {
        let order = self.get("orderBy").unwrap_or("+createdAt");
        let (descending, name) = match order.split_at_checked(1) {
            Some(("-", rest)) => (true, rest),
            Some(("+", rest)) => (false, rest),
            _ => (false, order),
        };
        items.sort_by_key(|item| key(item, name));
        if descending {
            items.reverse();
        }
    }
}

/// A list response: `objects` of one page and `totalCount` of all matches.
pub(super) fn list_response(class: &'static str, objects: Vec<Out>, pager: Option<&Map>) -> Out {
    let total = objects.len() as i64;
    Object::new(class)
        .with("objects", Out::List(page(objects, pager)))
        .with("totalCount", total)
        .into()
}
