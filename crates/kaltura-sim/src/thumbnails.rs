//! An entry's default thumbnail and the frames drawn for videos (kaltura-api-v3.md 13.1, 13.2): the
//! `default_thumb` tag and how one asset becomes the default, the thumbnail a video gets when its content is
//! converted, and the frame marker of [`imaging::frame_marker`] that stands for a captured frame (frames
//! cannot be decoded without native codecs). Used by the entry lifecycle and by the `thumbAsset` service.

use sim_support::imaging::{self, CropType, ThumbnailSpec};

use crate::state::AppState;
use crate::storage;
use crate::store::{Data, Entry, StoredFile, ThumbAsset, media_type, new_object_id, now};
use crate::wire::error::ApiError;

/// The tag that marks an entry's default thumbnail.
pub(crate) const DEFAULT_TAG: &str = "default_thumb";
/// Where a new video's default thumbnail is "captured" (the server's default thumbnail offset).
pub(crate) const DEFAULT_OFFSET_MS: u64 = 3_000;
/// Frame size used when a video's size is unknown.
const FALLBACK_FRAME: (u32, u32) = (640, 360);

/// `KalturaThumbAssetStatus` values.
pub(crate) mod thumb_status {
    pub(crate) const ERROR: i64 = -1;
    pub(crate) const QUEUED: i64 = 0;
    pub(crate) const READY: i64 = 2;
    pub(crate) const DELETED: i64 = 3;
}

/// The crop type of its `KalturaThumbCropType` number (1–5): resize, resize with padding, crop, crop
/// from top, stretch.
pub(crate) fn crop_type(code: i64) -> Option<CropType> {
    Some(match code {
        1 => CropType::Resize,
        2 => CropType::ResizeWithPadding,
        3 => CropType::Crop,
        4 => CropType::CropFromTop,
        5 => CropType::Stretch,
        _ => return None,
    })
}

/// Whether a comma-separated tag list holds the default tag.
pub(crate) fn has_default_tag(tags: &str) -> bool {
    tags.split(',').any(|t| t.trim() == DEFAULT_TAG)
}

/// A new, empty (QUEUED) thumbnail asset of `entry`.
pub(crate) fn new_thumb(entry: &Entry, tags: String) -> ThumbAsset {
    let t = now();
    ThumbAsset {
        id: new_object_id(),
        entry_id: entry.id.clone(),
        partner_id: entry.partner_id,
        thumb_params_id: 0,
        status: thumb_status::QUEUED,
        width: None,
        height: None,
        file_ext: None,
        tags,
        description: String::new(),
        is_default: false,
        version: 0,
        created_at: t,
        updated_at: t,
        content: None,
        partner_data: String::new(),
        partner_description: String::new(),
    }
}

/// Marks `thumb_id` as the entry's default thumbnail: tag moved from the others, entry thumbnail version
/// bumped so `thumbnailUrl` changes.
pub(crate) fn make_default_in(d: &mut Data, entry_id: &str, thumb_id: &str) {
    for t in d
        .thumb_assets
        .values_mut()
        .filter(|t| t.entry_id == entry_id)
    {
        let tags: Vec<&str> = t
            .tags
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != DEFAULT_TAG)
            .collect();
        let mut tags = tags.join(",");
        t.is_default = t.id == thumb_id;
        if t.is_default {
            if !tags.is_empty() {
                tags.push(',');
            }
            tags.push_str(DEFAULT_TAG);
        }
        t.tags = tags;
    }
    if let Some(entry) = d.entries.get_mut(entry_id) {
        entry.thumb_version += 1;
        entry.updated_at = now();
    }
}

/// An encoded JPEG and its size.
pub(crate) struct Jpeg {
    pub(crate) bytes: Vec<u8>,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

/// Draws the frame marker of a video at `offset_ms`, shaped by `spec`.
pub(crate) async fn render_frame(
    entry: &Entry,
    offset_ms: u64,
    duration_ms: u64,
    spec: ThumbnailSpec,
) -> Result<Jpeg, ApiError> {
    let dimension = |v: Option<i64>, fallback: u32| {
        v.and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v > 0)
            .unwrap_or(fallback)
    };
    let (w, h) = (
        dimension(entry.width, FALLBACK_FRAME.0),
        dimension(entry.height, FALLBACK_FRAME.1),
    );
    tokio::task::spawn_blocking(move || {
        let frame =
            image::DynamicImage::ImageRgb8(imaging::frame_marker(w, h, offset_ms, duration_ms));
        let shaped = imaging::transform(frame, &spec);
        let (width, height) = shaped.dimensions();
        imaging::encode_jpeg(&shaped, spec.quality).map(|bytes| Jpeg {
            bytes,
            width,
            height,
        })
    })
    .await
    .map_err(|_| ApiError::internal())?
    .map_err(|e| {
        tracing::error!(error = %e, "could not draw a generated thumbnail");
        ApiError::internal()
    })
}

/// A stored image file and its size.
struct StoredImage {
    stored: StoredFile,
    ext: String,
    width: Option<u32>,
    height: Option<u32>,
}

