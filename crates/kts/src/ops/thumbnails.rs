//! Thumbnails of an entry, free of HTTP (kts-legacy-api.md, "Thumbnails"):
//! list, make one the default, remove one (never the default), add one from
//! an uploaded image or from a URL Kaltura fetches.
//!
//! Adding creates the asset first (`thumbAsset.add`) and then gives it its
//! content (`setContent`); a failure in between removes the asset and its
//! upload token, now or later, found by a marker in their `tags` and file
//! name even if an answer was lost ([`Undo`]), so no empty thumbnail is
//! left behind.

use kaltura::{AssetFilter, FilterPager, Resource, ThumbAsset};
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;

use crate::detect::media_type::{self, MediaType};
use crate::error::Error;
use crate::ids::{AssetId, EntryId, InstanceId};
use crate::ingest::spool::SpooledFile;
use crate::instances::{Connection, Instances};
use crate::ops::assets::{self, AssetKind, MAX_LISTED_ASSETS, NEWEST_FIRST, serve_url};
use crate::ops::undo::{self, Undo, UndoStep};
use crate::platform::Platform;

/// Longest thumbnail URL accepted.
pub const MAX_THUMBNAIL_URL_BYTES: usize = 2048;

/// What `remove_thumbnail` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// The thumbnail is gone.
    Deleted,
    /// The thumbnail is the entry's default and was kept (Kaltura refuses to
    /// delete it).
    IsDefault,
}

/// A thumbnail added from a file: its id and what was detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedThumbnail {
    /// The new thumbnail asset's id.
    pub thumbnail_id: String,
    /// What was detected and done.
    pub messages: Vec<String>,
}

/// A URL Kaltura may fetch a thumbnail from: `http` or `https`, with a
/// host, at most [`MAX_THUMBNAIL_URL_BYTES`] long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThumbnailUrl(String);

