//! `thumbAsset` (kaltura-api-v3.md 7.5, 9.5, 13.2): thumbnail assets of an entry, the default thumbnail
//! (tag `default_thumb`), content from uploads, upload tokens and URLs (downloaded during the call), and
//! `generate`. Frames cannot be captured without native codecs, so `generate` stores the frame marker drawn
//! by [`crate::thumbnails`].

use super::asset_content::{self, AssetFilter, Resource, list_response, read_resource};
use super::upload_token::{self, TokenContent};
use super::{Access, Action, ActionResult, Ctx};
use crate::state::AppState;
use crate::storage;
use crate::store::{Entry, StoredFile, ThumbAsset, entry_status, media_type, now};
use crate::thumbnails::{
    DEFAULT_OFFSET_MS, has_default_tag, make_default_in, new_thumb, render_frame,
    thumb_status as status,
};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, field, refuse_read_only, text_property, to_float, to_int};
use sim_support::imaging::{self, ThumbnailSpec};

const CLASS: &str = "KalturaThumbAsset";
/// Longest `tags`, `partnerData` and `partnerDescription` accepted.
const MAX_TEXT_LEN: usize = 4_096;

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "add" => Action::new(Access::Session, |ctx| Box::pin(add(ctx))),
        "setcontent" => Action::new(Access::Session, |ctx| Box::pin(set_content(ctx))),
        "addfromimage" => Action::new(Access::Session, |ctx| Box::pin(add_from_image(ctx))),
        "addfromurl" => Action::new(Access::Session, |ctx| Box::pin(add_from_url(ctx))),
        "get" => Action::new(Access::Session, |ctx| Box::pin(get(ctx))),
        "update" => Action::new(Access::Session, |ctx| Box::pin(update(ctx))),
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        "setasdefault" => Action::new(Access::Session, |ctx| Box::pin(set_as_default(ctx))),
        "delete" => Action::new(Access::Admin, |ctx| Box::pin(delete(ctx))),
        "geturl" => Action::new(Access::Session, |ctx| Box::pin(get_url(ctx))),
        "generate" => Action::new(Access::Session, |ctx| Box::pin(generate(ctx))),
        _ => return None,
    })
}

/// Renders a thumbnail asset with every field of `KalturaThumbAsset`.
fn render(t: &ThumbAsset) -> Out {
    let size = t.content.as_ref().map(|c| c.size as i64);
    Object::new(CLASS)
        .with("id", t.id.as_str())
        .with("entryId", t.entry_id.as_str())
        .with("partnerId", t.partner_id)
        .with("version", t.version)
        .with("size", size)
        .with("tags", t.tags.as_str())
        .with("fileExt", t.file_ext.clone())
        .with("createdAt", t.created_at)
        .with("updatedAt", t.updated_at)
        .with("deletedAt", Out::Null)
        .with("description", t.description.as_str())
        .with("partnerData", t.partner_data.as_str())
        .with("partnerDescription", t.partner_description.as_str())
        .with("actualSourceAssetParamsIds", Out::Null)
        .with("sizeInBytes", size)
        .with("thumbParamsId", t.thumb_params_id)
        .with("width", t.width)
        .with("height", t.height)
        .with("status", t.status)
        .into()
}

/// An entry of the caller's partner that may hold thumbnails; else `ENTRY_ID_NOT_FOUND`.
fn load_entry(ctx: &Ctx, entry_id: &str) -> Result<Entry, ApiError> {
    let entry = super::media::load_entry(ctx, entry_id)?;
    let thumbable = entry.entry_type != "1"
        || matches!(
            entry.media_type,
            None | Some(1 | 2 | 5 | 201 | 202 | 203 | 204)
        );
    if thumbable {
        Ok(entry)
    } else {
        Err(ApiError::entry_not_found(entry_id))
    }
}

