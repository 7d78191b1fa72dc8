//! Wire objects: factories, videos, encodings, profiles, upload sessions and the [`Page`] around a list
//! of any of them.
//!
//! Decoding is tolerant, as telestream-cloud.md 3 asks: every field is optional and may be `null`, numbers
//! may come as numeric strings, unknown fields are ignored (profiles keep them, having over a hundred).
//! Field names are the wire names.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A number sent as a number or as a numeric string; `null` or `""` for none.
fn loose<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr + serde::de::DeserializeOwned,
{
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(Value::String(text)) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom(format!("expected a number, got {text:?}"))),
        Some(value) => serde_json::from_value(value)
            .map(Some)
            .map_err(de::Error::custom),
    }
}

/// A boolean sent as `true`/`false` or as the strings `"true"`/`"false"`.
fn loose_bool<'de, D>(deserializer: D) -> Result<Option<bool>, D::Error>
where
    D: Deserializer<'de>,
{
    match Option::<Value>::deserialize(deserializer)? {
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::String(text)) => Ok(match text.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }),
        _ => Ok(None),
    }
}

/// Status of a video or an encoding (telestream-cloud.md 4.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Being fetched, stored or encoded.
    Processing,
    /// Stored (a video) or encoded (an encoding). A successful video's encodings may still be running.
    Success,
    /// Failed; `error_class` and `error_message` say why.
    Fail,
    /// A value the reference does not know, kept as sent.
    Other(String),
}

impl Status {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Processing => "processing",
            Self::Success => "success",
            Self::Fail => "fail",
            Self::Other(other) => other,
        }
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match text.as_str() {
            "processing" => Self::Processing,
            "success" => Self::Success,
            "fail" => Self::Fail,
            _ => Self::Other(text),
        })
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A factory: one storage target and its profiles (4.1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Factory {
    /// The factory id.
    pub id: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Base URL of the output storage: output and screenshot URLs are this plus a file name.
    pub url: Option<String>,
    /// When it was created (`YYYY/MM/DD HH:MM:SS +ZZZZ`).
    pub created_at: Option<String>,
    /// When it last changed.
    pub updated_at: Option<String>,
}

/// A video: one uploaded or fetched source file (4.2).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Video {
    /// The video id.
    pub id: Option<String>,
    /// `processing`, `success` or `fail`.
    pub status: Option<Status>,
    /// URL the source was fetched from, if any.
    pub source_url: Option<String>,
    /// The uploaded file's name, e.g. `movie.mp4`.
    pub original_filename: Option<String>,
    /// Source extension with its dot, e.g. `.mp4`.
    pub extname: Option<String>,
    /// Storage path of the source without extension.
    pub path: Option<String>,
    /// E.g. `video/mp4`.
    pub mime_type: Option<String>,
    /// Bytes.
    #[serde(deserialize_with = "loose")]
    pub file_size: Option<u64>,
    /// Milliseconds, going by the reference's examples.
    #[serde(deserialize_with = "loose")]
    pub duration: Option<u64>,
    /// Pixels.
    #[serde(deserialize_with = "loose")]
    pub width: Option<u32>,
    /// Pixels.
    #[serde(deserialize_with = "loose")]
    pub height: Option<u32>,
    /// Frames per second.
    #[serde(deserialize_with = "loose")]
    pub fps: Option<f64>,
    /// E.g. `h264`.
    pub video_codec: Option<String>,
    /// E.g. `aac`.
    pub audio_codec: Option<String>,
    /// User data, at most 256 characters.
    pub payload: Option<String>,
    /// Why the video failed.
    pub error_class: Option<String>,
    /// Details of the failure.
    pub error_message: Option<String>,
    /// Number of encodings (Flip 3.1 only).
    #[serde(deserialize_with = "loose")]
    pub encodings_count: Option<u32>,
    /// When it was created.
    pub created_at: Option<String>,
    /// When it last changed.
    pub updated_at: Option<String>,
}

