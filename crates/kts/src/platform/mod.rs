//! The platform seam: the operations KTS asks of any video platform, and one
//! adapter per platform that performs them.
//!
//! `ops` calls [`Platform`] in KTS's own terms (`model`, `ids`, `Error`) and
//! never names a platform's client; each adapter (`kaltura/`, `telestream/`) turns an
//! operation into its platform's calls, maps the platform's "not found" and
//! failures onto [`Error`], and builds `model` values from the answers.
//!
//! An enum rather than a `dyn` trait: async methods need no boxing, and the
//! compiler lists every operation a new platform must fill — add a variant,
//! then follow the errors (`grep -n 'Platform::' src/platform/mod.rs`). An
//! operation a platform cannot perform answers [`Error::NotSupported`].

pub(crate) mod kaltura;
pub(crate) mod telestream;
pub(crate) mod undo;

use std::path::Path;
use std::time::Duration;

pub(crate) use self::kaltura::AddedFlavor;
use self::undo::UndoStep;
use crate::detect::caption_format::CaptionFormat;
use crate::detect::language::LanguageName;
use crate::error::Error;
use crate::ids::{AssetId, EntryId, InstanceId};
use crate::model::{
    Caption, DefaultThumbnail, EmbedStyle, EntryImage, EntryPage, EntryQuery, EntryView,
    FileSource, MobileEmbed, NewEntry, PlatformKind, PlayerEmbed, PlayerRole,
    ReportedCaptionFormat, SentFile, Thumbnail, ThumbnailRemoval, UserSession,
};

/// One instance's platform, ready for calls (cheap to clone: the adapters
/// hold shared clients).
#[derive(Debug, Clone)]
pub enum Platform {
    /// A Kaltura account.
    Kaltura(kaltura::Kaltura),
    /// A Telestream Cloud factory.
    Telestream(telestream::Telestream),
}

impl Platform {
    /// Which platform this is.
    pub(crate) fn kind(&self) -> PlatformKind {
        match self {
            Platform::Kaltura(_) => PlatformKind::Kaltura,
            Platform::Telestream(_) => PlatformKind::Telestream,
        }
    }

    /// The instance this platform account is configured as.
    pub(crate) fn instance(&self) -> InstanceId {
        match self {
            Platform::Kaltura(k) => k.instance(),
            Platform::Telestream(t) => t.instance(),
        }
    }

    // --- Entries ---------------------------------------------------------

    /// One entry with its default thumbnail, a `width` × `height` thumbnail
    /// URL and a playback-only session; [`Error::EntryNotFound`] when the
    /// platform does not know it.
    pub(crate) async fn entry_view(
        &self,
        entry: &EntryId,
        width: u32,
        height: u32,
    ) -> Result<EntryView, Error> {
        match self {
            Platform::Kaltura(k) => k.entry_view(entry, width, height).await,
            Platform::Telestream(t) => t.entry_view(entry, width, height).await,
        }
    }

    /// One page of the account's entries.
    pub(crate) async fn list_entries(&self, query: &EntryQuery) -> Result<EntryPage, Error> {
        match self {
            Platform::Kaltura(k) => k.list_entries(query).await,
            Platform::Telestream(t) => t.list_entries(query).await,
        }
    }

