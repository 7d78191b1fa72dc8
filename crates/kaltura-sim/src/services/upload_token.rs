//! `uploadToken`: chunked, resumable uploads (kaltura-api-v3.md 7.2 and section 8). Parts are written into the
//! token's file at their offset, parts beyond the end are parked and merged when the file reaches them, and a
//! final part checks the expected size. Tokens are consumed (CLOSED) by the media actions through
//! [`take_content`].

use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::entry_filter::page;
use super::{Access, Action, ActionResult, Ctx};
use crate::lifecycle;
use crate::storage;
use crate::store::{PendingChunk, UploadToken, entry_status, new_token_id, now, token_status};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, Value, field, to_float, to_int};

/// Most parked chunks per token before the token fails (`MAX_ALLOWED_CHUNK_COUNT_EXCEEDED`).
const MAX_PENDING_CHUNKS: usize = 1000;

/// Pause between two looks of a final chunk waiting for earlier ones (Kaltura sleeps too, between appends).
const FINAL_CHUNK_NAP: std::time::Duration = std::time::Duration::from_millis(50);

const READ_ONLY: &[&str] = &[
    "id",
    "partnerId",
    "userId",
    "status",
    "uploadedFileSize",
    "createdAt",
    "updatedAt",
    "uploadUrl",
    "attachedObjectType",
    "attachedObjectId",
];

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "add" => Action::new(Access::Session, |ctx| Box::pin(add(ctx))),
        "upload" => Action::new(Access::Session, |ctx| Box::pin(upload(ctx))),
        "get" => Action::new(Access::Session, |ctx| Box::pin(get(ctx))),
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        "delete" => Action::new(Access::Session, |ctx| Box::pin(delete(ctx))),
        _ => return None,
    })
}

/// What an upload token offers to an entry.
#[derive(Debug)]
pub(super) enum TokenContent {
    /// A complete file, now owned by the caller (move it into storage).
    Ready { path: PathBuf, file_name: String },
    /// The upload is still running; the content is attached when it completes.
    Pending,
}

fn render(t: &UploadToken) -> Out {
    Object::new("KalturaUploadToken")
        .with("id", t.id.clone())
        .with("partnerId", t.partner_id)
        .with("userId", t.user_id.clone())
        .with("status", t.status)
        .with("fileName", t.file_name.clone())
        .with("fileSize", t.file_size)
        .with("uploadedFileSize", t.uploaded_file_size)
        .with("createdAt", t.created_at)
        .with("updatedAt", t.updated_at)
        .with("uploadUrl", Out::Null)
        .with("autoFinalize", t.auto_finalize)
        .with("attachedObjectType", t.attached_object_type.clone())
        .with("attachedObjectId", t.attached_object_id.clone())
        .into()
}

fn token_path(ctx: &Ctx, id: &str) -> PathBuf {
    ctx.app.store.file_path(&Path::new("uploads").join(id))
}

/// A token of the caller's partner; USER sessions see only their own.
fn load(ctx: &Ctx, id: &str) -> Result<UploadToken, ApiError> {
    let session = ctx.session()?;
    ctx.app
        .store
        .read(|d| d.upload_tokens.get(id).cloned())
        .filter(|t| {
            t.partner_id == session.partner_id
                && (session.is_admin() || t.user_id == session.user_id)
        })
        .ok_or_else(ApiError::upload_token_not_found)
}

async fn add(ctx: Ctx) -> ActionResult {
    let session = ctx.session()?;
    let input = ctx.params.object("uploadToken")?;
    let empty = Map::new();
    let input = input.unwrap_or(&empty);
    for name in READ_ONLY {
        if let Field::Str(_) = field(input, name) {
            return Err(ApiError::not_updatable(&format!(
                "KalturaUploadToken::{name}"
            )));
        }
    }
    let text = |name: &str| match field(input, name) {
        Field::Str(s) if !s.is_empty() => Some(s),
        _ => None,
    };
    let file_name = text("fileName").map(crate::wire::request::base_name);
    if let Some(name) = &file_name {
        crate::wire::params::check_xml_chars("fileName", name)?;
    }
    let file_size = text("fileSize").map(to_float);
    let auto_finalize = text("autoFinalize").map(to_int);
    if auto_finalize == Some(1) && file_size.is_none() {
        return Err(ApiError::upload_token_missing_file_size());
    }
    let t = now();
    let token = UploadToken {
        id: new_token_id(),
        partner_id: session.partner_id,
        user_id: session.user_id.clone(),
        status: token_status::PENDING,
        file_name,
        file_size,
        uploaded_file_size: None,
        auto_finalize,
        attached_object_type: None,
        attached_object_id: None,
        created_at: t,
        updated_at: t,
        has_file: false,
        pending_chunks: Vec::new(),
    };
    ctx.app
        .store
        .write(|d| d.upload_tokens.insert(token.id.clone(), token.clone()));
    Ok(render(&token))
}