/// An encoding: one output made from one video with one profile (4.3).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Encoding {
    /// The encoding id.
    pub id: Option<String>,
    /// The video it was made from.
    pub video_id: Option<String>,
    /// The profile it follows.
    pub profile_id: Option<String>,
    /// The profile's name.
    pub profile_name: Option<String>,
    /// `processing`, `success` or `fail`.
    pub status: Option<Status>,
    /// Percent done, 0 to 100.
    #[serde(deserialize_with = "loose")]
    pub encoding_progress: Option<u8>,
    /// `""` until encoding starts.
    pub started_encoding_at: Option<String>,
    /// Output extension with its dot.
    pub extname: Option<String>,
    /// Output path without extension.
    pub path: Option<String>,
    /// Output file names relative to the factory `url`.
    pub files: Option<Vec<String>>,
    /// Screenshots, when asked for with `screenshots=true`.
    pub screenshots: Option<Vec<String>>,
    /// Pixels.
    #[serde(deserialize_with = "loose")]
    pub width: Option<u32>,
    /// Pixels.
    #[serde(deserialize_with = "loose")]
    pub height: Option<u32>,
    /// Milliseconds.
    #[serde(deserialize_with = "loose")]
    pub duration: Option<u64>,
    /// Bytes.
    #[serde(deserialize_with = "loose")]
    pub file_size: Option<u64>,
    /// E.g. `video/mp4`, `image/jpeg`.
    pub mime_type: Option<String>,
    /// Why the encoding failed.
    pub error_class: Option<String>,
    /// Details of the failure.
    pub error_message: Option<String>,
    /// When it was created.
    pub created_at: Option<String>,
    /// When it last changed.
    pub updated_at: Option<String>,
}

/// An encoding profile (4.4). Profiles have over a hundred options: the common ones are fields, every
/// other one is kept in `options`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Profile {
    /// The profile id.
    pub id: Option<String>,
    /// Unique machine name, usable instead of the id.
    pub name: Option<String>,
    /// Human title.
    pub title: Option<String>,
    /// E.g. `h264`, `webm`, `thumbnail`.
    pub preset_name: Option<String>,
    /// Output extension, e.g. `.mp4`.
    pub extname: Option<String>,
    /// Pixels.
    #[serde(deserialize_with = "loose")]
    pub width: Option<u32>,
    /// Pixels.
    #[serde(deserialize_with = "loose")]
    pub height: Option<u32>,
    /// Screenshots per encoding (default 7 on the platform).
    #[serde(deserialize_with = "loose")]
    pub frame_count: Option<u32>,
    /// For the `thumbnail` preset: where to take frames, e.g. `"2s, 10s, 250f"`.
    pub frame_offsets: Option<String>,
    /// Whether smaller sources are scaled up.
    #[serde(deserialize_with = "loose_bool")]
    pub upscale: Option<bool>,
    /// When it was created.
    pub created_at: Option<String>,
    /// When it last changed.
    pub updated_at: Option<String>,
    /// Every other option, as sent.
    #[serde(flatten)]
    pub options: Map<String, Value>,
}

/// A video to create from a URL the platform fetches (`POST /videos.json`, 4.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewVideo {
    /// The file to fetch. Required.
    pub source_url: String,
    /// Profile names or ids to encode with; `None` means the factory's default set, `["none"]` none yet.
    #[serde(
        serialize_with = "comma_joined",
        skip_serializing_if = "Option::is_none"
    )]
    pub profiles: Option<Vec<String>>,
    /// Output path template without extension (must contain `:id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_format: Option<String>,
    /// Free user data, at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

/// Which profile an encoding follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileRef {
    /// By id (`profile_id`).
    Id(String),
    /// By name (`profile_name`).
    Name(String),
}

/// A profile to create (`POST /profiles.json`, 4.4): a preset and its options, or a `command`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewProfile {
    /// Unique machine name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Preset, e.g. `h264` or `thumbnail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset_name: Option<String>,
    /// Any other option by its wire name (`frame_offsets`, `width`, `extname`, …).
    #[serde(flatten)]
    pub options: Map<String, Value>,
}

/// Filters of a video list (4.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VideoQuery {
    /// Page number, from 1. The platform's default is 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, at most 100 (the platform's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Only videos with this status (v3.0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// Filters of an encoding list (4.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EncodingQuery {
    /// Page number, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, at most 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Only encodings with this status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Only encodings of this profile name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_name: Option<String>,
    /// Whether to list each encoding's screenshots.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub screenshots: bool,
}

/// One page of a list, whatever the generation: v3.0 answers a bare JSON array, Flip 3.1 wraps it as
/// `{<collection>: [...], page, per_page, total}` (3, "Pagination"), the collection named by [`Listed`].
/// So `page`, `per_page` and `total` are only known on Flip 3.1.
///
/// Decodes with serde from either shape; an object without its collection is refused, so an answer of the
/// wrong kind does not pass as an empty page.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The page number, when the platform said.
    pub page: Option<u32>,
    /// The page size, when the platform said.
    pub per_page: Option<u32>,
    /// Items in all pages, when the platform said.
    pub total: Option<u64>,
}

