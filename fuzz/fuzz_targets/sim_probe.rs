//! Media probing of the simulator (`media_probe::probe`: ISO BMFF, Matroska/WebM, images, WAV, MP3,
//! and the first-bytes sniffer) on any bytes, as it reads an uploaded file's kind, size and duration.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kaltura_sim::fuzzing::probe(data);
});
