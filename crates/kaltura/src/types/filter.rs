//! Filters, the pager and list responses (kaltura-api-v3.md 10).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::KalturaObject;
use super::loose;

/// Which page of a list to return (`KalturaFilterPager`). Servers clamp `page_size` to 0–500 (default 30)
/// and treat `page_index` below 1 as 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterPager {
    /// Items per page.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// 1-based page number.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub page_index: Option<i64>,
}

impl FilterPager {
    /// Page `index` (1-based) of `size` items.
    pub fn page(size: i64, index: i64) -> Self {
        Self {
            page_size: Some(size),
            page_index: Some(index),
        }
    }
}

impl KalturaObject for FilterPager {
    const OBJECT_TYPE: &'static str = "KalturaFilterPager";
}

/// Criteria for `media.list` and `media.count` (`KalturaMediaEntryFilter`). Lists values are
/// comma-separated. Without a status criterion the server returns only READY entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaEntryFilter {
    /// Exactly this id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_equal: Option<String>,
    /// One of these ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_in: Option<String>,
    /// Name contains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_like: Option<String>,
    /// Name equals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_equal: Option<String>,
    /// Tags contain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags_like: Option<String>,
    /// Owner equals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id_equal: Option<String>,
    /// Reference id equals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_id_equal: Option<String>,
    /// Status equals (wire value, e.g. `2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_equal: Option<String>,
    /// Status in (e.g. `-1,-2,0,1,2,4,7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_in: Option<String>,
    /// Media type in (e.g. `1,5`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type_in: Option<String>,
    /// Substring of name, description or tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_text: Option<String>,
    /// Created at or after, Unix seconds.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub created_at_greater_than_or_equal: Option<i64>,
    /// Created at or before, Unix seconds.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub created_at_less_than_or_equal: Option<i64>,
    /// `+field`/`-field` list, e.g. `-createdAt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_by: Option<String>,
}

impl KalturaObject for MediaEntryFilter {
    const OBJECT_TYPE: &'static str = "KalturaMediaEntryFilter";
}

/// Criteria for asset lists (`KalturaAssetFilter`); `entry_id_equal` or `entry_id_in` is required by the
/// server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetFilter {
    /// Assets of this entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_id_equal: Option<String>,
    /// Assets of these entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_id_in: Option<String>,
    /// Exactly this asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_equal: Option<String>,
    /// Tags contain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags_like: Option<String>,
    /// `+createdAt`, `-createdAt`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_by: Option<String>,
}

impl AssetFilter {
    /// All assets of `entry_id`.
    pub fn for_entry(entry_id: &str) -> Self {
        Self {
            entry_id_equal: Some(entry_id.to_owned()),
            ..Self::default()
        }
    }
}

impl KalturaObject for AssetFilter {
    const OBJECT_TYPE: &'static str = "KalturaAssetFilter";
}

/// Criteria for `uploadToken.list` (`KalturaUploadTokenFilter`, kaltura-api-v3.md 10.5). With
/// `file_name_equal` and no status criterion the server searches only live tokens (PENDING,
/// PARTIAL_UPLOAD, FULL_UPLOAD).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadTokenFilter {
    /// Exactly this token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_equal: Option<String>,
    /// File name equals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name_equal: Option<String>,
    /// Status equals (wire value, e.g. `0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_equal: Option<String>,
    /// Status in (e.g. `0,1,2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_in: Option<String>,
    /// `+createdAt` or `-createdAt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_by: Option<String>,
}

impl KalturaObject for UploadTokenFilter {
    const OBJECT_TYPE: &'static str = "KalturaUploadTokenFilter";
}

/// A page of objects and the total count of matches (`Kaltura…ListResponse`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound = "T: DeserializeOwned", rename_all = "camelCase")]
pub struct ListResponse<T> {
    /// The objects of this page.
    #[serde(default, with = "loose::list")]
    pub objects: Vec<T>,
    /// All matches, independent of paging.
    #[serde(default, with = "loose::int")]
    pub total_count: Option<i64>,
}
