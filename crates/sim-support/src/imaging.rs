//! Image work for thumbnails and screenshots: decode a stored image, crop and
//! scale it into a box (the fitting modes platforms offer: fit, pad, crop,
//! stretch), and encode the result as JPEG. Also draws the images a simulator
//! makes up itself: the grey placeholder of a video without a thumbnail, and
//! the "frame marker" that stands for a captured video frame (frames cannot be
//! decoded without native codecs).
//!
//! Decoding is bounded: files above [`MAX_SOURCE_BYTES`] and images above
//! [`MAX_DIMENSION`] pixels a side are refused before any pixel is decoded.

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageReader, Limits, Rgb, RgbImage};
use std::io::Cursor;
use std::path::Path;

use crate::glyphs;

/// Largest image file decoded (the decoders want the whole file in memory).
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest width or height accepted, in and out.
pub const MAX_DIMENSION: u32 = 10_000;
/// Memory a decoder may allocate.
const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;
/// Largest image produced, in pixels (about 48 MiB as RGB): a 10000×10000 request is scaled down to
/// fit rather than allocating 300 MiB per request.
const MAX_OUTPUT_PIXELS: u64 = 16_000_000;
/// JPEG quality when the request gives none (0).
const DEFAULT_QUALITY: u8 = 75;

/// What can go wrong while producing an image.
#[derive(Debug, thiserror::Error)]
pub enum ImagingError {
    /// The source file could not be read.
    #[error("cannot read the source image")]
    Read(#[source] std::io::Error),
    /// The source file is larger than [`MAX_SOURCE_BYTES`].
    #[error("source image of {0} bytes is above the limit of {MAX_SOURCE_BYTES} bytes")]
    TooLarge(u64),
    /// The source is not a decodable image (or is above the size limits).
    #[error("cannot decode the source image")]
    Decode(#[source] image::ImageError),
    /// Encoding the result failed.
    #[error("cannot encode the image")]
    Encode(#[source] image::ImageError),
}

/// How the source is fitted into the requested box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CropType {
    /// 1: fit inside, keep the aspect ratio, never enlarge.
    #[default]
    Resize,
    /// 2: fit inside, then pad to exactly the box with the background colour.
    ResizeWithPadding,
    /// 3: fill the box keeping the aspect ratio, cut the overflow (centred).
    Crop,
    /// 4: like [`CropType::Crop`] but keeping the top of the image.
    CropFromTop,
    /// 5: stretch to exactly the box.
    Stretch,
}

/// A rectangle of the source image, in its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width (0 = to the right edge).
    pub width: u32,
    /// Height (0 = to the bottom edge).
    pub height: u32,
}

/// The options of a thumbnail request that change pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThumbnailSpec {
    /// Target width; 0 = derived from the height and the aspect ratio.
    pub width: u32,
    /// Target height; 0 = derived from the width and the aspect ratio.
    pub height: u32,
    /// How the source fits the box.
    pub crop: CropType,
    /// Padding colour for [`CropType::ResizeWithPadding`] and the colour
    /// transparent pixels are laid on.
    pub background: [u8; 3],
    /// JPEG quality 1–100; 0 = default (75).
    pub quality: u8,
    /// Part of the source to use before scaling; `None` = all of it.
    pub source_rect: Option<SourceRect>,
}

impl Default for ThumbnailSpec {
    /// The source size, fitted, on white, default quality.
    fn default() -> Self {
        Self {
            width: 0,
            height: 0,
            crop: CropType::Resize,
            background: [0xFF, 0xFF, 0xFF],
            quality: 0,
            source_rect: None,
        }
    }
}

/// Parses a background colour given as a hexadecimal number of 1–6 digits
/// (`ff` is `0000ff`, blue), as thumbnail URLs write it.
pub fn parse_background(value: &str) -> Option<[u8; 3]> {
    if value.is_empty() || value.len() > 6 {
        return None;
    }
    let rgb = u32::from_str_radix(value, 16).ok()?;
    let [_, r, g, b] = rgb.to_be_bytes();
    Some([r, g, b])
}

