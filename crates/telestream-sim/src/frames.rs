//! The images an encoding makes (telestream-cloud.md 4.3, 4.4): the screenshots every successful encoding
//! leaves next to its output (`frame_count`, default 7, evenly spaced), and the outputs of a `thumbnail`
//! preset profile (`frame_offsets`, `frame_interval`, `frame_count`). Frames cannot be decoded without
//! native codecs, so each image is the shared frame marker: a dark frame with the offset it stands for
//! written on it and a bar showing that offset within the duration.
//!
//! Profile options arrive as strings (v3.0) or as sent (Flip 3.1); they are read here, and an option that
//! cannot be read fails the encoding rather than the profile call, as the service checks them when it
//! encodes.

use std::path::Path;

use serde_json::{Map, Value};
use sim_support::imaging::{encode_jpeg, frame_marker};

use crate::store::Failure;

/// Screenshots of an encoding when its profile says nothing (`frame_count`, 4.3).
pub(crate) const DEFAULT_FRAME_COUNT: u32 = 7;
/// Most images one encoding makes: each is drawn and stored.
pub(crate) const MAX_FRAMES: u32 = 100;
/// Widest image drawn; taller or wider videos are scaled down to it, keeping the aspect ratio.
const MAX_WIDTH: u32 = 1280;
/// Size of the images of a video whose size is unknown.
const FALLBACK_SIZE: (u32, u32) = (640, 360);
/// Frame rate that turns `250f` into a time: the source's rate is not probed, so PAL's 25 fps stands in.
const ASSUMED_FPS: u64 = 25;

/// One time in a frame option: `2s`, `1.5s`, `250f`, or a bare number of seconds.
fn parse_offset(text: &str) -> Option<u64> {
    let text = text.trim();
    if let Some(frames) = text.strip_suffix('f') {
        let frames: u64 = frames.trim().parse().ok()?;
        return frames.checked_mul(1000).map(|ms| ms / ASSUMED_FPS);
    }
    let seconds = text.strip_suffix('s').unwrap_or(text).trim();
    let seconds: f64 = seconds.parse().ok()?;
    (seconds.is_finite() && (0.0..=1e9).contains(&seconds))
        .then(|| (seconds * 1000.0).round() as u64)
}

