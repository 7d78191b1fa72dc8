//! `source_url` videos (telestream-cloud.md 4.2, 8): `POST /videos.json` with a `source_url` answers at
//! once with a `processing` video; the URL is fetched in the background (bounded by the largest file
//! size and the fetch timeout), then the source is probed, stored and encoded like an upload. A fetch that
//! fails makes the video `fail` with `DownloadFailed` and the reason. Loopback URLs are fetched too: this
//! is a test server, and tests serve their files on 127.0.0.1.

use sim_support::download::{base_name, download};

use axum::response::Response;

use super::{Reply, encodings, events, factory_of, videos};
use crate::clock;
use crate::error::ApiError;
use crate::request::ApiRequest;
use crate::state::AppState;
use crate::store::{Failure, Profile, Video, new_id};

/// Longest URL accepted, like any other bounded parameter.
const MAX_URL_CHARS: usize = 2048;

/// `POST /videos.json` with a `source_url` and no file.
pub(super) fn create(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
    let params = &request.params;
    let factory_id = factory_of(&app.store, params)?;
    let payload = videos::checked_payload(params.get("payload"))?;
    let chosen = videos::chosen_profiles(app, &factory_id, params.get("profiles"))?;
    let url = params
        .get("source_url")
        .ok_or_else(|| ApiError::bad_request("a file or a source_url is required"))?;
    let video = start(app, &factory_id, &url, &chosen, payload)?;
    Reply(request.generation).created(videos::to_json(app, &video))
}

/// Records a `processing` video for `url` and starts fetching it; `chosen` are encoded once it is stored.
fn start(
    app: &AppState,
    factory_id: &str,
    url: &str,
    chosen: &[Profile],
    payload: Option<String>,
) -> Result<Video, ApiError> {
    let url = url.trim();
    let parsed = url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && url.len() <= MAX_URL_CHARS)
        .ok_or_else(|| ApiError::bad_request("source_url must be an http or https URL"))?;
    let file_name = parsed
        .path_segments()
        .and_then(|mut s| s.next_back().map(base_name))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "download".to_owned());
    let now = clock::now_ms();
    let video = Video {
        id: new_id(),
        factory_id: factory_id.to_owned(),
        extname: videos::extension(&file_name, None),
        original_filename: file_name,
        mime_type: None,
        file_size: 0,
        width: None,
        height: None,
        duration: None,
        payload,
        has_source: false,
        failure: None,
        source_url: Some(url.to_owned()),
        fetching: true,
        pending_profiles: chosen.iter().map(|p| p.id.clone()).collect(),
        created_at: now,
        updated_at: now,
    };
    app.store
        .write(|d| d.videos.insert(video.id.clone(), video.clone()));
    spawn_fetch(app, video.id.clone());
    Ok(video)
}

/// Fetches again the videos a stopped simulator was fetching.
pub(super) fn resume(app: &AppState) {
    let fetching: Vec<String> = app.store.read(|d| {
        d.videos
            .values()
            .filter(|v| v.fetching)
            .map(|v| v.id.clone())
            .collect()
    });
    for id in fetching {
        spawn_fetch(app, id);
    }
}

fn spawn_fetch(app: &AppState, video_id: String) {
    let task_app = app.clone();
    app.background
        .spawn(async move { fetch(&task_app, &video_id).await });
}

/// Fetches the source of `video_id`, then stores, probes and encodes it, or fails the video.
async fn fetch(app: &AppState, video_id: &str) {
    let Some(video) = app.store.read(|d| d.videos.get(video_id).cloned()) else {
        return;
    };
    let Some(url) = video.source_url.clone() else {
        return;
    };
    let tmp_dir = app.store.tmp_dir();
    let fetched = download(
        &url,
        &tmp_dir,
        app.config.fetch_timeout,
        app.config.max_file_bytes,
    )
    .await;
    let outcome = match fetched {
        Ok(fetched) => store(app, video, fetched).await,
        Err(e) => {
            tracing::info!(video = video_id, error = %e, "source_url fetch failed");
            Err(Failure {
                class: "DownloadFailed".to_owned(),
                message: format!("cannot fetch {url}: {e}"),
            })
        }
    };
    let Err(failure) = outcome else { return };
    let failed = app.store.write(|d| {
        let v = d.videos.get_mut(video_id)?;
        v.fetching = false;
        v.pending_profiles.clear();
        v.failure = Some(failure);
        v.updated_at = clock::now_ms();
        Some(v.clone())
    });
    if let Some(video) = failed {
        events::video_created(app, &video, &[]);
    }
}

/// Stores a fetched source as the video's and starts its encodings; the failure says why it could not.
async fn store(
    app: &AppState,
    mut video: Video,
    fetched: sim_support::download::Download,
) -> Result<(), Failure> {
    let unexpected = |_: ApiError| Failure {
        class: "UnexpectedError".to_owned(),
        message: "the fetched source could not be stored".to_owned(),
    };
    video.file_size = fetched.size;
    videos::describe_source(&mut video, &fetched.file)
        .await
        .map_err(unexpected)?;
    videos::keep_source(app, &video, fetched.file).map_err(unexpected)?;
    video.has_source = true;
    video.fetching = false;
    video.updated_at = clock::now_ms();
    let chosen: Vec<Profile> = app.store.read(|d| {
        video
            .pending_profiles
            .iter()
            .filter_map(|id| d.profiles.get(id).cloned())
            .collect()
    });
    video.pending_profiles.clear();
    let started = videos::start_encodings(app, &video, &chosen)
        .await
        .map_err(unexpected)?;
    let kept = app.store.write(|d| {
        // Deleted while it was fetched: forget it.
        let slot = d.videos.get_mut(&video.id)?;
        *slot = video.clone();
        for e in &started {
            d.encodings.insert(e.id.clone(), e.clone());
        }
        Some(())
    });
    if kept.is_none() {
        let dir = app.store.factory_dir(&video.factory_id);
        let _ = std::fs::remove_file(dir.join(video.source_name()));
        for e in &started {
            encodings::remove_files(app, e);
        }
        return Ok(());
    }
    events::video_created(app, &video, &started);
    Ok(())
}
