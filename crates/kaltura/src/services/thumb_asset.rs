//! `thumbAsset` (kaltura-api-v3.md 7.5).

use bytes::Bytes;

use crate::retry::Safety::{Idempotent, Unsafe};
use crate::types::{AssetFilter, FilterPager, ListResponse, Resource, ThumbAsset, ThumbParams};
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `thumbAsset` service.
#[derive(Debug, Clone, Copy)]
pub struct ThumbAssetService<'a> {
    pub(super) client: &'a Client,
}

impl ThumbAssetService<'_> {
    /// `thumbAsset.add`: a thumbnail without content (QUEUED).
    pub fn add(&self, entry_id: &str, asset: &ThumbAsset) -> Request<ThumbAsset> {
        let params = Params::new()
            .string("entryId", entry_id)
            .object("thumbAsset", asset);
        Request::new(
            self.client,
            "thumbAsset",
            "add",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `thumbAsset.setContent`: a URL is downloaded during the call (READY at return, or
    /// `THUMB_ASSET_DOWNLOAD_FAILED`).
    pub fn set_content(&self, asset_id: &str, resource: &Resource) -> Request<ThumbAsset> {
        let params = Params::new()
            .string("id", asset_id)
            .resource("contentResource", resource);
        Request::new(
            self.client,
            "thumbAsset",
            "setContent",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `thumbAsset.addFromImage`: uploads an image as a new thumbnail (READY at return).
    pub fn add_from_image(
        &self,
        entry_id: &str,
        file_name: &str,
        image: Bytes,
    ) -> Request<ThumbAsset> {
        let params = Params::new().string("entryId", entry_id);
        Request::new(
            self.client,
            "thumbAsset",
            "addFromImage",
            params,
            Unsafe,
            response::object,
        )
        .with_file(file_name.to_owned(), image)
    }

    /// `thumbAsset.list`: the filter must name an entry.
    pub fn list(
        &self,
        filter: &AssetFilter,
        pager: Option<&FilterPager>,
    ) -> Request<ListResponse<ThumbAsset>> {
        let params = Params::new()
            .object("filter", filter)
            .object_opt("pager", pager);
        Request::new(
            self.client,
            "thumbAsset",
            "list",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `thumbAsset.get`.
    pub fn get(&self, asset_id: &str) -> Request<ThumbAsset> {
        let params = Params::new().string("thumbAssetId", asset_id);
        Request::new(
            self.client,
            "thumbAsset",
            "get",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `thumbAsset.setAsDefault`: makes it the entry's thumbnail (idempotent).
    pub fn set_as_default(&self, asset_id: &str) -> Request<()> {
        let params = Params::new().string("thumbAssetId", asset_id);
        Request::new(
            self.client,
            "thumbAsset",
            "setAsDefault",
            params,
            Idempotent,
            response::void,
        )
    }

    /// `thumbAsset.delete`: ADMIN only; the default thumbnail cannot be deleted (`THUMB_ASSET_IS_DEFAULT`).
    pub fn delete(&self, asset_id: &str) -> Request<()> {
        let params = Params::new().string("thumbAssetId", asset_id);
        Request::new(
            self.client,
            "thumbAsset",
            "delete",
            params,
            Unsafe,
            response::void,
        )
    }

    /// `thumbAsset.getUrl`: a download URL of a READY thumbnail.
    pub fn get_url(&self, asset_id: &str) -> Request<String> {
        let params = Params::new().string("id", asset_id);
        Request::new(
            self.client,
            "thumbAsset",
            "getUrl",
            params,
            Idempotent,
            response::string,
        )
    }

    /// `thumbAsset.generate`: captures a frame of a video entry (e.g. at `video_offset` seconds).
    pub fn generate(&self, entry_id: &str, thumb_params: &ThumbParams) -> Request<ThumbAsset> {
        let params = Params::new()
            .string("entryId", entry_id)
            .object("thumbParams", thumb_params);
        Request::new(
            self.client,
            "thumbAsset",
            "generate",
            params,
            Unsafe,
            response::object,
        )
    }
}
