//! The platform seam: the operations KTS asks of any video platform, and one
//! adapter per platform that performs them.
//!
//! `ops` calls [`Platform`] in KTS's own terms (`model`, `ids`, `Error`) and
//! never names a platform's client; each adapter (`kaltura/`) turns an
//! operation into its platform's calls, maps the platform's "not found" and
//! failures onto [`Error`], and builds `model` values from the answers.
//!
//! An enum rather than a `dyn` trait: async methods need no boxing, and the
//! compiler lists every operation a new platform must fill — add a variant,
//! then follow the errors (`grep -n 'Platform::' src/platform/mod.rs`). An
//! operation a platform cannot perform answers [`Error::NotSupported`].

pub(crate) mod kaltura;

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::model::PlatformKind;

/// One instance's platform, ready for calls (cheap to clone: the adapters
/// hold shared clients).
#[derive(Debug, Clone)]
pub enum Platform {
    /// A Kaltura account.
    Kaltura(kaltura::Kaltura),
}

impl Platform {
    /// Which platform this is.
    pub fn kind(&self) -> PlatformKind {
        match self {
            Platform::Kaltura(_) => PlatformKind::Kaltura,
        }
    }

    /// The instance this platform account is configured as.
    pub fn instance(&self) -> InstanceId {
        match self {
            Platform::Kaltura(k) => k.instance(),
        }
    }

    /// Deletes an entry; [`Error::EntryNotFound`] when the platform does not
    /// know it.
    pub async fn delete_entry(&self, entry: &EntryId) -> Result<(), Error> {
        match self {
            Platform::Kaltura(k) => k.delete_entry(entry).await,
        }
    }

    // Connection test (admin "Test connection").

    /// Tries the account's credentials with a cheap call or two and says
    /// what happened, in words for an admin; never fails (a failure is the
    /// expected outcome of a bad account).
    pub async fn check_connection(&self) -> ConnectionCheck {
        match self {
            Platform::Kaltura(k) => k.check_connection().await,
        }
    }
}

/// What [`Platform::check_connection`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionCheck {
    /// The account works; what was tried.
    Works(String),
    /// The account does not work; why, as plainly as the platform tells.
    Fails(String),
}
