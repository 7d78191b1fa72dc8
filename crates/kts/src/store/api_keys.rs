//! The `api_keys` table: revocable keys, scoped read or write, that clients
//! send to call `/service/*`.
//!
//! Only a SHA-256 hash of each key is stored: keys are 256 random bits, so a
//! fast hash is enough (no password-style stretching needed), and a leaked
//! table reveals no usable key. The key itself is shown once, at creation.
//!
//! A key verified less than [`KEY_FRESHNESS`] ago is accepted again without
//! a query ([`VerifiedKeys`], per process): checking the key was one SQL
//! round trip per `/service/*` call, a fifth of the rate of `get_media`.
//! A revocation is therefore seen by every replica within that second, and
//! at once by the process that made it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// How long a verified key is accepted without asking the database again:
/// the longest a revocation made elsewhere (another replica, `kts apikey
/// revoke`) can go unseen.
pub(crate) const KEY_FRESHNESS: Duration = Duration::from_secs(1);
/// Most keys remembered at once: far more than the clients of one KTS, and
/// small enough (about 150 bytes each) that a flood of valid keys costs
/// little memory.
const VERIFIED_KEYS_CAPACITY: usize = 4096;

/// The SHA-256 of a key: what the table stores (in hex) and what the cache
/// of verified keys is keyed by, so neither holds the key text.
type KeyHash = [u8; 32];

fn hash_key(key: &str) -> KeyHash {
    Sha256::digest(key.as_bytes()).into()
}

/// Keys verified recently, by hash, with the time of their verification.
///
/// Only keys the database accepted are remembered: an unknown or revoked key
/// is looked up every time. Bounded: when full, expired entries are dropped,
/// and if none has expired the new key is simply not remembered.
#[derive(Debug)]
pub(super) struct VerifiedKeys {
    /// A std lock held only for a lookup or an insert, never across an
    /// `.await`.
    entries: Mutex<HashMap<KeyHash, (ApiKeyRecord, Instant)>>,
    capacity: usize,
}

impl Default for VerifiedKeys {
    fn default() -> Self {
        VerifiedKeys::with_capacity(VERIFIED_KEYS_CAPACITY)
    }
}

