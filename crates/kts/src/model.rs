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
    /// Telestream Cloud (Flip, formerly Panda): a factory.
    Telestream,
}

impl PlatformKind {
    /// Every platform KTS serves, in the order forms list them.
    pub const ALL: [PlatformKind; 2] = [PlatformKind::Kaltura, PlatformKind::Telestream];

    /// The stored and displayed name: `kaltura` or `telestream`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformKind::Kaltura => "kaltura",
            PlatformKind::Telestream => "telestream",
        }
    }

    /// The name people know the platform by.
    pub fn label(self) -> &'static str {
        match self {
            PlatformKind::Kaltura => "Kaltura",
            PlatformKind::Telestream => "Telestream Cloud",
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
            "telestream" => Ok(PlatformKind::Telestream),
            _ => Err(UnknownPlatform(text.chars().take(32).collect())),
        }
    }
}

/// A platform name KTS does not serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown platform {0:?} (KTS serves: kaltura, telestream)")]
pub struct UnknownPlatform(String);

// --- Entries ---------------------------------------------------------------

/// Where an entry is in its life on the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EntryStatus {
    /// Importing the source from a URL failed.
    ImportFailed,
    /// Converting the source failed.
    ConversionFailed,
    /// Being imported from a URL.
    Importing,
    /// The source arrived and is being converted.
    Converting,
    /// Playable.
    Ready,
    /// Deleted.
    Deleted,
    /// Waiting.
    Pending,
    /// Waiting for moderation.
    Moderation,
    /// Blocked.
    Blocked,
    /// Created without content yet.
    NoContent,
    /// A status KTS has no word for, as the platform names it.
    Other(String),
}

/// What an entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MediaKind {
    /// Moving pictures (with or without sound).
    Video,
    /// A still image.
    Image,
    /// Sound only.
    Audio,
    /// A live stream.
    LiveStream,
    /// A kind KTS has no word for, as the platform names it.
    Other(String),
}

/// How an entry's content arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MediaSource {
    /// An uploaded file.
    File,
    /// Recorded with a webcam.
    Webcam,
    /// Imported from a URL.
    Url,
    /// Found through a search provider.
    SearchProvider,
    /// A source KTS has no word for, as the platform names it.
    Other(String),
}

/// One media entry as a platform describes it. Every field is optional
/// because platforms leave out what they do not know; times are Unix
/// seconds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Entry {
    /// The entry's id on its platform (empty when the platform gave none).
    pub id: String,
    /// Title.
    pub name: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
    /// Comma-separated tags.
    pub tags: Option<String>,
    /// Where the entry is in its life.
    pub status: Option<EntryStatus>,
    /// What it holds.
    pub kind: Option<MediaKind>,
    /// How its content arrived.
    pub source: Option<MediaSource>,
    /// A URL that plays it.
    pub play_url: Option<String>,
    /// A URL that downloads its source.
    pub download_url: Option<String>,
    /// The platform's own thumbnail URL for it.
    pub thumbnail_url: Option<String>,
    /// Times played.
    pub plays: Option<i64>,
    /// Times viewed.
    pub views: Option<i64>,
    /// Average rating.
    pub rating: Option<f64>,
    /// Sum of all ratings.
    pub rating_total: Option<i64>,
    /// Width in pixels.
    pub width: Option<i64>,
    /// Height in pixels.
    pub height: Option<i64>,
    /// Length in seconds.
    pub duration: Option<i64>,
    /// When it was created.
    pub created: Option<i64>,
    /// When it last changed.
    pub updated: Option<i64>,
    /// When it becomes visible.
    pub start_date: Option<i64>,
    /// When it stops being visible.
    pub end_date: Option<i64>,
    /// When the media itself was made (an image's EXIF date).
    pub media_date: Option<i64>,
    /// The platform's search index text.
    pub search_text: Option<String>,
    /// The conversion settings it was converted with.
    pub conversion_profile: Option<i64>,
    /// Free-text credit.
    pub credit_name: Option<String>,
    /// Free-text credit URL.
    pub credit_url: Option<String>,
    /// Comma-separated ids of its ready renditions.
    pub flavor_ids: Option<String>,
    /// The platform account that owns it.
    pub account_id: Option<i64>,
    /// The platform user that owns it.
    pub owner: Option<String>,
}

/// A platform session handed to a browser or a tool: opaque to KTS, and
/// secret enough that `Debug` never shows it (read it with
/// [`expose`](Self::expose) where it is sent).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct SessionToken(String);

impl SessionToken {
    /// Wraps a session the platform (or its client) made.
    pub(crate) fn new(token: String) -> Self {
        SessionToken(token)
    }

    /// The session itself, for the answer it is sent in.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(redacted)")
    }
}

/// An entry with what a viewer needs beside it (`get_media`): its default
/// thumbnail, a thumbnail URL of the asked size and a session that may only
/// play this entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntryView {
    /// The entry.
    pub entry: Entry,
    /// Id of its default thumbnail, if it has one.
    pub default_thumbnail: Option<String>,
    /// A URL of a thumbnail of the asked size.
    pub sized_thumbnail_url: String,
    /// A session a browser may hold: it plays and downloads this entry only.
    pub playback_session: SessionToken,
}

/// One page of a listing and how many matched in all (when the platform
/// says).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EntryPage {
    /// The entries of this page.
    pub entries: Vec<Entry>,
    /// How many entries match the whole query.
    pub total: Option<i64>,
}

