//! The file-answering api_v3 actions `thumbAsset.serve` and `caption_captionAsset.serve`
//! (kaltura-api-v3.md 7.5, 7.6, 14.7): the asset's bytes instead of an XML or JSON envelope, with Range
//! support; errors as an empty body with `X-Kaltura` headers. The KS is optional: without one the partner
//! is the asset's own, as on the real server.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::files::stream;
use crate::ks;
use crate::state::AppState;
use crate::store::{StoredFile, now};
use crate::wire::header_error;
use crate::wire::params::{Map, Value, to_int};
use sim_support::imaging::{self, ThumbnailSpec};

/// Whether `service.action` answers with a file rather than a serialised result.
pub(crate) fn is_file_action(service: &str, action: &str) -> bool {
    matches!(
        (service, action),
        ("thumbasset", "serve") | ("caption_captionasset", "serve")
    )
}

/// A request carrying only what streaming a file needs (method and headers such as `Range`), kept
/// before the body is read for the parameters.
pub(crate) fn forwardable(req: &Request) -> Request {
    let mut forward = Request::new(axum::body::Body::empty());
    *forward.method_mut() = req.method().clone();
    *forward.headers_mut() = req.headers().clone();
    forward
}

/// Answers a file action with the parameters already read.
pub(crate) async fn serve(app: &AppState, service: &str, params: &Map, req: Request) -> Response {
    let text = |name: &str| match params.get(name) {
        Some(Value::Str(s)) if !s.is_empty() => Some(s.as_str()),
        _ => None,
    };
    let partner = match text("ks") {
        None => None,
        Some(raw) => match ks::verify(raw, &app.partners, now()) {
            Ok(session) if !app.store.read(|d| d.ended_sessions.contains(raw)) => {
                Some(session.partner_id)
            }
            _ => return header_error("INVALID_KS", "Invalid KS"),
        },
    };
    let visible =
        |asset_partner: i64, status: i64| status != 3 && partner.is_none_or(|p| p == asset_partner);
    if service == "thumbasset" {
        let Some(id) = text("thumbAssetId") else {
            return header_error(
                "MISSING_MANDATORY_PARAMETER",
                "Missing parameter \"thumbAssetId\"",
            );
        };
        let not_found = || {
            header_error(
                "THUMB_ASSET_ID_NOT_FOUND",
                &format!("The Thumbnail asset id \"{id}\" not found"),
            )
        };
        let found = app.store.read(|d| {
            d.thumb_assets
                .get(id)
                .filter(|t| visible(t.partner_id, t.status))
                .cloned()
        });
        let Some(thumb) = found else {
            return not_found();
        };
        let Some(file) = thumb.content else {
            return header_error("FILE_DOESNT_EXIST", "File doesnt exist");
        };
        let name = format!(
            "{}_{}.{}",
            thumb.entry_id,
            thumb.id,
            thumb.file_ext.as_deref().unwrap_or("jpg")
        );
        match resize_spec(params) {
            Some(spec) => resized(app, &file, spec, download_name(params, &name)).await,
            None => {
                stream(
                    app.store.file_path(&file.path),
                    req,
                    download_name(params, &name).as_deref(),
                )
                .await
            }
        }
    } else {
        let Some(id) = text("captionAssetId") else {
            return header_error(
                "MISSING_MANDATORY_PARAMETER",
                "Missing parameter \"captionAssetId\"",
            );
        };
        let found = app.store.read(|d| {
            d.caption_assets
                .get(id)
                .filter(|c| visible(c.partner_id, c.status))
                .cloned()
        });
        let Some(caption) = found else {
            return header_error(
                "CAPTION_ASSET_ID_NOT_FOUND",
                &format!("Caption asset id \"{id}\" not found"),
            );
        };
        let Some(file) = caption.content else {
            return header_error(
                "CAPTION_ASSET_FILE_NOT_FOUND",
                &format!("Caption asset \"{id}\" file not found"),
            );
        };
        stream(app.store.file_path(&file.path), req, None).await
    }
}

/// `options[download]=1` asks for `Content-Disposition: attachment`.
fn download_name(params: &Map, name: &str) -> Option<String> {
    match params.get("options") {
        Some(Value::Map(options)) => match options.get("download") {
            Some(Value::Str(v)) if crate::wire::params::to_bool(v) => Some(name.to_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// `thumbParams[width]`, `[height]`, `[cropType]`, `[quality]` resize on the fly, like the thumbnail URL.
fn resize_spec(params: &Map) -> Option<ThumbnailSpec> {
    let Some(Value::Map(p)) = params.get("thumbParams") else {
        return None;
    };
    let int = |name: &str| match p.get(name) {
        Some(Value::Str(v)) if !v.is_empty() => Some(to_int(v)),
        _ => None,
    };
    let dimension = |name: &str| {
        int(name)
            .and_then(|v| u32::try_from(v.clamp(0, 10_000)).ok())
            .unwrap_or(0)
    };
    let (width, height) = (dimension("width"), dimension("height"));
    if width == 0 && height == 0 {
        return None;
    }
    Some(ThumbnailSpec {
        width,
        height,
        crop: int("cropType")
            .and_then(crate::thumbnails::crop_type)
            .unwrap_or_default(),
        quality: int("quality")
            .and_then(|q| u8::try_from(q.clamp(0, 100)).ok())
            .unwrap_or(0),
        ..ThumbnailSpec::default()
    })
}

async fn resized(
    app: &AppState,
    file: &StoredFile,
    spec: ThumbnailSpec,
    attachment: Option<String>,
) -> Response {
    let path = app.store.file_path(&file.path);
    match tokio::task::spawn_blocking(move || imaging::thumbnail(&path, &spec)).await {
        Ok(Ok(jpeg)) => {
            let mut response = jpeg.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            if let Some(name) = attachment
                && let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            {
                headers.insert(header::CONTENT_DISPOSITION, v);
            }
            response
        }
        _ => header_error("FILE_DOESNT_EXIST", "File doesnt exist"),
    }
}
