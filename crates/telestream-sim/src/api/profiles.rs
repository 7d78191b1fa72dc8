//! Encoding profiles (telestream-cloud.md 4.4): list, get by id or name, create, update, delete. Options
//! other than `name`, `preset_name` and `extname` are kept verbatim; a profile is an open map.

use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{Reply, factory_of};
use crate::clock::{self, format_date};
use crate::error::ApiError;
use crate::request::{ApiRequest, Params};
use crate::state::AppState;
use crate::store::{Profile, new_id};

/// The profile every new factory gets: `h264`, 1280×720 MP4 (the v3.0 Python SDK's default profile name).
pub(crate) fn default_profile(factory_id: &str, now: i64) -> Profile {
    let mut fields = Map::new();
    fields.insert("title".into(), json!("MP4 (H.264)"));
    fields.insert("width".into(), json!(1280));
    fields.insert("height".into(), json!(720));
    Profile {
        id: new_id(),
        factory_id: factory_id.to_owned(),
        name: "h264".to_owned(),
        preset_name: "h264".to_owned(),
        extname: ".mp4".to_owned(),
        fields,
        created_at: now,
        updated_at: now,
    }
}

/// An extension as stored: with its dot (`mp4` and `.mp4` both mean `.mp4`).
fn dotted(extname: &str) -> String {
    if extname.starts_with('.') {
        extname.to_owned()
    } else {
        format!(".{extname}")
    }
}

fn to_json(p: &Profile) -> Value {
    let mut map = p.fields.clone();
    map.insert("id".into(), json!(p.id));
    map.insert("name".into(), json!(p.name));
    map.insert("preset_name".into(), json!(p.preset_name));
    map.insert("extname".into(), json!(p.extname));
    map.insert("created_at".into(), json!(format_date(p.created_at)));
    map.insert("updated_at".into(), json!(format_date(p.updated_at)));
    Value::Object(map)
}

/// The options a call sets, without the typed ones and those the service owns.
fn options(params: &Params) -> Map<String, Value> {
    let mut fields = params.fields();
    for key in [
        "id",
        "name",
        "preset_name",
        "extname",
        "created_at",
        "updated_at",
    ] {
        fields.remove(key);
    }
    fields
}

/// The profiles of a factory, oldest first.
pub(super) fn of_factory(app: &AppState, factory_id: &str) -> Vec<Profile> {
    let mut all: Vec<Profile> = app.store.read(|d| {
        d.profiles
            .values()
            .filter(|p| p.factory_id == factory_id)
            .cloned()
            .collect()
    });
    all.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    all
}

/// The profile of a factory named by id or name.
pub(super) fn find(app: &AppState, factory_id: &str, id_or_name: &str) -> Option<Profile> {
    of_factory(app, factory_id)
        .into_iter()
        .find(|p| p.id == id_or_name || p.name == id_or_name)
}

pub(super) fn dispatch(app: &AppState, request: &ApiRequest) -> Result<Response, ApiError> {
    let reply = Reply(request.generation);
    let params = &request.params;
    let factory_id = factory_of(&app.store, params)?;
    match (request.method.as_str(), &request.segments[1..]) {
        ("GET", []) => {
            let all = of_factory(app, &factory_id);
            reply.list("profiles", params, all.iter().map(to_json).collect())
        }
        ("POST", []) => {
            let preset_name = params.get("preset_name").unwrap_or_default();
            let command = params.get("command");
            if preset_name.is_empty() && command.is_none() {
                return Err(ApiError::bad_request("preset_name or command is required"));
            }
            let name = params.get("name").unwrap_or_else(|| preset_name.clone());
            if name.is_empty() || find(app, &factory_id, &name).is_some() {
                return Err(ApiError::bad_request(format!(
                    "name {name:?} is empty or already taken"
                )));
            }
            let extname = params.get("extname").map_or_else(
                || {
                    if preset_name.starts_with("webm") {
                        ".webm"
                    } else {
                        ".mp4"
                    }
                    .to_owned()
                },
                |e| dotted(&e),
            );
            let now = clock::now_ms();
            let profile = Profile {
                id: new_id(),
                factory_id,
                name,
                preset_name,
                extname,
                fields: options(params),
                created_at: now,
                updated_at: now,
            };
            app.store
                .write(|d| d.profiles.insert(profile.id.clone(), profile.clone()));
            reply.one(to_json(&profile))
        }
        ("GET", [id]) => {
            let profile =
                find(app, &factory_id, id).ok_or_else(|| ApiError::not_found("Profile", id))?;
            reply.one(to_json(&profile))
        }
        ("PUT" | "PATCH", [id]) => {
            let found =
                find(app, &factory_id, id).ok_or_else(|| ApiError::not_found("Profile", id))?;
            // A profile can be renamed (the v3.0 SDK README's `profile.name = ...; profile.save()`), to a
            // name no other profile of the factory has.
            let name = params.get("name").filter(|n| *n != found.name);
            if let Some(name) = &name
                && (name.is_empty() || find(app, &factory_id, name).is_some())
            {
                return Err(ApiError::bad_request(format!(
                    "name {name:?} is empty or already taken"
                )));
            }
            let updated = app.store.write(|d| {
                let p = d.profiles.get_mut(&found.id)?;
                if let Some(name) = name {
                    p.name = name;
                }
                if let Some(extname) = params.get("extname") {
                    p.extname = dotted(&extname);
                }
                if let Some(preset) = params.get("preset_name") {
                    p.preset_name = preset;
                }
                p.fields.extend(options(params));
                p.updated_at = clock::now_ms();
                Some(p.clone())
            });
            reply.one(to_json(
                &updated.ok_or_else(|| ApiError::not_found("Profile", id))?,
            ))
        }
        ("DELETE", [id]) => {
            let found =
                find(app, &factory_id, id).ok_or_else(|| ApiError::not_found("Profile", id))?;
            app.store.write(|d| d.profiles.remove(&found.id));
            super::deleted()
        }
        _ => Err(super::unknown_call(request)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_is_stored_with_its_dot() {
        assert_eq!(dotted("mp4"), ".mp4");
        assert_eq!(dotted(".webm"), ".webm");
    }
}
