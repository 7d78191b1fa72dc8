//! Charset detection and conversion to UTF-8 (`kts::detect::charset::decode`) on any bytes.
#![no_main]

use kts::detect::charset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match charset::decode(data) {
        Ok(decoded) => assert!(std::str::from_utf8(decoded.text.as_bytes()).is_ok()),
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
