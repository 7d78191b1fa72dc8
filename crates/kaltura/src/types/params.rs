//! Thumb params, flavor params and conversion profiles (kaltura-api-v3.md 9.7).

use serde::{Deserialize, Serialize};

use super::loose;
use super::{ConversionProfileType, KalturaObject};

/// How to capture a thumbnail (`KalturaThumbParams`), e.g. for `thumbAsset.generate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ThumbParams {
    /// Seconds into the video.
    #[serde(with = "loose::float", skip_serializing_if = "Option::is_none")]
    pub video_offset: Option<f64>,
    /// Width in pixels, 0 = keep.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub width: Option<i64>,
    /// Height in pixels, 0 = keep.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub height: Option<i64>,
    /// `KalturaThumbCropType` (1 resize … 5 stretch).
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub crop_type: Option<i64>,
    /// JPEG quality 20–100.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub quality: Option<i64>,
    /// Tags given to the generated asset (`default_thumb` makes it default).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
}

impl KalturaObject for ThumbParams {
    const OBJECT_TYPE: &'static str = "KalturaThumbParams";
}

/// A transcoding recipe (`KalturaFlavorParams`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FlavorParams {
    /// Integer id. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub id: Option<i64>,
    /// Owner partner. Read-only here.
    #[serde(with = "loose::int", skip_serializing)]
    pub partner_id: Option<i64>,
    /// Name (required on add).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// System name.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub system_name: Option<String>,
    /// Description.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Comma-separated tags, e.g. `web,mbr`.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Video codec, e.g. `h264`.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub video_codec: Option<String>,
    /// Video bitrate, kbit/s.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub video_bitrate: Option<i64>,
    /// Audio codec, e.g. `aac`.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub audio_codec: Option<String>,
    /// Audio bitrate, kbit/s.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub audio_bitrate: Option<i64>,
    /// Width, 0 = derive.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub width: Option<i64>,
    /// Height, 0 = derive.
    #[serde(with = "loose::int", skip_serializing_if = "Option::is_none")]
    pub height: Option<i64>,
    /// Container format, e.g. `mp4`.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Creation time. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub created_at: Option<i64>,
}

impl KalturaObject for FlavorParams {
    const OBJECT_TYPE: &'static str = "KalturaFlavorParams";
}

/// Which flavors are made on ingestion (`KalturaConversionProfile`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConversionProfile {
    /// Integer id. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub id: Option<i64>,
    /// Owner partner. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub partner_id: Option<i64>,
    /// Name.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Media or live (insert only).
    #[serde(rename = "type", with = "loose::wire_enum", skip_serializing)]
    pub profile_type: Option<ConversionProfileType>,
    /// Comma-separated flavor params ids; an update replaces the list.
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub flavor_params_ids: Option<String>,
    /// Whether this is the partner's default profile. Read-only.
    #[serde(with = "loose::boolean", skip_serializing)]
    pub is_partner_default: Option<bool>,
}

impl ConversionProfile {
    /// The flavor params ids as numbers; unreadable items are skipped.
    pub fn flavor_params_id_list(&self) -> Vec<i64> {
        self.flavor_params_ids
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect()
    }
}

impl KalturaObject for ConversionProfile {
    const OBJECT_TYPE: &'static str = "KalturaConversionProfile";
}