/// A live thumbnail asset of the caller's partner; else `THUMB_ASSET_ID_NOT_FOUND`.
fn load_thumb(ctx: &Ctx, id: &str) -> Result<ThumbAsset, ApiError> {
    let partner_id = ctx.partner_id()?;
    ctx.app
        .store
        .read(|d| d.thumb_assets.get(id).cloned())
        .filter(|t| t.partner_id == partner_id && t.status != status::DELETED)
        .ok_or_else(|| ApiError::thumb_asset_not_found(id))
}

/// Reads a text property of the input object, bounded and XML-safe.
fn text(input: &Map, name: &str) -> Result<Option<String>, ApiError> {
    text_property(input, CLASS, name, MAX_TEXT_LEN)
}

/// Refuses read-only properties on insert and update (kaltura-api-v3.md 6.2).
fn check_read_only(input: &Map) -> Result<(), ApiError> {
    const READ_ONLY: &[&str] = &[
        "id",
        "entryId",
        "partnerId",
        "version",
        "size",
        "createdAt",
        "updatedAt",
        "deletedAt",
        "description",
        "sizeInBytes",
        "width",
        "height",
        "status",
    ];
    refuse_read_only(input, CLASS, READ_ONLY)
}

async fn add(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let input = ctx.params.req_object("thumbAsset")?;
    let entry = load_entry(&ctx, &entry_id)?;
    ctx.check_owner(&entry.user_id, &entry_id)?;
    check_read_only(input)?;
    let mut thumb = new_thumb(&entry, text(input, "tags")?.unwrap_or_default());
    thumb.file_ext = text(input, "fileExt")?.filter(|e| !e.is_empty());
    thumb.partner_data = text(input, "partnerData")?.unwrap_or_default();
    thumb.partner_description = text(input, "partnerDescription")?.unwrap_or_default();
    if let Field::Str(p) = field(input, "thumbParamsId") {
        thumb.thumb_params_id = to_int(p);
    }
    let thumb = ctx.app.store.write(|d| {
        if thumb.thumb_params_id != 0
            && let Some(existing) = d.thumb_assets.values().find(|t| {
                t.entry_id == entry_id
                    && t.status != status::DELETED
                    && t.thumb_params_id == thumb.thumb_params_id
            })
        {
            return Err(ApiError::thumb_asset_already_exists(
                &existing.id,
                thumb.thumb_params_id,
            ));
        }
        d.thumb_assets.insert(thumb.id.clone(), thumb.clone());
        Ok(thumb)
    })?;
    Ok(render(&thumb))
}

async fn set_content(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("id")?;
    let thumb = load_thumb(&ctx, &id)?;
    let entry = load_entry(&ctx, &thumb.entry_id)?;
    ctx.check_owner(&entry.user_id, &entry.id)?;
    match read_resource(ctx.params.object("contentResource")?)? {
        Resource::Token(token) => match upload_token::take_content(&ctx, &token, None)? {
            TokenContent::Ready { path, file_name } => {
                attach(&ctx.app, &id, &path, &file_name).await?
            }
            // Attaching a token whose upload is not finished is not modelled: callers upload first.
            TokenContent::Pending => {
                return Err(ApiError::upload_token_invalid_status_for_add_entry());
            }
        },
        Resource::Url(url) => attach_url(&ctx.app, &id, &url).await?,
        Resource::Text(_) => {
            return Err(ApiError::resource_type_not_supported(
                "KalturaStringResource",
            ));
        }
    }
    Ok(render(&load_thumb(&ctx, &id)?))
}

async fn add_from_image(mut ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let file = ctx.take_file("fileData")?;
    let entry = load_entry(&ctx, &entry_id)?;
    ctx.check_owner(&entry.user_id, &entry_id)?;
    let thumb = new_thumb(&entry, String::new());
    let id = thumb.id.clone();
    ctx.app
        .store
        .write(|d| d.thumb_assets.insert(id.clone(), thumb));
    attach(&ctx.app, &id, &file.path, &file.file_name).await?;
    Ok(render(&load_thumb(&ctx, &id)?))
}

