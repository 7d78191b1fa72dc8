//! The relational store: platform instances, API keys, the clean-ups still
//! owed to a platform (`undo_jobs`) and what KTS keeps about entries their
//! platform has no field for (`entry_details`).
//!
//! SQLite (a file, the default) or PostgreSQL (a `postgres://` URL), through
//! sqlx's `Any` driver so one set of portable queries serves both: timestamps
//! are Unix seconds, secrets are encrypted text, placeholders are `$1`
//! (SQLite accepts them). Each dialect has its own migrations folder, run at
//! connect time.

mod account;
mod api_keys;
mod database_url;
mod entry_details;
mod fields;
mod instances;
mod secrets;
mod undo;

use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;

pub use account::{
    Account, Compression, KalturaAccount, TelestreamAccount, TelestreamGeneration, ks_version_name,
    validate_instance,
};
pub use api_keys::{ApiKeyRecord, Scope};
pub use database_url::DatabaseUrl;
pub use entry_details::EntryDetails;
pub use fields::{FieldErrors, FieldKind, FieldSpec, FieldValues, NAME};
pub use instances::{Instance, NewInstance};
pub use undo::UndoJob;

use crate::ids::InstanceId;
use crate::secret::SecretKey;
use secrets::{DecryptError, SecretCipher};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Which SQL database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Handle to the store: cheap to clone (a shared pool and cipher).
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    dialect: Dialect,
    cipher: SecretCipher,
    /// API keys verified within the last second, shared by every clone.
    verified_keys: std::sync::Arc<api_keys::VerifiedKeys>,
}

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be opened or reached.
    #[error("cannot connect to the {dialect:?} database")]
    Connect {
        /// The backend.
        dialect: Dialect,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed.
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database query failed")]
    Query(#[from] sqlx::Error),
    /// A stored secret cannot be decrypted.
    #[error(transparent)]
    Decrypt(#[from] DecryptError),
    /// An instance with this id exists already.
    #[error("instance {0} exists already")]
    InstanceExists(InstanceId),
    /// Fields of an instance are not acceptable: every one at fault, by name.
    #[error("invalid instance: {0}")]
    InvalidFields(FieldErrors),
    /// A field of an API key (or a KS version) is not acceptable.
    #[error("{field} {reason}")]
    InvalidField {
        /// The field, named as in the admin form.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A row holds a value the code cannot use (edited by hand?).
    #[error("stored row is corrupt: {0}")]
    CorruptRow(String),
}

impl Store {
    /// Opens (creating an SQLite file if needed) and migrates the store.
    pub async fn connect(
        url: &DatabaseUrl,
        max_connections: u32,
        key: &SecretKey,
    ) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (dialect, connect_url) = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| StoreError::Connect {
                        dialect: Dialect::Sqlite,
                        source: sqlx::Error::Io(e),
                    })?;
                }
                (
                    Dialect::Sqlite,
                    format!("sqlite://{}?mode=rwc", path.display()),
                )
            }
            DatabaseUrl::Postgres(url) => (Dialect::Postgres, url.clone()),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect(&connect_url)
            .await
            .map_err(|source| StoreError::Connect { dialect, source })?;
        let migrator = match dialect {
            Dialect::Sqlite => &SQLITE_MIGRATIONS,
            Dialect::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        Ok(Store {
            pool,
            dialect,
            cipher: SecretCipher::new(&key.instance_secrets_key()),
            verified_keys: Default::default(),
        })
    }

    /// The backend in use.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection; later calls fail.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

// The PostgreSQL databases of the tests, one file with the end-to-end tests.
#[cfg(test)]
#[path = "../../tests/support/postgres.rs"]
mod test_database;

#[cfg(test)]
pub(crate) mod test_support {
    //! Stores for tests: a fresh SQLite file, or a fresh PostgreSQL database
    //! (`tests/support/postgres.rs`, shared with the end-to-end tests) that is
    //! dropped afterwards.

    use super::test_database::TestDatabase;
    use super::*;

    /// A store plus whatever must outlive it.
    pub(crate) struct TestStore {
        pub(crate) store: Store,
        _folder: Option<tempfile::TempDir>,
        postgres: Option<TestDatabase>,
    }

    pub(crate) fn test_key() -> SecretKey {
        SecretKey::new("test-key-test-key-test-key-test-key".into()).unwrap()
    }

    pub(crate) async fn sqlite() -> TestStore {
        let folder = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(folder.path().join("kts.sqlite3"));
        let store = Store::connect(&url, 2, &test_key()).await.unwrap();
        TestStore {
            store,
            _folder: Some(folder),
            postgres: None,
        }
    }

    pub(crate) async fn postgres() -> TestStore {
        let database = TestDatabase::create("kts_unit").await;
        let url = DatabaseUrl::Postgres(database.url());
        let store = Store::connect(&url, 2, &test_key()).await.unwrap();
        TestStore {
            store,
            _folder: None,
            postgres: Some(database),
        }
    }

    impl TestStore {
        pub(crate) async fn finish(self) {
            self.store.close().await;
            if let Some(database) = self.postgres {
                database.drop_database().await;
            }
        }
    }
}
