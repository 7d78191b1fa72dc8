//! Caption languages: the languages KTS accepts, each an English name and an ISO 639 code, and
//! the guess behind `language=auto`.
//!
//! The legacy contract gives and answers a caption's language by English name such as
//! `French` (kts-legacy-api.md, Captions), from the list in `table.rs`: what is valid is what
//! that list holds. [`LanguageName::parse`] validates an explicit choice against the full
//! table (names, constants and ISO 639-1/639-2/639-3 codes, case-insensitive);
//! [`detect_language`] answers `language=auto` (kts-legacy-api.md, Captions) in the old
//! service's order (the DFXP/TTML `xml:lang`, then a code in the file name) and adds a
//! statistical guess from the caption text before falling back to English.
//!
//! Statistical identification uses `whatlang`: a trigram model of about 70 languages that
//! is compiled in as a few hundred kilobytes and needs no data files. `lingua` is more
//! accurate on a single short sentence, but its models are tens of megabytes per build and a
//! caption file gives far more than one sentence, where trigram statistics are already
//! reliable. Every language whatlang knows is allowed: restricting the list would only turn
//! an honest "not sure" into a confident wrong answer for the languages left out. Whatlang's
//! confidence must reach [`MIN_CONFIDENCE`]; its own "reliable" flag (above 0.9) is not
//! used, as a few hundred bytes of Russian, which shares trigrams with Ukrainian and
//! Bulgarian, score about 0.65 while being identified correctly.

mod table;

use std::fmt;

use quick_xml::events::Event;

use super::caption_format::CaptionFormat;
use table::LANGUAGES;

/// Longest explicit language value accepted by [`LanguageName::parse`], in bytes; the longest
/// name in the table is under 50 bytes.
pub const MAX_LANGUAGE_INPUT: usize = 64;

/// At most this many characters of caption text (after markup is stripped) feed the
/// statistical guess: more adds time, not accuracy.
pub const MAX_SAMPLE_CHARS: usize = 20_000;

/// Below this whatlang confidence (0 to 1: how far the best language is ahead of the second)
/// the text guess is not trusted and English is used.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// Texts shorter than this (in letters) are not worth a statistical guess.
const MIN_SAMPLE_LETTERS: usize = 20;

/// One row of the language table.
#[derive(Debug, PartialEq, Eq)]
struct LanguageRow {
    /// The row's constant, e.g. `PT_BR`: the ISO 639-1 code, upper case, for languages that
    /// have one, with a region where the table lists regions.
    constant: &'static str,
    /// The English name, e.g. `Portuguese (Brazil)`.
    name: &'static str,
    /// The ISO 639 code with an optional region, e.g. `pt_br`; `None` where the table gives none.
    code: Option<&'static str>,
}

/// A language KTS accepts for captions: one row of the language table, with an English name
/// ([`as_str`](Self::as_str)) and usually an ISO 639 code ([`code`](Self::code)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageName(&'static LanguageRow);

/// Why an explicit language value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LanguageError {
    /// Nothing but white space was given.
    #[error("language is empty: give a Kaltura language name such as English")]
    Empty,
    /// The value is longer than [`MAX_LANGUAGE_INPUT`].
    #[error("language is {len} bytes long, more than the limit of {limit}")]
    TooLong {
        /// Length of the value given.
        len: usize,
        /// The limit, [`MAX_LANGUAGE_INPUT`].
        limit: usize,
    },
    /// Neither a language name of the table nor an ISO 639 code of one.
    #[error(
        "unknown language \"{0}\": give a Kaltura language name such as French or an ISO 639 code such as fr or fra"
    )]
    Unknown(String),
}

impl LanguageName {
    /// English, the language assumed when none is given or none can be detected.
    pub fn english() -> Self {
        Self::from_constant("EN").expect("EN is in the language table")
    }

