//! The JSON calls of the "Players" section of kts-legacy-api.md:
//! `get_thumbnail_url`, `update_thumbnail_from_player` and
//! `add_kts_mobile_flavor`. (The HTML player pages live apart.)

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::error::json_answer;
use super::{any_legacy, shape};
use crate::http::api_key::{ApiKey, WriteAccess};
use crate::http::legacy::error::LegacyError;
use crate::http::legacy::extract::{LegacyRequest, LegacyTarget};
use crate::http::state::AppState;
use crate::instances::Instances;
use crate::ops::flavors::{self, MobileFlavor};
use crate::ops::players;

/// The player routes with JSON answers.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/get_thumbnail_url", any_legacy(get_thumbnail_url))
        .route(
            "/update_thumbnail_from_player",
            any_legacy(update_thumbnail_from_player),
        )
        .route("/add_kts_mobile_flavor", any_legacy(add_kts_mobile_flavor))
}

/// `/service/get_thumbnail_url`: the default thumbnail, or the entry's
/// thumbnail API URL when it has none.
async fn get_thumbnail_url(
    State(instances): State<Instances>,
    target: LegacyTarget,
) -> Result<Response, LegacyError> {
    let entry = target.entry()?;
    let found = players::thumbnail_url(&instances, target.instance, entry).await?;
    let mut answer = shape::default_thumbnail(&found);
    answer.insert("success".into(), Value::Bool(true));
    Ok(json_answer(StatusCode::OK, Value::Object(answer)))
}

/// `/service/update_thumbnail_from_player`: the frame at `offset` seconds
/// becomes the default thumbnail.
async fn update_thumbnail_from_player(
    State(instances): State<Instances>,
    _key: ApiKey<WriteAccess>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let LegacyRequest { target, params } = request;
    let entry = target.entry()?;
    let offset = players::parse_offset(params.require("offset")?)?;
    let id = players::thumbnail_from_player(&instances, target.instance, entry, offset).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({"success": true, "thumbnail_id": id, "messages": []}),
    ))
}

/// `/service/add_kts_mobile_flavor`: adds the "kts_ipad" flavor once.
async fn add_kts_mobile_flavor(
    State(instances): State<Instances>,
    _key: ApiKey<WriteAccess>,
    target: LegacyTarget,
) -> Result<Response, LegacyError> {
    let answer = match flavors::add_mobile_flavor(&instances, target.instance).await? {
        MobileFlavor::AlreadyConfigured(_) => {
            json!({"success": true, "messages": ["Flavor already configured."]})
        }
        MobileFlavor::Added {
            flavor_id,
            profile_id,
        } => json!({
            "success": true,
            "flavor_id": flavor_id,
            "messages": [
                format!("flavor kts_ipad added, id {flavor_id}"),
                format!("flavor appended to conversion profile {profile_id}"),
                "flavor stored as the instance's mobile flavor",
            ],
        }),
    };
    Ok(json_answer(StatusCode::OK, answer))
}
