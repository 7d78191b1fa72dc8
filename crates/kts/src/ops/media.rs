//! What KTS does with media entries, free of HTTP: read one entry with its
//! thumbnails (one round trip), delete, list and search, the default
//! thumbnail's URL, a thumbnail from a player frame, and the mobile flavor.
//!
//! Answers are plain structs or JSON values in the legacy shapes of
//! kts-legacy-api.md ("Media", "Players"); `http/legacy/media.rs` only wraps them.

use std::time::{SystemTime, UNIX_EPOCH};

use kaltura::{
    AssetFilter, ConversionProfile, EntryStatus, FilterPager, FlavorParams, MediaEntry,
    MediaEntryFilter, MediaType, SourceType, ThumbAsset, ThumbParams,
};
use serde_json::{Map, Value, json};

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::instances::{Connection, Instances};
use crate::store::FieldValues;

/// Kaltura's largest page (and the legacy default of `get_excel`).
pub const MAX_PAGE_SIZE: i64 = 500;

/// Largest accepted thumbnail side in `get_media`'s `thumbnail_url`.
const MAX_THUMB_SIDE: u32 = 8192;

/// Longest accepted name filter.
const MAX_NAME_FILTER: usize = 256;

/// Turns a failed call about `entry` into `EntryNotFound` when Kaltura does
/// not know it, else into the instance's Kaltura failure.
pub(crate) fn entry_failure(conn: &Connection, entry: &EntryId, error: kaltura::Error) -> Error {
    if error.is_not_found() {
        Error::EntryNotFound {
            instance: conn.id(),
            entry: entry.clone(),
        }
    } else {
        conn.failure(error)
    }
}

/// Unix seconds now (for the cache-busting suffix of thumbnail URLs).
fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `<service>/p/<partner>/thumbnail/entry_id/<id>`: Kaltura's thumbnail
/// API path for an entry.
fn thumbnail_base(conn: &Connection, entry: &str) -> String {
    format!(
        "{}/p/{}/thumbnail/entry_id/{entry}",
        conn.facts.service_url, conn.facts.partner_id
    )
}

/// Size of the thumbnail linked by `get_media` (default 120 × 120).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThumbSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl ThumbSize {
    /// Reads the optional `width` and `height` parameters (default 120).
    pub fn parse(width: Option<&str>, height: Option<&str>) -> Result<Self, Error> {
        let side = |name: &'static str, value: Option<&str>| -> Result<u32, Error> {
            let Some(text) = value else { return Ok(120) };
            match text.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_THUMB_SIDE).contains(&n) => Ok(n),
                _ => Err(Error::InvalidParameter {
                    name,
                    reason: format!("must be a whole number from 1 to {MAX_THUMB_SIDE}"),
                }),
            }
        };
        Ok(ThumbSize {
            width: side("width", width)?,
            height: side("height", height)?,
        })
    }
}

/// The legacy name of an entry status (`READY`, `ERROR_CONVERTING`, …).
pub fn status_name(status: &EntryStatus) -> String {
    match status {
        EntryStatus::ErrorImporting => "ERROR_IMPORTING".into(),
        EntryStatus::ErrorConverting => "ERROR_CONVERTING".into(),
        EntryStatus::Import => "IMPORT".into(),
        EntryStatus::Preconvert => "PRECONVERT".into(),
        EntryStatus::Ready => "READY".into(),
        EntryStatus::Deleted => "DELETED".into(),
        EntryStatus::Pending => "PENDING".into(),
        EntryStatus::Moderate => "MODERATE".into(),
        EntryStatus::Blocked => "BLOCKED".into(),
        EntryStatus::NoContent => "NO_CONTENT".into(),
        other => other.to_string(),
    }
}

/// The legacy name of a media type (`VIDEO`, `IMAGE`, `AUDIO`, …).
pub fn media_type_name(media_type: &MediaType) -> String {
    match media_type {
        MediaType::Video => "VIDEO".into(),
        MediaType::Image => "IMAGE".into(),
        MediaType::Audio => "AUDIO".into(),
        MediaType::LiveStreamFlash => "LIVE_STREAM_FLASH".into(),
        other => other.to_string(),
    }
}

