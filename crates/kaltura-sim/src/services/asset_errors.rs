//! The error codes of the asset services (kaltura-api-v3.md 6.3), with their message templates verbatim.

use crate::wire::error::ApiError;

impl ApiError {
    pub(crate) fn thumb_asset_not_found(id: &str) -> Self {
        Self::new(
            "THUMB_ASSET_ID_NOT_FOUND",
            "The Thumbnail asset id \"@ID@\" not found",
            vec![("ID", id.to_owned())],
        )
    }

    pub(crate) fn thumb_asset_is_not_ready() -> Self {
        Self::new(
            "THUMB_ASSET_IS_NOT_READY",
            "The thumbnail asset is not ready",
            vec![],
        )
    }

    pub(crate) fn thumb_asset_already_exists(asset_id: &str, params_id: i64) -> Self {
        Self::new(
            "THUMB_ASSET_ALREADY_EXISTS",
            "Thumbnail asset id \"@ASSET_ID@\" already use thumbnail params id \"@PARAMS_ID@\"",
            vec![
                ("ASSET_ID", asset_id.to_owned()),
                ("PARAMS_ID", params_id.to_string()),
            ],
        )
    }

    pub(crate) fn thumb_asset_download_failed(url: &str) -> Self {
        Self::new(
            "THUMB_ASSET_DOWNLOAD_FAILED",
            "Failed to download thumbnail from URL \"@URL_PATH@\"",
            vec![("URL_PATH", url.to_owned())],
        )
    }

    pub(crate) fn thumb_asset_is_default(asset_id: &str) -> Self {
        Self::new(
            "THUMB_ASSET_IS_DEFAULT",
            "Thumbnail asset \"@ASSET@\" is default and could not be deleted",
            vec![("ASSET", asset_id.to_owned())],
        )
    }

    pub(crate) fn caption_asset_not_found(id: &str) -> Self {
        Self::new(
            "CAPTION_ASSET_ID_NOT_FOUND",
            "Caption asset id \"@ASSET_ID@\" not found",
            vec![("ASSET_ID", id.to_owned())],
        )
    }

    pub(crate) fn caption_asset_already_exists(asset_id: &str, params_id: i64) -> Self {
        Self::new(
            "CAPTION_ASSET_ALREADY_EXISTS",
            "Caption asset \"@ASSET_ID@\" already exists for params id \"@PARAM_ID@\"",
            vec![
                ("ASSET_ID", asset_id.to_owned()),
                ("PARAM_ID", params_id.to_string()),
            ],
        )
    }

    /// getUrl passes no argument, so the real message reads `Caption asset "N/A" is not ready`.
    pub(crate) fn caption_asset_is_not_ready() -> Self {
        Self::new(
            "CAPTION_ASSET_IS_NOT_READY",
            "Caption asset \"@ASSET_ID@\" is not ready",
            vec![],
        )
    }

    pub(crate) fn entry_type_not_supported(entry_type: &str) -> Self {
        Self::new(
            "ENTRY_TYPE_NOT_SUPPORTED",
            "Entry type \"@ENTRY_TYPE@\" not supported",
            vec![("ENTRY_TYPE", entry_type.to_owned())],
        )
    }

    pub(crate) fn entry_media_type_not_supported(media_type: &str) -> Self {
        Self::new(
            "ENTRY_MEDIA_TYPE_NOT_SUPPORTED",
            "Entry media type \"@MEDIA_TYPE@\" not supported",
            vec![("MEDIA_TYPE", media_type.to_owned())],
        )
    }

    pub(crate) fn invalid_entry_status() -> Self {
        Self::new("INVALID_ENTRY_STATUS", "Invalid entry status", vec![])
    }

    pub(crate) fn flavor_asset_is_not_ready() -> Self {
        Self::new(
            "FLAVOR_ASSET_IS_NOT_READY",
            "The flavor asset is not ready",
            vec![],
        )
    }

    pub(crate) fn flavor_params_not_found(id: &str) -> Self {
        Self::new(
            "FLAVOR_PARAMS_ID_NOT_FOUND",
            "Flavor params id \"@ID@\" not found",
            vec![("ID", id.to_owned())],
        )
    }

    pub(crate) fn flavor_params_duplicate(id: i64) -> Self {
        Self::new(
            "FLAVOR_PARAMS_DUPLICATE",
            "Flavor params [@PARAMS@] defined more than once",
            vec![("PARAMS", id.to_string())],
        )
    }

    pub(crate) fn flavor_params_source_duplicate() -> Self {
        Self::new(
            "FLAVOR_PARAMS_SOURCE_DUPLICATE",
            "More than onc source flavor defined",
            vec![],
        )
    }

    pub(crate) fn conversion_profile_not_found(id: &str) -> Self {
        Self::new(
            "CONVERSION_PROFILE_ID_NOT_FOUND",
            "Conversion profile id \"@ID@\" not found",
            vec![("ID", id.to_owned())],
        )
    }

    pub(crate) fn min_value(prop: &str, min: i64) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_MIN_VALUE",
            "The property \"@PROP_NAME@\" must have a min value of @MIN_VAL@",
            vec![("PROP_NAME", prop.to_owned()), ("MIN_VAL", min.to_string())],
        )
    }

    pub(crate) fn max_value(prop: &str, max: i64) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_MAX_VALUE",
            "The property \"@PROP_NAME@\" must have a max value of @MAX_VAL@",
            vec![("PROP_NAME", prop.to_owned()), ("MAX_VAL", max.to_string())],
        )
    }
}
