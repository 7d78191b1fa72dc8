//! Factories (telestream-cloud.md 4.1): list, get, create, update (`PUT` in v3.0, `PATCH` in Flip 3.1;
//! both accepted in both). Their `url` is where the simulator serves their files. A new simulator has one
//! demo factory with an `h264` profile.

use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{Reply, profiles};
use crate::clock::{self, format_date};
use crate::error::ApiError;
use crate::request::ApiRequest;
use crate::state::AppState;
use crate::store::{Factory, Store, new_id};

/// Creates the demo factory when the store has no factory at all (a new simulator or data folder).
pub(crate) fn seed(store: &Store) {
    store.write(|d| {
        if d.factories.is_empty() {
            let now = clock::now_ms();
            let id = crate::DEMO_FACTORY_ID.to_owned();
            d.factories.insert(
                id.clone(),
                Factory {
                    id: id.clone(),
                    name: "demo".to_owned(),
                    fields: Map::new(),
                    notifications: Default::default(),
                    created_at: now,
                    updated_at: now,
                },
            );
            let profile = profiles::default_profile(&id, now);
            d.profiles.insert(profile.id.clone(), profile);
        }
    });
}

fn to_json(app: &AppState, f: &Factory) -> Value {
    let mut value = json!({
        "s3_private_access": false,
        "upload_original_video": true,
    });
    if let Value::Object(map) = &mut value {
        map.extend(f.fields.clone());
        map.insert("id".into(), json!(f.id));
        map.insert("name".into(), json!(f.name));
        map.insert("url".into(), json!(app.factory_url(&f.id)));
        map.insert("created_at".into(), json!(format_date(f.created_at)));
        map.insert("updated_at".into(), json!(format_date(f.updated_at)));
    }
    value
}

pub(super) fn dispatch(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
    let reply = Reply(request.generation);
    let params = &request.params;
    // `id`, `url` and the dates are the service's; a client echoing a whole factory back must not set them.
    let writable = || {
        let mut fields = params.fields();
        for key in ["id", "url", "created_at", "updated_at", "name"] {
            fields.remove(key);
        }
        // The factory's flags are booleans (4.1), but a v3.0 parameter is a string, and the Python SDK
        // writes a Python bool as `True`/`False`.
        for key in ["upload_original_video", "s3_private_access"] {
            let flag = match fields.get(key).and_then(Value::as_str) {
                Some(v) if v.eq_ignore_ascii_case("true") => true,
                Some(v) if v.eq_ignore_ascii_case("false") => false,
                _ => continue,
            };
            fields.insert(key.into(), Value::Bool(flag));
        }
        fields
    };
    match (request.method.as_str(), &request.segments[1..]) {
        ("GET", []) => {
            let mut all: Vec<Factory> = app.store.read(|d| d.factories.values().cloned().collect());
            all.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
            reply.list(
                "factories",
                params,
                all.iter().map(|f| to_json(app, f)).collect(),
            )
        }
        ("POST", []) => {
            let name = params
                .get("name")
                .ok_or_else(|| ApiError::bad_request("name is required"))?;
            let now = clock::now_ms();
            let factory = Factory {
                id: new_id(),
                name,
                fields: writable(),
                notifications: Default::default(),
                created_at: now,
                updated_at: now,
            };
            app.store.write(|d| {
                let profile = profiles::default_profile(&factory.id, now);
                d.profiles.insert(profile.id.clone(), profile);
                d.factories.insert(factory.id.clone(), factory.clone());
            });
            reply.created(to_json(app, &factory))
        }
        ("GET", [id]) => {
            let factory = app.store.read(|d| d.factories.get(id).cloned());
            reply.one(to_json(
                app,
                &factory.ok_or_else(|| ApiError::not_found("Factory", id))?,
            ))
        }
        ("PUT" | "PATCH", [id]) => {
            let updated = app.store.write(|d| {
                let f = d.factories.get_mut(id)?;
                if let Some(name) = params.get("name") {
                    f.name = name;
                }
                f.fields.extend(writable());
                f.updated_at = clock::now_ms();
                Some(f.clone())
            });
            reply.one(to_json(
                app,
                &updated.ok_or_else(|| ApiError::not_found("Factory", id))?,
            ))
        }
        _ => Err(super::unknown_call(request)),
    }
}