/// The legacy name of a source type (`FILE`, `URL`, …).
pub fn source_type_name(source_type: &SourceType) -> String {
    match source_type {
        SourceType::File => "FILE".into(),
        SourceType::Webcam => "WEBCAM".into(),
        SourceType::Url => "URL".into(),
        SourceType::SearchProvider => "SEARCH_PROVIDER".into(),
        other => other.to_string(),
    }
}

fn text(value: &Option<String>) -> Value {
    Value::String(value.clone().unwrap_or_default())
}

fn number(value: Option<i64>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// `get_media`'s answer, without `success` (added by the handler).
pub async fn get(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    size: ThumbSize,
) -> Result<Map<String, Value>, Error> {
    let conn = instances.connect(instance).await?;
    let client = &conn.client;
    // One round trip: the entry and its thumbnails together.
    let mut batch = client.multirequest();
    let entry_slot = batch.push(client.media().get(entry.as_str()));
    let thumbs_slot = batch.push(
        client
            .thumb_asset()
            .list(&AssetFilter::for_entry(entry.as_str()), None),
    );
    let mut results = batch.send().await.map_err(|e| conn.failure(e))?;
    let media = results
        .take(&entry_slot)
        .map_err(|e| entry_failure(&conn, entry, e))?;
    // The thumbnail list only fails with the entry; an error here is Kaltura's.
    let thumbs = results.take(&thumbs_slot).map_err(|e| conn.failure(e))?;
    let thumb_id = thumbs
        .objects
        .iter()
        .find(|t| t.is_default())
        .and_then(|t| t.id.clone())
        .unwrap_or_default();
    let ks = conn.entry_playback_ks(entry)?;
    let thumbnail_url = format!(
        "{}/width/{}/height/{}?{}",
        thumbnail_base(&conn, entry.as_str()),
        size.width,
        size.height,
        unix_now()
    );
    let mut answer = Map::new();
    answer.insert("name".into(), text(&media.name));
    answer.insert("description".into(), text(&media.description));
    answer.insert("tags".into(), text(&media.tags));
    answer.insert(
        "media_type".into(),
        Value::String(
            media
                .media_type
                .as_ref()
                .map(media_type_name)
                .unwrap_or_default(),
        ),
    );
    answer.insert("url".into(), text(&media.data_url));
    answer.insert("download_url".into(), text(&media.download_url));
    answer.insert("thumbnail_url".into(), Value::String(thumbnail_url));
    answer.insert("thumbnail_url_old".into(), text(&media.thumbnail_url));
    answer.insert("thumb_id".into(), Value::String(thumb_id));
    answer.insert("ks".into(), Value::String(ks.expose().to_owned()));
    answer.insert("plays".into(), Value::from(media.plays.unwrap_or(0)));
    answer.insert("views".into(), Value::from(media.views.unwrap_or(0)));
    answer.insert(
        "rank".into(),
        json!([media.rank.unwrap_or(0.0), media.total_rank.unwrap_or(0)]),
    );
    answer.insert("width".into(), number(media.width));
    answer.insert("height".into(), number(media.height));
    answer.insert("duration".into(), number(media.duration));
    answer.insert("created".into(), number(media.created_at));
    answer.insert("updated".into(), number(media.updated_at));
    answer.insert("searchtext".into(), text(&media.search_text));
    answer.insert("startDate".into(), number(media.start_date));
    answer.insert("endDate".into(), number(media.end_date));
    Ok(answer)
}

/// Deletes an entry.
pub async fn delete(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<(), Error> {
    instances
        .platform(instance)
        .await?
        .delete_entry(entry)
        .await
}

/// Every field `search_video` and `get_excel` know, in the legacy order.
pub const ENTRY_FIELDS: &[&str] = &[
    "id",
    "status",
    "name",
    "description",
    "tags",
    "url",
    "download_url",
    "thumbnail_url",
    "media_type",
    "source_type",
    "plays",
    "views",
    "rank",
    "width",
    "height",
    "duration",
    "created",
    "updated",
    "searchtext",
    "startDate",
    "endDate",
    "conversionQuality",
    "creditUrl",
    "creditUserName",
    "flavorParamsId",
    "mediaDate",
    "partner_id",
    "user_id",
];

/// One entry as `search_video` lists it (every field of [`ENTRY_FIELDS`]).
pub fn entry_record(instance: InstanceId, media: &MediaEntry) -> Map<String, Value> {
    let mut record = Map::new();
    let id = media.id.as_deref().unwrap_or_default();
    let name_of = |v: Option<String>| Value::String(v.unwrap_or_default());
    record.insert("id".into(), Value::String(format!("kal:{instance}:{id}")));
    record.insert(
        "status".into(),
        name_of(media.status.as_ref().map(status_name)),
    );
    record.insert("name".into(), text(&media.name));
    record.insert("description".into(), text(&media.description));
    record.insert("tags".into(), text(&media.tags));
    record.insert("url".into(), text(&media.data_url));
    record.insert("download_url".into(), text(&media.download_url));
    record.insert("thumbnail_url".into(), text(&media.thumbnail_url));
    record.insert(
        "media_type".into(),
        name_of(media.media_type.as_ref().map(media_type_name)),
    );
    record.insert(
        "source_type".into(),
        name_of(media.source_type.as_ref().map(source_type_name)),
    );
    record.insert("plays".into(), Value::from(media.plays.unwrap_or(0)));
    record.insert("views".into(), Value::from(media.views.unwrap_or(0)));
    record.insert(
        "rank".into(),
        Value::String(format!(
            "{}, {}",
            media.rank.unwrap_or(0.0),
            media.total_rank.unwrap_or(0)
        )),
    );
    record.insert("width".into(), number(media.width));
    record.insert("height".into(), number(media.height));
    record.insert("duration".into(), number(media.duration));
    record.insert("created".into(), number(media.created_at));
    record.insert("updated".into(), number(media.updated_at));
    record.insert("searchtext".into(), text(&media.search_text));
    record.insert("startDate".into(), number(media.start_date));
    record.insert("endDate".into(), number(media.end_date));
    record.insert("conversionQuality".into(), number(media.conversion_quality));
    record.insert("creditUrl".into(), text(&media.credit_url));
    record.insert("creditUserName".into(), text(&media.credit_user_name));
    record.insert("flavorParamsId".into(), text(&media.flavor_params_ids));
    record.insert("mediaDate".into(), number(media.media_date));
    record.insert("partner_id".into(), number(media.partner_id));
    record.insert("user_id".into(), text(&media.user_id));
    record
}

/// Which entries `search_video` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// 1-based page number (default 1).
    pub page: i64,
    /// Entries per page, 1 to [`MAX_PAGE_SIZE`] (default [`MAX_PAGE_SIZE`]).
    pub page_size: i64,
    /// Only entries whose name contains this text.
    pub name: Option<String>,
}

impl SearchQuery {
    /// Reads the optional `page`, `pagesize` and `name` parameters.
    pub fn parse(
        page: Option<&str>,
        page_size: Option<&str>,
        name: Option<&str>,
    ) -> Result<Self, Error> {
        let page = parse_bounded("page", page, 1, 1, 100_000)?;
        let page_size = parse_bounded("pagesize", page_size, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
        if let Some(name) = name
            && (name.len() > MAX_NAME_FILTER || name.chars().any(char::is_control))
        {
            return Err(Error::InvalidParameter {
                name: "name",
                reason: format!("must be text of at most {MAX_NAME_FILTER} bytes"),
            });
        }
        Ok(SearchQuery {
            page,
            page_size,
            name: name.map(str::to_owned),
        })
    }
}

/// Parses an optional whole number within `min..=max`.
pub(crate) fn parse_bounded(
    name: &'static str,
    value: Option<&str>,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, Error> {
    let Some(text) = value else {
        return Ok(default);
    };
    match text.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Error::InvalidParameter {
            name,
            reason: format!("must be a whole number from {min} to {max}"),
        }),
    }
}

/// `search_video`: one page of the account's entries, newest first.
pub async fn search(
    instances: &Instances,
    instance: InstanceId,
    query: &SearchQuery,
) -> Result<Vec<Value>, Error> {
    let conn = instances.connect(instance).await?;
    let filter = MediaEntryFilter {
        name_like: query.name.clone(),
        order_by: Some("-createdAt".into()),
        ..Default::default()
    };
    let pager = FilterPager::page(query.page_size, query.page);
    let list = conn
        .client
        .media()
        .list(Some(&filter), Some(&pager))
        .await
        .map_err(|e| conn.failure(e))?;
    Ok(list
        .objects
        .iter()
        .map(|media| Value::Object(entry_record(instance, media)))
        .collect())
}

/// `get_thumbnail_url`'s answer, without `success`.
pub async fn thumbnail_url(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<Map<String, Value>, Error> {
    let conn = instances.connect(instance).await?;
    let client = &conn.client;
    let filter = AssetFilter::for_entry(entry.as_str());
    let thumbs = client
        .thumb_asset()
        .list(&filter, None)
        .await
        .map_err(|e| entry_failure(&conn, entry, e))?;
    let mut answer = Map::new();
    match thumbs.objects.iter().find(|t| t.is_default()) {
        Some(thumb) => {
            let id = thumb.id.clone().unwrap_or_default();
            let url = client
                .thumb_asset()
                .get_url(&id)
                .await
                .map_err(|e| conn.failure(e))?;
            answer.extend(thumbnail_record(thumb, &url));
            answer.insert("imageUrl".into(), Value::String(url));
        }
        None => {
            let url = format!("{}/{}", thumbnail_base(&conn, entry.as_str()), unix_now());
            answer.insert("imageUrl".into(), Value::String(url));
        }
    }
    Ok(answer)
}

/// A thumbnail as `thumbnail_list` shows it.
fn thumbnail_record(thumb: &ThumbAsset, url: &str) -> Map<String, Value> {
    let status = match thumb.status.as_ref() {
        Some(kaltura::AssetStatus::Error) => "ERROR",
        Some(kaltura::AssetStatus::Queued) => "QUEUED",
        Some(kaltura::AssetStatus::Ready) => "READY",
        Some(kaltura::AssetStatus::Deleted) => "DELETED",
        Some(kaltura::AssetStatus::Importing) => "IMPORTING",
        _ => "UNKNOWN",
    };
    let mut record = Map::new();
    record.insert("id".into(), text(&thumb.id));
    record.insert("width".into(), number(thumb.width));
    record.insert("height".into(), number(thumb.height));
    record.insert("size".into(), number(thumb.size_in_bytes));
    record.insert("created_at".into(), number(thumb.created_at));
    record.insert("default".into(), Value::Bool(thumb.is_default()));
    record.insert("status".into(), Value::String(status.into()));
    record.insert("url".into(), Value::String(url.to_owned()));
    record
}

/// Reads the `offset` of `update_thumbnail_from_player`: seconds, may be
/// fractional, at most a day.
pub fn parse_offset(text: &str) -> Result<f64, Error> {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=86_400.0).contains(&n) => Ok(n),
        _ => Err(Error::InvalidParameter {
            name: "offset",
            reason: "must be a number of seconds from 0 to 86400".into(),
        }),
    }
}

