//! `caption_captionAsset` (kaltura-api-v3.md 7.6, 9.6, 13.3): caption assets of video and audio entries.
//! Content from upload tokens and inline text is stored during the call (READY at return); content from a
//! URL is imported in the background (IMPORTING, then READY or ERROR), bounded in time and size.

use super::asset_content::{self, AssetFilter, Resource, list_response, read_resource};
use super::caption_language::language_code;
use super::upload_token::{self, TokenContent};
use super::{Access, Action, ActionResult, Ctx};
use crate::state::AppState;
use crate::storage;
use crate::store::{CaptionAsset, Entry, media_type, new_object_id, now};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, field, refuse_read_only, text_property, to_bool, to_int};

const CLASS: &str = "KalturaCaptionAsset";
/// Longest free-text property accepted.
const MAX_TEXT_LEN: usize = 4_096;

/// `KalturaCaptionAssetStatus` values.
mod status {
    pub(super) const ERROR: i64 = -1;
    pub(super) const QUEUED: i64 = 0;
    pub(super) const READY: i64 = 2;
    pub(super) const DELETED: i64 = 3;
    pub(super) const IMPORTING: i64 = 7;
}

/// `KalturaCaptionType` values and the file extension of each.
const FORMATS: &[(&str, &str)] = &[
    ("1", "srt"),
    ("2", "dfxp"),
    ("3", "vtt"),
    ("4", "cap"),
    ("5", "scc"),
];

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "add" => Action::new(Access::Admin, |ctx| Box::pin(add(ctx))),
        "setcontent" => Action::new(Access::Admin, |ctx| Box::pin(set_content(ctx))),
        "get" => Action::new(Access::Session, |ctx| Box::pin(get(ctx))),
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        "update" => Action::new(Access::Admin, |ctx| Box::pin(update(ctx))),
        "setasdefault" => Action::new(Access::Admin, |ctx| Box::pin(set_as_default(ctx))),
        "delete" => Action::new(Access::Admin, |ctx| Box::pin(delete(ctx))),
        "geturl" => Action::new(Access::Session, |ctx| Box::pin(get_url(ctx))),
        _ => return None,
    })
}

fn render(c: &CaptionAsset) -> Out {
    let size = c.content.as_ref().map(|f| f.size as i64);
    let code = c.language.as_deref().and_then(language_code).unwrap_or("");
    Object::new(CLASS)
        .with("id", c.id.as_str())
        .with("entryId", c.entry_id.as_str())
        .with("partnerId", c.partner_id)
        .with("version", c.version)
        .with("size", size)
        .with("tags", c.tags.as_str())
        .with("fileExt", c.file_ext.clone())
        .with("createdAt", c.created_at)
        .with("updatedAt", c.updated_at)
        .with("deletedAt", Out::Null)
        .with("description", c.description.as_str())
        .with("partnerData", c.partner_data.as_str())
        .with("partnerDescription", c.partner_description.as_str())
        .with("actualSourceAssetParamsIds", Out::Null)
        .with("sizeInBytes", size)
        .with("captionParamsId", c.caption_params_id)
        .with("language", c.language.clone())
        .with("languageCode", code)
        .with("isDefault", c.is_default)
        .with("label", c.label.as_str())
        .with("format", c.format.clone())
        .with("source", Out::Null)
        .with("status", c.status)
        .with("parentId", Out::Null)
        .with("accuracy", c.accuracy)
        .with("displayOnPlayer", c.display_on_player)
        .with("associatedTranscriptIds", Out::Null)
        .with("usage", "0")
        .into()
}

/// A video or audio entry of the caller's partner; anything else → `ENTRY_ID_NOT_FOUND` (images cannot
/// have captions).
fn load_entry(ctx: &Ctx, entry_id: &str) -> Result<Entry, ApiError> {
    let entry = super::media::load_entry(ctx, entry_id)?;
    if entry.entry_type == "1"
        && matches!(
            entry.media_type,
            Some(media_type::VIDEO | media_type::AUDIO)
        )
    {
        Ok(entry)
    } else {
        Err(ApiError::entry_not_found(entry_id))
    }
}