/// Which entries a listing asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryQuery {
    /// 1-based page number.
    pub page: i64,
    /// Entries per page.
    pub page_size: i64,
    /// Only entries whose name contains this text.
    pub name_like: Option<String>,
    /// Only entries of these kinds (any kind when empty).
    pub kinds: Vec<MediaKind>,
    /// Oldest first instead of newest first.
    pub oldest_first: bool,
}

/// An entry to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewEntry {
    /// Title.
    pub name: String,
    /// Free-text description.
    pub description: Option<String>,
    /// Comma-separated tags.
    pub tags: Option<String>,
    /// What it will hold.
    pub kind: MediaKind,
    /// How its content arrives.
    pub source: MediaSource,
    /// The clean-up marker that finds it again without its id (stored as
    /// its reference id).
    pub marker: String,
}

/// A file's bytes on their way to a platform.
pub(crate) enum FileSource {
    /// A file on disk, which can be read again if a part is lost.
    Path(std::path::PathBuf),
    /// A file still arriving (an upload's request body), read once in
    /// order; `size` when the request tells it.
    Stream {
        /// The bytes.
        reader: Box<dyn tokio::io::AsyncRead + Send + Unpin>,
        /// The total, when known before the end.
        size: Option<u64>,
    },
}

impl fmt::Debug for FileSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileSource::Path(path) => f.debug_tuple("Path").field(path).finish(),
            FileSource::Stream { size, .. } => f
                .debug_struct("Stream")
                .field("size", size)
                .finish_non_exhaustive(),
        }
    }
}

/// What holds a sent file's bytes on the platform until it becomes an entry:
/// an upload token on Kaltura, the video the upload made on Telestream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SentFile(pub(crate) String);

// --- Players and embeds ----------------------------------------------------

/// Which of an instance's configured players a page embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlayerRole {
    /// The player for watching (`PLAYER_ID`).
    Viewer,
    /// The player for choosing a thumbnail frame (`THUMBNAIL_PLAYER_ID`).
    ThumbnailSelector,
}

/// How the player script is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EmbedStyle {
    /// The platform's current player library.
    Current,
    /// The older iframe-based embed, for pages written against it.
    Legacy,
}

/// What a player page needs to play one entry: the platform's player script
/// and the values that script is started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Embed {
    /// The style the script belongs to.
    pub style: EmbedStyle,
    /// The platform's player script.
    pub script_url: String,
    /// The platform account the player belongs to.
    pub account_id: i64,
    /// The configured player's id.
    pub player_id: i64,
    /// The entry to play.
    pub entry_id: String,
    /// A session that may only play this entry.
    pub playback_session: SessionToken,
    /// The origin scripts, frames and media come from, for the page's
    /// Content-Security-Policy.
    pub platform_origin: String,
}

/// How a page plays an entry: the platform's own player, or KTS's plain
/// `<video>` over a file (platforms without a player).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlayerEmbed {
    /// The platform's player script.
    Script(Embed),
    /// A `<video>` over the entry's playable file.
    Video(MobileEmbed),
}

/// What a page playing an entry in a plain `<video>` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MobileEmbed {
    /// A URL of an mp4 rendition of the entry.
    pub video_url: String,
    /// A URL of a poster image.
    pub poster_url: String,
    /// The origin the video and poster come from.
    pub platform_origin: String,
}

/// A URL of an image of an entry, for a page showing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryImage {
    /// The image.
    pub url: String,
    /// The origin it comes from.
    pub platform_origin: String,
}

/// The kinds of file an entry carries beside its media, which KTS manages one
/// by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AssetKind {
    /// A still image shown before playback.
    Thumbnail,
    /// A caption (subtitle) track.
    Caption,
}

impl AssetKind {
    /// The word used in messages.
    pub(crate) fn name(self) -> &'static str {
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
pub(crate) enum AssetStatus {
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
pub(crate) struct Thumbnail {
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
pub(crate) enum ThumbnailRemoval {
    /// The thumbnail is gone.
    Deleted,
    /// The thumbnail is the entry's default and was kept.
    IsDefault,
}

/// A caption track of an entry, as its platform describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caption {
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
pub(crate) enum ReportedCaptionFormat {
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

/// The image an entry is shown with: its default thumbnail when it has one,
/// else the platform's generated image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DefaultThumbnail {
    /// The default thumbnail, if the entry has one.
    pub thumbnail: Option<Thumbnail>,
    /// Where the image can be fetched.
    pub url: String,
}

/// A session of the instance's own user on its platform (for tools that
/// call the platform directly), with where to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserSession {
    /// The session.
    pub session: SessionToken,
    /// The platform account.
    pub account_id: i64,
    /// The platform's service URL.
    pub service_url: String,
    /// Seconds it stays valid.
    pub expires_in: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_token_never_shows_in_debug_output() {
        let token = SessionToken::new("djJ8MTIzfHNlY3JldA==".into());
        assert_eq!(token.expose(), "djJ8MTIzfHNlY3JldA==");
        assert!(!format!("{token:?}").contains("djJ8"));
    }

    #[test]
    fn platform_names_read_back_whatever_their_case() {
        assert_eq!("Kaltura".parse(), Ok(PlatformKind::Kaltura));
        assert_eq!(PlatformKind::Kaltura.to_string(), "kaltura");
        assert_eq!(" TELESTREAM ".parse(), Ok(PlatformKind::Telestream));
        assert!("youtube".parse::<PlatformKind>().is_err());
    }

    #[test]
    fn a_reported_caption_format_shows_its_short_name_or_the_platforms_own() {
        let known = ReportedCaptionFormat::Known(CaptionFormat::WebVtt);
        assert_eq!(known.to_string(), "webvtt");
        assert_eq!(ReportedCaptionFormat::Other("9".into()).to_string(), "9");
    }
}
