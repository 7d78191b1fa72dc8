//! Caption formats: which of Kaltura's five a file is, from its content first.
//!
//! Kaltura takes SRT, DFXP/TTML, WebVTT, CAP and SCC (`KalturaCaptionType`, kaltura-api-v3.md
//! 7.6 and 12.5). The old service trusted the extension and took only SRT and DFXP
//! (kts-legacy-api.md, Captions); [`detect`] reads the content and checks it holds at least
//! one cue, so that a broken or empty file is refused here rather than shown as nothing by
//! the player. Formats Kaltura cannot take (ASS/SSA, SAMI, MicroDVD, SubViewer, EBU STL) are
//! named in the refusal, so the caller can say what to convert from.
//!
//! Text formats are decoded with [`super::charset::decode`] first, so UTF-16 and legacy
//! encodings are recognised too. CAP (Cheetah) is binary: it is recognised by its first two
//! bytes `EA 22`, or by the `.cap` extension when the content is not text.

use std::fmt;

use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};

use super::charset::{self, CharsetError};

/// Largest caption [`detect`] takes, in bytes (the charset limit, 8 MiB).
pub const MAX_CAPTION_BYTES: usize = charset::MAX_TEXT_BYTES;

/// TTML's namespace, and the two draft namespaces of DFXP files still in circulation.
const TTML_NAMESPACES: &[&str] = &[
    "http://www.w3.org/ns/ttml",
    "http://www.w3.org/2006/10/ttaf1",
    "http://www.w3.org/2006/04/ttaf1",
];

/// The first bytes of a Cheetah CAP file.
const CAP_MAGIC: &[u8] = &[0xEA, 0x22];

/// A caption format KTS detects and uploads: the five Kaltura takes (kaltura-api-v3.md 12.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaptionFormat {
    /// SubRip, number 1.
    Srt,
    /// DFXP / TTML, 2.
    Dfxp,
    /// WebVTT, 3.
    WebVtt,
    /// Cheetah CAP, 4.
    Cap,
    /// Scenarist SCC, 5.
    Scc,
}

impl CaptionFormat {
    /// Every format, in the order of their [`number`](Self::number)s.
    pub const ALL: [Self; 5] = [Self::Srt, Self::Dfxp, Self::WebVtt, Self::Cap, Self::Scc];

    /// The format's number ("1" to "5"), which the legacy `format` parameter may give instead
    /// of a name: callers of the old service passed Kaltura's caption type numbers through, so
    /// the numbering is Kaltura's, but what a platform is sent is its adapter's business.
    pub fn number(self) -> &'static str {
        match self {
            Self::Srt => "1",
            Self::Dfxp => "2",
            Self::WebVtt => "3",
            Self::Cap => "4",
            Self::Scc => "5",
        }
    }

    /// The format numbered `value` ("1" to "5"), if it is one of the five.
    pub fn from_number(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.number() == value)
    }

    /// The file extension Kaltura uses for this format (kaltura-api-v3.md 12.5).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Srt => "srt",
            Self::Dfxp => "dfxp",
            Self::WebVtt => "vtt",
            Self::Cap => "cap",
            Self::Scc => "scc",
        }
    }

    /// The name the legacy `list_captions` answer shows (`srt`, `dfxp`, `webvtt`, `cap`, `scc`).
    pub fn legacy_name(self) -> &'static str {
        match self {
            Self::WebVtt => "webvtt",
            other => other.extension(),
        }
    }

    /// The format for an extension (without the dot, any case): `srt`; `dfxp`, `ttml`, `xml`;
    /// `vtt`, `webvtt`; `scc`; `cap`.
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "srt" => Some(Self::Srt),
            "dfxp" | "ttml" | "xml" => Some(Self::Dfxp),
            "vtt" | "webvtt" => Some(Self::WebVtt),
            "scc" => Some(Self::Scc),
            "cap" => Some(Self::Cap),
            _ => None,
        }
    }

    /// Parses the legacy `format` parameter: an extension accepted by
    /// [`from_extension`](Self::from_extension) or a [`number`](Self::number) ("1" to "5").
    pub fn parse(value: &str) -> Result<Self, CaptionFormatError> {
        let value = value.trim();
        Self::from_number(value)
            .or_else(|| Self::from_extension(value))
            .ok_or_else(|| CaptionFormatError::UnknownFormatName(bounded(value)))
    }
}

impl fmt::Display for CaptionFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Srt => "SRT",
            Self::Dfxp => "DFXP",
            Self::WebVtt => "WebVTT",
            Self::Cap => "CAP",
            Self::Scc => "SCC",
        })
    }
}

