//! A Telestream Cloud compatible server for tests, benchmarks and demos.
//!
//! Knows nothing of KTS: it speaks both API generations of `telestream-cloud.md` at once, v3.0 under
//! `/v3.0` (HMAC-SHA256 signed parameters, bare JSON arrays) and Flip 3.1 under `/flip/3.1` (`X-Api-Key`,
//! JSON bodies, wrapped lists), over the same factories, profiles, videos, encodings and upload sessions.
//! [`Simulator::builder`] configures the [accounts](Account), an optional data folder, the encoding delay,
//! the bind address and [`faults`](FaultSet); [`SimulatorBuilder::spawn`] binds and serves in the background
//! and returns a [`SimulatorHandle`]. [`SimArgs`] declares the same settings as command-line flags. Media
//! probing is the shared `media-probe` crate; fault injection, the handle, the state file, downloads and
//! drawn images are the shared `sim-support` crate.
//!
//! ```no_run
//! # async fn demo() -> Result<(), telestream_sim::Error> {
//! let sim = telestream_sim::Simulator::builder().spawn().await?;
//! println!("Telestream v3.0 at {}/v3.0, factory {}", sim.base_url(), telestream_sim::DEMO_FACTORY_ID);
//! sim.shutdown().await?;
//! # Ok(()) }
//! ```

mod api;
mod auth;
mod body;
mod cli;
mod clock;
mod error;
mod files;
mod frames;
mod http;
mod lifecycle;
mod notify;
mod request;
mod sessions;
mod signature;
mod state;
mod store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sim_support::BackgroundTasks;

pub use cli::SimArgs;
pub use sim_support::SimulatorHandle;
pub use sim_support::faults::{FaultRule, FaultRuleError, FaultSet, Faults};

/// The id of the factory a new simulator starts with (with one `h264` profile).
pub const DEMO_FACTORY_ID: &str = "fac70e1e5ca1ab1e0ddba11cfac70e1e";

/// A Telestream Cloud account: the access key and secret key that sign v3.0 requests, and the API key of
/// Flip 3.1. Every account sees every factory.
#[derive(Clone, PartialEq)]
pub struct Account {
    pub access_key: String,
    pub secret_key: String,
    pub api_key: String,
}

impl std::fmt::Debug for Account {
    // The secret key and API key stay out of logs, even for a simulator: configurations get copied.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("access_key", &self.access_key)
            .field("secret_key", &"…")
            .field("api_key", &self.api_key.get(..4).unwrap_or_default())
            .finish()
    }
}

impl Account {
    /// The account used when none is configured: access key `ak_demo_5ca1ab1e`, secret key
    /// `sk_demo_0ddba11c0ddba11c`, API key `tcs_demo5ca1ab1e0ddba11c0000`. Well-known test values: never
    /// use them outside a simulator.
    pub fn demo() -> Self {
        Self {
            access_key: "ak_demo_5ca1ab1e".to_owned(),
            secret_key: "sk_demo_0ddba11c0ddba11c".to_owned(),
            api_key: "tcs_demo5ca1ab1e0ddba11c0000".to_owned(),
        }
    }

    /// Reads `ACCESS_KEY:SECRET_KEY:API_KEY` (the `--account` flag).
    pub fn parse(spec: &str) -> Result<Self, Error> {
        let parts: Vec<&str> = spec.split(':').collect();
        let ok =
            |s: &str| !s.is_empty() && s.len() <= 128 && s.chars().all(|c| c.is_ascii_graphic());
        match parts[..] {
            [access, secret, api] if [access, secret, api].into_iter().all(ok) => Ok(Self {
                access_key: access.to_owned(),
                secret_key: secret.to_owned(),
                api_key: api.to_owned(),
            }),
            _ => Err(Error::InvalidAccount(
                "expected ACCESS_KEY:SECRET_KEY:API_KEY, each 1–128 printable characters"
                    .to_owned(),
            )),
        }
    }
}

/// Errors of starting or stopping the simulator.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot bind {addr}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Persist(#[from] sim_support::persist::PersistError),
    #[error("invalid account: {0}")]
    InvalidAccount(String),
    #[error(transparent)]
    Serve(#[from] sim_support::ServeError),
}

/// Entry point: `Simulator::builder()`.
#[derive(Debug)]
pub struct Simulator;

impl Simulator {
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }
}

