//! `caption_captionAsset` (kaltura-api-v3.md 7.6). Changes need an ADMIN session.

use crate::retry::Safety::{Idempotent, Unsafe};
use crate::types::{AssetFilter, CaptionAsset, FilterPager, ListResponse, Resource};
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

const SERVICE: &str = "caption_captionAsset";

/// Calls of the `caption_captionAsset` service.
#[derive(Debug, Clone, Copy)]
pub struct CaptionAssetService<'a> {
    pub(super) client: &'a Client,
}

impl CaptionAssetService<'_> {
    /// `captionAsset.add`: a caption without content (QUEUED); `language` is a `KalturaLanguage` name.
    pub fn add(&self, entry_id: &str, asset: &CaptionAsset) -> Request<CaptionAsset> {
        let params = Params::new()
            .string("entryId", entry_id)
            .object("captionAsset", asset);
        Request::new(
            self.client,
            SERVICE,
            "add",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `captionAsset.setContent`: text and tokens are stored at once (READY), URLs imported later.
    pub fn set_content(&self, asset_id: &str, resource: &Resource) -> Request<CaptionAsset> {
        let params = Params::new()
            .string("id", asset_id)
            .resource("contentResource", resource);
        Request::new(
            self.client,
            SERVICE,
            "setContent",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `captionAsset.list`: the filter must name an entry.
    pub fn list(
        &self,
        filter: &AssetFilter,
        pager: Option<&FilterPager>,
    ) -> Request<ListResponse<CaptionAsset>> {
        let params = Params::new()
            .object("filter", filter)
            .object_opt("pager", pager);
        Request::new(
            self.client,
            SERVICE,
            "list",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `captionAsset.get`.
    pub fn get(&self, asset_id: &str) -> Request<CaptionAsset> {
        let params = Params::new().string("captionAssetId", asset_id);
        Request::new(
            self.client,
            SERVICE,
            "get",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `captionAsset.update`: changes the fields that are set (idempotent).
    pub fn update(&self, asset_id: &str, asset: &CaptionAsset) -> Request<CaptionAsset> {
        let params = Params::new()
            .string("id", asset_id)
            .object("captionAsset", asset);
        Request::new(
            self.client,
            SERVICE,
            "update",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `captionAsset.delete`: a default caption may be deleted too.
    pub fn delete(&self, asset_id: &str) -> Request<()> {
        let params = Params::new().string("captionAssetId", asset_id);
        Request::new(
            self.client,
            SERVICE,
            "delete",
            params,
            Unsafe,
            response::void,
        )
    }

    /// `captionAsset.setAsDefault`: this caption becomes the default, the others not.
    pub fn set_as_default(&self, asset_id: &str) -> Request<()> {
        let params = Params::new().string("captionAssetId", asset_id);
        Request::new(
            self.client,
            SERVICE,
            "setAsDefault",
            params,
            Idempotent,
            response::void,
        )
    }

    /// `captionAsset.getUrl`: a download URL of a READY caption.
    pub fn get_url(&self, asset_id: &str) -> Request<String> {
        let params = Params::new().string("id", asset_id);
        Request::new(
            self.client,
            SERVICE,
            "getUrl",
            params,
            Idempotent,
            response::string,
        )
    }
}
