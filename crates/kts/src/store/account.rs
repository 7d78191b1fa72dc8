//! The platform account an instance is: [`Account`], one variant per
//! platform, each with its fields declared once (`KalturaAccount::FIELDS`),
//! and [`validate_instance`], the one validator of what a form, a command or
//! the old variables say about an instance.
//!
//! Adding a field to the Kaltura account: a member of [`KalturaAccount`],
//! its [`FieldSpec`] in `FIELDS`, its lines in `parse` and `values`, and a
//! migration adding its column. The form, the flags, seeding and the
//! store's queries follow from the list.

mod compression;
mod telestream;

use std::fmt;

use kaltura::KsVersion;
use url::Url;

use super::StoreError;
use super::fields::{FieldErrors, FieldKind, FieldReader, FieldSpec, FieldValues, NAME};
use crate::model::PlatformKind;
use crate::secret::Secret;

use self::compression::COMPRESSION;
pub use self::compression::Compression;
pub use self::telestream::{TelestreamAccount, TelestreamGeneration};

/// The account of an instance on its platform.
#[derive(Debug, Clone, PartialEq)]
pub enum Account {
    /// A Kaltura partner.
    Kaltura(KalturaAccount),
    /// A Telestream Cloud factory.
    Telestream(TelestreamAccount),
}

impl Account {
    /// Which platform the account is on.
    pub fn platform(&self) -> PlatformKind {
        match self {
            Account::Kaltura(_) => PlatformKind::Kaltura,
            Account::Telestream(_) => PlatformKind::Telestream,
        }
    }

    /// The fields of an account on `platform`, in form order.
    pub fn fields(platform: PlatformKind) -> &'static [FieldSpec] {
        match platform {
            PlatformKind::Kaltura => KalturaAccount::FIELDS,
            PlatformKind::Telestream => TelestreamAccount::FIELDS,
        }
    }

    /// The stored value of every field that is not a secret, as text (for
    /// forms, listings and exports).
    pub fn shown_values(&self) -> FieldValues {
        let mut values = self.values();
        for spec in Account::fields(self.platform()) {
            if spec.is_secret() {
                values.remove(spec.name);
            }
        }
        values
    }

    /// The stored secret `name`, masked when displayed; `None` when the
    /// field is empty or not a secret.
    pub fn secret(&self, name: &str) -> Option<&Secret> {
        match self {
            Account::Kaltura(k) => match name {
                "admin_secret" => Some(&k.admin_secret),
                "user_secret" => k.user_secret.as_ref(),
                _ => None,
            },
            Account::Telestream(t) => t.secret(name),
        }
    }

    /// Every field as text, secrets included: for the store only, which
    /// merges changes over it and encrypts what it writes.
    pub(super) fn values(&self) -> FieldValues {
        match self {
            Account::Kaltura(k) => k.values(),
            Account::Telestream(t) => t.values(),
        }
    }

    fn parse(platform: PlatformKind, read: &mut FieldReader<'_>) -> Option<Account> {
        match platform {
            PlatformKind::Kaltura => KalturaAccount::parse(read).map(Account::Kaltura),
            PlatformKind::Telestream => TelestreamAccount::parse(read).map(Account::Telestream),
        }
    }
}

/// A Kaltura account as KTS needs it to make calls, secrets included.
///
/// Fields follow the old admin (kts-legacy-api.md, "Admin"): `KALTURA_PATH`,
/// `PARTNER_ID`, `PLAYER_ID`, `THUMBNAIL_PLAYER_ID`, `ADMIN_SECRET`,
/// `SECRET`, `USER_NAME`, `MOBILE_PLAYER_FLAVOR`, plus the KS version of the
/// sessions KTS builds (`KS_VERSION`, new).
#[derive(Debug, Clone, PartialEq)]
pub struct KalturaAccount {
    /// Kaltura service URL, e.g. `https://www.kaltura.com` (no trailing slash
    /// when shown).
    pub service_url: Url,
    /// Kaltura partner id.
    pub partner_id: i64,
    /// uiconf id of the player (`PLAYER_ID`).
    pub player_uiconf_id: Option<i64>,
    /// uiconf id of the thumbnail-selector player (`THUMBNAIL_PLAYER_ID`).
    pub thumbnail_player_uiconf_id: Option<i64>,
    /// Admin secret (`ADMIN_SECRET`).
    pub admin_secret: Secret,
    /// User secret (`SECRET`).
    pub user_secret: Option<Secret>,
    /// User id put in sessions (`USER_NAME`).
    pub user_id: String,
    /// Flavor params id of the mobile flavor (`MOBILE_PLAYER_FLAVOR`).
    pub mobile_flavor_id: Option<i64>,
    /// Version of the sessions KTS builds: v2, or v1 for old accounts whose
    /// partner takes only v1 (kaltura-api-v3.md 5.6).
    pub ks_version: KsVersion,
    /// Whether answers come gzip-compressed (`auto`: not from loopback).
    pub compression: Compression,
}

