//! `media`: entries with content (kaltura-api-v3.md 7.3). The entry helpers here (create, read, list, update,
//! delete) are shared with `baseEntry`.

use std::path::PathBuf;

use rand::Rng;

use super::entry_filter::{EntryFilter, page};
use super::entry_object::{self, Mode};
use super::upload_token::{self, TokenContent};
use super::{Access, Action, ActionResult, Ctx};
use crate::lifecycle;
use crate::storage;
use crate::store::{Entry, StoredFile, entry_status, extension, media_type, new_object_id, now};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, field};

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "add" => Action::new(Access::Session, |ctx| Box::pin(add(ctx))),
        "addcontent" => Action::new(Access::Session, |ctx| Box::pin(add_content(ctx))),
        "addfromuploadedfile" => {
            Action::new(Access::Session, |ctx| Box::pin(add_from_uploaded_file(ctx)))
        }
        "addfromurl" => Action::new(Access::Session, |ctx| Box::pin(add_from_url(ctx))),
        "get" => Action::new(Access::Session, |ctx| Box::pin(get(ctx))),
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        "count" => Action::new(Access::Session, |ctx| Box::pin(count(ctx))),
        "update" => Action::new(Access::Session, |ctx| Box::pin(update(ctx))),
        "delete" => Action::new(Access::Session, |ctx| Box::pin(delete(ctx))),
        "upload" => Action::new(Access::Session, |ctx| Box::pin(upload(ctx))),
        _ => return None,
    })
}

async fn add(ctx: Ctx) -> ActionResult {
    let input = ctx.params.req_object("entry")?;
    let entry = create_entry(&ctx, input, None)?;
    Ok(render(&ctx, &entry))
}

async fn add_content(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let entry = load_entry(&ctx, &entry_id)?;
    if entry.entry_type != "1" {
        return Err(ApiError::entry_not_found(&entry_id));
    }
    ctx.check_owner(&entry.user_id, &entry_id)?;
    if entry.status != entry_status::NO_CONTENT {
        return Err(ApiError::entry_already_with_content());
    }
    let resource = ctx
        .params
        .object("resource")?
        .ok_or_else(|| ApiError::object_type_abstract("KalturaResource"))?;
    let object_type = match field(resource, "objectType") {
        Field::Str(t) => t.to_owned(),
        _ => String::new(),
    };
    match object_type.as_str() {
        "KalturaUploadedFileTokenResource" => {
            let token =
                required_field(resource, "token", "KalturaUploadedFileTokenResource::token")?;
            match upload_token::take_content(&ctx, &token, Some(&entry_id))? {
                TokenContent::Ready { path, file_name } => {
                    lifecycle::attach_content(&ctx.app, &entry_id, &path, &file_name).await?;
                }
                TokenContent::Pending => {}
            }
        }
        "KalturaUrlResource" => {
            let url = required_field(resource, "url", "KalturaUrlResource::url")?;
            set_source_type(&ctx, &entry_id, "5");
            lifecycle::start_import(&ctx.app, &entry_id, &url);
        }
        ""
        | "KalturaResource"
        | "KalturaContentResource"
        | "KalturaDataCenterContentResource"
        | "KalturaGenericDataCenterContentResource" => {
            return Err(ApiError::object_type_abstract(if object_type.is_empty() {
                "KalturaResource"
            } else {
                &object_type
            }));
        }
        other => {
            set_status(&ctx, &entry_id, entry_status::ERROR_IMPORTING);
            return Err(ApiError::resource_type_not_supported(other));
        }
    }
    Ok(render(&ctx, &load_entry(&ctx, &entry_id)?))
}

async fn add_from_uploaded_file(ctx: Ctx) -> ActionResult {
    let input = ctx.params.req_object("mediaEntry")?;
    let token = ctx.params.req_str("uploadTokenId")?;
    // Check the token before creating anything, so a bad token leaves no entry behind.
    let content = upload_token::take_content(&ctx, &token, None)?;
    let TokenContent::Ready { path, file_name } = content else {
        return Err(ApiError::upload_token_invalid_status_for_add_entry());
    };
    let entry = create_entry(&ctx, input, Some("1"))?;
    lifecycle::attach_content(&ctx.app, &entry.id, &path, &file_name).await?;
    Ok(render(&ctx, &load_entry(&ctx, &entry.id)?))
}

