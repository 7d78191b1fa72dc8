//! Audio-only files without a box or element tree: RIFF WAVE (duration from
//! the `fmt ` byte rate and the `data` size) and MP3 (duration from the
//! Xing/Info or VBRI header, else estimated from the first frame's bitrate
//! as for constant-bitrate files).

use super::{Format, MediaFacts, MediaKind, read_at, to_millis};
use std::io::{Read, Seek};

/// RIFF chunks looked at before giving up.
const MAX_CHUNKS: usize = 1_000;
/// How far past the ID3 tag we search for the first MPEG audio frame.
const MAX_SYNC_SEARCH: usize = 64 * 1024;

/// Whether `head` opens with a valid MPEG audio frame header (an MP3 without an ID3 tag).
pub(crate) fn is_mp3_frame(head: &[u8]) -> bool {
    head.get(..4).and_then(frame_header).is_some()
}

pub(crate) fn probe_wav<R: Read + Seek>(reader: &mut R, len: u64) -> Option<MediaFacts> {
    let mut byte_rate = None;
    let mut data_size = None;
    let mut pos: u64 = 12;
    for _ in 0..MAX_CHUNKS {
        let mut header = [0u8; 16];
        let got = read_at(reader, pos, &mut header).ok()?;
        if got < 8 {
            break;
        }
        let size = u64::from(u32::from_le_bytes(header[4..8].try_into().ok()?));
        match &header[0..4] {
            // audio format (2), channels (2), sample rate (4), byte rate (4)
            b"fmt " if got >= 16 => {
                let mut fmt = [0u8; 8];
                if read_at(reader, pos + 8, &mut fmt).ok()? == 8 {
                    byte_rate = Some(u64::from(u32::from_le_bytes(fmt[4..8].try_into().ok()?)));
                }
            }
            b"data" => {
                // A streaming writer may leave the size at its maximum: use
                // what the file really holds.
                data_size = Some(size.min(len.saturating_sub(pos + 8)));
                break;
            }
            _ => {}
        }
        // Chunks are padded to an even size.
        pos = pos.checked_add(8 + size + (size & 1))?;
    }
    let mut facts = MediaFacts::of(MediaKind::Audio, Format::Wav);
    facts.duration_ms = to_millis(data_size?, byte_rate?);
    Some(facts)
}

pub(crate) fn probe_mp3<R: Read + Seek>(reader: &mut R, len: u64) -> Option<MediaFacts> {
    let mut facts = MediaFacts::of(MediaKind::Audio, Format::Mp3);
    let audio_start = id3v2_len(reader)?;
    let mut window = vec![0u8; MAX_SYNC_SEARCH];
    let got = read_at(reader, audio_start, &mut window).ok()?;
    window.truncate(got);
    let Some((offset, frame)) = (0..window.len().saturating_sub(4))
        .find_map(|i| frame_header(&window[i..i + 4]).map(|f| (i, f)))
    else {
        // An ID3 tag alone is not audio.
        return None;
    };
    let first_frame = &window[offset..];
    let frames = xing_frames(first_frame, &frame).or_else(|| vbri_frames(first_frame));
    facts.duration_ms = match frames {
        Some(frames) => to_millis(frames * frame.samples_per_frame, frame.sample_rate),
        None => {
            let audio_len = len.saturating_sub(audio_start + offset as u64);
            to_millis(audio_len * 8, frame.bitrate)
        }
    };
    Some(facts)
}

/// The size of a leading ID3v2 tag (0 when there is none).
fn id3v2_len<R: Read + Seek>(reader: &mut R) -> Option<u64> {
    let mut header = [0u8; 10];
    if read_at(reader, 0, &mut header).ok()? < 10 || &header[0..3] != b"ID3" {
        return Some(0);
    }
    // Sizes are "synchsafe": 7 bits per byte.
    let size = header[6..10]
        .iter()
        .fold(0u64, |acc, b| (acc << 7) | u64::from(b & 0x7F));
    let footer = if header[5] & 0x10 != 0 { 10 } else { 0 };
    Some(10 + size + footer)
}

