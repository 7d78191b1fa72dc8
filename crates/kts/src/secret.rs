//! Secrets and random tokens: the process's master key ([`SecretKey`]),
//! an instance secret as shown to people ([`Secret`]: masked in `Display`,
//! never in `Debug`), and [`random_token`] for keys, names and CSRF tokens.
//!
//! A leaf module: `config` and `store` both use it, and it uses neither.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256, Sha512};

/// Shortest accepted `KTS_SECRET_KEY`.
pub(crate) const MIN_SECRET_KEY_LEN: usize = 32;

/// Characters of a secret shown after it is saved.
const SHOWN_SECRET_CHARS: usize = 4;

/// `bytes` random bytes from the operating system's CSPRNG, URL-safe base64.
pub(crate) fn random_token(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// The process's master secret (`KTS_SECRET_KEY`); separate keys for cookies
/// and for instance secrets are derived from it, so one leaked purpose key
/// does not reveal the other.
#[derive(Clone)]
pub struct SecretKey(SecretString);

impl SecretKey {
    /// Accepts a secret of at least [`MIN_SECRET_KEY_LEN`] characters.
    pub fn new(secret: String) -> Result<Self, String> {
        if secret.chars().count() < MIN_SECRET_KEY_LEN {
            return Err(format!(
                "must be at least {MIN_SECRET_KEY_LEN} characters long"
            ));
        }
        Ok(SecretKey(SecretString::from(secret)))
    }

    /// A fresh random key (for `kts demo` and tests).
    pub fn generate() -> Self {
        SecretKey(SecretString::from(random_token(32)))
    }

    /// The key text, to be saved by `kts demo` in its own data folder.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The 256-bit key that encrypts instance secrets at rest.
    pub fn instance_secrets_key(&self) -> [u8; 32] {
        let mut hash = Sha256::new();
        hash.update(b"kts instance secrets v1\0");
        hash.update(self.0.expose_secret().as_bytes());
        hash.finalize().into()
    }

    /// 512 bits to sign and encrypt admin cookies.
    pub fn cookie_key(&self) -> [u8; 64] {
        let mut hash = Sha512::new();
        hash.update(b"kts admin cookies v1\0");
        hash.update(self.0.expose_secret().as_bytes());
        hash.finalize().into()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

/// An instance secret (a platform's admin or user secret), decrypted.
///
/// The one place secrets are masked: `Display` shows `••••` and the last
/// characters (fewer for a short secret), which is what pages and commands
/// print so that an admin can tell which secret is stored; `Debug` shows
/// nothing of it. Only `instances.rs`, which builds platform clients, reads
/// the secret itself ([`Secret::expose`]).
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret's text.
    pub fn new(text: impl Into<String>) -> Self {
        Secret(SecretString::from(text.into()))
    }

    /// The secret itself, to build a client or to encrypt it for the store.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Display for Secret {
    /// `••••` and the last characters of the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = self.0.expose_secret();
        let count = secret.chars().count();
        let shown = SHOWN_SECRET_CHARS.min(count / 3);
        let tail: String = secret.chars().skip(count - shown).collect();
        write!(f, "••••{tail}")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_shows_only_its_last_characters() {
        assert_eq!(Secret::new("0123456789abcdef").to_string(), "••••cdef");
        assert_eq!(Secret::new("abcdef").to_string(), "••••ef");
        assert_eq!(Secret::new("ab").to_string(), "••••");
        assert_eq!(Secret::new("").to_string(), "••••");
    }

    #[test]
    fn a_secret_is_never_debug_printed() {
        let shown = format!("{:?}", Secret::new("hunter2-hunter2"));
        assert_eq!(shown, "Secret(***)");
    }

    #[test]
    fn secret_key_debug_is_redacted_and_purpose_keys_differ() {
        let key = SecretKey::new("0123456789abcdef0123456789abcdef".into()).unwrap();
        assert_eq!(format!("{key:?}"), "SecretKey(***)");
        assert_ne!(key.instance_secrets_key()[..], key.cookie_key()[..32]);
    }

    #[test]
    fn random_tokens_differ() {
        assert_ne!(random_token(16), random_token(16));
        assert_eq!(random_token(3).len(), 4);
    }
}