async fn add_from_url(ctx: Ctx) -> ActionResult {
    let input = ctx.params.req_object("mediaEntry")?;
    let url = ctx.params.req_str("url")?;
    let entry = create_entry(&ctx, input, Some("5"))?;
    if entry.media_type == Some(media_type::IMAGE) {
        // Images are downloaded during the call; a failure shows only in the status.
        lifecycle::import(&ctx.app, &entry.id, &url).await;
    } else {
        lifecycle::start_import(&ctx.app, &entry.id, &url);
    }
    Ok(render(&ctx, &load_entry(&ctx, &entry.id)?))
}

async fn get(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    Ok(render(&ctx, &load_entry(&ctx, &entry_id)?))
}

async fn list(ctx: Ctx) -> ActionResult {
    list_entries(&ctx, "KalturaMediaListResponse", true)
}

async fn count(ctx: Ctx) -> ActionResult {
    let filter = ctx.params.object("filter")?;
    let partner_id = ctx.partner_id()?;
    let f = EntryFilter::new(filter);
    let n = ctx.app.store.read(|d| {
        d.entries
            .values()
            .filter(|e| e.partner_id == partner_id && e.entry_type == "1" && f.matches(e))
            .count()
    });
    Ok(Out::Int(i64::try_from(n).unwrap_or(i64::MAX)))
}

async fn update(ctx: Ctx) -> ActionResult {
    update_entry(&ctx, "mediaEntry")
}

async fn delete(ctx: Ctx) -> ActionResult {
    delete_entry(&ctx)
}

/// Legacy `media.upload`: stores the file and returns a token string for `addFromUploadedFile`.
async fn upload(mut ctx: Ctx) -> ActionResult {
    let file = ctx.take_file("fileData")?;
    let partner_id = ctx.partner_id()?;
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let tail: String = {
        let mut rng = rand::rng();
        (0..20)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect()
    };
    let ext = extension(&file.file_name).unwrap_or_else(|| "bin".to_owned());
    let token = format!("{partner_id}_{tail}.{ext}");
    let relative = PathBuf::from("legacy").join(&token);
    storage::move_file(&file.path, &ctx.app.store.file_path(&relative))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "could not store an upload");
            ApiError::upload_error()
        })?;
    let stored = StoredFile {
        path: relative,
        file_name: file.file_name.clone(),
        size: file.size,
    };
    ctx.app
        .store
        .write(|d| d.legacy_uploads.insert(token.clone(), stored));
    Ok(Out::Str(token))
}

fn required_field(map: &Map, name: &str, prop: &str) -> Result<String, ApiError> {
    match field(map, name) {
        Field::Str(s) if !s.is_empty() => Ok(s.to_owned()),
        _ => Err(ApiError::cannot_be_null(prop)),
    }
}

fn set_status(ctx: &Ctx, entry_id: &str, status: i64) {
    ctx.app.store.write(|d| {
        if let Some(e) = d.entries.get_mut(entry_id) {
            e.status = status;
            e.updated_at = now();
        }
    });
}

fn set_source_type(ctx: &Ctx, entry_id: &str, source_type: &str) {
    ctx.app.store.write(|d| {
        if let Some(e) = d.entries.get_mut(entry_id) {
            e.source_type = Some(source_type.to_owned());
        }
    });
}

pub(super) fn render(ctx: &Ctx, entry: &Entry) -> Out {
    entry_object::render(entry, &ctx.app.config.base_url).into()
}