/// An option as text, whatever JSON type it arrived as.
fn option_text(fields: &Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key)? {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn invalid(message: String) -> Failure {
    Failure {
        class: "CommandInvalid".to_owned(),
        message,
    }
}

/// `frame_count` of a profile: at most [`MAX_FRAMES`], default [`DEFAULT_FRAME_COUNT`].
pub(crate) fn frame_count(fields: &Map<String, Value>) -> Result<u32, Failure> {
    match option_text(fields, "frame_count") {
        None => Ok(DEFAULT_FRAME_COUNT),
        Some(text) => match text.trim().parse::<u32>() {
            Ok(n) if n <= MAX_FRAMES => Ok(n),
            _ => Err(invalid(format!(
                "frame_count must be a whole number from 0 to {MAX_FRAMES}, not {text:?}"
            ))),
        },
    }
}

/// `count` offsets spread evenly inside `duration_ms` (neither at the very start nor at the end), as the
/// screenshots of an encoding.
pub(crate) fn evenly_spaced(count: u32, duration_ms: u64) -> Vec<u64> {
    (1..=u64::from(count))
        .map(|n| duration_ms.saturating_mul(n) / (u64::from(count) + 1))
        .collect()
}

/// The offsets a `thumbnail` preset profile asks for, in milliseconds: `frame_offsets` when given (in the
/// order given), else one every `frame_interval` from the start (at most `frame_count` when given), else
/// `frame_count` evenly spaced. Fails `CommandInvalid` for an option it cannot read, and `EncodingError`
/// for an offset beyond the duration (when the duration is known).
pub(crate) fn thumbnail_offsets(
    fields: &Map<String, Value>,
    duration_ms: Option<u64>,
) -> Result<Vec<u64>, Failure> {
    let offsets = if let Some(list) = option_text(fields, "frame_offsets") {
        let offsets = list
            .split(',')
            .map(|item| {
                parse_offset(item)
                    .ok_or_else(|| invalid(format!("frame_offsets: cannot read {:?}", item.trim())))
            })
            .collect::<Result<Vec<u64>, Failure>>()?;
        if offsets.is_empty() || offsets.len() > MAX_FRAMES as usize {
            return Err(invalid(format!(
                "frame_offsets must name 1 to {MAX_FRAMES} offsets"
            )));
        }
        offsets
    } else if let Some(text) = option_text(fields, "frame_interval") {
        let interval = parse_offset(&text)
            .filter(|ms| *ms > 0)
            .ok_or_else(|| invalid(format!("frame_interval: cannot read {text:?}")))?;
        let limit = match option_text(fields, "frame_count") {
            Some(_) => frame_count(fields)?,
            None => MAX_FRAMES,
        };
        // Without a known duration, the interval alone cannot say how many: `limit` images.
        let end = duration_ms.unwrap_or(u64::MAX);
        (0..u64::from(limit))
            .map_while(|n| n.checked_mul(interval).filter(|t| *t < end.max(1)))
            .collect()
    } else {
        evenly_spaced(frame_count(fields)?, duration_ms.unwrap_or(0))
    };
    if let (Some(duration), Some(beyond)) = (
        duration_ms,
        offsets.iter().find(|t| Some(**t) > duration_ms),
    ) {
        return Err(Failure {
            class: "EncodingError".to_owned(),
            message: format!(
                "frame offset {:.3} s is beyond the duration of the video ({:.3} s)",
                *beyond as f64 / 1000.0,
                duration as f64 / 1000.0
            ),
        });
    }
    Ok(offsets)
}

/// Image size for a video of `width`×`height`: its own size, scaled down to [`MAX_WIDTH`] wide.
pub(crate) fn image_size(width: Option<u32>, height: Option<u32>) -> (u32, u32) {
    match (width, height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => {
            if w <= MAX_WIDTH {
                (w, h)
            } else {
                let scaled = (u64::from(h) * u64::from(MAX_WIDTH) / u64::from(w)).max(1);
                (MAX_WIDTH, u32::try_from(scaled).unwrap_or(1))
            }
        }
        _ => FALLBACK_SIZE,
    }
}

/// Draws one JPEG per offset into `dir`, named by `names` (one name per offset).
pub(crate) fn write_images(
    dir: &Path,
    names: &[String],
    offsets: &[u64],
    size: (u32, u32),
    duration_ms: u64,
) -> std::io::Result<()> {
    for (name, offset) in names.iter().zip(offsets) {
        let frame = frame_marker(size.0, size.1, *offset, duration_ms);
        let jpeg = encode_jpeg(&frame, 0).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(name), jpeg)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn options(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn offsets_read_seconds_and_frames() {
        assert_eq!(parse_offset("2s"), Some(2000));
        assert_eq!(parse_offset(" 1.5s "), Some(1500));
        assert_eq!(parse_offset("250f"), Some(10_000));
        assert_eq!(parse_offset("3"), Some(3000));
        assert_eq!(parse_offset("-1s"), None);
        assert_eq!(parse_offset("soon"), None);
    }

    #[test]
    fn frame_offsets_are_taken_in_the_order_given() {
        let fields = options(json!({"frame_offsets": "2s, 10s, 250f"}));
        assert_eq!(
            thumbnail_offsets(&fields, Some(20_000)).unwrap(),
            vec![2000, 10_000, 10_000]
        );
    }

    #[test]
    fn an_offset_beyond_the_duration_fails_the_encoding() {
        let fields = options(json!({"frame_offsets": "2s, 30s"}));
        let failure = thumbnail_offsets(&fields, Some(10_000)).unwrap_err();
        assert_eq!(failure.class, "EncodingError");
        assert!(failure.message.contains("30.000 s"), "{}", failure.message);
    }

    #[test]
    fn an_unreadable_option_fails_as_an_invalid_command() {
        let fields = options(json!({"frame_offsets": "2s, later"}));
        assert_eq!(
            thumbnail_offsets(&fields, None).unwrap_err().class,
            "CommandInvalid"
        );
        let fields = options(json!({"frame_count": "1000"}));
        assert_eq!(frame_count(&fields).unwrap_err().class, "CommandInvalid");
    }

    #[test]
    fn an_interval_steps_from_the_start_until_the_duration_or_the_count() {
        let fields = options(json!({"frame_interval": "1000f"}));
        assert_eq!(
            thumbnail_offsets(&fields, Some(100_000)).unwrap(),
            vec![0, 40_000, 80_000]
        );
        let fields = options(json!({"frame_interval": "10s", "frame_count": 2}));
        assert_eq!(
            thumbnail_offsets(&fields, Some(100_000)).unwrap(),
            vec![0, 10_000]
        );
    }

    #[test]
    fn without_options_a_thumbnail_profile_takes_seven_evenly_spaced_frames() {
        let offsets = thumbnail_offsets(&Map::new(), Some(8000)).unwrap();
        assert_eq!(offsets, vec![1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    }

    #[test]
    fn images_keep_the_video_size_up_to_1280_wide() {
        assert_eq!(image_size(Some(320), Some(240)), (320, 240));
        assert_eq!(image_size(Some(1920), Some(1080)), (1280, 720));
        assert_eq!(image_size(None, None), (640, 360));
    }

    #[test]
    fn images_of_different_offsets_differ() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a.jpg".to_owned(), "b.jpg".to_owned()];
        write_images(dir.path(), &names, &[1000, 9000], (160, 90), 10_000).unwrap();
        let a = std::fs::read(dir.path().join("a.jpg")).unwrap();
        let b = std::fs::read(dir.path().join("b.jpg")).unwrap();
        assert!(a.starts_with(&[0xFF, 0xD8]));
        assert_ne!(a, b);
    }
}
