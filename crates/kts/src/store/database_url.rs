//! Where the store lives: an SQLite file or a PostgreSQL URL, read from
//! `KTS_DATABASE_URL`; its scheme picks the backend.

use std::fmt;
use std::path::PathBuf;

use url::Url;

/// A database location; its scheme picks the backend.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file (created when missing).
    Sqlite(PathBuf),
    /// A `postgres://` URL, which may hold a password.
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads a plain path, a `sqlite:` URL or a `postgres://` URL.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("is empty".into());
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Url::parse(text).map_err(|e| format!("is not a valid URL ({e})"))?;
            return Ok(DatabaseUrl::Postgres(text.to_owned()));
        }
        if let Some(path) = text.strip_prefix("sqlite://") {
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some(path) = text.strip_prefix("sqlite:") {
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = text.split_once("://") {
            return Err(format!(
                "has unknown scheme {scheme:?} (use a file path, sqlite: or postgres://)"
            ));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(text)))
    }
}

impl fmt::Debug for DatabaseUrl {
    /// Never shows a PostgreSQL password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "Sqlite({})", path.display()),
            DatabaseUrl::Postgres(url) => match Url::parse(url) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("***"));
                    }
                    write!(f, "Postgres({parsed})")
                }
                Err(_) => f.write_str("Postgres(<invalid>)"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_scheme_picks_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("data/kts.db"),
            Ok(DatabaseUrl::Sqlite("data/kts.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/kts.db"),
            Ok(DatabaseUrl::Sqlite("/var/kts.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u:p@127.0.0.1/kts"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
    }

    #[test]
    fn database_url_debug_hides_the_password() {
        let url = DatabaseUrl::parse("postgres://kts:hunter2@127.0.0.1/kts").unwrap();
        let shown = format!("{url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
