//! Matroska and WebM: reads the EBML header, then the `Info` and `Tracks`
//! elements of the segment, skipping everything else by seeking. The scan
//! stops at the first `Cluster` (media data).

use super::{Format, MediaFacts, MediaKind, read_at};
use std::io::{Read, Seek};

const EBML_HEADER: u32 = 0x1A45_DFA3;
const DOC_TYPE: u32 = 0x4282;
const SEGMENT: u32 = 0x1853_8067;
const INFO: u32 = 0x1549_A966;
const TIMESTAMP_SCALE: u32 = 0x2A_D7B1;
const DURATION: u32 = 0x4489;
const TRACKS: u32 = 0x1654_AE6B;
const TRACK_ENTRY: u32 = 0xAE;
const TRACK_TYPE: u32 = 0x83;
const VIDEO: u32 = 0xE0;
const PIXEL_WIDTH: u32 = 0xB0;
const PIXEL_HEIGHT: u32 = 0xBA;
const CLUSTER: u32 = 0x1F43_B675;

/// Largest `Info` or `Tracks` element read into memory (codec private data
/// sits in `Tracks` and is small in practice).
const MAX_ELEMENT: u64 = 1 << 20;
/// Top-level segment children looked at before giving up.
const MAX_CHILDREN: usize = 1_000;

/// An element header: its id, where its data starts and its size (`None`
/// when the size is "unknown", as live streams write).
struct Header {
    id: u32,
    data: u64,
    size: Option<u64>,
}

pub(crate) fn probe<R: Read + Seek>(reader: &mut R, len: u64) -> Option<MediaFacts> {
    let ebml = read_header(reader, 0)?;
    let ebml_size = ebml.size?;
    let doc_type = read_doc_type(reader, ebml.data, ebml_size);
    let segment = read_header(reader, ebml.data.checked_add(ebml_size)?)?;
    if segment.id != SEGMENT {
        return None;
    }
    let segment_end = segment
        .size
        .and_then(|s| segment.data.checked_add(s))
        .map_or(len, |end| end.min(len));

    let mut info = None;
    let mut tracks = None;
    let mut pos = segment.data;
    for _ in 0..MAX_CHILDREN {
        if pos >= segment_end || (info.is_some() && tracks.is_some()) {
            break;
        }
        let child = read_header(reader, pos)?;
        if child.id == CLUSTER {
            break;
        }
        let size = child.size?;
        match child.id {
            INFO => info = read_body(reader, &child, size).map(|b| parse_info(&b)),
            TRACKS => tracks = read_body(reader, &child, size).map(|b| parse_tracks(&b)),
            _ => {}
        }
        pos = child.data.checked_add(size)?;
    }

    let tracks = tracks?;
    let kind = if tracks.has_video {
        MediaKind::Video
    } else if tracks.has_audio {
        MediaKind::Audio
    } else {
        return None;
    };
    let format = if doc_type.as_deref() == Some("webm") {
        Format::WebM
    } else {
        Format::Matroska
    };
    Some(MediaFacts {
        kind,
        format: Some(format),
        width: tracks.width,
        height: tracks.height,
        duration_ms: info.flatten(),
    })
}

fn read_body<R: Read + Seek>(reader: &mut R, header: &Header, size: u64) -> Option<Vec<u8>> {
    if size > MAX_ELEMENT {
        return None;
    }
    let mut body = vec![0u8; usize::try_from(size).ok()?];
    (read_at(reader, header.data, &mut body).ok()? == body.len()).then_some(body)
}

fn read_doc_type<R: Read + Seek>(reader: &mut R, data: u64, size: u64) -> Option<String> {
    let body = read_body(
        reader,
        &Header {
            id: EBML_HEADER,
            data,
            size: Some(size),
        },
        size,
    )?;
    children(&body)
        .find(|(id, _)| *id == DOC_TYPE)
        .map(|(_, value)| {
            String::from_utf8_lossy(value)
                .trim_end_matches('\0')
                .to_owned()
        })
}