impl VerifiedKeys {
    fn with_capacity(capacity: usize) -> Self {
        VerifiedKeys {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The record of `hash` if it was verified less than [`KEY_FRESHNESS`]
    /// before `now`.
    fn get(&self, hash: &KeyHash, now: Instant) -> Option<ApiKeyRecord> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(hash)
            .filter(|(_, verified_at)| now.saturating_duration_since(*verified_at) < KEY_FRESHNESS)
            .map(|(record, _)| record.clone())
    }

    /// Remembers that `hash` was verified at `now` as `record`.
    fn insert(&self, hash: KeyHash, record: ApiKeyRecord, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= self.capacity && !entries.contains_key(&hash) {
            entries.retain(|_, (_, at)| now.saturating_duration_since(*at) < KEY_FRESHNESS);
            if entries.len() >= self.capacity {
                return;
            }
        }
        entries.insert(hash, (record, now));
    }

    /// Forgets the key with row id `id` (revoked by this process).
    fn forget(&self, id: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|_, (record, _)| record.id != id);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
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
        .bind(hex::encode(hash_key(&key)))
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

    /// Revokes a key; `Ok(false)` when no such key is active. Every replica
    /// refuses the key within [`KEY_FRESHNESS`], this process at once (but
    /// for a verification that read the row before the update).
    pub async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError> {
        let result =
            sqlx::query("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .bind(id)
                .bind(now())
                .execute(&self.pool)
                .await?;
        self.verified_keys.forget(id);
        Ok(result.rows_affected() > 0)
    }

    /// The active key matching `key`, or `None`; notes its use. A key
    /// verified less than [`KEY_FRESHNESS`] ago is answered from memory.
    pub async fn verify_api_key(&self, key: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
        self.verify_api_key_at(key, Instant::now()).await
    }

    /// [`verify_api_key`](Self::verify_api_key) as if the time were `at`
    /// (tests move the clock instead of sleeping).
    pub(super) async fn verify_api_key_at(
        &self,
        key: &str,
        at: Instant,
    ) -> Result<Option<ApiKeyRecord>, StoreError> {
        if !key.starts_with(KEY_PREFIX) || key.len() > MAX_KEY_LEN {
            return Ok(None);
        }
        let hash = hash_key(key);
        if let Some(record) = self.verified_keys.get(&hash, at) {
            return Ok(Some(record));
        }
        let row = sqlx::query(concat!(
            "SELECT ",
            key_columns!(),
            " FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL"
        ))
        .bind(hex::encode(hash))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let record = decode_record(&row)?;
        self.verified_keys.insert(hash, record.clone(), at);
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

    /// Another replica on the same database: the same pool, its own memory
    /// of verified keys.
    fn replica(store: &Store) -> Store {
        Store {
            verified_keys: Default::default(),
            ..store.clone()
        }
    }

    #[tokio::test]
    async fn a_key_revoked_on_another_replica_is_refused_within_a_second() {
        let test = test_support::sqlite().await;
        let (here, there) = (&test.store, replica(&test.store));
        let created = here.create_api_key("site", Scope::Read).await.unwrap();
        let key = created.key.expose_secret().to_owned();
        let start = Instant::now();
        assert!(here.verify_api_key_at(&key, start).await.unwrap().is_some());

        assert!(there.revoke_api_key(created.record.id).await.unwrap());

        // Within the second the key is answered from memory, as designed; at
        // the second the database is asked again and refuses it.
        let almost = start + KEY_FRESHNESS - Duration::from_millis(1);
        assert!(
            here.verify_api_key_at(&key, almost)
                .await
                .unwrap()
                .is_some()
        );
        let at = start + KEY_FRESHNESS;
        assert!(here.verify_api_key_at(&key, at).await.unwrap().is_none());
        test.finish().await;
    }

    #[tokio::test]
    async fn a_key_verified_less_than_a_second_ago_is_not_looked_up_again() {
        let test = test_support::sqlite().await;
        let store = &test.store;
        let created = store.create_api_key("site", Scope::Write).await.unwrap();
        let key = created.key.expose_secret().to_owned();
        let start = Instant::now();
        store.verify_api_key_at(&key, start).await.unwrap();

        // With the table gone, only memory can answer.
        sqlx::query("DELETE FROM api_keys")
            .execute(&store.pool)
            .await
            .unwrap();

        let later = start + Duration::from_millis(500);
        let found = store.verify_api_key_at(&key, later).await.unwrap();
        assert_eq!(found.map(|r| r.id), Some(created.record.id));
        test.finish().await;
    }

    #[tokio::test]
    async fn a_key_revoked_by_this_process_is_refused_at_once() {
        let test = test_support::sqlite().await;
        let store = &test.store;
        let created = store.create_api_key("site", Scope::Read).await.unwrap();
        let key = created.key.expose_secret().to_owned();
        let start = Instant::now();
        assert!(
            store
                .verify_api_key_at(&key, start)
                .await
                .unwrap()
                .is_some()
        );

        store.revoke_api_key(created.record.id).await.unwrap();

        assert!(
            store
                .verify_api_key_at(&key, start)
                .await
                .unwrap()
                .is_none()
        );
        test.finish().await;
    }

    #[test]
    fn verified_keys_hold_no_more_than_their_capacity() {
        let cache = VerifiedKeys::with_capacity(2);
        let now = Instant::now();
        let record = |id| ApiKeyRecord {
            id,
            name: "k".into(),
            scope: Scope::Read,
            created_at: 0,
            last_used_at: None,
            revoked_at: None,
        };
        for id in 0..3u8 {
            cache.insert([id; 32], record(i64::from(id)), now);
        }
        assert_eq!(cache.len(), 2);
        assert!(cache.get(&[2; 32], now).is_none());

        // Once the first two expired, they make room.
        let later = now + KEY_FRESHNESS;
        cache.insert([2; 32], record(2), later);
        assert_eq!(cache.len(), 1);
        assert!(cache.get(&[2; 32], later).is_some());
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