async fn upload(mut ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("uploadTokenId")?;
    let token = load(&ctx, &id)?;
    if token.status != token_status::PENDING && token.status != token_status::PARTIAL_UPLOAD {
        return Err(ApiError::upload_token_invalid_status_for_upload());
    }
    let part = ctx.take_file("fileData")?;
    let resume = ctx.params.bool_or("resume", false);
    let final_chunk = ctx.params.bool_or("finalChunk", true);
    let resume_at = ctx.params.float_or("resumeAt", -1.0);

    // File assembly of all tokens is serialised: parallel chunks of one token must not interleave.
    let lock = ctx.app.uploads.clone();
    let mut guard = lock.lock().await;
    let token = load(&ctx, &id)?;
    if token.status != token_status::PENDING && token.status != token_status::PARTIAL_UPLOAD {
        return Err(ApiError::upload_token_invalid_status_for_upload());
    }
    let path = token_path(&ctx, &id);
    let mut pending = token.pending_chunks.clone();
    let io_error = |e: std::io::Error| {
        tracing::error!(error = %e, "upload token file operation failed");
        ApiError::upload_error()
    };
    if !resume {
        for chunk in pending.drain(..) {
            let _ = tokio::fs::remove_file(ctx.app.store.file_path(&chunk.path)).await;
        }
        storage::move_file(&part.path, &path)
            .await
            .map_err(io_error)?;
    } else {
        if !token.has_file {
            return Err(ApiError::upload_token_cannot_resume());
        }
        let current = file_size(&path).await;
        // The assembled file is bounded like a single part: a client cannot grow it without limit.
        let start = if resume_at < 0.0 {
            current
        } else {
            resume_at as u64
        };
        if start.saturating_add(part.size) > ctx.app.config.limits.max_file_bytes {
            return Err(ApiError::upload_error());
        }
        if resume_at < 0.0 {
            write_at(&path, current, &part.path)
                .await
                .map_err(io_error)?;
        } else {
            let offset = resume_at as u64;
            if offset <= current {
                write_at(&path, offset, &part.path)
                    .await
                    .map_err(io_error)?;
            } else if part.size > 0 {
                if pending.len() >= MAX_PENDING_CHUNKS {
                    return Err(ApiError::max_chunk_count_exceeded());
                }
                let relative = PathBuf::from("uploads").join(format!("{id}.chunk.{offset}"));
                storage::move_file(&part.path, &ctx.app.store.file_path(&relative))
                    .await
                    .map_err(io_error)?;
                pending.retain(|c| c.offset != offset);
                pending.push(PendingChunk {
                    offset,
                    size: part.size,
                    path: relative,
                });
            }
        }
        merge_pending(&ctx, &path, &mut pending)
            .await
            .map_err(io_error)?;
    }
    // A final chunk ahead of earlier ones waits for them, as Kaltura does (`kUploadTokenMgr::handleResume`):
    // it is parked above, each chunk that arrives merges it, and it looks again between naps, without
    // holding the lock so that the missing chunks (and other uploads) can get in.
    let expected = (resume_at as u64).saturating_add(part.size);
    let waits = resume && final_chunk && resume_at > 0.0;
    let deadline = tokio::time::Instant::now() + ctx.app.config.final_chunk_wait;
    let mut size = file_size(&path).await;
    while waits && size != expected {
        save(&ctx, &id, |t| {
            t.pending_chunks = pending.clone();
            t.uploaded_file_size = Some(size as f64);
        });
        if tokio::time::Instant::now() >= deadline {
            return Err(ApiError::upload_token_cannot_match_expected_size());
        }
        drop(guard);
        tokio::time::sleep(FINAL_CHUNK_NAP).await;
        guard = lock.lock().await;
        let current = load(&ctx, &id)?;
        if current.status != token_status::PENDING && current.status != token_status::PARTIAL_UPLOAD
        {
            return Err(ApiError::upload_token_invalid_status_for_upload());
        }
        pending = current.pending_chunks;
        merge_pending(&ctx, &path, &mut pending)
            .await
            .map_err(io_error)?;
        size = file_size(&path).await;
    }
    let auto_complete = token.auto_finalize == Some(1)
        && token
            .file_size
            .is_some_and(|expected| size as f64 >= expected);
    let complete = final_chunk || auto_complete;
    let updated = save(&ctx, &id, |t| {
        t.has_file = true;
        t.pending_chunks = pending.clone();
        t.uploaded_file_size = Some(size as f64);
        t.status = if complete {
            token_status::FULL_UPLOAD
        } else {
            token_status::PARTIAL_UPLOAD
        };
        if t.file_name.is_none() {
            t.file_name = Some(part.file_name.clone());
        }
    })
    .ok_or_else(ApiError::upload_token_not_found)?;
    if complete
        && updated.attached_object_type.as_deref() == Some("entry")
        && let Some(entry_id) = &updated.attached_object_id
    {
        let file_name = updated.file_name.clone().unwrap_or_default();
        lifecycle::attach_content(&ctx.app, entry_id, &path, &file_name).await?;
        let closed = save(&ctx, &id, |t| t.status = token_status::CLOSED)
            .ok_or_else(ApiError::upload_token_not_found)?;
        return Ok(render(&closed));
    }
    Ok(render(&updated))
}

