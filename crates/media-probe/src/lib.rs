//! Header-only media probing: what kind of media a file is (video, image, audio), its container format
//! and MIME type, and its width, height and duration, from its first bytes and headers alone.
//!
//! Two entry points, for two budgets:
//!
//! - [`sniff`] looks at a file's first bytes ([`MAX_HEAD_BYTES`] at most) and tells the kind and
//!   [`Format`]; for uploads whose start is all there is.
//! - [`probe`] (and [`probe_path`]) reads a seekable file's headers and adds width, height and duration
//!   ([`MediaFacts`]). Every parser bounds the bytes and structures it looks at, so a file of any size costs
//!   a few kilobytes of memory and never its media data.
//!
//! Unknown or damaged content gives no answer (`None`, or empty facts), never an error or a panic: the
//! caller decides what an unreadable file means. Parsers: ISO BMFF (MP4, MOV, 3GP, M4A) in `iso_bmff`,
//! Matroska and WebM in `matroska`, MP3 and WAV in `audio`, images through `imagesize`; other formats
//! [`sniff`] knows (Ogg, ASF, MXF, MPEG-TS, SWF, SVG and what `infer` knows) give their kind and format only.
//!
//! The crate knows nothing of any video platform or service: mapping a kind to a platform's media type
//! is the caller's business.
//!
//! ```
//! use media_probe::{Format, MediaKind};
//!
//! let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\xa0\0\0\0\x78\x08\x02\0\0\0";
//! let sniffed = media_probe::sniff(png).expect("a PNG");
//! assert_eq!((sniffed.kind, sniffed.format), (MediaKind::Image, Format::Png));
//!
//! let facts = media_probe::probe(&mut std::io::Cursor::new(png));
//! assert_eq!((facts.width, facts.height), (Some(160), Some(120)));
//! ```

mod audio;
mod format;
mod iso_bmff;
mod matroska;
mod sniff;

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

pub use format::Format;
pub use sniff::{MAX_HEAD_BYTES, Sniffed, sniff};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MediaKind {
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

/// What probing learnt about a file. Every field is optional: a fact that
/// could not be read is absent rather than guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MediaFacts {
    /// Video, image, audio or unknown.
    pub kind: MediaKind,
    /// The container format, when recognised.
    pub format: Option<Format>,
    /// Frame or image width in pixels.
    pub width: Option<u32>,
    /// Frame or image height in pixels.
    pub height: Option<u32>,
    /// Play time in milliseconds (video and audio only).
    pub duration_ms: Option<u64>,
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

/// Bytes read from the start of a file to recognise its format before its headers are parsed.
const PROBE_HEAD_BYTES: usize = 8 * 1024;

/// Probes the file at `path`. A file that cannot be opened or read gives
/// empty facts, like unknown content.
pub fn probe_path(path: &Path) -> MediaFacts {
    match File::open(path) {
        Ok(file) => probe(&mut BufReader::new(file)),
        Err(_) => MediaFacts::default(),
    }
}

/// Probes the content of a seekable reader, from its beginning whatever its position. The kind and format
/// come from [`sniff`]; ISO BMFF and Matroska files are then told video or audio by their tracks, and a
/// file whose parser finds nothing usable (truncated, damaged, an image whose size cannot be read) gives
/// empty facts.
pub fn probe<R: Read + Seek>(reader: &mut R) -> MediaFacts {
    let Ok(len) = reader.seek(SeekFrom::End(0)) else {
        return MediaFacts::default();
    };
    let mut head = [0u8; PROBE_HEAD_BYTES];
    let Ok(head_len) = read_at(reader, 0, &mut head) else {
        return MediaFacts::default();
    };
    let Some(sniffed) = sniff(&head[..head_len]) else {
        return MediaFacts::default();
    };
    let facts = match sniffed.format {
        _ if sniffed.kind == MediaKind::Image => probe_image(reader, sniffed.format),
        format if format.is_iso_bmff() => iso_bmff::probe(reader, len),
        format if format.is_matroska() => matroska::probe(reader, len),
        Format::Wav => audio::probe_wav(reader, len),
        Format::Mp3 => audio::probe_mp3(reader, len),
        format => Some(MediaFacts::of(sniffed.kind, format)),
    };
    facts.unwrap_or_default()
}

/// Reads a still image's size; `None` when it cannot be read.
fn probe_image<R: Read + Seek>(reader: &mut R, format: Format) -> Option<MediaFacts> {
    reader.seek(SeekFrom::Start(0)).ok()?;
    // `imagesize` reads markers one by one and skips segments by seeking,
    // so a JPEG with a large EXIF block is not read whole.
    let size = imagesize::reader_size(BufReader::new(&mut *reader)).ok()?;
    let mut facts = MediaFacts::of(MediaKind::Image, format);
    facts.width = u32::try_from(size.width).ok();
    facts.height = u32::try_from(size.height).ok();
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
