//! What the fuzz targets share: how one fuzz input is split into the pieces a parser takes, a
//! runtime for the parsers that are async, and KS sealing so that inputs reach the fields of a
//! session behind its signature.

use std::path::Path;
use std::sync::OnceLock;

use aes::Aes128;
use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockEncrypt, KeyInit};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use sha1::{Digest, Sha1};

/// The partner whose admin secret signs the KSs of the KS targets (the simulator's demo partner).
pub fn partner() -> kaltura_sim::Partner {
    kaltura_sim::Partner::demo()
}

/// The first line of `data` (up to the first `\n`), as text.
pub fn first_line(data: &[u8]) -> String {
    let end = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    String::from_utf8_lossy(&data[..end]).into_owned()
}

/// A file name taken from the last line of `data` when it is short text, as an upload's name.
///
/// The content itself stays whole (a fixture used as a seed keeps its first bytes), and the
/// fuzzer still varies the name by changing the end of the input.
pub fn file_name(data: &[u8]) -> Option<String> {
    let start = data.iter().rposition(|b| *b == b'\n')? + 1;
    let tail = &data[start..];
    if tail.len() > 255 {
        return None;
    }
    std::str::from_utf8(tail).ok().map(str::to_owned)
}

/// One current-thread runtime per process, as the async parsers run inside a request task.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a current-thread runtime builds")
    })
}

/// A folder for the files that multipart parsing spools; each input's files are removed by the
/// parser's own guards, so the folder stays empty.
pub fn spool_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("kts-fuzz-")
            .tempdir()
            .expect("a temporary folder can be created")
    })
    .path()
}

/// A v1 KS whose signed part is `plain`, signed with `secret`: `base64(sha1hex(secret + plain)|plain)`.
pub fn seal_v1(plain: &str, secret: &str) -> String {
    let mut hasher = Sha1::new();
    hasher.update(secret.as_bytes());
    hasher.update(plain.as_bytes());
    let signature: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    STANDARD.encode(format!("{signature}|{plain}"))
}

/// A v2 KS of `partner_id` whose encrypted fields are `fields` (after the 16 random bytes), with a
/// valid hash, encrypted with `secret` as Kaltura does (AES-128-CBC, zero IV, zero padding).
pub fn seal_v2(partner_id: i64, fields: &[u8], secret: &str) -> String {
    let mut inner = vec![0x5a; 16];
    inner.extend_from_slice(fields);
    let mut plain = Sha1::digest(&inner).to_vec();
    plain.extend_from_slice(&inner);
    plain.resize(plain.len().div_ceil(16) * 16, 0);
    let digest = Sha1::digest(secret.as_bytes());
    let cipher = Aes128::new(GenericArray::from_slice(&digest[..16]));
    let mut previous = [0u8; 16];
    for block in plain.chunks_exact_mut(16) {
        for (b, p) in block.iter_mut().zip(previous) {
            *b ^= p;
        }
        let mut array = GenericArray::clone_from_slice(block);
        cipher.encrypt_block(&mut array);
        block.copy_from_slice(&array);
        previous.copy_from_slice(block);
    }
    let mut raw = format!("v2|{partner_id}|").into_bytes();
    raw.extend_from_slice(&plain);
    URL_SAFE.encode(raw)
}
