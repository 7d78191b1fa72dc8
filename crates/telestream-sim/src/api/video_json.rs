//! A video as the wire shows it (telestream-cloud.md 4.2), for answers and for the `video` field of
//! notifications: its own module so that `videos` (which starts encodings) and `events` (which the
//! encodings call) can both use it.

use serde_json::{Value, json};

use crate::clock::format_date;
use crate::state::AppState;
use crate::store::Video;

pub(crate) fn to_json(app: &AppState, v: &Video) -> Value {
    let encodings_count = app
        .store
        .read(|d| d.encodings.values().filter(|e| e.video_id == v.id).count());
    let mut value = json!({
        "id": v.id,
        "status": status(v),
        "source_url": v.source_url,
        "original_filename": v.original_filename,
        "extname": v.extname,
        "path": v.id,
        "mime_type": v.mime_type,
        "file_size": v.file_size,
        "duration": v.duration,
        "width": v.width,
        "height": v.height,
        "payload": v.payload,
        "encodings_count": encodings_count,
        "created_at": format_date(v.created_at),
        "updated_at": format_date(v.updated_at),
    });
    if let (Some(failure), Value::Object(map)) = (&v.failure, &mut value) {
        map.insert("error_class".into(), json!(failure.class));
        map.insert("error_message".into(), json!(failure.message));
    }
    value
}

/// The wire `status` of a video (4.6): `processing` while its source is fetched, then `success` or `fail`.
pub(crate) fn status(v: &Video) -> &'static str {
    if v.fetching {
        "processing"
    } else if v.failure.is_some() {
        "fail"
    } else {
        "success"
    }
}
