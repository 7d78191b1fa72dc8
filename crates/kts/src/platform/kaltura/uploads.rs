//! Creating entries on Kaltura: `media.add` (or `media.addFromUrl`, which
//! makes Kaltura fetch the URL itself); for a file, first a chunked
//! `uploadToken` upload, then `media.add` and `media.addContent`, so the
//! entry is made once the whole file is there and its parameters are known.

use kaltura::{MediaEntry, Resource};

use super::Kaltura;
use super::entries::{media_type_of, source_type_of};
use crate::error::Error;
use crate::model::{FileSource, NewEntry, SentFile};

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

    /// Uploads a file in chunks to a new upload token named `upload_name`
    /// (which carries the clean-up marker); a stream goes out while it
    /// arrives, in parallel chunks. Answers the complete token.
    pub(crate) async fn send_file(
        &self,
        source: FileSource,
        upload_name: &str,
    ) -> Result<SentFile, Error> {
        let upload = self.conn.client.upload().file_name(upload_name);
        let token = match source {
            FileSource::Path(path) => upload.from_path(path).await,
            // The size is not passed on: the final chunk tells the server the
            // total, whatever the request announced.
            FileSource::Stream { reader, .. } => upload.from_reader(reader, None).await,
        }
        .map_err(|e| self.conn.failure(e))?;
        let token = token.id.ok_or_else(|| self.no_id("uploadToken.add"))?;
        Ok(SentFile(token))
    }

    /// `media.add` of `new`, then `media.addContent` from the sent token;
    /// returns the entry's id.
    pub(crate) async fn entry_from_file(
        &self,
        new: &NewEntry,
        sent: SentFile,
    ) -> Result<String, Error> {
        let entry = self.create_entry(new, None).await?;
        self.conn
            .client
            .media()
            .add_content(&entry, &Resource::UploadedFileToken { token: sent.0 })
            .await
            .map_err(|e| self.conn.failure(e))?;
        Ok(entry)
    }
}
