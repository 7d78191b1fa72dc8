//! Thumbnails of an entry, free of HTTP (kts-legacy-api.md, "Thumbnails"):
//! list, make one the default, remove one (never the default), add one from
//! an uploaded image or from a URL the platform fetches. Each runs in a span
//! named after it, with `instance`, `platform` and `entry` (or `thumbnail`).
//!
//! Adding creates the asset first and then gives it its content; a failure
//! in between removes the asset and its upload token, now or later, found by
//! a marker the platform keeps with them even if an answer was lost
//! ([`Undo`]), so no empty thumbnail is left behind.

use crate::detect::media_type::{self, MediaType};
use crate::error::Error;
use crate::ids::{AssetId, EntryId, InstanceId};
use crate::ingest::head::read_head;
use crate::ingest::spool::SpooledFile;
use crate::instances::Instances;
use crate::model::{Thumbnail, ThumbnailRemoval};
use crate::ops::platform_of;
use crate::ops::undo::{self, Undo, UndoStep};

/// Longest thumbnail URL accepted.
pub(crate) const MAX_THUMBNAIL_URL_BYTES: usize = 2048;

/// A thumbnail added from a file: its id and what was detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AddedThumbnail {
    /// The new thumbnail asset's id.
    pub thumbnail_id: String,
    /// What was detected and done.
    pub messages: Vec<String>,
}

/// A URL the platform may fetch a thumbnail from: `http` or `https`, with a
/// host, at most [`MAX_THUMBNAIL_URL_BYTES`] long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ThumbnailUrl(String);

impl ThumbnailUrl {
    /// Validates the legacy `url` parameter.
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidParameter {
            name: "url",
            reason: reason.to_owned(),
        };
        let text = text.trim();
        if text.len() > MAX_THUMBNAIL_URL_BYTES {
            return Err(invalid(&format!(
                "longer than {MAX_THUMBNAIL_URL_BYTES} bytes"
            )));
        }
        let url = url::Url::parse(text).map_err(|e| invalid(&format!("not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("only http and https URLs are accepted"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("the URL has no host"));
        }
        Ok(ThumbnailUrl(url.into()))
    }

    /// The URL as text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// The thumbnails of `entry`, newest first (`thumbnail_list`). One round
/// trip; an unknown entry is `EntryNotFound`.
#[tracing::instrument(
    name = "list_thumbnails",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn list(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<Vec<Thumbnail>, Error> {
    let platform = platform_of(instances, instance).await?;
    platform.list_thumbnails(entry).await
}

/// Makes `thumbnail` its entry's default thumbnail.
#[tracing::instrument(
    name = "set_default_thumbnail",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, thumbnail = %thumbnail)
)]
pub(crate) async fn set_default(
    instances: &Instances,
    instance: InstanceId,
    thumbnail: &AssetId,
) -> Result<(), Error> {
    let platform = platform_of(instances, instance).await?;
    platform.set_default_thumbnail(thumbnail).await
}

/// Deletes `thumbnail`, unless it is the default one
/// ([`ThumbnailRemoval::IsDefault`], learnt from the platform's refusal: one
/// round trip either way).
#[tracing::instrument(
    name = "remove_thumbnail",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, thumbnail = %thumbnail)
)]
pub(crate) async fn remove(
    instances: &Instances,
    instance: InstanceId,
    thumbnail: &AssetId,
) -> Result<ThumbnailRemoval, Error> {
    let platform = platform_of(instances, instance).await?;
    platform.delete_thumbnail(thumbnail).await
}

