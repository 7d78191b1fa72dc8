//! Character sets of caption files: detect and convert to UTF-8.
//!
//! Caption files arrive in many encodings (kts-legacy-api.md, Captions: "SRT files arrive in
//! many encodings"); Kaltura and players expect UTF-8. [`decode`] looks for a byte order
//! mark, then for the NUL pattern of UTF-16 without one, then accepts valid UTF-8, and only
//! then asks `chardetng` (the detector Firefox uses) for a legacy encoding such as
//! windows-1252, windows-1251, ISO-8859-2 or Shift_JIS, decoded by `encoding_rs`.
//!
//! Names are the WHATWG Encoding Standard's, as `encoding_rs` gives them: ISO-8859-1 text is
//! reported as `windows-1252`, its superset, which decodes it identically.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Largest text [`decode`] takes, in bytes (8 MiB): several times the longest caption file of
/// a feature film, small enough to hold in memory twice.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// Bytes looked at to recognise UTF-16 without a byte order mark.
const UTF16_SNIFF_BYTES: usize = 4096;

/// Text converted to UTF-8, with the charset it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text in UTF-8, without a byte order mark.
    pub text: String,
    /// The charset detected, by its WHATWG name (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub charset: &'static str,
    /// How the charset was found.
    pub source: CharsetSource,
}

/// How [`decode`] found a charset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte order mark (UTF-8, UTF-16LE or UTF-16BE).
    ByteOrderMark,
    /// The NUL bytes of mostly-ASCII UTF-16 without a byte order mark.
    Utf16Pattern,
    /// The bytes are valid UTF-8 (plain ASCII included).
    ValidUtf8,
    /// Statistical detection of a legacy encoding.
    Statistics,
}

/// Why text could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharsetError {
    /// More than [`MAX_TEXT_BYTES`].
    #[error("text is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size given.
        size: usize,
        /// The limit, [`MAX_TEXT_BYTES`].
        limit: usize,
    },
    /// The bytes are not text: they hold NUL bytes outside a UTF-16 pattern.
    #[error("content is binary, not text: it holds NUL bytes")]
    Binary,
    /// Some bytes are invalid in the charset that was found.
    #[error("text is not valid {charset}: some bytes cannot be decoded")]
    Undecodable {
        /// The charset the bytes claim or seem to be in.
        charset: &'static str,
    },
}

impl DecodedText {
    /// The sentence for the legacy `messages` list, e.g.
    /// `caption charset windows-1252 (detected statistically), converted to UTF-8`.
    pub fn describe(&self) -> String {
        let how = match self.source {
            CharsetSource::ByteOrderMark => "from its byte order mark",
            CharsetSource::Utf16Pattern => "from its byte pattern",
            CharsetSource::ValidUtf8 => "valid as is",
            CharsetSource::Statistics => "detected statistically",
        };
        if self.charset == UTF_8.name() {
            format!("caption charset UTF-8 ({how})")
        } else {
            format!(
                "caption charset {} ({how}), converted to UTF-8",
                self.charset
            )
        }
    }
}

/// Detects the charset of `bytes` and converts them to UTF-8, removing a byte order mark.
///
/// Fails on more than [`MAX_TEXT_BYTES`], on binary content (NUL bytes that are not UTF-16),
/// and on bytes invalid in the charset found: garbled text is refused, never passed on.
pub fn decode(bytes: &[u8]) -> Result<DecodedText, CharsetError> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(CharsetError::TooLarge {
            size: bytes.len(),
            limit: MAX_TEXT_BYTES,
        });
    }
    let (encoding, body, source) = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        (encoding, &bytes[bom..], CharsetSource::ByteOrderMark)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        (encoding, bytes, CharsetSource::Utf16Pattern)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes, CharsetSource::ValidUtf8)
    } else {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        (
            detector.guess(None, Utf8Detection::Deny),
            bytes,
            CharsetSource::Statistics,
        )
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or(CharsetError::Undecodable {
            charset: encoding.name(),
        })?;
    if text.contains('\0') {
        return Err(CharsetError::Binary);
    }
    Ok(DecodedText {
        text: match text {
            Cow::Borrowed(text) => text.to_owned(),
            Cow::Owned(text) => text,
        },
        charset: encoding.name(),
        source,
    })
}

/// UTF-16 without a byte order mark: mostly-Latin text has a NUL in every other byte, on the
/// odd positions for little-endian and the even ones for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nuls = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Over half of one side NUL and almost none of the other: text, not a binary file.
    if odd_nuls * 2 > pairs && even_nuls * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 2 > pairs && odd_nuls * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        let (bytes, _, errors) = encoding.encode(text);
        assert!(!errors);
        bytes.into_owned()
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn ascii_and_utf8_pass_unchanged() {
        let decoded = decode("Grüße, 世界".as_bytes()).unwrap();
        assert_eq!(decoded.text, "Grüße, 世界");
        assert_eq!(decoded.charset, "UTF-8");
        assert_eq!(decoded.source, CharsetSource::ValidUtf8);
        assert_eq!(decoded.describe(), "caption charset UTF-8 (valid as is)");
    }

    #[test]
    fn byte_order_marks_are_honoured_and_stripped() {
        let decoded = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!((decoded.text.as_str(), decoded.charset), ("hello", "UTF-8"));
        assert_eq!(decoded.source, CharsetSource::ByteOrderMark);

        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le("héllo"));
        let decoded = decode(&le).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.charset),
            ("héllo", "UTF-16LE")
        );

        let mut be = vec![0xFE, 0xFF];
        be.extend("héllo".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().charset, "UTF-16BE");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let decoded = decode(&utf16le("1\n00:00:01,000 --> 00:00:02,000\nHello\n")).unwrap();
        assert_eq!(decoded.charset, "UTF-16LE");
        assert_eq!(decoded.source, CharsetSource::Utf16Pattern);
        assert!(decoded.text.contains("Hello"));
    }

    #[test]
    fn legacy_encodings_are_detected_and_converted() {
        let french =
            "Le cœur a ses raisons que la raison ne connaît point. Où êtes-vous allé, garçon ?";
        let decoded = decode(&encode(french, encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.charset),
            (french, "windows-1252")
        );
        assert_eq!(decoded.source, CharsetSource::Statistics);
        assert!(decoded.describe().ends_with("converted to UTF-8"));

        let russian = "Привет! Сегодня мы поговорим о погоде и о том, как провести выходные.";
        let decoded = decode(&encode(russian, encoding_rs::WINDOWS_1251)).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.charset),
            (russian, "windows-1251")
        );
    }

    #[test]
    fn binary_oversized_and_invalid_input_is_refused() {
        assert_eq!(
            decode(b"\x00\x01\x02\x03\x00\x00\xff\x10"),
            Err(CharsetError::Binary)
        );
        let big = vec![b'a'; MAX_TEXT_BYTES + 1];
        assert!(matches!(decode(&big), Err(CharsetError::TooLarge { .. })));
        assert_eq!(
            decode(b"\xEF\xBB\xBFbad \xff byte"),
            Err(CharsetError::Undecodable { charset: "UTF-8" })
        );
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
