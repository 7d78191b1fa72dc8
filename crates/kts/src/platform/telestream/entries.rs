//! Entries on Telestream: a video with its encodings, the details KTS keeps
//! for it (`entry_details`), listed and filtered by KTS itself since the
//! platform has no text search (telestream-cloud.md 8), and deleted with its
//! files.

use futures::stream::{self, StreamExt, TryStreamExt};
use telestream::{Encoding, EncodingQuery, NewVideo, Status, Video, VideoQuery};

use super::Telestream;
use super::files::{self, playable};
use crate::error::Error;
use crate::ids::EntryId;
use crate::model::{
    Entry, EntryPage, EntryQuery, EntryStatus, EntryView, MediaKind, MediaSource, NewEntry,
    SessionToken,
};
use crate::store::EntryDetails;

/// Most videos read to answer one listing: the platform cannot filter by
/// name, so KTS reads the factory's videos page by page up to this bound.
const MAX_LISTED_VIDEOS: u32 = 2_000;
/// Videos per page when reading the factory's list (the platform's maximum).
const VIDEOS_PER_PAGE: u32 = 100;
/// Encoding lists read at once for one page of a listing.
const PARALLEL_READS: usize = 8;

/// Everything one entry is built from.
pub(super) struct VideoState {
    pub(super) video: Video,
    pub(super) encodings: Vec<Encoding>,
    pub(super) details: Option<EntryDetails>,
}

impl Telestream {
    /// The video, its encodings (with their screenshots) and its details,
    /// read at the same time: none needs another's answer. The video's
    /// failure comes first, so an unknown entry reads as not found.
    pub(super) async fn video_state(&self, entry: &EntryId) -> Result<VideoState, Error> {
        let videos = self.client().videos();
        let (video, encodings, details) = tokio::join!(
            videos.get(entry.as_str()),
            self.encodings_of(entry.as_str()),
            self.conn
                .store
                .entry_details(self.instance(), entry.as_str()),
        );
        let video = video.map_err(|e| self.entry_failure(entry, e))?;
        Ok(VideoState {
            video,
            encodings: encodings?,
            details: details?,
        })
    }

    /// Every encoding of `video`, screenshots listed.
    pub(super) async fn encodings_of(&self, video: &str) -> Result<Vec<Encoding>, Error> {
        let query = EncodingQuery {
            screenshots: true,
            per_page: Some(100),
            ..EncodingQuery::default()
        };
        let page = self
            .client()
            .encodings()
            .list_for_video(video, &query)
            .await
            .map_err(|e| self.failure(e))?;
        Ok(page.items)
    }

    /// The video, its encodings and details as one entry, with the
    /// default thumbnail's id and URL. Telestream has no sessions and
    /// cannot scale images: the session is empty and the sized thumbnail is
    /// the thumbnail itself.
    pub(crate) async fn entry_view(
        &self,
        entry: &EntryId,
        _width: u32,
        _height: u32,
    ) -> Result<EntryView, Error> {
        let state = self.video_state(entry).await?;
        let base = self.factory_url().await?.to_owned();
        let default = self.default_of(&state, &base);
        let mut built = entry_of(&state, &base);
        built.thumbnail_url = default.as_ref().map(|t| t.url.clone());
        Ok(EntryView {
            sized_thumbnail_url: built.thumbnail_url.clone().unwrap_or_default(),
            default_thumbnail: default.map(|t| t.id),
            entry: built,
            playback_session: SessionToken::new(String::new()),
        })
    }

