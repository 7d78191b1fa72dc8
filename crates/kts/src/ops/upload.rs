//! `upload_file` without HTTP: a file becomes an entry on the instance's
//! platform, all or nothing; a URL becomes an entry the platform imports
//! itself (kts-legacy-api.md, "Media").
//!
//! A file goes in two steps. First its bytes are sent ([`send_stream`] while
//! the request body arrives, or from disk for a spooled or `fromlocal`
//! file): on Kaltura into an upload token, on Telestream into an upload
//! session that makes a video. Then, with every parameter known, the media
//! type is chosen from the file's first bytes and what holds the bytes
//! becomes the entry (on Kaltura `media.add` + `media.addContent`; on
//! Telestream the video's details are kept). The upload carries a fresh
//! marker in its name and the entry the same marker, and their clean-up is
//! recorded before either exists ([`Undo`]); if any step fails, or the
//! request is dropped because the client went away, both are removed, now or
//! by the clean-up worker later, even when an answer was lost and their ids
//! were never known. A spooled temp file is removed by its own guard.

use std::path::Path;

use tokio::io::{AsyncRead, AsyncReadExt};
use tracing::Instrument;

use crate::detect::media_type::{self, Detection, MediaType};
use crate::error::Error;
use crate::ids::InstanceId;
use crate::ingest::head::{MAX_HEAD_BYTES, read_head};
use crate::ingest::local::{LocalFolder, resolve_local_file};
use crate::ingest::spool::{SpoolWriter, SpooledFile, sanitize_file_name};
use crate::instances::Instances;
use crate::model::{FileSource, MediaKind, MediaSource, NewEntry, SentFile};
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
    /// An uploaded file already sent to the platform while it arrived.
    Sent(Box<SentUpload>),
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

/// What an entry is made from.
enum Content {
    /// A URL the platform fetches.
    Url(String),
    /// A file already sent ([`Platform::send_file`]).
    File(SentFile),
}

/// Makes the entry from `content`, with its clean-up `undo` already
/// recorded. A creation cut off mid-flight (the client went away) could
/// create an entry after a look-up for it found nothing, so the call runs to
/// its end in a task of its own that owns `undo`: if the request is gone by
/// then, dropping `undo` removes the entry. A failure, including an answer
/// lost on the way back, is undone by the entry's marker.
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
                Content::Url(url) => platform.create_entry(&entry, Some(&url)).await,
                Content::File(sent) => platform.entry_from_file(&entry, sent).await,
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

/// A file arriving in a request body, to be sent while it arrives.
pub(crate) struct IncomingFile<R> {
    /// The bytes, in order.
    pub reader: R,
    /// The name the client gave the file.
    pub file_name: Option<String>,
    /// The file's size, when the request tells it before its end.
    pub size: Option<u64>,
}

/// Where a stream is spooled when its platform needs its size first and the
/// request did not tell it: the upload folder and the upload limit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpoolPlace<'a> {
    /// `UPLOAD_FOLDER`.
    pub folder: &'a Path,
    /// Largest accepted file in bytes.
    pub limit: u64,
}

/// A file whose bytes the platform holds, waiting to become an entry once
/// the rest of the request is read. Dropping it (the request failed or was
/// abandoned) undoes the upload.
#[derive(Debug)]
pub(crate) struct SentUpload {
    instance: InstanceId,
    platform: Platform,
    undo: Undo,
    marker: String,
    head: Vec<u8>,
    file_name: Option<String>,
    sent: SentFile,
    announced_size: Option<u64>,
}

impl SentUpload {
    /// The size the platform was told before the bytes went out, if it was
    /// told one: the file must turn out to be exactly that long.
    pub(crate) fn announced_size(&self) -> Option<u64> {
        self.announced_size
    }
}

