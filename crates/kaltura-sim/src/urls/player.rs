//! Player loaders (kaltura-api-v3.md 15.1, 15.2): `embedPlaykitJs` (v7) and
//! `embedIframeJs` (v2) answer with a small script defining `KalturaPlayer`
//! and `kWidget` that render an HTML5 `<video>` of the entry (poster: the
//! thumbnail URL, source: the playManifest URL), plus the auto-embed and
//! iframe forms. Enough for a page that embeds a Kaltura player to play
//! against the simulator.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::{UrlParams, url_error};

const SCRIPT: &str = include_str!("player.js");

/// Which loader was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Loader {
    /// `embedPlaykitJs` (Kaltura Player v7).
    Playkit,
    /// `embedIframeJs` (mwEmbed v2).
    Iframe,
}

/// Answers a loader URL.
pub(super) fn serve(
    loader: Loader,
    base_url: &str,
    partner_id: i64,
    params: &UrlParams,
) -> Response {
    if params
        .get("uiconf_id")
        .or_else(|| params.get("ui_conf_id"))
        .is_none()
    {
        return url_error(20, "Request parameter [uiconf_id] is missing");
    }
    let script = loader_script(base_url, partner_id);
    let entry_id = params.get("entry_id");
    let ks = params.get("ks").or_else(|| params.get("flashvars[ks]"));
    if params.flag("iframeembed") {
        let Some(entry_id) = entry_id else {
            return url_error(20, "Request parameter [entry_id] is missing");
        };
        let setup = embed_call(loader, "player_container", partner_id, entry_id, ks);
        let page = format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Player</title>\
             <style>html,body,#player_container{{margin:0;width:100%;height:100%;background:#000}}</style>\
             </head><body><div id=\"player_container\"></div>\n<script>{script}</script>\n<script>{setup}</script>\
             </body></html>\n"
        );
        return with_headers(page, "text/html; charset=utf-8");
    }
    if params.flag("autoembed") {
        let target = match loader {
            Loader::Playkit => params.get("targetId"),
            Loader::Iframe => params.get("playerId"),
        };
        let (Some(entry_id), Some(target)) = (entry_id, target) else {
            return url_error(20, "Request parameter [entry_id] is missing");
        };
        let setup = embed_call(loader, target, partner_id, entry_id, ks);
        return with_headers(format!("{script}\n{setup}\n"), "text/javascript");
    }
    with_headers(script, "text/javascript")
}

/// The loader script with the simulator's address and the partner baked in.
fn loader_script(base_url: &str, partner_id: i64) -> String {
    SCRIPT
        .replace("__BASE_URL__", &js_string(base_url))
        .replace("__PARTNER_ID__", &partner_id.to_string())
}

/// The call a page makes after loading the script.
fn embed_call(
    loader: Loader,
    target: &str,
    partner_id: i64,
    entry_id: &str,
    ks: Option<&str>,
) -> String {
    let (target, entry) = (js_string(target), js_string(entry_id));
    let ks = ks.map_or_else(|| "null".to_owned(), js_string);
    match loader {
        Loader::Playkit => format!(
            "var kalturaPlayer = KalturaPlayer.setup({{targetId: {target}, provider: {{partnerId: {partner_id}, ks: {ks}}}}});\n\
             kalturaPlayer.loadMedia({{entryId: {entry}}});"
        ),
        Loader::Iframe => format!(
            "kWidget.embed({{targetId: {target}, wid: \"_{partner_id}\", entry_id: {entry}, flashvars: {{ks: {ks}}}}});"
        ),
    }
}

/// A JavaScript string literal that is also safe inside an HTML `<script>`
/// element (no `<`, so no `</script>`).
fn js_string(value: &str) -> String {
    serde_json::Value::from(value)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn with_headers(body: String, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_values_cannot_close_the_script_element() {
        let call = embed_call(Loader::Playkit, "x</script><b>", 100, "0_abc", None);
        assert!(!call.contains("</script>"));
        assert!(call.contains("\\u003c/script\\u003e"));
    }

    #[test]
    fn the_script_names_the_simulator_and_partner() {
        let script = loader_script("http://127.0.0.1:1234", 42);
        assert!(script.contains("var BASE = \"http://127.0.0.1:1234\";"));
        assert!(script.contains("var DEFAULT_PARTNER = 42;"));
        assert!(!script.contains("__BASE_URL__"));
    }
}