const SERVICE_URL: FieldSpec = FieldSpec {
    name: "service_url",
    label: "Kaltura server",
    kind: FieldKind::Text,
    required: true,
    help: "A host such as www.kaltura.com (https is assumed) or a full URL.",
    flag: "service-url",
    env: None,
    legacy: Some("KALTURA_PATH"),
};
const PARTNER_ID: FieldSpec = FieldSpec {
    name: "partner_id",
    label: "Partner id",
    kind: FieldKind::Number,
    required: true,
    help: "",
    flag: "partner-id",
    env: None,
    legacy: Some("PARTNER_ID"),
};
const PLAYER_UICONF_ID: FieldSpec = FieldSpec {
    name: "player_uiconf_id",
    label: "Player uiconf id (PLAYER_ID)",
    kind: FieldKind::Number,
    required: false,
    help: "",
    flag: "player-id",
    env: None,
    legacy: Some("PLAYER_ID"),
};
const THUMBNAIL_PLAYER_UICONF_ID: FieldSpec = FieldSpec {
    name: "thumbnail_player_uiconf_id",
    label: "Thumbnail-selector player uiconf id",
    kind: FieldKind::Number,
    required: false,
    help: "",
    flag: "thumbnail-player-id",
    env: None,
    legacy: Some("THUMBNAIL_PLAYER_ID"),
};
const ADMIN_SECRET: FieldSpec = FieldSpec {
    name: "admin_secret",
    label: "Admin secret",
    kind: FieldKind::Secret,
    required: true,
    help: "",
    flag: "admin-secret",
    env: Some("KTS_INSTANCE_ADMIN_SECRET"),
    legacy: Some("ADMIN_SECRET"),
};
const USER_SECRET: FieldSpec = FieldSpec {
    name: "user_secret",
    label: "User secret",
    kind: FieldKind::Secret,
    required: false,
    help: "",
    flag: "user-secret",
    env: Some("KTS_INSTANCE_USER_SECRET"),
    legacy: Some("SECRET"),
};
const USER_ID: FieldSpec = FieldSpec {
    name: "user_id",
    label: "User name or e-mail (put in sessions)",
    kind: FieldKind::Text,
    required: true,
    help: "",
    flag: "user-id",
    env: None,
    legacy: Some("USER_NAME"),
};
const MOBILE_FLAVOR_ID: FieldSpec = FieldSpec {
    name: "mobile_flavor_id",
    label: "Mobile flavor id",
    kind: FieldKind::Number,
    required: false,
    help: "",
    flag: "mobile-flavor-id",
    env: None,
    legacy: Some("MOBILE_PLAYER_FLAVOR"),
};
const KS_VERSION: FieldSpec = FieldSpec {
    name: "ks_version",
    label: "KS version",
    kind: FieldKind::Choice(&[
        ("v2", "v2 (current accounts)"),
        ("v1", "v1 (old accounts that take only v1)"),
    ]),
    required: true,
    help: "The format of the sessions KTS builds. Kaltura decides per partner; \
           v1 only for old partners that refuse v2.",
    flag: "ks-version",
    env: None,
    // Not one of the old service's variables: optional, v2 when absent.
    legacy: Some("KS_VERSION"),
};

