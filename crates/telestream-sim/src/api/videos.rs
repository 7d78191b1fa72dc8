//! Videos (telestream-cloud.md 4.2): list, get, create from an uploaded file (5.1) or from a
//! `source_url` (fetched in the background by `imports`), delete (with their encodings and files), delete
//! the source only, metadata, and a video's encodings. Width, height, duration and MIME type come from the
//! `media-probe` crate; a source that is not video or audio makes a `fail` video whose encodings fail.

use axum::response::Response;
use serde_json::json;

pub(super) use super::video_json::to_json;
use super::{Reply, encodings, events, factory_of, profiles};
use crate::clock;
use crate::error::ApiError;
use crate::lifecycle::unrecognised_source;
use crate::request::{ApiRequest, UploadedFile};
use crate::state::AppState;
use crate::store::{Encoding, Profile, Video, new_id};

/// `payload` is user data of at most 256 characters (4.2).
const MAX_PAYLOAD_CHARS: usize = 256;

/// The profiles a new video is encoded with: `profiles` names them (ids or names, comma-separated), `none`
/// none, and without it every profile of the factory.
pub(super) fn chosen_profiles(
    app: &AppState,
    factory_id: &str,
    wanted: Option<String>,
) -> Result<Vec<Profile>, ApiError> {
    match wanted.as_deref().map(str::trim) {
        None | Some("") => Ok(profiles::of_factory(app, factory_id)),
        Some("none") => Ok(Vec::new()),
        Some(list) => list
            .split(',')
            .map(str::trim)
            .map(|name| {
                profiles::find(app, factory_id, name)
                    .ok_or_else(|| ApiError::not_found("Profile", name))
            })
            .collect(),
    }
}

/// The extension a source is stored under: its name's, else the probed format's, with a dot.
pub(super) fn extension(file_name: &str, probed: Option<media_probe::Format>) -> String {
    let from_name = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| !e.is_empty() && e.len() <= 10 && e.bytes().all(|b| b.is_ascii_alphanumeric()));
    match (from_name, probed) {
        (Some(e), _) => format!(".{}", e.to_ascii_lowercase()),
        (None, Some(format)) => format!(".{}", format.extension()),
        (None, None) => String::new(),
    }
}

/// `POST /videos.json` with a file part (5.1); one with a `source_url` instead goes to `imports`.
async fn create(app: &AppState, request: ApiRequest) -> Result<Response, ApiError> {
    let reply = Reply(request.generation);
    let params = &request.params;
    let factory_id = factory_of(&app.store, params)?;
    let payload = checked_payload(params.get("payload"))?;
    let chosen = chosen_profiles(app, &factory_id, params.get("profiles"))?;
    let Some(upload) = request.file else {
        return Err(ApiError::bad_request("a file or a source_url is required"));
    };
    let video = add(app, &factory_id, upload, &chosen, payload).await?;
    reply.created(to_json(app, &video))
}

/// The `payload` of a new video, refused when longer than 256 characters.
pub(super) fn checked_payload(payload: Option<String>) -> Result<Option<String>, ApiError> {
    if payload
        .as_ref()
        .is_some_and(|p| p.chars().count() > MAX_PAYLOAD_CHARS)
    {
        return Err(ApiError::bad_request(
            "payload is longer than 256 characters",
        ));
    }
    Ok(payload)
}

/// Stores `upload` as a new video of the factory and starts its encodings with `chosen` profiles: the end
/// of a multipart `POST /videos.json` and of a completed upload session.
pub(super) async fn add(
    app: &AppState,
    factory_id: &str,
    upload: UploadedFile,
    chosen: &[Profile],
    payload: Option<String>,
) -> Result<Video, ApiError> {
    let video = store_source(app, factory_id, upload, payload).await?;
    let started = start_encodings(app, &video, chosen).await?;
    app.store.write(|d| {
        d.videos.insert(video.id.clone(), video.clone());
        for e in &started {
            d.encodings.insert(e.id.clone(), e.clone());
        }
    });
    events::video_created(app, &video, &started);
    Ok(video)
}

/// The encodings of a video whose source was just stored, one per profile, not yet saved.
pub(super) async fn start_encodings(
    app: &AppState,
    video: &Video,
    chosen: &[Profile],
) -> Result<Vec<Encoding>, ApiError> {
    let mut started = Vec::new();
    for profile in chosen {
        match encodings::start(app, video, profile).await {
            Ok(e) => started.push(e),
            Err(error) => {
                // Leave nothing behind of the ones already made.
                for e in &started {
                    encodings::remove_files(app, e);
                }
                return Err(error);
            }
        }
    }
    Ok(started)
}