/// `update_thumbnail_from_player`: captures the frame at `offset` seconds
/// (`thumbAsset.generate`) and makes it the default; returns its id.
pub async fn thumbnail_from_player(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    offset: f64,
) -> Result<String, Error> {
    let conn = instances.connect(instance).await?;
    let params = ThumbParams {
        video_offset: Some(offset),
        ..Default::default()
    };
    let thumb = conn
        .client
        .thumb_asset()
        .generate(entry.as_str(), &params)
        .await
        .map_err(|e| entry_failure(&conn, entry, e))?;
    let id = thumb.id.ok_or_else(|| Error::PlatformFailed {
        instance,
        platform: crate::model::PlatformKind::Kaltura,
        code: "INVALID_RESPONSE".into(),
        message: "thumbAsset.generate answered without an id".into(),
    })?;
    conn.client
        .thumb_asset()
        .set_as_default(&id)
        .await
        .map_err(|e| conn.failure(e))?;
    Ok(id)
}

/// What `add_kts_mobile_flavor` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MobileFlavor {
    /// The instance already has one: nothing changed.
    AlreadyConfigured(i64),
    /// A new flavor was added to the account and its default profile.
    Added {
        /// The new flavor params id.
        flavor_id: i64,
        /// The default conversion profile it was appended to.
        profile_id: i64,
    },
}

