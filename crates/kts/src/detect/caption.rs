//! A caption upload inspected in one pass: format, charset and language together.
//!
//! `add_caption` (kts-legacy-api.md, Captions) needs all three before it talks to the platform:
//! the format (from content, [`super::caption_format`]), the text in UTF-8
//! ([`super::charset`]) and the language (explicit, default or `auto`,
//! [`super::language`]). [`inspect`] runs them in that order and gathers the sentences for the
//! legacy `messages` list.

use super::caption_format::{
    self, CaptionDetection, CaptionFormat, CaptionFormatError, FormatSource,
};
use super::charset::{self, DecodedText};
use super::language::{self, LanguageChoice, LanguageError, LanguageName, LanguageReason};

/// What the caller asked for in the legacy `language` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageRequest {
    /// No language given: English, as the old service did.
    NotGiven,
    /// `language=auto`: guess it.
    Auto,
    /// A language name or code, validated.
    Explicit(LanguageName),
}

impl LanguageRequest {
    /// Reads the legacy `language` parameter: absent or blank is [`NotGiven`](Self::NotGiven),
    /// `auto` (any case) is [`Auto`](Self::Auto), anything else must parse as a
    /// [`LanguageName`].
    pub fn parse(value: Option<&str>) -> Result<Self, LanguageError> {
        match value.map(str::trim) {
            None | Some("") => Ok(Self::NotGiven),
            Some(auto) if auto.eq_ignore_ascii_case("auto") => Ok(Self::Auto),
            Some(name) => LanguageName::parse(name).map(Self::Explicit),
        }
    }
}

/// A caption ready for upload.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectedCaption {
    /// The bytes to upload: UTF-8 without a byte order mark for text formats, the original
    /// bytes for CAP (binary).
    pub content: Vec<u8>,
    /// The format and how it was found.
    pub format: CaptionDetection,
    /// The charset the text was in; `None` for CAP.
    pub charset: Option<DecodedText>,
    /// The language and why.
    pub language: LanguageChoice,
    /// The format given in the `format` parameter, when the content says otherwise.
    pub overridden_format: Option<CaptionFormat>,
}

impl InspectedCaption {
    /// The sentences for the legacy `messages` list: format, charset, language.
    pub fn messages(&self) -> Vec<String> {
        let mut messages = Vec::with_capacity(4);
        if let Some(given) = self.overridden_format {
            messages.push(format!(
                "format {} was given but the content is {}: {} is used",
                given.legacy_name(),
                self.format.format,
                self.format.format
            ));
        }
        messages.push(self.format.describe());
        if let Some(charset) = &self.charset {
            messages.push(charset.describe());
        }
        messages.push(self.language.describe());
        messages
    }
}

/// Inspects a caption upload of at most [`caption_format::MAX_CAPTION_BYTES`] bytes.
///
/// The content decides the format; `declared` (the legacy `format` parameter) only settles
/// binary content that has no CAP signature, and is reported when the content contradicts
/// it. Fails as [`caption_format::detect`] does.
pub fn inspect(
    bytes: &[u8],
    file_name: Option<&str>,
    declared: Option<CaptionFormat>,
    language: LanguageRequest,
) -> Result<InspectedCaption, CaptionFormatError> {
    let decoded = charset::decode(bytes);
    let text = decoded.as_ref().map(|decoded| decoded.text.as_str());
    let format = match caption_format::detect_decoded(bytes, text, file_name) {
        Err(CaptionFormatError::Charset(_)) if declared == Some(CaptionFormat::Cap) => {
            CaptionDetection {
                format: CaptionFormat::Cap,
                source: FormatSource::Declared,
            }
        }
        other => other?,
    };
    // CAP is binary: uploaded as it came, even when its bytes happen to decode as text.
    let charset = match format.format {
        CaptionFormat::Cap => None,
        _ => Some(decoded?),
    };
    let text = charset.as_ref().map_or("", |decoded| decoded.text.as_str());
    let language = match language {
        LanguageRequest::NotGiven => LanguageChoice {
            language: LanguageName::english(),
            reason: LanguageReason::NotGiven,
        },
        LanguageRequest::Explicit(name) => LanguageChoice {
            language: name,
            reason: LanguageReason::Requested,
        },
        LanguageRequest::Auto => language::detect_language(text, format.format, file_name),
    };
    let content = match &charset {
        Some(decoded) => decoded.text.as_bytes().to_vec(),
        None => bytes.to_vec(),
    };
    Ok(InspectedCaption {
        content,
        format,
        charset,
        language,
        overridden_format: declared.filter(|given| *given != format.format),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_parameter_reads_absent_auto_and_names() {
        assert_eq!(LanguageRequest::parse(None), Ok(LanguageRequest::NotGiven));
        assert_eq!(
            LanguageRequest::parse(Some(" ")),
            Ok(LanguageRequest::NotGiven)
        );
        assert_eq!(
            LanguageRequest::parse(Some("AUTO")),
            Ok(LanguageRequest::Auto)
        );
        assert_eq!(
            LanguageRequest::parse(Some("german")),
            Ok(LanguageRequest::Explicit(
                LanguageName::parse("German").unwrap()
            ))
        );
        assert!(LanguageRequest::parse(Some("Elvish")).is_err());
    }

    #[test]
    fn a_windows_1252_srt_becomes_utf8_with_messages() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "1\r\n00:00:01,000 --> 00:00:02,000\r\nÇa va très bien, merci beaucoup à vous.\r\n",
        );
        let inspected = inspect(&bytes, Some("movie.fr.srt"), None, LanguageRequest::Auto).unwrap();
        assert!(
            std::str::from_utf8(&inspected.content)
                .unwrap()
                .contains("Ça va très bien")
        );
        assert_eq!(
            inspected.messages(),
            [
                "caption format SRT detected from content",
                "caption charset windows-1252 (detected statistically), converted to UTF-8",
                "language French chosen from the file name (\"fr\")",
            ]
        );
    }

    #[test]
    fn a_contradicted_format_parameter_is_reported() {
        let vtt = b"WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n";
        let inspected = inspect(
            vtt,
            None,
            Some(CaptionFormat::Srt),
            LanguageRequest::NotGiven,
        )
        .unwrap();
        assert_eq!(inspected.format.format, CaptionFormat::WebVtt);
        let messages = inspected.messages();
        assert_eq!(
            messages[0],
            "format srt was given but the content is WebVTT: WebVTT is used"
        );
        assert_eq!(
            messages.last().unwrap(),
            "language English (no language given)"
        );
    }

    #[test]
    fn binary_content_passes_only_as_declared_cap_and_stays_unchanged() {
        let binary = [0x01, 0x00, 0x02, 0x00, 0x00, 0x9f];
        assert!(inspect(&binary, None, None, LanguageRequest::NotGiven).is_err());
        let inspected = inspect(
            &binary,
            None,
            Some(CaptionFormat::Cap),
            LanguageRequest::Auto,
        )
        .unwrap();
        assert_eq!(inspected.content, binary);
        assert_eq!(inspected.charset, None);
        assert_eq!(inspected.language.reason, LanguageReason::Fallback);
        assert_eq!(inspected.format.source, FormatSource::Declared);
    }
}
