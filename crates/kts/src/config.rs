//! The `Settings` tree: every knob of a KTS process, built once at start-up.
//!
//! Sources, lowest first: defaults in code < environment < flags, all declared
//! once with clap (`SettingsArgs`), so `kts serve --help` documents each one
//! with its variable. Tests, benches and `kts demo` build settings in code
//! instead, from [`Settings::local`]. Either way [`Settings::validate`] checks
//! them (`SettingsArgs::into_settings` and `App::build` both run it) and
//! names the variable at fault.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{ArgAction, Args, ValueEnum};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use crate::secret::SecretKey;
pub use crate::store::DatabaseUrl;
use crate::store::{NewInstance, Store, StoreError};

/// The port of the old service, kept as the default.
pub const DEFAULT_PORT: u16 = 6500;
/// Default limit of one uploaded file: 4 GiB.
pub const DEFAULT_MAX_UPLOAD: u64 = 4 << 30;

/// Everything a KTS server needs, validated.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen and how clients reach us.
    pub server: ServerSettings,
    /// The instance store.
    pub database: DatabaseSettings,
    /// Temporary upload files.
    pub uploads: UploadSettings,
    /// The admin area's credentials.
    pub admin: AdminSettings,
    /// Who may call `/service/*` and from which web origins.
    pub access: AccessSettings,
    /// How KTS talks to Kaltura servers.
    pub kaltura: KalturaSettings,
    /// The key for cookies and for encrypting instance secrets.
    pub secret_key: SecretKey,
    /// Instances to create on first start (old `KALTURA_INSTANCES` variables).
    pub seed_instances: Vec<NewInstance>,
}

impl Settings {
    /// Settings for a server on this machine only, keeping its files in
    /// `dir`: listens on `127.0.0.1:0` (a free port), an SQLite store
    /// `dir/kts.sqlite3`, uploads spooled to `dir/uploads`, a fresh random
    /// secret key, the admin area closed, `/service/*` closed to callers
    /// without an API key, and every other setting at its default. Tests,
    /// benches and `kts demo` start from this and change what they need;
    /// [`App::build`](crate::App::build) validates the result.
    pub fn local(dir: &Path) -> Self {
        Settings {
            server: ServerSettings {
                address: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
                public_url: None,
                connections: ConnectionLimits::default(),
            },
            database: DatabaseSettings {
                url: DatabaseUrl::Sqlite(dir.join("kts.sqlite3")),
                max_connections: DEFAULT_DATABASE_CONNECTIONS,
            },
            uploads: UploadSettings {
                folder: dir.join("uploads"),
                max_file_bytes: DEFAULT_MAX_UPLOAD,
                body_idle_timeout: DEFAULT_UPLOAD_IDLE_TIMEOUT,
                fromlocal_dir: None,
            },
            admin: AdminSettings::default(),
            access: AccessSettings {
                open: false,
                cors_origins: Vec::new(),
            },
            kaltura: KalturaSettings::default(),
            secret_key: SecretKey::generate(),
            seed_instances: Vec::new(),
        }
    }

    /// Checks every rule a setting must meet, whichever way the settings
    /// were built (flags and environment, or code); the error names the
    /// variable at fault. [`App::build`](crate::App::build) always runs it.
    ///
    /// Creates the upload folder when missing, to prove it is writable.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.server.public_url {
            check_public_url(url).map_err(|p| ConfigError::new("KTS_PUBLIC_URL", p))?;
        }
        let connections = &self.server.connections;
        check_seconds("KTS_HEADER_TIMEOUT", connections.header_timeout)?;
        check_seconds("KTS_IDLE_TIMEOUT", connections.idle_timeout)?;
        if connections.max_connections == 0 {
            return Err(ConfigError::new("KTS_MAX_CONNECTIONS", "must be above 0"));
        }
        if self.database.max_connections == 0 {
            return Err(ConfigError::new(
                "KTS_DATABASE_URL",
                "needs at least one connection",
            ));
        }
        check_writable_folder(&self.uploads.folder)
            .map_err(|p| ConfigError::new("UPLOAD_FOLDER", p))?;
        if self.uploads.max_file_bytes == 0 {
            return Err(ConfigError::new("KTS_MAX_UPLOAD_SIZE", "must be above 0"));
        }
        check_seconds("KTS_UPLOAD_IDLE_TIMEOUT", self.uploads.body_idle_timeout)?;
        if let Some(credentials) = &self.admin.credentials {
            check_admin_credentials(credentials)?;
        }
        self.kaltura.validate()
    }
}

