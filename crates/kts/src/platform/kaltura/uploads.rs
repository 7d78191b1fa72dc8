//! Creating entries on Kaltura: `media.add` (or `media.addFromUrl`, which
//! makes Kaltura fetch the URL itself), then for a file a chunked
//! `uploadToken` upload and `media.addContent`.

use std::path::Path;

use kaltura::{MediaEntry, Resource};

use super::Kaltura;
use super::entries::{media_type_of, source_type_of};
use crate::error::Error;
use crate::model::NewEntry;

impl Kaltura {
    /// `media.add` of `new` (`media.addFromUrl` when `url` is given); returns
    /// the entry's id. The marker becomes the entry's `referenceId`.
    pub(crate) async fn create_entry(
        &self,
        new: &NewEntry,
        url: Option<&str>,
    ) -> Result<String, Error> {
        let entry = MediaEntry {
            source_type: Some(source_type_of(&new.source)),
            name: Some(new.name.clone()),
            description: new.description.clone(),
            tags: new.tags.clone(),
            reference_id: Some(new.marker.clone()),
            media_type: Some(media_type_of(&new.kind)),
            ..Default::default()
        };
        let media = self.conn.client.media();
        let created = match url {
            Some(url) => media.add_from_url(&entry, url).await,
            None => media.add(&entry).await,
        };
        match created {
            Ok(MediaEntry { id: Some(id), .. }) => Ok(id),
            Ok(_) => Err(self.no_id("media.add")),
            Err(error) => Err(self.conn.failure(error)),
        }
    }

    /// Uploads the file at `path` in chunks under the name `upload_name`
    /// (which carries the clean-up marker) and makes it `entry`'s content.
    pub(crate) async fn add_content(
        &self,
        entry: &str,
        path: &Path,
        upload_name: String,
    ) -> Result<(), Error> {
        let client = &self.conn.client;
        let steps = async {
            let token = client
                .upload()
                .file_name(upload_name)
                .from_path(path)
                .await?;
            let token = token.id.unwrap_or_default();
            client
                .media()
                .add_content(entry, &Resource::UploadedFileToken { token })
                .await?;
            Ok::<(), kaltura::Error>(())
        };
        steps.await.map_err(|e| self.conn.failure(e))
    }
}
