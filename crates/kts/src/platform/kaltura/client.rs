//! An instance's Kaltura client and the facts of its account that are not
//! secret: what `instances.rs` builds (it alone reads the secrets) and the
//! adapter calls with. The playback-only browser session is built here, from
//! the client's cached secrets, without a round trip.

use std::time::Duration;

use kaltura::{Client, Ks, SessionType};

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};

/// Lifetime of the USER sessions handed to callers for one entry: long enough
/// to watch or download it, short enough that a leaked one soon expires.
const ENTRY_KS_LIFETIME: Duration = Duration::from_secs(3600);

/// The facts of an instance that are not secret.
#[derive(Debug, Clone)]
pub(crate) struct InstanceFacts {
    /// The instance's id.
    pub(crate) id: InstanceId,
    /// Kaltura partner id.
    pub(crate) partner_id: i64,
    /// Kaltura service URL without a trailing `/`.
    pub(crate) service_url: String,
    /// uiconf id of the player (`PLAYER_ID`).
    pub(crate) player_uiconf_id: Option<i64>,
    /// uiconf id of the thumbnail-selector player (`THUMBNAIL_PLAYER_ID`).
    pub(crate) thumbnail_player_uiconf_id: Option<i64>,
    /// User id put in sessions (`USER_NAME`).
    pub(crate) user_id: String,
    /// Flavor params id of the mobile flavor (`MOBILE_PLAYER_FLAVOR`).
    pub(crate) mobile_flavor_id: Option<i64>,
}

/// A ready client for one instance.
#[derive(Debug, Clone)]
pub(crate) struct Connection {
    /// The instance's non-secret facts, as read for this request.
    pub(crate) facts: InstanceFacts,
    /// The client, with its cached admin session.
    pub(crate) client: Client,
}

impl Connection {
    /// The instance this connection talks for.
    pub(crate) fn id(&self) -> InstanceId {
        self.facts.id
    }

    /// Turns a client failure into a `kts::Error` naming this instance.
    pub(crate) fn failure(&self, error: kaltura::Error) -> Error {
        super::failure(self.facts.id, error)
    }

    /// The session handed to browsers (in `get_media`, player pages and asset
    /// URLs) for `entry`: kaltura-api-v3.md 5.5's "session for a browser".
    /// Anything given to a browser is public, so it must allow playing this
    /// entry and nothing else:
    /// - a USER session whose user owns nothing: a fresh random user id, never
    ///   the instance's user (a USER session may change every entry its user
    ///   owns, and the instance's user owns every entry KTS creates);
    /// - `sview` and `download` for this entry only;
    /// - `setrole:PLAYBACK_BASE_ROLE`, which limits it to the read actions a
    ///   player needs: every add, update, delete and list is refused;
    /// - valid for [`ENTRY_KS_LIFETIME`].
    ///
    /// Built locally: no round trip.
    pub(crate) fn entry_playback_ks(&self, entry: &EntryId) -> Result<Ks, Error> {
        let privileges = format!("sview:{entry},download:{entry},setrole:{PLAYBACK_ROLE}");
        self.client
            .build_ks(
                SessionType::User,
                &playback_user_id(),
                &privileges,
                ENTRY_KS_LIFETIME,
            )
            .map_err(|e| self.failure(e))
    }
}

/// Kaltura's role for sessions that may only play (kaltura-api-v3.md 5.5).
const PLAYBACK_ROLE: &str = "PLAYBACK_BASE_ROLE";

/// A user id that owns no entry: `kts-viewer-` and 16 random hex digits, new
/// for every session, so no entry can ever be owned by it.
fn playback_user_id() -> String {
    format!("kts-viewer-{:016x}", rand::random::<u64>())
}