fn load_caption(ctx: &Ctx, id: &str) -> Result<CaptionAsset, ApiError> {
    let partner_id = ctx.partner_id()?;
    ctx.app
        .store
        .read(|d| d.caption_assets.get(id).cloned())
        .filter(|c| c.partner_id == partner_id && c.status != status::DELETED)
        .ok_or_else(|| ApiError::caption_asset_not_found(id))
}

fn text(input: &Map, name: &str) -> Result<Option<String>, ApiError> {
    text_property(input, CLASS, name, MAX_TEXT_LEN)
}

fn language(input: &Map) -> Result<Option<String>, ApiError> {
    match text(input, "language")? {
        Some(l) if l.is_empty() => Ok(None),
        Some(l) if language_code(&l).is_some() => Ok(Some(l)),
        Some(l) => Err(ApiError::invalid_enum(&l, "language", "KalturaLanguage")),
        None => Ok(None),
    }
}

/// The properties both add and update may set.
struct Changes {
    language: Option<String>,
    label: Option<String>,
    tags: Option<String>,
    partner_data: Option<String>,
    partner_description: Option<String>,
    accuracy: Option<i64>,
    display_on_player: Option<bool>,
    is_default: Option<bool>,
}

fn read_changes(input: &Map) -> Result<Changes, ApiError> {
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
        "status",
        "languageCode",
    ];
    refuse_read_only(input, CLASS, READ_ONLY)?;
    let accuracy = match field(input, "accuracy") {
        Field::Str(v) if !v.is_empty() => {
            let a = to_int(v);
            if !(0..=100).contains(&a) {
                return Err(if a < 0 {
                    ApiError::min_value(&format!("{CLASS}::accuracy"), 0)
                } else {
                    ApiError::max_value(&format!("{CLASS}::accuracy"), 100)
                });
            }
            Some(a)
        }
        _ => None,
    };
    let flag = |name: &str| match field(input, name) {
        // KalturaNullableBoolean: -1 means "not set".
        Field::Str(v) if !v.is_empty() && to_int(v) != -1 => Some(to_bool(v)),
        _ => None,
    };
    Ok(Changes {
        language: language(input)?,
        label: text(input, "label")?,
        tags: text(input, "tags")?,
        partner_data: text(input, "partnerData")?,
        partner_description: text(input, "partnerDescription")?,
        accuracy,
        display_on_player: match field(input, "displayOnPlayer") {
            Field::Str(v) if !v.is_empty() => Some(to_bool(v)),
            _ => None,
        },
        is_default: flag("isDefault"),
    })
}

fn apply(c: &mut CaptionAsset, changes: Changes) {
    if let Some(v) = changes.language {
        c.language = Some(v);
    }
    if let Some(v) = changes.label {
        c.label = v;
    }
    if let Some(v) = changes.tags {
        c.tags = v;
    }
    if let Some(v) = changes.partner_data {
        c.partner_data = v;
    }
    if let Some(v) = changes.partner_description {
        c.partner_description = v;
    }
    if let Some(v) = changes.accuracy {
        c.accuracy = Some(v);
    }
    if let Some(v) = changes.display_on_player {
        c.display_on_player = v;
    }
}

async fn add(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let input = ctx.params.req_object("captionAsset")?;
    let entry = load_entry(&ctx, &entry_id)?;
    let format = match text(input, "format")?.filter(|f| !f.is_empty()) {
        None => "1".to_owned(),
        Some(f) if FORMATS.iter().any(|(v, _)| *v == f) => f,
        Some(f) => return Err(ApiError::invalid_enum(&f, "format", "KalturaCaptionType")),
    };
    let params_id = match field(input, "captionParamsId") {
        Field::Str(v) if !v.is_empty() => to_int(v),
        _ => 0,
    };
    let changes = read_changes(input)?;
    let t = now();
    let mut caption = CaptionAsset {
        id: new_object_id(),
        entry_id: entry.id.clone(),
        partner_id: entry.partner_id,
        caption_params_id: params_id,
        status: status::QUEUED,
        label: String::new(),
        language: None,
        format: Some(format),
        is_default: changes.is_default.unwrap_or(false),
        accuracy: None,
        file_ext: text(input, "fileExt")?.filter(|e| !e.is_empty()),
        tags: String::new(),
        version: 0,
        created_at: t,
        updated_at: t,
        content: None,
        partner_data: String::new(),
        partner_description: String::new(),
        display_on_player: true,
        description: String::new(),
    };
    apply(&mut caption, changes);
    let caption = ctx.app.store.write(|d| {
        if params_id != 0
            && let Some(existing) = d.caption_assets.values().find(|c| {
                c.entry_id == entry_id
                    && c.status != status::DELETED
                    && c.caption_params_id == params_id
            })
        {
            return Err(ApiError::caption_asset_already_exists(
                &existing.id,
                params_id,
            ));
        }
        d.caption_assets.insert(caption.id.clone(), caption.clone());
        Ok(caption)
    })?;
    Ok(render(&caption))
}

