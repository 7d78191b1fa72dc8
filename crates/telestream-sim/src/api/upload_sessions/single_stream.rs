//! The older single-stream resumable protocol (telestream-cloud.md 5.5), which the v3.0 SDKs before mid-2016
//! (`telestream-cloud` 1.1.0, the `panda` gem, the browser uploader) speak to a session created without
//! `multi_chunk`: `PUT` or `POST` at the location with `Content-Range: bytes START-END/TOTAL` and the bytes
//! from `START` on. An incomplete file is answered 204 with `Range: 0-LAST` (the bytes held), the chunk that
//! completes it 200 with the video JSON. `Content-Range: bytes */TOTAL` with no body asks for the offset after
//! a broken connection; a request without `Content-Range` carries the whole file.
//!
//! A finished session answers every later request (the offset query too) with 200, the video JSON and
//! `Range: 0-(TOTAL-1)`: 1.1.0's Python SDK raises "Nothing to resume" on an answer without `Range`, so a
//! client whose final answer was lost can still resume, re-send its last byte and get the video.
//!
//! The old clients claim `END = START + chunk - 1` even for the short last chunk, past `TOTAL - 1`: the real
//! body length counts, `END` only bounds it. A chunk may start anywhere inside the bytes held (the old
//! Python and Ruby code resumed at `LAST`, re-sending one byte), never past them: a gap would leave bytes
//! nobody sent.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{finish_if_complete, no_session, video_reply, write_at};
use crate::error::ApiError;
use crate::state::AppState;

/// What a `Content-Range` header of 5.5 asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContentRange {
    /// `bytes */TOTAL`: how many bytes does the server hold?
    Query { total: u64 },
    /// `bytes START-END/TOTAL`: bytes from `START`, `END` inclusive.
    Chunk { start: u64, end: u64, total: u64 },
}

/// Parses `bytes */TOTAL` or `bytes START-END/TOTAL`; `None` for anything else.
fn parse_content_range(value: &str) -> Option<ContentRange> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (span, total) = rest.split_once('/')?;
    let total = total.trim().parse().ok()?;
    if span.trim() == "*" {
        return Some(ContentRange::Query { total });
    }
    let (start, end) = span.split_once('-')?;
    let (start, end) = (start.trim().parse().ok()?, end.trim().parse().ok()?);
    (start <= end).then_some(ContentRange::Chunk { start, end, total })
}

/// A `PUT`/`POST` at the location of a single-stream session.
pub(super) async fn put_chunk(
    app: &AppState,
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let range = match headers.get(header::CONTENT_RANGE) {
        None => None,
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .and_then(parse_content_range)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "Content-Range must be bytes START-END/TOTAL or bytes */TOTAL",
                    )
                })?,
        ),
    };
    let (path, file_size, held) = {
        let sessions = app.sessions.lock();
        let session = sessions.get(id).ok_or_else(|| no_session(id))?;
        if let Some(video_id) = &session.video_id {
            // A chunk repeated after completion (a retry whose answer was lost) gets the video again.
            return Ok(with_range(
                video_reply(app, video_id)?,
                session.held_range(),
            ));
        }
        let file = session.file.as_ref().ok_or_else(ApiError::internal)?;
        (file.path().to_path_buf(), session.file_size, session.held)
    };
    if headers.contains_key("x-part") {
        return Err(ApiError::bad_request(
            "this session was created without multi_chunk: send Content-Range chunks, not X-Part",
        ));
    }
    let total = match range {
        Some(ContentRange::Query { total } | ContentRange::Chunk { total, .. }) => total,
        None => file_size,
    };
    if total != file_size {
        return Err(ApiError::bad_request(format!(
            "Content-Range says {total} bytes but the session declared {file_size}"
        )));
    }
    // Where the bytes go and how many may come: the rest of the file, or less if END says so.
    let (start, max, exact) = match range {
        Some(ContentRange::Query { .. }) => (held, 0, false),
        Some(ContentRange::Chunk { start, end, .. }) => {
            if start > held {
                return Err(ApiError::bad_request(format!(
                    "this chunk starts at byte {start} but only {held} bytes have arrived"
                )));
            }
            let room = file_size.saturating_sub(start);
            (start, room.min((end - start).saturating_add(1)), false)
        }
        // Without Content-Range the whole file comes in one request.
        None => (0, file_size, true),
    };
    let written = write_at(&path, start, max, body, app.config.idle_timeout).await?;
    if exact && written != file_size {
        return Err(ApiError::bad_request(format!(
            "without Content-Range the whole file of {file_size} bytes is expected"
        )));
    }
    let range = {
        let mut sessions = app.sessions.lock();
        let session = sessions.get_mut(id).ok_or_else(|| no_session(id))?;
        session.held = session.held.max(start + written);
        session.held_range()
    };
    if let Some(video) = finish_if_complete(app, id).await? {
        return Ok(with_range(video, range));
    }
    Ok(with_range(StatusCode::NO_CONTENT.into_response(), range))
}

/// Adds the `Range` of the bytes held, if any.
fn with_range(mut response: Response, range: Option<String>) -> Response {
    if let Some(range) = range.and_then(|r| HeaderValue::from_str(&r).ok()) {
        response.headers_mut().insert(header::RANGE, range);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_range_names_a_chunk_or_asks_for_the_offset() {
        assert_eq!(
            parse_content_range("bytes 0-5242879/805301"),
            Some(ContentRange::Chunk {
                start: 0,
                end: 5_242_879,
                total: 805_301
            })
        );
        assert_eq!(
            parse_content_range("bytes */805301"),
            Some(ContentRange::Query { total: 805_301 })
        );
    }

    #[test]
    fn a_malformed_or_backwards_content_range_is_refused() {
        for bad in [
            "bytes 5-4/10",
            "bytes 0-4",
            "items 0-4/10",
            "bytes a-4/10",
            "bytes 0-4/*",
            "",
        ] {
            assert_eq!(parse_content_range(bad), None, "{bad}");
        }
    }
}
