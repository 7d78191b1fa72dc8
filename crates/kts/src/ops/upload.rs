//! `upload_file` without HTTP: a spooled file (or a file under the allowed
//! local folder) becomes an entry on the instance's platform, all or nothing;
//! a URL becomes an entry the platform imports itself (kts-legacy-api.md, "Media").
//!
//! A file goes: media type detected from its first bytes → the entry is
//! created → the file is uploaded as its content (on Kaltura `media.add`,
//! a chunked `uploadToken` upload, `media.addContent`); on a platform whose
//! upload makes the entry (Telestream's upload session makes a video) the
//! upload is the creation. The entry carries a
//! fresh marker and the upload a file name with the same marker, and
//! their clean-up is recorded before either exists ([`Undo`]); if any step
//! fails, or the request is dropped because the client went away, both are
//! removed, now or by the clean-up worker later, even when an answer was
//! lost and their ids were never known. The spooled temp file is removed by
//! its own guard.

use std::path::{Path, PathBuf};

use tracing::Instrument;

use crate::detect::media_type::{self, Detection, MediaType};
use crate::error::Error;
use crate::ids::InstanceId;
use crate::ingest::head::read_head;
use crate::ingest::local::{LocalFolder, resolve_local_file};
use crate::ingest::spool::SpooledFile;
use crate::instances::Instances;
use crate::model::{MediaKind, MediaSource, NewEntry};
use crate::ops::platform_of;
use crate::ops::undo::{self, Undo, UndoStep};
use crate::platform::Platform;

/// Longest accepted `pullPath`.
const MAX_URL_LEN: usize = 8 * 1024;
/// Longest accepted entry name (Kaltura's limit is larger; names are titles).
const MAX_NAME_LEN: usize = 256;

/// Where the media comes from.
#[derive(Debug)]
pub(crate) enum UploadSource {
    /// An uploaded file, already on disk (removed afterwards).
    File(SpooledFile),
    /// A URL the platform should fetch (`pullPath`).
    Url(String),
    /// A path under the configured local folder (`fromlocal`).
    Local(String),
}

/// Everything `upload_file` needs, parsed from the legacy parameters.
#[derive(Debug)]
pub(crate) struct UploadRequest {
    /// The entry's name (`medianame`, trailing extension already cut).
    pub name: String,
    /// The `medianame` as sent, for type detection of URLs.
    pub media_name: String,
    /// The media source.
    pub source: UploadSource,
    /// `mediatype`: overrides detection.
    pub media_type: Option<MediaType>,
    /// `default`: the type of a URL whose type cannot be told (video).
    pub default_type: MediaType,
    /// Optional description.
    pub description: Option<String>,
    /// Optional comma-separated tags.
    pub tags: Option<String>,
}

/// What was uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Uploaded {
    /// The new entry's id.
    pub entry_id: String,
    /// How the content reaches the platform.
    pub delivery: Delivery,
    /// How the media type was chosen, in words for the caller.
    pub media_type_reason: String,
}

/// How an upload's content reaches the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// KTS sent the file; the platform now converts it.
    Sent,
    /// The platform fetches the URL itself, later.
    PulledByPlatform,
}

/// Cuts a trailing extension such as `.mp4` off a media name; names without
/// one (or that would become empty) are kept whole.
pub(crate) fn entry_name(media_name: &str) -> Result<String, Error> {
    let trimmed = media_name.trim();
    if trimmed.is_empty() {
        return Err(Error::MissingParameter("medianame"));
    }
    if trimmed.len() > MAX_NAME_LEN || trimmed.chars().any(char::is_control) {
        return Err(Error::InvalidParameter {
            name: "medianame",
            reason: format!("must be text of at most {MAX_NAME_LEN} bytes"),
        });
    }
    let name = match trimmed.rsplit_once('.') {
        Some((stem, ext))
            if !stem.trim().is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            stem.trim_end()
        }
        _ => trimmed,
    };
    Ok(name.to_owned())
}

/// Reads the `mediatype` / `default` parameters.
pub(crate) fn parse_media_type(name: &'static str, value: &str) -> Result<MediaType, Error> {
    MediaType::from_legacy_name(value).ok_or_else(|| Error::InvalidParameter {
        name,
        reason: "must be video, audio or image".into(),
    })
}

