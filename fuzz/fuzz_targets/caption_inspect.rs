//! The whole caption check of `add_caption` (`kts::detect::caption::inspect`): format, charset
//! and language in one pass, with the declared format and the language request picked by the
//! input's length so that every combination is reached.
#![no_main]

use kts::detect::caption::{LanguageRequest, inspect};
use kts::detect::caption_format::CaptionFormat;
use kts::detect::language::LanguageName;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = kts_fuzz::file_name(data);
    let declared = CaptionFormat::ALL.get(data.len() % 6).copied();
    let language = match data.len() % 3 {
        0 => LanguageRequest::Auto,
        1 => LanguageRequest::NotGiven,
        _ => LanguageRequest::Explicit(LanguageName::english()),
    };
    if let Ok(inspected) = inspect(data, name.as_deref(), declared, language) {
        let _ = inspected.messages();
    }
});
