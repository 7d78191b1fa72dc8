//! Thumbnails on Telestream (telestream-cloud.md 8): the screenshots every
//! successful encoding makes, and the images of thumbnail-profile encodings
//! that KTS starts to capture a frame at an offset. A thumbnail's id is
//! `<encoding id>-<n>`, the n-th image of that encoding (from 1), so it
//! names its encoding without a look-up table. Which one is the default is
//! KTS's to keep (`entry_details`): Telestream has no such notion; without
//! a choice, the first screenshot of the playable encoding is the default.
//! Images come only from the video: a thumbnail from a file or a URL is not
//! something a factory can hold.

use serde_json::{Map, Value};
use telestream::{Encoding, NewProfile, ProfileRef, Status};

use super::Telestream;
use super::entries::VideoState;
use super::files::{self, FRAME_PROFILE_PREFIX, THUMBNAIL_PRESET};
use crate::error::Error;
use crate::ids::{AssetId, EntryId};
use crate::model::{AssetStatus, DefaultThumbnail, EntryImage, Thumbnail, ThumbnailRemoval};
use crate::store::EntryDetails;

/// The encoding a thumbnail id `<encoding id>-<n>` names; `None` for
/// anything else.
fn encoding_of(id: &str) -> Option<&str> {
    let (encoding, index) = id.rsplit_once('-')?;
    index.parse::<usize>().ok().filter(|n| *n >= 1)?;
    (!encoding.is_empty()).then_some(encoding)
}

fn status_of(encoding: &Encoding) -> AssetStatus {
    match encoding.status {
        Some(Status::Success) => AssetStatus::Ready,
        Some(Status::Processing) => AssetStatus::Queued,
        Some(Status::Fail) => AssetStatus::Error,
        _ => AssetStatus::Unknown,
    }
}

/// The images of one encoding: a thumbnail encoding's files (while it runs,
/// the first file to come), a finished video encoding's screenshots.
fn images_of(encoding: &Encoding, base: &str) -> Vec<String> {
    if files::is_image_encoding(encoding) {
        match encoding.files.as_deref() {
            Some(names) if !names.is_empty() => {
                names.iter().map(|n| files::file_url(base, n)).collect()
            }
            _ => encoding
                .path
                .iter()
                .map(|p| files::file_url(base, &format!("{p}_1.jpg")))
                .collect(),
        }
    } else if encoding.status == Some(Status::Success) {
        let shots = encoding.screenshots.as_deref().unwrap_or_default();
        shots.iter().map(|s| files::file_url(base, s)).collect()
    } else {
        Vec::new()
    }
}

/// Every thumbnail of a video, newest encoding first; `default` marks one.
fn thumbnails_of(state: &VideoState, base: &str) -> Vec<Thumbnail> {
    let mut encodings: Vec<&Encoding> = state.encodings.iter().collect();
    encodings.sort_by_key(|e| {
        std::cmp::Reverse(
            e.created_at
                .as_deref()
                .and_then(super::entries::parse_date)
                .unwrap_or_default(),
        )
    });
    let mut thumbnails = Vec::new();
    for encoding in encodings {
        let Some(id) = encoding.id.as_deref() else {
            continue;
        };
        for (i, url) in images_of(encoding, base).into_iter().enumerate() {
            thumbnails.push(Thumbnail {
                id: format!("{id}-{}", i + 1),
                width: encoding.width.map(i64::from),
                height: encoding.height.map(i64::from),
                size: None,
                created: encoding
                    .created_at
                    .as_deref()
                    .and_then(super::entries::parse_date),
                is_default: false,
                status: status_of(encoding),
                url,
            });
        }
    }
    let chosen = state
        .details
        .as_ref()
        .and_then(|d| d.default_thumbnail.clone())
        .filter(|id| thumbnails.iter().any(|t| &t.id == id))
        .or_else(|| {
            let playable = files::playable(&state.encodings)?.id.as_deref()?;
            let first = format!("{playable}-1");
            thumbnails.iter().any(|t| t.id == first).then_some(first)
        });
    for thumbnail in &mut thumbnails {
        thumbnail.is_default = chosen.as_deref() == Some(thumbnail.id.as_str());
    }
    thumbnails
}

impl Telestream {
    /// The default thumbnail of a video, if it has any image.
    pub(super) fn default_of(&self, state: &VideoState, base: &str) -> Option<Thumbnail> {
        thumbnails_of(state, base)
            .into_iter()
            .find(|t| t.is_default)
    }

    /// Every image of the video's encodings, newest first.
    pub(crate) async fn list_thumbnails(&self, entry: &EntryId) -> Result<Vec<Thumbnail>, Error> {
        let state = self.video_state(entry).await?;
        let base = self.factory_url().await?;
        Ok(thumbnails_of(&state, base))
    }