async fn add_from_url(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let url = ctx.params.req_str("url")?;
    let entry = load_entry(&ctx, &entry_id)?;
    ctx.check_owner(&entry.user_id, &entry_id)?;
    let thumb = new_thumb(&entry, String::new());
    let id = thumb.id.clone();
    ctx.app
        .store
        .write(|d| d.thumb_assets.insert(id.clone(), thumb));
    attach_url(&ctx.app, &id, &url).await?;
    Ok(render(&load_thumb(&ctx, &id)?))
}

/// Downloads `url` during the call; on failure the asset is left in ERROR and the call fails with
/// `THUMB_ASSET_DOWNLOAD_FAILED` (kaltura-api-v3.md 13.2).
async fn attach_url(app: &AppState, id: &str, url: &str) -> Result<(), ApiError> {
    match asset_content::fetch(app, url).await {
        Ok((temp, file_name)) => attach(app, id, &temp, &file_name).await,
        Err(reason) => {
            tracing::info!(asset = id, %reason, "thumbnail download failed");
            app.store.write(|d| {
                if let Some(t) = d.thumb_assets.get_mut(id) {
                    t.status = status::ERROR;
                    t.description = format!("Failed downloading file[{url}]");
                    t.updated_at = now();
                }
            });
            Err(ApiError::thumb_asset_download_failed(url))
        }
    }
}

/// Stores an image file as the asset's new content: READY with its width and height, version bumped;
/// becomes the default when tagged so.
async fn attach(
    app: &AppState,
    id: &str,
    source: &std::path::Path,
    file_name: &str,
) -> Result<(), ApiError> {
    let probe_source = source.to_path_buf();
    let facts = tokio::task::spawn_blocking(move || media_probe::probe_path(&probe_source))
        .await
        .unwrap_or_default();
    let ext = facts.format.map_or_else(
        || asset_content::file_ext(file_name, "jpg"),
        |f| f.extension().to_owned(),
    );
    let version = app
        .store
        .read(|d| d.thumb_assets.get(id).map_or(1, |t| t.version + 1));
    let stored = storage::store_file(app, id, version, source, file_name, &ext).await?;
    finish_content(app, id, stored, ext, version, (facts.width, facts.height));
    Ok(())
}

fn finish_content(
    app: &AppState,
    id: &str,
    stored: StoredFile,
    ext: String,
    version: i64,
    size: (Option<u32>, Option<u32>),
) {
    app.store.write(|d| {
        let Some(t) = d.thumb_assets.get_mut(id) else {
            return;
        };
        t.content = Some(stored);
        t.file_ext = Some(ext);
        t.version = version;
        t.width = size.0.map(i64::from);
        t.height = size.1.map(i64::from);
        t.status = status::READY;
        t.description = String::new();
        t.updated_at = now();
        let make_default = has_default_tag(&t.tags);
        let (entry_id, thumb_id) = (t.entry_id.clone(), t.id.clone());
        if make_default {
            make_default_in(d, &entry_id, &thumb_id);
        }
    });
}

async fn get(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("thumbAssetId")?;
    Ok(render(&load_thumb(&ctx, &id)?))
}

async fn update(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("id")?;
    let input = ctx.params.req_object("thumbAsset")?;
    let thumb = load_thumb(&ctx, &id)?;
    let entry = load_entry(&ctx, &thumb.entry_id)?;
    ctx.check_owner(&entry.user_id, &entry.id)?;
    check_read_only(input)?;
    if let Field::Str(p) = field(input, "thumbParamsId")
        && to_int(p) != thumb.thumb_params_id
    {
        return Err(ApiError::not_updatable(&format!("{CLASS}::thumbParamsId")));
    }
    let (tags, data, description) = (
        text(input, "tags")?,
        text(input, "partnerData")?,
        text(input, "partnerDescription")?,
    );
    ctx.app.store.write(|d| {
        let Some(t) = d.thumb_assets.get_mut(&id) else {
            return;
        };
        if let Some(tags) = tags {
            t.tags = tags;
        }
        if let Some(v) = data {
            t.partner_data = v;
        }
        if let Some(v) = description {
            t.partner_description = v;
        }
        t.updated_at = now();
        if has_default_tag(&t.tags) && !t.is_default {
            let entry_id = t.entry_id.clone();
            make_default_in(d, &entry_id, &id);
        }
    });
    Ok(render(&load_thumb(&ctx, &id)?))
}