/// Default of [`DatabaseSettings::max_connections`].
pub const DEFAULT_DATABASE_CONNECTIONS: u32 = 10;
/// Default of [`UploadSettings::body_idle_timeout`].
pub const DEFAULT_UPLOAD_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// A timeout: above zero (flags give whole seconds, so at least 1; code may
/// ask for less, as tests do) and at most an hour.
fn check_seconds(variable: &str, value: Duration) -> Result<(), ConfigError> {
    if value.is_zero() || value > Duration::from_secs(3600) {
        return Err(ConfigError::new(variable, "must be from 1 to 3600 seconds"));
    }
    Ok(())
}

/// How KTS's Kaltura clients connect, wait, retry and upload.
#[derive(Debug, Clone)]
pub struct KalturaSettings {
    /// Time allowed to open a connection (`KTS_KALTURA_CONNECT_TIMEOUT`).
    /// Default 5 s.
    pub connect_timeout: Duration,
    /// Time allowed for one request, answer included
    /// (`KTS_KALTURA_REQUEST_TIMEOUT`). Default 30 s.
    pub request_timeout: Duration,
    /// Attempts in total for a call that is safe to retry, the first
    /// included (`KTS_KALTURA_ATTEMPTS`); 1 turns retries off. Default 4.
    pub attempts: u32,
    /// Size of each uploaded chunk in bytes (`KTS_KALTURA_CHUNK_SIZE`).
    /// Default 8 MiB.
    pub chunk_size: usize,
}

/// Default of [`KalturaSettings::connect_timeout`].
pub const DEFAULT_KALTURA_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default of [`KalturaSettings::request_timeout`].
pub const DEFAULT_KALTURA_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default of [`KalturaSettings::attempts`].
pub const DEFAULT_KALTURA_ATTEMPTS: u32 = 4;
/// Default of [`KalturaSettings::chunk_size`].
pub const DEFAULT_KALTURA_CHUNK_SIZE: usize = 8 << 20;
/// Most attempts of one call: more would hold a request for minutes.
const MAX_KALTURA_ATTEMPTS: u32 = 10;
/// Largest upload chunk: Kaltura's own clients stay well below it.
const MAX_KALTURA_CHUNK_SIZE: usize = 1 << 30;

impl Default for KalturaSettings {
    fn default() -> Self {
        KalturaSettings {
            connect_timeout: DEFAULT_KALTURA_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_KALTURA_REQUEST_TIMEOUT,
            attempts: DEFAULT_KALTURA_ATTEMPTS,
            chunk_size: DEFAULT_KALTURA_CHUNK_SIZE,
        }
    }
}

impl KalturaSettings {
    fn validate(&self) -> Result<(), ConfigError> {
        check_seconds("KTS_KALTURA_CONNECT_TIMEOUT", self.connect_timeout)?;
        check_seconds("KTS_KALTURA_REQUEST_TIMEOUT", self.request_timeout)?;
        if !(1..=MAX_KALTURA_ATTEMPTS).contains(&self.attempts) {
            return Err(ConfigError::new(
                "KTS_KALTURA_ATTEMPTS",
                format!("must be from 1 to {MAX_KALTURA_ATTEMPTS}"),
            ));
        }
        if !(1..=MAX_KALTURA_CHUNK_SIZE).contains(&self.chunk_size) {
            return Err(ConfigError::new(
                "KTS_KALTURA_CHUNK_SIZE",
                "must be from 1 byte to 1 GiB",
            ));
        }
        Ok(())
    }
}

/// Listening address and public URL.
#[derive(Debug, Clone)]
pub struct ServerSettings {
    /// Address to bind; port 0 picks a free port.
    pub address: SocketAddr,
    /// The URL clients use to reach KTS (for links in pages); when absent,
    /// derived from the bound address.
    pub public_url: Option<Url>,
    /// How long and how many client connections may stay open.
    pub connections: ConnectionLimits,
}

