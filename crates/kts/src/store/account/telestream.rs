//! A Telestream Cloud factory as an instance's account: its fields, declared
//! once (`TelestreamAccount::FIELDS`), and how they are read and checked.
//!
//! The API generation decides the credentials (telestream-cloud.md 2): v3.0
//! signs every request with an access key and a secret key, Flip 3.1 sends an
//! API key. The fields of the other generation may stay empty; the ones of the
//! chosen generation are required, which the per-field `required` flag cannot
//! say, so [`TelestreamAccount::parse`] checks it.

use url::Url;

use super::super::fields::{FieldKind, FieldReader, FieldSpec, FieldValues};
use super::normalize_service_url;
use super::{COMPRESSION, Compression};
use crate::secret::Secret;

/// Which Telestream Cloud API an account speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TelestreamGeneration {
    /// v3.0: parameters signed with HMAC-SHA256 (access key and secret key).
    V3,
    /// Flip 3.1: an `X-Api-Key` header.
    Flip,
}

impl TelestreamGeneration {
    /// The stored and displayed name: `v3.0` or `flip-3.1`.
    pub fn as_str(self) -> &'static str {
        match self {
            TelestreamGeneration::V3 => "v3.0",
            TelestreamGeneration::Flip => "flip-3.1",
        }
    }
}

/// A Telestream Cloud factory as KTS needs it to make calls, secrets
/// included.
#[derive(Debug, Clone, PartialEq)]
pub struct TelestreamAccount {
    /// The API generation, which picks the credentials below.
    pub generation: TelestreamGeneration,
    /// The API's base URL (`…/v3.0` or `…/flip/3.1`); `None` for the
    /// generation's public one.
    pub api_url: Option<Url>,
    /// The factory (`factory_id`) every call works in.
    pub factory_id: String,
    /// v3.0 access key.
    pub access_key: Option<String>,
    /// v3.0 secret key.
    pub secret_access_key: Option<Secret>,
    /// Flip 3.1 API key.
    pub api_key: Option<Secret>,
    /// Profiles new videos are encoded with, comma-separated; `None` for the
    /// factory's default set.
    pub profiles: Option<String>,
    /// Whether answers come gzip-compressed (`auto`: not from loopback).
    pub compression: Compression,
}

const API_GENERATION: FieldSpec = FieldSpec {
    name: "api_generation",
    label: "API generation",
    kind: FieldKind::Choice(&[
        ("v3.0", "v3.0 (access key and secret key)"),
        ("flip-3.1", "Flip 3.1 (API key)"),
    ]),
    required: true,
    help: "v3.0 signs every request with the access key and secret key; Flip 3.1 sends the API key.",
    flag: "api-generation",
    env: None,
    legacy: None,
};
const API_URL: FieldSpec = FieldSpec {
    name: "api_url",
    label: "API URL",
    kind: FieldKind::Text,
    required: false,
    help: "Empty: https://api.cloud.telestream.net/v3.0 or …/flip/3.1, by generation.",
    flag: "api-url",
    env: None,
    legacy: None,
};
const FACTORY_ID: FieldSpec = FieldSpec {
    name: "factory_id",
    label: "Factory id",
    kind: FieldKind::Text,
    required: true,
    help: "",
    flag: "factory-id",
    env: None,
    legacy: None,
};
const ACCESS_KEY: FieldSpec = FieldSpec {
    name: "access_key",
    label: "Access key (v3.0)",
    kind: FieldKind::Text,
    required: false,
    help: "",
    flag: "access-key",
    env: None,
    legacy: None,
};
const SECRET_ACCESS_KEY: FieldSpec = FieldSpec {
    name: "secret_access_key",
    label: "Secret key (v3.0)",
    kind: FieldKind::Secret,
    required: false,
    help: "",
    flag: "secret-access-key",
    env: Some("KTS_INSTANCE_SECRET_ACCESS_KEY"),
    legacy: None,
};
const API_KEY: FieldSpec = FieldSpec {
    name: "api_key",
    label: "API key (Flip 3.1)",
    kind: FieldKind::Secret,
    required: false,
    help: "",
    flag: "api-key",
    env: Some("KTS_INSTANCE_API_KEY"),
    legacy: None,
};
const PROFILES: FieldSpec = FieldSpec {
    name: "profiles",
    label: "Encoding profiles",
    kind: FieldKind::Text,
    required: false,
    help: "Profile names new videos are encoded with, comma-separated. Empty: the factory's.",
    flag: "profiles",
    env: None,
    legacy: None,
};

