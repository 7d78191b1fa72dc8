//! A Kaltura api_v3 compatible server for tests, benchmarks and demos.
//!
//! Knows nothing of KTS: it speaks the wire protocol of `docs/kaltura-api-v3.md` so that official Kaltura
//! clients work against it unchanged. [`Simulator::builder`] configures partners, an optional data folder,
//! the processing delay, the bind address and [`faults`](FaultSet); [`SimulatorBuilder::spawn`] binds and
//! serves in the background and returns a [`SimulatorHandle`]. [`SimArgs`] declares the same settings as
//! command-line flags, for the `kaltura-sim` binary and for programs that run the simulator (`kts sim`).
//! Media probing is the shared `media-probe` crate; fault injection, the handle, the state file, downloads
//! and drawn images are the shared `sim-support` crate.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kaltura_sim::Error> {
//! let sim = kaltura_sim::Simulator::builder().spawn().await?;
//! println!("Kaltura at {} for partner {}", sim.base_url(), kaltura_sim::Partner::demo().id);
//! sim.shutdown().await?;
//! # Ok(()) }
//! ```

mod cli;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod ks;
mod lifecycle;
mod services;
mod state;
mod storage;
mod store;
mod thumbnails;
mod urls;
mod wire;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sim_support::BackgroundTasks;

pub use cli::SimArgs;
pub use sim_support::SimulatorHandle;
pub use sim_support::faults::{FaultRule, FaultRuleError, FaultSet, Faults};

/// A Kaltura account of the simulator. Both secrets are accepted by `session.start`; only the admin secret
/// signs KSs.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub id: i64,
    pub admin_secret: String,
    pub user_secret: String,
    /// The KS version `session.start` hands out; both versions are always accepted.
    pub ks_version: KsVersion,
}

/// Version of the KSs a partner's `session.start` answers: Kaltura configures it per partner
/// (kaltura-api-v3.md 5.6), v2 for every partner created in the last decade, v1 for some older ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KsVersion {
    /// `base64(sha1hex|fields)`, signed, not encrypted.
    V1,
    /// `v2|{pid}|` and AES-encrypted fields.
    #[default]
    V2,
}

impl Partner {
    /// The demo partner used when none is configured: id `100`, admin secret
    /// `5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e`, user secret `0ddba11c0ddba11c0ddba11c0ddba11c`. Well-known test
    /// values: never use them outside a simulator.
    pub fn demo() -> Self {
        Self {
            id: 100,
            admin_secret: "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e".to_owned(),
            user_secret: "0ddba11c0ddba11c0ddba11c0ddba11c".to_owned(),
            ks_version: KsVersion::V2,
        }
    }

    /// Reads `ID:ADMIN_SECRET:USER_SECRET[:v1|v2]` (the `--partner` flag); without a version, v2.
    pub fn parse(spec: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidPartner(format!("{spec:?}: {reason}"));
        let mut parts = spec.split(':');
        let (Some(id), Some(admin), Some(user), version, None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(invalid("expected ID:ADMIN_SECRET:USER_SECRET[:v1|v2]"));
        };
        let ks_version = match version {
            None | Some("v2") => KsVersion::V2,
            Some("v1") => KsVersion::V1,
            Some(_) => return Err(invalid("the KS version is v1 or v2")),
        };
        let id: i64 = id
            .parse()
            .map_err(|_| invalid("the partner id is not a number"))?;
        if id <= 0 {
            return Err(invalid("partner ids of customers are positive"));
        }
        let secret_ok =
            |s: &str| !s.is_empty() && s.len() <= 128 && s.chars().all(|c| c.is_ascii_graphic());
        if !secret_ok(admin) || !secret_ok(user) {
            return Err(invalid("secrets are 1–128 printable characters"));
        }
        Ok(Self {
            id,
            admin_secret: admin.to_owned(),
            user_secret: user.to_owned(),
            ks_version,
        })
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
    #[error("invalid partner {0}")]
    InvalidPartner(String),
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

/// Configures a simulator. Defaults: the [demo partner](Partner::demo) when none is added, state in a
/// temporary folder, a ready delay of 200 ms, bound to `127.0.0.1:0`, no faults, file parts up to 4 GiB, a
/// final chunk waiting up to 30 s for the missing ones.
#[derive(Debug, Clone)]
pub struct SimulatorBuilder {
    partners: Vec<Partner>,
    data_dir: Option<PathBuf>,
    ready_delay: Duration,
    bind: SocketAddr,
    faults: FaultSet,
    max_file_bytes: u64,
    final_chunk_wait: Duration,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            partners: Vec::new(),
            data_dir: None,
            ready_delay: Duration::from_millis(200),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            faults: FaultSet::default(),
            max_file_bytes: 4 << 30,
            final_chunk_wait: Duration::from_secs(30),
        }
    }
}