/// Bounds on client connections, so that one client opening many and never
/// finishing a request cannot stop KTS from answering others.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Longest time from the first byte of a request head to its end
    /// (request line and headers): a client that sends its headers slowly
    /// is disconnected. Default [`DEFAULT_HEADER_TIMEOUT`].
    pub header_timeout: Duration,
    /// Longest wait for the first byte of a request: after the connection
    /// opens, and between requests on a kept-alive connection. Default
    /// [`DEFAULT_IDLE_TIMEOUT`].
    pub idle_timeout: Duration,
    /// Most connections served at once; more are answered 503 and closed at
    /// once. Default [`DEFAULT_MAX_CONNECTIONS`], lowered at start-up to fit
    /// the process's open-file limit.
    pub max_connections: usize,
}

/// Default of [`ConnectionLimits::header_timeout`].
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Default of [`ConnectionLimits::idle_timeout`].
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default of [`ConnectionLimits::max_connections`].
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl ServerSettings {
    /// Whether clients reach KTS over https (the public URL says so); then
    /// its cookies are `Secure`.
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|url| url.scheme() == "https")
    }
}

/// Which database and how to reach it.
#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// SQLite file or PostgreSQL URL.
    pub url: DatabaseUrl,
    /// Most connections kept open.
    pub max_connections: u32,
}

impl DatabaseSettings {
    /// Opens the store, runs its migrations and makes it ready.
    pub async fn connect(&self, key: &SecretKey) -> Result<Store, StoreError> {
        Store::connect(&self.url, self.max_connections, key).await
    }
}

/// Where uploads are spooled and how large they may be.
#[derive(Debug, Clone)]
pub struct UploadSettings {
    /// Folder of temporary upload files (`UPLOAD_FOLDER`).
    pub folder: PathBuf,
    /// Largest accepted file, in bytes.
    pub max_file_bytes: u64,
    /// Longest wait for the next piece of a request body, on every route; a
    /// client that stalls longer is refused (408 on `/service/*`) and its
    /// temporary file is removed.
    pub body_idle_timeout: Duration,
    /// Directory under which `fromlocal` uploads may read; `None` turns
    /// `fromlocal` off (the default: the old service let anyone upload any
    /// file of the host).
    pub fromlocal_dir: Option<PathBuf>,
}

/// The admin area's credentials; the area is closed while they are absent.
#[derive(Debug, Clone, Default)]
pub struct AdminSettings {
    /// `KTS_ADMIN_USER` and `KTS_ADMIN_PWD`.
    pub credentials: Option<AdminCredentials>,
}

/// An admin login.
#[derive(Debug, Clone)]
pub struct AdminCredentials {
    /// The user name.
    pub user: String,
    /// The password, redacted in `Debug`.
    pub password: SecretString,
}

/// Access rules of `/service/*`.
#[derive(Debug, Clone)]
pub struct AccessSettings {
    /// When true, `/service/*` needs no API key (the old service's behaviour).
    pub open: bool,
    /// Web origins allowed by CORS; empty means any origin.
    pub cors_origins: Vec<http::HeaderValue>,
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// A setting that failed validation, naming its variable.
#[derive(Debug, thiserror::Error)]
#[error("{variable} {problem}")]
pub struct ConfigError {
    /// The environment variable (the flag has the same meaning).
    pub variable: String,
    /// What is wrong, lower-case.
    pub problem: String,
}

impl ConfigError {
    /// A problem with `variable`.
    pub fn new(variable: impl Into<String>, problem: impl Into<String>) -> Self {
        ConfigError {
            variable: variable.into(),
            problem: problem.into(),
        }
    }
}

/// The database settings shared by every command that opens the store.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// The instance store: an SQLite file path (`sqlite:` URLs work too), or a
    /// `postgres://` URL for PostgreSQL.
    #[arg(long, env = "KTS_DATABASE_URL", default_value = "kts.sqlite3")]
    pub database_url: String,

    /// Master secret (at least 32 characters) that encrypts instance secrets
    /// at rest and signs admin cookies. Required; keep it stable: instance
    /// secrets stored under one key cannot be read with another.
    #[arg(long, env = "KTS_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
}

impl DatabaseArgs {
    /// Validates the database URL and the secret key.
    pub fn into_settings(self) -> Result<(DatabaseSettings, SecretKey), ConfigError> {
        let url = DatabaseUrl::parse(&self.database_url)
            .map_err(|p| ConfigError::new("KTS_DATABASE_URL", p))?;
        let secret = self.secret_key.ok_or_else(|| {
            ConfigError::new(
                "KTS_SECRET_KEY",
                "is missing: set a random secret of at least 32 characters",
            )
        })?;
        let key = SecretKey::new(secret).map_err(|p| ConfigError::new("KTS_SECRET_KEY", p))?;
        let database = DatabaseSettings {
            url,
            max_connections: DEFAULT_DATABASE_CONNECTIONS,
        };
        Ok((database, key))
    }
}

