//! Media type of an upload: Kaltura's VIDEO, IMAGE or AUDIO, from content first.
//!
//! The legacy contract (kts-legacy-api.md, Media type detection) asks for the type of a file
//! by its content (magic bytes), falling back to the file name's extension, and for a URL by
//! the URL path's extension, then the media name's extension, then a default. [`detect_file`]
//! and [`detect_url`] do that and return a [`Detection`] saying what was found and how, for
//! the legacy `messages` list ([`Detection::describe`]).
//!
//! Content checks run on the first [`MAX_HEAD_BYTES`] bytes, through the first-bytes sniffer
//! of the `media-probe` crate that the simulators use too: containers that hold either sound
//! or pictures are looked into where their header allows it (an MP4/MOV whose handler is only
//! `soun` is audio, an Ogg stream with a Theora/VP8 header is video, a Matroska/WebM file with
//! only audio tracks is audio, an ASF file with only an audio stream is WMA). Here its kind
//! becomes Kaltura's media type, and its format's extension the format the messages name.

use std::fmt;

use media_probe::MediaKind;

/// Bytes of the start of a file that [`detect_file`] looks at (64 KiB); longer input is
/// allowed, the rest is ignored. Headers that tell the type fit well within this.
pub const MAX_HEAD_BYTES: usize = media_probe::MAX_HEAD_BYTES;

/// Longest URL [`detect_url`] parses, in bytes; a longer one is treated as having no extension.
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// Kaltura's media type (`KalturaMediaType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    /// Moving pictures.
    Video,
    /// A still image.
    Image,
    /// Sound only.
    Audio,
}

impl MediaType {
    /// The name the legacy API shows (`VIDEO`, `IMAGE`, `AUDIO`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Video => "VIDEO",
            Self::Image => "IMAGE",
            Self::Audio => "AUDIO",
        }
    }

    /// Parses the legacy `mediatype` and `default` parameters (`video`, `audio`, `image`, any
    /// case); `None` for anything else.
    pub fn from_legacy_name(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "video" => Some(Self::Video),
            "image" => Some(Self::Image),
            "audio" => Some(Self::Audio),
            _ => None,
        }
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What told the media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetectionSource {
    /// The file's first bytes.
    Content,
    /// The extension of the uploaded file's name.
    FileExtension,
    /// The extension of the URL's path.
    UrlExtension,
    /// The extension of the media name given with a URL.
    NameExtension,
    /// Nothing: the caller's default.
    Default,
}

/// A detected media type, the format behind it and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The Kaltura media type.
    pub media_type: MediaType,
    /// The format recognised (`mp4`, `webm`, `jpg`, …) or the extension used; empty for a default.
    pub format: String,
    /// How it was found.
    pub source: DetectionSource,
}

impl Detection {
    /// The sentence for the legacy `messages` list, e.g.
    /// `media type VIDEO detected from content (mp4)`.
    pub fn describe(&self) -> String {
        let kind = self.media_type;
        let format = &self.format;
        match self.source {
            DetectionSource::Content => {
                format!("media type {kind} detected from content ({format})")
            }
            DetectionSource::FileExtension => {
                format!("media type {kind} detected from the file extension .{format}")
            }
            DetectionSource::UrlExtension => {
                format!("media type {kind} detected from the URL extension .{format}")
            }
            DetectionSource::NameExtension => {
                format!("media type {kind} detected from the media name extension .{format}")
            }
            DetectionSource::Default => {
                format!("media type {kind} assumed: the type could not be detected")
            }
        }
    }
}

/// The media type of a file from its first bytes, else from its name's extension.
///
/// `head` is the start of the file; only the first [`MAX_HEAD_BYTES`] are read. Returns
/// `None` when neither content nor extension is known (the caller decides: refuse, or use
/// an explicit `mediatype`).
pub fn detect_file(head: &[u8], file_name: Option<&str>) -> Option<Detection> {
    let head = &head[..head.len().min(MAX_HEAD_BYTES)];
    if let Some((media_type, format)) = sniff(head) {
        return Some(Detection {
            media_type,
            format: format.to_owned(),
            source: DetectionSource::Content,
        });
    }
    from_name(file_name?, DetectionSource::FileExtension)
}