impl SimulatorBuilder {
    /// Adds a partner (repeatable). Without any, the demo partner is used.
    pub fn partner(mut self, partner: Partner) -> Self {
        self.partners.push(partner);
        self
    }

    /// Keeps state and files in this folder across restarts (created if missing).
    pub fn data_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.data_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Time an entry spends converting (PRECONVERT) before it becomes READY. Zero makes tests instant.
    pub fn ready_delay(mut self, delay: Duration) -> Self {
        self.ready_delay = delay;
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

    /// Largest accepted uploaded file part, in bytes.
    pub fn max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// Longest a final chunk (`uploadToken.upload` with `finalChunk` and `resume`) waits for earlier chunks
    /// that have not arrived yet before failing with `UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE`. Kaltura
    /// waits 30 s (`upload_final_chunk_max_append_time`); zero fails at once.
    pub fn final_chunk_wait(mut self, wait: Duration) -> Self {
        self.final_chunk_wait = wait;
        self
    }

    /// Binds the address, opens the state and serves in a background task.
    pub async fn spawn(self) -> Result<SimulatorHandle, Error> {
        let listener = tokio::net::TcpListener::bind(self.bind)
            .await
            .map_err(|source| Error::Bind {
                addr: self.bind,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: self.bind,
            source,
        })?;
        let partners = if self.partners.is_empty() {
            vec![Partner::demo()]
        } else {
            self.partners
        };
        let store = store::Store::open(self.data_dir.as_deref(), &partners)?;
        let faults = Faults::new(self.faults);
        let base_url = format!("http://{addr}");
        let app = state::AppState {
            store: Arc::new(store),
            partners: Arc::new(partners),
            faults: faults.clone(),
            config: Arc::new(state::Config {
                base_url: base_url.clone(),
                ready_delay: self.ready_delay,
                limits: wire::request::Limits {
                    max_body_bytes: 16 << 20,
                    max_file_bytes: self.max_file_bytes,
                    max_params: 10_000,
                    idle_timeout: Duration::from_secs(60),
                },
                import_timeout: Duration::from_secs(120),
                final_chunk_wait: self.final_chunk_wait,
            }),
            uploads: Arc::default(),
        };
        lifecycle::resume(&app);
        let router = http::router(app);
        SimulatorHandle::serve(listener, router, faults, BackgroundTasks::default()).map_err(
            |source| Error::Bind {
                addr: self.bind,
                source,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_flag_is_parsed_and_checked() {
        let p = Partner::parse("123:aaaa:bbbb").unwrap();
        assert_eq!(
            (p.id, p.admin_secret.as_str(), p.user_secret.as_str()),
            (123, "aaaa", "bbbb")
        );
        assert!(Partner::parse("123:aaaa").is_err());
        assert!(Partner::parse("x:a:b").is_err());
        assert!(Partner::parse("-1:a:b").is_err());
        assert!(Partner::parse("1::b").is_err());
    }

    #[test]
    fn partner_flag_may_choose_the_ks_version() {
        assert_eq!(Partner::parse("1:a:b").unwrap().ks_version, KsVersion::V2);
        assert_eq!(
            Partner::parse("1:a:b:v2").unwrap().ks_version,
            KsVersion::V2
        );
        assert_eq!(
            Partner::parse("1:a:b:v1").unwrap().ks_version,
            KsVersion::V1
        );
        assert!(Partner::parse("1:a:b:v3").is_err());
        assert!(Partner::parse("1:a:b:v1:x").is_err());
    }
}
