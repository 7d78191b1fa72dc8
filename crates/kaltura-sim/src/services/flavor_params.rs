//! `flavorParams` (kaltura-api-v3.md 7.7, 9.7): the system flavor params (partner 0) and those a partner
//! adds; add, get and list.

use super::asset_content::list_response;
use super::{Access, Action, ActionResult, Ctx};
use std::collections::BTreeMap;

use crate::store::{FlavorParams, PropertyValue, now};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, Value, field, text_property, to_bool, to_float, to_int};

const CLASS: &str = "KalturaFlavorParams";
const MAX_TEXT_LEN: usize = 1_024;
/// Most `requiredPermissions` kept.
const MAX_PERMISSIONS: usize = 100;

/// Type of a read-write property.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Str,
    Int,
    Float,
    Bool,
    Strings,
}

/// The read-write properties of `KalturaFlavorParams` (and its `KalturaAssetParams` parent) beyond those
/// with a field of their own: all are stored as given and echoed, as Kaltura does
/// (kaltura/server `api_v3/lib/types/flavorParams/KalturaFlavorParams.php`).
const MORE: &[(&str, Kind)] = &[
    ("description", Kind::Str),
    ("requiredPermissions", Kind::Strings),
    ("sourceRemoteStorageProfileId", Kind::Str),
    ("remoteStorageProfileIds", Kind::Str),
    ("mediaParserType", Kind::Str),
    ("sourceAssetParamsIds", Kind::Str),
    ("videoConstantBitrate", Kind::Int),
    ("videoBitrateTolerance", Kind::Int),
    ("frameRate", Kind::Float),
    ("gopSize", Kind::Int),
    ("conversionEngines", Kind::Str),
    ("conversionEnginesExtraParams", Kind::Str),
    ("twoPass", Kind::Bool),
    ("deinterlice", Kind::Int),
    ("rotate", Kind::Int),
    ("operators", Kind::Str),
    ("engineVersion", Kind::Int),
    ("audioChannels", Kind::Int),
    ("audioSampleRate", Kind::Int),
    ("audioResolution", Kind::Int),
    ("isGopInSec", Kind::Bool),
    ("isAvoidVideoShrinkFramesizeToSource", Kind::Bool),
    ("isAvoidVideoShrinkBitrateToSource", Kind::Bool),
    ("isVideoFrameRateForLowBrAppleHls", Kind::Bool),
    ("multiStream", Kind::Str),
    ("anamorphicPixels", Kind::Float),
    ("isAvoidForcedKeyFrames", Kind::Bool),
    ("forcedKeyFramesMode", Kind::Int),
    ("isCropIMX", Kind::Bool),
    ("optimizationPolicy", Kind::Int),
    ("maxFrameRate", Kind::Int),
    ("aspectRatioMode", Kind::Int),
    ("isEncrypted", Kind::Bool),
    ("contentAwareness", Kind::Float),
    ("chunkedEncodeMode", Kind::Int),
    ("clipOffset", Kind::Int),
    ("clipDuration", Kind::Int),
    ("watermarkData", Kind::Str),
    ("subtitlesData", Kind::Str),
];

/// Reads the [`MORE`] properties present in `input`, typed.
fn read_more(input: &Map) -> Result<BTreeMap<String, PropertyValue>, ApiError> {
    let mut more = BTreeMap::new();
    for (name, kind) in MORE {
        let value = match (kind, field(input, name)) {
            (Kind::Strings, Field::Map(items)) => PropertyValue::Strings(
                items
                    .values()
                    .take(MAX_PERMISSIONS)
                    .filter_map(|item| match item {
                        Value::Map(m) => match field(m, "value") {
                            Field::Str(v) => Some(v.chars().take(MAX_TEXT_LEN).collect()),
                            _ => None,
                        },
                        Value::Str(_) => None,
                    })
                    .collect(),
            ),
            (Kind::Str, Field::Str(_)) => PropertyValue::Str(text(input, name)?),
            (Kind::Int, Field::Str(v)) => PropertyValue::Int(to_int(v)),
            (Kind::Float, Field::Str(v)) => PropertyValue::Float(to_float(v)),
            (Kind::Bool, Field::Str(v)) => PropertyValue::Bool(to_bool(v)),
            _ => continue,
        };
        more.insert((*name).to_owned(), value);
    }
    Ok(more)
}

