//! The `instances` table: one row per configured Kaltura account.
//!
//! Fields follow the old admin (kts-legacy-api.md, "Admin"): `KALTURA_NAME`,
//! `KALTURA_PATH`, `PARTNER_ID`, `PLAYER_ID`, `THUMBNAIL_PLAYER_ID`,
//! `ADMIN_SECRET`, `SECRET`, `USER_NAME`, `MOBILE_PLAYER_FLAVOR`, plus the KS
//! version of the sessions KTS builds (`KS_VERSION`, new). The two
//! secrets are encrypted before they reach SQL and decrypted only by
//! [`Store::instance`].

use kaltura::KsVersion;
use secrecy::{ExposeSecret, SecretString};
use sqlx::Row;
use sqlx::any::AnyRow;
use url::Url;

use super::{Store, StoreError, now};
use crate::ids::InstanceId;

/// Longest accepted text field (names, user ids, secrets).
const MAX_FIELD_LEN: usize = 256;

/// A Kaltura account as KTS needs it to make calls, secrets included.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The small integer clients name it by.
    pub id: InstanceId,
    /// Display name.
    pub name: String,
    /// Kaltura service URL, e.g. `https://www.kaltura.com` (no trailing slash).
    pub service_url: Url,
    /// Kaltura partner id.
    pub partner_id: i64,
    /// uiconf id of the player (`PLAYER_ID`).
    pub player_uiconf_id: Option<i64>,
    /// uiconf id of the thumbnail-selector player (`THUMBNAIL_PLAYER_ID`).
    pub thumbnail_player_uiconf_id: Option<i64>,
    /// Admin secret (`ADMIN_SECRET`).
    pub admin_secret: SecretString,
    /// User secret (`SECRET`).
    pub user_secret: Option<SecretString>,
    /// User id put in sessions (`USER_NAME`).
    pub user_id: String,
    /// Flavor params id of the mobile flavor (`MOBILE_PLAYER_FLAVOR`).
    pub mobile_flavor_id: Option<i64>,
    /// Version of the sessions KTS builds: v2, or v1 for old accounts whose
    /// partner takes only v1 (kaltura-api-v3.md 5.6).
    pub ks_version: KsVersion,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
    /// Unix seconds of the last successful Kaltura call, if any.
    pub last_success_at: Option<i64>,
}

/// An instance without its secrets, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceSummary {
    /// See [`Instance::id`].
    pub id: InstanceId,
    /// See [`Instance::name`].
    pub name: String,
    /// See [`Instance::service_url`].
    pub service_url: String,
    /// See [`Instance::partner_id`].
    pub partner_id: i64,
    /// See [`Instance::player_uiconf_id`].
    pub player_uiconf_id: Option<i64>,
    /// See [`Instance::thumbnail_player_uiconf_id`].
    pub thumbnail_player_uiconf_id: Option<i64>,
    /// See [`Instance::user_id`].
    pub user_id: String,
    /// See [`Instance::mobile_flavor_id`].
    pub mobile_flavor_id: Option<i64>,
    /// See [`Instance::ks_version`].
    pub ks_version: KsVersion,
    /// Whether a user secret is stored.
    pub has_user_secret: bool,
    /// See [`Instance::last_success_at`].
    pub last_success_at: Option<i64>,
}

/// What is needed to add an instance.
#[derive(Debug, Clone)]
pub struct NewInstance {
    /// The id to use; `None` takes the next free one.
    pub id: Option<InstanceId>,
    /// Display name.
    pub name: String,
    /// Server name (`www.kaltura.com`, read as https) or full http(s) URL.
    pub service_url: String,
    /// Kaltura partner id.
    pub partner_id: i64,
    /// See [`Instance::player_uiconf_id`].
    pub player_uiconf_id: Option<i64>,
    /// See [`Instance::thumbnail_player_uiconf_id`].
    pub thumbnail_player_uiconf_id: Option<i64>,
    /// Admin secret.
    pub admin_secret: SecretString,
    /// User secret.
    pub user_secret: Option<SecretString>,
    /// User id put in sessions.
    pub user_id: String,
    /// See [`Instance::mobile_flavor_id`].
    pub mobile_flavor_id: Option<i64>,
    /// See [`Instance::ks_version`].
    pub ks_version: KsVersion,
}

