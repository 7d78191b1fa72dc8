//! Kaltura sessions: building and verifying KS v1 (SHA-1 signed) and v2 (AES-128-CBC encrypted), and
//! reading their privileges (kaltura-api-v3.md 5.2–5.5). Only the partners' admin secrets sign a KS.

use aes::Aes128;
use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use sha1::{Digest, Sha1};

use crate::Partner;

/// Longest KS accepted; real ones are a few hundred bytes.
const MAX_KS_LEN: usize = 8192;

/// The session types of `KalturaSessionType`.
pub(crate) const USER: i64 = 0;
pub(crate) const ADMIN: i64 = 2;

/// A verified session.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Session {
    pub(crate) partner_id: i64,
    pub(crate) expiry: i64,
    pub(crate) session_type: i64,
    pub(crate) user_id: String,
    /// `(name, value)` pairs; a value may hold several ids separated by `/`.
    pub(crate) privileges: Vec<(String, String)>,
}

impl Session {
    /// Any type ≥ 1 is an admin session on the real server.
    pub(crate) fn is_admin(&self) -> bool {
        self.session_type >= 1
    }

    /// Whether the session carries `name:value` (or `name:*`, or the catch-all `*`).
    pub(crate) fn has_privilege(&self, name: &str, value: &str) -> bool {
        self.privileges.iter().any(|(n, v)| {
            (n == name && v.split('/').any(|x| x == value || x == "*")) || (n == "all" && v == "*")
        })
    }

    /// The value of a privilege, e.g. `actionslimit`.
    pub(crate) fn privilege(&self, name: &str) -> Option<&str> {
        self.privileges
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a KS is not accepted; the text is what `INVALID_KS` shows in its KSID slot.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum KsError {
    /// Cannot be decoded, bad signature, unknown partner.
    InvalidStr,
    Expired,
}

/// Parses and verifies a KS against the known partners; expiry is checked against `now`.
pub(crate) fn verify(ks: &str, partners: &[Partner], now: i64) -> Result<Session, KsError> {
    if ks.len() > MAX_KS_LEN {
        return Err(KsError::InvalidStr);
    }
    let normalized: String = ks
        .trim()
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let padded = match normalized.len() % 4 {
        0 => normalized,
        n => format!("{normalized}{}", "=".repeat(4 - n)),
    };
    let decoded = STANDARD
        .decode(padded.as_bytes())
        .map_err(|_| KsError::InvalidStr)?;
    let session = if decoded.starts_with(b"v2|") {
        verify_v2(&decoded, partners)?
    } else {
        verify_v1(&decoded, partners)?
    };
    if session.expiry <= now {
        return Err(KsError::Expired);
    }
    Ok(session)
}

fn find_partner<'a>(partners: &'a [Partner], id: &str) -> Result<&'a Partner, KsError> {
    let id: i64 = id.parse().map_err(|_| KsError::InvalidStr)?;
    partners
        .iter()
        .find(|p| p.id == id)
        .ok_or(KsError::InvalidStr)
}

fn verify_v1(decoded: &[u8], partners: &[Partner]) -> Result<Session, KsError> {
    let text = std::str::from_utf8(decoded).map_err(|_| KsError::InvalidStr)?;
    let (hash, fields) = text.split_once('|').ok_or(KsError::InvalidStr)?;
    let parts: Vec<&str> = fields.split(';').collect();
    if parts.len() < 3 {
        return Err(KsError::InvalidStr);
    }
    let partner = find_partner(partners, parts[0])?;
    if sha1_hex(&partner.admin_secret, fields) != hash.to_ascii_lowercase() {
        return Err(KsError::InvalidStr);
    }
    let part = |i: usize| parts.get(i).copied().unwrap_or("");
    Ok(Session {
        partner_id: partner.id,
        expiry: part(2).parse().map_err(|_| KsError::InvalidStr)?,
        session_type: part(3).parse().unwrap_or(USER),
        user_id: part(5).to_owned(),
        privileges: parse_privileges(part(6)),
    })
}