    /// Parses an explicit language: a name of the table (`French`, `portuguese (brazil)`), a
    /// constant (`FR`, `PT_BR`, `pt-BR`), or an ISO 639-1, 639-2 or 639-3 code (`fr`, `fre`,
    /// `fra`), all case-insensitive. A region the table does not list falls back to the language
    /// (`fr-BE` is French). Fails on an empty, over-long or unknown value.
    pub fn parse(input: &str) -> Result<Self, LanguageError> {
        if input.len() > MAX_LANGUAGE_INPUT {
            return Err(LanguageError::TooLong {
                len: input.len(),
                limit: MAX_LANGUAGE_INPUT,
            });
        }
        let value = input.trim();
        if value.is_empty() {
            return Err(LanguageError::Empty);
        }
        if let Some(row) = LANGUAGES
            .iter()
            .find(|row| row.name.eq_ignore_ascii_case(value))
        {
            return Ok(Self(row));
        }
        Self::from_code(value).ok_or_else(|| LanguageError::Unknown(value.to_owned()))
    }

    /// The English name, e.g. `French`: what the legacy answers show.
    pub fn as_str(&self) -> &'static str {
        self.0.name
    }

    /// The ISO 639 code with an optional region (`fr`, `pt_br`), if the table gives one.
    pub fn code(&self) -> Option<&'static str> {
        self.0.code
    }

    /// Looks a code up: the table's constant, then ISO 639-2/639-3 through its ISO 639-1 code,
    /// then the primary subtag of a `language-REGION` tag.
    fn from_code(code: &str) -> Option<Self> {
        let normalised = code.replace('-', "_");
        if let Some(found) = Self::from_constant(&normalised) {
            return Some(found);
        }
        if normalised.len() == 3 && normalised.bytes().all(|b| b.is_ascii_alphabetic()) {
            let lower = normalised.to_ascii_lowercase();
            if let Some(two) = iso_639_2_to_639_1(&lower) {
                return Self::from_constant(two);
            }
        }
        match normalised.split_once('_') {
            Some((primary, _region)) if !primary.is_empty() => Self::from_code(primary),
            _ => None,
        }
    }

    /// Finds a row by its constant, ignoring case and the trailing `_` of `AS_`, `OR_`, `NEW_`.
    fn from_constant(constant: &str) -> Option<Self> {
        LANGUAGES
            .iter()
            .find(|row| row.constant.eq_ignore_ascii_case(constant))
            .or_else(|| {
                LANGUAGES.iter().find(|row| {
                    row.constant
                        .strip_suffix('_')
                        .is_some_and(|bare| bare.eq_ignore_ascii_case(constant))
                })
            })
            .map(Self)
    }
}

impl fmt::Display for LanguageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

/// Maps a three-letter ISO 639-2 (bibliographic or terminology) or 639-3 code to its ISO
/// 639-1 code, when it has one.
fn iso_639_2_to_639_1(code: &str) -> Option<&'static str> {
    // ISO 639-2/B codes differ from 639-3 for these languages; isolang knows only 639-3.
    const BIBLIOGRAPHIC: &[(&str, &str)] = &[
        ("alb", "sq"),
        ("arm", "hy"),
        ("baq", "eu"),
        ("bur", "my"),
        ("chi", "zh"),
        ("cze", "cs"),
        ("dut", "nl"),
        ("fre", "fr"),
        ("geo", "ka"),
        ("ger", "de"),
        ("gre", "el"),
        ("ice", "is"),
        ("mac", "mk"),
        ("mao", "mi"),
        ("may", "ms"),
        ("per", "fa"),
        ("rum", "ro"),
        ("slo", "sk"),
        ("tib", "bo"),
        ("wel", "cy"),
    ];
    // Individual languages the table files under their macrolanguage's ISO 639-1 code, and
    // Akan, which it lists only as its main variety, Twi.
    const INDIVIDUAL: &[(&str, &str)] = &[
        ("cmn", "zh"),
        ("pes", "fa"),
        ("nob", "no"),
        ("nno", "no"),
        ("aka", "tw"),
    ];
    BIBLIOGRAPHIC
        .iter()
        .chain(INDIVIDUAL)
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
        .or_else(|| isolang::Language::from_639_3(code)?.to_639_1())
}

