//! Media type sniffing (`kts::detect::media_type`): the first bytes of an upload with the last
//! line as its file name, and the first line as a URL with the last line as the media name.
#![no_main]

use kts::detect::media_type::{self, MAX_HEAD_BYTES, MediaType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = kts_fuzz::file_name(data);
    let head = &data[..data.len().min(MAX_HEAD_BYTES)];
    if let Some(found) = media_type::detect_file(head, name.as_deref()) {
        let _ = found.describe();
    }
    let url = kts_fuzz::first_line(data);
    let found = media_type::detect_url(&url, name.as_deref(), MediaType::Video);
    let _ = found.describe();
    let _ = MediaType::from_legacy_name(&url);
});
