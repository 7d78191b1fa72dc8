//! Facts read from an uploaded file: what kind of media it is (video, image,
//! audio), its container format, width, height and duration.
//!
//! Only headers are read, through a seekable reader, and every parser bounds
//! the number of bytes and structures it looks at, so a file of any size costs
//! a few kilobytes of memory. Unknown or damaged content gives empty facts,
//! never an error: the lifecycle decides what an unreadable file means.
//!
//! Parsers: images through `imagesize`; ISO BMFF (MP4, MOV, 3GP, M4A) in
//! [`iso_bmff`]; Matroska and WebM in [`matroska`]; MP3 and WAV in [`audio`].

mod audio;
mod iso_bmff;
mod matroska;

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// What an uploaded file holds, in the terms of `KalturaMediaType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum MediaKind {
    /// A file with at least one video track.
    Video,
    /// A still image.
    Image,
    /// A file with audio tracks only.
    Audio,
    /// Nothing recognised.
    #[default]
    Unknown,
}

/// The container format recognised in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// MPEG-4 part 14 (`.mp4`).
    Mp4,
    /// Apple QuickTime (`.mov`).
    QuickTime,
    /// 3GPP (`.3gp`).
    ThreeGp,
    /// MPEG-4 audio (`.m4a`).
    M4a,
    /// WebM (`.webm`).
    WebM,
    /// Matroska (`.mkv`).
    Matroska,
    /// MPEG audio layer III (`.mp3`).
    Mp3,
    /// RIFF WAVE (`.wav`).
    Wav,
    /// Portable Network Graphics.
    Png,
    /// JPEG / JFIF.
    Jpeg,
    /// GIF 87a/89a.
    Gif,
    /// WebP.
    WebP,
    /// Windows bitmap.
    Bmp,
    /// TIFF.
    Tiff,
}

impl Format {
    /// The file extension Kaltura would store in `fileExt` for this format.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Mp4 => "mp4",
            Format::QuickTime => "mov",
            Format::ThreeGp => "3gp",
            Format::M4a => "m4a",
            Format::WebM => "webm",
            Format::Matroska => "mkv",
            Format::Mp3 => "mp3",
            Format::Wav => "wav",
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Gif => "gif",
            Format::WebP => "webp",
            Format::Bmp => "bmp",
            Format::Tiff => "tif",
        }
    }

    /// The `Content-Type` a file of this format is served with.
    pub(crate) fn mime_type(self) -> &'static str {
        match self {
            Format::Mp4 => "video/mp4",
            Format::QuickTime => "video/quicktime",
            Format::ThreeGp => "video/3gpp",
            Format::M4a => "audio/mp4",
            Format::WebM => "video/webm",
            Format::Matroska => "video/x-matroska",
            Format::Mp3 => "audio/mpeg",
            Format::Wav => "audio/wav",
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Gif => "image/gif",
            Format::WebP => "image/webp",
            Format::Bmp => "image/bmp",
            Format::Tiff => "image/tiff",
        }
    }
}

/// What probing learnt about a file. Every field is optional: a fact that
/// could not be read is absent rather than guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct MediaFacts {
    /// Video, image, audio or unknown.
    pub(crate) kind: MediaKind,
    /// The container format, when recognised.
    pub(crate) format: Option<Format>,
    /// Frame or image width in pixels.
    pub(crate) width: Option<u32>,
    /// Frame or image height in pixels.
    pub(crate) height: Option<u32>,
    /// Play time in milliseconds (video and audio only).
    pub(crate) duration_ms: Option<u64>,
}

impl MediaFacts {
    /// Facts with only the kind and format known.
    fn of(kind: MediaKind, format: Format) -> Self {
        Self {
            kind,
            format: Some(format),
            ..Self::default()
        }
    }
}

/// Bytes read from the start of a file to recognise its format.
const SNIFF_LEN: usize = 64;

/// Probes the file at `path`. A file that cannot be opened or read gives
/// empty facts, like unknown content.
pub(crate) fn probe_path(path: &Path) -> MediaFacts {
    match File::open(path) {
        Ok(file) => probe(&mut BufReader::new(file)),
        Err(_) => MediaFacts::default(),
    }
}

/// Probes the content of a seekable reader, starting at its beginning.
pub(crate) fn probe<R: Read + Seek>(reader: &mut R) -> MediaFacts {
    let Ok(len) = reader.seek(SeekFrom::End(0)) else {
        return MediaFacts::default();
    };
    let mut head = [0u8; SNIFF_LEN];
    let Ok(head_len) = read_at(reader, 0, &mut head) else {
        return MediaFacts::default();
    };
    let head = &head[..head_len];

    if iso_bmff::sniff(head) {
        return iso_bmff::probe(reader, len).unwrap_or_default();
    }
    if matroska::sniff(head) {
        return matroska::probe(reader, len).unwrap_or_default();
    }
    if let Some(facts) = probe_image(reader, head) {
        return facts;
    }
    if audio::sniff_wav(head) {
        return audio::probe_wav(reader, len).unwrap_or_default();
    }
    if audio::sniff_mp3(head) {
        return audio::probe_mp3(reader, len).unwrap_or_default();
    }
    MediaFacts::default()
}