async fn list(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let filter = AssetFilter::new(ctx.params.object("filter")?, "KalturaThumbAssetFilter")?;
    let params_id = filter.value("thumbParamsIdEqual").map(to_int);
    let mut thumbs: Vec<ThumbAsset> = ctx.app.store.read(|d| {
        d.thumb_assets
            .values()
            .filter(|t| {
                t.partner_id == partner_id && filter.matches(&t.id, &t.entry_id, t.status, &t.tags)
            })
            .filter(|t| params_id.is_none_or(|p| p == t.thumb_params_id))
            .cloned()
            .collect()
    });
    filter.sort(&mut thumbs, |t, key| match key {
        "updatedAt" => t.updated_at,
        "size" => t.content.as_ref().map_or(0, |c| c.size as i64),
        _ => t.created_at,
    });
    let objects = thumbs.iter().map(render).collect();
    Ok(list_response(
        "KalturaThumbAssetListResponse",
        objects,
        ctx.params.object("pager")?,
    ))
}

async fn set_as_default(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("thumbAssetId")?;
    let thumb = load_thumb(&ctx, &id)?;
    let entry = load_entry(&ctx, &thumb.entry_id)?;
    ctx.check_owner(&entry.user_id, &entry.id)?;
    ctx.app
        .store
        .write(|d| make_default_in(d, &thumb.entry_id, &id));
    Ok(Out::Null)
}

async fn delete(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("thumbAssetId")?;
    let thumb = load_thumb(&ctx, &id)?;
    if has_default_tag(&thumb.tags) {
        return Err(ApiError::thumb_asset_is_default(&id));
    }
    let removed = ctx.app.store.write(|d| {
        let t = d.thumb_assets.get_mut(&id)?;
        t.status = status::DELETED;
        t.updated_at = now();
        t.content.take()
    });
    if let Some(file) = removed {
        let _ = tokio::fs::remove_file(ctx.app.store.file_path(&file.path)).await;
    }
    Ok(Out::Null)
}

async fn get_url(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("id")?;
    let thumb = load_thumb(&ctx, &id)?;
    if thumb.status != status::READY {
        return Err(ApiError::thumb_asset_is_not_ready());
    }
    Ok(Out::Str(download_url(
        &ctx.app.config.base_url,
        thumb.partner_id,
        &thumb.entry_id,
        &thumb.id,
    )))
}

/// The `download` URL of an asset (kaltura-api-v3.md 14.3).
pub(super) fn download_url(
    base_url: &str,
    partner_id: i64,
    entry_id: &str,
    asset_id: &str,
) -> String {
    format!(
        "{base_url}/p/{partner_id}/sp/{partner_id}00/download/entry_id/{entry_id}/flavor/{asset_id}"
    )
}

/// The validated `KalturaThumbParams` of `generate`.
struct GenerateParams {
    offset_ms: Option<u64>,
    offset_percent: Option<u64>,
    spec: ThumbnailSpec,
    tags: String,
    params_id: i64,
}