/// Creates an entry without content (status NO_CONTENT) from an input object, with the defaults of
/// media.add.
pub(super) fn create_entry(
    ctx: &Ctx,
    input: &Map,
    source_type: Option<&str>,
) -> Result<Entry, ApiError> {
    let session = ctx.session()?;
    let partner_id = session.partner_id;
    let t = now();
    let mut entry = Entry {
        id: new_object_id(),
        partner_id,
        user_id: session.user_id.clone(),
        creator_id: session.user_id.clone(),
        status: entry_status::NO_CONTENT,
        moderation_status: 6,
        entry_type: "1".to_owned(),
        media_type: None,
        source_type: source_type.map(str::to_owned),
        created_at: t,
        updated_at: t,
        version: 0,
        thumb_version: 100_000,
        text: Default::default(),
        numbers: [
            ("licenseType".to_owned(), -1),
            ("displayInSearch".to_owned(), 1),
        ]
        .into(),
        width: None,
        height: None,
        ms_duration: None,
        flavor_params_ids: String::new(),
        content: None,
        import_url: None,
    };
    entry_object::apply(
        &mut entry,
        input,
        Mode::Insert,
        session,
        &ctx.app.config.base_url,
    )?;
    if entry.text.get("name").is_none_or(String::is_empty) {
        entry
            .text
            .insert("name".to_owned(), format!("{partner_id}_{t}"));
    }
    if entry.creator_id.is_empty() {
        entry.creator_id.clone_from(&entry.user_id);
    }
    if !entry.numbers.contains_key("conversionProfileId")
        && let Some(profile) = ctx
            .app
            .store
            .read(|d| d.default_conversion_profile(partner_id))
    {
        entry
            .numbers
            .insert("conversionProfileId".to_owned(), profile);
    }
    ctx.app
        .store
        .write(|d| d.entries.insert(entry.id.clone(), entry.clone()));
    Ok(entry)
}

/// An entry of the caller's partner that is not deleted; else `ENTRY_ID_NOT_FOUND`.
pub(super) fn load_entry(ctx: &Ctx, entry_id: &str) -> Result<Entry, ApiError> {
    let partner_id = ctx.partner_id()?;
    ctx.app
        .store
        .read(|d| d.entries.get(entry_id).cloned())
        .filter(|e| e.partner_id == partner_id && e.status != entry_status::DELETED)
        .ok_or_else(|| ApiError::entry_not_found(entry_id))
}

/// `list` of media or base entries: filter, order, page, `totalCount` of all matches.
pub(super) fn list_entries(ctx: &Ctx, class: &'static str, media_only: bool) -> ActionResult {
    let filter = ctx.params.object("filter")?;
    let pager = ctx.params.object("pager")?;
    let partner_id = ctx.partner_id()?;
    let f = EntryFilter::new(filter);
    let mut matches: Vec<Entry> = ctx.app.store.read(|d| {
        d.entries
            .values()
            .filter(|e| {
                e.partner_id == partner_id && (!media_only || e.entry_type == "1") && f.matches(e)
            })
            .cloned()
            .collect()
    });
    let total = matches.len();
    f.sort(&mut matches);
    let objects = page(matches, pager)
        .iter()
        .map(|e| render(ctx, e))
        .collect();
    Ok(Object::new(class)
        .with("objects", Out::List(objects))
        .with("totalCount", i64::try_from(total).unwrap_or(i64::MAX))
        .into())
}

/// `update` of media or base entries: only sent properties change.
pub(super) fn update_entry(ctx: &Ctx, object_param: &str) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let input = ctx.params.req_object(object_param)?;
    let mut entry = load_entry(ctx, &entry_id)?;
    ctx.check_owner(&entry.user_id, &entry_id)?;
    let before = entry.clone();
    entry_object::apply(
        &mut entry,
        input,
        Mode::Update,
        ctx.session()?,
        &ctx.app.config.base_url,
    )?;
    if entry != before {
        entry.updated_at = now();
    }
    ctx.app.store.write(|d| {
        // Keep what processing changed meanwhile (status, dimensions); take the caller's properties.
        if let Some(stored) = d.entries.get_mut(&entry_id) {
            stored.text = entry.text.clone();
            stored.numbers = entry.numbers.clone();
            stored.user_id = entry.user_id.clone();
            stored.ms_duration = entry.ms_duration.or(stored.ms_duration);
            stored.updated_at = entry.updated_at;
        }
    });
    Ok(render(ctx, &load_entry(ctx, &entry_id)?))
}

/// `delete` of media or base entries: status DELETED, invisible to get and default lists.
pub(super) fn delete_entry(ctx: &Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    let entry = load_entry(ctx, &entry_id)?;
    ctx.check_owner(&entry.user_id, &entry_id)?;
    ctx.app.store.write(|d| {
        if let Some(e) = d.entries.get_mut(&entry_id) {
            e.status = entry_status::DELETED;
            e.updated_at = now();
        }
    });
    Ok(Out::Null)
}
