//! Caption format detection (`kts::detect::caption_format`) on any bytes, with the last line as
//! the file name; the first line as a legacy `format` parameter.
#![no_main]

use kts::detect::caption_format::{self, CaptionFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = kts_fuzz::file_name(data);
    if let Ok(found) = caption_format::detect(data, name.as_deref()) {
        let _ = found.describe();
    }
    let declared = kts_fuzz::first_line(data);
    if let Ok(format) = CaptionFormat::parse(&declared) {
        let _ = CaptionFormat::from_number(format.number());
    }
    let _ = CaptionFormat::from_extension(&declared);
});