    /// The encoding a thumbnail id names and its video's state, or
    /// [`Error::AssetNotFound`].
    async fn thumbnail_owner(&self, thumbnail: &AssetId) -> Result<(VideoState, Thumbnail), Error> {
        let not_found = || Error::AssetNotFound {
            instance: self.instance(),
            kind: "thumbnail",
            asset: thumbnail.clone(),
        };
        let wanted = encoding_of(thumbnail.as_str()).ok_or_else(not_found)?;
        let encoding = match self.client().encodings().get(wanted, false).await {
            Ok(encoding) => encoding,
            Err(error) if error.is_not_found() => return Err(not_found()),
            Err(error) => return Err(self.failure(error)),
        };
        let video = encoding.video_id.ok_or_else(not_found)?;
        let video: EntryId = video.parse().map_err(|_| not_found())?;
        let state = self.video_state(&video).await?;
        let base = self.factory_url().await?;
        let found = thumbnails_of(&state, base)
            .into_iter()
            .find(|t| t.id == thumbnail.as_str())
            .ok_or_else(not_found)?;
        Ok((state, found))
    }

    /// Makes `thumbnail` its video's default, in KTS's store.
    pub(crate) async fn set_default_thumbnail(&self, thumbnail: &AssetId) -> Result<(), Error> {
        let (state, _) = self.thumbnail_owner(thumbnail).await?;
        let video = state.video.id.clone().unwrap_or_default();
        let details = EntryDetails {
            default_thumbnail: Some(thumbnail.as_str().to_owned()),
            ..state.details.unwrap_or_default()
        };
        self.conn
            .store
            .put_entry_details(self.instance(), &video, &details)
            .await?;
        Ok(())
    }

    /// Deletes a captured frame (its encoding); the default is kept, as on
    /// every platform. A screenshot of a video encoding cannot go alone.
    pub(crate) async fn delete_thumbnail(
        &self,
        thumbnail: &AssetId,
    ) -> Result<ThumbnailRemoval, Error> {
        let (state, found) = self.thumbnail_owner(thumbnail).await?;
        if found.is_default {
            return Ok(ThumbnailRemoval::IsDefault);
        }
        let encoding = state.encodings.iter().find(|e| {
            e.id.as_deref()
                .is_some_and(|id| encoding_of(thumbnail.as_str()) == Some(id))
        });
        if !encoding.is_some_and(files::is_image_encoding) {
            return Err(self.not_supported(
                "delete one screenshot of an encoding (only captured frames can be deleted)",
            ));
        }
        self.delete_frame_encoding(thumbnail.as_str()).await?;
        Ok(ThumbnailRemoval::Deleted)
    }

    /// Deletes the encoding a thumbnail id names; 0 when it was gone.
    pub(super) async fn delete_frame_encoding(&self, thumbnail: &str) -> Result<usize, Error> {
        let Some(wanted) = encoding_of(thumbnail) else {
            return Ok(0);
        };
        match self.client().encodings().delete(wanted).await {
            Ok(()) => Ok(1),
            Err(error) if error.is_not_found() => Ok(0),
            Err(error) => Err(self.failure(error)),
        }
    }

    /// The default thumbnail and its URL; an entry without any image yet
    /// answers the URL its first screenshot will have.
    pub(crate) async fn default_thumbnail(
        &self,
        entry: &EntryId,
    ) -> Result<DefaultThumbnail, Error> {
        let state = self.video_state(entry).await?;
        let base = self.factory_url().await?;
        match self.default_of(&state, base) {
            Some(thumbnail) => Ok(DefaultThumbnail {
                url: thumbnail.url.clone(),
                thumbnail: Some(thumbnail),
            }),
            None => Ok(DefaultThumbnail {
                thumbnail: None,
                url: expected_poster(&state, base),
            }),
        }
    }

    /// The entry's image for a page: its default thumbnail. Telestream does
    /// not scale images; the page scales it.
    pub(crate) async fn entry_image(&self, entry: &EntryId) -> Result<EntryImage, Error> {
        let image = self.default_thumbnail(entry).await?;
        Ok(EntryImage {
            platform_origin: origin_of(&image.url),
            url: image.url,
        })
    }

    /// Starts an encoding of the video with a thumbnail profile whose
    /// `frame_offsets` is `offset` (the emulation reference 8 describes) and
    /// makes its image the default. The profile, one per offset in
    /// milliseconds, is created on first use. Returns the new thumbnail's id
    /// (its image is ready when the encoding is).
    pub(crate) async fn thumbnail_from_frame(
        &self,
        entry: &EntryId,
        offset: f64,
    ) -> Result<String, Error> {
        let state = self.video_state(entry).await?;
        // Bounded by ops: 0 to 86400 seconds.
        let millis = (offset * 1000.0).round() as u64;
        let profile = format!("{FRAME_PROFILE_PREFIX}{millis}ms");
        self.ensure_frame_profile(&profile, millis).await?;
        let encoding = self
            .client()
            .encodings()
            .create(entry.as_str(), &ProfileRef::Name(profile))
            .await
            .map_err(|e| self.entry_failure(entry, e))?;
        let id = encoding
            .id
            .ok_or_else(|| self.invalid_answer("encoding id"))?;
        let thumbnail = format!("{id}-1");
        let details = EntryDetails {
            default_thumbnail: Some(thumbnail.clone()),
            ..state.details.unwrap_or_default()
        };
        self.conn
            .store
            .put_entry_details(self.instance(), entry.as_str(), &details)
            .await?;
        Ok(thumbnail)
    }