/// The language chosen for `language=auto`, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageChoice {
    /// The language chosen.
    pub language: LanguageName,
    /// How it was chosen.
    pub reason: LanguageReason,
}

/// How a caption's language was chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum LanguageReason {
    /// Named by the caller.
    Requested,
    /// Not given: English, the legacy default.
    NotGiven,
    /// From the `xml:lang` attribute of a DFXP/TTML document.
    XmlLang(String),
    /// From a code or name in the file name, e.g. `fr` in `movie.fr.srt`.
    FileName(String),
    /// From statistical identification of the caption text.
    Text {
        /// whatlang's confidence, from 0 to 1.
        confidence: f64,
    },
    /// Nothing was confident: English, the legacy default.
    Fallback,
}

impl LanguageChoice {
    /// The sentence for the legacy `messages` list, e.g.
    /// `language French chosen from the file name ("fr")`.
    pub fn describe(&self) -> String {
        let name = self.language.as_str();
        match &self.reason {
            LanguageReason::Requested => format!("language {name} as requested"),
            LanguageReason::NotGiven => format!("language {name} (no language given)"),
            LanguageReason::XmlLang(tag) => {
                format!("language {name} chosen from the caption's xml:lang (\"{tag}\")")
            }
            LanguageReason::FileName(tag) => {
                format!("language {name} chosen from the file name (\"{tag}\")")
            }
            LanguageReason::Text { confidence } => format!(
                "language {name} detected from the caption text (confidence {:.0}%)",
                confidence * 100.0
            ),
            LanguageReason::Fallback => {
                format!(
                    "language {name} used by default: no language could be detected with confidence"
                )
            }
        }
    }
}

/// Chooses a language for a caption asked with `language=auto`.
///
/// In order: the `xml:lang` of a DFXP/TTML document, a language code in the file name
/// (`movie.fr.srt`, `movie_de.vtt`, `movie.pt-BR.srt`), statistical identification of the
/// text (timecodes, cue numbers and markup removed; only the first [`MAX_SAMPLE_CHARS`]
/// characters), and English when nothing is confident. `text` is the caption already
/// converted to UTF-8; any length is accepted, only a bounded prefix is examined.
pub fn detect_language(
    text: &str,
    format: CaptionFormat,
    file_name: Option<&str>,
) -> LanguageChoice {
    if format == CaptionFormat::Dfxp
        && let Some((tag, language)) = xml_lang(text)
    {
        return LanguageChoice {
            language,
            reason: LanguageReason::XmlLang(tag),
        };
    }
    if let Some((tag, language)) = file_name.and_then(language_in_file_name) {
        return LanguageChoice {
            language,
            reason: LanguageReason::FileName(tag),
        };
    }
    let sample = caption_text(text, format);
    if let Some((language, confidence)) = identify(&sample) {
        return LanguageChoice {
            language,
            reason: LanguageReason::Text { confidence },
        };
    }
    LanguageChoice {
        language: LanguageName::english(),
        reason: LanguageReason::Fallback,
    }
}

