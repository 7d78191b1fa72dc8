//! The `instances` table: one row per configured platform account.
//!
//! The common columns (`id`, `name`, `platform`, timestamps) plus one column
//! per field of the platform's account, named as in its field list
//! ([`Account::fields`]), so the queries are built from that list. Secrets
//! are encrypted before they reach SQL (the instance id and field name bound
//! in) and decrypted into [`Secret`](crate::secret::Secret)s, which show
//! only masked.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::account::{Account, ValidInstance, validate_instance};
use super::fields::{FieldKind, FieldSpec, FieldValues};
use super::{Store, StoreError, now};
use crate::ids::InstanceId;
use crate::model::PlatformKind;

/// An instance: its common fields and its platform account, secrets
/// included (masked when displayed).
#[derive(Debug, Clone)]
pub struct Instance {
    /// The small integer clients name it by.
    pub id: InstanceId,
    /// Display name.
    pub name: String,
    /// The account on its platform.
    pub account: Account,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
    /// Unix seconds of the last successful platform call, if any.
    pub last_success_at: Option<i64>,
}

impl Instance {
    /// Which platform the instance is an account of.
    pub fn platform(&self) -> PlatformKind {
        self.account.platform()
    }
}

/// What is needed to add an instance: the id to use (`None` takes the next
/// free one) and its fields as text, checked by
/// [`validate_instance`](super::validate_instance).
#[derive(Debug, Clone, Default)]
pub struct NewInstance {
    /// The id to use; `None` takes the next free one.
    pub id: Option<InstanceId>,
    /// `name`, optionally `platform`, and the account's fields.
    pub fields: FieldValues,
}

/// The columns of every platform's account fields, in a fixed order.
fn account_columns() -> Vec<&'static FieldSpec> {
    let mut specs: Vec<&'static FieldSpec> = Vec::new();
    for platform in PlatformKind::ALL {
        for spec in Account::fields(platform) {
            if !specs.iter().any(|s| s.name == spec.name) {
                specs.push(spec);
            }
        }
    }
    specs
}

fn row_id(row: &AnyRow) -> Result<InstanceId, StoreError> {
    let raw: i64 = row.try_get("id")?;
    u32::try_from(raw)
        .ok()
        .and_then(|n| InstanceId::new(n).ok())
        .ok_or_else(|| StoreError::CorruptRow(format!("instance id {raw} is out of range")))
}

/// One value bound to a column, typed by its field's kind.
enum Column {
    Number(Option<i64>),
    Text(Option<String>),
}

impl Store {
    /// The column values of `valid` for instance `id`, secrets encrypted.
    fn columns(&self, id: InstanceId, valid: &ValidInstance) -> Vec<Column> {
        let values = valid.account.values();
        account_columns()
            .into_iter()
            .map(|spec| {
                let text = values.get(spec.name).filter(|v| !v.is_empty());
                match spec.kind {
                    // Validated: a number field holds digits only.
                    FieldKind::Number => Column::Number(text.and_then(|t| t.parse().ok())),
                    FieldKind::Secret => {
                        Column::Text(text.map(|t| self.cipher.encrypt(id, spec.name, t)))
                    }
                    FieldKind::Text | FieldKind::Choice(_) => Column::Text(text.map(str::to_owned)),
                }
            })
            .collect()
    }

