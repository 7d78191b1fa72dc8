//! KS parsing of the Kaltura client (`kaltura::ks`): the input as a KS, and as the signed part of
//! a v1 KS and the encrypted fields of a v2 KS sealed with a fixed secret, so that the fuzzer
//! reaches the field parsing behind the signature.
#![no_main]

use kaltura::ks::{self, Ks};
use libfuzzer_sys::fuzz_target;

fn parse(text: String, secret: &str) {
    if let Ok(ks) = Ks::new(text) {
        let _ = ks.redacted();
        let _ = ks::version_of(&ks);
        if let Ok(fields) = ks::parse(&ks, secret) {
            let _ = fields.is_expired();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let partner = kts_fuzz::partner();
    let secret = partner.admin_secret.as_str();
    parse(String::from_utf8_lossy(data).into_owned(), secret);
    parse(
        kts_fuzz::seal_v1(&String::from_utf8_lossy(data), secret),
        secret,
    );
    parse(kts_fuzz::seal_v2(partner.id, data, secret), secret);
});