impl KalturaAccount {
    /// Every field, in form order.
    pub const FIELDS: &'static [FieldSpec] = &[
        SERVICE_URL,
        PARTNER_ID,
        PLAYER_UICONF_ID,
        THUMBNAIL_PLAYER_UICONF_ID,
        ADMIN_SECRET,
        USER_SECRET,
        USER_ID,
        MOBILE_FLAVOR_ID,
        KS_VERSION,
        COMPRESSION,
    ];

    fn parse(read: &mut FieldReader<'_>) -> Option<KalturaAccount> {
        let service_url = read.text(&SERVICE_URL).flatten().and_then(|text| {
            normalize_service_url(&text)
                .map_err(|e| read_error(read, &SERVICE_URL, e))
                .ok()
        });
        let partner_id = read.number(&PARTNER_ID).flatten();
        let player_uiconf_id = read.number(&PLAYER_UICONF_ID);
        let thumbnail_player_uiconf_id = read.number(&THUMBNAIL_PLAYER_UICONF_ID);
        let admin_secret = read.secret(&ADMIN_SECRET).flatten();
        let user_secret = read.secret(&USER_SECRET);
        let user_id = read.text(&USER_ID).flatten();
        let mobile_flavor_id = read.number(&MOBILE_FLAVOR_ID);
        let ks_version = read
            .choice(&KS_VERSION)
            .and_then(|v| parse_ks_version(v).ok());
        let compression = read.choice(&COMPRESSION).map(Compression::from_choice);
        Some(KalturaAccount {
            service_url: service_url?,
            partner_id: partner_id?,
            player_uiconf_id: player_uiconf_id?,
            thumbnail_player_uiconf_id: thumbnail_player_uiconf_id?,
            admin_secret: admin_secret?,
            user_secret: user_secret?,
            user_id: user_id?,
            mobile_flavor_id: mobile_flavor_id?,
            ks_version: ks_version?,
            compression: compression?,
        })
    }

    fn values(&self) -> FieldValues {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        FieldValues::new()
            .with(SERVICE_URL.name, self.service_url_text())
            .with(PARTNER_ID.name, self.partner_id)
            .with(PLAYER_UICONF_ID.name, number(self.player_uiconf_id))
            .with(
                THUMBNAIL_PLAYER_UICONF_ID.name,
                number(self.thumbnail_player_uiconf_id),
            )
            .with(ADMIN_SECRET.name, self.admin_secret.expose())
            .with(
                USER_SECRET.name,
                self.user_secret.as_ref().map_or("", Secret::expose),
            )
            .with(USER_ID.name, &self.user_id)
            .with(MOBILE_FLAVOR_ID.name, number(self.mobile_flavor_id))
            .with(KS_VERSION.name, ks_version_name(self.ks_version))
            .with(COMPRESSION.name, self.compression.as_str())
    }

    /// The service URL without a trailing `/`, as stored and shown.
    pub fn service_url_text(&self) -> &str {
        self.service_url.as_str().trim_end_matches('/')
    }
}

fn read_error(read: &mut FieldReader<'_>, spec: &FieldSpec, error: StoreError) {
    let reason = match error {
        StoreError::InvalidField { reason, .. } => reason,
        other => other.to_string(),
    };
    read.note(spec, reason);
}

/// Whether `name` is a secret field of any platform (for masking).
fn is_secret_field(name: &str) -> bool {
    PlatformKind::ALL
        .into_iter()
        .flat_map(Account::fields)
        .any(|spec| spec.name == name && spec.is_secret())
}

impl fmt::Debug for FieldValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.iter() {
            if is_secret_field(name) {
                map.entry(&name, &"***");
            } else {
                map.entry(&name, &value);
            }
        }
        map.finish()
    }
}

/// An instance as the validator accepts it: its name and account.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidInstance {
    /// Display name.
    pub name: String,
    /// The platform account.
    pub account: Account,
}

/// The one validator of an instance's fields: `values` holds `name`, an
/// optional `platform` (`kaltura` when absent) and the platform account's
/// fields. Fails with every problem at once, each naming its field; a name
/// that is no field of the platform is one of them.
pub fn validate_instance(values: &FieldValues) -> Result<ValidInstance, FieldErrors> {
    let mut errors = FieldErrors::default();
    let platform = match values.get("platform").map(str::trim) {
        None | Some("") => Some(PlatformKind::Kaltura),
        Some(text) => text
            .parse::<PlatformKind>()
            .inspect_err(|e| errors.add("platform", e.to_string()))
            .ok(),
    };
    let fields = platform.map(Account::fields).unwrap_or_default();
    for (name, _) in values.iter() {
        if name != "platform" && name != NAME.name && !fields.iter().any(|f| f.name == name) {
            errors.add(name, "is not a field of this platform's instances");
        }
    }
    let mut read = FieldReader::new(values, &mut errors);
    let name = read.text(&NAME).flatten();
    let account = platform.and_then(|platform| Account::parse(platform, &mut read));
    match (name, account) {
        (Some(name), Some(account)) if errors.is_empty() => Ok(ValidInstance { name, account }),
        _ => Err(errors),
    }
}

/// The stored and displayed name of a KS version: `v1` or `v2`.
pub fn ks_version_name(version: KsVersion) -> &'static str {
    match version {
        KsVersion::V1 => "v1",
        KsVersion::V2 => "v2",
    }
}

/// Reads `v1` or `v2` (case and surrounding blanks ignored).
pub(super) fn parse_ks_version(text: &str) -> Result<KsVersion, StoreError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "v1" => Ok(KsVersion::V1),
        "v2" => Ok(KsVersion::V2),
        _ => Err(StoreError::InvalidField {
            field: "ks_version",
            reason: "must be v1 or v2".into(),
        }),
    }
}