/// Gives a video entry whose content was just converted (before it reads READY) its default thumbnail
/// asset (kaltura-api-v3.md 13.1): the frame marker at the default offset. Only analysed video sources
/// get one: Kaltura keeps an image as the entry's own content and its own thumbnail, with no asset
/// (`KalturaEntryService::attachFile`), and audio has no frame to show. Entries that already have a
/// default thumbnail keep it.
pub(crate) async fn create_default_thumb(app: &AppState, entry_id: &str) {
    let Some(entry) = app.store.read(|d| {
        let has_default = d
            .thumb_assets
            .values()
            .any(|t| t.entry_id == entry_id && t.is_default && t.status != thumb_status::DELETED);
        d.entries.get(entry_id).filter(|_| !has_default).cloned()
    }) else {
        return;
    };
    let mut thumb = new_thumb(&entry, DEFAULT_TAG.to_owned());
    let id = thumb.id.clone();
    if entry.media_type != Some(media_type::VIDEO) {
        return;
    }
    let Ok(image) = default_frame(app, &entry, &id).await else {
        tracing::warn!(entry = entry_id, "could not create the default thumbnail");
        return;
    };
    thumb.status = thumb_status::READY;
    thumb.version = 1;
    thumb.content = Some(image.stored);
    thumb.file_ext = Some(image.ext);
    thumb.width = image.width.map(i64::from);
    thumb.height = image.height.map(i64::from);
    app.store.write(|d| {
        // A client may have set a default while the image was being made: it wins.
        let has_default = d
            .thumb_assets
            .values()
            .any(|t| t.entry_id == entry_id && t.is_default && t.status != thumb_status::DELETED);
        if has_default {
            thumb.tags.clear();
        }
        d.thumb_assets.insert(id.clone(), thumb);
        if !has_default {
            make_default_in(d, entry_id, &id);
        }
    });
}

/// Draws and stores the frame marker of a video at the default thumbnail offset.
async fn default_frame(app: &AppState, entry: &Entry, id: &str) -> Result<StoredImage, ApiError> {
    let duration = u64::try_from(entry.ms_duration.unwrap_or(0)).unwrap_or(0);
    let offset = DEFAULT_OFFSET_MS.min(duration);
    let jpeg = render_frame(entry, offset, duration, ThumbnailSpec::default()).await?;
    let stored = storage::store_bytes(app, id, 1, &jpeg.bytes, "default.jpg", "jpg").await?;
    Ok(StoredImage {
        stored,
        ext: "jpg".to_owned(),
        width: Some(jpeg.width),
        height: Some(jpeg.height),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video() -> Entry {
        Entry {
            id: "0_video".into(),
            partner_id: 100,
            user_id: "alice".into(),
            creator_id: "alice".into(),
            status: 2,
            moderation_status: 6,
            entry_type: "1".into(),
            media_type: Some(media_type::VIDEO),
            source_type: None,
            created_at: 1,
            updated_at: 1,
            version: 0,
            thumb_version: 100_000,
            text: Default::default(),
            numbers: Default::default(),
            width: Some(160),
            height: Some(120),
            ms_duration: Some(10_000),
            flavor_params_ids: String::new(),
            content: None,
            import_url: None,
        }
    }

    #[test]
    fn the_default_tag_moves_to_the_chosen_thumbnail_and_changes_the_entry_thumbnail_url() {
        let entry = video();
        let mut data = Data::default();
        let first = new_thumb(&entry, format!("cover,{DEFAULT_TAG}"));
        let second = new_thumb(&entry, "poster".to_owned());
        let (first_id, second_id) = (first.id.clone(), second.id.clone());
        data.entries.insert(entry.id.clone(), entry.clone());
        data.thumb_assets.insert(first_id.clone(), first);
        data.thumb_assets.insert(second_id.clone(), second);

        make_default_in(&mut data, &entry.id, &second_id);

        let first = &data.thumb_assets[&first_id];
        let second = &data.thumb_assets[&second_id];
        assert_eq!((first.is_default, first.tags.as_str()), (false, "cover"));
        assert!(second.is_default);
        assert!(has_default_tag(&second.tags), "{}", second.tags);
        assert_eq!(second.tags, format!("poster,{DEFAULT_TAG}"));
        assert_eq!(data.entries[&entry.id].thumb_version, 100_001);
    }

    #[test]
    fn only_the_exact_default_tag_counts() {
        assert!(has_default_tag(" default_thumb ,a"));
        assert!(!has_default_tag("default_thumbnail,a"));
        assert!(!has_default_tag(""));
    }

    #[tokio::test]
    async fn a_frame_keeps_the_video_size_and_falls_back_when_it_is_unknown() {
        let frame = render_frame(&video(), 3_000, 10_000, ThumbnailSpec::default())
            .await
            .unwrap();
        assert_eq!((frame.width, frame.height), (160, 120));
        assert!(frame.bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
        let unsized_video = Entry {
            width: None,
            height: Some(0),
            ..video()
        };
        let frame = render_frame(&unsized_video, 0, 0, ThumbnailSpec::default())
            .await
            .unwrap();
        assert_eq!((frame.width, frame.height), FALLBACK_FRAME);
    }
}
