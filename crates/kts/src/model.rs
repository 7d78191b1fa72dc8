//! KTS's own nouns, shared by every platform and every API surface: what an
//! operation in `ops` takes and returns. No platform's wire types and no
//! HTTP types here; `http/legacy` shapes these into the legacy JSON and the
//! platform adapters build them from what a platform answers.

use std::fmt;
use std::str::FromStr;

use crate::detect::caption_format::CaptionFormat;

/// Which video platform an instance is an account of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformKind {
    /// Kaltura (api_v3).
    Kaltura,
}

impl PlatformKind {
    /// The stored and displayed name: `kaltura`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformKind::Kaltura => "kaltura",
        }
    }
}

impl fmt::Display for PlatformKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlatformKind {
    type Err = UnknownPlatform;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "kaltura" => Ok(PlatformKind::Kaltura),
            _ => Err(UnknownPlatform(text.chars().take(32).collect())),
        }
    }
}

/// A platform name KTS does not serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown platform {0:?} (KTS serves: kaltura)")]
pub struct UnknownPlatform(String);

/// The kinds of file an entry carries beside its media, which KTS manages one
/// by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    /// A still image shown before playback.
    Thumbnail,
    /// A caption (subtitle) track.
    Caption,
}

impl AssetKind {
    /// The word used in messages.
    pub fn name(self) -> &'static str {
        match self {
            AssetKind::Thumbnail => "thumbnail",
            AssetKind::Caption => "caption",
        }
    }
}

/// Where an asset's file stands on its platform. Platforms report more
/// states than these; the adapters fold the rest into
/// [`Unknown`](AssetStatus::Unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetStatus {
    /// Waiting to be processed.
    Queued,
    /// Being fetched from a URL.
    Importing,
    /// Ready to be served.
    Ready,
    /// Processing failed.
    Error,
    /// Deleted.
    Deleted,
    /// Any other state, or none reported.
    Unknown,
}

/// A thumbnail of an entry, as its platform describes it. Figures the
/// platform left out are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// The platform's id of the thumbnail.
    pub id: String,
    /// Width in pixels.
    pub width: Option<i64>,
    /// Height in pixels.
    pub height: Option<i64>,
    /// Size of the file in bytes.
    pub size: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Whether it is the entry's default thumbnail.
    pub is_default: bool,
    /// Where its file stands.
    pub status: AssetStatus,
    /// A URL a browser can fetch the image from (it carries a session
    /// limited to viewing this entry).
    pub url: String,
}

/// What removing a thumbnail did: platforms keep the default thumbnail, and
/// that is an answer, not a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThumbnailRemoval {
    /// The thumbnail is gone.
    Deleted,
    /// The thumbnail is the entry's default and was kept.
    IsDefault,
}

/// A caption track of an entry, as its platform describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The platform's id of the caption.
    pub id: String,
    /// The label players show, if it has one.
    pub label: Option<String>,
    /// Its language by English name (`French`), as the platform reported it.
    pub language: Option<String>,
    /// Its file format.
    pub format: ReportedCaptionFormat,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Whether it is the entry's default caption.
    pub is_default: bool,
    /// Where its file stands.
    pub status: AssetStatus,
    /// A URL a browser can fetch the caption file from (it carries a session
    /// limited to viewing this entry).
    pub url: String,
}

/// A caption's format as its platform reports it: one KTS knows, or the
/// platform's own name for one it does not (kept so that it can be shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportedCaptionFormat {
    /// One of the formats KTS detects and uploads.
    Known(CaptionFormat),
    /// Something else, by the platform's name for it.
    Other(String),
}

impl fmt::Display for ReportedCaptionFormat {
    /// The format's short name (`srt`, `dfxp`, `webvtt`, `cap`, `scc`), or the
    /// platform's name for an unknown one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportedCaptionFormat::Known(format) => f.write_str(format.legacy_name()),
            ReportedCaptionFormat::Other(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_names_read_back_whatever_their_case() {
        assert_eq!("Kaltura".parse(), Ok(PlatformKind::Kaltura));
        assert_eq!(PlatformKind::Kaltura.to_string(), "kaltura");
        assert!("youtube".parse::<PlatformKind>().is_err());
    }

    #[test]
    fn a_reported_caption_format_shows_its_short_name_or_the_platforms_own() {
        let known = ReportedCaptionFormat::Known(CaptionFormat::WebVtt);
        assert_eq!(known.to_string(), "webvtt");
        assert_eq!(ReportedCaptionFormat::Other("9".into()).to_string(), "9");
    }
}
