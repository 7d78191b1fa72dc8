//! Upload sessions (telestream-cloud.md 5.2, 5.3): `POST /videos/upload.json` declares a file and answers a
//! `location`; the client then sends numbered parts there (`PUT` or `POST`, header `X-Part`) in any order,
//! in parallel and as often as it likes, asks which are missing (`GET`), or aborts (`DELETE`). The part that
//! completes the file is answered with the new video's JSON, the others with an empty 200. A session
//! created without `multi_chunk` takes the older single-stream protocol instead ([`single_stream`], 5.5).
//! Location requests are not signed, as no SDK signs them.

mod single_stream;

use std::collections::BTreeSet;
use std::io::SeekFrom;

use axum::Json;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::json;
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

use super::{factory_of, videos};
use crate::error::ApiError;
use crate::request::{ApiRequest, Generation, Params, UploadedFile};
use crate::sessions::{Protocol, Session};
use crate::state::AppState;
use crate::store::new_id;

/// Parallel part uploads a client is told it may run (`max_connections`).
const MAX_CONNECTIONS: u64 = 8;

/// The protocol a new session takes: multi-chunk when `multi_chunk` asks for it (`true`, or the 2016 Go
/// SDK's `1`); Flip 3.1's body field defaults to true, the v3.0 parameter to the single stream of 5.5.
fn protocol_of(generation: Generation, params: &Params) -> Protocol {
    match params.get("multi_chunk").as_deref().map(str::trim) {
        Some("true" | "1") => Protocol::MultiChunk,
        None if generation == Generation::Flip31 => Protocol::MultiChunk,
        _ => Protocol::SingleStream,
    }
}

/// `POST /videos/upload.json`: a new session, answered 201 with `id` and `location`, and for a multi-chunk
/// one `parts`, `part_size`, `max_connections` as strings holding integers (5.2: "They only appear for
/// multi-chunk sessions").
pub(super) fn create(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
    let params = &request.params;
    let factory_id = factory_of(&app.store, params)?;
    let file_size = params
        .number("file_size")
        .ok_or_else(|| ApiError::bad_request("file_size is required"))?;
    let file_name = params
        .get("file_name")
        .ok_or_else(|| ApiError::bad_request("file_name is required"))?;
    if file_size > app.config.max_file_bytes {
        return Err(ApiError::file_too_large(app.config.max_file_bytes));
    }
    let payload = videos::checked_payload(params.get("payload"))?;
    // Refuse unknown profiles now rather than after the whole upload.
    videos::chosen_profiles(app, &factory_id, params.get("profiles"))?;
    let file = tempfile::NamedTempFile::new_in(app.store.tmp_dir())
        .and_then(|f| f.as_file().set_len(file_size).map(|()| f))
        .map_err(|e| {
            tracing::error!(error = %e, "cannot create an upload session file");
            ApiError::internal()
        })?;
    let session = Session {
        protocol: protocol_of(request.generation, params),
        factory_id,
        // The 2016 Python SDK sent the whole local path: keep the base name.
        file_name: file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&file_name)
            .to_owned(),
        file_size,
        part_size: app.config.part_size,
        profiles: params.get("profiles"),
        payload,
        received: BTreeSet::new(),
        held: 0,
        file: Some(file),
        video_id: None,
    };
    let id = new_id();
    let mut body = json!({
        "id": id,
        "location": format!("{}/upload/session?id={id}", app.config.base_url),
    });
    if session.protocol == Protocol::MultiChunk {
        body["parts"] = json!(session.parts().to_string());
        body["part_size"] = json!(session.part_size.to_string());
        body["max_connections"] = json!(MAX_CONNECTIONS.to_string());
    }
    app.sessions.lock().insert(id, session);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct Location {
    id: String,
}

fn no_session(id: &str) -> ApiError {
    ApiError::not_found("UploadSession", id)
}

/// The protocol of session `id`.
fn protocol(app: &AppState, id: &str) -> Result<Protocol, ApiError> {
    let sessions = app.sessions.lock();
    let session = sessions.get(id).ok_or_else(|| no_session(id))?;
    Ok(session.protocol)
}

