//! The file URLs (kaltura-api-v3.md 14.2–14.6): `raw` (with the one-time
//! `relocate` redirect), `download` (any asset of an entry), `flvclipper`,
//! `playManifest` (`format/url` and `format/download` redirect to
//! `serveFlavor`) and `serveFlavor`. Files are streamed by tower-http's
//! `ServeFile`, which answers Range requests (206), `If-Modified-Since`
//! and HEAD.

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use super::{UrlParams, find_entry, url_error};
use crate::state::AppState;
use crate::store::{Entry, entry_status, media_type};
use sim_support::imaging::{self, ThumbnailSpec};

/// The playable file of an entry: its original flavor, else its content.
/// Returns the flavor id (empty for content without a flavor record) and the path.
fn playable_file(app: &AppState, entry: &Entry) -> Option<(String, PathBuf)> {
    app.store.read(|d| {
        let flavor = d
            .flavor_assets
            .values()
            .filter(|f| f.entry_id == entry.id && f.content.is_some())
            .max_by_key(|f| f.is_original);
        match flavor {
            Some(f) => f
                .content
                .as_ref()
                .map(|c| (f.id.clone(), app.store.file_path(&c.path))),
            None => entry
                .content
                .as_ref()
                .map(|c| (String::new(), app.store.file_path(&c.path))),
        }
    })
}

