//! The size of a multipart body's file part before its bytes are read, for
//! platforms that must be told a file's size before its first byte (a
//! Telestream upload session).
//!
//! A multipart body announces no part's size, but its `Content-Length`
//! covers everything: when the file is the last part, its size is the
//! length minus where its bytes start minus the closing delimiter. Where
//! they start is found in the first bytes of the body, kept by
//! [`record_prefix`]. The figure is a claim to check: the caller compares it
//! with the bytes that really came (a part after the file, or a body closed
//! in an unusual way, makes it wrong, and the upload then fails instead of
//! storing a cut file).

use std::sync::{Arc, Mutex};

use axum::body::Body;
use futures::StreamExt;

/// Most bytes of a body kept to find where its file starts: the text
/// fields sent before a file are short.
const PREFIX_BYTES: usize = 64 << 10;

/// The first bytes of a request body, as they went by.
#[derive(Debug, Clone, Default)]
pub(crate) struct BodyPrefix(Arc<Mutex<Vec<u8>>>);

/// `body`, unchanged, keeping its first [`PREFIX_BYTES`] in the returned
/// prefix.
pub(crate) fn record_prefix(body: Body) -> (Body, BodyPrefix) {
    let prefix = BodyPrefix::default();
    let kept = prefix.clone();
    let stream = body.into_data_stream().map(move |chunk| {
        if let Ok(bytes) = &chunk {
            let mut kept = kept.0.lock().unwrap_or_else(|p| p.into_inner());
            let room = PREFIX_BYTES.saturating_sub(kept.len());
            kept.extend_from_slice(&bytes[..room.min(bytes.len())]);
        }
        chunk
    });
    (Body::from_stream(stream), prefix)
}

impl BodyPrefix {
    /// The size of part `index` (from 0) of a body of `content_length`
    /// bytes with `boundary`, if it is the last part and its start is
    /// among the kept bytes.
    pub(crate) fn last_part_size(
        &self,
        content_length: u64,
        boundary: &str,
        index: usize,
    ) -> Option<u64> {
        let kept = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let start = part_data_start(&kept, boundary, index)?;
        let closing = format!("\r\n--{boundary}--\r\n").len() as u64;
        content_length
            .checked_sub(start as u64)?
            .checked_sub(closing)
    }
}

/// Where the bytes of part `index` start in `body`: after its delimiter
/// line and its headers.
fn part_data_start(body: &[u8], boundary: &str, index: usize) -> Option<usize> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut found = 0;
    let mut at = 0;
    loop {
        let position = at + find(&body[at..], delimiter)?;
        // A delimiter starts the body or a line.
        if position == 0 || body[..position].ends_with(b"\r\n") {
            if found == index {
                let headers = position + delimiter.len();
                return Some(headers + find(&body[headers..], b"\r\n\r\n")? + 4);
            }
            found += 1;
        }
        at = position + delimiter.len();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body as curl, Python's requests and browsers send it.
    fn body(boundary: &str, text: &str, file: &[u8]) -> Vec<u8> {
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"medianame\"\r\n\r\n{text}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\
             Content-Type: video/mp4\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        body
    }

    #[test]
    fn the_last_part_size_is_the_length_less_what_surrounds_it() {
        let file = b"--not a delimiter\r\n\r\n".repeat(10);
        let whole = body("b0undary", "clip", &file);
        let prefix = BodyPrefix(Arc::new(Mutex::new(whole.clone())));
        assert_eq!(
            prefix.last_part_size(whole.len() as u64, "b0undary", 1),
            Some(file.len() as u64)
        );
    }

    #[test]
    fn a_part_whose_start_was_not_kept_has_no_size() {
        let whole = body("b0undary", "clip", b"data");
        let cut = whole[..40].to_vec();
        let prefix = BodyPrefix(Arc::new(Mutex::new(cut)));
        assert_eq!(
            prefix.last_part_size(whole.len() as u64, "b0undary", 1),
            None
        );
        assert_eq!(prefix.last_part_size(3, "b0undary", 0), None);
    }
}