/// Every setting of `kts serve`, with its flag, variable and default.
#[derive(Debug, Clone, Args)]
pub struct SettingsArgs {
    /// Address to listen on.
    #[arg(long, env = "KTS_HOST", default_value_t = IpAddr::V4(Ipv4Addr::UNSPECIFIED))]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = DEFAULT_PORT)]
    pub port: u16,

    /// URL clients use to reach KTS, for links in pages
    /// (default: http://<host>:<port>).
    #[arg(long, env = "KTS_PUBLIC_URL")]
    pub public_url: Option<String>,

    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Folder for temporary upload files; created if missing, must be writable.
    #[arg(long, env = "UPLOAD_FOLDER", default_value_os_t = std::env::temp_dir().join("kts-uploads"))]
    pub upload_folder: PathBuf,

    /// Largest accepted upload, in bytes or with a unit (500M, 4G, 2GiB).
    #[arg(long, env = "KTS_MAX_UPLOAD_SIZE", default_value = "4GiB", value_parser = parse_byte_size)]
    pub max_upload_size: u64,

    /// Seconds to wait for the next piece of a request body before giving
    /// up on a stalled client (408).
    #[arg(long, env = "KTS_UPLOAD_IDLE_TIMEOUT", default_value_t = DEFAULT_UPLOAD_IDLE_TIMEOUT.as_secs())]
    pub upload_idle_timeout: u64,

    /// Seconds a client may take to send a request's headers, from their
    /// first byte.
    #[arg(long, env = "KTS_HEADER_TIMEOUT", default_value_t = DEFAULT_HEADER_TIMEOUT.as_secs())]
    pub header_timeout: u64,

    /// Seconds a connection may stay open without starting a request (a new
    /// one, or a kept-alive one between requests).
    #[arg(long, env = "KTS_IDLE_TIMEOUT", default_value_t = DEFAULT_IDLE_TIMEOUT.as_secs())]
    pub idle_timeout: u64,

    /// Most client connections served at once; more are answered 503 and
    /// closed. Lowered at start-up to fit the open-file limit.
    #[arg(long, env = "KTS_MAX_CONNECTIONS", default_value_t = DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,

    /// Admin user name; the admin area stays closed until user and password
    /// are both set.
    #[arg(long, env = "KTS_ADMIN_USER")]
    pub admin_user: Option<String>,

    /// Admin password; the old default `ktsadmin` is refused.
    #[arg(long, env = "KTS_ADMIN_PWD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Let anyone call /service/* without an API key (the old service's
    /// behaviour). Off by default.
    #[arg(long, env = "KTS_OPEN_ACCESS", action = ArgAction::SetTrue)]
    pub open_access: bool,

    /// Web origins allowed to call KTS from a browser, comma-separated;
    /// `*` allows any origin (the old behaviour).
    #[arg(
        long,
        env = "KTS_CORS_ORIGINS",
        default_value = "*",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// Directory from which `fromlocal` uploads may read files of this host.
    /// Unset (the default) turns `fromlocal` off.
    #[arg(long, env = "KTS_FROMLOCAL_DIR")]
    pub fromlocal_dir: Option<PathBuf>,

    /// Seconds allowed to open a connection to a Kaltura server.
    #[arg(long, env = "KTS_KALTURA_CONNECT_TIMEOUT", default_value_t = DEFAULT_KALTURA_CONNECT_TIMEOUT.as_secs())]
    pub kaltura_connect_timeout: u64,

    /// Seconds allowed for one Kaltura call, answer included.
    #[arg(long, env = "KTS_KALTURA_REQUEST_TIMEOUT", default_value_t = DEFAULT_KALTURA_REQUEST_TIMEOUT.as_secs())]
    pub kaltura_request_timeout: u64,

    /// Attempts in total for a Kaltura call that is safe to retry, the
    /// first included (1 turns retries off; at most 10).
    #[arg(long, env = "KTS_KALTURA_ATTEMPTS", default_value_t = DEFAULT_KALTURA_ATTEMPTS)]
    pub kaltura_attempts: u32,

