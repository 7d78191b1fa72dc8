//! Kaltura Sessions (KS), built and parsed locally.
//!
//! A KS is signed (v1) or encrypted (v2) with the partner's **admin secret**, for USER and ADMIN sessions
//! alike (kaltura-api-v3.md 5.2–5.4), so the client never needs a round trip to `session.start`. Parsing is
//! offered for tests and cross-checks with other implementations.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aes::Aes128;
use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use sha1::{Digest, Sha1};

/// Longest KS string accepted by [`parse`]; real ones are a few hundred bytes.
const MAX_KS_LEN: usize = 16 * 1024;

/// A Kaltura Session string.
///
/// Its `Debug` and `Display` show only a short prefix, so a KS never lands whole in a log. Use
/// [`Ks::expose`] to get the string for a request.
#[derive(Clone, PartialEq, Eq)]
pub struct Ks(String);

impl Ks {
    /// Wraps a KS string received from elsewhere (e.g. `session.start`). Fails on empty or oversized
    /// input, or characters that cannot occur in base64.
    pub fn new(value: impl Into<String>) -> Result<Self, KsError> {
        let value = value.into();
        if value.is_empty() || value.len() > MAX_KS_LEN {
            return Err(KsError::Length(value.len()));
        }
        if !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='))
        {
            return Err(KsError::Base64);
        }
        Ok(Self(value))
    }

    /// The full KS string, for a request parameter. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A short prefix safe for logs (`djJ8MTIzNDV8…`).
    pub fn redacted(&self) -> String {
        let prefix: String = self.0.chars().take(12).collect();
        format!("{prefix}…")
    }
}

impl fmt::Debug for Ks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ks").field(&self.redacted()).finish()
    }
}

impl fmt::Display for Ks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// The kind of session (`KalturaSessionType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionType {
    /// `0`: an ordinary user session, limited to what the user owns or the privileges grant.
    User,
    /// `2`: an administrator session with every permission of the partner.
    Admin,
}

impl SessionType {
    /// The wire value (`0` or `2`).
    pub fn as_i64(self) -> i64 {
        match self {
            Self::User => 0,
            Self::Admin => 2,
        }
    }

    /// Reads a wire value; the server treats any type ≥ 1 as admin (5.1).
    pub fn from_i64(value: i64) -> Self {
        if value >= 1 { Self::Admin } else { Self::User }
    }
}

/// Which KS format to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KsVersion {
    /// SHA-1 signed plain fields, for old servers.
    V1,
    /// AES-encrypted fields, what current servers issue. The default.
    #[default]
    V2,
}

/// What goes into a KS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KsFields {
    /// The partner the session acts for.
    pub partner_id: i64,
    /// USER or ADMIN.
    pub session_type: SessionType,
    /// The session's user; may be empty.
    pub user_id: String,
    /// Absolute expiry, Unix seconds.
    pub expiry: i64,
    /// Comma-separated privileges (`sview:0_abc,download:0_abc`); may be empty. See 5.5.
    pub privileges: String,
}

impl KsFields {
    /// Fields for a session of `session_type` valid for `lifetime` from now, without privileges.
    pub fn new(
        partner_id: i64,
        session_type: SessionType,
        user_id: &str,
        lifetime: Duration,
    ) -> Self {
        let lifetime = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX / 2);
        Self {
            partner_id,
            session_type,
            user_id: user_id.to_owned(),
            expiry: unix_now().saturating_add(lifetime),
            privileges: String::new(),
        }
    }

    /// Sets the privileges string (e.g. `sview:0_abc`).
    pub fn with_privileges(mut self, privileges: impl Into<String>) -> Self {
        self.privileges = privileges.into();
        self
    }

    /// Whether the expiry lies in the past (or is now).
    pub fn is_expired(&self) -> bool {
        self.expiry <= unix_now()
    }
}