async fn set_content(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("id")?;
    let caption = load_caption(&ctx, &id)?;
    load_entry(&ctx, &caption.entry_id)?;
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
        Resource::Text(content) => {
            let ext = format_ext(caption.format.as_deref());
            let file_name = format!("caption.{ext}");
            let version = caption.version + 1;
            let stored =
                storage::store_bytes(&ctx.app, &id, version, content.as_bytes(), &file_name, ext)
                    .await?;
            mark_ready(&ctx.app, &id, stored, ext.to_owned(), version);
        }
        Resource::Url(url) => {
            ctx.app.store.write(|d| {
                if let Some(c) = d.caption_assets.get_mut(&id) {
                    c.status = status::IMPORTING;
                    c.updated_at = now();
                }
            });
            let app = ctx.app.clone();
            let asset_id = id.clone();
            tokio::spawn(async move { import(&app, &asset_id, &url).await });
        }
    }
    Ok(render(&load_caption(&ctx, &id)?))
}

/// The file extension of a caption format (SRT when unknown).
fn format_ext(format: Option<&str>) -> &'static str {
    FORMATS
        .iter()
        .find(|(v, _)| Some(*v) == format)
        .map_or("srt", |(_, ext)| ext)
}

/// Fetches a caption URL in the background: READY when stored, ERROR with a description otherwise.
async fn import(app: &AppState, id: &str, url: &str) {
    let result = match asset_content::fetch(app, url).await {
        Ok((temp, file_name)) => attach(app, id, &temp, &file_name)
            .await
            .map_err(|e| e.message),
        Err(reason) => Err(reason),
    };
    if let Err(reason) = result {
        tracing::info!(asset = id, %reason, "caption import failed");
        app.store.write(|d| {
            if let Some(c) = d.caption_assets.get_mut(id) {
                c.status = status::ERROR;
                c.description = format!("Failed downloading file[{url}]");
                c.updated_at = now();
            }
        });
    }
}

async fn attach(
    app: &AppState,
    id: &str,
    source: &std::path::Path,
    file_name: &str,
) -> Result<(), ApiError> {
    let (format, version) = app
        .store
        .read(|d| {
            d.caption_assets
                .get(id)
                .map(|c| (c.format.clone(), c.version + 1))
        })
        .ok_or_else(|| ApiError::caption_asset_not_found(id))?;
    let ext = asset_content::file_ext(file_name, format_ext(format.as_deref()));
    let stored = storage::store_file(app, id, version, source, file_name, &ext).await?;
    mark_ready(app, id, stored, ext, version);
    Ok(())
}

fn mark_ready(
    app: &AppState,
    id: &str,
    stored: crate::store::StoredFile,
    ext: String,
    version: i64,
) {
    app.store.write(|d| {
        if let Some(c) = d.caption_assets.get_mut(id) {
            c.content = Some(stored);
            c.file_ext = Some(ext);
            c.version = version;
            c.status = status::READY;
            c.description = String::new();
            c.updated_at = now();
        }
    });
}

async fn get(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("captionAssetId")?;
    Ok(render(&load_caption(&ctx, &id)?))
}