    /// Size of each chunk uploaded to Kaltura, in bytes or with a unit
    /// (8M, 64MiB).
    #[arg(long, env = "KTS_KALTURA_CHUNK_SIZE", default_value = "8MiB", value_parser = parse_byte_size)]
    pub kaltura_chunk_size: u64,
}

impl SettingsArgs {
    /// Validates every setting; the error names the variable at fault.
    ///
    /// Creates the upload folder when missing, to prove it is writable.
    pub fn into_settings(self) -> Result<Settings, ConfigError> {
        let (database, secret_key) = self.database.into_settings()?;
        let public_url = self
            .public_url
            .map(|u| parse_public_url(&u))
            .transpose()
            .map_err(|p| ConfigError::new("KTS_PUBLIC_URL", p))?;
        let chunk_size = usize::try_from(self.kaltura_chunk_size)
            .map_err(|_| ConfigError::new("KTS_KALTURA_CHUNK_SIZE", "is too large"))?;
        let admin = admin_settings(self.admin_user, self.admin_password)?;
        let cors_origins = parse_cors_origins(&self.cors_origins)
            .map_err(|p| ConfigError::new("KTS_CORS_ORIGINS", p))?;
        let fromlocal_dir = self
            .fromlocal_dir
            .map(|dir| {
                dir.canonicalize().map_err(|e| {
                    ConfigError::new("KTS_FROMLOCAL_DIR", format!("cannot be read ({e})"))
                })
            })
            .transpose()?;
        let settings = Settings {
            server: ServerSettings {
                address: SocketAddr::new(self.host, self.port),
                public_url,
                connections: ConnectionLimits {
                    header_timeout: Duration::from_secs(self.header_timeout),
                    idle_timeout: Duration::from_secs(self.idle_timeout),
                    max_connections: self.max_connections,
                },
            },
            database,
            uploads: UploadSettings {
                folder: self.upload_folder,
                max_file_bytes: self.max_upload_size,
                body_idle_timeout: Duration::from_secs(self.upload_idle_timeout),
                fromlocal_dir,
            },
            admin,
            access: AccessSettings {
                open: self.open_access,
                cors_origins,
            },
            kaltura: KalturaSettings {
                connect_timeout: Duration::from_secs(self.kaltura_connect_timeout),
                request_timeout: Duration::from_secs(self.kaltura_request_timeout),
                attempts: self.kaltura_attempts,
                chunk_size,
            },
            secret_key,
            seed_instances: Vec::new(),
        };
        settings.validate()?;
        Ok(settings)
    }
}

fn parse_public_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| format!("is not a URL ({e})"))?;
    check_public_url(&url)?;
    Ok(url)
}

fn check_public_url(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("must be an http:// or https:// URL with a host".into());
    }
    Ok(())
}

fn admin_settings(
    user: Option<String>,
    password: Option<String>,
) -> Result<AdminSettings, ConfigError> {
    match (user, password) {
        (None, None) => Ok(AdminSettings::default()),
        (Some(_), None) => Err(ConfigError::new(
            "KTS_ADMIN_PWD",
            "is missing while KTS_ADMIN_USER is set",
        )),
        (None, Some(_)) => Err(ConfigError::new(
            "KTS_ADMIN_USER",
            "is missing while KTS_ADMIN_PWD is set",
        )),
        (Some(user), Some(password)) => Ok(AdminSettings {
            credentials: Some(AdminCredentials {
                user,
                password: SecretString::from(password),
            }),
        }),
    }
}

fn check_admin_credentials(credentials: &AdminCredentials) -> Result<(), ConfigError> {
    if credentials.user.trim().is_empty() {
        return Err(ConfigError::new("KTS_ADMIN_USER", "is empty"));
    }
    let password = credentials.password.expose_secret();
    // The old service shipped ktsadmin/ktsadmin; refuse it outright.
    if password == "ktsadmin" {
        return Err(ConfigError::new(
            "KTS_ADMIN_PWD",
            "is the old default password: choose another",
        ));
    }
    if password.chars().count() < 8 {
        return Err(ConfigError::new(
            "KTS_ADMIN_PWD",
            "must be at least 8 characters long",
        ));
    }
    Ok(())
}