/// The first non-empty `xml:lang` of the document (the `tt` root carries it by TTML's rules;
/// a `body`, `div` or `p` may carry it instead) when it names a language of the table.
fn xml_lang(text: &str) -> Option<(String, LanguageName)> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) => {
                let lang = element
                    .attributes()
                    .flatten()
                    .find(|attribute| attribute.key.as_ref() == "xml:lang")
                    .map(|attribute| attribute.value.into_owned());
                if let Some(tag) = lang.map(|tag| tag.trim().to_owned())
                    && !tag.is_empty()
                    && tag.len() <= MAX_LANGUAGE_INPUT
                {
                    return LanguageName::from_code(&tag).map(|language| (tag, language));
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// A language code or name just before the extension: `movie.fr.srt`, `movie_de.vtt`,
/// `movie.pt-BR.srt`, `movie.French.srt`, also before a caption qualifier
/// (`movie.en.forced.srt`, `movie_es_sdh.vtt`). Only current ISO 639-1 codes (with an
/// optional region), three-letter codes of languages that have one, and full names of the table
/// count, so that words such as `in`, `new` or `final` are not read as languages.
fn language_in_file_name(file_name: &str) -> Option<(String, LanguageName)> {
    /// Suffixes that label a caption track rather than name its language.
    const QUALIFIERS: &[&str] = &["forced", "sdh", "cc", "default", "full"];
    let base = file_name.rsplit(['/', '\\']).next()?;
    let (stem, _extension) = base.rsplit_once('.')?;
    let mut tokens = stem.split(['.', '_', ' ']).skip(1).collect::<Vec<_>>();
    if tokens
        .last()
        .is_some_and(|last| QUALIFIERS.iter().any(|q| q.eq_ignore_ascii_case(last)))
    {
        tokens.pop();
    }
    let token = *tokens.last()?;
    let (primary, region) = match token.split_once('-') {
        Some((primary, region)) => (primary, Some(region)),
        None => (token, None),
    };
    let is_code = primary.bytes().all(|b| b.is_ascii_alphabetic())
        && region.is_none_or(|r| {
            (2..=3).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    let lower = primary.to_ascii_lowercase();
    let language = match primary.len() {
        2 if is_code && isolang::Language::from_639_1(&lower).is_some() => {
            LanguageName::from_code(token)
        }
        3 if is_code && region.is_none() => {
            iso_639_2_to_639_1(&lower).and_then(LanguageName::from_constant)
        }
        4.. if region.is_none() => LANGUAGES
            .iter()
            .find(|row| row.name.eq_ignore_ascii_case(token))
            .map(LanguageName),
        _ => None,
    }?;
    Some((token.to_owned(), language))
}

/// The spoken words of a caption: cue numbers, timecodes, headers and markup removed,
/// at most [`MAX_SAMPLE_CHARS`] characters.
fn caption_text(text: &str, format: CaptionFormat) -> String {
    let mut sample = Sample::default();
    match format {
        CaptionFormat::Dfxp => xml_text(text, &mut sample),
        CaptionFormat::Scc => scc_text(text, &mut sample),
        CaptionFormat::Cap => {}
        CaptionFormat::Srt | CaptionFormat::WebVtt => cue_text(text, &mut sample),
    }
    sample.text
}

/// Caption text gathered for identification, bounded to [`MAX_SAMPLE_CHARS`] characters.
#[derive(Debug, Default)]
struct Sample {
    text: String,
    chars: usize,
}

impl Sample {
    /// Appends `piece` and a space unless the sample is full; returns false once it is.
    fn push(&mut self, piece: &str) -> bool {
        for c in piece.chars().chain(std::iter::once(' ')) {
            if self.chars >= MAX_SAMPLE_CHARS {
                return false;
            }
            self.text.push(c);
            self.chars += 1;
        }
        true
    }
}

/// Text lines of SRT and WebVTT: everything but cue numbers, timing lines and the header,
/// with `<i>`-style tags and `{\an8}`-style overrides removed.
fn cue_text(text: &str, sample: &mut Sample) {
    let mut in_header = text.trim_start_matches('\u{feff}').starts_with("WEBVTT");
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            in_header = false;
            continue;
        }
        if in_header
            || line.contains("-->")
            || line.bytes().all(|b| b.is_ascii_digit())
            || line.starts_with("NOTE")
        {
            continue;
        }
        let mut plain = String::with_capacity(line.len());
        let mut depth_tag = false;
        let mut depth_brace = false;
        for c in line.chars() {
            match c {
                '<' => depth_tag = true,
                '>' if depth_tag => depth_tag = false,
                '{' => depth_brace = true,
                '}' if depth_brace => depth_brace = false,
                _ if !depth_tag && !depth_brace => plain.push(c),
                _ => {}
            }
        }
        if !sample.push(&plain) {
            return;
        }
    }
}

/// Text nodes of an XML caption document.
fn xml_text(text: &str, sample: &mut Sample) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Text(node)) => {
                if !sample.push(node.xml10_content().trim()) {
                    return;
                }
            }
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Printable characters of the CEA-608 byte pairs of an SCC file; control pairs become spaces.
/// Special and extended characters are left out: the basic set is enough to recognise a language.
fn scc_text(text: &str, sample: &mut Sample) {
    let mut line_text = String::new();
    for line in text.lines().skip(1) {
        line_text.clear();
        // Each cue line is a timecode, a tab, then four-hex-digit words.
        for word in line.split_whitespace().skip(1) {
            let Ok(pair) = u16::from_str_radix(word, 16) else {
                continue;
            };
            let [high, low] = pair.to_be_bytes().map(|b| b & 0x7f);
            if (0x10..0x20).contains(&high) {
                line_text.push(' ');
                continue;
            }
            for byte in [high, low] {
                if (0x20..0x7f).contains(&byte) {
                    line_text.push(char::from(byte));
                }
            }
        }
        if !sample.push(&line_text) {
            return;
        }
    }
}

/// whatlang's guess, when it is confident enough and a language of the table.
fn identify(sample: &str) -> Option<(LanguageName, f64)> {
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_SAMPLE_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    let two = iso_639_2_to_639_1(info.lang().code())?;
    Some((LanguageName::from_constant(two)?, info.confidence()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_kaltura_language_with_unique_constants() {
        assert_eq!(LANGUAGES.len(), 576);
        let mut constants: Vec<_> = LANGUAGES.iter().map(|r| r.constant).collect();
        constants.sort_unstable();
        constants.dedup();
        assert_eq!(constants.len(), 576);
    }

    #[test]
    fn every_language_whatlang_can_name_is_a_kaltura_language() {
        for lang in whatlang::Lang::all() {
            let two = iso_639_2_to_639_1(lang.code());
            assert!(
                two.and_then(LanguageName::from_constant).is_some(),
                "{} ({})",
                lang.eng_name(),
                lang.code()
            );
        }
    }

    #[test]
    fn parse_accepts_names_constants_and_iso_codes_in_any_case() {
        for input in [
            "French", "french", "FRENCH", " French ", "fr", "FR", "fra", "fre",
        ] {
            assert_eq!(
                LanguageName::parse(input).unwrap().as_str(),
                "French",
                "{input}"
            );
        }
        assert_eq!(LanguageName::parse("deu").unwrap().as_str(), "German");
        assert_eq!(LanguageName::parse("ger").unwrap().as_str(), "German");
        assert_eq!(
            LanguageName::parse("pt-BR").unwrap().as_str(),
            "Portuguese (Brazil)"
        );
        assert_eq!(
            LanguageName::parse("pt_br").unwrap().as_str(),
            "Portuguese (Brazil)"
        );
        assert_eq!(LanguageName::parse("fr-BE").unwrap().as_str(), "French");
        assert_eq!(
            LanguageName::parse("English (American)").unwrap().code(),
            Some("en_us")
        );
        assert_eq!(LanguageName::parse("as").unwrap().as_str(), "Assamese");
        assert_eq!(LanguageName::parse("iw").unwrap().as_str(), "Hebrew");
        assert_eq!(
            LanguageName::parse("cmn").unwrap().as_str(),
            "Mandarin Chinese"
        );
        assert_eq!(LanguageName::parse("zho").unwrap().as_str(), "Chinese");
        assert_eq!(
            LanguageName::parse("Adyghe; Adygei").unwrap().code(),
            Some("ady")
        );
    }

    #[test]
    fn parse_refuses_unknown_empty_and_long_values_naming_the_problem() {
        assert_eq!(LanguageName::parse("  "), Err(LanguageError::Empty));
        assert_eq!(
            LanguageName::parse("Klingon"),
            Err(LanguageError::Unknown("Klingon".into()))
        );
        assert!(
            LanguageName::parse("Klingon")
                .unwrap_err()
                .to_string()
                .contains("\"Klingon\"")
        );
        assert!(matches!(
            LanguageName::parse(&"x".repeat(65)),
            Err(LanguageError::TooLong { len: 65, limit: 64 })
        ));
        assert!(LanguageName::parse("-").is_err());
        assert!(LanguageName::parse("_").is_err());
    }

    #[test]
    fn file_names_give_codes_before_the_extension() {
        let cases = [
            ("movie.fr.srt", Some("French")),
            ("dir/movie_de.vtt", Some("German")),
            ("C:\\subs\\movie.pt-BR.srt", Some("Portuguese (Brazil)")),
            ("movie.spa.srt", Some("Spanish")),
            ("movie.Italian.srt", Some("Italian")),
            ("episode_new.srt", None),
            ("movie.srt", None),
            ("final_v2.srt", None),
            ("fr.srt", None),
            ("movie.en.forced.srt", Some("English")),
            ("movie_es_SDH.vtt", Some("Spanish")),
            ("holiday_in.srt", None),
            ("movie.xx.srt", None),
        ];
        for (name, expected) in cases {
            let found = language_in_file_name(name).map(|(_, l)| l.as_str());
            assert_eq!(found, expected, "{name}");
        }
    }

    #[test]
    fn xml_lang_of_a_ttml_root_wins() {
        let doc = r#"<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml" xml:lang="es"><body><div><p begin="0s" end="1s">Hello there my friend, how are you</p></div></body></tt>"#;
        let choice = detect_language(doc, CaptionFormat::Dfxp, Some("movie.fr.dfxp"));
        assert_eq!(choice.language.as_str(), "Spanish");
        assert_eq!(choice.reason, LanguageReason::XmlLang("es".into()));
        assert!(choice.describe().contains("xml:lang"));
    }

    #[test]
    fn text_without_hints_is_identified_and_short_text_falls_back_to_english() {
        let srt = "1\n00:00:01,000 --> 00:00:03,000\nBonjour à tous, et bienvenue dans cette nouvelle émission.\n\n2\n00:00:04,000 --> 00:00:06,000\nAujourd'hui nous allons parler de la cuisine française et de ses traditions.\n";
        let choice = detect_language(srt, CaptionFormat::Srt, Some("movie.srt"));
        assert_eq!(choice.language.as_str(), "French");
        assert!(matches!(choice.reason, LanguageReason::Text { .. }));

        let short = "1\n00:00:01,000 --> 00:00:03,000\nOk.\n";
        let choice = detect_language(short, CaptionFormat::Srt, None);
        assert_eq!(choice.language, LanguageName::english());
        assert_eq!(choice.reason, LanguageReason::Fallback);
        assert!(choice.describe().contains("by default"));
    }

    #[test]
    fn scc_bytes_are_read_as_text() {
        let scc = "Scenarist_SCC V1.0\n\n00:00:00:00\t9420 9420 94ae 94ae 9452 9452 97a1 97a1 c845 4c4c 4f80\n";
        let mut sample = Sample::default();
        scc_text(scc, &mut sample);
        assert!(sample.text.contains("HELLO"), "{sample:?}");
    }

    #[test]
    fn caption_text_drops_timecodes_numbers_and_tags() {
        let vtt = "WEBVTT\nKind: captions\n\n00:01.000 --> 00:02.000\n<v Roger>Hi <i>there</i>{\\an8}\n\n12\n";
        assert_eq!(caption_text(vtt, CaptionFormat::WebVtt).trim(), "Hi there");
    }

    #[test]
    fn the_sample_is_bounded_however_long_the_caption() {
        let cue = "1\n00:00:01,000 --> 00:00:02,000\nÉté après été, les mêmes chansons.\n\n";
        let long = cue.repeat(2_000);
        let sample = caption_text(&long, CaptionFormat::Srt);
        assert_eq!(sample.chars().count(), MAX_SAMPLE_CHARS);
    }
}
