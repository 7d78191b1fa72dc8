//! A factory's notification settings (telestream-cloud.md 6.1): `GET /notifications.json` reads them,
//! `PUT` (or `PATCH`) changes the fields it names and answers the new settings. v3.0 sends flat signed
//! parameters (`url`, `delay`, `send_video_payload`, `events[video_created]=true`, booleans as strings);
//! Flip 3.1 a JSON body with an `events` object. A `url` of `null`, `"null"` or `""` unsets it.

use axum::response::Response;
use serde_json::{Value, json};

use super::{Reply, factory_of};
use crate::error::ApiError;
use crate::request::{ApiRequest, Params};
use crate::state::AppState;
use crate::store::{NotificationEvents, NotificationSettings};

/// Longest callback URL kept.
const MAX_URL_CHARS: usize = 2048;
/// Largest `delay`, in seconds (a day: the service retries for 24 hours).
const MAX_DELAY_SECONDS: u64 = 86_400;

pub(super) fn to_json(s: &NotificationSettings) -> Value {
    json!({
        "url": s.url,
        "delay": s.delay,
        "send_video_payload": s.send_video_payload,
        "events": {
            "video_created": s.events.video_created,
            "video_encoded": s.events.video_encoded,
            "encoding_progress": s.events.encoding_progress,
            "encoding_completed": s.events.encoding_completed,
        },
    })
}

/// A boolean as either generation sends it: JSON `true`, or the strings `true`/`false` (also `1`/`0`).
fn boolean(key: &str, value: &str) -> Result<bool, ApiError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::bad_request(format!(
            "{key} must be true or false"
        ))),
    }
}

/// The value of `events.{name}`: in a JSON `events` object, else as the pair `events[name]`.
fn event_value(params: &Params, name: &str) -> Option<String> {
    if let Some(Value::Object(events)) = params.body.get("events") {
        match events.get(name) {
            Some(Value::String(s)) => return Some(s.clone()),
            Some(Value::Null) | None => {}
            Some(other) => return Some(other.to_string()),
        }
    }
    params.get(&format!("events[{name}]"))
}

/// The settings after applying what `params` name; the others keep their values.
fn updated(
    mut settings: NotificationSettings,
    params: &Params,
) -> Result<NotificationSettings, ApiError> {
    if params.body.get("url").is_some_and(Value::is_null) {
        settings.url = None;
    } else if let Some(url) = params.get("url") {
        let url = url.trim();
        settings.url = if url.is_empty() || url == "null" {
            None
        } else {
            let parsed = url::Url::parse(url)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && url.len() <= MAX_URL_CHARS);
            if parsed.is_none() {
                return Err(ApiError::bad_request("url must be an http or https URL"));
            }
            Some(url.to_owned())
        };
    }
    if let Some(delay) = params.get("delay") {
        settings.delay = delay
            .trim()
            .parse()
            .ok()
            .filter(|d| *d <= MAX_DELAY_SECONDS)
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "delay must be a whole number of seconds up to {MAX_DELAY_SECONDS}"
                ))
            })?;
    }
    if let Some(value) = params.get("send_video_payload") {
        settings.send_video_payload = boolean("send_video_payload", &value)?;
    }
    let NotificationEvents {
        video_created,
        video_encoded,
        encoding_progress,
        encoding_completed,
    } = &mut settings.events;
    for (name, slot) in [
        ("video_created", video_created),
        ("video_encoded", video_encoded),
        ("encoding_progress", encoding_progress),
        ("encoding_completed", encoding_completed),
    ] {
        if let Some(value) = event_value(params, name) {
            *slot = boolean(&format!("events[{name}]"), &value)?;
        }
    }
    Ok(settings)
}

pub(super) fn dispatch(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
    let reply = Reply(request.generation);
    let factory_id = factory_of(&app.store, &request.params)?;
    let current = app
        .store
        .read(|d| {
            d.factories
                .get(&factory_id)
                .map(|f| f.notifications.clone())
        })
        .ok_or_else(|| ApiError::not_found("Factory", &factory_id))?;
    match (request.method.as_str(), &request.segments[1..]) {
        ("GET", []) => reply.one(to_json(&current)),
        ("PUT" | "PATCH", []) => {
            let settings = updated(current, &request.params)?;
            app.store.write(|d| {
                if let Some(f) = d.factories.get_mut(&factory_id) {
                    f.notifications = settings.clone();
                }
            });
            reply.one(to_json(&settings))
        }
        _ => Err(super::unknown_call(request)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;

    fn pairs(list: &[(&str, &str)]) -> Params {
        Params {
            pairs: list
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: Map::new(),
        }
    }

    #[test]
    fn signed_pairs_set_the_url_the_delay_and_the_events() {
        let params = pairs(&[
            ("url", "http://127.0.0.1:9/hook"),
            ("delay", "10"),
            ("events[encoding_completed]", "true"),
            ("events[video_created]", "false"),
        ]);
        let s = updated(NotificationSettings::default(), &params).unwrap();
        assert_eq!(s.url.as_deref(), Some("http://127.0.0.1:9/hook"));
        assert_eq!(s.delay, 10);
        assert!(s.events.encoding_completed && !s.events.video_created);
    }

    #[test]
    fn a_json_body_sets_events_from_its_events_object_and_null_unsets_the_url() {
        let before = NotificationSettings {
            url: Some("http://127.0.0.1:9/old".to_owned()),
            ..NotificationSettings::default()
        };
        let params = Params {
            pairs: Vec::new(),
            body:
                json!({"url": null, "events": {"video_encoded": true}, "send_video_payload": true})
                    .as_object()
                    .cloned()
                    .unwrap(),
        };
        let s = updated(before, &params).unwrap();
        assert_eq!(s.url, None);
        assert!(s.events.video_encoded && s.send_video_payload);
    }

    #[test]
    fn the_string_null_unsets_the_url_and_bad_values_are_refused() {
        let before = NotificationSettings {
            url: Some("http://127.0.0.1:9/old".to_owned()),
            ..NotificationSettings::default()
        };
        assert_eq!(
            updated(before, &pairs(&[("url", "null")])).unwrap().url,
            None
        );
        for bad in [
            ("url", "ftp://x/"),
            ("delay", "soon"),
            ("events[video_created]", "maybe"),
        ] {
            assert!(
                updated(NotificationSettings::default(), &pairs(&[bad])).is_err(),
                "{bad:?}"
            );
        }
    }
}
