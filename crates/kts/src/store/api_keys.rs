//! The `api_keys` table: revocable keys, scoped read or write, that clients
//! send to call `/service/*`.
//!
//! Only a SHA-256 hash of each key is stored: keys are 256 random bits, so a
//! fast hash is enough (no password-style stretching needed), and a leaked
//! table reveals no usable key. The key itself is shown once, at creation.

use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Store, StoreError, now};
use crate::secret::random_token;

/// Prefix of every key, so a leaked key is recognisable in logs and scanners.
const KEY_PREFIX: &str = "kts_";
/// Longest accepted key text; real keys are 47 characters.
const MAX_KEY_LEN: usize = 128;
/// `last_used_at` is refreshed at most this often, sparing a write per call.
const LAST_USED_GRANULARITY_SECS: i64 = 60;

/// What a key allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Calls that only read.
    Read,
    /// Every call, including uploads and deletions.
    Write,
}

impl Scope {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    /// Whether a key of this scope may make a call that needs `required`.
    pub fn allows(self, required: Scope) -> bool {
        self >= required
    }
}

impl std::str::FromStr for Scope {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "read" => Ok(Scope::Read),
            "write" => Ok(Scope::Write),
            other => Err(format!("unknown scope {other:?} (read or write)")),
        }
    }
}

/// A stored key, without the key itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    /// Row id, used to revoke.
    pub id: i64,
    /// Who the key is for.
    pub name: String,
    /// What it allows.
    pub scope: Scope,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, to the minute.
    pub last_used_at: Option<i64>,
    /// Unix seconds; a revoked key is refused.
    pub revoked_at: Option<i64>,
}

/// A key just created: the only time its text exists outside the client.
#[derive(Debug)]
pub struct CreatedApiKey {
    /// The stored record.
    pub record: ApiKeyRecord,
    /// The key to hand to the client.
    pub key: secrecy::SecretString,
}

fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

fn decode_record(row: &AnyRow) -> Result<ApiKeyRecord, StoreError> {
    let scope: String = row.try_get("scope")?;
    Ok(ApiKeyRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        scope: scope.parse().map_err(StoreError::CorruptRow)?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

/// The columns every query reads, as a literal so queries stay `&'static str`.
macro_rules! key_columns {
    () => {
        "id, name, scope, created_at, last_used_at, revoked_at"
    };
}

impl Store {
    /// Creates a key named `name`; the returned key text is not stored.
    pub async fn create_api_key(
        &self,
        name: &str,
        scope: Scope,
    ) -> Result<CreatedApiKey, StoreError> {
        let name = name.trim();
        if name.is_empty() || name.len() > 128 || name.chars().any(char::is_control) {
            return Err(StoreError::InvalidField {
                field: "api key name",
                reason: "must be 1 to 128 printable characters".into(),
            });
        }
        let key = format!("{KEY_PREFIX}{}", random_token(32));
        let row = sqlx::query(concat!(
            "INSERT INTO api_keys (name, scope, key_hash, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING ",
            key_columns!()
        ))
        .bind(name)
        .bind(scope.as_str())
        .bind(hash_key(&key))
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(CreatedApiKey {
            record: decode_record(&row)?,
            key: key.into(),
        })
    }

    /// Every key, newest first, revoked ones included.
    pub async fn list_api_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            key_columns!(),
            " FROM api_keys ORDER BY id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decode_record).collect()
    }

    /// Revokes a key; `Ok(false)` when no such key is active.
    pub async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError> {
        let result =
            sqlx::query("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .bind(id)
                .bind(now())
                .execute(&self.pool)
                .await?;
        Ok(result.rows_affected() > 0)
    }

    /// The active key matching `key`, or `None`; notes its use.
    pub async fn verify_api_key(&self, key: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
        if !key.starts_with(KEY_PREFIX) || key.len() > MAX_KEY_LEN {
            return Ok(None);
        }
        let row = sqlx::query(concat!(
            "SELECT ",
            key_columns!(),
            " FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL"
        ))
        .bind(hash_key(key))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let record = decode_record(&row)?;
        let now = now();
        let stale = record
            .last_used_at
            .is_none_or(|t| now - t >= LAST_USED_GRANULARITY_SECS);
        if stale {
            sqlx::query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1")
                .bind(record.id)
                .bind(now)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{self, TestStore};
    use secrecy::ExposeSecret;

    #[test]
    fn write_scope_includes_read() {
        assert!(Scope::Write.allows(Scope::Read));
        assert!(Scope::Write.allows(Scope::Write));
        assert!(Scope::Read.allows(Scope::Read));
        assert!(!Scope::Read.allows(Scope::Write));
    }

    async fn keys_round_trip(test: TestStore) {
        let store = &test.store;
        let created = store
            .create_api_key("museum site", Scope::Write)
            .await
            .unwrap();
        let key = created.key.expose_secret().to_owned();
        assert!(key.starts_with("kts_"));
        let found = store.verify_api_key(&key).await.unwrap().unwrap();
        assert_eq!(found.id, created.record.id);
        assert_eq!(found.scope, Scope::Write);
        assert!(
            store.list_api_keys().await.unwrap()[0]
                .last_used_at
                .is_some()
        );

        assert!(store.verify_api_key("kts_wrong").await.unwrap().is_none());
        assert!(store.verify_api_key("nonsense").await.unwrap().is_none());

        assert!(store.revoke_api_key(created.record.id).await.unwrap());
        assert!(!store.revoke_api_key(created.record.id).await.unwrap());
        assert!(store.verify_api_key(&key).await.unwrap().is_none());
        test.finish().await;
    }

    #[tokio::test]
    async fn sqlite_api_keys_verify_until_revoked() {
        keys_round_trip(test_support::sqlite().await).await;
    }

    #[tokio::test]
    async fn postgres_api_keys_verify_until_revoked() {
        keys_round_trip(test_support::postgres().await).await;
    }

    #[tokio::test]
    async fn only_a_hash_of_the_key_is_stored() {
        let test = test_support::sqlite().await;
        let created = test.store.create_api_key("a", Scope::Read).await.unwrap();
        let row = sqlx::query("SELECT key_hash FROM api_keys")
            .fetch_one(&test.store.pool)
            .await
            .unwrap();
        let stored: String = row.try_get("key_hash").unwrap();
        assert_ne!(stored, created.key.expose_secret());
        assert!(!stored.contains(created.key.expose_secret()));
        test.finish().await;
    }
}