fn verify_v2(decoded: &[u8], partners: &[Partner]) -> Result<Session, KsError> {
    let rest = &decoded[3..];
    let bar = rest
        .iter()
        .position(|b| *b == b'|')
        .ok_or(KsError::InvalidStr)?;
    let partner_id = std::str::from_utf8(&rest[..bar]).map_err(|_| KsError::InvalidStr)?;
    let partner = find_partner(partners, partner_id)?;
    let cipher = &rest[bar + 1..];
    if cipher.is_empty() || !cipher.len().is_multiple_of(16) {
        return Err(KsError::InvalidStr);
    }
    let mut plain = cbc_decrypt(&aes_key(&partner.admin_secret), cipher);
    while plain.last() == Some(&0) {
        plain.pop();
    }
    if plain.len() < 36 {
        return Err(KsError::InvalidStr);
    }
    let (hash, inner) = plain.split_at(20);
    if Sha1::digest(inner).as_slice() != hash {
        return Err(KsError::InvalidStr);
    }
    let fields = &inner[16..];
    let mut session = Session {
        partner_id: partner.id,
        expiry: 0,
        session_type: USER,
        user_id: String::new(),
        privileges: Vec::new(),
    };
    for (k, v) in url::form_urlencoded::parse(fields) {
        match k.as_ref() {
            "_e" => session.expiry = v.parse().map_err(|_| KsError::InvalidStr)?,
            "_t" => session.session_type = v.parse().unwrap_or(USER),
            "_u" => session.user_id = v.into_owned(),
            "_m" | "_d" => {}
            _ => session.privileges.push((k.into_owned(), v.into_owned())),
        }
    }
    Ok(session)
}

/// Splits `sview:0_a,download:0_a,*` into pairs; `*` becomes `all:*`.
pub(crate) fn parse_privileges(s: &str) -> Vec<(String, String)> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let p = if p == "*" { "all:*" } else { p };
            match p.split_once(':') {
                Some((n, v)) => (n.to_owned(), v.to_owned()),
                None => (p.to_owned(), String::new()),
            }
        })
        .collect()
}

/// What a new KS says.
#[derive(Debug, Clone)]
pub(crate) struct NewSession<'a> {
    pub(crate) partner: &'a Partner,
    pub(crate) session_type: i64,
    pub(crate) user_id: &'a str,
    pub(crate) expiry: i64,
    pub(crate) privileges: &'a str,
}

/// Builds a KS v2 with the given 16 random bytes.
pub(crate) fn build_v2(s: &NewSession<'_>, random: [u8; 16]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    let mut seen: Vec<(String, String)> = Vec::new();
    for (n, v) in parse_privileges(s.privileges) {
        seen.retain(|(k, _)| *k != n);
        seen.push((n, v));
    }
    for (n, v) in &seen {
        query.append_pair(n, v);
    }
    query.append_pair("_e", &s.expiry.to_string());
    query.append_pair("_t", &s.session_type.to_string());
    query.append_pair("_u", s.user_id);
    let fields = query.finish();
    let mut inner = random.to_vec();
    inner.extend_from_slice(fields.as_bytes());
    let mut plain = Sha1::digest(&inner).to_vec();
    plain.extend_from_slice(&inner);
    while !plain.len().is_multiple_of(16) {
        plain.push(0);
    }
    let mut out = format!("v2|{}|", s.partner.id).into_bytes();
    out.extend(cbc_encrypt(&aes_key(&s.partner.admin_secret), &plain));
    URL_SAFE.encode(out)
}

/// Builds a KS v1 (seven fields, as the official clients write them).
pub(crate) fn build_v1(s: &NewSession<'_>, rand: u32) -> String {
    let fields = format!(
        "{pid};{pid};{};{};{rand};{};{}",
        s.expiry,
        s.session_type,
        s.user_id,
        s.privileges,
        pid = s.partner.id
    );
    STANDARD.encode(format!(
        "{}|{fields}",
        sha1_hex(&s.partner.admin_secret, &fields)
    ))
}

fn sha1_hex(secret: &str, fields: &str) -> String {
    let mut h = Sha1::new();
    h.update(secret.as_bytes());
    h.update(fields.as_bytes());
    hex::encode(h.finalize())
}

