//! Table-driven tests over `fixtures/captions/` and `fixtures/detect/`, and property tests
//! showing that no detector panics on arbitrary bytes.

use std::path::PathBuf;

use proptest::prelude::*;

use super::caption_format::{self, CaptionFormat, CaptionFormatError, FormatSource};
use super::charset;
use super::language::{self, LanguageReason};
use super::media_type::{self, DetectionSource, MediaType};

fn fixture(folder: &str, name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "fixtures",
        folder,
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// File, format, charset, and the language found from the text alone.
const CAPTIONS: &[(&str, CaptionFormat, &str, &str)] = &[
    ("festival_en.srt", CaptionFormat::Srt, "UTF-8", "English"),
    (
        "festival_fr.cp1252.srt",
        CaptionFormat::Srt,
        "windows-1252",
        "French",
    ),
    (
        "festival_de.latin1.srt",
        CaptionFormat::Srt,
        "windows-1252",
        "German",
    ),
    (
        "festival_es.bom.vtt",
        CaptionFormat::WebVtt,
        "UTF-8",
        "Spanish",
    ),
    (
        "festival_nl.utf16le.srt",
        CaptionFormat::Srt,
        "UTF-16LE",
        "Dutch",
    ),
    (
        "festival_pt.utf16be-nobom.srt",
        CaptionFormat::Srt,
        "UTF-16BE",
        "Portuguese",
    ),
    (
        "festival_ru.cp1251.srt",
        CaptionFormat::Srt,
        "windows-1251",
        "Russian",
    ),
    (
        "festival_ja.sjis.srt",
        CaptionFormat::Srt,
        "Shift_JIS",
        "Japanese",
    ),
    ("festival_zh.vtt", CaptionFormat::WebVtt, "UTF-8", "Chinese"),
    ("festival_ar.srt", CaptionFormat::Srt, "UTF-8", "Arabic"),
    (
        "festival_pl.cp1250.srt",
        CaptionFormat::Srt,
        "windows-1250",
        "Polish",
    ),
    ("festival_it.dfxp", CaptionFormat::Dfxp, "UTF-8", "Italian"),
    (
        "festival_de.ttml.xml",
        CaptionFormat::Dfxp,
        "UTF-8",
        "German",
    ),
    ("festival_en.dfxp", CaptionFormat::Dfxp, "UTF-8", "English"),
    ("festival_en.scc", CaptionFormat::Scc, "UTF-8", "English"),
];

#[test]
fn caption_fixtures_give_their_format_charset_and_language() {
    for &(name, format, charset_name, language_name) in CAPTIONS {
        let bytes = fixture("captions", name);

        let detected = caption_format::detect(&bytes, Some(name)).unwrap();
        let decoded = charset::decode(&bytes).unwrap();
        // A neutral file name, so that only the text (or xml:lang) can tell the language.
        let choice = language::detect_language(&decoded.text, format, Some("captions.txt"));

        assert_eq!(detected.format, format, "{name}");
        assert_eq!(detected.source, FormatSource::Content, "{name}");
        assert_eq!(decoded.charset, charset_name, "{name}");
        assert!(
            !decoded.text.starts_with('\u{feff}'),
            "{name}: byte order mark kept"
        );
        assert_eq!(
            choice.language.as_str(),
            language_name,
            "{name}: {choice:?}"
        );
        assert_ne!(choice.reason, LanguageReason::Fallback, "{name}");
    }
}

#[test]
fn caption_file_names_carry_their_language() {
    let bytes = fixture("captions", "festival_fr.cp1252.srt");
    let text = charset::decode(&bytes).unwrap().text;
    let choice = language::detect_language(&text, CaptionFormat::Srt, Some("festival_fr.srt"));
    assert_eq!(choice.reason, LanguageReason::FileName("fr".into()));
    assert_eq!(
        choice.describe(),
        "language French chosen from the file name (\"fr\")"
    );

    let bytes = fixture("captions", "festival_it.dfxp");
    let text = charset::decode(&bytes).unwrap().text;
    let choice = language::detect_language(&text, CaptionFormat::Dfxp, Some("festival_en.dfxp"));
    assert_eq!(choice.reason, LanguageReason::XmlLang("it".into()));
}

#[test]
fn cap_fixture_is_recognised_by_its_signature() {
    let bytes = fixture("captions", "festival_en.cap");
    let detected = caption_format::detect(&bytes, Some("upload.bin")).unwrap();
    assert_eq!(detected.format, CaptionFormat::Cap);
    assert_eq!(detected.source, FormatSource::Content);
}

#[test]
fn broken_and_unsupported_caption_fixtures_are_refused() {
    type Expectation = fn(&CaptionFormatError) -> bool;
    let cases: &[(&str, Expectation)] = &[
        ("broken_no_cue.srt", |e| {
            matches!(
                e,
                CaptionFormatError::Invalid {
                    format: CaptionFormat::Srt,
                    ..
                }
            )
        }),
        ("broken_header_only.vtt", |e| {
            matches!(
                e,
                CaptionFormatError::Invalid {
                    format: CaptionFormat::WebVtt,
                    ..
                }
            )
        }),
        ("broken_unclosed.dfxp", |e| {
            matches!(
                e,
                CaptionFormatError::Invalid {
                    format: CaptionFormat::Dfxp,
                    ..
                }
            )
        }),
        ("unsupported.ass", |e| {
            *e == CaptionFormatError::Unsupported("ASS/SSA")
        }),
        ("unsupported.sami", |e| {
            *e == CaptionFormatError::Unsupported("SAMI")
        }),
    ];
    for (name, expected) in cases {
        let error = caption_format::detect(&fixture("captions", name), Some(name)).unwrap_err();
        assert!(expected(&error), "{name}: {error:?}");
    }
}

/// File, media type, format.
const MEDIA: &[(&str, MediaType, &str)] = &[
    ("clip.mp4", MediaType::Video, "mp4"),
    ("clip_faststart.m4v", MediaType::Video, "m4v"),
    ("clip.mov", MediaType::Video, "mov"),
    ("clip.3gp", MediaType::Video, "3gp"),
    ("clip.mkv", MediaType::Video, "mkv"),
    ("clip.webm", MediaType::Video, "webm"),
    ("clip.ogv", MediaType::Video, "ogv"),
    ("clip.avi", MediaType::Video, "avi"),
    ("clip.flv", MediaType::Video, "flv"),
    ("clip.wmv", MediaType::Video, "wmv"),
    ("clip.ts", MediaType::Video, "ts"),
    ("clip.mpg", MediaType::Video, "mpg"),
    ("clip.mxf", MediaType::Video, "mxf"),
    ("tone.mp3", MediaType::Audio, "mp3"),
    ("tone.m4a", MediaType::Audio, "m4a"),
    // An audio-only MP4 with the generic `isom` brand: its `moov` (at the start) has only a
    // sound handler.
    ("tone_isom_faststart.mp4", MediaType::Audio, "m4a"),
    ("tone.opus", MediaType::Audio, "opus"),
    ("tone.oga", MediaType::Audio, "ogg"),
    ("tone.flac", MediaType::Audio, "flac"),
    ("tone.wav", MediaType::Audio, "wav"),
    ("tone.aac", MediaType::Audio, "aac"),
    ("tone.wma", MediaType::Audio, "wma"),
    ("tone.weba", MediaType::Audio, "weba"),
    ("tone.aiff", MediaType::Audio, "aiff"),
    ("picture.jpg", MediaType::Image, "jpg"),
    ("picture.png", MediaType::Image, "png"),
    ("picture.gif", MediaType::Image, "gif"),
    ("picture.tiff", MediaType::Image, "tif"),
    ("picture.bmp", MediaType::Image, "bmp"),
    ("picture.webp", MediaType::Image, "webp"),
    ("picture.heic", MediaType::Image, "heic"),
    ("picture.avif", MediaType::Image, "avif"),
    ("picture.jp2", MediaType::Image, "jp2"),
    ("picture.svg", MediaType::Image, "svg"),
];

#[test]
fn media_fixtures_give_their_type_from_content() {
    for &(name, media_type, format) in MEDIA {
        let bytes = fixture("detect", name);
        // A misleading name: content must win.
        let detected = media_type::detect_file(&bytes, Some("upload.txt")).unwrap();
        assert_eq!(
            (
                detected.media_type,
                detected.format.as_str(),
                detected.source
            ),
            (media_type, format, DetectionSource::Content),
            "{name}"
        );
    }
}

proptest! {
    #[test]
    fn no_detector_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = media_type::detect_file(&bytes, Some("x.bin"));
        let _ = caption_format::detect(&bytes, Some("x.srt"));
        if let Ok(decoded) = charset::decode(&bytes) {
            for format in CaptionFormat::ALL {
                let _ = language::detect_language(&decoded.text, format, Some("x.fr.srt"));
            }
        }
    }

    #[test]
    fn no_detector_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let _ = media_type::detect_url(&text, Some(&text), MediaType::Video);
        let _ = language::LanguageName::parse(&text);
        let _ = caption_format::CaptionFormat::parse(&text);
        let _ = caption_format::detect(text.as_bytes(), Some(&text));
        for format in CaptionFormat::ALL {
            let _ = language::detect_language(&text, format, Some(&text));
        }
    }

    #[test]
    fn caption_like_text_never_panics(
        cues in proptest::collection::vec(("[0-9:,.]{0,14}", "[ -~]{0,12}", "\\PC{0,30}"), 0..8),
        header in prop::sample::select(vec!["", "WEBVTT\n\n", "Scenarist_SCC V1.0\n\n", "<tt xmlns=\"http://www.w3.org/ns/ttml\">"]),
    ) {
        let mut text = header.to_owned();
        for (start, arrow, words) in cues {
            text.push_str(&format!("{start} -->{arrow}\n{words}\n\n"));
        }
        let _ = caption_format::detect(text.as_bytes(), None);
        for format in CaptionFormat::ALL {
            let _ = language::detect_language(&text, format, None);
        }
    }
}