/// How [`detect`] found a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatSource {
    /// From the content itself.
    Content,
    /// From the file name's extension, the content being binary and not recognised.
    Extension,
    /// From the caller's `format` parameter, the content being binary and not recognised.
    Declared,
}

/// A detected caption format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptionDetection {
    /// The format.
    pub format: CaptionFormat,
    /// How it was found.
    pub source: FormatSource,
}

impl CaptionDetection {
    /// The sentence for the legacy `messages` list, e.g. `caption format WebVTT detected from content`.
    pub fn describe(&self) -> String {
        match self.source {
            FormatSource::Content => {
                format!("caption format {} detected from content", self.format)
            }
            FormatSource::Extension => format!(
                "caption format {} assumed from the file extension .{}",
                self.format,
                self.format.extension()
            ),
            FormatSource::Declared => format!(
                "caption format {} taken from the format parameter",
                self.format
            ),
        }
    }
}

/// Why a caption file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaptionFormatError {
    /// More than [`MAX_CAPTION_BYTES`].
    #[error("caption file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size given.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Nothing but white space.
    #[error("caption file is empty")]
    Empty,
    /// The content looks like a format, but has no cue or is malformed.
    #[error("caption file looks like {format} but is invalid: {reason}")]
    Invalid {
        /// The format it looks like.
        format: CaptionFormat,
        /// What is wrong.
        reason: String,
    },
    /// DFXP/TTML with a document type declaration, the only place XML
    /// declares entities. Refused rather than passed on: entities are how an
    /// XML file expands to gigabytes or reads files of the server that parses
    /// it, and TTML needs neither.
    #[error(
        "caption file is DFXP/TTML with a DTD (<!DOCTYPE>) or entity declarations, which are not accepted: remove them"
    )]
    XmlDeclarations,
    /// A known subtitle format that Kaltura does not take.
    #[error(
        "caption format {0} is not supported by Kaltura: convert it to SRT, WebVTT, DFXP/TTML, SCC or CAP"
    )]
    Unsupported(&'static str),
    /// Neither content nor extension tell a supported format.
    #[error(
        "subtitle file ext {0} is not supported: Kaltura takes SRT, WebVTT, DFXP/TTML, SCC and CAP, and the content is none of them"
    )]
    Unrecognised(String),
    /// The text could not be decoded.
    #[error("caption file is not readable text")]
    Charset(#[from] CharsetError),
    /// The `format` parameter names no supported format.
    #[error(
        "unknown caption format \"{0}\": use srt, dfxp, webvtt, scc, cap or a Kaltura caption type 1 to 5"
    )]
    UnknownFormatName(String),
}

/// Detects the format of a caption file from its bytes, falling back to the extension of
/// `file_name` only for binary content (CAP).
///
/// Refuses files over [`MAX_CAPTION_BYTES`], empty files, files that look like a supported
/// format but have no cue (SRT, WebVTT, SCC), DFXP/TTML that is not well-formed or has no
/// `p` element or has a DTD, and anything else, naming the format when it is a known
/// unsupported one.
pub fn detect(
    content: &[u8],
    file_name: Option<&str>,
) -> Result<CaptionDetection, CaptionFormatError> {
    let decoded = charset::decode(content);
    detect_decoded(
        content,
        decoded.as_ref().map(|decoded| decoded.text.as_str()),
        file_name,
    )
}

