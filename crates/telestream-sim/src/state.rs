//! The shared state every handler sees: the store, the accounts, the fault switches and the fixed
//! configuration. Cheap to clone.

use std::sync::Arc;
use std::time::Duration;

use sim_faults::Faults;

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
}

impl AppState {
    /// The factory `url`: where its files are served (section 4.1), ending in `/`.
    pub(crate) fn factory_url(&self, factory_id: &str) -> String {
        format!("{}/files/{factory_id}/", self.config.base_url)
    }
}