/// Changes to an instance; `None` keeps a field, `Some(None)` clears an
/// optional one.
#[derive(Debug, Clone, Default)]
pub struct InstanceUpdate {
    /// New display name.
    pub name: Option<String>,
    /// New server or URL.
    pub service_url: Option<String>,
    /// New partner id.
    pub partner_id: Option<i64>,
    /// New player uiconf id.
    pub player_uiconf_id: Option<Option<i64>>,
    /// New thumbnail player uiconf id.
    pub thumbnail_player_uiconf_id: Option<Option<i64>>,
    /// New admin secret.
    pub admin_secret: Option<SecretString>,
    /// New user secret.
    pub user_secret: Option<Option<SecretString>>,
    /// New user id.
    pub user_id: Option<String>,
    /// New mobile flavor id.
    pub mobile_flavor_id: Option<Option<i64>>,
    /// New KS version.
    pub ks_version: Option<KsVersion>,
}

/// The stored and displayed name of a KS version: `v1` or `v2`.
pub fn ks_version_name(version: KsVersion) -> &'static str {
    match version {
        KsVersion::V1 => "v1",
        KsVersion::V2 => "v2",
    }
}

/// Reads `v1` or `v2` (case and surrounding blanks ignored).
pub fn parse_ks_version(text: &str) -> Result<KsVersion, StoreError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "v1" => Ok(KsVersion::V1),
        "v2" => Ok(KsVersion::V2),
        _ => Err(StoreError::InvalidField {
            field: "ks_version",
            reason: "must be v1 or v2".into(),
        }),
    }
}

/// Reads the `ks_version` column.
fn row_ks_version(row: &AnyRow) -> Result<KsVersion, StoreError> {
    let text: String = row.try_get("ks_version")?;
    parse_ks_version(&text)
        .map_err(|_| StoreError::CorruptRow(format!("KS version {text:?} is neither v1 nor v2")))
}

/// Reads `www.kaltura.com`, `http://host` or `https://host/base/` into a
/// service URL; a bare host means https (the old service used http).
pub fn normalize_service_url(text: &str) -> Result<Url, StoreError> {
    let invalid = |reason: &str| StoreError::InvalidField {
        field: "service_url",
        reason: reason.to_owned(),
    };
    let text = text.trim().trim_end_matches('/');
    if text.is_empty() || text.len() > MAX_FIELD_LEN {
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

fn check_text(field: &'static str, value: &str, required: bool) -> Result<(), StoreError> {
    let reason = if required && value.trim().is_empty() {
        "is required"
    } else if value.len() > MAX_FIELD_LEN {
        "is longer than 256 characters"
    } else if value.chars().any(char::is_control) {
        "holds control characters"
    } else {
        return Ok(());
    };
    Err(StoreError::InvalidField {
        field,
        reason: reason.into(),
    })
}

fn check_number(field: &'static str, value: Option<i64>) -> Result<(), StoreError> {
    match value {
        Some(n) if n < 0 => Err(StoreError::InvalidField {
            field,
            reason: "must not be negative".into(),
        }),
        _ => Ok(()),
    }
}

/// The fields of a row to write, validated.
struct ValidRow<'a> {
    name: &'a str,
    service_url: Url,
    partner_id: i64,
    player_uiconf_id: Option<i64>,
    thumbnail_player_uiconf_id: Option<i64>,
    admin_secret: &'a str,
    user_secret: Option<&'a str>,
    user_id: &'a str,
    mobile_flavor_id: Option<i64>,
    ks_version: KsVersion,
}

impl ValidRow<'_> {
    fn check(&self) -> Result<(), StoreError> {
        check_text("name", self.name, true)?;
        check_text("user_id", self.user_id, true)?;
        check_text("admin_secret", self.admin_secret, true)?;
        if let Some(secret) = self.user_secret {
            check_text("user_secret", secret, false)?;
        }
        check_number("partner_id", Some(self.partner_id))?;
        check_number("player_uiconf_id", self.player_uiconf_id)?;
        check_number(
            "thumbnail_player_uiconf_id",
            self.thumbnail_player_uiconf_id,
        )?;
        check_number("mobile_flavor_id", self.mobile_flavor_id)?;
        Ok(())
    }
}

