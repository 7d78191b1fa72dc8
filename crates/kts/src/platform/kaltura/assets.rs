//! What Kaltura's thumbnail and caption assets share: the serve URL given to
//! browsers, the list order and size, the asset status table, and the one
//! mapping of Kaltura's "not found" for asset calls.

use kaltura::{AssetFilter, FilterPager};

use super::Kaltura;
use crate::error::Error;
use crate::ids::{AssetId, EntryId};
use crate::model::{AssetKind, AssetStatus, PlatformKind};

/// Most assets listed for one entry (Kaltura's largest page).
const MAX_LISTED_ASSETS: i64 = 500;

/// Sort order of the lists: newest first, as the legacy lists are.
const NEWEST_FIRST: &str = "-createdAt";

/// The filter and page for listing every asset of `entry`, newest first.
pub(super) fn newest_first(entry: &EntryId) -> (AssetFilter, FilterPager) {
    let filter = AssetFilter {
        order_by: Some(NEWEST_FIRST.into()),
        ..AssetFilter::for_entry(entry.as_str())
    };
    (filter, FilterPager::page(MAX_LISTED_ASSETS, 1))
}

/// An asset's `status` in KTS's words (`KalturaAssetStatus`, kaltura-api-v3.md
/// 12.3); the states KTS does not tell apart, and none, are `Unknown`.
pub(super) fn asset_status(status: Option<&kaltura::AssetStatus>) -> AssetStatus {
    match status {
        Some(kaltura::AssetStatus::Error) => AssetStatus::Error,
        Some(kaltura::AssetStatus::Queued) => AssetStatus::Queued,
        Some(kaltura::AssetStatus::Ready) => AssetStatus::Ready,
        Some(kaltura::AssetStatus::Deleted) => AssetStatus::Deleted,
        Some(kaltura::AssetStatus::Importing) => AssetStatus::Importing,
        _ => AssetStatus::Unknown,
    }
}

impl Kaltura {
    /// A URL a browser can fetch an asset's file from: the asset's `serve`
    /// action in the path form the old service published (kaltura-api-v3.md
    /// 7.5 and 7.6, `…/service/thumbAsset/action/serve/thumbAssetId/{id}/ks/{ks}`)
    /// with a USER session limited to viewing and downloading `entry` — never
    /// the admin session. Built locally, without a round trip. The session is
    /// percent-encoded so that base64 characters such as `/` cannot split the
    /// path.
    pub(super) fn serve_url(
        &self,
        kind: AssetKind,
        entry: &EntryId,
        asset: &str,
    ) -> Result<String, Error> {
        let ks = self.conn.entry_playback_ks(entry)?;
        let ks: String = url::form_urlencoded::byte_serialize(ks.expose().as_bytes()).collect();
        let asset: String = url::form_urlencoded::byte_serialize(asset.as_bytes()).collect();
        let (service, id_name) = match kind {
            AssetKind::Thumbnail => ("thumbAsset", "thumbAssetId"),
            AssetKind::Caption => ("caption_captionAsset", "captionAssetId"),
        };
        Ok(format!(
            "{}/api_v3/index.php/service/{service}/action/serve/{id_name}/{asset}/ks/{ks}",
            self.conn.facts.service_url
        ))
    }

    /// Turns a failed asset call into the error the caller should see:
    /// Kaltura's "no such entry" becomes [`Error::EntryNotFound`] when the
    /// call named an entry, its "no such asset" [`Error::AssetNotFound`] when
    /// it named an asset; anything else is the instance's Kaltura failure.
    pub(super) fn asset_failure(
        &self,
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
                instance: self.instance(),
                entry: entry.clone(),
            };
        }
        if error.is_not_found()
            && let Some(asset) = asset
        {
            return Error::AssetNotFound {
                instance: self.instance(),
                kind: kind.name(),
                asset: asset.clone(),
            };
        }
        self.conn.failure(error)
    }

    /// The error for an `add` Kaltura answered without the new asset's id.
    pub(super) fn missing_asset_id(&self, action: &str) -> Error {
        Error::PlatformFailed {
            instance: self.instance(),
            platform: PlatformKind::Kaltura,
            code: "INVALID_RESPONSE".into(),
            message: format!("{action} answered without an id"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kaltura_asset_statuses_become_kts_statuses() {
        use kaltura::AssetStatus as Wire;
        assert_eq!(asset_status(Some(&Wire::Ready)), AssetStatus::Ready);
        assert_eq!(asset_status(Some(&Wire::Error)), AssetStatus::Error);
        assert_eq!(asset_status(Some(&Wire::Queued)), AssetStatus::Queued);
        assert_eq!(asset_status(Some(&Wire::Deleted)), AssetStatus::Deleted);
        assert_eq!(asset_status(Some(&Wire::Importing)), AssetStatus::Importing);
        assert_eq!(asset_status(Some(&Wire::Temp)), AssetStatus::Unknown);
        assert_eq!(asset_status(None), AssetStatus::Unknown);
    }
}
