//! Entry status over time (kaltura-api-v3.md 13.1): attaching content moves the file into storage and
//! creates the source flavor; images are READY at once, video and audio go PRECONVERT and become READY after
//! the configured delay (probed for width, height and duration); URL imports go IMPORT while the URL is
//! really fetched (bounded in time and size), then on as an upload, or ERROR_IMPORTING.

use std::path::{Path, PathBuf};

use crate::state::AppState;
use crate::storage::move_file;
use crate::store::{
    FlavorAsset, StoredFile, entry_status, extension, media_type, new_object_id, now,
};
use crate::wire::error::ApiError;
use sim_support::download::download;

/// The media type a file extension suggests, for entries created without one.
pub(crate) fn media_type_of(file_name: &str) -> Option<i64> {
    let ext = extension(file_name)?;
    match ext.as_str() {
        "mp4" | "mov" | "m4v" | "webm" | "mkv" | "avi" | "flv" | "wmv" | "mpg" | "mpeg" | "3gp"
        | "ts" | "ogv" => Some(media_type::VIDEO),
        "mp3" | "m4a" | "aac" | "wav" | "ogg" | "oga" | "flac" | "wma" => Some(media_type::AUDIO),
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "webp" | "tif" | "tiff" => Some(media_type::IMAGE),
        _ => None,
    }
}

/// Moves `source` into the entry's storage and starts processing. Fails with `ENTRY_ID_NOT_FOUND` when the
/// entry vanished meanwhile.
pub(crate) async fn attach_content(
    app: &AppState,
    entry_id: &str,
    source: &Path,
    file_name: &str,
) -> Result<(), ApiError> {
    let ext = extension(file_name).unwrap_or_else(|| "bin".to_owned());
    let relative = PathBuf::from("entries")
        .join(entry_id)
        .join(format!("source.{ext}"));
    let target = app.store.file_path(&relative);
    move_file(source, &target).await.map_err(|e| {
        tracing::error!(error = %e, "could not store entry content");
        ApiError::internal()
    })?;
    let size = tokio::fs::metadata(&target)
        .await
        .map(|m| m.len())
        .unwrap_or(0);
    let stored = StoredFile {
        path: relative,
        file_name: file_name.to_owned(),
        size,
    };
    let is_image = app.store.write(|d| {
        let partner_id = d.entries.get(entry_id).map(|e| e.partner_id);
        // A deleted entry stays deleted: an import that ends after the delete finds nothing to fill.
        let entry = d
            .entries
            .get_mut(entry_id)
            .filter(|e| e.status != entry_status::DELETED)
            .ok_or_else(|| ApiError::entry_not_found(entry_id))?;
        if entry.media_type.is_none() {
            entry.media_type = media_type_of(file_name);
        }
        entry.content = Some(stored.clone());
        entry.status = entry_status::PRECONVERT;
        entry.updated_at = now();
        let is_image = entry.media_type == Some(media_type::IMAGE);
        if is_image {
            entry.version += 1;
        }
        d.flavor_assets
            .retain(|_, f| !(f.entry_id == entry_id && f.is_original));
        let id = new_object_id();
        let t = now();
        d.flavor_assets.insert(
            id.clone(),
            FlavorAsset {
                id,
                entry_id: entry_id.to_owned(),
                partner_id: partner_id.unwrap_or(0),
                flavor_params_id: 0,
                status: 1,
                width: None,
                height: None,
                file_ext: Some(ext.clone()),
                is_original: true,
                created_at: t,
                updated_at: t,
                content: Some(stored.clone()),
            },
        );
        Ok::<bool, ApiError>(is_image)
    })?;
    if is_image {
        finish(app, entry_id).await;
    } else {
        let app = app.clone();
        let entry_id = entry_id.to_owned();
        tokio::spawn(async move {
            tokio::time::sleep(app.config.ready_delay).await;
            finish(&app, &entry_id).await;
        });
    }
    Ok(())
}

/// Goes on with what was under way when a simulator with a data folder stopped, as Kaltura's conversion
/// and import jobs outlive a restart: entries left PRECONVERT with content become READY after the delay,
/// URL imports start again.
pub(crate) fn resume(app: &AppState) {
    let converting: Vec<String> = app.store.read(|d| {
        d.entries
            .values()
            .filter(|e| e.status == entry_status::PRECONVERT && e.content.is_some())
            .map(|e| e.id.clone())
            .collect()
    });
    for entry_id in converting {
        let app = app.clone();
        tokio::spawn(async move {
            tokio::time::sleep(app.config.ready_delay).await;
            finish(&app, &entry_id).await;
        });
    }
    let importing: Vec<(String, String)> = app.store.read(|d| {
        d.entries
            .values()
            .filter(|e| e.status == entry_status::IMPORT)
            .filter_map(|e| Some((e.id.clone(), e.import_url.clone()?)))
            .collect()
    });
    for (entry_id, url) in importing {
        start_import(app, &entry_id, &url);
    }
}