    /// Creates the thumbnail profile `name` taking one frame at `millis`,
    /// unless it exists (another request may create it at the same time:
    /// a refused creation is followed by a second look).
    async fn ensure_frame_profile(&self, name: &str, millis: u64) -> Result<(), Error> {
        let profiles = self.client().profiles();
        match profiles.get(name).await {
            Ok(_) => return Ok(()),
            Err(error) if error.is_not_found() => {}
            Err(error) => return Err(self.failure(error)),
        }
        let mut options = Map::new();
        // Seconds with a decimal part: the unit the reference's examples
        // use (`"2s, 10s, 250f"`), which every encoder reads.
        let offset = format!("{}.{:03}s", millis / 1000, millis % 1000);
        options.insert("frame_offsets".into(), Value::String(offset));
        options.insert("frame_count".into(), Value::from(1));
        options.insert("extname".into(), Value::String(".jpg".into()));
        let new = NewProfile {
            name: Some(name.to_owned()),
            preset_name: Some(THUMBNAIL_PRESET.to_owned()),
            options,
        };
        match profiles.create(&new).await {
            Ok(_) => Ok(()),
            Err(error) => match profiles.get(name).await {
                Ok(_) => Ok(()),
                Err(_) => Err(self.failure(error)),
            },
        }
    }

    /// Thumbnails from files are not something a factory holds.
    pub(crate) fn thumbnail_from_file_unsupported(&self) -> Error {
        self.not_supported("add a thumbnail from a file or a URL (thumbnails come from the video)")
    }
}

/// The URL the first screenshot of the playable (or first) encoding will
/// have, for an entry still converting.
fn expected_poster(state: &VideoState, base: &str) -> String {
    let encoding = files::playable(&state.encodings).or(state.encodings.first());
    match encoding.and_then(|e| e.path.as_deref()) {
        Some(path) => files::file_url(base, &format!("{path}_1.jpg")),
        None => base.to_owned(),
    }
}

/// `scheme://host[:port]` of `url`, for a page's Content-Security-Policy.
pub(super) fn origin_of(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding(json: serde_json::Value) -> Encoding {
        serde_json::from_value(json).unwrap()
    }

    fn state(encodings: Vec<Encoding>, default: Option<&str>) -> VideoState {
        VideoState {
            video: serde_json::from_value(serde_json::json!({"id": "v", "status": "success"}))
                .unwrap(),
            encodings,
            details: default.map(|d| EntryDetails {
                default_thumbnail: Some(d.into()),
                ..EntryDetails::default()
            }),
        }
    }

    #[test]
    fn thumbnail_ids_name_an_encoding_and_an_image_from_one() {
        assert_eq!(encoding_of("0a1b-3"), Some("0a1b"));
        assert_eq!(encoding_of("a-b-12"), Some("a-b"));
        for bad in ["x", "x-0", "-1", "x-y"] {
            assert!(encoding_of(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn screenshots_and_captured_frames_are_thumbnails_and_the_chosen_one_is_default() {
        let video = encoding(serde_json::json!({
            "id": "e", "status": "success", "extname": ".mp4",
            "created_at": "2024/01/01 00:00:00 +0000",
            "screenshots": ["e_1.jpg", "http://h/f/e_2.jpg"]
        }));
        let frame = encoding(serde_json::json!({
            "id": "t", "status": "processing", "profile_name": "kts-frame-1500ms",
            "path": "t", "created_at": "2024/01/02 00:00:00 +0000"
        }));
        let all = thumbnails_of(
            &state(vec![video.clone(), frame.clone()], None),
            "http://h/f/",
        );
        let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["t-1", "e-1", "e-2"], "newest encoding first");
        assert_eq!(all[0].status, AssetStatus::Queued);
        assert_eq!(all[0].url, "http://h/f/t_1.jpg");
        assert_eq!(all[1].url, "http://h/f/e_1.jpg");
        assert!(
            all[1].is_default,
            "the playable encoding's first screenshot"
        );
        let chosen = thumbnails_of(&state(vec![video, frame], Some("t-1")), "http://h/f/");
        assert!(chosen[0].is_default && !chosen[1].is_default);
    }
}
