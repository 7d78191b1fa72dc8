//! The caption calls of kts-legacy-api.md ("Captions"): `add_caption`,
//! `list_captions`, `set_caption_as_default`, `update_caption`,
//! `remove_caption`. Each reads its parameters, calls `ops::captions` and
//! shapes the legacy JSON.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use crate::detect::caption::LanguageRequest;
use crate::detect::caption_format::CaptionFormat;
use crate::detect::language::LanguageName;
use crate::error::Error;
use crate::http::api_key::{ApiKey, WriteAccess};
use crate::http::legacy::any_legacy;
use crate::http::legacy::error::LegacyError;
use crate::http::legacy::error::json_answer;
use crate::http::legacy::extract::{LegacyParams, LegacyRequest, LegacyTarget, LegacyUpload};
use crate::http::legacy::shape::asset_status_name;
use crate::http::state::AppState;
use crate::instances::Instances;
use crate::model::Caption;
use crate::ops::captions::{self, CaptionChanges, NewCaption};

/// The caption routes.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/add_caption", any_legacy(add_caption))
        .route("/list_captions", any_legacy(list_captions))
        .route(
            "/set_caption_as_default",
            any_legacy(set_caption_as_default),
        )
        .route("/update_caption", any_legacy(update_caption))
        .route("/remove_caption", any_legacy(remove_caption))
}

/// The optional `format` parameter.
fn format_param(params: &LegacyParams) -> Result<Option<CaptionFormat>, Error> {
    params
        .get("format")
        .map(|value| {
            CaptionFormat::parse(value).map_err(|e| Error::InvalidParameter {
                name: "format",
                reason: e.to_string(),
            })
        })
        .transpose()
}

/// The optional `name` parameter (the caption's label).
fn label_param(params: &LegacyParams) -> Result<Option<String>, Error> {
    params.get("name").map(captions::parse_label).transpose()
}

fn language_error(error: impl std::fmt::Display) -> Error {
    Error::InvalidParameter {
        name: "language",
        reason: error.to_string(),
    }
}

/// `add_caption`: `id`, `file`; optional `name`, `language` (a name, an ISO
/// code or `auto`), `default`, `format`.
/// `{"success": true, "messages": [...], "caption_id": X}`.
pub(crate) async fn add_caption(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyUpload,
) -> Result<Response, LegacyError> {
    let LegacyUpload { target, mut params } = request;
    let entry = target.entry()?;
    let label = label_param(&params)?;
    let language = LanguageRequest::parse(params.get("language")).map_err(language_error)?;
    let is_default = params.flag("default")?.unwrap_or(false);
    let format = format_param(&params)?;
    let upload = params
        .take_file("file")
        .ok_or(Error::MissingParameter("file"))?;
    let new = NewCaption {
        file: &upload.file,
        label,
        language,
        is_default,
        format,
    };
    let added = captions::add(&instances, target.instance, entry, new).await?;
    upload.file.cleanup().await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "messages": added.messages,
            "caption_id": added.caption_id,
        }),
    ))
}

/// `list_captions`: `id`. A JSON list, newest first.
pub(crate) async fn list_captions(
    State(instances): State<Instances>,
    target: LegacyTarget,
) -> Result<Response, LegacyError> {
    let list = captions::list(&instances, target.instance, target.entry()?).await?;
    let list: Vec<Value> = list.iter().map(caption_json).collect();
    Ok(json_answer(StatusCode::OK, list.into()))
}

/// One caption of `list_captions`; text the platform left out is empty.
fn caption_json(caption: &Caption) -> Value {
    json!({
        "id": caption.id,
        "language": caption.language.as_deref().unwrap_or_default(),
        "created_at": caption.created.unwrap_or_default(),
        "default": caption.is_default,
        "name": caption.label.as_deref().unwrap_or_default(),
        "format": caption.format.to_string(),
        "status": asset_status_name(caption.status),
        "url": caption.url,
    })
}

/// `set_caption_as_default`: `kaltura_id`, `caption_id`.
pub(crate) async fn set_caption_as_default(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let caption = request.params.asset_id("caption_id")?;
    captions::set_default(&instances, request.target.instance, &caption).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "message": [format!("Caption with id {caption} set as default")],
        }),
    ))
}

/// `update_caption`: `kaltura_id`, `caption_id`; any of `name`, `default`,
/// `language`, `format`. One message per field changed.
pub(crate) async fn update_caption(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let params = &request.params;
    let caption = params.asset_id("caption_id")?;
    let changes = CaptionChanges {
        label: label_param(params)?,
        is_default: params.flag("default")?,
        language: params
            .get("language")
            .map(LanguageName::parse)
            .transpose()
            .map_err(language_error)?,
        format: format_param(params)?,
    };
    let messages =
        captions::update(&instances, request.target.instance, &caption, &changes).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({ "success": true, "messages": messages }),
    ))
}

/// `remove_caption`: `kaltura_id`, `caption_id`.
pub(crate) async fn remove_caption(
    _key: ApiKey<WriteAccess>,
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let caption = request.params.asset_id("caption_id")?;
    captions::remove(&instances, request.target.instance, &caption).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "message": [format!("Caption with id {caption} deleted")],
        }),
    ))
}
