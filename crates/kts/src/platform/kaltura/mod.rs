//! The Kaltura adapter: KTS's operations as api_v3 calls through
//! [`kaltura::Client`] (kaltura-api-v3.md), and Kaltura's answers as `model`
//! values. Only this folder (and `instances.rs`, which builds the client)
//! names the `kaltura` crate.

mod connection;
mod failure;

pub(crate) use failure::failure;

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::instances::Connection;

/// A Kaltura account, ready for calls: the instance's cached client and its
/// non-secret facts.
#[derive(Debug, Clone)]
pub struct Kaltura {
    conn: Connection,
}

impl Kaltura {
    /// Wraps the connection `instances.rs` built for an instance.
    pub(crate) fn new(conn: Connection) -> Self {
        Kaltura { conn }
    }

    pub(crate) fn instance(&self) -> InstanceId {
        self.conn.id()
    }

    /// Turns a failed call about `entry` into [`Error::EntryNotFound`] when
    /// Kaltura does not know it, else into the instance's Kaltura failure.
    fn entry_failure(&self, entry: &EntryId, error: kaltura::Error) -> Error {
        if error.is_not_found() {
            Error::EntryNotFound {
                instance: self.instance(),
                entry: entry.clone(),
            }
        } else {
            self.conn.failure(error)
        }
    }

    /// `media.delete`.
    pub(crate) async fn delete_entry(&self, entry: &EntryId) -> Result<(), Error> {
        self.conn
            .client
            .media()
            .delete(entry.as_str())
            .await
            .map_err(|e| self.entry_failure(entry, e))
    }
}