    /// One page of the factory's videos matching `query`, newest first
    /// unless asked otherwise. Filters and order are KTS's: the factory's
    /// videos are read (up to [`MAX_LISTED_VIDEOS`]) with the names KTS
    /// keeps, filtered, sorted, cut to the page; the page's entries then get
    /// their encodings.
    pub(crate) async fn list_entries(&self, query: &EntryQuery) -> Result<EntryPage, Error> {
        let mut videos = self.all_videos().await?;
        let details = self.conn.store.all_entry_details(self.instance()).await?;
        let needle = query.name_like.as_deref().map(str::to_lowercase);
        videos.retain(|video| {
            let id = video.id.as_deref().unwrap_or_default();
            let name = name_of(video, details.get(id));
            let name_matches = needle
                .as_deref()
                .is_none_or(|needle| name.to_lowercase().contains(needle));
            let kind_matches = query.kinds.is_empty() || query.kinds.contains(&kind_of(video));
            name_matches && kind_matches
        });
        videos.sort_by_key(|v| created_of(v).unwrap_or_default());
        if !query.oldest_first {
            videos.reverse();
        }
        let total = i64::try_from(videos.len()).unwrap_or(i64::MAX);
        let size = usize::try_from(query.page_size.max(1)).unwrap_or(usize::MAX);
        let skip = usize::try_from(query.page.max(1) - 1)
            .unwrap_or(usize::MAX)
            .saturating_mul(size);
        let page: Vec<Video> = videos.into_iter().skip(skip).take(size).collect();
        let base = self.factory_url().await?.to_owned();
        let entries = stream::iter(page)
            .map(|video| {
                let detail = video.id.as_deref().and_then(|id| details.get(id)).cloned();
                async move {
                    let id = video.id.clone().unwrap_or_default();
                    let encodings = self.encodings_of(&id).await?;
                    Ok::<_, Error>(VideoState {
                        video,
                        encodings,
                        details: detail,
                    })
                }
            })
            .buffered(PARALLEL_READS)
            .map_ok(|state| {
                let mut entry = entry_of(&state, &base);
                entry.thumbnail_url = self.default_of(&state, &base).map(|t| t.url);
                entry
            })
            .try_collect()
            .await?;
        Ok(EntryPage {
            entries,
            total: Some(total),
        })
    }

    /// The factory's videos, page by page, up to [`MAX_LISTED_VIDEOS`].
    pub(super) async fn all_videos(&self) -> Result<Vec<Video>, Error> {
        let mut videos = Vec::new();
        for page in 1..=MAX_LISTED_VIDEOS / VIDEOS_PER_PAGE {
            let query = VideoQuery {
                page: Some(page),
                per_page: Some(VIDEOS_PER_PAGE),
                ..VideoQuery::default()
            };
            let found = self
                .client()
                .videos()
                .list(&query)
                .await
                .map_err(|e| self.failure(e))?;
            let count = found.items.len();
            videos.extend(found.items);
            let seen = u64::from(page) * u64::from(VIDEOS_PER_PAGE);
            if count < VIDEOS_PER_PAGE as usize || found.total.is_some_and(|t| t <= seen) {
                break;
            }
        }
        Ok(videos)
    }

    /// Deletes the video (its encodings and files go with it) and what KTS
    /// kept about it.
    pub(crate) async fn delete_entry(&self, entry: &EntryId) -> Result<(), Error> {
        self.client()
            .videos()
            .delete(entry.as_str())
            .await
            .map_err(|e| self.entry_failure(entry, e))?;
        self.conn
            .store
            .remove_entry_details(self.instance(), entry.as_str())
            .await?;
        Ok(())
    }

    /// A video the platform fetches from `url`, carrying the marker as its
    /// payload; its name, description and tags are kept by KTS. A file's
    /// video is made by its upload instead (`upload_entry`).
    pub(crate) async fn create_entry(
        &self,
        new: &NewEntry,
        url: Option<&str>,
    ) -> Result<String, Error> {
        let Some(url) = url else {
            return Err(self.not_supported("create an entry before its content"));
        };
        let mut video = NewVideo {
            source_url: url.to_owned(),
            payload: Some(new.marker.clone()),
            ..NewVideo::default()
        };
        video.profiles = self.profiles();
        let created = self
            .client()
            .videos()
            .create_from_url(&video)
            .await
            .map_err(|e| self.failure(e))?;
        let id = created.id.ok_or_else(|| self.invalid_answer("video id"))?;
        self.keep_details(&id, new).await?;
        Ok(id)
    }