/// A resource that comes in pages: names the field a Flip 3.1 list wraps its items in.
pub trait Listed: DeserializeOwned {
    /// The wrapping field of a Flip 3.1 list, e.g. `videos`.
    const COLLECTION: &'static str;
}

impl Listed for Factory {
    const COLLECTION: &'static str = "factories";
}

impl Listed for Video {
    const COLLECTION: &'static str = "videos";
}

impl Listed for Encoding {
    const COLLECTION: &'static str = "encodings";
}

impl Listed for Profile {
    const COLLECTION: &'static str = "profiles";
}

/// The wrapper of a Flip 3.1 list, before its collection is picked out.
#[derive(Deserialize)]
struct Wrapped {
    #[serde(default, deserialize_with = "loose")]
    page: Option<u32>,
    #[serde(default, deserialize_with = "loose")]
    per_page: Option<u32>,
    #[serde(default, deserialize_with = "loose")]
    total: Option<u64>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

impl<'de, T: Listed> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = |value: Value| match value {
            // A wrapper may say `null` for an empty collection, as any field may be (3).
            Value::Null => Ok(Vec::new()),
            value => serde_json::from_value::<Vec<T>>(value).map_err(de::Error::custom),
        };
        match Value::deserialize(deserializer)? {
            bare @ Value::Array(_) => Ok(Self {
                items: items(bare)?,
                page: None,
                per_page: None,
                total: None,
            }),
            object @ Value::Object(_) => {
                let mut wrapped: Wrapped =
                    serde_json::from_value(object).map_err(de::Error::custom)?;
                let Some(collection) = wrapped.rest.remove(T::COLLECTION) else {
                    return Err(de::Error::custom(format!(
                        "expected a list of {0}: an array or an object with {0:?}",
                        T::COLLECTION
                    )));
                };
                Ok(Self {
                    items: items(collection)?,
                    page: wrapped.page,
                    per_page: wrapped.per_page,
                    total: wrapped.total,
                })
            }
            _ => Err(de::Error::custom(format!(
                "expected a list of {}: an array or an object",
                T::COLLECTION
            ))),
        }
    }
}

/// `["a", "b"]` as `"a,b"`, the form every SDK sends profile lists in (2.1).
fn comma_joined<S: serde::Serializer>(
    items: &Option<Vec<String>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match items {
        Some(items) => serializer.serialize_str(&items.join(",")),
        None => serializer.serialize_none(),
    }
}

/// An upload session as created by `POST /videos/upload.json` (5.2). Counts come as strings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct UploadSession {
    /// Absolute URL, usually on another host, that takes the parts.
    pub(crate) location: String,
    /// Number of parts.
    #[serde(deserialize_with = "loose")]
    pub(crate) parts: Option<u64>,
    /// Bytes per part (the last one is shorter).
    #[serde(deserialize_with = "loose")]
    pub(crate) part_size: Option<u64>,
    /// Parts the server takes at the same time.
    #[serde(deserialize_with = "loose")]
    pub(crate) max_connections: Option<u64>,
}

/// Answer of an upload session's status `GET` (5.3).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct MissingParts {
    pub(crate) missing_parts: Vec<u64>,
}

