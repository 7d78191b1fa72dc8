//! The shared state every request handler and action sees: the store, the partners, the fault switches and
//! the fixed configuration. Cheap to clone.

use std::sync::Arc;
use std::time::Duration;

use crate::Partner;
use crate::store::Store;
use crate::wire::request::Limits;
use sim_support::faults::Faults;

#[derive(Debug, Clone)]
pub(crate) struct AppState {
    pub(crate) store: Arc<Store>,
    pub(crate) partners: Arc<Vec<Partner>>,
    pub(crate) faults: Faults,
    pub(crate) config: Arc<Config>,
    /// Serialises the assembly of upload-token files (parallel chunks must not interleave).
    pub(crate) uploads: Arc<tokio::sync::Mutex<()>>,
}

/// Settings fixed at start.
#[derive(Debug)]
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT`, used in every URL the simulator builds.
    pub(crate) base_url: String,
    /// Time an entry stays PRECONVERT before READY.
    pub(crate) ready_delay: Duration,
    pub(crate) limits: Limits,
    /// Longest a URL import may take.
    pub(crate) import_timeout: Duration,
    /// Longest a final chunk waits for the chunks before it.
    pub(crate) final_chunk_wait: Duration,
}

impl AppState {
    pub(crate) fn partner(&self, id: i64) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id == id)
    }
}
