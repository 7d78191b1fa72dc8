//! The shared state every handler sees: the store, the accounts, the fault switches, the background
//! tasks and the fixed configuration. Cheap to clone.

use std::sync::Arc;
use std::time::Duration;

use sim_support::BackgroundTasks;
use sim_support::faults::Faults;

use crate::Account;
use crate::sessions::Sessions;
use crate::store::Store;

#[derive(Debug, Clone)]
pub(crate) struct AppState {
    pub(crate) store: Arc<Store>,
    pub(crate) accounts: Arc<Vec<Account>>,
    pub(crate) faults: Faults,
    pub(crate) config: Arc<Config>,
    pub(crate) sessions: Sessions,
    /// URL fetches and notification deliveries, ended with the simulator.
    pub(crate) background: BackgroundTasks,
    /// The client notifications are sent with (one connection pool for all).
    pub(crate) http: reqwest::Client,
}

/// Settings fixed at start.
#[derive(Debug)]
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT`, the start of every URL the simulator writes.
    pub(crate) base_url: String,
    /// Time an encoding spends `processing`.
    pub(crate) encoding_delay: Duration,
    /// Largest accepted uploaded file.
    pub(crate) max_file_bytes: u64,
    /// Size of upload-session parts (the last part is shorter).
    pub(crate) part_size: u64,
    /// Longest wait for the next piece of a request body.
    pub(crate) idle_timeout: Duration,
    /// Longest a `source_url` fetch may take.
    pub(crate) fetch_timeout: Duration,
    /// How notifications are retried and how often progress is reported.
    pub(crate) delivery: Delivery,
}

impl AppState {
    /// The factory `url`: where its files are served (section 4.1), ending in `/`.
    pub(crate) fn factory_url(&self, factory_id: &str) -> String {
        format!("{}/files/{factory_id}/", self.config.base_url)
    }
}

/// How deliveries are retried; fixed at start.
#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    /// Attempts per notification, the first included (at least 1).
    pub(crate) max_attempts: u32,
    /// Wait before the first retry when the factory's `delay` is 0.
    pub(crate) first_retry: Duration,
    /// Longest wait between two attempts.
    pub(crate) max_retry: Duration,
    /// Longest a receiver may take to answer one attempt.
    pub(crate) timeout: Duration,
    /// How often `encoding-progress` is sent while an encoding runs (the service: about every 10 s).
    pub(crate) progress_interval: Duration,
}

impl Default for Delivery {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            first_retry: Duration::from_secs(1),
            max_retry: Duration::from_secs(300),
            timeout: Duration::from_secs(10),
            progress_interval: Duration::from_secs(10),
        }
    }
}