/// Streams `path` with Range support, the probed `Content-Type` and an
/// optional download name.
pub(super) async fn stream(path: PathBuf, req: Request, attachment: Option<&str>) -> Response {
    let probe_path = path.clone();
    let mime = tokio::task::spawn_blocking(move || {
        media_probe::probe_path(&probe_path)
            .format
            .map(|f| f.mime_type())
    })
    .await
    .ok()
    .flatten()
    .unwrap_or_else(|| guess_text_mime(&path));
    let mut response = match ServeFile::new(&path).oneshot(req).await {
        Ok(r) => r.into_response(),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return url_error(5, "required file was not found");
    }
    let success = response.status().is_success();
    let headers = response.headers_mut();
    if success {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    }
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if let Some(name) = attachment
        && let Ok(v) =
            HeaderValue::from_str(&format!("attachment; filename=\"{}\"", safe_name(name)))
    {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// Caption files are text; anything else unrecognised is binary.
fn guess_text_mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("srt" | "vtt" | "dfxp" | "xml" | "scc" | "txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A file name reduced to `[A-Za-z0-9_.-]`, spaces as `-` (what raw does).
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') => Some(c),
            _ => None,
        })
        .take(120)
        .collect();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

fn extension_of(path: &Path) -> String {
    media_probe::probe_path(path)
        .format
        .map_or_else(|| "bin".to_owned(), |f| f.extension().to_owned())
}

pub(super) async fn raw(app: &AppState, params: &UrlParams, req: Request) -> Response {
    let entry = match find_entry(app, params.get("entry_id")) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    let Some((_, path)) = playable_file(app, &entry) else {
        let mut response = url_error(5, "required file was not found");
        response.headers_mut().insert(
            "kalturaraw",
            HeaderValue::from_static("no file found for entry"),
        );
        return response;
    };
    let name = params
        .get("file_name")
        .map(str::to_owned)
        .or_else(|| entry.text.get("name").cloned())
        .unwrap_or_else(|| entry.id.clone());
    let ext = {
        let p = path.clone();
        tokio::task::spawn_blocking(move || extension_of(&p))
            .await
            .unwrap_or_else(|_| "bin".to_owned())
    };
    if !params.flag("forceproxy") && params.get("relocate").is_none() {
        // The real server redirects once to give the browser a file name.
        let uri = req.uri().path().trim_end_matches('/');
        let location = format!("{}/{}.{ext}?relocate=f.{ext}", uri, safe_name(&name));
        return redirect(&location);
    }
    let attachment = (!params.flag("direct_serve")).then(|| format!("{name}.{ext}"));
    stream(path, req, attachment.as_deref()).await
}

pub(super) async fn download(app: &AppState, params: &UrlParams, req: Request) -> Response {
    let entry = match find_entry(app, params.get("entry_id")) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    let Some(asset_id) = params.get("flavor") else {
        return url_error(20, "Request parameter [flavor] is missing");
    };
    let found = app.store.read(|d| {
        let live = |status: i64| status != 3;
        if let Some(t) = d
            .thumb_assets
            .get(asset_id)
            .filter(|t| t.entry_id == entry.id && live(t.status))
        {
            return Some((t.content.clone(), t.file_ext.clone()));
        }
        if let Some(c) = d
            .caption_assets
            .get(asset_id)
            .filter(|c| c.entry_id == entry.id && live(c.status))
        {
            return Some((c.content.clone(), c.file_ext.clone()));
        }
        d.flavor_assets
            .get(asset_id)
            .filter(|f| f.entry_id == entry.id && live(f.status))
            .map(|f| (f.content.clone(), f.file_ext.clone()))
    });
    match found {
        None => url_error(6, "requested flavor was not found"),
        Some((None, _)) => url_error(5, "required file was not found"),
        Some((Some(file), ext)) => {
            let name = format!(
                "{}_{}.{}",
                entry.id,
                asset_id,
                ext.unwrap_or_else(|| "bin".to_owned())
            );
            let attachment = (!params.flag("direct_serve")).then_some(name);
            stream(app.store.file_path(&file.path), req, attachment.as_deref()).await
        }
    }
}

pub(super) async fn flvclipper(app: &AppState, params: &UrlParams, req: Request) -> Response {
    let entry = match find_entry(app, params.get("entry_id")) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    if entry.media_type == Some(media_type::IMAGE) {
        // Image entries answer with the image resized (640×480 by default).
        let Some(file) = entry.content.as_ref() else {
            return url_error(5, "required file was not found");
        };
        let path = app.store.file_path(&file.path);
        let spec = ThumbnailSpec {
            width: 640,
            height: 480,
            ..ThumbnailSpec::default()
        };
        return match tokio::task::spawn_blocking(move || imaging::thumbnail(&path, &spec)).await {
            Ok(Ok(jpeg)) => ([(header::CONTENT_TYPE, "image/jpeg")], jpeg).into_response(),
            _ => url_error(5, "required file was not found"),
        };
    }
    match playable_file(app, &entry) {
        Some((_, path)) => stream(path, req, None).await,
        None => url_error(6, "requested flavor was not found"),
    }
}

pub(super) fn play_manifest(app: &AppState, params: &UrlParams) -> Response {
    let entry = match find_entry(app, params.get("entryId").or_else(|| params.get("e"))) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    let format = params
        .get("format")
        .or_else(|| params.get("f"))
        .unwrap_or("url");
    if !matches!(format, "url" | "download") {
        return url_error(25, "This format is unsupported");
    }
    if entry.status != entry_status::READY {
        return url_error(6, "requested flavor was not found");
    }
    let Some((flavor_id, path)) = playable_file(app, &entry) else {
        return url_error(6, "requested flavor was not found");
    };
    let ext = extension_of(&path);
    let flavor = if flavor_id.is_empty() {
        "source".to_owned()
    } else {
        flavor_id
    };
    let mut location = format!(
        "{}/p/{pid}/sp/{pid}00/serveFlavor/entryId/{}/v/{}/flavorId/{flavor}",
        app.config.base_url,
        entry.id,
        entry.version,
        pid = entry.partner_id
    );
    if format == "download" {
        let name = entry
            .text
            .get("name")
            .map_or_else(|| entry.id.clone(), |n| safe_name(n));
        location.push_str(&format!("/fileName/{name}.{ext}"));
    }
    location.push_str(&format!("/forceproxy/true/name/a.{ext}"));
    redirect(&location)
}

pub(super) async fn serve_flavor(app: &AppState, params: &UrlParams, req: Request) -> Response {
    let entry = match find_entry(app, params.get("entryId")) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    let wanted = params.get("flavorId").unwrap_or("source");
    let Some((flavor_id, path)) = playable_file(app, &entry) else {
        return url_error(6, "requested flavor was not found");
    };
    let other_flavor = app.store.read(|d| {
        d.flavor_assets
            .get(wanted)
            .filter(|f| f.entry_id == entry.id)
            .and_then(|f| f.content.as_ref().map(|c| app.store.file_path(&c.path)))
    });
    let path = match other_flavor {
        Some(p) => p,
        None if wanted == flavor_id || wanted == "source" => path,
        None => return url_error(6, "requested flavor was not found"),
    };
    let attachment = params.get("fileName").map(str::to_owned);
    stream(path, req, attachment.as_deref()).await
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => {
            let mut response = StatusCode::FOUND.into_response();
            response.headers_mut().insert(header::LOCATION, v);
            response.headers_mut().insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            response
        }
        Err(_) => url_error(25, "wrong query attributes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_keep_only_plain_characters() {
        assert_eq!(safe_name("My clip (1).mp4"), "My-clip-1.mp4");
        assert_eq!(safe_name("../../etc"), "....etc");
        assert_eq!(safe_name("ééé"), "file");
    }
}
