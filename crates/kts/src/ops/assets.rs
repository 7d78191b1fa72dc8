//! What the thumbnail and caption calls share: status names, the download
//! URL given to browsers, and Kaltura failures turned into "not found"
//! errors. (Half-created assets are removed by `super::undo`.)
//!
//! Used by [`super::thumbnails`] and [`super::captions`]; talks to Kaltura
//! only through the [`Connection`] it is given.

use kaltura::AssetStatus;

use crate::error::Error;
use crate::ids::{AssetId, EntryId};
use crate::instances::Connection;

/// Most assets listed for one entry (Kaltura's largest page).
pub const MAX_LISTED_ASSETS: i64 = 500;

/// Sort order of the legacy lists: newest first.
pub const NEWEST_FIRST: &str = "-createdAt";

/// The two kinds of asset the legacy calls manage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    /// `thumbAsset`.
    Thumbnail,
    /// `caption_captionAsset`.
    Caption,
}

impl AssetKind {
    /// The word used in messages.
    pub fn name(self) -> &'static str {
        match self {
            AssetKind::Thumbnail => "thumbnail",
            AssetKind::Caption => "caption",
        }
    }
}

/// The legacy status name of an asset (kts-legacy-api.md, `thumbnail_list`):
/// `ERROR`, `QUEUED`, `READY`, `DELETED`, `IMPORTING`, else `UNKNOWN`.
pub fn status_name(status: Option<&AssetStatus>) -> &'static str {
    match status {
        Some(AssetStatus::Error) => "ERROR",
        Some(AssetStatus::Queued) => "QUEUED",
        Some(AssetStatus::Ready) => "READY",
        Some(AssetStatus::Deleted) => "DELETED",
        Some(AssetStatus::Importing) => "IMPORTING",
        _ => "UNKNOWN",
    }
}

/// A URL a browser can fetch an asset's file from: the asset's `serve`
/// action in the path form the old service published (kaltura-api-v3.md
/// 7.5 and 7.6, `…/service/thumbAsset/action/serve/thumbAssetId/{id}/ks/{ks}`)
/// with a USER session limited to viewing and downloading `entry` — never
/// the admin session. Built locally, without a round trip. The session is
/// percent-encoded so that base64 characters such as `/` cannot split the
/// path.
pub fn serve_url(
    conn: &Connection,
    kind: AssetKind,
    entry: &EntryId,
    asset: &str,
) -> Result<String, Error> {
    let ks = conn.entry_playback_ks(entry)?;
    let ks: String = url::form_urlencoded::byte_serialize(ks.expose().as_bytes()).collect();
    let asset: String = url::form_urlencoded::byte_serialize(asset.as_bytes()).collect();
    let (service, id_name) = match kind {
        AssetKind::Thumbnail => ("thumbAsset", "thumbAssetId"),
        AssetKind::Caption => ("caption_captionAsset", "captionAssetId"),
    };
    Ok(format!(
        "{}/api_v3/index.php/service/{service}/action/serve/{id_name}/{asset}/ks/{ks}",
        conn.facts.service_url
    ))
}

/// Turns a failed call into the error the caller should see: Kaltura's "no
/// such entry" becomes [`Error::EntryNotFound`] when the call named an
/// entry, its "no such asset" [`Error::AssetNotFound`] when it named an
/// asset; anything else is the instance's Kaltura failure.
pub fn failure(
    conn: &Connection,
    kind: AssetKind,
    entry: Option<&EntryId>,
    asset: Option<&AssetId>,
    error: kaltura::Error,
) -> Error {
    let code = error.kaltura_code().unwrap_or_default();
    if code == "ENTRY_ID_NOT_FOUND"
        && let Some(entry) = entry
    {
        return Error::EntryNotFound {
            instance: conn.id(),
            entry: entry.clone(),
        };
    }
    if error.is_not_found()
        && let Some(asset) = asset
    {
        return Error::AssetNotFound {
            instance: conn.id(),
            kind: kind.name(),
            asset: asset.clone(),
        };
    }
    conn.failure(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_follow_the_legacy_list() {
        assert_eq!(status_name(Some(&AssetStatus::Ready)), "READY");
        assert_eq!(status_name(Some(&AssetStatus::Error)), "ERROR");
        assert_eq!(status_name(Some(&AssetStatus::Queued)), "QUEUED");
        assert_eq!(status_name(Some(&AssetStatus::Deleted)), "DELETED");
        assert_eq!(status_name(Some(&AssetStatus::Importing)), "IMPORTING");
        assert_eq!(status_name(Some(&AssetStatus::Temp)), "UNKNOWN");
        assert_eq!(status_name(None), "UNKNOWN");
    }
}