/// Reads the CORS origin list; `*` (alone) means any origin.
fn parse_cors_origins(items: &[String]) -> Result<Vec<http::HeaderValue>, String> {
    let items: Vec<&str> = items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() || items == ["*"] {
        return Ok(Vec::new());
    }
    items
        .into_iter()
        .map(|origin| {
            let url = Url::parse(origin).map_err(|_| format!("holds {origin:?}, not an origin"))?;
            if !matches!(url.scheme(), "http" | "https")
                || url.host().is_none()
                || url.path() != "/"
            {
                return Err(format!(
                    "holds {origin:?}; an origin is scheme://host[:port] or *"
                ));
            }
            let origin = url.origin().ascii_serialization();
            http::HeaderValue::from_str(&origin).map_err(|_| format!("holds {origin:?}"))
        })
        .collect()
}

/// Creates `folder` if needed and proves it is writable.
pub fn check_writable_folder(folder: &Path) -> Result<(), String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("cannot be created ({e})"))?;
    let probe = tempfile_probe(folder);
    std::fs::write(&probe, b"").map_err(|e| format!("is not writable ({e})"))?;
    std::fs::remove_file(&probe).map_err(|e| format!("is not writable ({e})"))?;
    Ok(())
}

fn tempfile_probe(folder: &Path) -> PathBuf {
    folder.join(format!(".kts-probe-{}", crate::secret::random_token(8)))
}