/// A [`MORE`] property as output: the stored value, or the type's zero value as Kaltura's defaults.
fn more_out(p: &FlavorParams, name: &str, kind: Kind) -> Out {
    match (p.more.get(name), kind) {
        (Some(PropertyValue::Str(v)), _) => Out::Str(v.clone()),
        (Some(PropertyValue::Int(v)), _) => Out::Int(*v),
        (Some(PropertyValue::Float(v)), _) => Out::Float(*v),
        (Some(PropertyValue::Bool(v)), _) => Out::Bool(*v),
        (Some(PropertyValue::Strings(values)), _) => Out::List(
            values
                .iter()
                .map(|v| {
                    Object::new("KalturaString")
                        .with("value", v.as_str())
                        .into()
                })
                .collect(),
        ),
        (None, Kind::Str) => Out::Str(String::new()),
        (None, Kind::Int) => Out::Int(0),
        (None, Kind::Float) => Out::Float(0.0),
        (None, Kind::Bool) => Out::Bool(false),
        (None, Kind::Strings) => Out::List(Vec::new()),
    }
}

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "add" => Action::new(Access::Admin, |ctx| Box::pin(add(ctx))),
        "get" => Action::new(Access::Session, |ctx| Box::pin(get(ctx))),
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        _ => return None,
    })
}

pub(super) fn render(p: &FlavorParams) -> Out {
    let mut object = Object::new(CLASS)
        .with("id", p.id)
        .with("partnerId", p.partner_id)
        .with("name", p.name.as_str())
        .with("systemName", p.system_name.as_str())
        .with("createdAt", p.created_at)
        .with("isSystemDefault", i64::from(p.is_system_default))
        .with("tags", p.tags.as_str())
        .with("videoCodec", p.video_codec.as_str())
        .with("videoBitrate", p.video_bitrate)
        .with("audioCodec", p.audio_codec.as_str())
        .with("audioBitrate", p.audio_bitrate)
        .with("width", p.width)
        .with("height", p.height)
        .with("format", p.format.as_str());
    for (name, kind) in MORE {
        object = object.with(name, more_out(p, name, *kind));
    }
    object.into()
}

/// Flavor params the partner can see: the system ones and its own.
pub(super) fn visible(d: &crate::store::Data, partner_id: i64, id: i64) -> Option<&FlavorParams> {
    d.flavor_params
        .get(&id)
        .filter(|p| p.partner_id == 0 || p.partner_id == partner_id)
}

/// A text property; empty when absent or null.
fn text(input: &Map, name: &str) -> Result<String, ApiError> {
    Ok(text_property(input, CLASS, name, MAX_TEXT_LEN)?.unwrap_or_default())
}

fn int(input: &Map, name: &str) -> i64 {
    match field(input, name) {
        Field::Str(v) => to_int(v),
        _ => 0,
    }
}

async fn add(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let input = ctx.params.req_object("flavorParams")?;
    let name = match field(input, "name") {
        Field::Str(v) if !v.is_empty() => text(input, "name")?,
        Field::Str(_) => return Err(ApiError::min_length(&format!("{CLASS}::name"), 1)),
        _ => return Err(ApiError::cannot_be_null(&format!("{CLASS}::name"))),
    };
    for read_only in ["id", "createdAt", "isSystemDefault"] {
        if matches!(field(input, read_only), Field::Str(v) if !v.is_empty()) {
            return Err(ApiError::not_updatable(&format!("{CLASS}::{read_only}")));
        }
    }
    let mut params = FlavorParams {
        id: 0,
        partner_id,
        name,
        system_name: text(input, "systemName")?,
        tags: text(input, "tags")?,
        format: text(input, "format")?,
        video_codec: text(input, "videoCodec")?,
        audio_codec: text(input, "audioCodec")?,
        video_bitrate: int(input, "videoBitrate"),
        audio_bitrate: int(input, "audioBitrate"),
        width: int(input, "width"),
        height: int(input, "height"),
        is_system_default: false,
        created_at: now(),
        more: read_more(input)?,
    };
    let params = ctx.app.store.write(|d| {
        params.id = d.next_int_id;
        d.next_int_id += 1;
        d.flavor_params.insert(params.id, params.clone());
        params
    });
    Ok(render(&params))
}

async fn get(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let raw = ctx.params.req_str("id")?;
    let id = to_int(&raw);
    ctx.app
        .store
        .read(|d| visible(d, partner_id, id).map(render))
        .ok_or_else(|| ApiError::flavor_params_not_found(&raw))
}

async fn list(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let objects: Vec<Out> = ctx.app.store.read(|d| {
        d.flavor_params
            .values()
            .filter(|p| p.partner_id == 0 || p.partner_id == partner_id)
            .map(render)
            .collect()
    });
    Ok(list_response(
        "KalturaFlavorParamsListResponse",
        objects,
        ctx.params.object("pager")?,
    ))
}