/// Decodes the image file at `path` within the limits of this module.
pub fn load(path: &Path) -> Result<DynamicImage, ImagingError> {
    let size = std::fs::metadata(path).map_err(ImagingError::Read)?.len();
    if size > MAX_SOURCE_BYTES {
        return Err(ImagingError::TooLarge(size));
    }
    let mut reader = ImageReader::open(path)
        .map_err(ImagingError::Read)?
        .with_guessed_format()
        .map_err(ImagingError::Read)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    reader.decode().map_err(ImagingError::Decode)
}

/// Renders the image file at `path` per `spec`, as JPEG bytes.
pub fn thumbnail(path: &Path, spec: &ThumbnailSpec) -> Result<Vec<u8>, ImagingError> {
    let source = load(path)?;
    encode_jpeg(&transform(source, spec), spec.quality)
}

/// Crops and scales `source` per `spec`; the result is flattened to RGB on
/// the background colour.
pub fn transform(source: DynamicImage, spec: &ThumbnailSpec) -> RgbImage {
    let source = match spec.source_rect {
        Some(rect) => crop_source(source, rect),
        None => source,
    };
    let (sw, sh) = (source.width().max(1), source.height().max(1));
    let (bw, bh) = target_box(sw, sh, spec.width, spec.height);
    match spec.crop {
        CropType::Resize => {
            let (w, h) = fit_inside(sw, sh, bw, bh);
            flatten(&scale(&source, w, h), spec.background)
        }
        CropType::ResizeWithPadding => {
            let (w, h) = fit_inside(sw, sh, bw, bh);
            let fitted = flatten(&scale(&source, w, h), spec.background);
            let mut canvas = RgbImage::from_pixel(bw, bh, Rgb(spec.background));
            let x = i64::from((bw - w) / 2);
            let y = i64::from((bh - h) / 2);
            image::imageops::overlay(&mut canvas, &fitted, x, y);
            canvas
        }
        CropType::Crop | CropType::CropFromTop => {
            // Scale so the box is covered, then cut it out.
            let ratio = (f64::from(bw) / f64::from(sw)).max(f64::from(bh) / f64::from(sh));
            let w = ((f64::from(sw) * ratio).round() as u32).max(bw);
            let h = ((f64::from(sh) * ratio).round() as u32).max(bh);
            let covered = flatten(&scale(&source, w, h), spec.background);
            let x = (w - bw) / 2;
            let y = if spec.crop == CropType::Crop {
                (h - bh) / 2
            } else {
                0
            };
            image::imageops::crop_imm(&covered, x, y, bw, bh).to_image()
        }
        CropType::Stretch => flatten(&scale(&source, bw, bh), spec.background),
    }
}

/// Encodes as baseline JPEG at `quality` (0 = default).
pub fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, ImagingError> {
    let quality = match quality {
        0 => DEFAULT_QUALITY,
        q => q.min(100),
    };
    let mut out = Cursor::new(Vec::new());
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(ImagingError::Encode)?;
    Ok(out.into_inner())
}

/// The image shown for a video or audio entry that has no thumbnail yet: a
/// mid-grey frame with a darker border, so it reads as "no picture" rather
/// than as a broken image.
pub fn placeholder(width: u32, height: u32) -> RgbImage {
    let (w, h) = (
        width.clamp(1, MAX_DIMENSION),
        height.clamp(1, MAX_DIMENSION),
    );
    let border = (w.min(h) / 40).max(1);
    RgbImage::from_fn(w, h, |x, y| {
        let edge = x < border || y < border || x >= w - border || y >= h - border;
        if edge {
            Rgb([0x60, 0x60, 0x60])
        } else {
            Rgb([0xA0, 0xA0, 0xA0])
        }
    })
}

