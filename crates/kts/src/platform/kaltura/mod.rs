//! The Kaltura adapter: KTS's operations as api_v3 calls through
//! [`kaltura::Client`] (kaltura-api-v3.md), and Kaltura's answers as `model`
//! values. Only this folder (and `instances.rs`, which builds the client)
//! names the `kaltura` crate.

mod assets;
mod captions;
mod client;
mod connection;
mod entries;
mod failure;
mod flavors;
mod players;
mod thumbnails;
mod undo;
mod uploads;

pub(crate) use client::{Connection, InstanceFacts};
pub(crate) use failure::failure;
pub(crate) use flavors::AddedFlavor;

use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::model::PlatformKind;

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

    /// The connection the adapter calls with (tests of the client cache).
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
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

    /// `<service>/p/<partner>`: the root of the account's file paths
    /// (thumbnails, embeds, manifests).
    fn partner_base(&self) -> String {
        let facts = &self.conn.facts;
        format!(
            "{}/p/{}",
            facts.service_url.trim_end_matches('/'),
            facts.partner_id
        )
    }

    /// `<service>/p/<partner>/thumbnail/entry_id/<id>`: Kaltura's thumbnail
    /// API path for an entry.
    fn thumbnail_base(&self, entry: &EntryId) -> String {
        format!("{}/thumbnail/entry_id/{entry}", self.partner_base())
    }

    /// An answer that should have carried an id and did not.
    fn no_id(&self, call: &str) -> Error {
        Error::PlatformFailed {
            instance: self.instance(),
            platform: PlatformKind::Kaltura,
            code: "INVALID_RESPONSE".into(),
            message: format!("{call} answered without an id"),
        }
    }
}

/// Unix seconds now: the cache-busting suffix of thumbnail URLs.
fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}