/// The media type of a URL Kaltura will fetch: the URL path's extension, then the extension
/// of `media_name`, then `default`. Never fails; a URL that does not parse, or is longer than
/// [`MAX_URL_BYTES`], simply has no extension.
pub fn detect_url(url: &str, media_name: Option<&str>, default: MediaType) -> Detection {
    let from_url = (url.len() <= MAX_URL_BYTES)
        .then(|| url::Url::parse(url).ok())
        .flatten()
        .and_then(|parsed| {
            let segment = parsed.path_segments()?.next_back()?.to_owned();
            let decoded = percent_decode(&segment);
            from_name(&decoded, DetectionSource::UrlExtension)
        });
    from_url
        .or_else(|| from_name(media_name?, DetectionSource::NameExtension))
        .unwrap_or(Detection {
            media_type: default,
            format: String::new(),
            source: DetectionSource::Default,
        })
}

/// Decodes `%xx` escapes of a path segment, keeping invalid ones as they are.
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The type for a file name's extension, if it is a known one.
fn from_name(name: &str, source: DetectionSource) -> Option<Detection> {
    let base = name.rsplit(['/', '\\']).next()?;
    let (_, extension) = base.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    let media_type = type_of_extension(&extension)?;
    Some(Detection {
        media_type,
        format: extension,
        source,
    })
}

/// Known extensions: the old service's list (kts-legacy-api.md) plus current formats.
fn type_of_extension(extension: &str) -> Option<MediaType> {
    const IMAGE: &[&str] = &[
        // The old service's list.
        "jpeg", "jpg", "png", "tiff", "gif", "jp2", "jpx", "jpf", "jpc", "j2k", "j2c", "dng", "crw",
        "cr2", "zvi", "svg", "bmp", "xif", // Current formats.
        "tif", "webp", "heic", "heif", "avif", "jxl", "svgz", "cr3", "ico", "psd",
    ];
    const AUDIO: &[&str] = &[
        "mp3", "wma", "flac", "aiff", "aac", "weba", // Current formats.
        "aif", "m4a", "opus", "wav", "oga", "amr", "ac3", "mka", "alac",
    ];
    const VIDEO: &[&str] = &[
        "avi", "swf", "flv", "wmv", "mpeg", "asf", "3gp", "3g2", "mov", "mp4", "m4v", "ogg", "ogv",
        "f4v", "mkv", "webm", // Current formats.
        "mpg", "ts", "m2ts", "mts", "mxf", "vob", "qt", "dv",
    ];
    if IMAGE.contains(&extension) {
        Some(MediaType::Image)
    } else if AUDIO.contains(&extension) {
        Some(MediaType::Audio)
    } else if VIDEO.contains(&extension) {
        Some(MediaType::Video)
    } else {
        None
    }
}