/// The session `location` (`/upload/session?id=`): `GET` missing parts, `PUT`/`POST` a part (or a
/// `Content-Range` chunk in a single-stream session), `DELETE`.
pub(crate) async fn location(
    State(app): State<AppState>,
    Query(Location { id }): Query<Location>,
    req: Request,
) -> Response {
    let result = match (req.method().clone(), protocol(&app, &id)) {
        (_, Err(e)) => Err(e),
        (Method::GET, Ok(Protocol::MultiChunk)) => missing_parts(&app, &id),
        (Method::GET, Ok(Protocol::SingleStream)) => Err(ApiError::bad_request(
            "this session takes Content-Range chunks; ask for its offset with Content-Range: bytes */SIZE",
        )),
        (Method::PUT | Method::POST, Ok(Protocol::MultiChunk)) => {
            let (parts, body) = req.into_parts();
            put_part(&app, &id, &parts.headers, body).await
        }
        (Method::PUT | Method::POST, Ok(Protocol::SingleStream)) => {
            let (parts, body) = req.into_parts();
            single_stream::put_chunk(&app, &id, &parts.headers, body).await
        }
        (Method::DELETE, Ok(_)) => match app.sessions.lock().remove(&id) {
            Some(_) => Ok(StatusCode::OK.into_response()),
            None => Err(no_session(&id)),
        },
        (_, Ok(_)) => Ok(StatusCode::METHOD_NOT_ALLOWED.into_response()),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

fn missing_parts(app: &AppState, id: &str) -> Result<Response, ApiError> {
    let sessions = app.sessions.lock();
    let session = sessions.get(id).ok_or_else(|| no_session(id))?;
    Ok(Json(json!({"missing_parts": session.missing()})).into_response())
}

async fn put_part(
    app: &AppState,
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if headers
        .get("x-extra-file-tag")
        .is_some_and(|t| !t.as_bytes().is_empty())
    {
        return Err(ApiError::bad_request(
            "extra files are not supported by this simulator",
        ));
    }
    let index: u64 = headers
        .get("x-part")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| ApiError::bad_request("X-Part is required"))?;
    let (path, offset, expected) = {
        let sessions = app.sessions.lock();
        let session = sessions.get(id).ok_or_else(|| no_session(id))?;
        if let Some(video_id) = &session.video_id {
            // A part repeated after completion (a retry whose answer was lost) gets the video again.
            return video_reply(app, video_id);
        }
        if index >= session.parts() {
            return Err(ApiError::bad_request(format!(
                "part {index} is beyond the last part"
            )));
        }
        let file = session.file.as_ref().ok_or_else(ApiError::internal)?;
        (
            file.path().to_path_buf(),
            index * session.part_size,
            session.part_len(index),
        )
    };
    let written = write_at(&path, offset, expected, body, app.config.idle_timeout).await?;
    if written != expected {
        return Err(ApiError::bad_request(format!(
            "this part has {expected} bytes"
        )));
    }
    {
        let mut sessions = app.sessions.lock();
        let session = sessions.get_mut(id).ok_or_else(|| no_session(id))?;
        session.received.insert(index);
    }
    Ok(finish_if_complete(app, id)
        .await?
        .unwrap_or_else(|| StatusCode::OK.into_response()))
}

/// Once every byte of session `id` has arrived, makes the video and answers it; `None` while bytes are
/// missing. Only the request that sees the file complete takes it, so two racing requests make one video.
async fn finish_if_complete(app: &AppState, id: &str) -> Result<Option<Response>, ApiError> {
    let completed = {
        let mut sessions = app.sessions.lock();
        let session = sessions.get_mut(id).ok_or_else(|| no_session(id))?;
        if session.all_arrived() && session.file.is_some() {
            session.file.take().map(|file| {
                let upload = UploadedFile {
                    file,
                    file_name: session.file_name.clone(),
                    size: session.file_size,
                };
                (
                    upload,
                    session.factory_id.clone(),
                    session.profiles.clone(),
                    session.payload.clone(),
                )
            })
        } else {
            None
        }
    };
    let Some((upload, factory_id, profiles, payload)) = completed else {
        return Ok(None);
    };
    let chosen = videos::chosen_profiles(app, &factory_id, profiles)?;
    let video = videos::add(app, &factory_id, upload, &chosen, payload).await?;
    if let Some(session) = app.sessions.lock().get_mut(id) {
        session.video_id = Some(video.id.clone());
    }
    // The service answers the completing request before it has validated the new source, so the video is
    // still `processing` there (5.3), and the v3.0 Python SDK recognises the end of an upload by exactly
    // that status. The simulator stores and probes at once: later reads show `success` (or `fail`).
    let mut body = video_json(app, &video.id)?;
    if body["status"] == "success" {
        body["status"] = json!("processing");
    }
    Ok(Some(Json(body).into_response()))
}

fn video_json(app: &AppState, video_id: &str) -> Result<serde_json::Value, ApiError> {
    let video = app
        .store
        .read(|d| d.videos.get(video_id).cloned())
        .ok_or_else(|| ApiError::not_found("Video", video_id))?;
    Ok(videos::to_json(app, &video))
}

fn video_reply(app: &AppState, video_id: &str) -> Result<Response, ApiError> {
    Ok(Json(video_json(app, video_id)?).into_response())
}

/// Writes a request body into the session file at `offset`, refusing one longer than `max` bytes; answers
/// how many bytes it wrote.
async fn write_at(
    path: &std::path::Path,
    offset: u64,
    max: u64,
    body: Body,
    idle_timeout: std::time::Duration,
) -> Result<u64, ApiError> {
    let too_long = || ApiError::bad_request(format!("at most {max} bytes fit here"));
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .await
        .map_err(|_| ApiError::internal())?;
    file.seek(SeekFrom::Start(offset))
        .await
        .map_err(|_| ApiError::internal())?;
    let mut stream = body.into_data_stream();
    let mut written = 0u64;
    while let Some(chunk) = tokio::time::timeout(idle_timeout, stream.next())
        .await
        .map_err(|_| ApiError::bad_request("the request body stopped arriving"))?
    {
        let chunk =
            chunk.map_err(|_| ApiError::bad_request("the request body could not be read"))?;
        written += chunk.len() as u64;
        if written > max {
            return Err(too_long());
        }
        file.write_all(&chunk)
            .await
            .map_err(|_| ApiError::internal())?;
    }
    file.flush().await.map_err(|_| ApiError::internal())?;
    Ok(written)
}
