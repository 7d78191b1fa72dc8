//! Language names and detection (`kts::detect::language`): the first line as a `language`
//! parameter, the text as a caption of each format, the last line as its file name.
#![no_main]

use kts::detect::caption::LanguageRequest;
use kts::detect::caption_format::CaptionFormat;
use kts::detect::language::{LanguageName, detect_language};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parameter = kts_fuzz::first_line(data);
    if let Ok(name) = LanguageName::parse(&parameter) {
        let _ = (name.as_str(), name.code());
    }
    let _ = LanguageRequest::parse(Some(&parameter));
    let text = String::from_utf8_lossy(data);
    let file_name = kts_fuzz::file_name(data);
    let format = CaptionFormat::ALL[data.len() % CaptionFormat::ALL.len()];
    let choice = detect_language(&text, format, file_name.as_deref());
    let _ = choice.describe();
});