/// Appends every parked chunk the file has reached, until none fits.
async fn merge_pending(
    ctx: &Ctx,
    path: &Path,
    pending: &mut Vec<PendingChunk>,
) -> std::io::Result<()> {
    loop {
        let current = file_size(path).await;
        let Some(i) = pending.iter().position(|c| c.offset <= current) else {
            return Ok(());
        };
        let chunk = pending.remove(i);
        let chunk_path = ctx.app.store.file_path(&chunk.path);
        if chunk.offset + chunk.size > current {
            write_at(path, chunk.offset, &chunk_path).await?;
        }
        tokio::fs::remove_file(&chunk_path).await?;
    }
}

/// Writes the content of `part` into `path` at `offset`, overwriting what overlaps. One blocking task
/// with `std::io::copy`, which the kernel does file to file (`copy_file_range`): a chunk copied through
/// small async reads and writes cost a thread-pool round trip per 8 KiB.
async fn write_at(path: &Path, offset: u64, part: &Path) -> std::io::Result<()> {
    let (path, part) = (path.to_owned(), part.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        out.seek(SeekFrom::Start(offset))?;
        let mut input = std::fs::File::open(&part)?;
        std::io::copy(&mut input, &mut out)?;
        Ok(())
    })
    .await
    .map_err(std::io::Error::other)?
}

async fn file_size(path: &Path) -> u64 {
    tokio::fs::metadata(path)
        .await
        .map(|m| m.len())
        .unwrap_or(0)
}

/// Changes a token and returns its new state.
fn save(ctx: &Ctx, id: &str, change: impl FnOnce(&mut UploadToken)) -> Option<UploadToken> {
    ctx.app.store.write(|d| {
        let t = d.upload_tokens.get_mut(id)?;
        change(t);
        t.updated_at = now();
        Some(t.clone())
    })
}

async fn get(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("uploadTokenId")?;
    Ok(render(&load(&ctx, &id)?))
}

async fn delete(ctx: Ctx) -> ActionResult {
    let id = ctx.params.req_str("uploadTokenId")?;
    let token = load(&ctx, &id)?;
    for chunk in &token.pending_chunks {
        let _ = tokio::fs::remove_file(ctx.app.store.file_path(&chunk.path)).await;
    }
    let _ = tokio::fs::remove_file(token_path(&ctx, &id)).await;
    save(&ctx, &id, |t| {
        t.status = token_status::DELETED;
        t.pending_chunks.clear();
        t.has_file = false;
    });
    Ok(Out::Null)
}

