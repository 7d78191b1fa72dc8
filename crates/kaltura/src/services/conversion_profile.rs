//! `conversionProfile` (kaltura-api-v3.md 7.8). ADMIN only.

use crate::retry::Safety::Idempotent;
use crate::types::ConversionProfile;
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `conversionProfile` service.
#[derive(Debug, Clone, Copy)]
pub struct ConversionProfileService<'a> {
    pub(super) client: &'a Client,
}

impl ConversionProfileService<'_> {
    /// `conversionProfile.getDefault`: the partner's default media profile.
    pub fn get_default(&self) -> Request<ConversionProfile> {
        Request::new(
            self.client,
            "conversionProfile",
            "getDefault",
            Params::new(),
            Idempotent,
            response::object,
        )
    }

    /// `conversionProfile.update`: a sent `flavor_params_ids` replaces the list (idempotent).
    pub fn update(&self, id: i64, profile: &ConversionProfile) -> Request<ConversionProfile> {
        let params = Params::new()
            .int("id", id)
            .object("conversionProfile", profile);
        Request::new(
            self.client,
            "conversionProfile",
            "update",
            params,
            Idempotent,
            response::object,
        )
    }
}
