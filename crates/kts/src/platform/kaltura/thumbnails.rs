//! Thumbnails as `thumbAsset` calls (kaltura-api-v3.md 7.5): list, make the
//! default, delete, create and fill from a file or a URL.

use std::path::Path;

use kaltura::{Resource, ThumbAsset};

use super::Kaltura;
use super::assets::{asset_status, newest_first};
use crate::error::Error;
use crate::ids::{AssetId, EntryId};
use crate::model::{AssetKind, Thumbnail, ThumbnailRemoval};

const KIND: AssetKind = AssetKind::Thumbnail;

impl Kaltura {
    /// `baseEntry.get` and `thumbAsset.list` in one multirequest, so an
    /// unknown entry is `EntryNotFound`, not an empty list.
    pub(crate) async fn list_thumbnails(&self, entry: &EntryId) -> Result<Vec<Thumbnail>, Error> {
        let fail = |e| self.asset_failure(KIND, Some(entry), None, e);
        let client = &self.conn.client;
        let (filter, pager) = newest_first(entry);
        let mut batch = client.multirequest();
        let entry_slot = batch.push(client.base_entry().get(entry.as_str()));
        let list_slot = batch.push(client.thumb_asset().list(&filter, Some(&pager)));
        let mut results = batch.send().await.map_err(fail)?;
        results.take(&entry_slot).map_err(fail)?;
        let thumbs = results.take(&list_slot).map_err(fail)?;
        thumbs
            .objects
            .iter()
            .map(|thumb| {
                let id = thumb.id.clone().unwrap_or_default();
                Ok(Thumbnail {
                    url: self.serve_url(KIND, entry, &id)?,
                    id,
                    width: thumb.width,
                    height: thumb.height,
                    size: thumb.size_in_bytes,
                    created: thumb.created_at,
                    is_default: thumb.is_default(),
                    status: asset_status(thumb.status.as_ref()),
                })
            })
            .collect()
    }

    /// `thumbAsset.setAsDefault`.
    pub(crate) async fn set_default_thumbnail(&self, thumbnail: &AssetId) -> Result<(), Error> {
        self.conn
            .client
            .thumb_asset()
            .set_as_default(thumbnail.as_str())
            .await
            .map_err(|e| self.asset_failure(KIND, None, Some(thumbnail), e))
    }

    /// `thumbAsset.delete`; Kaltura refuses to delete the default thumbnail
    /// (`THUMB_ASSET_IS_DEFAULT`), which is [`ThumbnailRemoval::IsDefault`].
    pub(crate) async fn delete_thumbnail(
        &self,
        thumbnail: &AssetId,
    ) -> Result<ThumbnailRemoval, Error> {
        match self
            .conn
            .client
            .thumb_asset()
            .delete(thumbnail.as_str())
            .await
        {
            Ok(()) => Ok(ThumbnailRemoval::Deleted),
            Err(e) if e.kaltura_code() == Some("THUMB_ASSET_IS_DEFAULT") => {
                Ok(ThumbnailRemoval::IsDefault)
            }
            Err(e) => Err(self.asset_failure(KIND, None, Some(thumbnail), e)),
        }
    }

    /// `thumbAsset.add`: an empty thumbnail of `entry` tagged `marker`, with
    /// the file extension its content will have. Returns the new id.
    pub(crate) async fn create_thumbnail(
        &self,
        entry: &EntryId,
        marker: &str,
        extension: &str,
    ) -> Result<String, Error> {
        let wanted = ThumbAsset {
            file_ext: Some(extension.to_owned()),
            tags: Some(marker.to_owned()),
            ..Default::default()
        };
        let asset = self
            .conn
            .client
            .thumb_asset()
            .add(entry.as_str(), &wanted)
            .await
            .map_err(|e| self.asset_failure(KIND, Some(entry), None, e))?;
        asset
            .id
            .ok_or_else(|| self.missing_asset_id("thumbAsset.add"))
    }

    /// Uploads `path` through an upload token named `upload_name`, attaches
    /// it to `thumbnail` (`thumbAsset.setContent`) and, if asked, makes it the
    /// default.
    pub(crate) async fn fill_thumbnail_from_file(
        &self,
        entry: &EntryId,
        thumbnail: &str,
        upload_name: &str,
        path: &Path,
        make_default: bool,
    ) -> Result<(), Error> {
        let client = &self.conn.client;
        let steps = async {
            let token = client
                .upload()
                .file_name(upload_name.to_owned())
                .from_path(path)
                .await?;
            let token = token.id.unwrap_or_default();
            client
                .thumb_asset()
                .set_content(thumbnail, &Resource::UploadedFileToken { token })
                .await?;
            if make_default {
                client.thumb_asset().set_as_default(thumbnail).await?;
            }
            Ok::<(), kaltura::Error>(())
        };
        steps
            .await
            .map_err(|e| self.asset_failure(KIND, Some(entry), None, e))
    }

    /// A thumbnail of `entry` tagged `marker` that Kaltura downloads from
    /// `url` during the call: `thumbAsset.add` and `setContent` travel in one
    /// multirequest. `created` learns the new id as soon as it is known, also
    /// when the download then fails. Returns the new id.
    pub(crate) async fn add_thumbnail_from_url(
        &self,
        entry: &EntryId,
        marker: &str,
        url: &str,
        created: impl FnOnce(&str),
    ) -> Result<String, Error> {
        let fail = |e| self.asset_failure(KIND, Some(entry), None, e);
        let client = &self.conn.client;
        let wanted = ThumbAsset {
            tags: Some(marker.to_owned()),
            ..Default::default()
        };
        let mut batch = client.multirequest();
        let added = batch.push(client.thumb_asset().add(entry.as_str(), &wanted));
        let resource = Resource::Url {
            url: url.to_owned(),
        };
        let content = batch.push(
            client
                .thumb_asset()
                .set_content(&added.reference("id"), &resource),
        );
        let mut results = batch.send().await.map_err(fail)?;
        let id = results
            .take(&added)
            .map_err(fail)?
            .id
            .ok_or_else(|| self.missing_asset_id("thumbAsset.add"))?;
        created(&id);
        results.take(&content).map_err(fail)?;
        Ok(id)
    }
}