/// Parses a byte size: `1048576`, `500K`, `500M`, `4G`, `2GiB`, `1T` (binary
/// units; `KB`/`MB`/`GB` are read as binary units too).
pub fn parse_byte_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 500M or 4G"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("{text:?} has an unknown unit (use K, M, G or T)")),
    };
    number
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct TestCli {
        #[command(flatten)]
        settings: SettingsArgs,
    }

    fn parse(args: &[&str]) -> Result<Settings, ConfigError> {
        let mut argv = vec!["kts", "--secret-key", "0123456789abcdef0123456789abcdef"];
        argv.extend_from_slice(args);
        TestCli::try_parse_from(argv)
            .unwrap()
            .settings
            .into_settings()
    }

    #[test]
    fn byte_sizes_accept_units() {
        assert_eq!(parse_byte_size("1024"), Ok(1024));
        assert_eq!(parse_byte_size("500K"), Ok(500 << 10));
        assert_eq!(parse_byte_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_byte_size("4g"), Ok(4 << 30));
        assert!(parse_byte_size("lots").is_err());
        assert!(parse_byte_size("5X").is_err());
        assert!(parse_byte_size("99999999999T").is_err());
    }

    #[test]
    fn missing_secret_key_names_its_variable() {
        let args = DatabaseArgs {
            database_url: "x.db".into(),
            secret_key: None,
        };
        let error = args.into_settings().unwrap_err();
        assert_eq!(error.variable, "KTS_SECRET_KEY");
        let short = DatabaseArgs {
            database_url: "x.db".into(),
            secret_key: Some("short".into()),
        };
        assert_eq!(
            short.into_settings().unwrap_err().variable,
            "KTS_SECRET_KEY"
        );
    }

    #[test]
    fn old_default_admin_password_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let folder = folder.path().to_str().unwrap();
        let error = parse(&[
            "--upload-folder",
            folder,
            "--admin-user",
            "ktsadmin",
            "--admin-password",
            "ktsadmin",
        ])
        .unwrap_err();
        assert_eq!(error.variable, "KTS_ADMIN_PWD");
        let error = parse(&["--upload-folder", folder, "--admin-user", "a"]).unwrap_err();
        assert_eq!(error.variable, "KTS_ADMIN_PWD");
    }

    #[test]
    fn defaults_give_port_6500_closed_access_and_any_origin() {
        let folder = tempfile::tempdir().unwrap();
        let settings = parse(&["--upload-folder", folder.path().to_str().unwrap()]).unwrap();
        assert_eq!(settings.server.address.port(), DEFAULT_PORT);
        assert!(!settings.access.open);
        assert!(settings.access.cors_origins.is_empty());
        assert!(settings.admin.credentials.is_none());
        assert!(settings.uploads.fromlocal_dir.is_none());
        assert_eq!(settings.uploads.max_file_bytes, DEFAULT_MAX_UPLOAD);
        assert_eq!(
            settings.server.connections.header_timeout,
            DEFAULT_HEADER_TIMEOUT
        );
        assert_eq!(
            settings.server.connections.idle_timeout,
            DEFAULT_IDLE_TIMEOUT
        );
        assert_eq!(
            settings.server.connections.max_connections,
            DEFAULT_MAX_CONNECTIONS
        );
    }

    #[test]
    fn connection_limits_are_read_from_flags_and_checked() {
        let folder = tempfile::tempdir().unwrap();
        let folder = folder.path().to_str().unwrap();
        let settings = parse(&[
            "--upload-folder",
            folder,
            "--header-timeout",
            "3",
            "--idle-timeout",
            "20",
            "--max-connections",
            "50",
        ])
        .unwrap();
        assert_eq!(
            settings.server.connections.header_timeout,
            Duration::from_secs(3)
        );
        assert_eq!(
            settings.server.connections.idle_timeout,
            Duration::from_secs(20)
        );
        assert_eq!(settings.server.connections.max_connections, 50);
        let error = parse(&["--upload-folder", folder, "--idle-timeout", "0"]).unwrap_err();
        assert_eq!(error.variable, "KTS_IDLE_TIMEOUT");
        let error = parse(&["--upload-folder", folder, "--header-timeout", "0"]).unwrap_err();
        assert_eq!(error.variable, "KTS_HEADER_TIMEOUT");
        let error = parse(&["--upload-folder", folder, "--max-connections", "0"]).unwrap_err();
        assert_eq!(error.variable, "KTS_MAX_CONNECTIONS");
    }

    #[test]
    fn local_settings_are_valid_and_listen_on_a_free_local_port() {
        let folder = tempfile::tempdir().unwrap();
        let settings = Settings::local(folder.path());
        settings.validate().unwrap();
        assert_eq!(settings.server.address.port(), 0);
        assert!(settings.server.address.ip().is_loopback());
        assert_eq!(settings.uploads.folder, folder.path().join("uploads"));
        assert!(!settings.access.open);
    }

    #[test]
    fn settings_built_in_code_are_validated_like_flags() {
        let folder = tempfile::tempdir().unwrap();
        let mut settings = Settings::local(folder.path());
        settings.admin.credentials = Some(AdminCredentials {
            user: "admin".into(),
            password: SecretString::from("ktsadmin"),
        });
        assert_eq!(settings.validate().unwrap_err().variable, "KTS_ADMIN_PWD");
        let mut settings = Settings::local(folder.path());
        settings.kaltura.request_timeout = Duration::ZERO;
        assert_eq!(
            settings.validate().unwrap_err().variable,
            "KTS_KALTURA_REQUEST_TIMEOUT"
        );
        let mut settings = Settings::local(folder.path());
        settings.uploads.max_file_bytes = 0;
        assert_eq!(
            settings.validate().unwrap_err().variable,
            "KTS_MAX_UPLOAD_SIZE"
        );
    }

    #[test]
    fn kaltura_client_settings_are_read_from_flags_and_checked() {
        let folder = tempfile::tempdir().unwrap();
        let folder = folder.path().to_str().unwrap();
        let settings = parse(&[
            "--upload-folder",
            folder,
            "--kaltura-connect-timeout",
            "2",
            "--kaltura-request-timeout",
            "90",
            "--kaltura-attempts",
            "1",
            "--kaltura-chunk-size",
            "1M",
        ])
        .unwrap();
        let kaltura = &settings.kaltura;
        assert_eq!(kaltura.connect_timeout, Duration::from_secs(2));
        assert_eq!(kaltura.request_timeout, Duration::from_secs(90));
        assert_eq!(kaltura.attempts, 1);
        assert_eq!(kaltura.chunk_size, 1 << 20);
        let defaults = parse(&["--upload-folder", folder]).unwrap().kaltura;
        assert_eq!(defaults.connect_timeout, DEFAULT_KALTURA_CONNECT_TIMEOUT);
        assert_eq!(defaults.chunk_size, DEFAULT_KALTURA_CHUNK_SIZE);
        let error = parse(&["--upload-folder", folder, "--kaltura-attempts", "0"]).unwrap_err();
        assert_eq!(error.variable, "KTS_KALTURA_ATTEMPTS");
    }

    #[test]
    fn cors_origins_are_validated() {
        assert_eq!(
            parse_cors_origins(&["https://a.example".into(), "http://b.example:8080".into()])
                .unwrap(),
            vec!["https://a.example", "http://b.example:8080"]
        );
        assert!(parse_cors_origins(&["https://a.example/path".into()]).is_err());
        assert!(parse_cors_origins(&["nonsense".into()]).is_err());
    }
}