/// What a simulator stores instead of a captured frame: decoding video is out
/// of reach without native codecs, so it draws a dark frame of the video's
/// size with the offset written on it (`H:MM:SS.mmm`, in a pixel font) and a
/// light bar along the bottom whose length shows the offset within the
/// duration. Two offsets of one video give two different images, and the same
/// offset the same image.
pub fn frame_marker(width: u32, height: u32, offset_ms: u64, duration_ms: u64) -> RgbImage {
    let (w, h) = (
        width.clamp(1, MAX_DIMENSION),
        height.clamp(1, MAX_DIMENSION),
    );
    let fraction = if duration_ms == 0 {
        0.0
    } else {
        (offset_ms.min(duration_ms) as f64) / (duration_ms as f64)
    };
    let filled = (f64::from(w) * fraction).round() as u32;
    let bar_top = h - (h / 10).max(1);
    let mut frame = RgbImage::from_fn(w, h, |x, y| {
        if y >= bar_top {
            if x < filled {
                Rgb([0xF0, 0xF0, 0xF0])
            } else {
                Rgb([0x50, 0x50, 0x50])
            }
        } else {
            Rgb([0x20, 0x20, 0x30])
        }
    });
    let text = glyphs::timecode(offset_ms);
    // The text takes about two thirds of the width, and never more than the space above the bar.
    let cell = (w * 2 / 3) / glyphs::width_of(&text).max(1);
    let cell = cell.min(bar_top / (glyphs::HEIGHT + 2)).max(1);
    let x = w.saturating_sub(cell * glyphs::width_of(&text)) / 2;
    let y = bar_top.saturating_sub(cell * glyphs::HEIGHT) / 2;
    glyphs::draw(&mut frame, &text, x, y, cell, Rgb([0xF0, 0xF0, 0xF0]));
    frame
}

/// The box to fit into: both sides given, one side derived from the aspect
/// ratio, or the source size when neither is given; bounded to
/// [`MAX_DIMENSION`].
fn target_box(sw: u32, sh: u32, width: u32, height: u32) -> (u32, u32) {
    let derive = |given: u32, num: u32, den: u32| {
        ((u64::from(given) * u64::from(num)) / u64::from(den.max(1))) as u32
    };
    let (w, h) = match (width, height) {
        (0, 0) => (sw, sh),
        (w, 0) => (w, derive(w, sh, sw)),
        (0, h) => (derive(h, sw, sh), h),
        (w, h) => (w, h),
    };
    bounded(w, h)
}

/// A size within [`MAX_DIMENSION`] a side and [`MAX_OUTPUT_PIXELS`] in all, keeping the aspect ratio
/// when it has to shrink.
fn bounded(width: u32, height: u32) -> (u32, u32) {
    let (w, h) = (
        width.clamp(1, MAX_DIMENSION),
        height.clamp(1, MAX_DIMENSION),
    );
    let area = u64::from(w) * u64::from(h);
    if area <= MAX_OUTPUT_PIXELS {
        return (w, h);
    }
    let shrink = (MAX_OUTPUT_PIXELS as f64 / area as f64).sqrt();
    let scaled = |v: u32| ((f64::from(v) * shrink).floor() as u32).max(1);
    (scaled(w), scaled(h))
}

/// The largest size with the source's aspect ratio inside the box, never
/// larger than the source (the server only scales images down).
fn fit_inside(sw: u32, sh: u32, bw: u32, bh: u32) -> (u32, u32) {
    let ratio = (f64::from(bw) / f64::from(sw))
        .min(f64::from(bh) / f64::from(sh))
        .min(1.0);
    let w = ((f64::from(sw) * ratio).round() as u32).clamp(1, bw);
    let h = ((f64::from(sh) * ratio).round() as u32).clamp(1, bh);
    (w, h)
}

fn crop_source(source: DynamicImage, rect: SourceRect) -> DynamicImage {
    let x = rect.x.min(source.width().saturating_sub(1));
    let y = rect.y.min(source.height().saturating_sub(1));
    let max_w = source.width() - x;
    let max_h = source.height() - y;
    let w = if rect.width == 0 {
        max_w
    } else {
        rect.width.min(max_w)
    };
    let h = if rect.height == 0 {
        max_h
    } else {
        rect.height.min(max_h)
    };
    source.crop_imm(x, y, w.max(1), h.max(1))
}

fn scale(source: &DynamicImage, w: u32, h: u32) -> DynamicImage {
    if (w, h) == (source.width(), source.height()) {
        source.clone()
    } else {
        source.resize_exact(w, h, FilterType::Triangle)
    }
}