/// Configures a simulator. Defaults: the [demo account](Account::demo) when none is added, state in a
/// temporary folder, encodings `processing` for 200 ms, bound to `127.0.0.1:0`, no faults, uploaded files
/// up to 1 GiB, upload-session parts of 5 MiB, `source_url` fetches up to 120 s, notifications tried 8
/// times from a 1 s back-off, progress reported every 10 s.
#[derive(Debug, Clone)]
pub struct SimulatorBuilder {
    accounts: Vec<Account>,
    data_dir: Option<PathBuf>,
    encoding_delay: Duration,
    bind: SocketAddr,
    faults: FaultSet,
    max_file_bytes: u64,
    part_size: u64,
    fetch_timeout: Duration,
    delivery: state::Delivery,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            accounts: Vec::new(),
            data_dir: None,
            encoding_delay: Duration::from_millis(200),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            faults: FaultSet::default(),
            max_file_bytes: 1 << 30,
            part_size: 5 << 20,
            fetch_timeout: Duration::from_secs(120),
            delivery: state::Delivery::default(),
        }
    }
}

impl SimulatorBuilder {
    /// Adds an account (repeatable). Without any, the demo account is used.
    pub fn account(mut self, account: Account) -> Self {
        self.accounts.push(account);
        self
    }

    /// Keeps state and files in this folder across restarts (created if missing).
    pub fn data_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.data_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Time an encoding spends `processing`, its progress growing evenly, before `success` or `fail`.
    /// Zero makes tests instant.
    pub fn encoding_delay(mut self, delay: Duration) -> Self {
        self.encoding_delay = delay;
        self
    }

    /// Address to listen on; port 0 picks a free port.
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// Fault rules in force from the start.
    pub fn faults(mut self, faults: FaultSet) -> Self {
        self.faults = faults;
        self
    }

    /// Largest accepted uploaded file, in bytes; a larger one is refused with 413 `FileSizeLimitExceeded`.
    pub fn max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// Size of the parts an upload session asks for (5.2); at least 1 byte. Small parts let tests
    /// exercise many parts with small files.
    pub fn part_size(mut self, bytes: u64) -> Self {
        self.part_size = bytes.max(1);
        self
    }

    /// Longest a `source_url` fetch may take before the video fails with `DownloadFailed` (default 120 s).
    pub fn fetch_timeout(mut self, timeout: Duration) -> Self {
        self.fetch_timeout = timeout;
        self
    }

    /// How a notification the receiver refuses is retried: `attempts` in all (at least 1; default 8), the
    /// first retry after `first_retry` (default 1 s) when the factory's `delay` is 0, each later one after
    /// twice the wait before. Short waits keep tests fast.
    pub fn notification_retry(mut self, first_retry: Duration, attempts: u32) -> Self {
        self.delivery.first_retry = first_retry;
        self.delivery.max_attempts = attempts.max(1);
        self
    }

    /// How often `encoding-progress` is sent while an encoding runs (default 10 s, as the service).
    pub fn progress_interval(mut self, interval: Duration) -> Self {
        self.delivery.progress_interval = interval.max(Duration::from_millis(1));
        self
    }

    /// Binds the address, opens the state and serves in a background task.
    pub async fn spawn(self) -> Result<SimulatorHandle, Error> {
        let bind_error = |source| Error::Bind {
            addr: self.bind,
            source,
        };
        let listener = tokio::net::TcpListener::bind(self.bind)
            .await
            .map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let accounts = if self.accounts.is_empty() {
            vec![Account::demo()]
        } else {
            self.accounts
        };
        let store = store::Store::open(self.data_dir.as_deref())?;
        api::seed(&store);
        let faults = Faults::new(self.faults);
        let base_url = format!("http://{addr}");
        let background = BackgroundTasks::default();
        let app = state::AppState {
            store: Arc::new(store),
            accounts: Arc::new(accounts),
            faults: faults.clone(),
            config: Arc::new(state::Config {
                base_url: base_url.clone(),
                encoding_delay: self.encoding_delay,
                max_file_bytes: self.max_file_bytes,
                part_size: self.part_size,
                idle_timeout: Duration::from_secs(60),
                fetch_timeout: self.fetch_timeout,
                delivery: self.delivery,
            }),
            sessions: sessions::Sessions::default(),
            background: background.clone(),
            http: reqwest::Client::new(),
        };
        api::resume(&app);
        let router = http::router(app);
        SimulatorHandle::serve(listener, router, faults, background).map_err(bind_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_flag_is_parsed_and_checked() {
        let account = Account::parse("ak:sk:tcs_key").unwrap();
        assert_eq!(
            (
                account.access_key.as_str(),
                account.secret_key.as_str(),
                account.api_key.as_str()
            ),
            ("ak", "sk", "tcs_key")
        );
        assert!(Account::parse("ak:sk").is_err());
        assert!(Account::parse("ak::tcs").is_err());
        assert!(Account::parse("ak:sk:tcs:x").is_err());
    }

    #[test]
    fn an_account_keeps_its_secrets_out_of_debug() {
        let text = format!("{:?}", Account::demo());
        assert!(!text.contains("0ddba11c"), "{text}");
    }
}