/// Steps that undo a file's upload and its entry, found by `marker`.
fn file_steps(marker: &str, upload_name: &str) -> Vec<UndoStep> {
    vec![
        UndoStep::UploadToken {
            file_name: upload_name.to_owned(),
        },
        UndoStep::Entry {
            reference_id: marker.to_owned(),
            entry_id: None,
        },
    ]
}

/// Sends the file `incoming` to `instance`'s platform while it arrives:
/// its first bytes are kept for type detection and everything goes on at
/// once. The entry is made later, by [`upload`] with an
/// [`UploadSource::Sent`]. Where the platform needs the size first and the
/// request did not tell it, the file is spooled under `spool` first.
#[tracing::instrument(name = "send_upload", skip_all, fields(instance = %instance))]
pub(crate) async fn send_stream<R>(
    instances: &Instances,
    instance: InstanceId,
    spool: SpoolPlace<'_>,
    incoming: IncomingFile<R>,
) -> Result<SentUpload, Error>
where
    R: AsyncRead + Send + Unpin + 'static,
{
    let platform = platform_of(instances, instance).await?;
    let IncomingFile {
        mut reader,
        file_name,
        size,
    } = incoming;
    let file_name = file_name.as_deref().and_then(sanitize_file_name);
    let mut head = Vec::with_capacity(MAX_HEAD_BYTES);
    (&mut reader)
        .take(MAX_HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .await
        .map_err(|e| Error::Spool(e.into()))?;
    if head.is_empty() {
        return Err(empty_file("file"));
    }
    let marker = undo::new_marker();
    let upload_name = undo::token_file_name(&marker, file_name.as_deref().unwrap_or("upload.bin"));
    let undo = Undo::begin(instances, &platform, file_steps(&marker, &upload_name)).await?;
    let bytes = Box::new(std::io::Cursor::new(head.clone()).chain(reader));
    let mut spooled = None;
    let (source, announced_size) = if platform.needs_file_size() && size.is_none() {
        match spool_stream(bytes, spool, file_name.as_deref()).await {
            Ok(file) => {
                let path = file.path().to_owned();
                spooled = Some(file);
                (FileSource::Path(path), None)
            }
            Err(error) => return Err(undo.fail(error).await),
        }
    } else {
        let announced = size.filter(|_| platform.needs_file_size());
        (
            FileSource::Stream {
                reader: bytes,
                size,
            },
            announced,
        )
    };
    let sent = platform.send_file(source, &upload_name, &marker).await;
    if let Some(file) = spooled
        && let Err(error) = file.cleanup().await
    {
        tracing::warn!(%error, "could not remove a temporary upload file");
    }
    match sent {
        Ok(sent) => Ok(SentUpload {
            instance,
            platform,
            undo,
            marker,
            head,
            file_name,
            sent,
            announced_size,
        }),
        Err(error) => Err(undo.fail(error).await),
    }
}

/// Writes `bytes` to a temporary file under `spool`.
async fn spool_stream(
    mut bytes: impl AsyncRead + Unpin,
    spool: SpoolPlace<'_>,
    file_name: Option<&str>,
) -> Result<SpooledFile, Error> {
    let mut writer = SpoolWriter::create(spool.folder, file_name, spool.limit).await?;
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = bytes
            .read(&mut buffer)
            .await
            .map_err(|e| Error::Spool(e.into()))?;
        if read == 0 {
            break;
        }
        writer.write(&buffer[..read]).await?;
    }
    Ok(writer.finish().await?)
}

fn empty_file(name: &'static str) -> Error {
    Error::InvalidParameter {
        name,
        reason: "is empty".into(),
    }
}