/// What an MPEG audio frame header says.
struct FrameHeader {
    mpeg1: bool,
    mono: bool,
    /// Bits per second.
    bitrate: u64,
    sample_rate: u64,
    samples_per_frame: u64,
}

fn frame_header(bytes: &[u8]) -> Option<FrameHeader> {
    let [b0, b1, b2, b3] = <[u8; 4]>::try_from(bytes).ok()?;
    if b0 != 0xFF || b1 & 0xE0 != 0xE0 {
        return None;
    }
    let version = (b1 >> 3) & 0b11; // 0: 2.5, 2: 2, 3: 1
    let layer = (b1 >> 1) & 0b11; // 1: III, 2: II, 3: I
    let bitrate_index = usize::from(b2 >> 4);
    let rate_index = usize::from((b2 >> 2) & 0b11);
    if version == 1 || layer == 0 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3 {
        return None;
    }
    let mpeg1 = version == 3;
    const V1: [[u64; 15]; 3] = [
        [
            0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
        ],
        [
            0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
        ],
        [
            0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
        ],
    ];
    const V2_LAYER1: [u64; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
    ];
    const V2_LAYER23: [u64; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let kbps = match (mpeg1, layer) {
        (true, l) => V1[usize::from(l - 1)][bitrate_index],
        (false, 3) => V2_LAYER1[bitrate_index],
        (false, _) => V2_LAYER23[bitrate_index],
    };
    let base_rate = [44_100, 48_000, 32_000][rate_index];
    let sample_rate = match version {
        3 => base_rate,
        2 => base_rate / 2,
        _ => base_rate / 4,
    };
    let samples_per_frame = match (layer, mpeg1) {
        (3, _) => 384,
        (2, _) | (1, true) => 1152,
        _ => 576,
    };
    Some(FrameHeader {
        mpeg1,
        mono: b3 >> 6 == 0b11,
        bitrate: kbps * 1000,
        sample_rate,
        samples_per_frame,
    })
}

/// Frame count from a Xing or Info header in the first frame.
fn xing_frames(frame: &[u8], header: &FrameHeader) -> Option<u64> {
    let side_info = match (header.mpeg1, header.mono) {
        (true, false) => 32,
        (true, true) | (false, false) => 17,
        (false, true) => 9,
    };
    let at = 4 + side_info;
    let tag = frame.get(at..at + 12)?;
    if &tag[0..4] != b"Xing" && &tag[0..4] != b"Info" {
        return None;
    }
    let flags = u32::from_be_bytes(tag[4..8].try_into().ok()?);
    let frames = u64::from(u32::from_be_bytes(tag[8..12].try_into().ok()?));
    (flags & 1 == 1).then_some(frames)
}

/// Frame count from a VBRI header (Fraunhofer encoders), 32 bytes after the
/// frame header.
fn vbri_frames(frame: &[u8]) -> Option<u64> {
    let tag = frame.get(36..54)?;
    if &tag[0..4] != b"VBRI" {
        return None;
    }
    Some(u64::from(u32::from_be_bytes(tag[14..18].try_into().ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_and_aac_headers_are_not_mp3_frames() {
        assert!(frame_header(&[0xFF, 0xD8, 0xFF, 0xE0]).is_none());
        assert!(frame_header(&[0xFF, 0xF1, 0x50, 0x80]).is_none());
    }

    #[test]
    fn a_mpeg1_layer3_header_decodes() {
        let frame = frame_header(&[0xFF, 0xFB, 0x90, 0x64]).unwrap();
        assert_eq!(frame.bitrate, 128_000);
        assert_eq!(frame.sample_rate, 44_100);
        assert_eq!(frame.samples_per_frame, 1152);
    }
}
