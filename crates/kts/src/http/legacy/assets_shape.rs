//! What the legacy thumbnail and caption answers share: the status names of
//! `thumbnail_list` and `list_captions` (kts-legacy-api.md, "Thumbnails").

use crate::model::AssetStatus;

/// The legacy name of an asset's status: `ERROR`, `QUEUED`, `READY`,
/// `DELETED`, `IMPORTING`, else `UNKNOWN`.
pub(crate) fn status_name(status: AssetStatus) -> &'static str {
    match status {
        AssetStatus::Error => "ERROR",
        AssetStatus::Queued => "QUEUED",
        AssetStatus::Ready => "READY",
        AssetStatus::Deleted => "DELETED",
        AssetStatus::Importing => "IMPORTING",
        AssetStatus::Unknown => "UNKNOWN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_follow_the_legacy_list() {
        assert_eq!(status_name(AssetStatus::Ready), "READY");
        assert_eq!(status_name(AssetStatus::Error), "ERROR");
        assert_eq!(status_name(AssetStatus::Queued), "QUEUED");
        assert_eq!(status_name(AssetStatus::Deleted), "DELETED");
        assert_eq!(status_name(AssetStatus::Importing), "IMPORTING");
        assert_eq!(status_name(AssetStatus::Unknown), "UNKNOWN");
    }
}