async fn list(ctx: Ctx) -> ActionResult {
    let session = ctx.session()?.clone();
    let filter = ctx.params.object("filter")?;
    let pager = ctx.params.object("pager")?;
    let get = |name: &str| match filter.and_then(|f| f.get(name)) {
        Some(Value::Str(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let in_list = |name: &str| {
        get(name).map(|s| {
            s.split(',')
                .map(|x| x.trim().to_owned())
                .collect::<Vec<_>>()
        })
    };
    let (id_equal, id_in, user_equal) = (get("idEqual"), in_list("idIn"), get("userIdEqual"));
    let (status_equal, status_in) = (get("statusEqual"), in_list("statusIn"));
    let (name_equal, size_equal) = (get("fileNameEqual"), get("fileSizeEqual"));
    let ascending = get("orderBy").as_deref() == Some("+createdAt");
    let mut tokens: Vec<UploadToken> = ctx.app.store.read(|d| {
        d.upload_tokens
            .values()
            .filter(|t| {
                t.partner_id == session.partner_id
                    && (session.is_admin() || t.user_id == session.user_id)
            })
            .filter(|t| id_equal.as_ref().is_none_or(|v| &t.id == v))
            .filter(|t| id_in.as_ref().is_none_or(|l| l.contains(&t.id)))
            .filter(|t| user_equal.as_ref().is_none_or(|v| &t.user_id == v))
            .filter(|t| status_equal.as_ref().is_none_or(|v| to_int(v) == t.status))
            .filter(|t| {
                status_in
                    .as_ref()
                    .is_none_or(|l| l.iter().any(|v| to_int(v) == t.status))
            })
            .filter(|t| {
                name_equal
                    .as_ref()
                    .is_none_or(|v| t.file_name.as_ref() == Some(v))
            })
            .filter(|t| {
                // Searching by file name without a status filter covers only live tokens.
                name_equal.is_none()
                    || status_equal.is_some()
                    || status_in.is_some()
                    || t.status <= token_status::FULL_UPLOAD
            })
            .filter(|t| {
                size_equal
                    .as_ref()
                    .is_none_or(|v| t.file_size == Some(to_float(v)))
            })
            .cloned()
            .collect()
    });
    tokens.sort_by(|a, b| {
        let ord = a
            .created_at
            .cmp(&b.created_at)
            .then_with(|| a.id.cmp(&b.id));
        if ascending { ord } else { ord.reverse() }
    });
    let total = tokens.len();
    let objects = page(tokens, pager).iter().map(render).collect();
    Ok(Object::new("KalturaUploadTokenListResponse")
        .with("objects", Out::List(objects))
        .with("totalCount", i64::try_from(total).unwrap_or(i64::MAX))
        .into())
}

/// Consumes a token (or a legacy `media.upload` token) as entry content. A complete upload is handed over
/// and the token CLOSED; with `attach_to`, an upload still running is accepted and remembered so that its
/// completion attaches the file to that entry.
pub(super) fn take_content(
    ctx: &Ctx,
    token_id: &str,
    attach_to: Option<&str>,
) -> Result<TokenContent, ApiError> {
    match load(ctx, token_id) {
        Ok(token) => match token.status {
            token_status::FULL_UPLOAD => {
                save(ctx, token_id, |t| t.status = token_status::CLOSED);
                let file_name = token.file_name.unwrap_or_default();
                Ok(TokenContent::Ready {
                    path: token_path(ctx, token_id),
                    file_name,
                })
            }
            token_status::PENDING | token_status::PARTIAL_UPLOAD if attach_to.is_some() => {
                // Token and entry change in one step: an upload finishing at the same moment either sees
                // the attachment (and attaches its file) or finished before (and this branch is not taken).
                ctx.app.store.write(|d| {
                    if let Some(t) = d.upload_tokens.get_mut(token_id) {
                        t.attached_object_type = Some("entry".to_owned());
                        t.attached_object_id = attach_to.map(str::to_owned);
                        t.updated_at = now();
                    }
                    if let Some(e) = attach_to.and_then(|id| d.entries.get_mut(id)) {
                        e.status = entry_status::IMPORT;
                        e.updated_at = now();
                    }
                });
                Ok(TokenContent::Pending)
            }
            _ => Err(ApiError::upload_token_invalid_status_for_add_entry()),
        },
        Err(_) => {
            let legacy = ctx.app.store.write(|d| d.legacy_uploads.remove(token_id));
            match legacy {
                Some(file) => Ok(TokenContent::Ready {
                    path: ctx.app.store.file_path(&file.path),
                    file_name: file.file_name,
                }),
                None if attach_to.is_some() => Err(ApiError::upload_token_not_found()),
                None => Err(ApiError::uploaded_file_not_found_by_token()),
            }
        }
    }
}