/// The columns every query reads, as a literal so queries stay `&'static str`.
macro_rules! instance_columns {
    () => {
        "id, name, service_url, partner_id, player_uiconf_id, \
     thumbnail_player_uiconf_id, admin_secret, user_secret, user_id, mobile_flavor_id, \
     ks_version, created_at, updated_at, last_success_at"
    };
}

fn row_id(row: &AnyRow) -> Result<InstanceId, StoreError> {
    let raw: i64 = row.try_get("id")?;
    u32::try_from(raw)
        .ok()
        .and_then(|n| InstanceId::new(n).ok())
        .ok_or_else(|| StoreError::CorruptRow(format!("instance id {raw} is out of range")))
}

impl Store {
    /// Adds an instance; its id is the one asked for, or the next free one.
    ///
    /// Fails with [`StoreError::InstanceExists`] when the id is taken.
    pub async fn add_instance(&self, new: &NewInstance) -> Result<InstanceId, StoreError> {
        let row = ValidRow {
            name: new.name.trim(),
            service_url: normalize_service_url(&new.service_url)?,
            partner_id: new.partner_id,
            player_uiconf_id: new.player_uiconf_id,
            thumbnail_player_uiconf_id: new.thumbnail_player_uiconf_id,
            admin_secret: new.admin_secret.expose_secret(),
            user_secret: new.user_secret.as_ref().map(|s| s.expose_secret()),
            user_id: new.user_id.trim(),
            mobile_flavor_id: new.mobile_flavor_id,
            ks_version: new.ks_version,
        };
        row.check()?;
        let id = match new.id {
            Some(id) => id,
            None => self.next_free_instance_id().await?,
        };
        if self.instance_exists(id).await? {
            return Err(StoreError::InstanceExists(id));
        }
        let now = now();
        let result = sqlx::query(
            "INSERT INTO instances (id, name, service_url, partner_id, player_uiconf_id, \
             thumbnail_player_uiconf_id, admin_secret, user_secret, user_id, mobile_flavor_id, \
             ks_version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
        )
        .bind(i64::from(id.get()))
        .bind(row.name)
        .bind(row.service_url.as_str().trim_end_matches('/'))
        .bind(row.partner_id)
        .bind(row.player_uiconf_id)
        .bind(row.thumbnail_player_uiconf_id)
        .bind(self.cipher.encrypt(id, "admin_secret", row.admin_secret))
        .bind(
            row.user_secret
                .map(|s| self.cipher.encrypt(id, "user_secret", s)),
        )
        .bind(row.user_id)
        .bind(row.mobile_flavor_id)
        .bind(ks_version_name(row.ks_version))
        .bind(now)
        .execute(&self.pool)
        .await;
        match result {
            Ok(_) => Ok(id),
            // Two adds racing for the same id: the loser learns it here.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(StoreError::InstanceExists(id))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn next_free_instance_id(&self) -> Result<InstanceId, StoreError> {
        let row = sqlx::query("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM instances")
            .fetch_one(&self.pool)
            .await?;
        let next: i64 = row.try_get("next")?;
        u32::try_from(next)
            .ok()
            .and_then(|n| InstanceId::new(n).ok())
            .ok_or_else(|| {
                StoreError::CorruptRow(format!("next instance id {next} is out of range"))
            })
    }

    /// Whether an instance with this id exists.
    pub async fn instance_exists(&self, id: InstanceId) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM instances WHERE id = $1")
            .bind(i64::from(id.get()))
            .fetch_one(&self.pool)
            .await?;
        let n: i64 = row.try_get("n")?;
        Ok(n > 0)
    }