    /// The configured profiles, as the list a new video is encoded with.
    pub(super) fn profiles(&self) -> Option<Vec<String>> {
        self.conn.profiles.as_deref().map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        })
    }

    /// Keeps what the video has no field for.
    pub(super) async fn keep_details(&self, id: &str, new: &NewEntry) -> Result<(), Error> {
        let details = EntryDetails {
            name: Some(new.name.clone()),
            description: new.description.clone(),
            tags: new.tags.clone(),
            default_thumbnail: None,
        };
        self.conn
            .store
            .put_entry_details(self.instance(), id, &details)
            .await?;
        Ok(())
    }
}

/// The entry a video is, with its encodings and the details KTS keeps.
pub(super) fn entry_of(state: &VideoState, base: &str) -> Entry {
    let video = &state.video;
    let details = state.details.as_ref();
    let play = playable(&state.encodings);
    Entry {
        id: video.id.clone().unwrap_or_default(),
        name: Some(name_of(video, details)),
        description: details.and_then(|d| d.description.clone()),
        tags: details.and_then(|d| d.tags.clone()),
        status: Some(status_of(video, &state.encodings)),
        kind: Some(kind_of(video)),
        source: Some(if video.source_url.is_some() {
            MediaSource::Url
        } else {
            MediaSource::File
        }),
        play_url: play
            .and_then(|e| files::output_url(base, e))
            .or_else(|| files::source_url(base, video)),
        download_url: files::source_url(base, video),
        thumbnail_url: None,
        width: video.width.map(i64::from),
        height: video.height.map(i64::from),
        // Milliseconds on the wire (reference 3); whole seconds here, rounded.
        duration: video
            .duration
            .map(|ms| i64::try_from(ms.saturating_add(500) / 1000).unwrap_or(i64::MAX)),
        created: created_of(video),
        updated: video.updated_at.as_deref().and_then(parse_date),
        flavor_ids: Some(
            state
                .encodings
                .iter()
                .filter(|e| e.status == Some(Status::Success) && !files::is_image_encoding(e))
                .filter_map(|e| e.id.clone())
                .collect::<Vec<_>>()
                .join(","),
        ),
        ..Entry::default()
    }
}

/// The name KTS keeps, else the uploaded file's name without extension.
fn name_of(video: &Video, details: Option<&EntryDetails>) -> String {
    if let Some(name) = details.and_then(|d| d.name.clone()) {
        return name;
    }
    let file = video.original_filename.as_deref().unwrap_or_default();
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
        _ => file.to_owned(),
    }
}

/// What the video holds, by its MIME type.
fn kind_of(video: &Video) -> MediaKind {
    match video.mime_type.as_deref() {
        Some(mime) if mime.starts_with("audio/") => MediaKind::Audio,
        Some(mime) if mime.starts_with("image/") => MediaKind::Image,
        _ => MediaKind::Video,
    }
}

/// The entry's status from the video's and its encodings': a stored video
/// is ready once one of its video encodings is (or when it has none to
/// wait for), converting while one runs, failed when all failed.
fn status_of(video: &Video, encodings: &[Encoding]) -> EntryStatus {
    match &video.status {
        Some(Status::Fail) => {
            return if video.error_class.as_deref() == Some("DownloadFailed") {
                EntryStatus::ImportFailed
            } else {
                EntryStatus::ConversionFailed
            };
        }
        Some(Status::Processing) | None => {
            return if video.source_url.is_some() {
                EntryStatus::Importing
            } else {
                EntryStatus::Converting
            };
        }
        Some(Status::Other(other)) => return EntryStatus::Other(other.clone()),
        Some(Status::Success) => {}
    }
    let videos: Vec<&Encoding> = encodings
        .iter()
        .filter(|e| !files::is_image_encoding(e))
        .collect();
    if videos.is_empty() || videos.iter().any(|e| e.status == Some(Status::Success)) {
        EntryStatus::Ready
    } else if videos.iter().any(|e| e.status == Some(Status::Processing)) {
        EntryStatus::Converting
    } else {
        EntryStatus::ConversionFailed
    }
}

