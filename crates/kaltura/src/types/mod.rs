//! Wire objects and enums: entries, assets, params, upload tokens, filters, pagers and resources.
//!
//! Field names follow Rust conventions; serde renames carry the wire names. Every object decodes
//! tolerantly (unknown fields ignored, numbers or strings accepted, see [`loose`]) and encodes only the
//! fields that are set and writable, so a fetched object can be sent back in an update.

mod asset;
mod entry;
mod enums;
mod filter;
mod loose;
mod params;
mod resource;
mod upload_token;

pub use asset::{CaptionAsset, FlavorAsset, ThumbAsset};
pub use entry::MediaEntry;
pub use enums::*;
pub use filter::{AssetFilter, FilterPager, ListResponse, MediaEntryFilter, UploadTokenFilter};
pub use params::{ConversionProfile, FlavorParams, ThumbParams};
pub use resource::Resource;
pub use upload_token::UploadToken;

/// An object with a Kaltura class name, sent as `objectType`.
pub trait KalturaObject: serde::Serialize {
    /// The wire class name, e.g. `KalturaMediaEntry`.
    const OBJECT_TYPE: &'static str;
}

/// An enum as it travels: a wire string, with an `Unknown` variant for values newer servers may send.
pub trait WireEnum: Sized {
    /// Reads a wire value; unknown values are kept in `Unknown`.
    fn from_wire(value: &str) -> Self;
    /// The wire value.
    fn as_wire(&self) -> &str;
}