/// Duration in milliseconds from the `Info` element.
fn parse_info(body: &[u8]) -> Option<u64> {
    let mut scale_ns: u64 = 1_000_000;
    let mut duration = None;
    for (id, value) in children(body) {
        match id {
            TIMESTAMP_SCALE => scale_ns = read_uint(value)?,
            DURATION => duration = read_float(value),
            _ => {}
        }
    }
    let ms = duration? * scale_ns as f64 / 1_000_000.0;
    (ms.is_finite() && ms >= 0.0 && ms < u64::MAX as f64).then(|| ms.round() as u64)
}

#[derive(Default)]
struct Tracks {
    has_video: bool,
    has_audio: bool,
    width: Option<u32>,
    height: Option<u32>,
}

fn parse_tracks(body: &[u8]) -> Tracks {
    let mut tracks = Tracks::default();
    for (_, entry) in children(body).filter(|(id, _)| *id == TRACK_ENTRY) {
        let mut track_type = None;
        let mut size = (None, None);
        for (id, value) in children(entry) {
            match id {
                TRACK_TYPE => track_type = read_uint(value),
                VIDEO => {
                    for (id, value) in children(value) {
                        let pixels = read_uint(value).and_then(|v| u32::try_from(v).ok());
                        match id {
                            PIXEL_WIDTH => size.0 = pixels,
                            PIXEL_HEIGHT => size.1 = pixels,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        match track_type {
            Some(1) if !tracks.has_video => {
                tracks.has_video = true;
                (tracks.width, tracks.height) = size;
            }
            Some(2) => tracks.has_audio = true,
            _ => {}
        }
    }
    tracks
}

/// The child elements of a master element's body, as (id, value) pairs.
/// Stops at the first malformed or unknown-sized child.
fn children(mut body: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    std::iter::from_fn(move || {
        let (id, id_len) = read_id(body)?;
        let (size, size_len) = read_size(body.get(id_len..)?)?;
        let start = id_len + size_len;
        let end = start.checked_add(usize::try_from(size?).ok()?)?;
        let value = body.get(start..end)?;
        body = &body[end..];
        Some((id, value))
    })
}

/// An element id (1 to 4 bytes, marker bits kept) and its length.
fn read_id(bytes: &[u8]) -> Option<(u32, usize)> {
    let first = *bytes.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 4 {
        return None;
    }
    let id = bytes
        .get(..len)?
        .iter()
        .fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
    Some((id, len))
}

/// An element size (1 to 8 bytes, marker bit removed) and its length;
/// `None` inside for the reserved "unknown size" value.
fn read_size(bytes: &[u8]) -> Option<(Option<u64>, usize)> {
    let first = *bytes.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let raw = bytes
        .get(..len)?
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let value = raw & (u64::MAX >> (64 - 7 * len));
    let unknown = value == (u64::MAX >> (64 - 7 * len));
    Some((if unknown { None } else { Some(value) }, len))
}

fn read_header<R: Read + Seek>(reader: &mut R, pos: u64) -> Option<Header> {
    let mut buf = [0u8; 12];
    let got = read_at(reader, pos, &mut buf).ok()?;
    let bytes = &buf[..got];
    let (id, id_len) = read_id(bytes)?;
    let (size, size_len) = read_size(bytes.get(id_len..)?)?;
    Some(Header {
        id,
        data: pos + (id_len + size_len) as u64,
        size,
    })
}

fn read_uint(value: &[u8]) -> Option<u64> {
    (value.len() <= 8).then(|| value.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

fn read_float(value: &[u8]) -> Option<f64> {
    match value.len() {
        4 => Some(f64::from(f32::from_be_bytes(value.try_into().ok()?))),
        8 => Some(f64::from_be_bytes(value.try_into().ok()?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_decode_with_their_marker_removed() {
        assert_eq!(read_size(&[0x81]), Some((Some(1), 1)));
        assert_eq!(read_size(&[0x40, 0x02]), Some((Some(2), 2)));
        assert_eq!(read_size(&[0xFF]), Some((None, 1)));
        assert_eq!(
            read_size(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            Some((None, 8))
        );
        assert_eq!(read_size(&[0x00]), None);
    }

    #[test]
    fn ids_keep_their_marker_bits() {
        assert_eq!(read_id(&[0x1A, 0x45, 0xDF, 0xA3]), Some((EBML_HEADER, 4)));
        assert_eq!(read_id(&[0xAE]), Some((TRACK_ENTRY, 1)));
        assert_eq!(read_id(&[0x00, 0x01]), None);
    }
}
