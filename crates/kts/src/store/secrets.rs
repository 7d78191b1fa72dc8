//! Instance secrets encrypted at rest with AES-256-GCM.
//!
//! Each value gets a fresh random 96-bit nonce, stored in front of the
//! ciphertext; the instance id and the field name are the associated data, so
//! a ciphertext copied to another instance or field fails to decrypt.

use std::sync::Arc;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use rand::RngCore;

use crate::ids::InstanceId;

/// Marks the format of stored ciphertexts, so a future format can coexist.
const VERSION_PREFIX: &str = "v1.";
const NONCE_LEN: usize = 12;

/// Encrypts and decrypts instance secrets with the key derived from
/// `KTS_SECRET_KEY`.
///
/// Cheap to clone: the expanded AES key (about 500 bytes) is shared. The
/// store, and so the router state, is cloned dozens of times per request;
/// copying the key schedule each time was 3 % of a `get_media`
/// (docs/performance.md).
#[derive(Clone)]
pub(crate) struct SecretCipher {
    cipher: Arc<Aes256Gcm>,
}

impl std::fmt::Debug for SecretCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretCipher(***)")
    }
}

/// A stored secret that cannot be decrypted: wrong key, or tampered data.
#[derive(Debug, thiserror::Error)]
#[error(
    "stored secret {field} of instance {instance} cannot be decrypted (was KTS_SECRET_KEY changed?)"
)]
pub struct DecryptError {
    /// The instance.
    pub instance: InstanceId,
    /// The column.
    pub field: &'static str,
}

impl SecretCipher {
    pub(crate) fn new(key: &[u8; 32]) -> Self {
        SecretCipher {
            cipher: Arc::new(Aes256Gcm::new(key.into())),
        }
    }

    fn associated_data(instance: InstanceId, field: &str) -> String {
        format!("kts instance {instance} {field}")
    }

    /// Encrypts `plain` for one field of one instance.
    pub(crate) fn encrypt(&self, instance: InstanceId, field: &'static str, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let aad = Self::associated_data(instance, field);
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .expect("AES-GCM encryption fails only for inputs above 64 GiB");
        let mut stored = nonce.to_vec();
        stored.extend_from_slice(&sealed);
        format!("{VERSION_PREFIX}{}", STANDARD_NO_PAD.encode(stored))
    }

    /// Decrypts what [`SecretCipher::encrypt`] stored for the same field.
    pub(crate) fn decrypt(
        &self,
        instance: InstanceId,
        field: &'static str,
        stored: &str,
    ) -> Result<String, DecryptError> {
        let error = || DecryptError { instance, field };
        let encoded = stored.strip_prefix(VERSION_PREFIX).ok_or_else(error)?;
        let bytes = STANDARD_NO_PAD.decode(encoded).map_err(|_| error())?;
        if bytes.len() < NONCE_LEN {
            return Err(error());
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let aad = Self::associated_data(instance, field);
        let plain = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| error())?;
        String::from_utf8(plain).map_err(|_| error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u32) -> InstanceId {
        InstanceId::new(n).unwrap()
    }

    #[test]
    fn secrets_round_trip_and_never_repeat_a_ciphertext() {
        let cipher = SecretCipher::new(&[7; 32]);
        let a = cipher.encrypt(id(1), "admin_secret", "s3cr3t");
        let b = cipher.encrypt(id(1), "admin_secret", "s3cr3t");
        assert_ne!(a, b, "a random nonce makes every ciphertext unique");
        assert!(!a.contains("s3cr3t"));
        assert_eq!(cipher.decrypt(id(1), "admin_secret", &a).unwrap(), "s3cr3t");
    }

    #[test]
    fn a_ciphertext_moved_to_another_instance_or_field_fails() {
        let cipher = SecretCipher::new(&[7; 32]);
        let sealed = cipher.encrypt(id(1), "admin_secret", "s3cr3t");
        assert!(cipher.decrypt(id(2), "admin_secret", &sealed).is_err());
        assert!(cipher.decrypt(id(1), "user_secret", &sealed).is_err());
    }

    #[test]
    fn another_key_or_garbage_fails_cleanly() {
        let sealed = SecretCipher::new(&[7; 32]).encrypt(id(1), "admin_secret", "x");
        let other = SecretCipher::new(&[8; 32]);
        assert!(other.decrypt(id(1), "admin_secret", &sealed).is_err());
        assert!(other.decrypt(id(1), "admin_secret", "v1.@@@").is_err());
        assert!(other.decrypt(id(1), "admin_secret", "v1.AA").is_err());
        assert!(other.decrypt(id(1), "admin_secret", "plain").is_err());
    }
}
