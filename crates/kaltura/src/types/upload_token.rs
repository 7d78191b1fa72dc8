//! `KalturaUploadToken` (kaltura-api-v3.md 8.1).

use serde::{Deserialize, Serialize};

use super::loose;
use super::{KalturaObject, UploadTokenStatus};

/// A server-side upload slot that receives a file in one or several chunks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UploadToken {
    /// Token id. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub id: Option<String>,
    /// Owner partner. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub partner_id: Option<i64>,
    /// Creating user. Read-only.
    #[serde(with = "loose::string", skip_serializing)]
    pub user_id: Option<String>,
    /// Status. Read-only.
    #[serde(with = "loose::wire_enum", skip_serializing)]
    pub status: Option<UploadTokenStatus>,
    /// File name (insert only; gives the extension used to detect the media type).
    #[serde(with = "loose::string", skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Expected total size in bytes (insert only).
    #[serde(with = "loose::float", skip_serializing_if = "Option::is_none")]
    pub file_size: Option<f64>,
    /// Bytes assembled so far. Read-only.
    #[serde(with = "loose::float", skip_serializing)]
    pub uploaded_file_size: Option<f64>,
    /// Creation time. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub created_at: Option<i64>,
    /// Last change. Read-only.
    #[serde(with = "loose::int", skip_serializing)]
    pub updated_at: Option<i64>,
}

impl UploadToken {
    /// Bytes the server holds, 0 when it reports none.
    pub fn uploaded_bytes(&self) -> u64 {
        self.uploaded_file_size
            .filter(|s| *s > 0.0)
            .map_or(0, |s| s as u64)
    }
}

impl KalturaObject for UploadToken {
    const OBJECT_TYPE: &'static str = "KalturaUploadToken";
}
