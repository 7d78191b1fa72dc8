//! Detection: pure functions on bounded input that tell what an upload is.
//!
//! - [`media_type`]: Kaltura's VIDEO / IMAGE / AUDIO for a file (first bytes, then name) or
//!   a URL (path, then media name, then a default).
//! - [`caption_format`]: SRT, DFXP/TTML, WebVTT, SCC or CAP from a caption's content, with a
//!   clear refusal for what Kaltura cannot take.
//! - [`charset`]: the charset of caption text, converted to UTF-8.
//! - [`language`]: the caption languages KTS accepts (English name, ISO 639 code), and the
//!   guess behind `language=auto`.
//! - [`caption`]: the three caption checks in one pass, for `add_caption`.
//!
//! Nothing here does I/O or names an HTTP type: `ops` feeds bytes in and turns the results'
//! `describe()` sentences into the legacy `messages`. Every function documents the most
//! input it reads and never panics on arbitrary bytes (see the property tests in `tests.rs`).

pub mod caption;
pub mod caption_format;
pub mod charset;
pub mod language;
pub mod media_type;

#[cfg(test)]
mod tests;
