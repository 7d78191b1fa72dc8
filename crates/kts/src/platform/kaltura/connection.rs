//! The connection test of the admin page, for a Kaltura account: start an
//! admin session with the stored secret, then list one entry, and say
//! plainly what failed (Kaltura does not say whether a secret or a partner
//! is wrong).

use std::time::Duration;

use kaltura::{FilterPager, SessionType};

use super::Kaltura;
use crate::platform::ConnectionCheck;

/// Time allowed for the whole test.
const TEST_TIMEOUT: Duration = Duration::from_secs(15);

impl Kaltura {
    /// `session.start` then `media.list` of one entry, within
    /// [`TEST_TIMEOUT`].
    pub(crate) async fn check_connection(&self) -> ConnectionCheck {
        let server = &self.conn.facts.service_url;
        match tokio::time::timeout(TEST_TIMEOUT, self.session_and_list()).await {
            Ok(Ok(works)) => ConnectionCheck::Works(works),
            Ok(Err(fails)) => ConnectionCheck::Fails(fails),
            Err(_) => ConnectionCheck::Fails(format!(
                "no answer from {server} within {} seconds",
                TEST_TIMEOUT.as_secs()
            )),
        }
    }

    async fn session_and_list(&self) -> Result<String, String> {
        let client = &self.conn.client;
        let facts = &self.conn.facts;
        let (server, partner) = (&facts.service_url, facts.partner_id);
        let start = client
            .session()
            .start(
                SessionType::Admin,
                &facts.user_id,
                Duration::from_secs(60),
                "",
            )
            .map_err(|e| format!("cannot start a session: {e}"))?;
        start.await.map_err(|e| explain(&e, server, partner))?;
        let pager = FilterPager {
            page_size: Some(1),
            page_index: Some(1),
        };
        let listed = client
            .media()
            .list(None, Some(&pager))
            .await
            .map_err(|e| explain(&e, server, partner))?;
        let total = listed.total_count.unwrap_or(listed.objects.len() as i64);
        Ok(format!(
            "connection works: session started for partner {partner}, {total} ready entries"
        ))
    }
}

fn explain(error: &kaltura::Error, server: &str, partner: i64) -> String {
    match error {
        kaltura::Error::Transport { .. } => format!("{server} is unreachable ({error})"),
        kaltura::Error::Timeout { .. } => format!("{server} did not answer in time"),
        _ => match error.kaltura_code() {
            // Kaltura answers both a wrong secret and an unknown partner with
            // START_SESSION_ERROR; it does not say which.
            Some("START_SESSION_ERROR") => format!(
                "Kaltura refused the session: wrong admin secret, or no partner {partner} on {server}"
            ),
            Some("INVALID_KS") => {
                "Kaltura refused the session: wrong admin secret or partner id".to_owned()
            }
            Some(code) => format!("Kaltura failed with {code}: {error}"),
            None => format!("{server} did not answer like a Kaltura server ({error})"),
        },
    }
}