impl ThumbnailUrl {
    /// Validates the legacy `url` parameter.
    pub fn parse(text: &str) -> Result<Self, Error> {
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
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The thumbnails of `entry`, newest first, in the legacy shape of
/// `thumbnail_list`. One round trip (the entry is read in the same
/// multirequest, so an unknown entry is `EntryNotFound`).
pub async fn list(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<Vec<Value>, Error> {
    let conn = instances.connect(instance).await?;
    let fail = |e| assets::failure(&conn, AssetKind::Thumbnail, Some(entry), None, e);
    let filter = AssetFilter {
        order_by: Some(NEWEST_FIRST.into()),
        ..AssetFilter::for_entry(entry.as_str())
    };
    let pager = FilterPager::page(MAX_LISTED_ASSETS, 1);
    let mut batch = conn.client.multirequest();
    let entry_slot = batch.push(conn.client.base_entry().get(entry.as_str()));
    let list_slot = batch.push(conn.client.thumb_asset().list(&filter, Some(&pager)));
    let mut results = batch.send().await.map_err(fail)?;
    results.take(&entry_slot).map_err(fail)?;
    let thumbs = results.take(&list_slot).map_err(fail)?;
    thumbs
        .objects
        .iter()
        .map(|thumb| {
            let id = thumb.id.as_deref().unwrap_or_default();
            Ok(json!({
                "id": id,
                "width": thumb.width.unwrap_or_default(),
                "height": thumb.height.unwrap_or_default(),
                "size": thumb.size_in_bytes.unwrap_or_default(),
                "created_at": thumb.created_at.unwrap_or_default(),
                "default": thumb.is_default(),
                "status": assets::status_name(thumb.status.as_ref()),
                "url": serve_url(&conn, AssetKind::Thumbnail, entry, id)?,
            }))
        })
        .collect()
}

/// Makes `thumbnail` its entry's default thumbnail.
pub async fn set_default(
    instances: &Instances,
    instance: InstanceId,
    thumbnail: &AssetId,
) -> Result<(), Error> {
    let conn = instances.connect(instance).await?;
    conn.client
        .thumb_asset()
        .set_as_default(thumbnail.as_str())
        .await
        .map_err(|e| assets::failure(&conn, AssetKind::Thumbnail, None, Some(thumbnail), e))
}

/// Deletes `thumbnail`, unless it is the default one ([`Removal::IsDefault`],
/// learnt from Kaltura's refusal: one round trip either way).
pub async fn remove(
    instances: &Instances,
    instance: InstanceId,
    thumbnail: &AssetId,
) -> Result<Removal, Error> {
    let conn = instances.connect(instance).await?;
    match conn.client.thumb_asset().delete(thumbnail.as_str()).await {
        Ok(()) => Ok(Removal::Deleted),
        Err(e) if e.kaltura_code() == Some("THUMB_ASSET_IS_DEFAULT") => Ok(Removal::IsDefault),
        Err(e) => Err(assets::failure(
            &conn,
            AssetKind::Thumbnail,
            None,
            Some(thumbnail),
            e,
        )),
    }
}

/// Adds the uploaded image `file` as a thumbnail of `entry`, optionally as
/// its default. The file must be an image by its content (its name and
/// claimed type are not trusted).
pub async fn add_from_file(
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
    let conn = instances.connect(instance).await?;
    let fail = |e| assets::failure(&conn, AssetKind::Thumbnail, Some(entry), None, e);
    let marker = undo::new_marker();
    let upload_name = undo::token_file_name(&marker, &format!("thumbnail.{}", detection.format));
    let wanted = ThumbAsset {
        file_ext: Some(detection.format.clone()),
        tags: Some(marker.clone()),
        ..Default::default()
    };
    let steps = vec![
        UndoStep::UploadToken {
            file_name: upload_name.clone(),
        },
        thumbnail_step(entry, marker),
    ];
    let mut undo = Undo::begin(instances, &Platform::from_connection(conn.clone()), steps).await?;
    let thumbnail_id = match conn.client.thumb_asset().add(entry.as_str(), &wanted).await {
        Ok(asset) => match asset_id(&conn, asset) {
            Ok(id) => id,
            Err(error) => return Err(undo.fail(error).await),
        },
        Err(error) => return Err(undo.fail(fail(error)).await),
    };
    undo.asset_created(&thumbnail_id);
    let steps = async {
        let token = conn
            .client
            .upload()
            .file_name(upload_name)
            .from_path(file.path())
            .await?;
        let token = token.id.unwrap_or_default();
        conn.client
            .thumb_asset()
            .set_content(&thumbnail_id, &Resource::UploadedFileToken { token })
            .await?;
        if make_default {
            conn.client
                .thumb_asset()
                .set_as_default(&thumbnail_id)
                .await?;
        }
        Ok::<(), kaltura::Error>(())
    };
    if let Err(error) = steps.await {
        return Err(undo.fail(fail(error)).await);
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

/// Adds a thumbnail to `entry` that Kaltura downloads from `url` during the
/// call. `thumbAsset.add` and `setContent` travel in one multirequest; when
/// the download fails the new asset is deleted. Returns the new id.
pub async fn add_from_url(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    url: &ThumbnailUrl,
) -> Result<String, Error> {
    let conn = instances.connect(instance).await?;
    let fail = |e| assets::failure(&conn, AssetKind::Thumbnail, Some(entry), None, e);
    let marker = undo::new_marker();
    let wanted = ThumbAsset {
        tags: Some(marker.clone()),
        ..Default::default()
    };
    let mut undo = Undo::begin(
        instances,
        &Platform::from_connection(conn.clone()),
        vec![thumbnail_step(entry, marker)],
    )
    .await?;
    let mut batch = conn.client.multirequest();
    let added = batch.push(conn.client.thumb_asset().add(entry.as_str(), &wanted));
    let resource = Resource::Url {
        url: url.as_str().to_owned(),
    };
    let content = batch.push(
        conn.client
            .thumb_asset()
            .set_content(&added.reference("id"), &resource),
    );
    let mut results = match batch.send().await {
        Ok(results) => results,
        Err(error) => return Err(undo.fail(fail(error)).await),
    };
    let id = match results.take(&added) {
        Ok(asset) => match asset_id(&conn, asset) {
            Ok(id) => id,
            Err(error) => return Err(undo.fail(error).await),
        },
        Err(error) => return Err(undo.fail(fail(error)).await),
    };
    undo.asset_created(&id);
    if let Err(error) = results.take(&content) {
        return Err(undo.fail(fail(error)).await);
    }
    undo.finish().await?;
    Ok(id)
}

/// Removing the thumbnail of `entry` tagged `marker`, should its creation fail.
fn thumbnail_step(entry: &EntryId, marker: String) -> UndoStep {
    UndoStep::Thumbnail {
        entry_id: entry.as_str().to_owned(),
        tag: marker,
        asset_id: None,
    }
}

/// The id of a thumbnail Kaltura just created.
fn asset_id(conn: &Connection, asset: ThumbAsset) -> Result<String, Error> {
    asset.id.ok_or_else(|| Error::PlatformFailed {
        instance: conn.id(),
        platform: crate::model::PlatformKind::Kaltura,
        code: "INVALID_RESPONSE".into(),
        message: "thumbAsset.add answered without an id".into(),
    })
}

/// Reads the first bytes of `file` and checks they are an image.
async fn image_of(file: &SpooledFile) -> Result<media_type::Detection, Error> {
    let mut head = Vec::with_capacity(media_type::MAX_HEAD_BYTES);
    let opened = tokio::fs::File::open(file.path())
        .await
        .map_err(|e| Error::Spool(e.into()))?;
    opened
        .take(media_type::MAX_HEAD_BYTES as u64)
        .read_to_end(&mut head)
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
