//! `/thumbnail/entry_id/{id}/…` (kaltura-api-v3.md 14.1): the entry's image —
//! the image itself for image entries, the default thumbnail asset for video
//! and audio, the grey placeholder when a video has none — cropped and scaled
//! on the fly and sent as JPEG.

use std::path::PathBuf;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::{UrlParams, find_entry, url_error};
use crate::state::AppState;
use crate::store::media_type;
use sim_support::imaging::{self, CropType, SourceRect, ThumbnailSpec};

/// Size when the URL gives neither width nor height (nor `def_*`).
const DEFAULT_SIZE: (u32, u32) = (120, 90);

pub(super) async fn serve(app: &AppState, params: &UrlParams) -> Response {
    let entry = match find_entry(app, params.get("entry_id")) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    let spec = match read_spec(params) {
        Ok(s) => s,
        Err(message) => return url_error(25, &message),
    };
    let source: Option<PathBuf> = if entry.media_type == Some(media_type::IMAGE) {
        entry.content.as_ref().map(|f| app.store.file_path(&f.path))
    } else {
        app.store.read(|d| {
            d.thumb_assets
                .values()
                .find(|t| t.entry_id == entry.id && t.is_default && t.content.is_some())
                .and_then(|t| t.content.as_ref())
                .map(|f| app.store.file_path(&f.path))
        })
    };
    if source.is_none() && entry.media_type == Some(media_type::IMAGE) {
        return url_error(10, "missing thumbnail fileSync for entry");
    }
    // `vid_sec` asks for a frame of the video: drawn as the frame marker `thumbAsset.generate` stores.
    let capture = capture_offset(params)
        .filter(|_| entry.media_type == Some(media_type::VIDEO) && entry.content.is_some())
        .map(|offset_ms| {
            let dimension =
                |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok()).filter(|v| *v > 0);
            let duration = u64::try_from(entry.ms_duration.unwrap_or(0)).unwrap_or(0);
            let (w, h) = (
                dimension(entry.width).unwrap_or(640),
                dimension(entry.height).unwrap_or(360),
            );
            (w, h, offset_ms.min(duration), duration)
        });
    let rendered = tokio::task::spawn_blocking(move || match (capture, source) {
        (Some((w, h, offset, duration)), _) => {
            let frame =
                image::DynamicImage::ImageRgb8(imaging::frame_marker(w, h, offset, duration));
            imaging::encode_jpeg(&imaging::transform(frame, &spec), spec.quality)
        }
        (None, Some(path)) => imaging::thumbnail(&path, &spec),
        (None, None) => {
            let (w, h) = (spec.width.max(1), spec.height.max(1));
            let placeholder = imaging::placeholder(w, h);
            imaging::encode_jpeg(&placeholder, spec.quality)
        }
    })
    .await;
    match rendered {
        Ok(Ok(jpeg)) => {
            let mut response = jpeg.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            response
        }
        Ok(Err(e)) => {
            tracing::warn!(entry = %entry.id, error = %e, "thumbnail source cannot be rendered");
            url_error(10, "missing thumbnail fileSync for entry")
        }
        Err(_) => url_error(10, "missing thumbnail fileSync for entry"),
    }
}

/// The `vid_sec` offset in milliseconds; absent or -1 means "the stored thumbnail".
fn capture_offset(params: &UrlParams) -> Option<u64> {
    let seconds = params.get("vid_sec")?.parse::<f64>().ok()?;
    (seconds >= 0.0).then(|| (seconds.min(1e9) * 1000.0).round() as u64)
}

/// Reads the pixel options, with the server's range checks (error 25).
fn read_spec(params: &UrlParams) -> Result<ThumbnailSpec, String> {
    let number = |name: &str, max: u32| -> Result<Option<u32>, String> {
        let Some(raw) = params.get(name) else {
            return Ok(None);
        };
        // A trailing image extension is ignored: `/width/200.jpg`.
        let digits = raw
            .trim_end_matches(".jpg")
            .trim_end_matches(".gif")
            .trim_end_matches(".png");
        match digits.parse::<u32>() {
            Ok(v) if v <= max => Ok(Some(v)),
            _ => Err(format!("{name} must be between 0 and {max}")),
        }
    };
    let limit = imaging::MAX_DIMENSION;
    let mut width = number("width", limit)?.unwrap_or(0);
    let mut height = number("height", limit)?.unwrap_or(0);
    if width == 0 && height == 0 {
        width = number("def_width", limit)?.unwrap_or(DEFAULT_SIZE.0);
        height = number("def_height", limit)?.unwrap_or(DEFAULT_SIZE.1);
    }
    let crop = match number("type", 5)? {
        None | Some(0) => CropType::Resize,
        Some(code) => {
            crate::thumbnails::crop_type(i64::from(code)).ok_or("type must be between 1 and 5")?
        }
    };
    let background = match params.get("bgcolor") {
        None => [0xFF, 0xFF, 0xFF],
        Some(v) => {
            imaging::parse_background(v).ok_or("bgcolor must be six hexadecimal characters")?
        }
    };
    let quality =
        number("quality", 100).map_err(|_| "quality must be between 20 and 100".to_owned())?;
    let source_rect = match (number("src_x", limit)?, number("src_y", limit)?) {
        (None, None) => None,
        (x, y) => Some(SourceRect {
            x: x.unwrap_or(0),
            y: y.unwrap_or(0),
            width: number("src_w", limit)?.unwrap_or(0),
            height: number("src_h", limit)?.unwrap_or(0),
        }),
    };
    if let Some(sec) = params.get("vid_sec")
        && sec.parse::<f64>().map_or(true, |s| s < -1.0)
    {
        return Err("vid_sec must be positive".to_owned());
    }
    Ok(ThumbnailSpec {
        width,
        height,
        crop,
        background,
        quality: quality.and_then(|q| u8::try_from(q).ok()).unwrap_or(0),
        source_rect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(pairs: &[&str]) -> Result<ThumbnailSpec, String> {
        read_spec(&UrlParams::parse(pairs, None))
    }

    #[test]
    fn no_size_means_120_by_90() {
        let s = spec(&[]).unwrap();
        assert_eq!((s.width, s.height), (120, 90));
    }

    #[test]
    fn extensions_after_numbers_are_ignored() {
        let s = spec(&["width", "200.jpg", "type", "3"]).unwrap();
        assert_eq!((s.width, s.height, s.crop), (200, 0, CropType::Crop));
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert!(spec(&["width", "10001"]).is_err());
        assert!(spec(&["type", "9"]).is_err());
        assert!(spec(&["bgcolor", "zz"]).is_err());
        assert!(spec(&["vid_sec", "-5"]).is_err());
    }
}
