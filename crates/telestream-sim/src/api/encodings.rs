//! Encodings (telestream-cloud.md 4.3): list with filters, get, create for a video and a profile, delete.
//! The status follows `lifecycle`; the output is a copy of the source made at creation and served from the
//! factory `url` once the encoding succeeded.

use axum::response::Response;
use serde_json::{Value, json};

use super::{Reply, factory_of, profiles};
use crate::clock::{self, format_date};
use crate::error::ApiError;
use crate::lifecycle::{EncodingStatus, encoding_status, invalid_video};
use crate::request::{ApiRequest, Params};
use crate::state::AppState;
use crate::store::{Encoding, Profile, Video, new_id};

pub(super) fn to_json(app: &AppState, e: &Encoding, video: Option<&Video>) -> Value {
    let delay = u64::try_from(app.config.encoding_delay.as_millis()).unwrap_or(u64::MAX);
    let status = encoding_status(e, clock::now_ms(), delay);
    let files: Vec<String> = match status {
        EncodingStatus::Success => vec![e.output_name()],
        _ => Vec::new(),
    };
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
    if let (EncodingStatus::Fail(failure), Value::Object(map)) = (&status, &mut value) {
        map.insert("error_class".into(), json!(failure.class));
        map.insert("error_message".into(), json!(failure.message));
    }
    value
}

/// A new encoding of `video` with `profile`, its output copied from the source when the video is media.
pub(super) fn start(
    app: &AppState,
    video: &Video,
    profile: &Profile,
) -> Result<Encoding, ApiError> {
    let now = clock::now_ms();
    let encoding = Encoding {
        id: new_id(),
        video_id: video.id.clone(),
        factory_id: video.factory_id.clone(),
        profile_id: profile.id.clone(),
        profile_name: profile.name.clone(),
        extname: profile.extname.clone(),
        failure: video.failure.as_ref().map(|_| invalid_video()),
        started_at: now,
        created_at: now,
    };
    if encoding.failure.is_none() {
        let dir = app.store.factory_dir(&video.factory_id);
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
    }
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
        .map(|(e, v)| to_json(app, e, v.as_ref()))
        .collect()
}

pub(super) fn dispatch(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
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
            if video.failure.is_some() || !video.has_source {
                return Err(ApiError::bad_request(
                    "the video failed or has no source: it cannot be encoded",
                ));
            }
            let wanted = params
                .get("profile_id")
                .or_else(|| params.get("profile_name"))
                .ok_or_else(|| ApiError::bad_request("profile_id or profile_name is required"))?;
            let profile = profiles::find(app, &factory_id, &wanted)
                .ok_or_else(|| ApiError::not_found("Profile", &wanted))?;
            let encoding = start(app, &video, &profile)?;
            app.store
                .write(|d| d.encodings.insert(encoding.id.clone(), encoding.clone()));
            reply.one(to_json(app, &encoding, Some(&video)))
        }
        ("GET", [id]) => {
            let (e, v) = find(id).ok_or_else(|| ApiError::not_found("Encoding", id))?;
            reply.one(to_json(app, &e, v.as_ref()))
        }
        ("DELETE", [id]) => {
            let (e, _) = find(id).ok_or_else(|| ApiError::not_found("Encoding", id))?;
            app.store.write(|d| d.encodings.remove(&e.id));
            let _ = std::fs::remove_file(app.store.factory_dir(&factory_id).join(e.output_name()));
            super::deleted()
        }
        _ => Err(super::unknown_call(request)),
    }
}