async fn list(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let filter = AssetFilter::new(ctx.params.object("filter")?, "KalturaCaptionAssetFilter")?;
    let format = filter.value("formatEqual");
    let formats_in = filter.value("formatIn");
    let params_id = filter.value("captionParamsIdEqual").map(to_int);
    let mut captions: Vec<CaptionAsset> = ctx.app.store.read(|d| {
        d.caption_assets
            .values()
            .filter(|c| {
                c.partner_id == partner_id && filter.matches(&c.id, &c.entry_id, c.status, &c.tags)
            })
            .filter(|c| format.is_none_or(|f| c.format.as_deref() == Some(f)))
            .filter(|c| {
                formats_in
                    .is_none_or(|f| f.split(',').any(|v| Some(v.trim()) == c.format.as_deref()))
            })
            .filter(|c| params_id.is_none_or(|p| p == c.caption_params_id))
            .cloned()
            .collect()
    });
    filter.sort(&mut captions, |c, key| match key {
        "updatedAt" => c.updated_at,
        "size" => c.content.as_ref().map_or(0, |f| f.size as i64),
        _ => c.created_at,
    });
    let objects = captions.iter().map(render).collect();
    Ok(list_response(
        "KalturaCaptionAssetListResponse",
        objects,
        ctx.params.object("pager")?,
    ))
}

async fn update(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("id")?;
    let input = ctx.params.req_object("captionAsset")?;
    let caption = load_caption(&ctx, &id)?;
    load_entry(&ctx, &caption.entry_id)?;
    // Insert-only properties may be re-sent unchanged, never changed (kaltura-api-v3.md 6.2).
    let insert_only = [
        ("format", caption.format.clone().unwrap_or_default()),
        ("captionParamsId", caption.caption_params_id.to_string()),
        ("fileExt", caption.file_ext.clone().unwrap_or_default()),
        ("source", String::new()),
        ("parentId", String::new()),
    ];
    for (name, stored) in insert_only {
        if let Field::Str(v) = field(input, name)
            && !v.is_empty()
            && v != stored
        {
            return Err(ApiError::not_updatable(&format!("{CLASS}::{name}")));
        }
    }
    let changes = read_changes(input)?;
    let make_default = changes.is_default == Some(true) && !caption.is_default;
    let unset_default = changes.is_default == Some(false);
    ctx.app.store.write(|d| {
        if make_default {
            set_default_in(d, &caption.entry_id, &id);
        }
        if let Some(c) = d.caption_assets.get_mut(&id) {
            apply(c, changes);
            if unset_default {
                c.is_default = false;
            }
            c.updated_at = now();
        }
    });
    Ok(render(&load_caption(&ctx, &id)?))
}

fn set_default_in(d: &mut crate::store::Data, entry_id: &str, id: &str) {
    for c in d
        .caption_assets
        .values_mut()
        .filter(|c| c.entry_id == entry_id)
    {
        c.is_default = c.id == id;
    }
}

async fn set_as_default(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("captionAssetId")?;
    let caption = load_caption(&ctx, &id)?;
    load_entry(&ctx, &caption.entry_id)?;
    ctx.app
        .store
        .write(|d| set_default_in(d, &caption.entry_id, &id));
    Ok(Out::Null)
}

async fn delete(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("captionAssetId")?;
    let caption = load_caption(&ctx, &id)?;
    load_entry(&ctx, &caption.entry_id)?;
    // A default caption can be deleted: the real server no longer checks (kaltura-api-v3.md 7.6).
    let removed = ctx.app.store.write(|d| {
        let c = d.caption_assets.get_mut(&id)?;
        c.status = status::DELETED;
        c.updated_at = now();
        c.content.take()
    });
    if let Some(file) = removed {
        let _ = tokio::fs::remove_file(ctx.app.store.file_path(&file.path)).await;
    }
    Ok(Out::Null)
}

async fn get_url(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("id")?;
    let caption = load_caption(&ctx, &id)?;
    load_entry(&ctx, &caption.entry_id)?;
    if caption.status != status::READY {
        return Err(ApiError::caption_asset_is_not_ready());
    }
    Ok(Out::Str(super::thumb_asset::download_url(
        &ctx.app.config.base_url,
        caption.partner_id,
        &caption.entry_id,
        &caption.id,
    )))
}