impl TelestreamAccount {
    /// Every field, in form order.
    pub const FIELDS: &'static [FieldSpec] = &[
        API_GENERATION,
        API_URL,
        FACTORY_ID,
        ACCESS_KEY,
        SECRET_ACCESS_KEY,
        API_KEY,
        PROFILES,
        COMPRESSION,
    ];

    pub(super) fn parse(read: &mut FieldReader<'_>) -> Option<TelestreamAccount> {
        let generation = read.choice(&API_GENERATION).map(|g| match g {
            "flip-3.1" => TelestreamGeneration::Flip,
            _ => TelestreamGeneration::V3,
        });
        let api_url = read.text(&API_URL).map(|text| {
            text.and_then(|text| match normalize_service_url(&text) {
                Ok(url) => Some(url),
                Err(error) => {
                    read.note(
                        &API_URL,
                        error.to_string().replace("service_url", "api_url"),
                    );
                    None
                }
            })
        });
        let factory_id = read.text(&FACTORY_ID).flatten().filter(|id| {
            let ok = id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                read.note(
                    &FACTORY_ID,
                    "must be letters, digits, - and _ (at most 64)".into(),
                );
            }
            ok
        });
        let access_key = read.text(&ACCESS_KEY);
        let secret_access_key = read.secret(&SECRET_ACCESS_KEY);
        let api_key = read.secret(&API_KEY);
        let profiles = read.text(&PROFILES);
        let compression = read.choice(&COMPRESSION).map(Compression::from_choice);
        let generation = generation?;
        match generation {
            TelestreamGeneration::V3 => {
                if matches!(access_key, Some(None)) {
                    read.note(&ACCESS_KEY, "is required for v3.0".into());
                }
                if matches!(secret_access_key, Some(None)) {
                    read.note(&SECRET_ACCESS_KEY, "is required for v3.0".into());
                }
            }
            TelestreamGeneration::Flip => {
                if matches!(api_key, Some(None)) {
                    read.note(&API_KEY, "is required for Flip 3.1".into());
                }
            }
        }
        Some(TelestreamAccount {
            generation,
            api_url: api_url?,
            factory_id: factory_id?,
            access_key: access_key?,
            secret_access_key: secret_access_key?,
            api_key: api_key?,
            profiles: profiles?,
            compression: compression?,
        })
    }

    pub(super) fn values(&self) -> FieldValues {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let secret = |s: &Option<Secret>| s.as_ref().map_or("", Secret::expose).to_owned();
        FieldValues::new()
            .with(API_GENERATION.name, self.generation.as_str())
            .with(API_URL.name, self.api_url_text().unwrap_or_default())
            .with(FACTORY_ID.name, &self.factory_id)
            .with(ACCESS_KEY.name, text(&self.access_key))
            .with(SECRET_ACCESS_KEY.name, secret(&self.secret_access_key))
            .with(API_KEY.name, secret(&self.api_key))
            .with(PROFILES.name, text(&self.profiles))
            .with(COMPRESSION.name, self.compression.as_str())
    }

    /// The API URL without a trailing `/`, when one is set.
    pub fn api_url_text(&self) -> Option<&str> {
        self.api_url
            .as_ref()
            .map(|url| url.as_str().trim_end_matches('/'))
    }

    /// The stored secret `name`, if set.
    pub(super) fn secret(&self, name: &str) -> Option<&Secret> {
        match name {
            "secret_access_key" => self.secret_access_key.as_ref(),
            "api_key" => self.api_key.as_ref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Account, validate_instance};
    use super::*;

    fn flip() -> FieldValues {
        FieldValues::new()
            .with("name", "Archive")
            .with("platform", "telestream")
            .with("api_generation", "flip-3.1")
            .with("factory_id", "fac70e1e5ca1ab1e0ddba11cfac70e1e")
            .with("api_key", "tcs_key")
    }

    #[test]
    fn a_flip_factory_needs_an_api_key_and_reads_back_the_same() {
        let valid = validate_instance(&flip()).unwrap();
        let Account::Telestream(account) = &valid.account else {
            panic!("not a Telestream account: {valid:?}");
        };
        assert_eq!(account.generation, TelestreamGeneration::Flip);
        assert_eq!(account.api_url, None);
        let again = validate_instance(
            &valid
                .account
                .values()
                .with("name", "Archive")
                .with("platform", "telestream"),
        )
        .unwrap();
        assert_eq!(again, valid);
        let mut without_key = flip();
        without_key.remove("api_key");
        let errors = validate_instance(&without_key).unwrap_err();
        assert_eq!(errors.of("api_key"), Some("is required for Flip 3.1"));
    }

    #[test]
    fn a_v3_factory_needs_both_signing_keys_and_a_clean_factory_id() {
        let values = FieldValues::new()
            .with("name", "Archive")
            .with("platform", "telestream")
            .with("factory_id", "no/slashes")
            .with("api_url", "ftp://x");
        let errors = validate_instance(&values).unwrap_err();
        assert_eq!(errors.of("access_key"), Some("is required for v3.0"));
        assert_eq!(errors.of("secret_access_key"), Some("is required for v3.0"));
        assert!(errors.of("factory_id").is_some(), "{errors}");
        assert!(errors.of("api_url").is_some(), "{errors}");
        assert!(errors.of("api_generation").is_none(), "v3.0 is the default");
    }

    #[test]
    fn kaltura_fields_are_not_fields_of_a_telestream_instance() {
        let errors = validate_instance(&flip().with("partner_id", "1")).unwrap_err();
        assert!(errors.of("partner_id").is_some(), "{errors}");
    }
}