/// Probes the stored content and marks the entry READY (if it is still being processed).
async fn finish(app: &AppState, entry_id: &str) {
    let Some(relative) = app.store.read(|d| {
        d.entries
            .get(entry_id)
            .and_then(|e| e.content.as_ref().map(|c| c.path.clone()))
    }) else {
        return;
    };
    let path = app.store.file_path(&relative);
    let facts = tokio::task::spawn_blocking(move || media_probe::probe_path(&path))
        .await
        .unwrap_or_default();
    let pixels = |v: Option<u32>| v.map(i64::from);
    let ready = app.store.write(|d| {
        let entry = d.entries.get_mut(entry_id)?;
        if entry.status != entry_status::PRECONVERT {
            return None;
        }
        let is_image = entry.media_type == Some(media_type::IMAGE);
        // An empty file cannot be converted; with real media the probe decides the facts.
        if entry.content.as_ref().is_some_and(|c| c.size == 0) {
            entry.status = entry_status::ERROR_CONVERTING;
            entry.updated_at = now();
            return None;
        }
        entry.width = pixels(facts.width);
        entry.height = pixels(facts.height);
        entry.ms_duration = if is_image {
            None
        } else {
            Some(
                facts
                    .duration_ms
                    .and_then(|ms| i64::try_from(ms).ok())
                    .unwrap_or(0),
            )
        };
        entry.flavor_params_ids = if is_image {
            String::new()
        } else {
            "0".to_owned()
        };
        entry.updated_at = now();
        for flavor in d
            .flavor_assets
            .values_mut()
            .filter(|f| f.entry_id == entry_id && f.is_original)
        {
            flavor.status = 2;
            flavor.width = pixels(facts.width);
            flavor.height = pixels(facts.height);
            flavor.updated_at = now();
        }
        Some(entry.thumb_version)
    });
    if let Some(thumb_version) = ready {
        // As on Kaltura, the default thumbnail exists by the time a client sees READY.
        crate::thumbnails::create_default_thumb(app, entry_id).await;
        app.store.write(|d| {
            if let Some(entry) = d.entries.get_mut(entry_id)
                && entry.status == entry_status::PRECONVERT
            {
                entry.status = entry_status::READY;
                // A new default thumbnail has already moved the version on.
                if entry.thumb_version == thumb_version {
                    entry.thumb_version += 1;
                }
                entry.updated_at = now();
            }
        });
    }
}

/// Starts importing `url` into the entry in the background: IMPORT now, then processing, or ERROR_IMPORTING.
pub(crate) fn start_import(app: &AppState, entry_id: &str, url: &str) {
    app.store.write(|d| {
        if let Some(e) = d.entries.get_mut(entry_id) {
            e.status = entry_status::IMPORT;
            e.import_url = Some(url.to_owned());
            e.updated_at = now();
        }
    });
    let app = app.clone();
    let entry_id = entry_id.to_owned();
    let url = url.to_owned();
    tokio::spawn(async move { import(&app, &entry_id, &url).await });
}

/// Fetches `url` and attaches it; marks the entry ERROR_IMPORTING when anything fails.
pub(crate) async fn import(app: &AppState, entry_id: &str, url: &str) {
    let limit = app.config.limits.max_file_bytes;
    let tmp_dir = app.store.tmp_dir();
    let result = match download(url, &tmp_dir, app.config.import_timeout, limit).await {
        Ok(fetched) => attach_content(app, entry_id, &fetched.file, &fetched.file_name)
            .await
            .map_err(|e| e.message),
        Err(e) => Err(e.to_string()),
    };
    app.store.write(|d| {
        if let Some(e) = d.entries.get_mut(entry_id) {
            e.import_url = None;
        }
    });
    if let Err(reason) = result {
        tracing::info!(entry = entry_id, %reason, "URL import failed");
        app.store.write(|d| {
            if let Some(e) = d.entries.get_mut(entry_id)
                && e.status != entry_status::DELETED
            {
                e.status = entry_status::ERROR_IMPORTING;
                e.updated_at = now();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_follows_the_extension() {
        assert_eq!(media_type_of("a.MP4"), Some(media_type::VIDEO));
        assert_eq!(media_type_of("a.mp3"), Some(media_type::AUDIO));
        assert_eq!(media_type_of("a.jpeg"), Some(media_type::IMAGE));
        assert_eq!(media_type_of("a.txt"), None);
    }
}
