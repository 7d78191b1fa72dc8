//! What kind of media a file is, from its first bytes alone: no seeking, no parsing beyond a few headers.
//!
//! Containers that hold either sound or pictures are looked into where their header allows it: an
//! MP4/MOV whose handler is only `soun` is audio, an Ogg stream with a Theora/VP8 header is video (Vorbis,
//! Opus, FLAC or Speex alone are audio), a Matroska/WebM file with only audio tracks is audio, an ASF file
//! with only an audio stream is WMA. Everything else `infer` recognises maps by its family, and an MPEG
//! audio frame header counts as MP3 even without an ID3 tag.

use crate::{Format, MediaKind, audio};

/// Bytes of the start of a file that [`sniff`] looks at (64 KiB); longer input is allowed, the rest is
/// ignored. Headers that tell the kind fit well within this.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// A kind of media and the format behind it, recognised from a file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// Video, image or audio; never [`MediaKind::Unknown`].
    pub kind: MediaKind,
    /// The format recognised.
    pub format: Format,
}

fn found(kind: MediaKind, format: Format) -> Sniffed {
    Sniffed { kind, format }
}

/// The kind and format of the media whose first bytes are `head`, if recognised; `None` for anything else
/// (text, documents, archives, drawings, scores, unknown or too few bytes). Only the first
/// [`MAX_HEAD_BYTES`] are read; never fails and never panics, whatever the bytes.
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    let head = &head[..head.len().min(MAX_HEAD_BYTES)];
    iso_bmff(head)
        .or_else(|| ogg(head))
        .or_else(|| matroska(head))
        .or_else(|| asf(head))
        .or_else(|| mxf(head))
        .or_else(|| swf(head))
        .or_else(|| svg(head))
        .or_else(|| by_infer(head))
        .or_else(|| mp3_frame(head))
        // Last: its only signature is a repeated 0x47, which a GIF ("G") could show by chance.
        .or_else(|| mpeg_ts(head))
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// ISO base media (MP4, MOV, 3GP, M4A, HEIC, AVIF): the `ftyp` brand, then the track
/// handlers when the `moov` box is at the start.
fn iso_bmff(head: &[u8]) -> Option<Sniffed> {
    if head.get(4..8) != Some(b"ftyp") {
        // QuickTime files may open with a `moov`, `mdat`, `wide` or `free` box instead.
        let box_type = head.get(4..8)?;
        let quicktime = [b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"];
        return quicktime
            .iter()
            .any(|t| box_type == *t)
            .then_some(found(MediaKind::Video, Format::QuickTime));
    }
    let brand = head.get(8..12)?;
    let sniffed = match brand {
        b"M4A " | b"M4B " | b"M4P " | b"F4A " | b"F4B " => found(MediaKind::Audio, Format::M4a),
        b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => {
            found(MediaKind::Image, Format::Heic)
        }
        b"avif" | b"avis" => found(MediaKind::Image, Format::Avif),
        b"crx " => found(MediaKind::Image, Format::Cr3),
        b"qt  " => found(MediaKind::Video, Format::QuickTime),
        b"M4V " | b"M4VH" | b"M4VP" => found(MediaKind::Video, Format::M4v),
        b"f4v " => found(MediaKind::Video, Format::F4v),
        brand if brand.starts_with(b"3g2") => found(MediaKind::Video, Format::ThreeG2),
        brand if brand.starts_with(b"3gp") || brand.starts_with(b"3ge") => {
            found(MediaKind::Video, Format::ThreeGp)
        }
        _ => found(MediaKind::Video, Format::Mp4),
    };
    // A movie header at the start tells whether any track is video.
    let handler = |kind: &[u8]| {
        head.windows(4 + 8 + 4)
            .any(|w| &w[..4] == b"hdlr" && &w[12..] == kind)
    };
    if sniffed.kind == MediaKind::Video && !handler(b"vide") && handler(b"soun") {
        return Some(found(MediaKind::Audio, Format::M4a));
    }
    Some(sniffed)
}

/// Ogg: video when a Theora, VP8, Daala or OGM video header is present, else audio.
fn ogg(head: &[u8]) -> Option<Sniffed> {
    if !head.starts_with(b"OggS") {
        return None;
    }
    let video = [
        &b"\x80theora"[..],
        b"OVP80",
        b"\x80daala",
        b"\x01video\0\0\0",
    ];
    if video.iter().any(|marker| contains(head, marker)) {
        return Some(found(MediaKind::Video, Format::OggVideo));
    }
    let format = if contains(head, b"OpusHead") {
        Format::Opus
    } else if contains(head, b"\x7fFLAC") {
        Format::OggFlac
    } else {
        Format::Ogg
    };
    Some(found(MediaKind::Audio, format))
}

/// Matroska and WebM: audio when the `Tracks` element lists only audio tracks.
fn matroska(head: &[u8]) -> Option<Sniffed> {
    if !head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return None;
    }
    let webm = contains(&head[..head.len().min(64)], b"webm");
    // EBML ids: Tracks 0x1654AE6B; TrackType 0x83 with a one-byte size 0x81 and value 1
    // (video) or 2 (audio).
    let tracks_at = head.windows(4).position(|w| w == [0x16, 0x54, 0xAE, 0x6B]);
    let only_audio = tracks_at.is_some_and(|at| {
        let tracks = &head[at..];
        !contains(tracks, &[0x83, 0x81, 0x01]) && contains(tracks, &[0x83, 0x81, 0x02])
    });
    Some(match (only_audio, webm) {
        (true, true) => found(MediaKind::Audio, Format::WebmAudio),
        (true, false) => found(MediaKind::Audio, Format::MatroskaAudio),
        (false, true) => found(MediaKind::Video, Format::WebM),
        (false, false) => found(MediaKind::Video, Format::Matroska),
    })
}