/// The `params` of a call from a serializable value: a JSON object, `null` fields left out.
pub(crate) fn to_params(value: &impl Serialize) -> Result<Map<String, Value>, serde_json::Error> {
    match serde_json::to_value(value)? {
        Value::Object(map) => Ok(map.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        _ => Err(serde::ser::Error::custom("parameters must be an object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_may_come_as_strings_or_null_and_unknown_fields_are_ignored() {
        let video: Video = serde_json::from_value(json!({
            "id": "v1", "status": "success", "file_size": "805301", "duration": 14014,
            "width": null, "fps": "29.97", "height": "", "brand_new_field": [1, 2]
        }))
        .unwrap();
        assert_eq!(video.id.as_deref(), Some("v1"));
        assert_eq!(video.status, Some(Status::Success));
        assert_eq!(video.file_size, Some(805_301));
        assert_eq!(video.duration, Some(14_014));
        assert_eq!((video.width, video.height), (None, None));
        assert_eq!(video.fps, Some(29.97));
    }

    #[test]
    fn an_unknown_status_is_kept_as_sent() {
        let encoding: Encoding =
            serde_json::from_value(json!({"status": "queued", "encoding_progress": "40"})).unwrap();
        assert_eq!(encoding.status, Some(Status::Other("queued".into())));
        assert_eq!(encoding.encoding_progress, Some(40));
    }

    fn page<T: Listed>(value: Value) -> Result<Page<T>, serde_json::Error> {
        serde_json::from_value(value)
    }

    #[test]
    fn a_v3_bare_array_is_a_page_without_counts() {
        let bare: Page<Video> = page(json!([{"id": "a"}, {"id": "b"}])).unwrap();
        let ids: Vec<_> = bare.items.iter().map(|v| v.id.as_deref()).collect();
        assert_eq!(ids, [Some("a"), Some("b")]);
        assert_eq!((bare.page, bare.per_page, bare.total), (None, None, None));
    }

    #[test]
    fn a_flip_wrapped_list_is_a_page_with_its_counts_even_as_strings() {
        let wrapped: Page<Video> = page(json!({
            "videos": [{"id": "a"}], "page": 2, "per_page": "1", "total": 7
        }))
        .unwrap();
        assert_eq!(
            (
                wrapped.items.len(),
                wrapped.page,
                wrapped.per_page,
                wrapped.total
            ),
            (1, Some(2), Some(1), Some(7))
        );
    }

    #[test]
    fn every_listed_resource_is_unwrapped_from_its_own_collection() {
        let factories: Page<Factory> = page(json!({"factories": [{"id": "f"}]})).unwrap();
        let encodings: Page<Encoding> = page(json!({"encodings": [{"id": "e"}]})).unwrap();
        let profiles: Page<Profile> = page(json!({"profiles": [{"id": "p"}]})).unwrap();
        assert_eq!(factories.items[0].id.as_deref(), Some("f"));
        assert_eq!(encodings.items[0].id.as_deref(), Some("e"));
        assert_eq!(profiles.items[0].id.as_deref(), Some("p"));
    }

    #[test]
    fn a_wrapper_without_its_collection_is_refused_naming_it() {
        let error = page::<Video>(json!({"encodings": [], "total": 0})).unwrap_err();
        assert!(error.to_string().contains("\"videos\""), "{error}");
        assert!(page::<Video>(json!("videos")).is_err());
    }

    #[test]
    fn a_null_collection_is_an_empty_page() {
        let empty: Page<Profile> = page(json!({"profiles": null, "total": "0"})).unwrap();
        assert!(empty.items.is_empty());
        assert_eq!(empty.total, Some(0));
    }

    #[test]
    fn a_malformed_item_fails_the_page() {
        assert!(page::<Video>(json!([{"id": "a"}, 3])).is_err());
        assert!(page::<Video>(json!({"videos": [{"width": "wide"}]})).is_err());
    }

    #[test]
    fn profiles_keep_every_option_they_do_not_name() {
        let profile: Profile = serde_json::from_value(json!({
            "id": "p1", "name": "thumbs", "preset_name": "thumbnail", "frame_count": "3",
            "upscale": "true", "h264_crf": 23, "aspect_mode": "letterbox"
        }))
        .unwrap();
        assert_eq!(profile.frame_count, Some(3));
        assert_eq!(profile.upscale, Some(true));
        assert_eq!(profile.options.get("h264_crf"), Some(&json!(23)));
        assert_eq!(
            profile.options.get("aspect_mode"),
            Some(&json!("letterbox"))
        );
    }

    #[test]
    fn a_new_video_sends_profiles_comma_joined_and_leaves_out_what_is_unset() {
        let video = NewVideo {
            source_url: "https://example.com/a.mp4".into(),
            profiles: Some(vec!["h264".into(), "webm".into()]),
            ..NewVideo::default()
        };
        assert_eq!(
            Value::Object(to_params(&video).unwrap()),
            json!({"source_url": "https://example.com/a.mp4", "profiles": "h264,webm"})
        );
    }

    #[test]
    fn session_counts_sent_as_strings_are_numbers() {
        let session: UploadSession = serde_json::from_value(json!({
            "id": "s", "location": "http://up/upload/session?id=s",
            "parts": "12", "part_size": "5242880", "max_connections": "8"
        }))
        .unwrap();
        assert_eq!(
            (session.parts, session.part_size, session.max_connections),
            (Some(12), Some(5_242_880), Some(8))
        );
    }
}