/// RGB pixels, with any transparency laid on the background colour (JPEG
/// has no alpha channel).
fn flatten(image: &DynamicImage, background: [u8; 3]) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let alpha = u16::from(p[3]);
        let mix =
            |c: u8, bg: u8| ((u16::from(c) * alpha + u16::from(bg) * (255 - alpha)) / 255) as u8;
        Rgb([
            mix(p[0], background[0]),
            mix(p[1], background[1]),
            mix(p[2], background[2]),
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/media")
            .join(name)
    }

    fn render(name: &str, spec: ThumbnailSpec) -> DynamicImage {
        let jpeg = thumbnail(&fixture(name), &spec).unwrap();
        image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap()
    }

    fn spec(width: u32, height: u32, crop: CropType) -> ThumbnailSpec {
        ThumbnailSpec {
            width,
            height,
            crop,
            ..ThumbnailSpec::default()
        }
    }

    #[test]
    fn every_fixture_image_decodes() {
        for name in ["sample.png", "sample.jpg", "sample.gif", "sample.webp"] {
            let image = load(&fixture(name)).unwrap();
            assert_eq!((image.width(), image.height()), (160, 120), "{name}");
        }
    }

    #[test]
    fn resize_fits_inside_keeping_the_aspect_ratio() {
        let out = render("sample.png", spec(80, 80, CropType::Resize));
        assert_eq!((out.width(), out.height()), (80, 60));
    }

    #[test]
    fn resize_never_enlarges() {
        let out = render("sample.jpg", spec(640, 480, CropType::Resize));
        assert_eq!((out.width(), out.height()), (160, 120));
    }

    #[test]
    fn one_side_derives_the_other() {
        let out = render("sample.gif", spec(0, 60, CropType::Stretch));
        assert_eq!((out.width(), out.height()), (80, 60));
    }

    #[test]
    fn padding_fills_the_box_with_the_background() {
        let mut s = spec(100, 100, CropType::ResizeWithPadding);
        s.background = parse_background("ff0000").unwrap();
        let out = render("sample.webp", s).to_rgb8();
        assert_eq!(out.dimensions(), (100, 100));
        let corner = out.get_pixel(0, 0).0;
        assert!(
            corner[0] > 200 && corner[1] < 60 && corner[2] < 60,
            "{corner:?}"
        );
    }

    #[test]
    fn crop_and_stretch_give_exactly_the_box() {
        for crop in [CropType::Crop, CropType::CropFromTop, CropType::Stretch] {
            let out = render("sample.png", spec(50, 100, crop));
            assert_eq!((out.width(), out.height()), (50, 100), "{crop:?}");
        }
    }

    #[test]
    fn a_source_rectangle_is_cut_before_scaling() {
        let mut s = spec(0, 0, CropType::Resize);
        s.source_rect = Some(SourceRect {
            x: 10,
            y: 10,
            width: 40,
            height: 20,
        });
        let out = render("sample.png", s);
        assert_eq!((out.width(), out.height()), (40, 20));
    }

    #[test]
    fn huge_boxes_are_scaled_down_to_the_pixel_limit() {
        let (w, h) = bounded(10_000, 10_000);
        assert!(u64::from(w) * u64::from(h) <= MAX_OUTPUT_PIXELS);
        assert_eq!(w, h);
        assert_eq!(bounded(640, 480), (640, 480));
        assert_eq!(bounded(0, 0), (1, 1));
    }

    #[test]
    fn background_colours_parse_as_hex_numbers() {
        assert_eq!(parse_background("ffffff"), Some([255, 255, 255]));
        assert_eq!(parse_background("ff"), Some([0, 0, 255]));
        assert_eq!(parse_background(""), None);
        assert_eq!(parse_background("fffffff"), None);
        assert_eq!(parse_background("xyz"), None);
    }

    #[test]
    fn text_is_not_an_image() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("caption.srt");
        std::fs::write(&path, "1\n00:00:00,000 --> 00:00:01,000\nhi\n").unwrap();
        assert!(matches!(load(&path), Err(ImagingError::Decode(_))));
    }

    #[test]
    fn frame_markers_differ_by_offset() {
        let early = frame_marker(160, 120, 100, 1000);
        let late = frame_marker(160, 120, 900, 1000);
        assert_eq!(early.dimensions(), (160, 120));
        assert_ne!(early, late);
        assert_eq!(late, frame_marker(160, 120, 900, 1000));
    }

    #[test]
    fn placeholder_has_the_asked_size_and_encodes() {
        let grey = placeholder(120, 90);
        assert_eq!(grey.dimensions(), (120, 90));
        let jpeg = encode_jpeg(&grey, 0).unwrap();
        assert!(jpeg.starts_with(&[0xFF, 0xD8]));
    }
}
