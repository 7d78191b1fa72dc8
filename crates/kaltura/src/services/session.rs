//! `session` (kaltura-api-v3.md 5.6). The client builds its sessions locally; `session.start` is offered
//! for servers or accounts where that is not possible, and for cross-checks.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::ks::{Ks, SessionType};
use crate::retry::Safety::Unsafe;
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `session` service.
#[derive(Debug, Clone, Copy)]
pub struct SessionService<'a> {
    pub(super) client: &'a Client,
}

impl SessionService<'_> {
    /// `session.start` with the configured secret: the user secret for a USER session, the admin secret
    /// for an ADMIN one. Fails with [`Error::Config`] when that secret is not configured.
    pub fn start(
        &self,
        session_type: SessionType,
        user_id: &str,
        lifetime: Duration,
        privileges: &str,
    ) -> Result<Request<Ks>> {
        let secret = match session_type {
            SessionType::User => self.client.user_secret().or(self.client.admin_secret()),
            SessionType::Admin => self.client.admin_secret(),
        }
        .ok_or(Error::Config {
            setting: "user_secret",
            reason: "needed for session.start".into(),
        })?;
        let mut params = Params::new()
            .string("secret", secret)
            .string("userId", user_id)
            .int("type", session_type.as_i64())
            .int("partnerId", self.client.partner_id())
            .int(
                "expiry",
                i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX),
            );
        if !privileges.is_empty() {
            params = params.string("privileges", privileges);
        }
        Ok(Request::new(self.client, "session", "start", params, Unsafe, decode_ks).anonymous())
    }
}

fn decode_ks(value: serde_json::Value) -> std::result::Result<Ks, String> {
    let text = response::string(value)?;
    Ks::new(text).map_err(|e| e.to_string())
}
