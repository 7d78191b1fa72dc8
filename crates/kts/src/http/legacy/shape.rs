//! KTS's `model` values in the legacy JSON of kts-legacy-api.md: field
//! names, the upper-case names of statuses and kinds (`READY`, `VIDEO`, …),
//! `kal:<instance>:<id>` ids, empty strings for missing text and `null` for
//! missing numbers, and `rank` as an array in `get_media` but as text in
//! `search_video` (both kept from the old service on purpose).

use serde_json::{Map, Value, json};

use crate::ids::InstanceId;
use crate::model::{
    AssetStatus, DefaultThumbnail, Entry, EntryStatus, EntryView, MediaKind, MediaSource, Thumbnail,
};
use crate::ops::export::Cell;

/// Every field `search_video` and `get_excel` know, in the legacy order.
pub(crate) const ENTRY_FIELDS: &[&str] = &[
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

/// The legacy name of an entry status (`READY`, `ERROR_CONVERTING`, …);
/// one KTS has no word for keeps the platform's code.
pub(crate) fn status_name(status: &EntryStatus) -> String {
    match status {
        EntryStatus::ImportFailed => "ERROR_IMPORTING".into(),
        EntryStatus::ConversionFailed => "ERROR_CONVERTING".into(),
        EntryStatus::Importing => "IMPORT".into(),
        EntryStatus::Converting => "PRECONVERT".into(),
        EntryStatus::Ready => "READY".into(),
        EntryStatus::Deleted => "DELETED".into(),
        EntryStatus::Pending => "PENDING".into(),
        EntryStatus::Moderation => "MODERATE".into(),
        EntryStatus::Blocked => "BLOCKED".into(),
        EntryStatus::NoContent => "NO_CONTENT".into(),
        EntryStatus::Other(code) => code.clone(),
    }
}

/// The legacy name of a media kind (`VIDEO`, `IMAGE`, `AUDIO`, …).
pub(crate) fn media_kind_name(kind: &MediaKind) -> String {
    match kind {
        MediaKind::Video => "VIDEO".into(),
        MediaKind::Image => "IMAGE".into(),
        MediaKind::Audio => "AUDIO".into(),
        MediaKind::LiveStream => "LIVE_STREAM_FLASH".into(),
        MediaKind::Other(code) => code.clone(),
    }
}

/// The legacy name of a source (`FILE`, `URL`, …).
pub(crate) fn source_name(source: &MediaSource) -> String {
    match source {
        MediaSource::File => "FILE".into(),
        MediaSource::Webcam => "WEBCAM".into(),
        MediaSource::Url => "URL".into(),
        MediaSource::SearchProvider => "SEARCH_PROVIDER".into(),
        MediaSource::Other(code) => code.clone(),
    }
}

fn text(value: &Option<String>) -> Value {
    Value::String(value.clone().unwrap_or_default())
}

fn number(value: Option<i64>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// `get_media`'s answer, without `success` (added by the handler).
pub(crate) fn entry_view(view: &EntryView) -> Map<String, Value> {
    let media = &view.entry;
    let mut answer = Map::new();
    answer.insert("name".into(), text(&media.name));
    answer.insert("description".into(), text(&media.description));
    answer.insert("tags".into(), text(&media.tags));
    answer.insert(
        "media_type".into(),
        Value::String(media.kind.as_ref().map(media_kind_name).unwrap_or_default()),
    );
    answer.insert("url".into(), text(&media.play_url));
    answer.insert("download_url".into(), text(&media.download_url));
    answer.insert(
        "thumbnail_url".into(),
        Value::String(view.sized_thumbnail_url.clone()),
    );
    answer.insert("thumbnail_url_old".into(), text(&media.thumbnail_url));
    answer.insert("thumb_id".into(), text(&view.default_thumbnail));
    answer.insert(
        "ks".into(),
        Value::String(view.playback_session.expose().to_owned()),
    );
    answer.insert("plays".into(), Value::from(media.plays.unwrap_or(0)));
    answer.insert("views".into(), Value::from(media.views.unwrap_or(0)));
    answer.insert(
        "rank".into(),
        json!([media.rating.unwrap_or(0.0), media.rating_total.unwrap_or(0)]),
    );
    answer.insert("width".into(), number(media.width));
    answer.insert("height".into(), number(media.height));
    answer.insert("duration".into(), number(media.duration));
    answer.insert("created".into(), number(media.created));
    answer.insert("updated".into(), number(media.updated));
    answer.insert("searchtext".into(), text(&media.search_text));
    answer.insert("startDate".into(), number(media.start_date));
    answer.insert("endDate".into(), number(media.end_date));
    answer
}

/// One entry as `search_video` lists it (every field of [`ENTRY_FIELDS`]).
pub(crate) fn entry_record(instance: InstanceId, media: &Entry) -> Map<String, Value> {
    let mut record = Map::new();
    let name_of = |v: Option<String>| Value::String(v.unwrap_or_default());
    record.insert(
        "id".into(),
        Value::String(format!("kal:{instance}:{}", media.id)),
    );
    record.insert(
        "status".into(),
        name_of(media.status.as_ref().map(status_name)),
    );
    record.insert("name".into(), text(&media.name));
    record.insert("description".into(), text(&media.description));
    record.insert("tags".into(), text(&media.tags));
    record.insert("url".into(), text(&media.play_url));
    record.insert("download_url".into(), text(&media.download_url));
    record.insert("thumbnail_url".into(), text(&media.thumbnail_url));
    record.insert(
        "media_type".into(),
        name_of(media.kind.as_ref().map(media_kind_name)),
    );
    record.insert(
        "source_type".into(),
        name_of(media.source.as_ref().map(source_name)),
    );
    record.insert("plays".into(), Value::from(media.plays.unwrap_or(0)));
    record.insert("views".into(), Value::from(media.views.unwrap_or(0)));
    record.insert(
        "rank".into(),
        Value::String(format!(
            "{}, {}",
            media.rating.unwrap_or(0.0),
            media.rating_total.unwrap_or(0)
        )),
    );
    record.insert("width".into(), number(media.width));
    record.insert("height".into(), number(media.height));
    record.insert("duration".into(), number(media.duration));
    record.insert("created".into(), number(media.created));
    record.insert("updated".into(), number(media.updated));
    record.insert("searchtext".into(), text(&media.search_text));
    record.insert("startDate".into(), number(media.start_date));
    record.insert("endDate".into(), number(media.end_date));
    record.insert("conversionQuality".into(), number(media.conversion_profile));
    record.insert("creditUrl".into(), text(&media.credit_url));
    record.insert("creditUserName".into(), text(&media.credit_name));
    record.insert("flavorParamsId".into(), text(&media.flavor_ids));
    record.insert("mediaDate".into(), number(media.media_date));
    record.insert("partner_id".into(), number(media.account_id));
    record.insert("user_id".into(), text(&media.owner));
    record
}

/// One `get_excel` row: the `fields` of [`entry_record`], numbers as
/// numbers and text as text.
pub(crate) fn entry_row(instance: InstanceId, media: &Entry, fields: &[&str]) -> Vec<Cell> {
    let record = entry_record(instance, media);
    fields
        .iter()
        .map(|field| match record.get(*field) {
            Some(Value::Number(n)) => Cell::Number(n.as_f64().unwrap_or_default()),
            Some(Value::String(s)) => Cell::Text(s.clone()),
            _ => Cell::Empty,
        })
        .collect()
}

/// A thumbnail as `thumbnail_list` shows it, with `url`.
fn thumbnail_record(thumb: &Thumbnail) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert("id".into(), Value::String(thumb.id.clone()));
    record.insert("width".into(), number(thumb.width));
    record.insert("height".into(), number(thumb.height));
    record.insert("size".into(), number(thumb.size));
    record.insert("created_at".into(), number(thumb.created));
    record.insert("default".into(), Value::Bool(thumb.is_default));
    record.insert(
        "status".into(),
        Value::String(asset_status_name(thumb.status).into()),
    );
    record.insert("url".into(), Value::String(thumb.url.clone()));
    record
}

/// `get_thumbnail_url`'s answer, without `success`: the default
/// thumbnail's record when there is one, and `imageUrl`.
pub(crate) fn default_thumbnail(found: &DefaultThumbnail) -> Map<String, Value> {
    let mut answer = Map::new();
    if let Some(thumb) = &found.thumbnail {
        answer.extend(thumbnail_record(thumb));
    }
    answer.insert("imageUrl".into(), Value::String(found.url.clone()));
    answer
}

/// The legacy name of a thumbnail's or caption's status (`thumbnail_list`,
/// `list_captions`): `ERROR`, `QUEUED`, `READY`, `DELETED`, `IMPORTING`, else
/// `UNKNOWN`.
pub(crate) fn asset_status_name(status: AssetStatus) -> &'static str {
    match status {
        AssetStatus::Error => "ERROR",
        AssetStatus::Queued => "QUEUED",
        AssetStatus::Ready => "READY",
        AssetStatus::Deleted => "DELETED",
        AssetStatus::Importing => "IMPORTING",
        AssetStatus::Unknown => "UNKNOWN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_records_carry_every_field_with_names_for_enums() {
        let media = Entry {
            id: "0_abc".into(),
            status: Some(EntryStatus::Ready),
            kind: Some(MediaKind::Audio),
            source: Some(MediaSource::File),
            rating: Some(3.5),
            rating_total: Some(7),
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

    #[test]
    fn statuses_without_a_legacy_name_keep_the_platforms_code() {
        assert_eq!(
            status_name(&EntryStatus::Other("virusScan".into())),
            "virusScan"
        );
        assert_eq!(status_name(&EntryStatus::Converting), "PRECONVERT");
    }

    #[test]
    fn excel_rows_keep_numbers_as_numbers_and_the_asked_order() {
        let media = Entry {
            id: "0_x".into(),
            plays: Some(4),
            ..Default::default()
        };
        let row = entry_row(InstanceId::DEFAULT, &media, &["plays", "id", "width"]);
        assert_eq!(
            row,
            vec![
                Cell::Number(4.0),
                Cell::Text("kal:1:0_x".into()),
                Cell::Empty
            ]
        );
    }

    #[test]
    fn asset_status_names_follow_the_legacy_list() {
        assert_eq!(asset_status_name(AssetStatus::Ready), "READY");
        assert_eq!(asset_status_name(AssetStatus::Error), "ERROR");
        assert_eq!(asset_status_name(AssetStatus::Queued), "QUEUED");
        assert_eq!(asset_status_name(AssetStatus::Deleted), "DELETED");
        assert_eq!(asset_status_name(AssetStatus::Importing), "IMPORTING");
        assert_eq!(asset_status_name(AssetStatus::Unknown), "UNKNOWN");
    }
}
