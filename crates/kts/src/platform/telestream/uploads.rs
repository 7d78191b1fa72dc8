//! Uploads to Telestream and their clean-up: a file becomes a video through
//! an upload session (resumable, parallel parts), the video being made by
//! the upload itself; the clean-up marker travels as the video's `payload`,
//! which finds the video again when its id was never learned.

use telestream::Status;

use super::Telestream;
use crate::error::Error;
use crate::model::{FileSource, NewEntry, SentFile};
use crate::platform::undo::UndoStep;

/// Most videos searched for a marker when undoing an upload whose video id
/// was lost (the newest first; an upload being undone is recent).
const MARKER_SEARCH_VIDEOS: usize = 2_000;

impl Telestream {
    /// Uploads a file, named `upload_name`, as a new video carrying
    /// `marker` as its payload; a stream goes out while it arrives, and must
    /// say its size (an upload session is opened with it). Answers the video.
    pub(crate) async fn send_file(
        &self,
        source: FileSource,
        upload_name: &str,
        marker: &str,
    ) -> Result<SentFile, Error> {
        let mut upload = self
            .client()
            .upload()
            .payload(marker.to_owned())
            .file_name(upload_name);
        if let Some(profiles) = self.profiles() {
            upload = upload.profiles(profiles);
        }
        let video = match source {
            // From the path, so a part lost on the way can be read again.
            FileSource::Path(path) => upload.from_path(path).await,
            FileSource::Stream {
                reader,
                size: Some(size),
            } => upload.from_reader(reader, size, upload_name).await,
            FileSource::Stream { size: None, .. } => {
                return Err(self.not_supported("upload a stream of unknown size"));
            }
        }
        .map_err(|e| self.failure(e))?;
        let id = video.id.ok_or_else(|| self.invalid_answer("video id"))?;
        if video.status == Some(Status::Fail) {
            // The factory read the file and found no media in it: the video
            // is dead on arrival and would only ever list as failed. Remove
            // it and say why, as the client's error, not the platform's.
            self.delete_video(&id).await?;
            let why = video
                .error_message
                .or(video.error_class)
                .unwrap_or_else(|| "no reason given".into());
            return Err(Error::InvalidParameter {
                name: "file",
                reason: format!("Telestream Cloud cannot read it as media ({why})"),
            });
        }
        Ok(SentFile(id))
    }

    /// The video a sent file made becomes the entry `new`: KTS keeps its
    /// name, description and tags (a video has no fields for them).
    pub(crate) async fn entry_from_file(
        &self,
        new: &NewEntry,
        sent: SentFile,
    ) -> Result<String, Error> {
        self.keep_details(&sent.0, new).await?;
        Ok(sent.0)
    }

    /// Removes what `step` names: a video by id, or by the marker in its
    /// payload. Upload sessions need no step: the client aborts a failed
    /// one, and the platform lets an abandoned one expire (reference 5.2).
    /// Assets are encodings of a video and go with it.
    pub(crate) async fn undo(&self, step: &UndoStep) -> Result<usize, Error> {
        match step {
            UndoStep::Entry {
                entry_id: Some(id), ..
            } => self.delete_video(id).await,
            UndoStep::Entry {
                reference_id,
                entry_id: None,
            } => {
                let mut videos = self.all_videos().await?;
                videos.truncate(MARKER_SEARCH_VIDEOS);
                let mut removed = 0;
                for video in videos
                    .iter()
                    .filter(|v| v.payload.as_deref() == Some(reference_id.as_str()))
                {
                    if let Some(id) = &video.id {
                        removed += self.delete_video(id).await?;
                    }
                }
                Ok(removed)
            }
            UndoStep::Thumbnail {
                asset_id: Some(id), ..
            } => self.delete_frame_encoding(id).await,
            UndoStep::Thumbnail { asset_id: None, .. }
            | UndoStep::Caption { .. }
            | UndoStep::UploadToken { .. } => Ok(0),
        }
    }

    /// Deletes a video and its kept details; 0 when it was gone already.
    async fn delete_video(&self, id: &str) -> Result<usize, Error> {
        let removed = match self.client().videos().delete(id).await {
            Ok(()) => 1,
            Err(error) if error.is_not_found() => 0,
            Err(error) => return Err(self.failure(error)),
        };
        self.conn
            .store
            .remove_entry_details(self.instance(), id)
            .await?;
        Ok(removed)
    }
}