/// Recognises the still-image formats Kaltura accepts as image entries and
/// reads their size.
fn probe_image<R: Read + Seek>(reader: &mut R, head: &[u8]) -> Option<MediaFacts> {
    use imagesize::ImageType;
    let format = match imagesize::image_type(head).ok()? {
        ImageType::Png => Format::Png,
        ImageType::Jpeg => Format::Jpeg,
        ImageType::Gif => Format::Gif,
        ImageType::Webp => Format::WebP,
        ImageType::Bmp => Format::Bmp,
        ImageType::Tiff => Format::Tiff,
        _ => return None,
    };
    let mut facts = MediaFacts::of(MediaKind::Image, format);
    if reader.seek(SeekFrom::Start(0)).is_ok() {
        // `imagesize` reads markers one by one and skips segments by seeking,
        // so a JPEG with a large EXIF block is not read whole.
        if let Ok(size) = imagesize::reader_size(BufReader::new(&mut *reader)) {
            facts.width = u32::try_from(size.width).ok();
            facts.height = u32::try_from(size.height).ok();
        }
    }
    Some(facts)
}

/// Reads up to `buf.len()` bytes at `offset`; fewer at the end of the file.
fn read_at<R: Read + Seek>(reader: &mut R, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
    reader.seek(SeekFrom::Start(offset))?;
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Milliseconds from a duration counted in `timescale` units per second;
/// `None` for a zero timescale or an overflowing value.
fn to_millis(duration: u64, timescale: u64) -> Option<u64> {
    if timescale == 0 {
        return None;
    }
    let ms = u128::from(duration) * 1000 / u128::from(timescale);
    u64::try_from(ms).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/media")
            .join(name)
    }

    fn assert_close(actual: Option<u64>, expected_ms: u64) {
        let actual = actual.expect("a duration");
        assert!(
            actual.abs_diff(expected_ms) <= 100,
            "duration {actual} ms, expected about {expected_ms} ms"
        );
    }

    #[test]
    fn mp4_video_gives_size_and_duration() {
        let facts = probe_path(&fixture("sample.mp4"));
        assert_eq!(facts.kind, MediaKind::Video);
        assert_eq!(facts.format, Some(Format::Mp4));
        assert_eq!((facts.width, facts.height), (Some(160), Some(120)));
        assert_close(facts.duration_ms, 1000);
    }

    #[test]
    fn webm_video_gives_size_and_duration() {
        let facts = probe_path(&fixture("sample.webm"));
        assert_eq!(facts.kind, MediaKind::Video);
        assert_eq!(facts.format, Some(Format::WebM));
        assert_eq!((facts.width, facts.height), (Some(160), Some(120)));
        assert_close(facts.duration_ms, 1000);
    }

    #[test]
    fn images_give_their_size_and_no_duration() {
        for (name, format) in [
            ("sample.png", Format::Png),
            ("sample.jpg", Format::Jpeg),
            ("sample.gif", Format::Gif),
            ("sample.webp", Format::WebP),
        ] {
            let facts = probe_path(&fixture(name));
            assert_eq!(facts.kind, MediaKind::Image, "{name}");
            assert_eq!(facts.format, Some(format), "{name}");
            assert_eq!(
                (facts.width, facts.height),
                (Some(160), Some(120)),
                "{name}"
            );
            assert_eq!(facts.duration_ms, None, "{name}");
        }
    }

    #[test]
    fn audio_files_give_a_duration_and_no_size() {
        for (name, format) in [
            ("sample.mp3", Format::Mp3),
            ("sample.wav", Format::Wav),
            ("sample.m4a", Format::M4a),
        ] {
            let facts = probe_path(&fixture(name));
            assert_eq!(facts.kind, MediaKind::Audio, "{name}");
            assert_eq!(facts.format, Some(format), "{name}");
            assert_eq!((facts.width, facts.height), (None, None), "{name}");
            assert_close(facts.duration_ms, 1000);
        }
    }

    #[test]
    fn text_and_empty_content_give_empty_facts() {
        for content in [
            &b""[..],
            b"hello world",
            b"1\n00:00:00,000 --> 00:00:01,000\nhi\n",
        ] {
            assert_eq!(probe(&mut Cursor::new(content)), MediaFacts::default());
        }
    }

    #[test]
    fn a_missing_file_gives_empty_facts() {
        assert_eq!(
            probe_path(Path::new("/nonexistent/file.mp4")),
            MediaFacts::default()
        );
    }

    #[test]
    fn truncated_media_invents_nothing() {
        for name in [
            "sample.mp4",
            "sample.webm",
            "sample.mp3",
            "sample.wav",
            "sample.jpg",
        ] {
            let bytes = std::fs::read(fixture(name)).unwrap();
            assert_eq!(
                probe(&mut Cursor::new(&bytes[..4])),
                MediaFacts::default(),
                "{name}"
            );
            for cut in [12, 40, 100, bytes.len() / 2] {
                let facts = probe(&mut Cursor::new(&bytes[..cut]));
                assert!(facts.width.unwrap_or(0) <= 160, "{name} cut at {cut}");
                assert!(
                    facts.duration_ms.unwrap_or(0) <= 1100,
                    "{name} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn corrupted_media_never_fails() {
        for name in ["sample.mp4", "sample.webm", "sample.mp3", "sample.wav"] {
            let mut bytes = std::fs::read(fixture(name)).unwrap();
            for (i, byte) in bytes.iter_mut().enumerate().skip(8) {
                if i % 7 == 0 {
                    *byte = 0xFF;
                }
            }
            let _ = probe(&mut Cursor::new(bytes));
        }
    }
}
