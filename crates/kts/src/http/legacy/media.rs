//! The "Media" calls of kts-legacy-api.md: `upload_file`, `get_media`,
//! `del_media`, `search_video`, `get_excel`, and the admin-only
//! `kaltura_session_start`. Each reads its parameters, calls `ops`, and
//! shapes the legacy JSON.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::json_answer;
use super::{any_legacy, shape};
use crate::config::UploadSettings;
use crate::error::Error;
use crate::http::api_key::{ApiKey, WriteAccess};
use crate::http::legacy::error::{LegacyError, LegacyMessageError};
use crate::http::legacy::extract::{
    LegacyParams, LegacyRequest, LegacyTarget, Streamed, StreamedPart, not_last,
};
use crate::http::state::AppState;
use crate::ingest::local::LocalFolder;
use crate::instances::Instances;
use crate::ops::export::{self, ExportRequest};
use crate::ops::media::{self, SearchQuery, ThumbSize};
use crate::ops::players;
use crate::ops::upload::{
    self, Delivery, IncomingFile, SentUpload, SpoolPlace, UploadRequest, UploadSource,
};

/// The media routes.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/upload_file", any_legacy(upload_file))
        .route("/get_media", any_legacy(get_media))
        .route("/del_media", any_legacy(del_media))
        .route("/search_video", any_legacy(search_video))
        .route("/get_excel", any_legacy(get_excel))
        .route("/kaltura_session_start", any_legacy(kaltura_session_start))
}

/// The sent file of a streamed part, if the part arrived whole and as long
/// as the platform was told; otherwise an error, and the upload is undone
/// (dropped).
fn whole_file(streamed: Streamed<SentUpload>) -> Result<SentUpload, Error> {
    let Streamed {
        sent,
        received,
        complete,
    } = streamed;
    match sent.announced_size() {
        _ if !complete => Err(Error::MalformedRequest(
            "the upload ended before the file part did".into(),
        )),
        Some(announced) if announced != received => Err(not_last(received, announced)),
        _ => Ok(sent),
    }
}

/// The legacy answer to an upload without data.
fn data_not_posted() -> Response {
    json_answer(
        StatusCode::BAD_REQUEST,
        json!({"success": false, "errorValue": "Data not Posted", "messages": []}),
    )
}

/// `POST /service/upload_file`: a file, a URL (`pullPath`) or a host file
/// (`fromlocal`) becomes an entry. A file part goes on to the platform while
/// it arrives; the entry is made once the whole request is read.
async fn upload_file(
    State(instances): State<Instances>,
    State(uploads): State<Arc<UploadSettings>>,
    _key: ApiKey<WriteAccess>,
    method: Method,
    request: Request,
) -> Result<Response, LegacyError> {
    if method == Method::GET {
        return Ok(data_not_posted());
    }
    let spool = SpoolPlace {
        folder: &uploads.folder,
        limit: uploads.max_file_bytes,
    };
    let send = |params: &LegacyParams, part: StreamedPart| {
        // The parameters sent before the file name its instance.
        let target = LegacyTarget::from_params(params);
        let instances = &instances;
        async move {
            let incoming = IncomingFile {
                reader: part.reader,
                file_name: Some(part.file_name),
                size: part.size,
            };
            upload::send_stream(instances, target?.instance, spool, incoming).await
        }
    };
    let (mut params, streamed) =
        LegacyParams::read_streaming(request, &uploads, "file", send).await?;
    let target = LegacyTarget::from_params(&params)?;
    let sent = match streamed {
        Some(streamed) => Some(whole_file(streamed)?),
        None => None,
    };
    let file = params.take_file("file");
    let pull = params.get("pullPath").map(str::to_owned);
    let local = params.get("fromlocal").map(str::to_owned);
    let given = usize::from(file.is_some() || sent.is_some())
        + usize::from(pull.is_some())
        + usize::from(local.is_some());
    let source = match (sent, file, pull, local) {
        _ if given > 1 => {
            return Err(Error::InvalidParameter {
                name: "file",
                reason: "send exactly one of file, pullPath and fromlocal".into(),
            }
            .into());
        }
        (Some(sent), _, _, _) => UploadSource::Sent(Box::new(sent)),
        (_, Some(file), _, _) => UploadSource::File(file.file),
        (_, _, Some(url), _) => UploadSource::Url(url),
        (_, _, _, Some(path)) => UploadSource::Local(path),
        (None, None, None, None) => return Ok(data_not_posted()),
    };
    let media_name = params.require("medianame")?.to_owned();
    let media_type = params
        .get("mediatype")
        .map(|v| upload::parse_media_type("mediatype", v))
        .transpose()?;
    let default_type = params
        .get("default")
        .map(|v| upload::parse_media_type("default", v))
        .transpose()?
        .unwrap_or(crate::detect::media_type::MediaType::Video);
    let request = UploadRequest {
        name: upload::entry_name(&media_name)?,
        media_name,
        media_type,
        default_type,
        description: params.get("description").map(str::to_owned),
        tags: params.get("tags").map(str::to_owned),
    };
    let uploaded = upload::upload(
        &instances,
        target.instance,
        LocalFolder::of(&uploads),
        request,
        source,
    )
    .await?;
    // The old service's messages, then how the media type was chosen.
    let mut messages = match uploaded.delivery {
        Delivery::Sent => vec!["File Uploaded locally", "Uploaded to Kaltura"],
        Delivery::PulledByPlatform => vec!["Kaltura will now pull and process the video"],
    };
    messages.push(&uploaded.media_type_reason);
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "messages": messages,
            "kaltura_id": uploaded.entry_id,
            "entry_id": uploaded.entry_id,
        }),
    ))
}