/// Checks a `pullPath`: an absolute http(s) or ftp URL with a host.
pub(crate) fn check_pull_url(text: &str) -> Result<String, Error> {
    let invalid = |reason: &str| Error::InvalidParameter {
        name: "pullPath",
        reason: reason.to_owned(),
    };
    let text = text.trim();
    if text.len() > MAX_URL_LEN {
        return Err(invalid("is longer than 8192 bytes"));
    }
    let url = url::Url::parse(text).map_err(|_| invalid("is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https" | "ftp") || url.host_str().is_none() {
        return Err(invalid("must be an http, https or ftp URL with a host"));
    }
    Ok(url.to_string())
}

/// What an entry is created with.
enum Content {
    /// Nothing yet: the content follows (`Platform::add_content`).
    None,
    /// A URL the platform fetches.
    Url(String),
    /// A file whose upload makes the entry (`Platform::upload_makes_entry`).
    File { path: PathBuf, upload_name: String },
}

/// Creates the entry (from a URL or a file's upload when given), with its clean-up `undo`
/// already recorded. A creation cut off mid-flight (the client went away)
/// could create an entry after a look-up for it found nothing, so the call
/// runs to its end in a task of its own that owns `undo`: if the request is
/// gone by then, dropping `undo` removes the entry. A failure, including an
/// answer lost on the way back, is undone by the entry's marker.
async fn create_entry(
    platform: &Platform,
    mut undo: Undo,
    entry: NewEntry,
    content: Content,
) -> Result<(String, Undo), Error> {
    let platform = platform.clone();
    let (answer, created) = tokio::sync::oneshot::channel();
    // The creation runs to its end in a task of its own, in the upload's span.
    tokio::spawn(
        async move {
            let result = match content {
                Content::None => platform.create_entry(&entry, None).await,
                Content::Url(url) => platform.create_entry(&entry, Some(&url)).await,
                Content::File { path, upload_name } => {
                    platform.upload_entry(&entry, &path, &upload_name).await
                }
            };
            if let Ok(id) = &result {
                undo.entry_created(id);
            }
            // A closed channel drops `undo` with the result: the entry goes.
            let _ = answer.send((result, undo));
        }
        .in_current_span(),
    );
    let (result, undo) = created
        .await
        .map_err(|_| Error::Interrupted("entry creation"))?;
    match result {
        Ok(id) => Ok((id, undo)),
        Err(error) => Err(undo.fail(error).await),
    }
}

/// Uploads as `request` says, for `instance`. `local` is the folder
/// `fromlocal` may read and its size limit.
#[tracing::instrument(
    name = "upload_entry",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = tracing::field::Empty)
)]
pub(crate) async fn upload(
    instances: &Instances,
    instance: InstanceId,
    local: LocalFolder<'_>,
    request: UploadRequest,
) -> Result<Uploaded, Error> {
    // Check the source before any platform call: bad input costs nothing.
    let platform = platform_of(instances, instance).await?;
    match request.source {
        UploadSource::Url(ref url) => {
            let url = check_pull_url(url)?;
            upload_url(instances, &platform, &request, &url).await
        }
        UploadSource::File(ref file) => {
            if file.is_empty() {
                return Err(Error::InvalidParameter {
                    name: "file",
                    reason: "is empty".into(),
                });
            }
            let path = file.path().to_owned();
            let file_name = file.original_name().map(str::to_owned);
            let result =
                upload_path(instances, &platform, &request, &path, file_name.as_deref()).await;
            if let UploadSource::File(file) = request.source
                && let Err(error) = file.cleanup().await
            {
                tracing::warn!(%error, "could not remove a temporary upload file");
            }
            result
        }
        UploadSource::Local(ref requested) => {
            let path: PathBuf = resolve_local_file(local, requested).await?;
            let size = tokio::fs::metadata(&path)
                .await
                .map(|m| m.len())
                .unwrap_or(0);
            if size == 0 {
                return Err(Error::InvalidParameter {
                    name: "fromlocal",
                    reason: "names an empty file".into(),
                });
            }
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            upload_path(instances, &platform, &request, &path, file_name.as_deref()).await
        }
    }
}

/// The entry to create, marked with `marker`.
fn new_entry(request: &UploadRequest, media_type: MediaType, marker: &str) -> NewEntry {
    let source = match request.source {
        UploadSource::Url(_) => MediaSource::Url,
        UploadSource::File(_) | UploadSource::Local(_) => MediaSource::File,
    };
    NewEntry {
        name: request.name.clone(),
        description: request.description.clone(),
        tags: request.tags.clone(),
        kind: match media_type {
            MediaType::Video => MediaKind::Video,
            MediaType::Image => MediaKind::Image,
            MediaType::Audio => MediaKind::Audio,
        },
        source,
        marker: marker.to_owned(),
    }
}