    /// Runs `sql` with `$1` = id, `$2` = name, `$3` = platform, `$4` = now,
    /// then one parameter per account column.
    async fn write_instance(
        &self,
        sql: String,
        id: InstanceId,
        valid: &ValidInstance,
    ) -> Result<u64, sqlx::Error> {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(id.get()))
            .bind(valid.name.clone())
            .bind(valid.account.platform().as_str())
            .bind(now());
        for column in self.columns(id, valid) {
            query = match column {
                Column::Number(n) => query.bind(n),
                Column::Text(t) => query.bind(t),
            };
        }
        Ok(query.execute(&self.pool).await?.rows_affected())
    }

    /// Adds an instance; its id is the one asked for, or the next free one.
    ///
    /// Fails with [`StoreError::InvalidFields`] naming every field at fault,
    /// or [`StoreError::InstanceExists`] when the id is taken.
    pub async fn add_instance(&self, new: &NewInstance) -> Result<InstanceId, StoreError> {
        let valid = validate_instance(&new.fields).map_err(StoreError::InvalidFields)?;
        let id = match new.id {
            Some(id) => id,
            None => self.next_free_instance_id().await?,
        };
        if self.instance_exists(id).await? {
            return Err(StoreError::InstanceExists(id));
        }
        let columns = account_columns();
        let names: Vec<&str> = columns.iter().map(|s| s.name).collect();
        let params: Vec<String> = (0..columns.len()).map(|i| format!("${}", i + 5)).collect();
        let sql = format!(
            "INSERT INTO instances (id, name, platform, created_at, updated_at, {}) \
             VALUES ($1, $2, $3, $4, $4, {})",
            names.join(", "),
            params.join(", ")
        );
        match self.write_instance(sql, id, &valid).await {
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
        let row = sqlx::query("SELECT * FROM instances WHERE id = $1")
            .bind(i64::from(id.get()))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| self.decode_instance(&row)).transpose()
    }

    fn decode_instance(&self, row: &AnyRow) -> Result<Instance, StoreError> {
        let id = row_id(row)?;
        let platform: String = row.try_get("platform")?;
        let platform: PlatformKind = platform
            .parse()
            .map_err(|_| StoreError::CorruptRow(format!("platform of instance {id}")))?;
        let mut values = FieldValues::new()
            .with("name", row.try_get::<String, _>("name")?)
            .with("platform", platform);
        for spec in Account::fields(platform) {
            let text = match spec.kind {
                FieldKind::Number => row
                    .try_get::<Option<i64>, _>(spec.name)?
                    .map(|n| n.to_string()),
                FieldKind::Secret => row
                    .try_get::<Option<String>, _>(spec.name)?
                    .map(|s| self.cipher.decrypt(id, spec.name, &s))
                    .transpose()?,
                FieldKind::Text | FieldKind::Choice(_) => {
                    row.try_get::<Option<String>, _>(spec.name)?
                }
            };
            values.set(spec.name, text.unwrap_or_default());
        }
        let valid = validate_instance(&values)
            .map_err(|errors| StoreError::CorruptRow(format!("instance {id}: {errors}")))?;
        Ok(Instance {
            id,
            name: valid.name,
            account: valid.account,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            last_success_at: row.try_get("last_success_at")?,
        })
    }

    /// Every instance, by id.
    pub async fn list_instances(&self) -> Result<Vec<Instance>, StoreError> {
        let rows = sqlx::query("SELECT * FROM instances ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| self.decode_instance(row)).collect()
    }

    /// Puts `changes` over the stored fields (an empty value clears an
    /// optional field) and saves the result when it validates; `Ok(false)`
    /// when the instance does not exist. Fails with
    /// [`StoreError::InvalidFields`] naming every field at fault.
    ///
    /// Call it through [`Instances::update`](crate::instances::Instances::update),
    /// which also drops the cached connection.
    pub async fn update_instance(
        &self,
        id: InstanceId,
        changes: &FieldValues,
    ) -> Result<bool, StoreError> {
        let Some(current) = self.instance(id).await? else {
            return Ok(false);
        };
        let values = current
            .account
            .values()
            .with("name", &current.name)
            .with("platform", current.platform())
            .overlaid(changes);
        let valid = validate_instance(&values).map_err(StoreError::InvalidFields)?;
        let columns = account_columns();
        let sets: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, spec)| format!("{} = ${}", spec.name, i + 5))
            .collect();
        let sql = format!(
            "UPDATE instances SET name = $2, platform = $3, updated_at = $4, {} WHERE id = $1",
            sets.join(", ")
        );
        Ok(self.write_instance(sql, id, &valid).await? > 0)
    }

    /// Removes an instance; `Ok(false)` when it did not exist.
    pub async fn remove_instance(&self, id: InstanceId) -> Result<bool, StoreError> {
        let result = sqlx::query("DELETE FROM instances WHERE id = $1")
            .bind(i64::from(id.get()))
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() > 0)
    }

    /// Notes that a platform call of this instance just succeeded.
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
    use crate::store::{Compression, KalturaAccount};
    use kaltura::KsVersion;

    fn sample(id: Option<u32>) -> NewInstance {
        NewInstance {
            id: id.map(|n| InstanceId::new(n).unwrap()),
            fields: FieldValues::new()
                .with("name", "Museum")
                .with("service_url", "www.kaltura.com")
                .with("partner_id", 1234)
                .with("player_uiconf_id", 111)
                .with("admin_secret", "admin-secret-value")
                .with("user_secret", "user-secret-value")
                .with("user_id", "editor@example.org")
                .with("ks_version", "v2"),
        }
    }

    fn kaltura(instance: &Instance) -> &KalturaAccount {
        let Account::Kaltura(account) = &instance.account else {
            panic!("not a Kaltura account");
        };
        account
    }

    fn invalid_field(result: Result<InstanceId, StoreError>, field: &str) -> bool {
        matches!(result, Err(StoreError::InvalidFields(errors)) if errors.of(field).is_some())
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
        assert_eq!(kaltura(&loaded).admin_secret.expose(), "admin-secret-value");
        assert_eq!(
            kaltura(&loaded).service_url.as_str(),
            "https://www.kaltura.com/"
        );
        assert_eq!(kaltura(&loaded).player_uiconf_id, Some(111));
        assert_eq!(loaded.platform(), PlatformKind::Kaltura);

        let update = FieldValues::new()
            .with("name", "Library")
            .with("user_secret", "")
            .with("mobile_flavor_id", 42);
        assert!(store.update_instance(fifth, &update).await.unwrap());
        let loaded = store.instance(fifth).await.unwrap().unwrap();
        assert_eq!(loaded.name, "Library");
        assert!(kaltura(&loaded).user_secret.is_none());
        assert_eq!(kaltura(&loaded).mobile_flavor_id, Some(42));
        assert_eq!(kaltura(&loaded).admin_secret.expose(), "admin-secret-value");

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
        let mut old = sample(None);
        old.fields.set("ks_version", "v1");
        let old = store.add_instance(&old).await.unwrap();
        let current = store.add_instance(&sample(None)).await.unwrap();
        let version =
            |id| async move { kaltura(&store.instance(id).await.unwrap().unwrap()).ks_version };
        assert_eq!(version(old).await, KsVersion::V1);
        assert_eq!(version(current).await, KsVersion::V2);
        let listed: Vec<_> = store
            .list_instances()
            .await
            .unwrap()
            .iter()
            .map(|i| kaltura(i).ks_version)
            .collect();
        assert_eq!(listed, [KsVersion::V1, KsVersion::V2]);

        // An update that does not name the version keeps it.
        let rename = FieldValues::new().with("name", "Archive");
        assert!(store.update_instance(old, &rename).await.unwrap());
        assert_eq!(version(old).await, KsVersion::V1);
        let to_v2 = FieldValues::new().with("ks_version", "v2");
        assert!(store.update_instance(old, &to_v2).await.unwrap());
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
        let sealed = test
            .store
            .cipher
            .encrypt(InstanceId::new(7).unwrap(), "admin_secret", "x");
        sqlx::query(
            "INSERT INTO instances (id, name, service_url, partner_id, admin_secret, user_id, \
             created_at, updated_at) VALUES (7, 'Old', 'https://www.kaltura.com', 1, $1, 'u', 0, 0)",
        )
        .bind(sealed)
        .execute(&test.store.pool)
        .await
        .unwrap();
        let listed = test.store.list_instances().await.unwrap();
        assert_eq!(kaltura(&listed[0]).ks_version, KsVersion::V2);
        assert_eq!(kaltura(&listed[0]).compression, Compression::Auto);
        assert_eq!(listed[0].platform(), PlatformKind::Kaltura);
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

    #[tokio::test]
    async fn the_compression_setting_round_trips_and_refuses_other_values() {
        let test = test_support::sqlite().await;
        let store = &test.store;
        let mut off = sample(None);
        off.fields.set("compression", "off");
        let off = store.add_instance(&off).await.unwrap();
        let unnamed = store.add_instance(&sample(None)).await.unwrap();
        let compression =
            |id| async move { kaltura(&store.instance(id).await.unwrap().unwrap()).compression };
        assert_eq!(compression(off).await, Compression::Off);
        assert_eq!(compression(unnamed).await, Compression::Auto);

        let on = FieldValues::new().with("compression", "on");
        assert!(store.update_instance(off, &on).await.unwrap());
        assert_eq!(compression(off).await, Compression::On);

        let mut bad = sample(None);
        bad.fields.set("compression", "zstd");
        assert!(invalid_field(store.add_instance(&bad).await, "compression"));
        test.finish().await;
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
        bad.fields.set("name", " ");
        assert!(invalid_field(test.store.add_instance(&bad).await, "name"));
        let mut bad = sample(None);
        bad.fields.set("partner_id", -1);
        assert!(invalid_field(
            test.store.add_instance(&bad).await,
            "partner_id"
        ));
        test.finish().await;
    }

    #[tokio::test]
    async fn an_update_is_refused_with_every_bad_field_and_changes_nothing() {
        let test = test_support::sqlite().await;
        let id = test.store.add_instance(&sample(None)).await.unwrap();
        let bad = FieldValues::new()
            .with("name", "")
            .with("partner_id", "many")
            .with("ks_version", "v9");
        let Err(StoreError::InvalidFields(errors)) = test.store.update_instance(id, &bad).await
        else {
            panic!("the update was not refused");
        };
        for field in ["name", "partner_id", "ks_version"] {
            assert!(errors.of(field).is_some(), "{field}: {errors}");
        }
        let loaded = test.store.instance(id).await.unwrap().unwrap();
        assert_eq!(loaded.name, "Museum");
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
