//! `flavorAsset`: an entry's renditions.

use crate::retry::Safety::Idempotent;
use crate::types::{AssetFilter, FilterPager, FlavorAsset, ListResponse};
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `flavorAsset` service.
#[derive(Debug, Clone, Copy)]
pub struct FlavorAssetService<'a> {
    pub(super) client: &'a Client,
}

impl FlavorAssetService<'_> {
    /// `flavorAsset.list`: the filter must name an entry.
    pub fn list(
        &self,
        filter: &AssetFilter,
        pager: Option<&FilterPager>,
    ) -> Request<ListResponse<FlavorAsset>> {
        let params = Params::new()
            .object("filter", filter)
            .object_opt("pager", pager);
        Request::new(
            self.client,
            "flavorAsset",
            "list",
            params,
            Idempotent,
            response::object,
        )
    }
}