fn aes_key(secret: &str) -> [u8; 16] {
    let digest = Sha1::digest(secret.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// AES-128-CBC with a zero IV and no padding (the input is a multiple of 16 bytes).
fn cbc_encrypt(key: &[u8; 16], plain: &[u8]) -> Vec<u8> {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut prev = [0u8; 16];
    let mut out = Vec::with_capacity(plain.len());
    for chunk in plain.chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        for (b, p) in block.iter_mut().zip(prev) {
            *b ^= p;
        }
        cipher.encrypt_block(&mut block);
        prev.copy_from_slice(&block);
        out.extend_from_slice(&block);
    }
    out
}

fn cbc_decrypt(key: &[u8; 16], data: &[u8]) -> Vec<u8> {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut prev = [0u8; 16];
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        for (b, p) in block.iter_mut().zip(prev) {
            *b ^= p;
        }
        prev.copy_from_slice(chunk);
        out.extend_from_slice(&block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner() -> Partner {
        Partner {
            id: 12345,
            admin_secret: "0123456789abcdef0123456789abcdef".into(),
            user_secret: "u".into(),
            ks_version: crate::KsVersion::V2,
        }
    }

    const V1: &str = "MzRiMzdlYzUyMGM0MTllZGVlYjE3N2NlOTMxMTg1ZDVlNWE2YzVmZnwxMjM0NTsxMjM0NTsxODkzNDU2MDAwOzA7NDI0Mjt1c2VyQGV4YW1wbGUuY29tO3N2aWV3OjBfYWJjZDEyMzQsZG93bmxvYWQ6MF9hYmNkMTIzNA==";
    const V2: &str = "djJ8MTIzNDV8Q6O-gCDbceH25uUQg7zEL6pn5S3QWO55VqXn86B6K2bkNZ3ww_02eVNyQi9VEFYnBr60_bB4lMji2b_jaJdyI8IhiSGrvG4yM6Rf4TXvi0gY3ZiS2kKJEoQe0siJhKnG4OOwJPhF3ek0ns5OZnrACw==";

    #[test]
    fn reference_v1_vector_is_built_and_verified() {
        let p = partner();
        let s = NewSession {
            partner: &p,
            session_type: USER,
            user_id: "user@example.com",
            expiry: 1_893_456_000,
            privileges: "sview:0_abcd1234,download:0_abcd1234",
        };
        assert_eq!(build_v1(&s, 4242), V1);
        let session = verify(V1, &[p], 1_700_000_000).expect("valid");
        assert_eq!(session.user_id, "user@example.com");
        assert!(!session.is_admin());
        assert!(session.has_privilege("download", "0_abcd1234"));
        assert!(!session.has_privilege("download", "0_other"));
    }

    #[test]
    fn reference_v2_vector_is_built_and_verified() {
        let p = partner();
        let s = NewSession {
            partner: &p,
            session_type: ADMIN,
            user_id: "admin",
            expiry: 1_893_456_000,
            privileges: "sview:0_abcd1234,download:0_abcd1234",
        };
        let random: [u8; 16] = core::array::from_fn(|i| i as u8);
        assert_eq!(build_v2(&s, random), V2);
        let session = verify(V2, &[p], 1_700_000_000).expect("valid");
        assert_eq!(session.expiry, 1_893_456_000);
        assert!(session.is_admin());
        assert!(session.has_privilege("sview", "0_abcd1234"));
    }

    #[test]
    fn expired_wrong_secret_and_garbage_are_refused() {
        let p = partner();
        assert_eq!(
            verify(V2, std::slice::from_ref(&p), 1_893_456_000),
            Err(KsError::Expired)
        );
        let other = Partner {
            admin_secret: "ffffffffffffffffffffffffffffffff".into(),
            ..partner()
        };
        assert_eq!(
            verify(V2, std::slice::from_ref(&other), 0),
            Err(KsError::InvalidStr)
        );
        assert_eq!(verify(V1, &[other], 0), Err(KsError::InvalidStr));
        assert_eq!(
            verify("not a ks", std::slice::from_ref(&p), 0),
            Err(KsError::InvalidStr)
        );
        let wrong_partner = Partner { id: 99, ..p };
        assert_eq!(verify(V2, &[wrong_partner], 0), Err(KsError::InvalidStr));
    }

    #[test]
    fn star_privilege_means_everything() {
        let s = Session {
            partner_id: 1,
            expiry: 0,
            session_type: 0,
            user_id: String::new(),
            privileges: parse_privileges("*"),
        };
        assert!(s.has_privilege("download", "0_x"));
    }
}