/// Why a KS could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KsError {
    /// Empty or longer than the accepted maximum.
    #[error("ks has an invalid length of {0} bytes")]
    Length(usize),
    /// Not base64 (standard or URL-safe).
    #[error("ks is not valid base64")]
    Base64,
    /// Decoded, but not laid out as a v1 or v2 KS.
    #[error("ks is malformed: {0}")]
    Malformed(&'static str),
    /// The signature or hash does not match the secret: wrong secret or altered KS.
    #[error("ks signature does not match the secret")]
    Signature,
    /// A field is out of range (partner id, user id with `;` in v1, …).
    #[error("ks field {0} is invalid")]
    Field(&'static str),
}

/// Builds a KS string of `version` from `fields`, signed with `admin_secret`.
pub fn build(fields: &KsFields, admin_secret: &str, version: KsVersion) -> Result<Ks, KsError> {
    match version {
        KsVersion::V1 => build_v1(fields, admin_secret, rand::random::<u16>()),
        KsVersion::V2 => build_v2(fields, admin_secret, rand::random::<[u8; 16]>()),
    }
}

fn build_v1(fields: &KsFields, secret: &str, rand: u16) -> Result<Ks, KsError> {
    // v1 is `;`-separated: a `;` inside a field would shift every later field.
    if fields.user_id.contains(';') {
        return Err(KsError::Field("user_id"));
    }
    if fields.privileges.contains(';') {
        return Err(KsError::Field("privileges"));
    }
    let plain = format!(
        "{pid};{pid};{exp};{typ};{rand};{user};{privileges}",
        pid = fields.partner_id,
        exp = fields.expiry,
        typ = fields.session_type.as_i64(),
        user = fields.user_id,
        privileges = fields.privileges,
    );
    let mut hasher = Sha1::new();
    hasher.update(secret.as_bytes());
    hasher.update(plain.as_bytes());
    let sig = hex_lower(&hasher.finalize());
    Ks::new(STANDARD.encode(format!("{sig}|{plain}")))
}

fn build_v2(fields: &KsFields, secret: &str, random16: [u8; 16]) -> Result<Ks, KsError> {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in privilege_pairs(&fields.privileges) {
        query.append_pair(&name, &value);
    }
    query.append_pair("_e", &fields.expiry.to_string());
    query.append_pair("_t", &fields.session_type.as_i64().to_string());
    query.append_pair("_u", &fields.user_id);
    let query = query.finish();

    let mut inner = Vec::with_capacity(16 + query.len());
    inner.extend_from_slice(&random16);
    inner.extend_from_slice(query.as_bytes());
    let mut plain = Sha1::digest(&inner).to_vec();
    plain.extend_from_slice(&inner);
    // Zero padding, not PKCS#7: the server strips trailing NULs after decrypting (5.3).
    plain.resize(plain.len().div_ceil(16) * 16, 0);

    let cipher = aes_key(secret);
    let mut previous = [0u8; 16];
    for block in plain.chunks_exact_mut(16) {
        for (b, p) in block.iter_mut().zip(previous) {
            *b ^= p;
        }
        let mut array = GenericArray::from(to_block(block));
        cipher.encrypt_block(&mut array);
        block.copy_from_slice(&array);
        previous = to_block(block);
    }

    let mut raw = format!("v2|{}|", fields.partner_id).into_bytes();
    raw.extend_from_slice(&plain);
    Ks::new(URL_SAFE.encode(raw))
}

/// The version of a KS, read without a secret.
pub fn version_of(ks: &Ks) -> Result<KsVersion, KsError> {
    let raw = decode_base64(ks.expose())?;
    Ok(if raw.starts_with(b"v2|") {
        KsVersion::V2
    } else {
        KsVersion::V1
    })
}

/// Parses and verifies a KS with the partner's admin secret. Expiry is *not* checked: see
/// [`KsFields::is_expired`].
pub fn parse(ks: &Ks, admin_secret: &str) -> Result<KsFields, KsError> {
    let raw = decode_base64(ks.expose())?;
    if let Some(rest) = raw.strip_prefix(b"v2|") {
        parse_v2(rest, admin_secret)
    } else {
        parse_v1(&raw, admin_secret)
    }
}

fn parse_v1(raw: &[u8], secret: &str) -> Result<KsFields, KsError> {
    let text = std::str::from_utf8(raw).map_err(|_| KsError::Malformed("v1 is not utf-8"))?;
    let (sig, plain) = text
        .split_once('|')
        .ok_or(KsError::Malformed("v1 has no '|'"))?;
    let mut hasher = Sha1::new();
    hasher.update(secret.as_bytes());
    hasher.update(plain.as_bytes());
    if !hex_lower(&hasher.finalize()).eq_ignore_ascii_case(sig) {
        return Err(KsError::Signature);
    }
    let parts: Vec<&str> = plain.split(';').collect();
    if parts.len() < 3 {
        return Err(KsError::Malformed("v1 has fewer than 3 fields"));
    }
    let field = |i: usize| parts.get(i).copied().unwrap_or("");
    Ok(KsFields {
        partner_id: field(0).parse().map_err(|_| KsError::Field("partner_id"))?,
        expiry: field(2).parse().map_err(|_| KsError::Field("expiry"))?,
        session_type: SessionType::from_i64(field(3).parse().map_err(|_| KsError::Field("type"))?),
        user_id: field(5).to_owned(),
        privileges: field(6).to_owned(),
    })
}

fn parse_v2(rest: &[u8], secret: &str) -> Result<KsFields, KsError> {
    let bar = rest
        .iter()
        .position(|&b| b == b'|')
        .ok_or(KsError::Malformed("v2 has no partner separator"))?;
    let partner_id: i64 = std::str::from_utf8(&rest[..bar])
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(KsError::Field("partner_id"))?;
    let mut data = rest[bar + 1..].to_vec();
    if data.is_empty() || !data.len().is_multiple_of(16) {
        return Err(KsError::Malformed(
            "v2 ciphertext is not a whole number of blocks",
        ));
    }
    let cipher = aes_key(secret);
    let mut previous = [0u8; 16];
    for block in data.chunks_exact_mut(16) {
        let this = to_block(block);
        let mut array = GenericArray::from(this);
        cipher.decrypt_block(&mut array);
        for ((b, d), p) in block.iter_mut().zip(array.iter()).zip(previous) {
            *b = d ^ p;
        }
        previous = this;
    }
    while data.last() == Some(&0) {
        data.pop();
    }
    if data.len() < 20 + 16 {
        return Err(KsError::Signature);
    }
    let (hash, inner) = data.split_at(20);
    if Sha1::digest(inner).as_slice() != hash {
        return Err(KsError::Signature);
    }
    let mut fields = KsFields {
        partner_id,
        session_type: SessionType::User,
        user_id: String::new(),
        expiry: 0,
        privileges: String::new(),
    };
    let mut privileges = Vec::new();
    for (name, value) in url::form_urlencoded::parse(&inner[16..]) {
        match name.as_ref() {
            "_e" => fields.expiry = value.parse().map_err(|_| KsError::Field("expiry"))?,
            "_t" => {
                fields.session_type =
                    SessionType::from_i64(value.parse().map_err(|_| KsError::Field("type"))?)
            }
            "_u" => fields.user_id = value.into_owned(),
            "_m" | "_d" => {}
            _ if value.is_empty() => privileges.push(name.into_owned()),
            _ => privileges.push(format!("{name}:{value}")),
        }
    }
    fields.privileges = if privileges == ["all:*"] {
        "*".to_owned()
    } else {
        privileges.join(",")
    };
    Ok(fields)
}

/// Splits a privileges string into v2 query pairs: `*` → `all:*`, `name:value` → (name, value).
fn privilege_pairs(privileges: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for item in privileges
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let item = if item == "*" { "all:*" } else { item };
        let (name, value) = item.split_once(':').unwrap_or((item, ""));
        // A repeated name keeps the last value, as PHP arrays do on the server.
        pairs.retain(|(n, _)| n != name);
        pairs.push((name.to_owned(), value.to_owned()));
    }
    pairs
}