    /// Deletes an entry; [`Error::EntryNotFound`] when the platform does not
    /// know it.
    pub(crate) async fn delete_entry(&self, entry: &EntryId) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => k.delete_entry(entry).await,
            Platform::Telestream(t) => t.delete_entry(entry).await,
        }
    }

    // --- Thumbnails ------------------------------------------------------

    /// The thumbnails of `entry`, newest first; [`Error::EntryNotFound`] when
    /// the platform does not know the entry.
    pub(crate) async fn list_thumbnails(&self, entry: &EntryId) -> Result<Vec<Thumbnail>, Error> {
        match self {
            Platform::Kaltura(k) => k.list_thumbnails(entry).await,
            Platform::Telestream(t) => t.list_thumbnails(entry).await,
        }
    }

    /// Makes `thumbnail` its entry's default thumbnail.
    pub(crate) async fn set_default_thumbnail(&self, thumbnail: &AssetId) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => k.set_default_thumbnail(thumbnail).await,
            Platform::Telestream(t) => t.set_default_thumbnail(thumbnail).await,
        }
    }

    /// Deletes `thumbnail`, unless it is the entry's default.
    pub(crate) async fn delete_thumbnail(
        &self,
        thumbnail: &AssetId,
    ) -> Result<ThumbnailRemoval, Error> {
        match self {
            Platform::Kaltura(k) => k.delete_thumbnail(thumbnail).await,
            Platform::Telestream(t) => t.delete_thumbnail(thumbnail).await,
        }
    }

    /// Creates an empty thumbnail of `entry` carrying `marker` (which finds
    /// it again should the answer be lost), for a file with `extension`.
    /// Returns its id.
    pub(crate) async fn create_thumbnail(
        &self,
        entry: &EntryId,
        marker: &str,
        extension: &str,
    ) -> Result<String, Error> {
        match self {
            Platform::Kaltura(k) => k.create_thumbnail(entry, marker, extension).await,
            Platform::Telestream(t) => Err(t.thumbnail_from_file_unsupported()),
        }
    }

    /// Gives the thumbnail `thumbnail` of `entry` the image at `path`,
    /// uploaded under `upload_name` (which carries the marker), and makes it
    /// the default if asked.
    pub(crate) async fn fill_thumbnail_from_file(
        &self,
        entry: &EntryId,
        thumbnail: &str,
        upload_name: &str,
        path: &Path,
        make_default: bool,
    ) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => {
                k.fill_thumbnail_from_file(entry, thumbnail, upload_name, path, make_default)
                    .await
            }
            Platform::Telestream(t) => Err(t.thumbnail_from_file_unsupported()),
        }
    }

    /// Adds a thumbnail to `entry`, carrying `marker`, that the platform
    /// downloads from `url`. `created` learns the new id as soon as it
    /// exists, even if the download then fails. Returns the new id.
    pub(crate) async fn add_thumbnail_from_url(
        &self,
        entry: &EntryId,
        marker: &str,
        url: &str,
        created: impl FnOnce(&str),
    ) -> Result<String, Error> {
        match self {
            Platform::Kaltura(k) => k.add_thumbnail_from_url(entry, marker, url, created).await,
            Platform::Telestream(t) => Err(t.thumbnail_from_file_unsupported()),
        }
    }

    // --- Captions --------------------------------------------------------

    /// The captions of `entry`, newest first; [`Error::EntryNotFound`] when
    /// the platform does not know the entry.
    pub(crate) async fn list_captions(&self, entry: &EntryId) -> Result<Vec<Caption>, Error> {
        match self {
            Platform::Kaltura(k) => k.list_captions(entry).await,
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    /// The format the platform holds `caption` in.
    pub(crate) async fn caption_format(
        &self,
        caption: &AssetId,
    ) -> Result<ReportedCaptionFormat, Error> {
        match self {
            Platform::Kaltura(k) => k.caption_format(caption).await,
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    /// Makes `caption` its entry's default caption.
    pub(crate) async fn set_default_caption(&self, caption: &AssetId) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => k.set_default_caption(caption).await,
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    /// Deletes `caption` (a default caption too).
    pub(crate) async fn delete_caption(&self, caption: &AssetId) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => k.delete_caption(caption).await,
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    /// Changes the fields of `caption` that are given.
    pub(crate) async fn update_caption(
        &self,
        caption: &AssetId,
        label: Option<&str>,
        is_default: Option<bool>,
        language: Option<LanguageName>,
    ) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => k.update_caption(caption, label, is_default, language).await,
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    /// Creates an empty caption of `entry` carrying `marker` (which finds it
    /// again should the answer be lost). Returns its id.
    pub(crate) async fn create_caption(
        &self,
        entry: &EntryId,
        marker: &str,
        format: CaptionFormat,
        language: LanguageName,
        label: Option<&str>,
    ) -> Result<String, Error> {
        match self {
            Platform::Kaltura(k) => {
                k.create_caption(entry, marker, format, language, label)
                    .await
            }
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    /// Gives the caption `caption` of `entry` the UTF-8 `content`, uploaded
    /// under `upload_name` (which carries the marker), and makes it the
    /// default if asked.
    pub(crate) async fn fill_caption(
        &self,
        entry: &EntryId,
        caption: &str,
        upload_name: &str,
        content: &[u8],
        make_default: bool,
    ) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => {
                k.fill_caption(entry, caption, upload_name, content, make_default)
                    .await
            }
            Platform::Telestream(t) => Err(t.captions_unsupported()),
        }
    }

    // --- Players and embeds -------------------------------------------------

    /// What a page needs to embed the instance's `role` player for `entry`;
    /// `None` when that player is not configured.
    pub(crate) async fn embed(
        &self,
        entry: &EntryId,
        role: PlayerRole,
        style: EmbedStyle,
    ) -> Result<Option<PlayerEmbed>, Error> {
        match self {
            Platform::Kaltura(k) => Ok(k.embed(entry, role, style)?.map(PlayerEmbed::Script)),
            // One page serves every role and style: KTS's own <video>.
            Platform::Telestream(t) => Ok(Some(PlayerEmbed::Video(t.video_embed(entry).await?))),
        }
    }

    /// What a page playing `entry` in a plain `<video>` needs; `None` when
    /// the instance has no mobile rendition configured.
    pub(crate) async fn mobile_embed(&self, entry: &EntryId) -> Result<Option<MobileEmbed>, Error> {
        match self {
            Platform::Kaltura(k) => k.mobile_embed(entry),
            Platform::Telestream(t) => Ok(Some(t.video_embed(entry).await?)),
        }
    }

    /// An image of `entry`, scaled to `width` and `height` pixels when given.
    pub(crate) async fn entry_image(
        &self,
        entry: &EntryId,
        width: Option<&str>,
        height: Option<&str>,
    ) -> Result<EntryImage, Error> {
        match self {
            Platform::Kaltura(k) => k.entry_image(entry, width, height),
            // Not scaled by the platform: the page scales it.
            Platform::Telestream(t) => t.entry_image(entry).await,
        }
    }

    /// The image `entry` is shown with, and its default thumbnail if any.
    pub(crate) async fn default_thumbnail(
        &self,
        entry: &EntryId,
    ) -> Result<DefaultThumbnail, Error> {
        match self {
            Platform::Kaltura(k) => k.default_thumbnail(entry).await,
            Platform::Telestream(t) => t.default_thumbnail(entry).await,
        }
    }

    /// Makes the frame at `offset` seconds the default thumbnail; returns
    /// the new thumbnail's id.
    pub(crate) async fn thumbnail_from_frame(
        &self,
        entry: &EntryId,
        offset: f64,
    ) -> Result<String, Error> {
        match self {
            Platform::Kaltura(k) => k.thumbnail_from_frame(entry, offset).await,
            Platform::Telestream(t) => t.thumbnail_from_frame(entry, offset).await,
        }
    }

    /// A session of the instance's own user, valid for `lifetime`.
    pub(crate) fn user_session(&self, lifetime: Duration) -> Result<UserSession, Error> {
        match self {
            Platform::Kaltura(k) => k.user_session(lifetime),
            Platform::Telestream(t) => Err(t.sessions_unsupported()),
        }
    }

    // --- Mobile flavor ------------------------------------------------------

    /// The instance's configured mobile rendition, if any.
    pub(crate) fn mobile_flavor(&self) -> Option<i64> {
        match self {
            Platform::Kaltura(k) => k.mobile_flavor(),
            Platform::Telestream(_) => None,
        }
    }

    /// Adds a mobile rendition to the account's conversion settings.
    pub(crate) async fn add_mobile_flavor(&self) -> Result<AddedFlavor, Error> {
        match self {
            Platform::Kaltura(k) => k.add_mobile_flavor().await,
            Platform::Telestream(t) => Err(t.mobile_flavor_unsupported()),
        }
    }

    // --- Uploads and their clean-up -----------------------------------------

    /// Creates the entry `new` (fetched by the platform from `url` when
    /// given); returns its id.
    pub(crate) async fn create_entry(
        &self,
        new: &NewEntry,
        url: Option<&str>,
    ) -> Result<String, Error> {
        match self {
            Platform::Kaltura(k) => k.create_entry(new, url).await,
            Platform::Telestream(t) => t.create_entry(new, url).await,
        }
    }

    /// Whether a streamed file must announce its size before its first byte
    /// goes out (a Telestream upload session is opened with it).
    pub(crate) fn needs_file_size(&self) -> bool {
        match self {
            Platform::Kaltura(_) => false,
            Platform::Telestream(_) => true,
        }
    }

    /// Sends a file's bytes, named `upload_name` (which carries `marker`)
    /// while they travel; a stream is sent while it arrives. What holds them
    /// becomes an entry in [`entry_from_file`](Self::entry_from_file), once
    /// the entry's name and type are known.
    pub(crate) async fn send_file(
        &self,
        source: FileSource,
        upload_name: &str,
        marker: &str,
    ) -> Result<SentFile, Error> {
        match self {
            Platform::Kaltura(k) => k.send_file(source, upload_name).await,
            Platform::Telestream(t) => t.send_file(source, upload_name, marker).await,
        }
    }

    /// Makes the entry `new` of a sent file; returns its id.
    pub(crate) async fn entry_from_file(
        &self,
        new: &NewEntry,
        sent: SentFile,
    ) -> Result<String, Error> {
        match self {
            Platform::Kaltura(k) => k.entry_from_file(new, sent).await,
            Platform::Telestream(t) => t.entry_from_file(new, sent).await,
        }
    }

    /// Removes what `step` names; returns how many objects went (none when
    /// they were gone already).
    pub(crate) async fn undo(&self, step: &UndoStep) -> Result<usize, Error> {
        match self {
            Platform::Kaltura(k) => k.undo(step).await,
            Platform::Telestream(t) => t.undo(step).await,
        }
    }

    // --- Connection test (admin "Test connection") -------------------------

    /// Tries the account's credentials with a cheap call or two and says
    /// what happened, in words for an admin; never fails (a failure is the
    /// expected outcome of a bad account).
    pub(crate) async fn check_connection(&self) -> ConnectionCheck {
        match self {
            Platform::Kaltura(k) => k.check_connection().await,
            Platform::Telestream(t) => t.check_connection().await,
        }
    }
}

/// What [`Platform::check_connection`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConnectionCheck {
    /// The account works; what was tried.
    Works(String),
    /// The account does not work; why, as plainly as the platform tells.
    Fails(String),
}