/// The type and format from the first bytes, if recognised: the shared media sniffer's kind, as
/// Kaltura's media type.
fn sniff(head: &[u8]) -> Option<(MediaType, &'static str)> {
    let sniffed = media_probe::sniff(head)?;
    let media_type = match sniffed.kind {
        MediaKind::Video => MediaType::Video,
        MediaKind::Image => MediaType::Image,
        MediaKind::Audio => MediaType::Audio,
        MediaKind::Unknown => return None,
    };
    Some((media_type, sniffed.format.extension()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(head: &[u8]) -> Option<(MediaType, String)> {
        detect_file(head, None).map(|d| (d.media_type, d.format))
    }

    #[test]
    fn ftyp_brands_and_handlers_decide_mp4_family_types() {
        let mut m4a = b"\0\0\0\x20ftypM4A \0\0\0\0M4A isom".to_vec();
        m4a.resize(64, 0);
        assert_eq!(kind(&m4a), Some((MediaType::Audio, "m4a".into())));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(kind(heic), Some((MediaType::Image, "heic".into())));
        let gp = b"\0\0\0\x14ftyp3gp4\0\0\0\0isom";
        assert_eq!(kind(gp), Some((MediaType::Video, "3gp".into())));
        let mut sound_only = b"\0\0\0\x18ftypisom\0\0\0\0isom".to_vec();
        sound_only.extend(b"\0\0\0\x21hdlr\0\0\0\0\0\0\0\0soun");
        assert_eq!(kind(&sound_only), Some((MediaType::Audio, "m4a".into())));
    }

    #[test]
    fn ogg_is_video_only_with_a_video_codec_header() {
        let mut theora = b"OggS\0\x02".to_vec();
        theora.extend([0; 22]);
        theora.extend(b"\x80theora");
        assert_eq!(kind(&theora), Some((MediaType::Video, "ogv".into())));
        let mut opus = b"OggS\0\x02".to_vec();
        opus.extend([0; 22]);
        opus.extend(b"OpusHead");
        assert_eq!(kind(&opus), Some((MediaType::Audio, "opus".into())));
    }

    #[test]
    fn transport_streams_need_repeated_sync_bytes() {
        let mut ts = vec![0u8; 188 * 3];
        for i in 0..3 {
            ts[i * 188] = 0x47;
        }
        assert_eq!(kind(&ts), Some((MediaType::Video, "ts".into())));
        ts[188] = 0;
        assert_eq!(kind(&ts), None);
    }

    #[test]
    fn svg_is_found_after_declaration_and_comments() {
        let svg = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg>\n<SVG xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(kind(svg), Some((MediaType::Image, "svg".into())));
        assert_eq!(kind(b"<html><svg/></html>"), None);
    }

    #[test]
    fn unknown_content_falls_back_to_the_extension() {
        let detection = detect_file(b"not media at all", Some("dir/Clip.MOV")).unwrap();
        assert_eq!(detection.media_type, MediaType::Video);
        assert_eq!(detection.source, DetectionSource::FileExtension);
        assert_eq!(
            detection.describe(),
            "media type VIDEO detected from the file extension .mov"
        );
        assert_eq!(detect_file(b"not media", Some("notes.txt")), None);
        assert_eq!(detect_file(b"", None), None);
    }

    #[test]
    fn content_wins_over_the_extension() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
        let detection = detect_file(png, Some("song.mp3")).unwrap();
        assert_eq!(detection.media_type, MediaType::Image);
        assert_eq!(
            detection.describe(),
            "media type IMAGE detected from content (png)"
        );
    }

    #[test]
    fn urls_use_the_path_then_the_name_then_the_default() {
        let from_path = detect_url(
            "https://cdn.example.com/a/b/song%20one.MP3?x=movie.mp4",
            None,
            MediaType::Video,
        );
        assert_eq!(
            (from_path.media_type, from_path.source),
            (MediaType::Audio, DetectionSource::UrlExtension)
        );
        let from_name = detect_url(
            "https://example.com/stream?id=4",
            Some("photo.webp"),
            MediaType::Video,
        );
        assert_eq!(
            (from_name.media_type, from_name.source),
            (MediaType::Image, DetectionSource::NameExtension)
        );
        let fallback = detect_url("not a url", Some("clip"), MediaType::Audio);
        assert_eq!(
            (fallback.media_type, fallback.source),
            (MediaType::Audio, DetectionSource::Default)
        );
        assert!(fallback.describe().contains("assumed"));
        let long = format!("https://example.com/{}.mp4", "a".repeat(MAX_URL_BYTES));
        assert_eq!(
            detect_url(&long, None, MediaType::Image).source,
            DetectionSource::Default
        );
    }

    #[test]
    fn every_extension_of_the_old_list_is_known() {
        let old = "jpeg jpg png tiff gif jp2 jpx jpf jpc j2k j2c dng crw cr2 zvi svg bmp xif mp3 wma flac aiff aac weba avi swf flv wmv mpeg asf 3gp 3g2 mov mp4 m4v ogg ogv f4v mkv webm";
        for extension in old.split(' ') {
            assert!(type_of_extension(extension).is_some(), "{extension}");
        }
        assert_eq!(
            type_of_extension("ogg"),
            Some(MediaType::Video),
            "the old list filed ogg as video"
        );
    }
}