fn aes_key(secret: &str) -> Aes128 {
    let digest = Sha1::digest(secret.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    Aes128::new(&GenericArray::from(key))
}

fn to_block(slice: &[u8]) -> [u8; 16] {
    let mut block = [0u8; 16];
    block.copy_from_slice(slice);
    block
}

fn decode_base64(text: &str) -> Result<Vec<u8>, KsError> {
    if text.is_empty() || text.len() > MAX_KS_LEN {
        return Err(KsError::Length(text.len()));
    }
    let normalized: String = text
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(normalized)
        .map_err(|_| KsError::Base64)
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn vector_fields(session_type: SessionType, user: &str) -> KsFields {
        KsFields {
            partner_id: 12345,
            session_type,
            user_id: user.into(),
            expiry: 1893456000,
            privileges: "sview:0_abcd1234,download:0_abcd1234".into(),
        }
    }

    #[test]
    fn v1_matches_the_reference_test_vector() {
        let ks = build_v1(
            &vector_fields(SessionType::User, "user@example.com"),
            SECRET,
            4242,
        )
        .unwrap();
        assert_eq!(
            ks.expose(),
            "MzRiMzdlYzUyMGM0MTllZGVlYjE3N2NlOTMxMTg1ZDVlNWE2YzVmZnwxMjM0NTsxMjM0NTsxODkzNDU2MDAwOzA7NDI0Mjt1c2VyQGV4YW1wbGUuY29tO3N2aWV3OjBfYWJjZDEyMzQsZG93bmxvYWQ6MF9hYmNkMTIzNA=="
        );
    }

    #[test]
    fn v2_matches_the_reference_test_vector() {
        let random: [u8; 16] = std::array::from_fn(|i| i as u8);
        let ks = build_v2(&vector_fields(SessionType::Admin, "admin"), SECRET, random).unwrap();
        assert_eq!(
            ks.expose(),
            "djJ8MTIzNDV8Q6O-gCDbceH25uUQg7zEL6pn5S3QWO55VqXn86B6K2bkNZ3ww_02eVNyQi9VEFYnBr60_bB4lMji2b_jaJdyI8IhiSGrvG4yM6Rf4TXvi0gY3ZiS2kKJEoQe0siJhKnG4OOwJPhF3ek0ns5OZnrACw=="
        );
    }

    #[test]
    fn both_versions_round_trip_through_parse() {
        for version in [KsVersion::V1, KsVersion::V2] {
            let fields = vector_fields(SessionType::Admin, "someone");
            let ks = build(&fields, SECRET, version).unwrap();
            assert_eq!(version_of(&ks).unwrap(), version);
            assert_eq!(parse(&ks, SECRET).unwrap(), fields);
        }
    }

    #[test]
    fn parse_rejects_a_wrong_secret() {
        for version in [KsVersion::V1, KsVersion::V2] {
            let ks = build(&vector_fields(SessionType::User, ""), SECRET, version).unwrap();
            assert_eq!(parse(&ks, "another secret"), Err(KsError::Signature));
        }
    }

    #[test]
    fn parse_rejects_garbage_without_panicking() {
        for text in ["", "!!!", "djJ8", "djJ8MTIzNDV8", "YWJj", "dnwxMnxhYmNk"] {
            let result = Ks::new(text).and_then(|ks| parse(&ks, SECRET));
            assert!(result.is_err(), "{text} parsed");
        }
    }

    #[test]
    fn star_privileges_travel_as_all_and_come_back_as_star() {
        let fields = vector_fields(SessionType::Admin, "a").with_privileges("*");
        let ks = build(&fields, SECRET, KsVersion::V2).unwrap();
        assert_eq!(parse(&ks, SECRET).unwrap().privileges, "*");
    }

    #[test]
    fn v1_refuses_a_semicolon_in_the_user() {
        let fields = vector_fields(SessionType::User, "a;b");
        assert_eq!(
            build(&fields, SECRET, KsVersion::V1),
            Err(KsError::Field("user_id"))
        );
    }

    #[test]
    fn debug_and_display_do_not_show_the_whole_ks() {
        let ks = build(
            &vector_fields(SessionType::Admin, "a"),
            SECRET,
            KsVersion::V2,
        )
        .unwrap();
        let shown = format!("{ks:?} {ks}");
        assert!(!shown.contains(ks.expose()));
        assert!(shown.contains("djJ8"));
    }

    #[test]
    fn fresh_fields_expire_in_the_future() {
        let fields = KsFields::new(1, SessionType::User, "u", Duration::from_secs(60));
        assert!(!fields.is_expired());
        let old = KsFields {
            expiry: 1,
            ..fields
        };
        assert!(old.is_expired());
    }
}