/// ASF (WMV/WMA): audio when the stream properties name only audio streams.
fn asf(head: &[u8]) -> Option<Sniffed> {
    const HEADER: [u8; 16] = [
        0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE,
        0x6C,
    ];
    const VIDEO_STREAM: [u8; 16] = [
        0xC0, 0xEF, 0x19, 0xBC, 0x4D, 0x5B, 0xCF, 0x11, 0xA8, 0xFD, 0x00, 0x80, 0x5F, 0x5C, 0x44,
        0x2B,
    ];
    const AUDIO_STREAM: [u8; 16] = [
        0x40, 0x9E, 0x69, 0xF8, 0x4D, 0x5B, 0xCF, 0x11, 0xA8, 0xFD, 0x00, 0x80, 0x5F, 0x5C, 0x44,
        0x2B,
    ];
    if !head.starts_with(&HEADER) {
        return None;
    }
    if !contains(head, &VIDEO_STREAM) && contains(head, &AUDIO_STREAM) {
        Some(found(MediaKind::Audio, Format::Wma))
    } else {
        Some(found(MediaKind::Video, Format::Wmv))
    }
}

/// MPEG transport stream: sync byte 0x47 every 188 bytes (192 for M2TS, after a 4-byte
/// time code), on at least three packets or every packet of a shorter head.
fn mpeg_ts(head: &[u8]) -> Option<Sniffed> {
    let synced = |offset: usize, stride: usize| {
        let packets = (head.len().saturating_sub(offset)).div_ceil(stride).min(3);
        packets >= 2 && (0..packets).all(|i| head.get(offset + i * stride) == Some(&0x47))
    };
    if synced(0, 188) {
        Some(found(MediaKind::Video, Format::MpegTs))
    } else if synced(4, 192) {
        Some(found(MediaKind::Video, Format::M2ts))
    } else {
        None
    }
}

/// MXF: the SMPTE universal label of a header partition pack.
fn mxf(head: &[u8]) -> Option<Sniffed> {
    const PARTITION: [u8; 13] = [
        0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02, 0x01, 0x01,
    ];
    head.starts_with(&PARTITION)
        .then_some(found(MediaKind::Video, Format::Mxf))
}

/// Flash (SWF), counted as video: it was the web's video container.
fn swf(head: &[u8]) -> Option<Sniffed> {
    let signature = head.get(..3)?;
    ([b"FWS", b"CWS", b"ZWS"].iter().any(|s| signature == *s) && head.len() >= 8)
        .then_some(found(MediaKind::Video, Format::Swf))
}

/// SVG: text whose first element is `svg`, after an optional XML declaration, comments and
/// doctype.
fn svg(head: &[u8]) -> Option<Sniffed> {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    if text.get(start) != Some(&b'<') {
        return None;
    }
    let prefix = &text[start..text.len().min(start + 4096)];
    let lower: Vec<u8> = prefix.to_ascii_lowercase();
    let mut rest = &lower[..];
    // Skip `<?…?>`, `<!--…-->` and `<!…>` until the first element.
    loop {
        if rest.starts_with(b"<svg") {
            return Some(found(MediaKind::Image, Format::Svg));
        }
        let end: &[u8] = if rest.starts_with(b"<?") {
            b"?>"
        } else if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<!") {
            b">"
        } else {
            return None;
        };
        let close = rest.windows(end.len()).position(|w| w == end)?;
        rest = &rest[close + end.len()..];
        let next = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest = &rest[next..];
    }
}

