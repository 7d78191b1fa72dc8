//! `flavorParams` (kaltura-api-v3.md 7.7). ADMIN only.

use crate::retry::Safety::Unsafe;
use crate::types::FlavorParams;
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `flavorParams` service.
#[derive(Debug, Clone, Copy)]
pub struct FlavorParamsService<'a> {
    pub(super) client: &'a Client,
}

impl FlavorParamsService<'_> {
    /// `flavorParams.add`: a new recipe; `name` is required.
    pub fn add(&self, flavor_params: &FlavorParams) -> Request<FlavorParams> {
        let params = Params::new().object("flavorParams", flavor_params);
        Request::new(
            self.client,
            "flavorParams",
            "add",
            params,
            Unsafe,
            response::object,
        )
    }
}
