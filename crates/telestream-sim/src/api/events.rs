//! When notifications are sent (telestream-cloud.md 6.2) and what they carry: `video-created` once a
//! video's source is stored or failed, with `video_id` and `encoding_ids[N]`; `encoding-progress` with
//! `encoding_id` and `progress` every progress interval while an encoding runs; `encoding-complete` with
//! `encoding_id` when it ends (success or fail); `video-encoded` with `video_id` and `encoding_ids[N]`
//! when the last running encoding of a video ends (again if encodings are added later). With
//! `send_video_payload`, video events also carry `video` (the video JSON). The settings are read when
//! each event happens, so a change applies to what follows.
//!
//! Encodings end by the clock (`lifecycle`), not by a worker: a background task per encoding sleeps until
//! its next progress report or its end.

use std::time::Duration;

use super::video_json;
use crate::clock;
use crate::lifecycle::{EncodingStatus, encoding_status};
use crate::notify::{self, Event};
use crate::state::AppState;
use crate::store::{Encoding, Video};

/// `encoding_ids[0]=…&encoding_ids[1]=…` (6.3).
fn encoding_ids(ids: &[String]) -> Vec<(String, String)> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| (format!("encoding_ids[{i}]"), id.clone()))
        .collect()
}

/// Sends a video event, with the video JSON when the factory asks for it.
fn send_video_event(app: &AppState, event: Event, video: &Video, ids: &[String]) {
    let Some(settings) = notify::settings_for(app, &video.factory_id, event) else {
        return;
    };
    let mut fields = vec![("video_id".to_owned(), video.id.clone())];
    fields.extend(encoding_ids(ids));
    if settings.send_video_payload {
        fields.push((
            "video".to_owned(),
            video_json::to_json(app, video).to_string(),
        ));
    }
    notify::send(app, &settings, event, fields);
}

/// A video's source was stored (or failed): `video-created`, and a watch on each of its encodings.
pub(super) fn video_created(app: &AppState, video: &Video, encodings: &[Encoding]) {
    let ids: Vec<String> = encodings.iter().map(|e| e.id.clone()).collect();
    send_video_event(app, Event::VideoCreated, video, &ids);
    for e in encodings {
        watch_encoding(app, e);
    }
}

/// Starts the background task that reports an encoding's progress and end.
pub(super) fn watch_encoding(app: &AppState, encoding: &Encoding) {
    let (task_app, id) = (app.clone(), encoding.id.clone());
    app.background
        .spawn(async move { watch(&task_app, &id).await });
}

/// Watches again the encodings a stopped simulator left running.
pub(super) fn resume(app: &AppState) {
    let delay = delay_ms(app);
    let now = clock::now_ms();
    let running: Vec<Encoding> = app.store.read(|d| {
        d.encodings
            .values()
            .filter(|e| {
                matches!(
                    encoding_status(e, now, delay),
                    EncodingStatus::Processing { .. }
                )
            })
            .cloned()
            .collect()
    });
    for e in &running {
        watch_encoding(app, e);
    }
}

fn delay_ms(app: &AppState) -> u64 {
    u64::try_from(app.config.encoding_delay.as_millis()).unwrap_or(u64::MAX)
}

async fn watch(app: &AppState, encoding_id: &str) {
    let delay = delay_ms(app);
    let interval = app
        .config
        .delivery
        .progress_interval
        .max(Duration::from_millis(1));
    loop {
        let Some(encoding) = app.store.read(|d| d.encodings.get(encoding_id).cloned()) else {
            // Deleted: nothing more to report.
            return;
        };
        let now = clock::now_ms();
        let EncodingStatus::Processing { .. } = encoding_status(&encoding, now, delay) else {
            completed(app, &encoding);
            return;
        };
        let end = encoding.started_at.saturating_add_unsigned(delay);
        let ends_in = Duration::from_millis(u64::try_from(end.saturating_sub(now)).unwrap_or(0));
        if ends_in > interval {
            tokio::time::sleep(interval).await;
            report_progress(app, encoding_id);
        } else {
            tokio::time::sleep(ends_in).await;
        }
    }
}

/// `encoding-progress` with the progress at this moment.
fn report_progress(app: &AppState, encoding_id: &str) {
    let Some(encoding) = app.store.read(|d| d.encodings.get(encoding_id).cloned()) else {
        return;
    };
    let EncodingStatus::Processing { progress } =
        encoding_status(&encoding, clock::now_ms(), delay_ms(app))
    else {
        return;
    };
    if let Some(settings) = notify::settings_for(app, &encoding.factory_id, Event::EncodingProgress)
    {
        let fields = vec![
            ("encoding_id".to_owned(), encoding.id.clone()),
            ("progress".to_owned(), progress.to_string()),
        ];
        notify::send(app, &settings, Event::EncodingProgress, fields);
    }
}

/// An encoding ended: `encoding-complete`, and `video-encoded` when it is the last of its video to end.
fn completed(app: &AppState, encoding: &Encoding) {
    if let Some(settings) = notify::settings_for(app, &encoding.factory_id, Event::EncodingComplete)
    {
        let fields = vec![("encoding_id".to_owned(), encoding.id.clone())];
        notify::send(app, &settings, Event::EncodingComplete, fields);
    }
    let (video, siblings) = app.store.read(|d| {
        let mut siblings: Vec<Encoding> = d
            .encodings
            .values()
            .filter(|e| e.video_id == encoding.video_id)
            .cloned()
            .collect();
        siblings.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        (d.videos.get(&encoding.video_id).cloned(), siblings)
    });
    let Some(video) = video else { return };
    // Every encoding takes the same time, so the one started last ends last; when two end together,
    // the greater id speaks, so the video is reported once.
    let last = siblings
        .iter()
        .max_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    if last.is_some_and(|l| l.id == encoding.id) {
        let ids: Vec<String> = siblings.iter().map(|e| e.id.clone()).collect();
        send_video_event(app, Event::VideoEncoded, &video, &ids);
    }
}