/// The media type to use and the message saying why.
fn choose_type(
    request: &UploadRequest,
    detection: Option<Detection>,
    source: &'static str,
) -> Result<(MediaType, String), Error> {
    match (request.media_type, detection) {
        (Some(forced), Some(found)) if forced != found.media_type => Ok((
            forced,
            format!(
                "media type {forced} set by mediatype ({})",
                found.describe()
            ),
        )),
        (Some(forced), _) => Ok((forced, format!("media type {forced} set by mediatype"))),
        (None, Some(found)) => Ok((found.media_type, found.describe())),
        (None, None) => Err(Error::InvalidParameter {
            name: source,
            reason: "is of an unknown media type: send mediatype (video, audio or image)".into(),
        }),
    }
}

async fn upload_url(
    instances: &Instances,
    platform: &Platform,
    request: &UploadRequest,
    url: &str,
) -> Result<Uploaded, Error> {
    let detection = media_type::detect_url(url, Some(&request.media_name), request.default_type);
    let (media_type, why) = choose_type(request, Some(detection), "pullPath")?;
    let marker = undo::new_marker();
    let steps = vec![UndoStep::Entry {
        reference_id: marker.clone(),
        entry_id: None,
    }];
    let undo = Undo::begin(instances, platform, steps).await?;
    let entry = new_entry(request, media_type, &marker);
    let (entry_id, undo) =
        create_entry(platform, undo, entry, Content::Url(url.to_owned())).await?;
    tracing::Span::current().record("entry", entry_id.as_str());
    undo.finish().await?;
    Ok(Uploaded {
        entry_id,
        delivery: Delivery::PulledByPlatform,
        media_type_reason: why,
    })
}

async fn upload_path(
    instances: &Instances,
    platform: &Platform,
    request: &UploadRequest,
    path: &Path,
    file_name: Option<&str>,
) -> Result<Uploaded, Error> {
    let source = match request.source {
        UploadSource::Local(_) => "fromlocal",
        _ => "file",
    };
    let head = read_head(path).await.map_err(|e| Error::Spool(e.into()))?;
    let detection = media_type::detect_file(&head, file_name);
    let (media_type, why) = choose_type(request, detection, source)?;
    let marker = undo::new_marker();
    let token_name = undo::token_file_name(&marker, file_name.unwrap_or("upload.bin"));
    let steps = vec![
        UndoStep::UploadToken {
            file_name: token_name.clone(),
        },
        UndoStep::Entry {
            reference_id: marker.clone(),
            entry_id: None,
        },
    ];
    let mut undo = Undo::begin(instances, platform, steps).await?;
    let entry = new_entry(request, media_type, &marker);
    let entry_id = if platform.upload_makes_entry() {
        let content = Content::File {
            path: path.to_owned(),
            upload_name: token_name,
        };
        let (entry_id, done) = create_entry(platform, undo, entry, content).await?;
        undo = done;
        entry_id
    } else {
        let (entry_id, done) = create_entry(platform, undo, entry, Content::None).await?;
        undo = done;
        tracing::Span::current().record("entry", entry_id.as_str());
        if let Err(error) = platform.add_content(&entry_id, path, token_name).await {
            return Err(undo.fail(error).await);
        }
        entry_id
    };
    tracing::Span::current().record("entry", entry_id.as_str());
    undo.finish().await?;
    Ok(Uploaded {
        entry_id,
        delivery: Delivery::Sent,
        media_type_reason: why,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_name_loses_a_trailing_extension_only() {
        assert_eq!(entry_name("clip.mp4").unwrap(), "clip");
        assert_eq!(entry_name("my.holiday.webm").unwrap(), "my.holiday");
        assert_eq!(entry_name("no extension").unwrap(), "no extension");
        assert_eq!(entry_name(".mp4").unwrap(), ".mp4");
        assert_eq!(
            entry_name("version 1.0 final").unwrap(),
            "version 1.0 final"
        );
        assert!(matches!(
            entry_name("  "),
            Err(Error::MissingParameter("medianame"))
        ));
    }

    #[test]
    fn pull_urls_must_be_absolute_web_urls() {
        assert!(check_pull_url("https://example.org/a.mp4").is_ok());
        for bad in [
            "not a url",
            "file:///etc/passwd",
            "/relative.mp4",
            "javascript:alert(1)",
        ] {
            assert!(check_pull_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mediatype_overrides_detection_and_says_so() {
        let request = UploadRequest {
            name: "x".into(),
            media_name: "x".into(),
            source: UploadSource::Url("https://example.org/x".into()),
            media_type: Some(MediaType::Audio),
            default_type: MediaType::Video,
            description: None,
            tags: None,
        };
        let found = media_type::detect_url("https://example.org/x.mp4", None, MediaType::Video);
        let (chosen, why) = choose_type(&request, Some(found), "pullPath").unwrap();
        assert_eq!(chosen, MediaType::Audio);
        assert!(
            why.starts_with("media type AUDIO set by mediatype"),
            "{why}"
        );
    }
}
