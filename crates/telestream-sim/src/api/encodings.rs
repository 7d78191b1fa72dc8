//! Encodings (telestream-cloud.md 4.3): list with filters, get, create for a video and a profile, delete.
//! The status follows `lifecycle`. Everything an encoding stores is made at creation and served from the
//! factory `url` once it succeeded: the output (a copy of the source) and its screenshots
//! (`$path$_N.jpg`), or, for a `thumbnail` preset profile, the images at the offsets it asks for, as its
//! `files`. `screenshots=true` lists the screenshots as full URLs.

use axum::response::Response;
use serde_json::{Value, json};

use super::{Reply, events, factory_of, profiles};
use crate::clock::{self, format_date};
use crate::error::ApiError;
use crate::frames;
use crate::lifecycle::{EncodingStatus, encoding_status, invalid_video};
use crate::request::{ApiRequest, Params};
use crate::state::AppState;
use crate::store::{Encoding, Profile, Video, new_id};

/// The preset whose outputs are images at chosen offsets (4.4).
const THUMBNAIL_PRESET: &str = "thumbnail";

/// Whether `params` ask for the `screenshots` list (`screenshots=true`, 4.3).
pub(super) fn wants_screenshots(params: &Params) -> bool {
    params
        .get("screenshots")
        .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

pub(super) fn to_json(
    app: &AppState,
    e: &Encoding,
    video: Option<&Video>,
    screenshots: bool,
) -> Value {
    let delay = u64::try_from(app.config.encoding_delay.as_millis()).unwrap_or(u64::MAX);
    let status = encoding_status(e, clock::now_ms(), delay);
    let succeeded = status == EncodingStatus::Success;
    let files: Vec<String> = if succeeded { e.files() } else { Vec::new() };
    let mut value = json!({
        "id": e.id,
        "video_id": e.video_id,
        "profile_id": e.profile_id,
        "profile_name": e.profile_name,
        "status": status.name(),
        "encoding_progress": status.progress(),
        "started_encoding_at": format_date(e.started_at),
        "encoding_time": 0,
        "extname": e.extname,
        "path": e.id,
        "files": files,
        "width": video.and_then(|v| v.width),
        "height": video.and_then(|v| v.height),
        "duration": video.and_then(|v| v.duration),
        "file_size": video.map(|v| v.file_size),
        "mime_type": video.and_then(|v| v.mime_type.clone()),
        "created_at": format_date(e.created_at),
        "updated_at": format_date(e.started_at),
    });
    let Value::Object(map) = &mut value else {
        return value;
    };
    if let EncodingStatus::Fail(failure) = &status {
        map.insert("error_class".into(), json!(failure.class));
        map.insert("error_message".into(), json!(failure.message));
    }
    if screenshots {
        // Full URLs (the reference leaves URLs or paths open): what the Ruby gem builds from the factory
        // `url`, and only once the encoding succeeded.
        let base = app.factory_url(&e.factory_id);
        let urls: Vec<String> = if succeeded {
            e.screenshots.iter().map(|n| format!("{base}{n}")).collect()
        } else {
            Vec::new()
        };
        map.insert("screenshots".into(), json!(urls));
    }
    value
}

/// A new encoding of `video` with `profile`, with everything it stores: its output copied from the
/// source and its screenshots, or the images of a `thumbnail` preset profile. A profile option that cannot
/// be honoured (an unreadable `frame_count`, an offset beyond the duration) makes an encoding that fails.
pub(crate) async fn start(
    app: &AppState,
    video: &Video,
    profile: &Profile,
) -> Result<Encoding, ApiError> {
    let now = clock::now_ms();
    let mut encoding = Encoding {
        id: new_id(),
        video_id: video.id.clone(),
        factory_id: video.factory_id.clone(),
        profile_id: profile.id.clone(),
        profile_name: profile.name.clone(),
        extname: profile.extname.clone(),
        failure: video.failure.as_ref().map(|_| invalid_video()),
        outputs: Vec::new(),
        screenshots: Vec::new(),
        started_at: now,
        created_at: now,
    };
    if encoding.failure.is_some() {
        return Ok(encoding);
    }
    let planned = if profile.preset_name == THUMBNAIL_PRESET {
        frames::thumbnail_offsets(&profile.fields, video.duration).map(|offsets| (offsets, true))
    } else {
        let has_picture = !video
            .mime_type
            .as_deref()
            .is_some_and(|m| m.starts_with("audio/"));
        frames::frame_count(&profile.fields).map(|count| {
            let count = if has_picture { count } else { 0 };
            (
                frames::evenly_spaced(count, video.duration.unwrap_or(0)),
                false,
            )
        })
    };
    let (offsets, images_are_outputs) = match planned {
        Ok(planned) => planned,
        Err(failure) => {
            encoding.failure = Some(failure);
            return Ok(encoding);
        }
    };
    let names: Vec<String> = (1..=offsets.len())
        .map(|n| encoding.image_name(n))
        .collect();
    let dir = app.store.factory_dir(&video.factory_id);
    if images_are_outputs {
        encoding.extname = ".jpg".to_owned();
        encoding.outputs = names.clone();
    } else {
        let (source, output) = (
            dir.join(video.source_name()),
            dir.join(encoding.output_name()),
        );
        // A hard link costs nothing; storage on another device gets a copy.
        if std::fs::hard_link(&source, &output).is_err() {
            std::fs::copy(&source, &output).map_err(|e| {
                tracing::error!(error = %e, "cannot write an encoding output");
                ApiError::internal()
            })?;
        }
        encoding.screenshots = names.clone();
    }
    let size = frames::image_size(video.width, video.height);
    let duration = video.duration.unwrap_or(0);
    tokio::task::spawn_blocking(move || {
        frames::write_images(&dir, &names, &offsets, size, duration)
    })
    .await
    .map_err(|_| ApiError::internal())?
    .map_err(|e| {
        tracing::error!(error = %e, "cannot draw the images of an encoding");
        ApiError::internal()
    })?;
    Ok(encoding)
}

fn matches(app: &AppState, e: &Encoding, params: &Params) -> bool {
    let delay = u64::try_from(app.config.encoding_delay.as_millis()).unwrap_or(u64::MAX);
    let status = encoding_status(e, clock::now_ms(), delay);
    params.get("status").is_none_or(|s| s == status.name())
        && params.get("profile_id").is_none_or(|p| p == e.profile_id)
        && params
            .get("profile_name")
            .is_none_or(|p| p == e.profile_name)
        && params.get("video_id").is_none_or(|v| v == e.video_id)
}

/// The encodings of a factory the filters select, oldest first, as JSON.
pub(super) fn listed(app: &AppState, factory_id: &str, params: &Params) -> Vec<Value> {
    let screenshots = wants_screenshots(params);
    let mut found: Vec<(Encoding, Option<Video>)> = app.store.read(|d| {
        d.encodings
            .values()
            .filter(|e| e.factory_id == factory_id && matches(app, e, params))
            .map(|e| (e.clone(), d.videos.get(&e.video_id).cloned()))
            .collect()
    });
    found.sort_by(|a, b| (a.0.created_at, &a.0.id).cmp(&(b.0.created_at, &b.0.id)));
    found
        .iter()
        .map(|(e, v)| to_json(app, e, v.as_ref(), screenshots))
        .collect()
}

pub(super) async fn dispatch(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
    let reply = Reply(request.generation);
    let params = &request.params;
    let factory_id = factory_of(&app.store, params)?;
    let find = |id: &str| {
        app.store.read(|d| {
            d.encodings
                .get(id)
                .filter(|e| e.factory_id == factory_id)
                .map(|e| (e.clone(), d.videos.get(&e.video_id).cloned()))
        })
    };
    match (request.method.as_str(), &request.segments[1..]) {
        ("GET", []) => reply.list("encodings", params, listed(app, &factory_id, params)),
        ("POST", []) => {
            let video_id = params
                .get("video_id")
                .ok_or_else(|| ApiError::bad_request("video_id is required"))?;
            let video = app
                .store
                .read(|d| {
                    d.videos
                        .get(&video_id)
                        .filter(|v| v.factory_id == factory_id)
                        .cloned()
                })
                .ok_or_else(|| ApiError::not_found("Video", &video_id))?;
            if video.failure.is_some() || !video.has_source || video.fetching {
                return Err(ApiError::bad_request(
                    "the video failed, has no source or is still being fetched: it cannot be encoded",
                ));
            }
            let wanted = params
                .get("profile_id")
                .or_else(|| params.get("profile_name"))
                .ok_or_else(|| ApiError::bad_request("profile_id or profile_name is required"))?;
            let profile = profiles::find(app, &factory_id, &wanted)
                .ok_or_else(|| ApiError::not_found("Profile", &wanted))?;
            let encoding = start(app, &video, &profile).await?;
            app.store
                .write(|d| d.encodings.insert(encoding.id.clone(), encoding.clone()));
            events::watch_encoding(app, &encoding);
            reply.one(to_json(
                app,
                &encoding,
                Some(&video),
                wants_screenshots(params),
            ))
        }
        ("GET", [id]) => {
            let (e, v) = find(id).ok_or_else(|| ApiError::not_found("Encoding", id))?;
            reply.one(to_json(app, &e, v.as_ref(), wants_screenshots(params)))
        }
        ("DELETE", [id]) => {
            let (e, _) = find(id).ok_or_else(|| ApiError::not_found("Encoding", id))?;
            app.store.write(|d| d.encodings.remove(&e.id));
            remove_files(app, &e);
            super::deleted()
        }
        _ => Err(super::unknown_call(request)),
    }
}

/// Removes what an encoding stored: its outputs and screenshots.
pub(super) fn remove_files(app: &AppState, e: &Encoding) {
    let dir = app.store.factory_dir(&e.factory_id);
    for name in e.stored_files() {
        let _ = std::fs::remove_file(dir.join(name));
    }
}
