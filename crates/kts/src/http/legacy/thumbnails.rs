//! The thumbnail calls of kts-legacy-api.md ("Thumbnails"):
//! `thumbnail_list`, `thumbnail_set_default`, `remove_thumbnail`,
//! `update_thumbnail_file`, `add_thumbnail_from_url`. Each reads its
//! parameters, calls `ops::thumbnails` and shapes the legacy JSON.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use crate::error::Error;
use crate::http::api_key::{ApiKey, WriteAccess};
use crate::http::legacy::any_legacy;
use crate::http::legacy::error::LegacyError;
use crate::http::legacy::error::json_answer;
use crate::http::legacy::extract::{LegacyRequest, LegacyTarget, LegacyUpload};
use crate::http::legacy::shape::asset_status_name;
use crate::http::state::AppState;
use crate::instances::Instances;
use crate::model::{Thumbnail, ThumbnailRemoval};
use crate::ops::thumbnails::{self, ThumbnailUrl};

/// The thumbnail routes.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/thumbnail_list", any_legacy(thumbnail_list))
        .route("/thumbnail_set_default", any_legacy(thumbnail_set_default))
        .route("/remove_thumbnail", any_legacy(remove_thumbnail))
        .route("/update_thumbnail_file", any_legacy(update_thumbnail_file))
        .route(
            "/add_thumbnail_from_url",
            any_legacy(add_thumbnail_from_url),
        )
}

/// `thumbnail_list`: `id`. A JSON list, newest first.
pub(crate) async fn thumbnail_list(
    State(instances): State<Instances>,
    target: LegacyTarget,
) -> Result<Response, LegacyError> {
    let list = thumbnails::list(&instances, target.instance, target.entry()?).await?;
    let list: Vec<Value> = list.iter().map(thumbnail_json).collect();
    Ok(json_answer(StatusCode::OK, list.into()))
}

/// One thumbnail of `thumbnail_list`; figures the platform left out are 0.
fn thumbnail_json(thumbnail: &Thumbnail) -> Value {
    json!({
        "id": thumbnail.id,
        "width": thumbnail.width.unwrap_or_default(),
        "height": thumbnail.height.unwrap_or_default(),
        "size": thumbnail.size.unwrap_or_default(),
        "created_at": thumbnail.created.unwrap_or_default(),
        "default": thumbnail.is_default,
        "status": asset_status_name(thumbnail.status),
        "url": thumbnail.url,
    })
}

/// `thumbnail_set_default`: `kaltura_id`, `thumbnail_id`.
pub(crate) async fn thumbnail_set_default(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let thumbnail = request.params.asset_id("thumbnail_id")?;
    thumbnails::set_default(&instances, request.target.instance, &thumbnail).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "message": [format!("Thumbnail with id {thumbnail} set as default")],
        }),
    ))
}

/// `remove_thumbnail`: `kaltura_id`, `thumbnail_id`. The default thumbnail
/// is kept and answered with the contract's own shape (400): `messages` as
/// text and `"error": "thumbnail is default"`.
pub(crate) async fn remove_thumbnail(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let thumbnail = request.params.asset_id("thumbnail_id")?;
    let answer = match thumbnails::remove(&instances, request.target.instance, &thumbnail).await? {
        ThumbnailRemoval::Deleted => json_answer(
            StatusCode::OK,
            json!({
                "success": true,
                "message": [format!("Thumbnail with id {thumbnail} deleted")],
            }),
        ),
        ThumbnailRemoval::IsDefault => json_answer(
            StatusCode::BAD_REQUEST,
            json!({
                "success": false,
                "messages": format!(
                    "thumbnail {thumbnail} is the default thumbnail of its entry and cannot be deleted: make another one the default first"
                ),
                "error": "thumbnail is default",
            }),
        ),
    };
    Ok(answer)
}

/// `update_thumbnail_file`: `id`, `file` (an image); optional `default`.
pub(crate) async fn update_thumbnail_file(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyUpload,
) -> Result<Response, LegacyError> {
    let LegacyUpload { target, mut params } = request;
    let entry = target.entry()?;
    let make_default = params.flag("default")?.unwrap_or(false);
    let upload = params
        .take_file("file")
        .ok_or(Error::MissingParameter("file"))?;
    let added = thumbnails::add_from_file(
        &instances,
        target.instance,
        entry,
        &upload.file,
        make_default,
    )
    .await?;
    upload.file.cleanup().await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "kaltura_id": added.thumbnail_id,
            "thumbnail_id": added.thumbnail_id,
            "messages": added.messages,
        }),
    ))
}

/// `add_thumbnail_from_url`: `id`, `url` (http or https; Kaltura fetches it).
pub(crate) async fn add_thumbnail_from_url(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let entry = request.target.entry()?;
    let url = ThumbnailUrl::parse(request.params.require("url")?)?;
    let id = thumbnails::add_from_url(&instances, request.target.instance, entry, &url).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "message": [
                format!("ThumbAsset added to entry, id {id}"),
                format!("url {} applied to thumbnail with id {id}", url.as_str()),
            ],
        }),
    ))
}