fn created_of(video: &Video) -> Option<i64> {
    video.created_at.as_deref().and_then(parse_date)
}

/// `2015/12/14 14:22:04 +0000` (telestream-cloud.md 3) as Unix seconds;
/// RFC 3339 too, which Flip 3.1 may send (reference 9).
pub(super) fn parse_date(text: &str) -> Option<i64> {
    const WIRE: &[time::format_description::FormatItem<'static>] = time::macros::format_description!(
        "[year]/[month]/[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"
    );
    let text = text.trim();
    time::OffsetDateTime::parse(text, WIRE)
        .or_else(|_| {
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        })
        .ok()
        .map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video(json: serde_json::Value) -> Video {
        serde_json::from_value(json).unwrap()
    }

    fn encoding(json: serde_json::Value) -> Encoding {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn dates_read_in_the_wire_format_and_in_rfc_3339() {
        assert_eq!(parse_date("1970/01/01 00:01:00 +0000"), Some(60));
        assert_eq!(parse_date("1970/01/01 01:01:00 +0100"), Some(60));
        assert_eq!(parse_date("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn an_entry_is_ready_once_a_video_encoding_succeeded() {
        let stored = video(serde_json::json!({"id": "v", "status": "success"}));
        let running = encoding(serde_json::json!({"status": "processing", "extname": ".mp4"}));
        let done = encoding(serde_json::json!({"status": "success", "extname": ".mp4"}));
        let failed = encoding(serde_json::json!({"status": "fail", "extname": ".mp4"}));
        assert_eq!(
            status_of(&stored, std::slice::from_ref(&running)),
            EntryStatus::Converting
        );
        assert_eq!(status_of(&stored, &[running, done]), EntryStatus::Ready);
        assert_eq!(status_of(&stored, &[failed]), EntryStatus::ConversionFailed);
        assert_eq!(status_of(&stored, &[]), EntryStatus::Ready);
        let fetching =
            video(serde_json::json!({"status": "processing", "source_url": "http://x/a.mp4"}));
        assert_eq!(status_of(&fetching, &[]), EntryStatus::Importing);
        let lost = video(serde_json::json!({"status": "fail", "error_class": "DownloadFailed"}));
        assert_eq!(status_of(&lost, &[]), EntryStatus::ImportFailed);
    }

    #[test]
    fn an_entry_carries_the_kept_details_and_urls_under_the_factory() {
        let state = VideoState {
            video: video(serde_json::json!({
                "id": "v1", "status": "success", "original_filename": "talk.mp4",
                "path": "v1", "extname": ".mp4", "mime_type": "video/mp4",
                "duration": 12_600, "width": 640, "height": 360,
                "created_at": "2024/05/06 07:08:09 +0000"
            })),
            encodings: vec![encoding(serde_json::json!({
                "id": "e1", "status": "success", "extname": ".mp4", "files": ["e1.mp4"]
            }))],
            details: Some(EntryDetails {
                name: Some("A talk".into()),
                tags: Some("x,y".into()),
                ..EntryDetails::default()
            }),
        };
        let entry = entry_of(&state, "http://h/f/");
        assert_eq!(entry.name.as_deref(), Some("A talk"));
        assert_eq!(entry.tags.as_deref(), Some("x,y"));
        assert_eq!(entry.duration, Some(13));
        assert_eq!(entry.play_url.as_deref(), Some("http://h/f/e1.mp4"));
        assert_eq!(entry.download_url.as_deref(), Some("http://h/f/v1.mp4"));
        assert_eq!(entry.flavor_ids.as_deref(), Some("e1"));
        assert_eq!(entry.status, Some(EntryStatus::Ready));
        assert_eq!(entry.created, Some(1_714_979_289));
        let bare = VideoState {
            details: None,
            ..state
        };
        assert_eq!(entry_of(&bare, "http://h/f/").name.as_deref(), Some("talk"));
    }
}