/// `add_kts_mobile_flavor`: adds an H.264/AAC mp4 flavor ("kts_ipad"),
/// appends it to the default conversion profile and stores its id as the
/// instance's mobile flavor.
pub async fn add_mobile_flavor(
    instances: &Instances,
    instance: InstanceId,
) -> Result<MobileFlavor, Error> {
    let conn = instances.connect(instance).await?;
    if let Some(id) = conn.facts.mobile_flavor_id {
        return Ok(MobileFlavor::AlreadyConfigured(id));
    }
    let client = &conn.client;
    let params = FlavorParams {
        name: Some("kts_ipad".into()),
        system_name: Some("kts_ipad".into()),
        description: Some("H.264/AAC mp4 for mobile players, added by KTS".into()),
        tags: Some("mobile,ipad,kts".into()),
        video_codec: Some("h264".into()),
        video_bitrate: Some(1200),
        audio_codec: Some("aac".into()),
        audio_bitrate: Some(128),
        width: Some(0),
        height: Some(720),
        format: Some("mp4".into()),
        ..Default::default()
    };
    let invalid = |what: &str| Error::PlatformFailed {
        instance,
        platform: crate::model::PlatformKind::Kaltura,
        code: "INVALID_RESPONSE".into(),
        message: format!("{what} answered without an id"),
    };
    let added = client
        .flavor_params()
        .add(&params)
        .await
        .map_err(|e| conn.failure(e))?;
    let flavor_id = added.id.ok_or_else(|| invalid("flavorParams.add"))?;
    let profile = client
        .conversion_profile()
        .get_default()
        .await
        .map_err(|e| conn.failure(e))?;
    let profile_id = profile
        .id
        .ok_or_else(|| invalid("conversionProfile.getDefault"))?;
    let mut ids: Vec<String> = profile
        .flavor_params_ids
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    ids.push(flavor_id.to_string());
    let update = ConversionProfile {
        flavor_params_ids: Some(ids.join(",")),
        ..Default::default()
    };
    client
        .conversion_profile()
        .update(profile_id, &update)
        .await
        .map_err(|e| conn.failure(e))?;
    let stored = FieldValues::new().with("mobile_flavor_id", flavor_id);
    instances.update(instance, &stored).await?;
    Ok(MobileFlavor::Added {
        flavor_id,
        profile_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumb_size_defaults_to_120_and_refuses_nonsense() {
        assert_eq!(
            ThumbSize::parse(None, None).unwrap(),
            ThumbSize {
                width: 120,
                height: 120
            }
        );
        assert_eq!(ThumbSize::parse(Some("640"), None).unwrap().width, 640);
        for bad in ["0", "-1", "abc", "99999"] {
            assert!(ThumbSize::parse(Some(bad), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn offsets_are_bounded_seconds() {
        assert_eq!(parse_offset("2.5").unwrap(), 2.5);
        for bad in ["-1", "NaN", "inf", "1e9", "x"] {
            assert!(parse_offset(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn search_query_bounds_paging() {
        let q = SearchQuery::parse(None, None, None).unwrap();
        assert_eq!((q.page, q.page_size), (1, MAX_PAGE_SIZE));
        assert!(SearchQuery::parse(Some("0"), None, None).is_err());
        assert!(SearchQuery::parse(None, Some("501"), None).is_err());
    }

    #[test]
    fn entry_records_carry_every_field_with_names_for_enums() {
        let media = MediaEntry {
            id: Some("0_abc".into()),
            status: Some(EntryStatus::Ready),
            media_type: Some(MediaType::Audio),
            source_type: Some(SourceType::File),
            rank: Some(3.5),
            total_rank: Some(7),
            ..Default::default()
        };
        let record = entry_record(InstanceId::new(2).unwrap(), &media);
        let keys: Vec<&str> = record.keys().map(String::as_str).collect();
        let mut expected = ENTRY_FIELDS.to_vec();
        expected.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
        assert_eq!(record["id"], "kal:2:0_abc");
        assert_eq!(record["status"], "READY");
        assert_eq!(record["media_type"], "AUDIO");
        assert_eq!(record["source_type"], "FILE");
        assert_eq!(record["rank"], "3.5, 7");
    }
}
