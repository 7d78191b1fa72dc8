//! Assets attached to entries: thumbnails, captions and flavors (kaltura-api-v3.md 9.5–9.6).

use serde::{Deserialize, Serialize};

use super::loose;
use super::{AssetStatus, CaptionType, KalturaObject};

/// A thumbnail image of an entry (`KalturaThumbAsset`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ThumbAsset {
    /// Asset id. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub id: Option<String>,
    /// Owning entry. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub entry_id: Option<String>,
    /// Owner partner. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub partner_id: Option<i64>,
    /// Content version. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub version: Option<i64>,
    /// Size in bytes. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub size_in_bytes: Option<i64>,
    /// Comma-separated tags; `default_thumb` marks the entry's default thumbnail.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// File extension, e.g. `jpg` (insert only).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub file_ext: Option<String>,
    /// Creation time, Unix seconds. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub created_at: Option<i64>,
    /// Free text for the partner.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub partner_data: Option<String>,
    /// Server notes, e.g. an error description. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub description: Option<String>,
    /// Thumb params used to make it (insert only).
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub thumb_params_id: Option<i64>,
    /// Width in pixels. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub width: Option<i64>,
    /// Height in pixels. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub height: Option<i64>,
    /// Status. Read-only.
    #[serde(with = "loose::wire_enum", skip_serializing)]
    pub status: Option<AssetStatus>,
}

impl ThumbAsset {
    /// Whether the `default_thumb` tag marks this as the entry's default thumbnail.
    pub fn is_default(&self) -> bool {
        self.tags
            .as_deref()
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == "default_thumb"))
    }
}

impl KalturaObject for ThumbAsset {
    const OBJECT_TYPE: &'static str = "KalturaThumbAsset";
}

/// A caption file of an entry (`KalturaCaptionAsset`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CaptionAsset {
    /// Asset id. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub id: Option<String>,
    /// Owning entry. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub entry_id: Option<String>,
    /// Owner partner. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub partner_id: Option<i64>,
    /// Content version. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub version: Option<i64>,
    /// Size in bytes. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub size_in_bytes: Option<i64>,
    /// Comma-separated tags.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// File extension (insert only).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub file_ext: Option<String>,
    /// Creation time. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub created_at: Option<i64>,
    /// Free text for the partner.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub partner_data: Option<String>,
    /// `KalturaLanguage` name, e.g. `English`.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Lower-case code derived from the language (free text, e.g. `en`, `en_us`). Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub language_code: Option<String>,
    /// Whether players show it by default.
    #[serde(with = "loose::boolean", skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    /// Label shown in players.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Caption format (insert only; SRT when absent).
    #[serde(with = "loose::wire_enum", skip_serializing_if = "Option::is_none")]
    pub format: Option<CaptionType>,
    /// Status. Read-only.
    #[serde(with = "loose::wire_enum", skip_serializing)]
    pub status: Option<AssetStatus>,
    /// Accuracy 0–100.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<i64>,
    /// Whether players list it (default true).
    #[serde(with = "loose::boolean", skip_serializing_if = "Option::is_none")]
    pub display_on_player: Option<bool>,
}

impl KalturaObject for CaptionAsset {
    const OBJECT_TYPE: &'static str = "KalturaCaptionAsset";
}

/// A transcoded rendition of an entry (`KalturaFlavorAsset`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FlavorAsset {
    /// Asset id. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub id: Option<String>,
    /// Owning entry. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub entry_id: Option<String>,
    /// Flavor params it was made with. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub flavor_params_id: Option<i64>,
    /// Width in pixels. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub width: Option<i64>,
    /// Height in pixels. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub height: Option<i64>,
    /// Bitrate in kbit/s. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub bitrate: Option<i64>,
    /// Size in bytes. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub size_in_bytes: Option<i64>,
    /// Container format, e.g. `mp4`. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub container_format: Option<String>,
    /// File extension. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub file_ext: Option<String>,
    /// Whether this is the original upload. Read-only.
    #[serde(with = "loose::boolean", skip_serializing)]
    pub is_original: Option<bool>,
    /// Comma-separated tags. Read-only here.
    #[serde(with = "loose::string", skip_serializing)]
    pub tags: Option<String>,
    /// Status. Read-only.
    #[serde(with = "loose::wire_enum", skip_serializing)]
    pub status: Option<AssetStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_is_default_reads_json_booleans_and_xml_digits() {
        let json: CaptionAsset =
            serde_json::from_str(r#"{"isDefault":true,"format":"3"}"#).unwrap();
        assert_eq!(json.is_default, Some(true));
        assert_eq!(json.format, Some(CaptionType::WebVtt));
        let xml: CaptionAsset = serde_json::from_str(r#"{"isDefault":"0"}"#).unwrap();
        assert_eq!(xml.is_default, Some(false));
    }

    #[test]
    fn default_thumb_tag_is_found_among_others() {
        let thumb = ThumbAsset {
            tags: Some("a, default_thumb".into()),
            ..Default::default()
        };
        assert!(thumb.is_default());
        assert!(!ThumbAsset::default().is_default());
    }
}
