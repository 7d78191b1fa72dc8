//! The resources of telestream-cloud.md 4, one file each: `factories`, `profiles`, `videos`, `encodings`,
//! and the factory's `notifications` settings (6.1). What happens after a call returns lives beside them:
//! `imports` fetches `source_url` videos, `events` sends the notifications of 6.2.
//! [`dispatch`] routes a call by method and path segments to them; both generations share the handlers,
//! which shape their answer through [`Reply`] (v3.0 bare arrays and 200, Flip 3.1 wrapped lists and 201 for
//! created videos and factories). To add a resource: write its file with a `dispatch` of its own and add
//! a line to the `match` below (and to [`call_name`] if its actions have new names).

mod encodings;
mod events;
mod factories;
mod imports;
mod notifications;
mod profiles;
mod upload_sessions;
mod video_json;
mod videos;

use axum::Json;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::request::{ApiRequest, Generation, Params};
use crate::state::AppState;
use crate::store::Store;

pub(crate) use factories::seed;

/// Carries on what a stopped simulator left running: fetches of `source_url` videos, and the
/// notifications of encodings still processing.
pub(crate) fn resume(app: &AppState) {
    imports::resume(app);
    events::resume(app);
}
pub(crate) use upload_sessions::location as upload_location;

/// The fault-rule name of a call: the resource, and `list`, `get`, `create`, `update`, `delete` or the
/// sub-resource (`encodings`, `metadata`, `source`) or collection action (`upload`).
pub(crate) fn call_name(method: &Method, segments: &[String]) -> (String, String) {
    let service = segments.first().cloned().unwrap_or_default();
    let action = match (method.as_str(), segments.len()) {
        ("GET", 1) => "list",
        ("POST", 1) => "create",
        // `PUT /notifications.json`: the settings are one object per factory.
        ("PUT" | "PATCH", 1) => "update",
        ("GET", 2) => "get",
        ("PUT" | "PATCH", 2) => "update",
        ("DELETE", 2) => "delete",
        // `POST /videos/upload.json`: an action on the collection.
        ("POST", 2) => segments[1].as_str(),
        _ => segments.get(2).map_or("", String::as_str),
    };
    (service, action.to_owned())
}

/// Runs a call.
pub(crate) async fn dispatch(app: &AppState, request: ApiRequest) -> Result<Response, ApiError> {
    let resource = request
        .segments
        .first()
        .map(String::as_str)
        .unwrap_or_default();
    match resource {
        "factories" => factories::dispatch(app, &request),
        "profiles" => profiles::dispatch(app, &request),
        "videos" if request.method == Method::POST && request.segments[1..] == ["upload"] => {
            upload_sessions::create(app, &request)
        }
        "videos"
            if request.method == Method::POST
                && request.segments.len() == 1
                && request.file.is_none()
                && request.params.get("source_url").is_some() =>
        {
            imports::create(app, &request)
        }
        "videos" => videos::dispatch(app, request).await,
        "encodings" => encodings::dispatch(app, &request).await,
        "notifications" => notifications::dispatch(app, &request),
        _ => Err(unknown_call(&request)),
    }
}

fn unknown_call(request: &ApiRequest) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        error: "NotFound",
        message: format!(
            "no route for {} /{}.json",
            request.method,
            request.segments.join("/")
        ),
    }
}

/// The `factory_id` of a factory-scoped call (`cloud_id` in Panda's words), checked to exist.
fn factory_of(store: &Store, params: &Params) -> Result<String, ApiError> {
    let id = params
        .get("factory_id")
        .or_else(|| params.get("cloud_id"))
        .ok_or_else(|| ApiError::bad_request("factory_id is required"))?;
    if store.read(|d| d.factories.contains_key(&id)) {
        Ok(id)
    } else {
        Err(ApiError::not_found("Factory", &id))
    }
}

/// Shapes answers for the generation of the call.
#[derive(Debug, Clone, Copy)]
struct Reply(Generation);

impl Reply {
    fn one(self, value: Value) -> Result<Response, ApiError> {
        Ok(Json(value).into_response())
    }

    /// A created video or factory: 201 in Flip 3.1; 200 in v3.0, whose old Go client took anything else
    /// for an error (telestream-cloud.md 3).
    fn created(self, value: Value) -> Result<Response, ApiError> {
        let status = match self.0 {
            Generation::V3 => StatusCode::OK,
            Generation::Flip31 => StatusCode::CREATED,
        };
        Ok((status, Json(value)).into_response())
    }

    /// A page of `items` (`page` from 1, `per_page` 1–100, default 100): a bare array in v3.0,
    /// `{collection, page, per_page, total}` in Flip 3.1.
    fn list(
        self,
        collection: &str,
        params: &Params,
        items: Vec<Value>,
    ) -> Result<Response, ApiError> {
        let page = params.number("page").unwrap_or(1).max(1);
        let per_page = params.number("per_page").unwrap_or(100).clamp(1, 100);
        let total = items.len();
        let start = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
        let shown: Vec<Value> = items
            .into_iter()
            .skip(start)
            .take(usize::try_from(per_page).unwrap_or(100))
            .collect();
        let body = match self.0 {
            Generation::V3 => Value::Array(shown),
            Generation::Flip31 => json!({
                collection: shown,
                "page": page,
                "per_page": per_page,
                "total": total,
            }),
        };
        Ok(Json(body).into_response())
    }
}

fn deleted() -> Result<Response, ApiError> {
    Ok(Json(json!({"deleted": true})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(method: Method, path: &[&str]) -> (String, String) {
        let segments: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
        call_name(&method, &segments)
    }

    #[test]
    fn calls_are_named_by_resource_and_action_for_fault_rules() {
        assert_eq!(
            names(Method::GET, &["videos"]),
            ("videos".into(), "list".into())
        );
        assert_eq!(
            names(Method::POST, &["videos"]),
            ("videos".into(), "create".into())
        );
        assert_eq!(
            names(Method::PATCH, &["factories", "f"]),
            ("factories".into(), "update".into())
        );
        assert_eq!(
            names(Method::GET, &["videos", "v", "encodings"]),
            ("videos".into(), "encodings".into())
        );
    }
}