/// [`detect`] for a caller that has already decoded `content` with [`charset::decode`].
pub(super) fn detect_decoded(
    content: &[u8],
    decoded: Result<&str, &CharsetError>,
    file_name: Option<&str>,
) -> Result<CaptionDetection, CaptionFormatError> {
    if content.len() > MAX_CAPTION_BYTES {
        return Err(CaptionFormatError::TooLarge {
            size: content.len(),
            limit: MAX_CAPTION_BYTES,
        });
    }
    let extension = file_name.and_then(extension_of);
    let found = |format| CaptionDetection {
        format,
        source: FormatSource::Content,
    };
    if content.starts_with(CAP_MAGIC) {
        return Ok(found(CaptionFormat::Cap));
    }
    let text = match decoded {
        Ok(text) => text,
        Err(error) => {
            return match extension.as_deref().and_then(CaptionFormat::from_extension) {
                Some(CaptionFormat::Cap) => Ok(CaptionDetection {
                    format: CaptionFormat::Cap,
                    source: FormatSource::Extension,
                }),
                _ => Err(error.clone().into()),
            };
        }
    };
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if text.trim().is_empty() {
        return Err(CaptionFormatError::Empty);
    }
    if let Some(rest) = text.strip_prefix("WEBVTT")
        && (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
    {
        return check_cues(text, CaptionFormat::WebVtt, is_vtt_timing).map(found);
    }
    if text.starts_with("Scenarist_SCC V1.0") {
        return check_cues(text, CaptionFormat::Scc, is_scc_line).map(found);
    }
    if text.starts_with('<') {
        return xml_format(text).map(found);
    }
    if let Some(name) = unsupported_text_format(text) {
        return Err(CaptionFormatError::Unsupported(name));
    }
    if text.lines().any(is_srt_timing) {
        return check_cues(text, CaptionFormat::Srt, is_srt_timing).map(found);
    }
    match extension.as_deref().and_then(CaptionFormat::from_extension) {
        Some(format) => Err(CaptionFormatError::Invalid {
            format,
            reason: format!(
                "its content is not {format}: no cue or header of that format was found"
            ),
        }),
        None => Err(CaptionFormatError::Unrecognised(
            extension.map_or_else(|| "(none)".to_owned(), |e| format!(".{e}")),
        )),
    }
}

/// The extension of a file name, without the dot; bounded so errors stay short.
fn extension_of(file_name: &str) -> Option<String> {
    let base = file_name.rsplit(['/', '\\']).next()?;
    let (_, extension) = base.rsplit_once('.')?;
    (!extension.is_empty()).then(|| bounded(extension))
}

/// At most 32 characters of a user-given value, for error messages.
fn bounded(value: &str) -> String {
    value.chars().take(32).collect()
}

/// At most 160 characters of a parser's message, which may quote the document.
fn bounded_reason(message: &str) -> String {
    message.chars().take(160).collect()
}

/// Succeeds when at least one line passes `is_cue`.
fn check_cues(
    text: &str,
    format: CaptionFormat,
    is_cue: fn(&str) -> bool,
) -> Result<CaptionFormat, CaptionFormatError> {
    if text.lines().any(is_cue) {
        Ok(format)
    } else {
        Err(CaptionFormatError::Invalid {
            format,
            reason: "no cue with a valid timing line was found".to_owned(),
        })
    }
}

/// An SRT timing line: `00:00:01,000 --> 00:00:03,500` (a dot is tolerated for the comma).
fn is_srt_timing(line: &str) -> bool {
    timing(line, |stamp| timestamp(stamp, &[',', '.'], true))
}

/// A WebVTT timing line: `00:01.000 --> 00:03.500 align:start`, hours optional.
fn is_vtt_timing(line: &str) -> bool {
    timing(line, |stamp| timestamp(stamp, &['.'], false))
}

/// `start --> end [settings]` with both stamps valid.
fn timing(line: &str, valid: impl Fn(&str) -> bool) -> bool {
    let Some((start, rest)) = line.split_once("-->") else {
        return false;
    };
    let end = rest.split_whitespace().next().unwrap_or("");
    valid(start.trim()) && valid(end)
}

/// `[HH:]MM:SS<sep>mmm` with minutes and seconds below 60; hours required when `hours`.
fn timestamp(stamp: &str, separators: &[char], hours: bool) -> bool {
    let Some((clock, millis)) = stamp.rsplit_once(separators) else {
        return false;
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let expected = if hours { 3..=3 } else { 2..=3 };
    let digits = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    let below_60 = |s: &str| digits(s, 2) && s.parse::<u8>().is_ok_and(|v| v < 60);
    expected.contains(&fields.len())
        && digits(millis, 3)
        && fields.iter().rev().take(2).all(|f| below_60(f))
        && (fields.len() == 2 || digits(fields[0], 3))
}

/// An SCC cue line: `HH:MM:SS:FF` (or `;FF` for drop-frame), a tab, then hex words.
fn is_scc_line(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    let Some(stamp) = parts.next() else {
        return false;
    };
    let fields: Vec<&str> = stamp.split([':', ';']).collect();
    let stamp_ok = fields.len() == 4
        && fields
            .iter()
            .all(|f| f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()));
    let mut words = parts.peekable();
    stamp_ok
        && words.peek().is_some()
        && words.all(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Text subtitle formats Kaltura does not take, by their opening lines.
fn unsupported_text_format(text: &str) -> Option<&'static str> {
    let first = text.lines().next().unwrap_or("").trim();
    if first.eq_ignore_ascii_case("[Script Info]") {
        Some("ASS/SSA")
    } else if first.eq_ignore_ascii_case("[INFORMATION]") {
        Some("SubViewer")
    } else if first.starts_with('{')
        && first.split('}').take(2).all(|part| {
            part.strip_prefix('{')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    {
        Some("MicroDVD")
    } else if text.as_bytes().get(3..8) == Some(b"STL25")
        || text.as_bytes().get(3..8) == Some(b"STL30")
    {
        Some("EBU STL")
    } else {
        None
    }
}

/// An XML document: DFXP/TTML when its root is `tt` in a TTML namespace; it must then be
/// well-formed to the end, hold at least one `p` (a cue) and no DTD.
fn xml_format(text: &str) -> Result<CaptionFormat, CaptionFormatError> {
    let invalid = |reason: String| CaptionFormatError::Invalid {
        format: CaptionFormat::Dfxp,
        reason,
    };
    let mut reader = quick_xml::NsReader::from_str(text);
    let mut depth: usize = 0;
    let mut root_seen = false;
    let mut cues: usize = 0;
    loop {
        let (namespace, event) = reader.read_resolved_event().map_err(|e| {
            invalid(format!(
                "XML is not well-formed: {}",
                bounded_reason(&e.to_string())
            ))
        })?;
        let element = match &event {
            Event::Start(element) | Event::Empty(element) => element,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Event::Text(node) if depth == 0 && !node.xml10_content().trim().is_empty() => {
                return Err(invalid("text outside the root element".to_owned()));
            }
            Event::DocType(_) => return Err(CaptionFormatError::XmlDeclarations),
            Event::Eof => break,
            _ => continue,
        };
        let local = element.local_name();
        if !root_seen {
            root_seen = true;
            let is_ttml = matches!(namespace, ResolveResult::Bound(Namespace(ns)) if TTML_NAMESPACES.contains(&ns));
            if local.as_ref().eq_ignore_ascii_case("sami") {
                return Err(CaptionFormatError::Unsupported("SAMI"));
            }
            if local.as_ref() != "tt" || !is_ttml {
                return Err(invalid(
                    "the root element is not tt in the TTML namespace http://www.w3.org/ns/ttml"
                        .to_owned(),
                ));
            }
        } else if depth == 0 {
            return Err(invalid("more than one root element".to_owned()));
        }
        if local.as_ref() == "p" {
            cues += 1;
        }
        if matches!(event, Event::Start(_)) {
            depth += 1;
        }
    }
    if !root_seen {
        return Err(invalid("no root element".to_owned()));
    }
    if depth != 0 {
        return Err(invalid("the document ends inside an element".to_owned()));
    }
    if cues == 0 {
        return Err(invalid("no p element (cue) was found".to_owned()));
    }
    Ok(CaptionFormat::Dfxp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(text: &str) -> Result<CaptionFormat, CaptionFormatError> {
        detect(text.as_bytes(), None).map(|d| d.format)
    }

    #[test]
    fn the_five_formats_are_recognised_from_content() {
        let srt = "1\n00:00:01,000 --> 00:00:02,500\nHello\n";
        assert_eq!(format_of(srt), Ok(CaptionFormat::Srt));
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.500 align:start\nHello\n";
        assert_eq!(format_of(vtt), Ok(CaptionFormat::WebVtt));
        let dfxp = r#"<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">Hi</p></div></body></tt>"#;
        assert_eq!(format_of(dfxp), Ok(CaptionFormat::Dfxp));
        let scc = "Scenarist_SCC V1.0\n\n00:00:01:00\t9420 9420 c845 4c4c 4f80\n";
        assert_eq!(format_of(scc), Ok(CaptionFormat::Scc));
        let cap = [0xEA, 0x22, 0x01, 0x00, 0x10];
        assert_eq!(
            detect(&cap, Some("x.bin")).map(|d| d.format),
            Ok(CaptionFormat::Cap)
        );
    }

    // Issue 8 (hardening), item 10.
    #[test]
    fn dfxp_with_a_dtd_or_entities_is_refused_with_a_clear_message() {
        let body = r#"<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">Hi &a;</p></div></body></tt>"#;
        let laughs = format!(
            r#"<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>{body}"#
        );
        let external = format!(
            r#"<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a SYSTEM "file:///etc/passwd">]>{body}"#
        );
        let public = format!(
            r#"<!DOCTYPE tt PUBLIC "-//W3C//DTD TTML 1.0//EN" "http://www.w3.org/ttml.dtd">{}"#,
            body.replace(" &a;", "")
        );
        let lower = format!(r#"<!doctype tt>{}"#, body.replace(" &a;", ""));
        for document in [laughs, external, public, lower] {
            let error = format_of(&document).unwrap_err();
            assert_eq!(error, CaptionFormatError::XmlDeclarations, "{document}");
            assert!(error.to_string().contains("DTD"), "{error}");
        }
    }

    #[test]
    fn content_wins_over_a_misleading_extension() {
        let vtt = b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n";
        let detection = detect(vtt, Some("movie.srt")).unwrap();
        assert_eq!(detection.format, CaptionFormat::WebVtt);
        assert_eq!(
            detection.describe(),
            "caption format WebVTT detected from content"
        );
    }

    #[test]
    fn files_without_cues_are_invalid_not_accepted() {
        for (text, format) in [
            ("WEBVTT\n\nNOTE nothing here\n", CaptionFormat::WebVtt),
            ("Scenarist_SCC V1.0\n\n", CaptionFormat::Scc),
            (
                r#"<tt xmlns="http://www.w3.org/ns/ttml"><body/></tt>"#,
                CaptionFormat::Dfxp,
            ),
            (
                r#"<tt xmlns="http://www.w3.org/ns/ttml"><body><p>Hi</p></body>"#,
                CaptionFormat::Dfxp,
            ),
            (
                r#"<tt xmlns="http://www.w3.org/ns/ttml"><body><p>Hi</body></tt>"#,
                CaptionFormat::Dfxp,
            ),
        ] {
            assert!(
                matches!(format_of(text), Err(CaptionFormatError::Invalid { format: f, .. }) if f == format),
                "{text}: {:?}",
                format_of(text)
            );
        }
        let srt_named = detect(b"1\n00:00:01 --> later\nHello\n", Some("movie.srt"));
        assert!(matches!(
            srt_named,
            Err(CaptionFormatError::Invalid {
                format: CaptionFormat::Srt,
                ..
            })
        ));
    }

    #[test]
    fn xml_that_is_not_ttml_is_refused() {
        let other = r#"<tt xmlns="urn:other"><p>Hi</p></tt>"#;
        assert!(matches!(
            format_of(other),
            Err(CaptionFormatError::Invalid { .. })
        ));
        assert_eq!(
            format_of("<SAMI><BODY><SYNC Start=0><P>Hi</SAMI>"),
            Err(CaptionFormatError::Unsupported("SAMI"))
        );
    }

    #[test]
    fn unsupported_formats_are_named() {
        assert_eq!(
            format_of("[Script Info]\nTitle: x\n"),
            Err(CaptionFormatError::Unsupported("ASS/SSA"))
        );
        assert_eq!(
            format_of("{0}{25}Hello\n{26}{50}World\n"),
            Err(CaptionFormatError::Unsupported("MicroDVD"))
        );
        let error = detect(b"just some words", Some("notes.txt")).unwrap_err();
        assert_eq!(error, CaptionFormatError::Unrecognised(".txt".into()));
        assert!(
            error
                .to_string()
                .starts_with("subtitle file ext .txt is not supported")
        );
    }

    #[test]
    fn empty_and_binary_files_are_refused_but_binary_cap_is_taken_by_extension() {
        assert_eq!(format_of(" \n\n"), Err(CaptionFormatError::Empty));
        let binary = [0x00, 0x01, 0x02, 0x00, 0xff, 0x00];
        assert!(matches!(
            detect(&binary, Some("a.srt")),
            Err(CaptionFormatError::Charset(_))
        ));
        let detection = detect(&binary, Some("a.CAP")).unwrap();
        assert_eq!(detection.source, FormatSource::Extension);
        assert_eq!(detection.format, CaptionFormat::Cap);
    }

    #[test]
    fn timestamps_are_checked_field_by_field() {
        assert!(is_srt_timing("00:00:01,000 --> 00:00:02,000"));
        assert!(is_srt_timing("100:00:01.5 --> 100:00:02.000"));
        assert!(!is_srt_timing("00:61:01,000 --> 00:00:02,000"));
        assert!(!is_srt_timing("00:01,000 --> 00:02,000"));
        assert!(!is_vtt_timing("01.000 --> 02.000"));
        assert!(is_vtt_timing("00:01.000 --> 00:02.000 line:0"));
        assert!(is_scc_line("00:00:01;02\t9420 942c"));
        assert!(!is_scc_line("00:00:01:02"));
    }

    #[test]
    fn format_names_and_numbers_round_trip() {
        for format in CaptionFormat::ALL {
            assert_eq!(CaptionFormat::parse(format.number()), Ok(format));
            assert_eq!(CaptionFormat::parse(format.legacy_name()), Ok(format));
            assert_eq!(
                CaptionFormat::from_extension(format.extension()),
                Some(format)
            );
        }
        assert_eq!(CaptionFormat::parse("TTML"), Ok(CaptionFormat::Dfxp));
        assert!(matches!(
            CaptionFormat::parse("ass"),
            Err(CaptionFormatError::UnknownFormatName(_))
        ));
    }
}