fn read_thumb_params(input: &Map) -> Result<GenerateParams, ApiError> {
    let int = |name: &str, min: i64, max: i64| -> Result<Option<i64>, ApiError> {
        let Field::Str(raw) = field(input, name) else {
            return Ok(None);
        };
        if raw.is_empty() {
            return Ok(None);
        }
        let v = to_int(raw);
        let prop = format!("KalturaThumbParams::{name}");
        if v < min {
            return Err(ApiError::min_value(&prop, min));
        }
        if v > max {
            return Err(ApiError::max_value(&prop, max));
        }
        Ok(Some(v))
    };
    let quality = int("quality", 20, 100)?;
    let width = int("width", 0, 10_000)?.unwrap_or(0);
    let height = int("height", 0, 10_000)?.unwrap_or(0);
    let crop = int("cropType", 1, 5)?
        .and_then(crate::thumbnails::crop_type)
        .unwrap_or_default();
    let offset_percent = int("videoOffsetInPercentage", 0, 100)?;
    let offset_ms = match field(input, "videoOffset") {
        Field::Str(raw) if !raw.is_empty() => {
            let seconds = to_float(raw);
            if seconds.is_nan() || seconds < 0.0 {
                return Err(ApiError::min_value("KalturaThumbParams::videoOffset", 0));
            }
            Some((seconds.min(1e9) * 1000.0).round() as u64)
        }
        _ => None,
    };
    let background = match field(input, "backgroundColor") {
        Field::Str(v) if !v.is_empty() => imaging::parse_background(v)
            .ok_or_else(|| ApiError::wrong_format("KalturaThumbParams::backgroundColor", "hex"))?,
        _ => [0, 0, 0],
    };
    Ok(GenerateParams {
        offset_ms,
        offset_percent: offset_percent.and_then(|p| u64::try_from(p).ok()),
        spec: ThumbnailSpec {
            width: u32::try_from(width).unwrap_or(0),
            height: u32::try_from(height).unwrap_or(0),
            crop,
            background,
            quality: quality.and_then(|q| u8::try_from(q).ok()).unwrap_or(0),
            source_rect: None,
        },
        tags: text(input, "tags")?.unwrap_or_default(),
        params_id: match field(input, "id") {
            Field::Str(v) => to_int(v),
            _ => 0,
        },
    })
}

async fn generate(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let input = ctx.params.req_object("thumbParams")?;
    let entry = super::media::load_entry(&ctx, &entry_id)?;
    if entry.entry_type != "1" {
        return Err(ApiError::entry_type_not_supported(&entry.entry_type));
    }
    if entry.media_type != Some(media_type::VIDEO) {
        let media = entry.media_type.map(|m| m.to_string()).unwrap_or_default();
        return Err(ApiError::entry_media_type_not_supported(&media));
    }
    if !matches!(
        entry.status,
        entry_status::ERROR_CONVERTING | entry_status::PRECONVERT | entry_status::READY
    ) {
        return Err(ApiError::invalid_entry_status());
    }
    ctx.check_owner(&entry.user_id, &entry_id)?;
    let params = read_thumb_params(input)?;
    if entry.content.is_none() {
        return Err(ApiError::flavor_asset_is_not_ready());
    }
    let duration = u64::try_from(entry.ms_duration.unwrap_or(0)).unwrap_or(0);
    let offset = match (params.offset_ms, params.offset_percent) {
        (Some(ms), _) => ms,
        (None, Some(p)) => duration * p / 100,
        (None, None) => DEFAULT_OFFSET_MS,
    }
    .min(duration);
    let jpeg = render_frame(&entry, offset, duration, params.spec).await?;
    let mut thumb = new_thumb(&entry, params.tags);
    thumb.thumb_params_id = params.params_id;
    let id = thumb.id.clone();
    ctx.app
        .store
        .write(|d| d.thumb_assets.insert(id.clone(), thumb));
    let stored =
        storage::store_bytes(&ctx.app, &id, 1, &jpeg.bytes, "generated.jpg", "jpg").await?;
    finish_content(
        &ctx.app,
        &id,
        stored,
        "jpg".to_owned(),
        1,
        (Some(jpeg.width), Some(jpeg.height)),
    );
    Ok(render(&load_thumb(&ctx, &id)?))
}
