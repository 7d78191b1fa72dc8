//! KS verification of the simulator (`kaltura_sim::ks::verify`): the input as a KS, and as the
//! signed part of a v1 KS and the encrypted fields of a v2 KS sealed with the partner's secret.
#![no_main]

use kaltura_sim::fuzzing::verify_ks;
use libfuzzer_sys::fuzz_target;

/// A fixed "now", so that a finding replays the same way later.
const NOW: i64 = 1_800_000_000;

fuzz_target!(|data: &[u8]| {
    let partner = kts_fuzz::partner();
    let secret = partner.admin_secret.as_str();
    let _ = verify_ks(&String::from_utf8_lossy(data), &partner, NOW);
    let v1 = kts_fuzz::seal_v1(&String::from_utf8_lossy(data), secret);
    let _ = verify_ks(&v1, &partner, NOW);
    let v2 = kts_fuzz::seal_v2(partner.id, data, secret);
    let _ = verify_ks(&v2, &partner, NOW);
});
