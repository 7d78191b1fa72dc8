//! The Telestream Cloud adapter: KTS's operations as calls on one factory
//! through [`telestream::Client`] (telestream-cloud.md, section 8 maps them),
//! and Telestream's answers as `model` values. Only this folder (and
//! `instances.rs`, which builds the client) names the `telestream` crate.
//!
//! An entry is a video. What a video cannot hold — a name, a description,
//! tags, which thumbnail is the default — KTS keeps in its store
//! (`entry_details`); the marker that finds an upload again is the video's
//! `payload`. Files (the source, encodings, screenshots) are served from the
//! factory's storage URL, so player pages are KTS's own HTML5 pages over them.
//! Telestream has no caption tracks and no sessions: those operations answer
//! [`Error::NotSupported`].

mod entries;
mod failure;
mod files;
mod players;
mod thumbnails;
mod uploads;

pub(crate) use failure::failure;

use std::sync::Arc;

use tokio::sync::OnceCell;

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::model::PlatformKind;
use crate::platform::ConnectionCheck;
use crate::store::Store;

/// The factory's storage URL (`url`, ending in `/`), read once per client:
/// output, screenshot and source URLs are this plus a file name.
pub(crate) type FactoryUrl = Arc<OnceCell<String>>;

/// What `instances.rs` builds for a Telestream instance.
#[derive(Debug, Clone)]
pub(crate) struct Connection {
    /// The instance.
    pub(crate) id: InstanceId,
    /// The client of the instance's factory.
    pub(crate) client: telestream::Client,
    /// Where the details a video has no field for are kept.
    pub(crate) store: Store,
    /// Profiles new videos are encoded with; `None` for the factory's.
    pub(crate) profiles: Option<String>,
    /// The factory's storage URL, once read.
    pub(crate) factory: FactoryUrl,
}

/// A Telestream factory, ready for calls (cheap to clone: the connection is
/// shared).
#[derive(Debug, Clone)]
pub struct Telestream {
    conn: Arc<Connection>,
}

impl Telestream {
    /// Wraps the connection `instances.rs` built for an instance.
    pub(crate) fn new(conn: Connection) -> Self {
        Telestream {
            conn: Arc::new(conn),
        }
    }

    pub(crate) fn instance(&self) -> InstanceId {
        self.conn.id
    }

    fn client(&self) -> &telestream::Client {
        &self.conn.client
    }

    fn failure(&self, error: telestream::Error) -> Error {
        failure(self.conn.id, error)
    }

    /// Turns a failed call about `entry` into [`Error::EntryNotFound`] when
    /// the factory does not know it, else into the instance's failure.
    fn entry_failure(&self, entry: &EntryId, error: telestream::Error) -> Error {
        if error.is_not_found() {
            Error::EntryNotFound {
                instance: self.instance(),
                entry: entry.clone(),
            }
        } else {
            self.failure(error)
        }
    }

    /// An operation Telestream Cloud has no equivalent for.
    fn not_supported(&self, operation: &'static str) -> Error {
        Error::NotSupported {
            instance: self.instance(),
            platform: PlatformKind::Telestream,
            operation,
        }
    }

    /// Captions: Telestream Cloud has no caption tracks (reference 8).
    pub(crate) fn captions_unsupported(&self) -> Error {
        self.not_supported("manage captions (Telestream Cloud keeps no caption tracks)")
    }

    /// Sessions: files are served from the factory's storage without one.
    pub(crate) fn sessions_unsupported(&self) -> Error {
        self.not_supported("start a session (Telestream Cloud has no user sessions)")
    }

    /// Mobile renditions: every upload is encoded with the instance's
    /// profiles, whose mp4 output the player pages play.
    pub(crate) fn mobile_flavor_unsupported(&self) -> Error {
        self.not_supported("add a mobile flavor (set the instance's encoding profiles instead)")
    }

    /// An answer that lacks what every answer of its kind carries.
    fn invalid_answer(&self, what: &str) -> Error {
        Error::PlatformFailed {
            instance: self.instance(),
            platform: PlatformKind::Telestream,
            code: "INVALID_RESPONSE".into(),
            message: format!("the answer has no {what}"),
        }
    }

    /// The factory's storage URL, ending in `/`: read on first use.
    async fn factory_url(&self) -> Result<&str, Error> {
        let url = self
            .conn
            .factory
            .get_or_try_init(|| async {
                let id = self.client().factory_id().unwrap_or_default().to_owned();
                let factory = self
                    .client()
                    .factories()
                    .get(&id)
                    .await
                    .map_err(|e| self.failure(e))?;
                let url = factory
                    .url
                    .ok_or_else(|| self.invalid_answer("factory url"))?;
                Ok::<_, Error>(if url.ends_with('/') {
                    url
                } else {
                    format!("{url}/")
                })
            })
            .await?;
        Ok(url.as_str())
    }

    /// Reads the factory and its profiles: the credentials work and the
    /// factory exists.
    pub(crate) async fn check_connection(&self) -> ConnectionCheck {
        let id = self.client().factory_id().unwrap_or_default().to_owned();
        let factory = match self.client().factories().get(&id).await {
            Ok(factory) => factory,
            Err(error) => return ConnectionCheck::Fails(self.failure(error).to_string()),
        };
        match self.client().profiles().list().await {
            Ok(profiles) => ConnectionCheck::Works(format!(
                "factory {} ({}) answered with {} encoding profile(s)",
                id,
                factory.name.unwrap_or_else(|| "no name".into()),
                profiles.items.len()
            )),
            Err(error) => ConnectionCheck::Fails(self.failure(error).to_string()),
        }
    }
}