/// Probes the uploaded file and moves it into the factory's storage as the new video's source.
async fn store_source(
    app: &AppState,
    factory_id: &str,
    upload: UploadedFile,
    payload: Option<String>,
) -> Result<Video, ApiError> {
    let now = clock::now_ms();
    let mut video = Video {
        id: new_id(),
        factory_id: factory_id.to_owned(),
        extname: String::new(),
        original_filename: upload.file_name.clone(),
        mime_type: None,
        file_size: upload.size,
        width: None,
        height: None,
        duration: None,
        payload,
        has_source: false,
        failure: None,
        source_url: None,
        fetching: false,
        pending_profiles: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    let path = upload.path();
    describe_source(&mut video, &path).await?;
    keep_source(app, &video, upload.file.into_temp_path())?;
    video.has_source = true;
    Ok(video)
}

/// Fills in what probing the source at `path` tells (kind, format, size, duration) and the extension it
/// is stored under; a source that is not media fails the video.
pub(super) async fn describe_source(
    video: &mut Video,
    path: &std::path::Path,
) -> Result<(), ApiError> {
    let path = path.to_path_buf();
    let facts = tokio::task::spawn_blocking(move || media_probe::probe_path(&path))
        .await
        .map_err(|_| ApiError::internal())?;
    let is_media = matches!(
        facts.kind,
        media_probe::MediaKind::Video | media_probe::MediaKind::Audio
    );
    video.extname = extension(&video.original_filename, facts.format);
    video.mime_type = facts.format.map(|f| f.mime_type().to_owned());
    video.width = facts.width;
    video.height = facts.height;
    video.duration = facts.duration_ms;
    video.failure = (!is_media).then(unrecognised_source);
    Ok(())
}

/// Moves a spooled file into the factory's storage as the video's source.
pub(super) fn keep_source(
    app: &AppState,
    video: &Video,
    file: tempfile::TempPath,
) -> Result<(), ApiError> {
    let dir = app.store.factory_dir(&video.factory_id);
    let stored = std::fs::create_dir_all(&dir).and_then(|()| {
        file.persist(dir.join(video.source_name()))
            .map_err(|e| e.error)
    });
    stored.map_err(|e| {
        tracing::error!(error = %e, "cannot store a source");
        ApiError::internal()
    })
}

pub(super) async fn dispatch(app: &AppState, request: ApiRequest) -> Result<Response, ApiError> {
    if request.method == "POST" && request.segments.len() == 1 {
        return create(app, request).await;
    }
    let reply = Reply(request.generation);
    let params = &request.params;
    let factory_id = factory_of(&app.store, params)?;
    let find = |id: &str| {
        app.store
            .read(|d| {
                d.videos
                    .get(id)
                    .filter(|v| v.factory_id == factory_id)
                    .cloned()
            })
            .ok_or_else(|| ApiError::not_found("Video", id))
    };
    let dir = app.store.factory_dir(&factory_id);
    match (request.method.as_str(), &request.segments[1..]) {
        ("GET", []) => {
            let mut all: Vec<Video> = app.store.read(|d| {
                d.videos
                    .values()
                    .filter(|v| v.factory_id == factory_id)
                    .cloned()
                    .collect()
            });
            all.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
            let status = params.get("status");
            let items = all
                .iter()
                .map(|v| to_json(app, v))
                .filter(|v| status.as_ref().is_none_or(|s| v["status"] == s.as_str()))
                .collect();
            reply.list("videos", params, items)
        }
        ("GET", [id]) => reply.one(to_json(app, &find(id)?)),
        ("DELETE", [id]) => {
            let video = find(id)?;
            let removed = app.store.write(|d| {
                d.videos.remove(&video.id);
                let ids: Vec<String> = d
                    .encodings
                    .values()
                    .filter(|e| e.video_id == video.id)
                    .map(|e| e.id.clone())
                    .collect();
                ids.iter()
                    .filter_map(|id| d.encodings.remove(id))
                    .collect::<Vec<_>>()
            });
            let _ = std::fs::remove_file(dir.join(video.source_name()));
            for e in removed {
                encodings::remove_files(app, &e);
            }
            super::deleted()
        }
        ("DELETE", [id, sub]) if sub == "source" => {
            let video = find(id)?;
            app.store.write(|d| {
                if let Some(v) = d.videos.get_mut(&video.id) {
                    v.has_source = false;
                    v.updated_at = clock::now_ms();
                }
            });
            let _ = std::fs::remove_file(dir.join(video.source_name()));
            super::deleted()
        }
        ("GET", [id, sub]) if sub == "metadata" => {
            let v = find(id)?;
            reply.one(json!({
                "image_width": v.width,
                "image_height": v.height,
                "duration": v.duration.map(|ms| format!("{:.2} s", ms as f64 / 1000.0)),
                "mime_type": v.mime_type,
                "file_size": v.file_size,
            }))
        }
        ("GET", [id, sub]) if sub == "encodings" => {
            let video = find(id)?;
            let mut filters = crate::request::Params {
                pairs: params.pairs.clone(),
                body: params.body.clone(),
            };
            filters.pairs.retain(|(k, _)| k != "video_id");
            filters.pairs.push(("video_id".to_owned(), video.id));
            reply.list(
                "encodings",
                params,
                encodings::listed(app, &factory_id, &filters),
            )
        }
        _ => Err(super::unknown_call(&request)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_keeps_its_own_extension_else_the_probed_one() {
        assert_eq!(extension("Movie.MP4", None), ".mp4");
        assert_eq!(extension("movie", Some(media_probe::Format::Mp4)), ".mp4");
        assert_eq!(extension("notes", None), "");
        assert_eq!(extension("x.../etc", None), "");
    }
}