/// Everything else `infer` knows, by its family. Drawings and documents it files as images
/// (DWG, DjVu, OpenRaster) and MIDI scores are not media to play or show.
fn by_infer(head: &[u8]) -> Option<Sniffed> {
    let infered = infer::get(head)?;
    let kind = match infered.matcher_type() {
        infer::MatcherType::Image => MediaKind::Image,
        infer::MatcherType::Video => MediaKind::Video,
        infer::MatcherType::Audio => MediaKind::Audio,
        _ => return None,
    };
    let format = match infered.extension() {
        "dwg" | "djvu" | "ora" | "midi" => return None,
        "jpg" => Format::Jpeg,
        "png" => Format::Png,
        "gif" => Format::Gif,
        "webp" => Format::WebP,
        "bmp" => Format::Bmp,
        "tif" => Format::Tiff,
        "mp3" => Format::Mp3,
        "wav" => Format::Wav,
        extension => Format::Other {
            extension,
            mime_type: infered.mime_type(),
        },
    };
    Some(found(kind, format))
}

/// MP3 without an ID3 tag: a valid MPEG audio layer III frame header at the start.
fn mp3_frame(head: &[u8]) -> Option<Sniffed> {
    audio::is_mp3_frame(head).then_some(found(MediaKind::Audio, Format::Mp3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(head: &[u8]) -> Option<(MediaKind, &'static str)> {
        sniff(head).map(|s| (s.kind, s.format.extension()))
    }

    #[test]
    fn ftyp_brands_and_handlers_decide_mp4_family_kinds() {
        let mut m4a = b"\0\0\0\x20ftypM4A \0\0\0\0M4A isom".to_vec();
        m4a.resize(64, 0);
        assert_eq!(kind(&m4a), Some((MediaKind::Audio, "m4a")));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(kind(heic), Some((MediaKind::Image, "heic")));
        let gp = b"\0\0\0\x14ftyp3gp4\0\0\0\0isom";
        assert_eq!(kind(gp), Some((MediaKind::Video, "3gp")));
        let mut sound_only = b"\0\0\0\x18ftypisom\0\0\0\0isom".to_vec();
        sound_only.extend(b"\0\0\0\x21hdlr\0\0\0\0\0\0\0\0soun");
        assert_eq!(kind(&sound_only), Some((MediaKind::Audio, "m4a")));
    }

    #[test]
    fn ogg_is_video_only_with_a_video_codec_header() {
        let mut theora = b"OggS\0\x02".to_vec();
        theora.extend([0; 22]);
        theora.extend(b"\x80theora");
        assert_eq!(kind(&theora), Some((MediaKind::Video, "ogv")));
        let mut opus = b"OggS\0\x02".to_vec();
        opus.extend([0; 22]);
        opus.extend(b"OpusHead");
        assert_eq!(kind(&opus), Some((MediaKind::Audio, "opus")));
    }

    #[test]
    fn transport_streams_need_repeated_sync_bytes() {
        let mut ts = vec![0u8; 188 * 3];
        for i in 0..3 {
            ts[i * 188] = 0x47;
        }
        assert_eq!(kind(&ts), Some((MediaKind::Video, "ts")));
        ts[188] = 0;
        assert_eq!(kind(&ts), None);
    }

    #[test]
    fn svg_is_found_after_declaration_and_comments() {
        let svg = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg>\n<SVG xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(kind(svg), Some((MediaKind::Image, "svg")));
        assert_eq!(kind(b"<html><svg/></html>"), None);
    }

    #[test]
    fn formats_infer_knows_keep_its_extension_and_mime_type() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
        assert_eq!(sniff(png).map(|s| s.format), Some(Format::Png));
        let flac = b"fLaC\0\0\0\x22";
        let sniffed = sniff(flac).unwrap();
        assert_eq!(sniffed.kind, MediaKind::Audio);
        assert_eq!(
            (sniffed.format.extension(), sniffed.format.mime_type()),
            ("flac", "audio/x-flac")
        );
    }

    #[test]
    fn an_mp3_without_id3_is_found_by_its_frame_header() {
        assert_eq!(
            kind(&[0xFF, 0xFA, 0x90, 0x64]),
            Some((MediaKind::Audio, "mp3"))
        );
        assert_eq!(kind(&[0xFF, 0xF1, 0x50, 0x80]).map(|k| k.1), Some("aac"));
    }

    #[test]
    fn text_drawings_and_nothing_are_not_media() {
        assert_eq!(kind(b"not media at all"), None);
        assert_eq!(kind(b""), None);
        assert_eq!(kind(b"1\n00:00:00,000 --> 00:00:01,000\nhi\n"), None);
    }
}