/// Uploads from `source` as `request` says, for `instance`. `local` is the
/// folder `fromlocal` may read and its size limit.
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
    source: UploadSource,
) -> Result<Uploaded, Error> {
    match source {
        UploadSource::Sent(sent) => {
            if sent.instance != instance {
                // Named after the file: an unknown instance is still told as
                // such; a known one is refused, its bytes having gone elsewhere.
                let error = match platform_of(instances, instance).await {
                    Err(error) => error,
                    Ok(_) => Error::InvalidParameter {
                        name: "kaltura_id",
                        reason: format!(
                            "came after the file, which went to instance {}: send the \
                             parameters that name the instance before the file",
                            sent.instance
                        ),
                    },
                };
                return Err(sent.undo.fail(error).await);
            }
            finish_sent(&request, *sent).await
        }
        // Check the source before any platform call: bad input costs nothing.
        UploadSource::Url(url) => {
            let platform = platform_of(instances, instance).await?;
            let url = check_pull_url(&url)?;
            upload_url(instances, &platform, &request, &url).await
        }
        UploadSource::File(file) => {
            if file.is_empty() {
                return Err(empty_file("file"));
            }
            let platform = platform_of(instances, instance).await?;
            let result = upload_path(
                instances,
                &platform,
                &request,
                file.path(),
                file.original_name(),
                "file",
            )
            .await;
            if let Err(error) = file.cleanup().await {
                tracing::warn!(%error, "could not remove a temporary upload file");
            }
            result
        }
        UploadSource::Local(requested) => {
            let platform = platform_of(instances, instance).await?;
            let path = resolve_local_file(local, &requested).await?;
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
            upload_path(
                instances,
                &platform,
                &request,
                &path,
                file_name.as_deref(),
                "fromlocal",
            )
            .await
        }
    }
}

/// The entry to create, marked with `marker`.
fn new_entry(
    request: &UploadRequest,
    media_type: MediaType,
    source: MediaSource,
    marker: &str,
) -> NewEntry {
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
    let entry = new_entry(request, media_type, MediaSource::Url, &marker);
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

/// Uploads the file at `path` (the parameter `source`): its type is chosen
/// before any platform call, then it is sent and made the entry.
async fn upload_path(
    instances: &Instances,
    platform: &Platform,
    request: &UploadRequest,
    path: &Path,
    file_name: Option<&str>,
    source: &'static str,
) -> Result<Uploaded, Error> {
    let head = read_head(path).await.map_err(|e| Error::Spool(e.into()))?;
    let detection = media_type::detect_file(&head, file_name);
    let (media_type, why) = choose_type(request, detection, source)?;
    let marker = undo::new_marker();
    let upload_name = undo::token_file_name(&marker, file_name.unwrap_or("upload.bin"));
    let undo = Undo::begin(instances, platform, file_steps(&marker, &upload_name)).await?;
    let sent = match platform
        .send_file(FileSource::Path(path.to_owned()), &upload_name, &marker)
        .await
    {
        Ok(sent) => sent,
        Err(error) => return Err(undo.fail(error).await),
    };
    make_file_entry(platform, request, (media_type, why), undo, &marker, sent).await
}

/// Chooses the type of a file sent while it arrived, now that every
/// parameter is known, and makes it the entry.
async fn finish_sent(request: &UploadRequest, sent: SentUpload) -> Result<Uploaded, Error> {
    let detection = media_type::detect_file(&sent.head, sent.file_name.as_deref());
    let chosen = match choose_type(request, detection, "file") {
        Ok(chosen) => chosen,
        Err(error) => return Err(sent.undo.fail(error).await),
    };
    make_file_entry(
        &sent.platform,
        request,
        chosen,
        sent.undo,
        &sent.marker,
        sent.sent,
    )
    .await
}

/// Makes the entry of a sent file, of the chosen type, and keeps it.
async fn make_file_entry(
    platform: &Platform,
    request: &UploadRequest,
    (media_type, why): (MediaType, String),
    undo: Undo,
    marker: &str,
    sent: SentFile,
) -> Result<Uploaded, Error> {
    let entry = new_entry(request, media_type, MediaSource::File, marker);
    let (entry_id, undo) = create_entry(platform, undo, entry, Content::File(sent)).await?;
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