/// Adds the uploaded image `file` as a thumbnail of `entry`, optionally as
/// its default. The file must be an image by its content (its name and
/// claimed type are not trusted).
#[tracing::instrument(
    name = "add_thumbnail_from_file",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn add_from_file(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    file: &SpooledFile,
    make_default: bool,
) -> Result<AddedThumbnail, Error> {
    if file.is_empty() {
        return Err(Error::InvalidParameter {
            name: "file",
            reason: "the image file is empty".into(),
        });
    }
    let detection = image_of(file).await?;
    let platform = platform_of(instances, instance).await?;
    let marker = undo::new_marker();
    let upload_name = undo::token_file_name(&marker, &format!("thumbnail.{}", detection.format));
    let steps = vec![
        UndoStep::UploadToken {
            file_name: upload_name.clone(),
        },
        thumbnail_step(entry, marker.clone()),
    ];
    let mut undo = Undo::begin(instances, &platform, steps).await?;
    let thumbnail_id = match platform
        .create_thumbnail(entry, &marker, &detection.format)
        .await
    {
        Ok(id) => id,
        Err(error) => return Err(undo.fail(error).await),
    };
    undo.asset_created(&thumbnail_id);
    let filled = platform
        .fill_thumbnail_from_file(
            entry,
            &thumbnail_id,
            &upload_name,
            file.path(),
            make_default,
        )
        .await;
    if let Err(error) = filled {
        return Err(undo.fail(error).await);
    }
    undo.finish().await?;
    let mut messages = vec![detection.describe()];
    if make_default {
        messages.push(format!("thumbnail {thumbnail_id} set as default"));
    }
    Ok(AddedThumbnail {
        thumbnail_id,
        messages,
    })
}

/// Adds a thumbnail to `entry` that the platform downloads from `url`
/// during the call; when the download fails the new asset is deleted.
/// Returns the new id.
#[tracing::instrument(
    name = "add_thumbnail_from_url",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn add_from_url(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    url: &ThumbnailUrl,
) -> Result<String, Error> {
    let platform = platform_of(instances, instance).await?;
    let marker = undo::new_marker();
    let steps = vec![thumbnail_step(entry, marker.clone())];
    let mut undo = Undo::begin(instances, &platform, steps).await?;
    let added = platform
        .add_thumbnail_from_url(entry, &marker, url.as_str(), |id| undo.asset_created(id))
        .await;
    match added {
        Ok(id) => {
            undo.finish().await?;
            Ok(id)
        }
        Err(error) => Err(undo.fail(error).await),
    }
}

/// Removing the thumbnail of `entry` tagged `marker`, should its creation fail.
fn thumbnail_step(entry: &EntryId, marker: String) -> UndoStep {
    UndoStep::Thumbnail {
        entry_id: entry.as_str().to_owned(),
        tag: marker,
        asset_id: None,
    }
}

/// Reads the first bytes of `file` and checks they are an image.
async fn image_of(file: &SpooledFile) -> Result<media_type::Detection, Error> {
    let head = read_head(file.path())
        .await
        .map_err(|e| Error::Spool(e.into()))?;
    match media_type::detect_file(&head, None) {
        Some(detection) if detection.media_type == MediaType::Image => Ok(detection),
        _ => Err(Error::InvalidParameter {
            name: "file",
            reason: "the file is not an image (JPEG, PNG, GIF, WebP, …) by its content".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instances::ClientOptions;
    use crate::ops::span_capture::spans_of;
    use crate::store::test_support;

    #[tokio::test]
    async fn operations_run_in_spans_naming_instance_platform_and_entry() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let (instance, entry) = (InstanceId::new(42).unwrap(), "0_abc".parse().unwrap());
        let spans = spans_of(list(&instances, instance, &entry)).await;
        let fields = ["instance", "platform", "entry"].map(String::from).to_vec();
        assert!(
            spans.contains(&("list_thumbnails".to_owned(), fields)),
            "{spans:?}"
        );
    }

    #[test]
    fn thumbnail_urls_are_http_or_https_with_a_host_and_bounded() {
        assert_eq!(
            ThumbnailUrl::parse(" https://example.org/a.png ")
                .unwrap()
                .as_str(),
            "https://example.org/a.png"
        );
        assert!(ThumbnailUrl::parse("http://example.org/a.jpg").is_ok());
        for bad in [
            "ftp://example.org/a.png",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "not a url",
            "http://",
            "mailto:someone@example.org",
        ] {
            assert!(ThumbnailUrl::parse(bad).is_err(), "{bad}");
        }
        let long = format!(
            "https://example.org/{}",
            "a".repeat(MAX_THUMBNAIL_URL_BYTES)
        );
        let error = ThumbnailUrl::parse(&long).unwrap_err();
        assert!(error.to_string().contains("longer than"), "{error}");
    }
}
