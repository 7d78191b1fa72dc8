//! Delivery of notifications (telestream-cloud.md 6.2, 6.3): one form-encoded POST per event to the
//! factory's `url`, retried with exponential back-off while the receiver fails (a non-2xx answer or no
//! connection), up to a bounded number of attempts. The first retry waits the factory's `delay` seconds,
//! or the simulator's own base wait when `delay` is 0 (short in tests); each later one twice the one
//! before. Deliveries run as background tasks, ended with the simulator.

use std::time::Duration;

use crate::state::AppState;
use crate::store::NotificationSettings;

/// The events of 6.2: the name sent as `event`, and which setting enables it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    VideoCreated,
    VideoEncoded,
    EncodingProgress,
    EncodingComplete,
}

impl Event {
    /// The wire name (hyphens, unlike the settings' underscores).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::VideoCreated => "video-created",
            Self::VideoEncoded => "video-encoded",
            Self::EncodingProgress => "encoding-progress",
            Self::EncodingComplete => "encoding-complete",
        }
    }

    fn enabled(self, settings: &NotificationSettings) -> bool {
        let e = settings.events;
        match self {
            Self::VideoCreated => e.video_created,
            Self::VideoEncoded => e.video_encoded,
            Self::EncodingProgress => e.encoding_progress,
            Self::EncodingComplete => e.encoding_completed,
        }
    }
}

/// The factory's settings when `event` is to be sent (a `url` set and the event enabled).
pub(crate) fn settings_for(
    app: &AppState,
    factory_id: &str,
    event: Event,
) -> Option<NotificationSettings> {
    app.store
        .read(|d| d.factories.get(factory_id).map(|f| f.notifications.clone()))
        .filter(|s| s.url.is_some() && event.enabled(s))
}

/// The wait before retry number `retry` (from 0): `first`, doubling, at most `max`.
fn backoff(first: Duration, max: Duration, retry: u32) -> Duration {
    first
        .checked_mul(2u32.saturating_pow(retry))
        .unwrap_or(max)
        .min(max)
}

/// Sends `fields` (after `event=NAME`) to the settings' `url` in a background task, retrying as this
/// module says.
pub(crate) fn send(
    app: &AppState,
    settings: &NotificationSettings,
    event: Event,
    fields: Vec<(String, String)>,
) {
    let Some(url) = settings.url.clone() else {
        return;
    };
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("event", event.name());
    for (k, v) in &fields {
        form.append_pair(k, v);
    }
    let body = form.finish();
    let delivery = app.config.delivery.clone();
    let first_retry = match settings.delay {
        0 => delivery.first_retry,
        seconds => Duration::from_secs(seconds),
    };
    let client = app.http.clone();
    app.background.spawn(async move {
        for attempt in 0..delivery.max_attempts.max(1) {
            if attempt > 0 {
                tokio::time::sleep(backoff(first_retry, delivery.max_retry, attempt - 1)).await;
            }
            let answer = client
                .post(&url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body.clone())
                .timeout(delivery.timeout)
                .send()
                .await;
            match answer {
                Ok(r) if r.status().is_success() => return,
                Ok(r) => {
                    tracing::info!(%url, status = %r.status(), attempt, "notification refused")
                }
                Err(e) => tracing::info!(%url, error = %e, attempt, "notification not delivered"),
            }
        }
        tracing::warn!(%url, event = event.name(), "notification given up");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_the_maximum() {
        let (first, max) = (Duration::from_millis(10), Duration::from_millis(50));
        let waits: Vec<u128> = (0..5).map(|r| backoff(first, max, r).as_millis()).collect();
        assert_eq!(waits, vec![10, 20, 40, 50, 50]);
        assert_eq!(backoff(first, max, 1000), max);
    }

    #[test]
    fn event_names_use_hyphens() {
        assert_eq!(Event::EncodingComplete.name(), "encoding-complete");
        assert_eq!(Event::VideoCreated.name(), "video-created");
    }
}