/// `/service/get_media`: the entry's facts in one round trip, with a USER
/// session for that entry only.
async fn get_media(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyMessageError> {
    let LegacyRequest { target, params } = request;
    let entry = target.entry()?;
    let size = ThumbSize::parse(params.get("width"), params.get("height"))?;
    let view = media::get(&instances, target.instance, entry, size).await?;
    let mut answer = shape::entry_view(&view);
    answer.insert("success".into(), Value::Bool(true));
    Ok(json_answer(StatusCode::OK, Value::Object(answer)))
}

/// `/service/del_media`: deletes the entry.
async fn del_media(
    State(instances): State<Instances>,
    _key: ApiKey<WriteAccess>,
    target: LegacyTarget,
) -> Result<Response, LegacyMessageError> {
    let entry = target.entry()?;
    media::delete(&instances, target.instance, entry).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({"success": true, "message": "MEDIA_DELETED"}),
    ))
}

/// `/service/search_video`: one page of entries (`page`, `pagesize`, `name`).
async fn search_video(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let LegacyRequest { target, params } = request;
    let query = SearchQuery::parse(
        params.get("page"),
        params.get("pagesize"),
        params.get("name"),
    )?;
    let entries = media::search(&instances, target.instance, &query).await?;
    let records = entries
        .iter()
        .map(|entry| Value::Object(shape::entry_record(target.instance, entry)))
        .collect();
    Ok(json_answer(StatusCode::OK, Value::Array(records)))
}

/// `/service/get_excel`: every entry of the account as an `.xlsx` download.
async fn get_excel(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let LegacyRequest { target, params } = request;
    let export_request = ExportRequest::parse(
        shape::ENTRY_FIELDS,
        params.get("fields"),
        params.get("filename"),
        params.get("pagesize"),
        params.get("types"),
    )?;
    let instance = target.instance;
    let fields = &export_request.fields;
    let export = export::export(&instances, instance, &export_request, |entry| {
        shape::entry_row(instance, entry, fields)
    })
    .await?;
    let disposition = format!("attachment; filename=\"{}\"", export.file_name);
    let disposition = HeaderValue::from_str(&disposition)
        .map_err(|_| Error::Export("unusable file name".into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        export.bytes,
    )
        .into_response())
}

/// `/service/kaltura_session_start`: the old service gave an ADMIN session to
/// anyone. Now it needs a write-scoped API key and a logged-in admin (the
/// admin session cookie, kts-legacy-api.md "Other pages": "keep it only
/// behind admin login"), and the session is a USER session of the instance's
/// user, valid for an hour: the admin KS never leaves KTS.
async fn kaltura_session_start(
    State(instances): State<Instances>,
    _key: ApiKey<WriteAccess>,
    admin: Result<crate::http::admin::session::AdminSession, Response>,
    target: LegacyTarget,
) -> Result<Response, LegacyError> {
    if admin.is_err() {
        return Ok(crate::http::legacy::error::legacy_failure(
            StatusCode::UNAUTHORIZED,
            "kaltura_session_start needs a logged-in admin (the admin session cookie)".into(),
        ));
    }
    let session = players::user_session(&instances, target.instance).await?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "success": true,
            "ks": session.session.expose(),
            "partner_id": session.account_id,
            "service_url": session.service_url,
            "expires_in": session.expires_in,
        }),
    ))
}
