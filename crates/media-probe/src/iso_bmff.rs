//! ISO base media files (MP4, MOV, 3GP, M4A): walks the box tree with seeks,
//! reading only the `ftyp`, `mvhd`, `tkhd` and `hdlr` boxes, so the sample
//! tables and the media data are never loaded.

use super::{Format, MediaFacts, MediaKind, read_at, to_millis};
use std::io::{Read, Seek};

/// Boxes looked at before giving up: a valid file needs a few dozen.
const MAX_BOXES: usize = 10_000;
/// Nesting depth of the boxes we descend into (moov/trak/mdia/hdlr is 4).
const MAX_DEPTH: u8 = 4;

/// What the walk collects.
#[derive(Default)]
struct Walk {
    boxes: usize,
    brand: Option<[u8; 4]>,
    movie_duration_ms: Option<u64>,
    has_video: bool,
    has_audio: bool,
    width: Option<u32>,
    height: Option<u32>,
}

/// One track while its `trak` box is walked.
#[derive(Default)]
struct Track {
    handler: Option<[u8; 4]>,
    width: u32,
    height: u32,
}

pub(crate) fn probe<R: Read + Seek>(reader: &mut R, len: u64) -> Option<MediaFacts> {
    let mut walk = Walk::default();
    walk_boxes(reader, 0, len, 0, &mut walk, &mut None)?;
    let kind = if walk.has_video {
        MediaKind::Video
    } else if walk.has_audio {
        MediaKind::Audio
    } else {
        return None;
    };
    let format = match (walk.brand.as_ref(), kind) {
        (Some(b"qt  "), _) => Format::QuickTime,
        (Some(brand), _) if brand.starts_with(b"3g") => Format::ThreeGp,
        (Some(b"M4A " | b"M4B "), _) | (_, MediaKind::Audio) => Format::M4a,
        _ => Format::Mp4,
    };
    Some(MediaFacts {
        kind,
        format: Some(format),
        width: walk.width.filter(|_| kind == MediaKind::Video),
        height: walk.height.filter(|_| kind == MediaKind::Video),
        duration_ms: walk.movie_duration_ms,
    })
}

/// Walks the boxes in `[start, end)`. `track` is the track being read when
/// inside a `trak` box.
fn walk_boxes<R: Read + Seek>(
    reader: &mut R,
    start: u64,
    end: u64,
    depth: u8,
    walk: &mut Walk,
    track: &mut Option<Track>,
) -> Option<()> {
    let mut pos = start;
    while pos.checked_add(8)? <= end {
        walk.boxes += 1;
        if walk.boxes > MAX_BOXES {
            return None;
        }
        let mut header = [0u8; 16];
        let got = read_at(reader, pos, &mut header).ok()?;
        if got < 8 {
            return None;
        }
        let size32 = u32::from_be_bytes(header[0..4].try_into().ok()?);
        let kind: [u8; 4] = header[4..8].try_into().ok()?;
        let (header_len, size) = match size32 {
            0 => (8, end - pos),
            1 if got >= 16 => (16, u64::from_be_bytes(header[8..16].try_into().ok()?)),
            1 => return None,
            n => (8, u64::from(n)),
        };
        if size < header_len {
            return None;
        }
        let box_end = pos.checked_add(size)?.min(end);
        let body = pos + header_len;
        match &kind {
            b"ftyp" => {
                let mut brand = [0u8; 4];
                if read_at(reader, body, &mut brand).ok()? == 4 {
                    walk.brand = Some(brand);
                }
            }
            b"moov" | b"mdia" if depth < MAX_DEPTH => {
                walk_boxes(reader, body, box_end, depth + 1, walk, track)?;
            }
            b"trak" if depth < MAX_DEPTH => {
                let mut current = Some(Track::default());
                walk_boxes(reader, body, box_end, depth + 1, walk, &mut current)?;
                if let Some(done) = current {
                    finish_track(walk, done);
                }
            }
            b"mvhd" => walk.movie_duration_ms = read_mvhd(reader, body),
            b"tkhd" => {
                if let (Some(t), Some((w, h))) = (track.as_mut(), read_tkhd(reader, body)) {
                    t.width = w;
                    t.height = h;
                }
            }
            b"hdlr" => {
                // version/flags (4), pre_defined (4), handler_type (4)
                let mut buf = [0u8; 12];
                if let Some(t) = track.as_mut()
                    && read_at(reader, body, &mut buf).ok()? == 12
                {
                    t.handler = buf[8..12].try_into().ok();
                }
            }
            _ => {}
        }
        pos = box_end;
        if size32 == 0 {
            break;
        }
    }
    Some(())
}

fn finish_track(walk: &mut Walk, track: Track) {
    match track.handler.as_ref() {
        Some(b"vide") => {
            // The first video track with a size gives the frame size.
            if !walk.has_video || walk.width.is_none() {
                walk.width = Some(track.width).filter(|w| *w > 0);
                walk.height = Some(track.height).filter(|h| *h > 0);
            }
            walk.has_video = true;
        }
        Some(b"soun") => walk.has_audio = true,
        _ => {}
    }
}

/// `mvhd`: the movie duration in the movie timescale.
fn read_mvhd<R: Read + Seek>(reader: &mut R, body: u64) -> Option<u64> {
    let mut buf = [0u8; 32];
    let got = read_at(reader, body, &mut buf).ok()?;
    let (timescale, duration) = match buf[0] {
        0 if got >= 20 => (
            u64::from(u32::from_be_bytes(buf[12..16].try_into().ok()?)),
            u64::from(u32::from_be_bytes(buf[16..20].try_into().ok()?)),
        ),
        1 if got >= 32 => (
            u64::from(u32::from_be_bytes(buf[20..24].try_into().ok()?)),
            u64::from_be_bytes(buf[24..32].try_into().ok()?),
        ),
        _ => return None,
    };
    // All ones means "unknown" (fragmented files).
    if duration == u64::from(u32::MAX) || duration == u64::MAX {
        return None;
    }
    to_millis(duration, timescale)
}

/// `tkhd`: the track's presentation width and height (16.16 fixed point).
fn read_tkhd<R: Read + Seek>(reader: &mut R, body: u64) -> Option<(u32, u32)> {
    let mut buf = [0u8; 96];
    let got = read_at(reader, body, &mut buf).ok()?;
    // After version/flags and the times: reserved (8), layer, alternate group,
    // volume, reserved (2 each), matrix (36), then width and height.
    let size_at = match buf[0] {
        0 => 4 + 20 + 52,
        1 => 4 + 32 + 52,
        _ => return None,
    };
    if got < size_at + 8 {
        return None;
    }
    let width = u32::from_be_bytes(buf[size_at..size_at + 4].try_into().ok()?) >> 16;
    let height = u32::from_be_bytes(buf[size_at + 4..size_at + 8].try_into().ok()?) >> 16;
    Some((width, height))
}
