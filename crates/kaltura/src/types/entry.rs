//! `KalturaMediaEntry` (kaltura-api-v3.md 9.1–9.4).

use serde::{Deserialize, Serialize};

use super::loose;
use super::{EntryStatus, EntryType, KalturaObject, MediaType, ModerationStatus, SourceType};

/// A media entry: video, audio or image, with its metadata and status.
///
/// Build one with `MediaEntry { name: Some(..), media_type: Some(MediaType::Video), ..Default::default() }`
/// for `media.add`; read-only fields (id, status, URLs, sizes…) are never sent back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MediaEntry {
    /// Entry id, `{dc}_{8 base36}`. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub id: Option<String>,
    /// Display name.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Free-text description.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Owner partner. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub partner_id: Option<i64>,
    /// Owner user id.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Creator user id (insert only).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<String>,
    /// Comma-separated tags.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Comma-separated admin tags (ADMIN sessions only).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub admin_tags: Option<String>,
    /// Comma-separated category names.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub categories: Option<String>,
    /// Comma-separated category ids.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub categories_ids: Option<String>,
    /// Status. Read-only.
    #[serde(with = "loose::wire_enum", skip_serializing)]
    pub status: Option<EntryStatus>,
    /// Moderation status. Read-only.
    #[serde(with = "loose::wire_enum", skip_serializing)]
    pub moderation_status: Option<ModerationStatus>,
    /// Entry type; set automatically for media entries.
    #[serde(
        rename = "type",
        with = "loose::wire_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub entry_type: Option<EntryType>,
    /// Creation time, Unix seconds. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub created_at: Option<i64>,
    /// Last update, Unix seconds. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub updated_at: Option<i64>,
    /// Free text for the partner's own use.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub partner_data: Option<String>,
    /// Download URL built by the server. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub download_url: Option<String>,
    /// Data version. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub version: Option<i64>,
    /// Thumbnail URL built by the server. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub thumbnail_url: Option<String>,
    /// Access-control profile id.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub access_control_id: Option<i64>,
    /// Scheduling window start, Unix seconds (ADMIN only).
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<i64>,
    /// Scheduling window end, Unix seconds (ADMIN only).
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<i64>,
    /// The partner's own id for the entry (at least 2 characters).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// Conversion profile used at ingestion.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub conversion_profile_id: Option<i64>,
    /// Root entry id (= id for ordinary entries). Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub root_entry_id: Option<String>,
    /// Play count. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub plays: Option<i64>,
    /// View count. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub views: Option<i64>,
    /// Width in pixels (video, image). Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub width: Option<i64>,
    /// Height in pixels (video, image). Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub height: Option<i64>,
    /// Duration in whole seconds. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub duration: Option<i64>,
    /// Duration in milliseconds.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub ms_duration: Option<i64>,
    /// `short`, `medium`, `long` or `notavailable`. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub duration_type: Option<String>,
    /// Video, audio or image; give it when creating.
    #[serde(with = "loose::wire_enum", skip_serializing_if = "Option::is_none")]
    pub media_type: Option<MediaType>,
    /// How the content arrived (insert only).
    #[serde(with = "loose::wire_enum", skip_serializing_if = "Option::is_none")]
    pub source_type: Option<SourceType>,
    /// Free-text credit.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub credit_user_name: Option<String>,
    /// Free-text credit URL.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub credit_url: Option<String>,
    /// Play URL built by the server. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub data_url: Option<String>,
    /// Comma-separated flavor params ids of the ready flavors. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub flavor_params_ids: Option<String>,
    /// Average rating (read-only).
    #[serde(with = "loose::float", skip_serializing)]
    pub rank: Option<f64>,
    /// Sum of all ratings (read-only).
    #[serde(with = "loose::int", skip_serializing)]
    pub total_rank: Option<i64>,
    /// The server's search index text (read-only).
    #[serde(with = "loose::string", skip_serializing)]
    pub search_text: Option<String>,
    /// Deprecated alias of the conversion profile id, as shown by the server (read-only here).
    #[serde(with = "loose::int", skip_serializing)]
    pub conversion_quality: Option<i64>,
    /// EXIF date of an image, Unix seconds (read-only).
    #[serde(with = "loose::int", skip_serializing)]
    pub media_date: Option<i64>,
}

impl KalturaObject for MediaEntry {
    const OBJECT_TYPE: &'static str = "KalturaMediaEntry";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_captured_real_entry_with_mixed_number_and_string_enums() {
        let json = r#"{"mediaType":1,"conversionQuality":34392,"sourceType":"6","flavorParamsIds":"0,295201,6","plays":21,"width":640,"height":480,"duration":243,"msDuration":243000,"id":"1_9vga7lbm","name":"4 Minutes","partnerId":27017,"status":2,"moderationStatus":6,"type":1,"createdAt":1339575147,"operationAttributes":[],"someFutureField":{"x":1},"objectType":"KalturaMediaEntry"}"#;
        let entry: MediaEntry = serde_json::from_str(json).unwrap();
        assert_eq!(entry.id.as_deref(), Some("1_9vga7lbm"));
        assert_eq!(entry.status, Some(EntryStatus::Ready));
        assert_eq!(entry.media_type, Some(MediaType::Video));
        assert_eq!(entry.source_type, Some(SourceType::SearchProvider));
        assert_eq!(entry.entry_type, Some(EntryType::MediaClip));
        assert_eq!(entry.ms_duration, Some(243000));
        assert_eq!(entry.conversion_quality, Some(34392));
    }

    #[test]
    fn encodes_only_writable_fields_as_strings() {
        let entry = MediaEntry {
            id: Some("0_x".into()),
            name: Some("clip".into()),
            media_type: Some(MediaType::Video),
            status: Some(EntryStatus::Ready),
            ..Default::default()
        };
        let value = serde_json::to_value(&entry).unwrap();
        assert_eq!(value, serde_json::json!({"name": "clip", "mediaType": "1"}));
    }
}