    /// How many instances exist.
    pub async fn count_instances(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM instances")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// One instance with its secrets decrypted, or `None`.
    pub async fn instance(&self, id: InstanceId) -> Result<Option<Instance>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            instance_columns!(),
            " FROM instances WHERE id = $1"
        ))
        .bind(i64::from(id.get()))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| self.decode_instance(&row)).transpose()
    }

    fn decode_instance(&self, row: &AnyRow) -> Result<Instance, StoreError> {
        let id = row_id(row)?;
        let service_url: String = row.try_get("service_url")?;
        let service_url = normalize_service_url(&service_url)
            .map_err(|_| StoreError::CorruptRow(format!("service URL of instance {id}")))?;
        let admin_secret: String = row.try_get("admin_secret")?;
        let user_secret: Option<String> = row.try_get("user_secret")?;
        Ok(Instance {
            id,
            name: row.try_get("name")?,
            service_url,
            partner_id: row.try_get("partner_id")?,
            player_uiconf_id: row.try_get("player_uiconf_id")?,
            thumbnail_player_uiconf_id: row.try_get("thumbnail_player_uiconf_id")?,
            admin_secret: SecretString::from(self.cipher.decrypt(
                id,
                "admin_secret",
                &admin_secret,
            )?),
            user_secret: user_secret
                .map(|s| self.cipher.decrypt(id, "user_secret", &s))
                .transpose()?
                .map(SecretString::from),
            user_id: row.try_get("user_id")?,
            mobile_flavor_id: row.try_get("mobile_flavor_id")?,
            ks_version: row_ks_version(row)?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            last_success_at: row.try_get("last_success_at")?,
        })
    }

    /// Every instance, without secrets, by id.
    pub async fn list_instances(&self) -> Result<Vec<InstanceSummary>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            instance_columns!(),
            " FROM instances ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let user_secret: Option<String> = row.try_get("user_secret")?;
                Ok(InstanceSummary {
                    id: row_id(row)?,
                    name: row.try_get("name")?,
                    service_url: row.try_get("service_url")?,
                    partner_id: row.try_get("partner_id")?,
                    player_uiconf_id: row.try_get("player_uiconf_id")?,
                    thumbnail_player_uiconf_id: row.try_get("thumbnail_player_uiconf_id")?,
                    user_id: row.try_get("user_id")?,
                    mobile_flavor_id: row.try_get("mobile_flavor_id")?,
                    ks_version: row_ks_version(row)?,
                    has_user_secret: user_secret.is_some(),
                    last_success_at: row.try_get("last_success_at")?,
                })
            })
            .collect()
    }

    /// Applies `update`; `Ok(false)` when the instance does not exist.
    pub async fn update_instance(
        &self,
        id: InstanceId,
        update: InstanceUpdate,
    ) -> Result<bool, StoreError> {
        let Some(current) = self.instance(id).await? else {
            return Ok(false);
        };
        let service_url = match &update.service_url {
            Some(text) => normalize_service_url(text)?,
            None => current.service_url.clone(),
        };
        let name = update.name.unwrap_or(current.name);
        let user_id = update.user_id.unwrap_or(current.user_id);
        let admin_secret = update.admin_secret.unwrap_or(current.admin_secret);
        let user_secret = update.user_secret.unwrap_or(current.user_secret);
        let row = ValidRow {
            name: name.trim(),
            service_url,
            partner_id: update.partner_id.unwrap_or(current.partner_id),
            player_uiconf_id: update.player_uiconf_id.unwrap_or(current.player_uiconf_id),
            thumbnail_player_uiconf_id: update
                .thumbnail_player_uiconf_id
                .unwrap_or(current.thumbnail_player_uiconf_id),
            admin_secret: admin_secret.expose_secret(),
            user_secret: user_secret.as_ref().map(|s| s.expose_secret()),
            user_id: user_id.trim(),
            mobile_flavor_id: update.mobile_flavor_id.unwrap_or(current.mobile_flavor_id),
            ks_version: update.ks_version.unwrap_or(current.ks_version),
        };
        row.check()?;
        let result = sqlx::query(
            "UPDATE instances SET name = $2, service_url = $3, partner_id = $4, \
             player_uiconf_id = $5, thumbnail_player_uiconf_id = $6, admin_secret = $7, \
             user_secret = $8, user_id = $9, mobile_flavor_id = $10, ks_version = $11, \
             updated_at = $12 \
             WHERE id = $1",
        )
        .bind(i64::from(id.get()))
        .bind(row.name)
        .bind(row.service_url.as_str().trim_end_matches('/'))
        .bind(row.partner_id)
        .bind(row.player_uiconf_id)
        .bind(row.thumbnail_player_uiconf_id)
        .bind(self.cipher.encrypt(id, "admin_secret", row.admin_secret))
        .bind(
            row.user_secret
                .map(|s| self.cipher.encrypt(id, "user_secret", s)),
        )
        .bind(row.user_id)
        .bind(row.mobile_flavor_id)
        .bind(ks_version_name(row.ks_version))
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    /// Removes an instance; `Ok(false)` when it did not exist.
    pub async fn remove_instance(&self, id: InstanceId) -> Result<bool, StoreError> {
        let result = sqlx::query("DELETE FROM instances WHERE id = $1")
            .bind(i64::from(id.get()))
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() > 0)
    }

    /// Notes that a Kaltura call of this instance just succeeded.
    pub async fn record_instance_success(&self, id: InstanceId) -> Result<(), StoreError> {
        sqlx::query("UPDATE instances SET last_success_at = $2 WHERE id = $1")
            .bind(i64::from(id.get()))
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Adds `instances` when the table is empty (first start); returns how
    /// many were added. A store that already has instances is left alone, so
    /// the old `KALTURA_INSTANCES` variables never overwrite admin changes.
    pub async fn seed_instances(&self, instances: &[NewInstance]) -> Result<usize, StoreError> {
        if instances.is_empty() || self.count_instances().await? > 0 {
            return Ok(0);
        }
        for instance in instances {
            self.add_instance(instance).await?;
        }
        Ok(instances.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{self, TestStore};

    fn sample(id: Option<u32>) -> NewInstance {
        NewInstance {
            id: id.map(|n| InstanceId::new(n).unwrap()),
            name: "Museum".into(),
            service_url: "www.kaltura.com".into(),
            partner_id: 1234,
            player_uiconf_id: Some(111),
            thumbnail_player_uiconf_id: None,
            admin_secret: SecretString::from("admin-secret-value"),
            user_secret: Some(SecretString::from("user-secret-value")),
            user_id: "editor@example.org".into(),
            mobile_flavor_id: None,
            ks_version: KsVersion::V2,
        }
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

    async fn instances_round_trip(test: TestStore) {
        let store = &test.store;
        let first = store.add_instance(&sample(None)).await.unwrap();
        assert_eq!(first.get(), 1);
        let fifth = store.add_instance(&sample(Some(5))).await.unwrap();
        assert_eq!(fifth.get(), 5);
        assert!(matches!(
            store.add_instance(&sample(Some(5))).await,
            Err(StoreError::InstanceExists(_))
        ));
        assert_eq!(store.add_instance(&sample(None)).await.unwrap().get(), 6);

        let loaded = store.instance(fifth).await.unwrap().unwrap();
        assert_eq!(loaded.admin_secret.expose_secret(), "admin-secret-value");
        assert_eq!(loaded.service_url.as_str(), "https://www.kaltura.com/");
        assert_eq!(loaded.player_uiconf_id, Some(111));

        let update = InstanceUpdate {
            name: Some("Library".into()),
            user_secret: Some(None),
            mobile_flavor_id: Some(Some(42)),
            ..Default::default()
        };
        assert!(store.update_instance(fifth, update).await.unwrap());
        let loaded = store.instance(fifth).await.unwrap().unwrap();
        assert_eq!(loaded.name, "Library");
        assert!(loaded.user_secret.is_none());
        assert_eq!(loaded.mobile_flavor_id, Some(42));
        assert_eq!(loaded.admin_secret.expose_secret(), "admin-secret-value");

        store.record_instance_success(fifth).await.unwrap();
        let list = store.list_instances().await.unwrap();
        assert_eq!(list.len(), 3);
        assert!(list[1].last_success_at.is_some());

        assert!(store.remove_instance(first).await.unwrap());
        assert!(!store.remove_instance(first).await.unwrap());
        assert!(store.instance(first).await.unwrap().is_none());
        test.finish().await;
    }

    #[tokio::test]
    async fn sqlite_instances_round_trip_with_encrypted_secrets() {
        instances_round_trip(test_support::sqlite().await).await;
    }

    #[tokio::test]
    async fn postgres_instances_round_trip_with_encrypted_secrets() {
        instances_round_trip(test_support::postgres().await).await;
    }

    async fn ks_version_round_trips(test: TestStore) {
        let store = &test.store;
        let old = store
            .add_instance(&NewInstance {
                ks_version: KsVersion::V1,
                ..sample(None)
            })
            .await
            .unwrap();
        let current = store.add_instance(&sample(None)).await.unwrap();
        let version = |id| async move { store.instance(id).await.unwrap().unwrap().ks_version };
        assert_eq!(version(old).await, KsVersion::V1);
        assert_eq!(version(current).await, KsVersion::V2);
        let listed: Vec<_> = store
            .list_instances()
            .await
            .unwrap()
            .iter()
            .map(|i| i.ks_version)
            .collect();
        assert_eq!(listed, [KsVersion::V1, KsVersion::V2]);

        // An update that does not name the version keeps it.
        let rename = InstanceUpdate {
            name: Some("Archive".into()),
            ..Default::default()
        };
        assert!(store.update_instance(old, rename).await.unwrap());
        assert_eq!(version(old).await, KsVersion::V1);
        let to_v2 = InstanceUpdate {
            ks_version: Some(KsVersion::V2),
            ..Default::default()
        };
        assert!(store.update_instance(old, to_v2).await.unwrap());
        assert_eq!(version(old).await, KsVersion::V2);
        test.finish().await;
    }

    #[tokio::test]
    async fn sqlite_ks_version_round_trips_and_survives_other_updates() {
        ks_version_round_trips(test_support::sqlite().await).await;
    }

    #[tokio::test]
    async fn postgres_ks_version_round_trips_and_survives_other_updates() {
        ks_version_round_trips(test_support::postgres().await).await;
    }

    async fn rows_that_name_no_ks_version_read_as_v2(test: TestStore) {
        // A row as written before the column existed: the migration gives it
        // the column's default.
        sqlx::query(
            "INSERT INTO instances (id, name, service_url, partner_id, admin_secret, user_id, \
             created_at, updated_at) VALUES (7, 'Old', 'https://www.kaltura.com', 1, 'x', 'u', 0, 0)",
        )
        .execute(&test.store.pool)
        .await
        .unwrap();
        let listed = test.store.list_instances().await.unwrap();
        assert_eq!(listed[0].ks_version, KsVersion::V2);
        test.finish().await;
    }

    #[tokio::test]
    async fn sqlite_rows_that_name_no_ks_version_read_as_v2() {
        rows_that_name_no_ks_version_read_as_v2(test_support::sqlite().await).await;
    }

    #[tokio::test]
    async fn postgres_rows_that_name_no_ks_version_read_as_v2() {
        rows_that_name_no_ks_version_read_as_v2(test_support::postgres().await).await;
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

    #[tokio::test]
    async fn secrets_are_not_stored_in_plain_text() {
        let test = test_support::sqlite().await;
        let id = test.store.add_instance(&sample(None)).await.unwrap();
        let row = sqlx::query("SELECT admin_secret, user_secret FROM instances WHERE id = $1")
            .bind(i64::from(id.get()))
            .fetch_one(&test.store.pool)
            .await
            .unwrap();
        let admin: String = row.try_get("admin_secret").unwrap();
        assert!(!admin.contains("admin-secret-value"));
        test.finish().await;
    }

    #[tokio::test]
    async fn invalid_fields_are_refused_by_name() {
        let test = test_support::sqlite().await;
        let mut bad = sample(None);
        bad.name = " ".into();
        assert!(matches!(
            test.store.add_instance(&bad).await,
            Err(StoreError::InvalidField { field: "name", .. })
        ));
        let mut bad = sample(None);
        bad.partner_id = -1;
        assert!(matches!(
            test.store.add_instance(&bad).await,
            Err(StoreError::InvalidField {
                field: "partner_id",
                ..
            })
        ));
        test.finish().await;
    }

    #[tokio::test]
    async fn seeding_happens_only_into_an_empty_store() {
        let test = test_support::sqlite().await;
        assert_eq!(
            test.store.seed_instances(&[sample(Some(2))]).await.unwrap(),
            1
        );
        assert_eq!(
            test.store.seed_instances(&[sample(Some(3))]).await.unwrap(),
            0
        );
        assert_eq!(test.store.count_instances().await.unwrap(), 1);
        test.finish().await;
    }
}
