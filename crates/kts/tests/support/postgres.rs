//! A PostgreSQL database of its own for each test, created on the server
//! named by `KTS_TEST_POSTGRES_URL` (without a database; by default the local
//! server, `postgres://postgres:root@127.0.0.1:5432`) and dropped when the
//! test is done.
//!
//! One file for the unit tests (`store::test_support`) and the end-to-end
//! tests (`tests/e2e/helpers.rs`), which both include it with `#[path]`: the
//! integration binary cannot see `#[cfg(test)]` items of the library, and
//! the rule of where the test server is must not drift between the two.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A database created for one test; [`TestDatabase::drop_database`] removes
/// it (the server keeps it when a test fails half-way, to look into).
#[derive(Debug)]
pub(crate) struct TestDatabase {
    name: String,
}

impl TestDatabase {
    /// Creates an empty database named `<prefix>_<unique suffix>`.
    pub(crate) async fn create(prefix: &str) -> TestDatabase {
        sqlx::any::install_default_drivers();
        let name = format!("{prefix}_{}", unique_suffix());
        let admin = sqlx::AnyPool::connect(&admin_url()).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        TestDatabase { name }
    }

    /// The URL of the database (`KTS_DATABASE_URL` of a KTS using it).
    pub(crate) fn url(&self) -> String {
        format!("{}/{}", server(), self.name)
    }

    /// Drops the database, closing connections still open to it.
    pub(crate) async fn drop_database(self) {
        let admin = sqlx::AnyPool::connect(&admin_url()).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&admin)
        .await
        .unwrap();
        admin.close().await;
    }
}

/// The PostgreSQL server of the tests, without a trailing slash.
fn server() -> String {
    std::env::var("KTS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres:root@127.0.0.1:5432".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// A database to connect to while creating and dropping test databases.
fn admin_url() -> String {
    format!("{}/test", server())
}

/// Digits unique among the tests running on this machine: the process, the
/// time and a counter (a database name must stay a plain identifier).
fn unique_suffix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let count = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{}_{nanos}_{count}", std::process::id())
}
