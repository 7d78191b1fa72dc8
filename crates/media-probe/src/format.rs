//! Container and file formats, with the file extension and MIME type each is stored and served under.

/// A container or file format recognised by [`sniff`](crate::sniff) or [`probe`](crate::probe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// MPEG-4 part 14 (`.mp4`).
    Mp4,
    /// Apple QuickTime (`.mov`).
    QuickTime,
    /// 3GPP (`.3gp`).
    ThreeGp,
    /// 3GPP2 (`.3g2`).
    ThreeG2,
    /// MPEG-4 audio (`.m4a`).
    M4a,
    /// Apple's MPEG-4 video (`.m4v`).
    M4v,
    /// Flash MPEG-4 video (`.f4v`).
    F4v,
    /// HEIF/HEIC still images (`.heic`).
    Heic,
    /// AV1 still images (`.avif`).
    Avif,
    /// Canon raw, version 3 (`.cr3`).
    Cr3,
    /// WebM with a video track (`.webm`).
    WebM,
    /// WebM with audio tracks only (`.weba`).
    WebmAudio,
    /// Matroska with a video track (`.mkv`).
    Matroska,
    /// Matroska with audio tracks only (`.mka`).
    MatroskaAudio,
    /// Ogg with a video stream (`.ogv`).
    OggVideo,
    /// Ogg Vorbis or Speex audio (`.ogg`).
    Ogg,
    /// Opus in Ogg (`.opus`).
    Opus,
    /// FLAC in Ogg (`.flac`).
    OggFlac,
    /// Windows Media video (ASF, `.wmv`).
    Wmv,
    /// Windows Media audio (ASF, `.wma`).
    Wma,
    /// MPEG transport stream (`.ts`).
    MpegTs,
    /// Blu-ray MPEG transport stream with time codes (`.m2ts`).
    M2ts,
    /// Material Exchange Format (`.mxf`).
    Mxf,
    /// Flash (`.swf`).
    Swf,
    /// Scalable Vector Graphics (`.svg`).
    Svg,
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
    /// Another image, video or audio format, as the `infer` crate names it (`avi`, `flv`, `flac`, `ico`, …).
    Other {
        /// Its usual file extension, without the dot.
        extension: &'static str,
        /// Its MIME type.
        mime_type: &'static str,
    },
}

impl Format {
    /// The usual file extension, without the dot (`mp4`, `jpg`, `tif`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mp4 => "mp4",
            Format::QuickTime => "mov",
            Format::ThreeGp => "3gp",
            Format::ThreeG2 => "3g2",
            Format::M4a => "m4a",
            Format::M4v => "m4v",
            Format::F4v => "f4v",
            Format::Heic => "heic",
            Format::Avif => "avif",
            Format::Cr3 => "cr3",
            Format::WebM => "webm",
            Format::WebmAudio => "weba",
            Format::Matroska => "mkv",
            Format::MatroskaAudio => "mka",
            Format::OggVideo => "ogv",
            Format::Ogg => "ogg",
            Format::Opus => "opus",
            Format::OggFlac => "flac",
            Format::Wmv => "wmv",
            Format::Wma => "wma",
            Format::MpegTs => "ts",
            Format::M2ts => "m2ts",
            Format::Mxf => "mxf",
            Format::Swf => "swf",
            Format::Svg => "svg",
            Format::Mp3 => "mp3",
            Format::Wav => "wav",
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Gif => "gif",
            Format::WebP => "webp",
            Format::Bmp => "bmp",
            Format::Tiff => "tif",
            Format::Other { extension, .. } => extension,
        }
    }

    /// The `Content-Type` a file of this format is served with.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Mp4 => "video/mp4",
            Format::QuickTime => "video/quicktime",
            Format::ThreeGp => "video/3gpp",
            Format::ThreeG2 => "video/3gpp2",
            Format::M4a => "audio/mp4",
            Format::M4v => "video/x-m4v",
            Format::F4v => "video/x-f4v",
            Format::Heic => "image/heic",
            Format::Avif => "image/avif",
            Format::Cr3 => "image/x-canon-cr3",
            Format::WebM => "video/webm",
            Format::WebmAudio => "audio/webm",
            Format::Matroska => "video/x-matroska",
            Format::MatroskaAudio => "audio/x-matroska",
            Format::OggVideo => "video/ogg",
            Format::Ogg | Format::Opus | Format::OggFlac => "audio/ogg",
            Format::Wmv => "video/x-ms-wmv",
            Format::Wma => "audio/x-ms-wma",
            Format::MpegTs | Format::M2ts => "video/mp2t",
            Format::Mxf => "application/mxf",
            Format::Swf => "application/x-shockwave-flash",
            Format::Svg => "image/svg+xml",
            Format::Mp3 => "audio/mpeg",
            Format::Wav => "audio/wav",
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Gif => "image/gif",
            Format::WebP => "image/webp",
            Format::Bmp => "image/bmp",
            Format::Tiff => "image/tiff",
            Format::Other { mime_type, .. } => mime_type,
        }
    }

    /// Whether files of this format are ISO base media files (a box tree, as MP4).
    pub(crate) fn is_iso_bmff(self) -> bool {
        matches!(
            self,
            Format::Mp4
                | Format::QuickTime
                | Format::ThreeGp
                | Format::ThreeG2
                | Format::M4a
                | Format::M4v
                | Format::F4v
        )
    }

    /// Whether files of this format are Matroska files (an EBML element tree, as WebM).
    pub(crate) fn is_matroska(self) -> bool {
        matches!(
            self,
            Format::WebM | Format::WebmAudio | Format::Matroska | Format::MatroskaAudio
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_simulators_serve_keep_their_extension_and_mime_type() {
        assert_eq!(
            (Format::Jpeg.extension(), Format::Jpeg.mime_type()),
            ("jpg", "image/jpeg")
        );
        assert_eq!(
            (Format::Tiff.extension(), Format::Tiff.mime_type()),
            ("tif", "image/tiff")
        );
        assert_eq!(
            (Format::Wav.extension(), Format::Wav.mime_type()),
            ("wav", "audio/wav")
        );
        assert_eq!(Format::M4a.mime_type(), "audio/mp4");
        let other = Format::Other {
            extension: "avi",
            mime_type: "video/x-msvideo",
        };
        assert_eq!(
            (other.extension(), other.mime_type()),
            ("avi", "video/x-msvideo")
        );
    }
}
