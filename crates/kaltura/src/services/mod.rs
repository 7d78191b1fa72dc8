//! One file per Kaltura service; each method returns a [`Request`](crate::Request) for one action.
//!
//! Reads are marked safe to retry; calls that create or change things are not (see `retry`).

mod base_entry;
mod caption_asset;
mod conversion_profile;
mod flavor_asset;
mod flavor_params;
mod media;
mod session;
mod thumb_asset;
mod upload_token;

pub use base_entry::BaseEntryService;
pub use caption_asset::CaptionAssetService;
pub use conversion_profile::ConversionProfileService;
pub use flavor_asset::FlavorAssetService;
pub use flavor_params::FlavorParamsService;
pub use media::MediaService;
pub use session::SessionService;
pub use thumb_asset::ThumbAssetService;
pub use upload_token::{ChunkUpload, UploadTokenService};

use crate::Client;

impl Client {
    /// `media`: media entries.
    pub fn media(&self) -> MediaService<'_> {
        MediaService { client: self }
    }

    /// `baseEntry`: entries of any type.
    pub fn base_entry(&self) -> BaseEntryService<'_> {
        BaseEntryService { client: self }
    }

    /// `uploadToken`: chunked uploads (see also [`Client::upload`]).
    pub fn upload_token(&self) -> UploadTokenService<'_> {
        UploadTokenService { client: self }
    }

    /// `thumbAsset`: thumbnails.
    pub fn thumb_asset(&self) -> ThumbAssetService<'_> {
        ThumbAssetService { client: self }
    }

    /// `caption_captionAsset`: captions (ADMIN session for changes).
    pub fn caption_asset(&self) -> CaptionAssetService<'_> {
        CaptionAssetService { client: self }
    }

    /// `flavorParams`: transcoding recipes (ADMIN).
    pub fn flavor_params(&self) -> FlavorParamsService<'_> {
        FlavorParamsService { client: self }
    }

    /// `conversionProfile`: which flavors are made (ADMIN).
    pub fn conversion_profile(&self) -> ConversionProfileService<'_> {
        ConversionProfileService { client: self }
    }

    /// `flavorAsset`: an entry's renditions.
    pub fn flavor_asset(&self) -> FlavorAssetService<'_> {
        FlavorAssetService { client: self }
    }

    /// `session`: server-side sessions (the client builds its own locally).
    pub fn session(&self) -> SessionService<'_> {
        SessionService { client: self }
    }
}