/// Reads `www.kaltura.com`, `http://host` or `https://host/base/` into a
/// service URL; a bare host means https (the old service used http).
pub(super) fn normalize_service_url(text: &str) -> Result<Url, StoreError> {
    let invalid = |reason: &str| StoreError::InvalidField {
        field: "service_url",
        reason: reason.to_owned(),
    };
    let text = text.trim().trim_end_matches('/');
    if text.is_empty() || text.len() > super::fields::MAX_FIELD_LEN {
        return Err(invalid(
            "must be a server name or URL of at most 256 characters",
        ));
    }
    let full = if text.contains("://") {
        text.to_owned()
    } else {
        format!("https://{text}")
    };
    let url = Url::parse(&full).map_err(|e| invalid(&format!("is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(invalid("must be an http:// or https:// URL with a host"));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(invalid("must not hold credentials, a query or a fragment"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> FieldValues {
        FieldValues::new()
            .with("name", "Museum")
            .with("service_url", "www.kaltura.com")
            .with("partner_id", "1234")
            .with("admin_secret", "admin-secret-value")
            .with("user_id", "editor@example.org")
    }

    #[test]
    fn a_complete_kaltura_instance_is_valid_with_defaults_for_the_rest() {
        let valid = validate_instance(&complete()).unwrap();
        assert_eq!(valid.name, "Museum");
        let Account::Kaltura(account) = valid.account else {
            panic!("not a Kaltura account");
        };
        assert_eq!(account.service_url.as_str(), "https://www.kaltura.com/");
        assert_eq!(account.partner_id, 1234);
        assert_eq!(account.player_uiconf_id, None);
        assert_eq!(account.user_secret, None);
        assert_eq!(account.ks_version, KsVersion::V2, "the first choice");
    }

    #[test]
    fn every_bad_field_is_reported_at_once_by_name() {
        let values = FieldValues::new()
            .with("service_url", "ftp://host")
            .with("partner_id", "-3")
            .with("player_uiconf_id", "abc")
            .with("ks_version", "v3")
            .with("colour", "blue");
        let errors = validate_instance(&values).unwrap_err();
        for field in [
            "name",
            "service_url",
            "partner_id",
            "player_uiconf_id",
            "admin_secret",
            "user_id",
            "ks_version",
            "colour",
        ] {
            assert!(errors.of(field).is_some(), "{field} has no error: {errors}");
        }
        assert_eq!(errors.of("ks_version"), Some("must be v1 or v2"));
        assert!(errors.of("mobile_flavor_id").is_none());
        assert!(errors.of("user_secret").is_none(), "optional");
    }

    #[test]
    fn an_unknown_platform_is_refused_by_name() {
        let errors = validate_instance(&complete().with("platform", "vimeo")).unwrap_err();
        assert!(errors.of("platform").is_some(), "{errors}");
    }

    #[test]
    fn shown_values_leave_secrets_out_and_secrets_display_masked() {
        let valid = validate_instance(&complete()).unwrap();
        let shown = valid.account.shown_values();
        assert_eq!(shown.get("partner_id"), Some("1234"));
        assert_eq!(shown.get("service_url"), Some("https://www.kaltura.com"));
        assert_eq!(shown.get("admin_secret"), None);
        let masked = valid.account.secret("admin_secret").unwrap().to_string();
        assert_eq!(masked, "••••alue");
    }

    #[test]
    fn values_read_back_into_the_same_account() {
        let valid = validate_instance(&complete().with("ks_version", "V1")).unwrap();
        let again = validate_instance(&valid.account.values().with("name", "Museum")).unwrap();
        assert_eq!(again, valid);
    }

    #[test]
    fn debug_of_field_values_masks_secrets() {
        let values = FieldValues::new()
            .with("name", "Museum")
            .with("admin_secret", "hunter2-hunter2");
        let shown = format!("{values:?}");
        assert!(shown.contains("Museum"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn service_url_defaults_to_https_and_keeps_full_urls() {
        assert_eq!(
            normalize_service_url("www.kaltura.com").unwrap().as_str(),
            "https://www.kaltura.com/"
        );
        assert_eq!(
            normalize_service_url("http://127.0.0.1:8080/")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:8080/"
        );
        assert!(normalize_service_url("ftp://x").is_err());
        assert!(normalize_service_url("").is_err());
        assert!(normalize_service_url("https://u:p@host").is_err());
    }

    #[test]
    fn ks_versions_read_as_v1_or_v2_only() {
        assert_eq!(parse_ks_version(" V1 ").unwrap(), KsVersion::V1);
        assert_eq!(parse_ks_version("v2").unwrap(), KsVersion::V2);
        assert!(matches!(
            parse_ks_version("3"),
            Err(StoreError::InvalidField {
                field: "ks_version",
                ..
            })
        ));
        for version in [KsVersion::V1, KsVersion::V2] {
            assert_eq!(parse_ks_version(ks_version_name(version)).unwrap(), version);
        }
    }
}
