//! The player pages of `/service/*` (kts-legacy-api.md, "Players"):
//! `get_player`, `get_thumbnail_player`, `get_mobileplayer_url`,
//! `get_thumbnail`.
//!
//! Each page embeds the instance's player script from the instance's Kaltura
//! server and KTS's own `/static/player.js`; every value a page needs sits in
//! an escaped `data-*` attribute (never inside a script), and a strict
//! Content-Security-Policy allows scripts only from KTS and that server. The
//! player gets a USER session limited to the one entry, never an admin one.
//!
//! Follow-up calls (the capture button) use the API key the page was opened
//! with: the page carries it and sends it only to KTS itself.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use std::sync::Arc;

use crate::config::AccessSettings;
use crate::error::Error;
use crate::http::error::{LegacyError, legacy_failure};
use crate::http::extract::{LegacyParams, LegacyRequest};
use crate::http::player::params::{self, Callback};
use crate::ids::EntryId;
use crate::instances::{Connection, Instances};

/// The player's container and its settings.
#[derive(Debug)]
struct Embed {
    /// `playkit` (v7) or `kwidget` (v2 embedIframeJs).
    loader: &'static str,
    script_url: String,
    partner_id: i64,
    uiconf_id: i64,
    entry_id: String,
    ks: String,
    autoplay: bool,
    width: Option<String>,
    height: Option<String>,
}

/// The thumbnail selector's capture bar.
#[derive(Debug)]
struct Capture {
    callback: String,
    instance: u32,
    api_key: String,
    success_callback: String,
    success_params: String,
    parent_host: String,
}

#[derive(Template)]
#[template(path = "player/player.html")]
struct PlayerPage {
    title: String,
    embed: Embed,
    capture: Option<Capture>,
}

#[derive(Template)]
#[template(path = "player/mobile.html")]
struct MobilePage {
    title: String,
    source: String,
    poster: String,
}

#[derive(Template)]
#[template(path = "player/thumbnail.html")]
struct ThumbnailPage {
    title: String,
    image: String,
}

/// The origin (`scheme://host[:port]`) of the instance's server.
fn origin_of(service_url: &str) -> String {
    url::Url::parse(service_url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

/// Sends `html` with a policy allowing scripts from KTS and `kaltura_origin`,
/// media from anywhere over https (Kaltura serves them from CDN hosts).
fn page_response(html: Result<String, askama::Error>, kaltura_origin: &str) -> Response {
    let html = match html {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(error = %error, "player page could not be rendered");
            return legacy_failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be rendered".into(),
            );
        }
    };
    let csp = format!(
        "default-src 'none'; script-src 'self' {kaltura_origin}; style-src 'self'; \
         img-src 'self' {kaltura_origin} https: data: blob:; \
         media-src {kaltura_origin} https: blob:; connect-src 'self' {kaltura_origin} https:; \
         frame-src {kaltura_origin}; form-action 'self'; base-uri 'none'"
    );
    let mut response = Html(html).into_response();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The API key the page was opened with, to hand on to its own calls.
fn opened_with_key(headers: &HeaderMap, params: &LegacyParams) -> String {
    if let Some(value) = headers.get(header::AUTHORIZATION)
        && let Ok(value) = value.to_str()
        && let Some((scheme, token)) = value.split_once(' ')
        && scheme.eq_ignore_ascii_case("bearer")
    {
        return token.trim().to_owned();
    }
    params.query("api_key").unwrap_or_default().to_owned()
}

fn not_configured(what: &str, connection: &Connection) -> LegacyError {
    LegacyError(Error::InvalidParameter {
        name: "id",
        reason: format!("instance {} has no {what} configured", connection.id()),
    })
}

async fn embed_for(
    instances: &Instances,
    request: &LegacyRequest,
    thumbnail_player: bool,
) -> Result<(Connection, Embed), LegacyError> {
    let entry = request.target.entry()?.clone();
    let connection = instances.connect(request.target.instance).await?;
    let params = &request.params;
    let (uiconf, what) = if thumbnail_player {
        (
            connection.facts.thumbnail_player_uiconf_id,
            "THUMBNAIL_PLAYER_ID",
        )
    } else {
        (connection.facts.player_uiconf_id, "PLAYER_ID")
    };
    let uiconf_id = uiconf.ok_or_else(|| not_configured(what, &connection))?;
    let service = connection.facts.service_url.trim_end_matches('/');
    let partner_id = connection.facts.partner_id;
    let legacy_embed = match params.get("embed").map(str::trim) {
        None | Some("") | Some("playkit") => false,
        Some("iframe") => true,
        Some(_) => {
            return Err(LegacyError(Error::InvalidParameter {
                name: "embed",
                reason: "must be playkit or iframe".into(),
            }));
        }
    };
    let (loader, script_url) = if legacy_embed {
        (
            "kwidget",
            format!(
                "{service}/p/{partner_id}/sp/{partner_id}00/embedIframeJs/uiconf_id/{uiconf_id}/partner_id/{partner_id}"
            ),
        )
    } else {
        (
            "playkit",
            format!("{service}/p/{partner_id}/embedPlaykitJs/uiconf_id/{uiconf_id}"),
        )
    };
    let ks = connection.entry_playback_ks(&entry)?;
    let embed = Embed {
        loader,
        script_url,
        partner_id,
        uiconf_id,
        entry_id: entry.as_str().to_owned(),
        ks: ks.expose().to_owned(),
        autoplay: params::flag("autoplay", params.get("autoplay"))?,
        width: params::size("width", params.get("width"))?,
        height: params::size("height", params.get("height"))?,
    };
    Ok((connection, embed))
}

/// `/service/get_player`: the instance's player (`PLAYER_ID`) for the entry,
/// filling the window; `embed=iframe` for the v2 kWidget embed; `width`,
/// `height`, `autoplay`.
pub async fn get_player(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let (connection, embed) = embed_for(&instances, &request, false).await?;
    let page = PlayerPage {
        title: format!("Player — {}", embed.entry_id),
        embed,
        capture: None,
    };
    Ok(page_response(
        page.render(),
        &origin_of(&connection.facts.service_url),
    ))
}

/// `/service/get_thumbnail_player`: the `THUMBNAIL_PLAYER_ID` player plus a
/// "Use this frame as thumbnail" button posting `entry_id` and `offset` to
/// `callback`, then calling `successCallback(successCallbackParams)` and
/// posting "thumbnail updated" to `parent_host`.
pub async fn get_thumbnail_player(
    State(instances): State<Instances>,
    State(access): State<Arc<AccessSettings>>,
    headers: HeaderMap,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    if request.target.entry.is_none() {
        // The old service's answer for a missing entry.
        return Ok(legacy_failure(
            StatusCode::BAD_REQUEST,
            "Entry Id error".into(),
        ));
    }
    let (connection, embed) = embed_for(&instances, &request, true).await?;
    let params = &request.params;
    let instance = connection.id().get();
    let allowed: Vec<String> = access
        .cors_origins
        .iter()
        .filter_map(|o| o.to_str().ok().map(str::to_owned))
        .collect();
    let callback = match params.get("callback").filter(|c| !c.trim().is_empty()) {
        Some(text) => params::callback(text, &allowed)?,
        None => Callback::SameOrigin(format!(
            "/service/update_thumbnail_from_player?kaltura_id={instance}"
        )),
    };
    // The key goes only to KTS itself, never to another origin.
    let api_key = match &callback {
        Callback::SameOrigin(_) => opened_with_key(&headers, params),
        Callback::Allowed(_) => String::new(),
    };
    let success_callback = match params.get("successCallback").filter(|c| !c.is_empty()) {
        Some(name) => params::function_name(name)?,
        None => String::new(),
    };
    let success_params =
        params::callback_params(params.get("successCallbackParams").unwrap_or(""))?;
    let parent_host = match params.get("parent_host").filter(|c| !c.is_empty()) {
        Some(host) => params::origin(host)?,
        None => String::new(),
    };
    let page = PlayerPage {
        title: format!("Thumbnail selector — {}", embed.entry_id),
        embed,
        capture: Some(Capture {
            callback: callback.as_str().to_owned(),
            instance,
            api_key,
            success_callback,
            success_params,
            parent_host,
        }),
    };
    Ok(page_response(
        page.render(),
        &origin_of(&connection.facts.service_url),
    ))
}

fn entry_urls(connection: &Connection, entry: &EntryId) -> (String, String) {
    let service = connection.facts.service_url.trim_end_matches('/');
    let partner = connection.facts.partner_id;
    (
        format!("{service}/p/{partner}/sp/{partner}00"),
        entry.as_str().to_owned(),
    )
}

/// `/service/get_mobileplayer_url`: a page playing the instance's mobile
/// flavor (`MOBILE_PLAYER_FLAVOR`) of the entry in an HTML5 `<video>`.
pub async fn get_mobileplayer_url(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let entry = request.target.entry()?.clone();
    let connection = instances.connect(request.target.instance).await?;
    let Some(flavor) = connection.facts.mobile_flavor_id else {
        return Ok(legacy_failure(
            StatusCode::NOT_FOUND,
            "Flavor ID not configured!".into(),
        ));
    };
    let ks = connection.entry_playback_ks(&entry)?;
    let (prefix, id) = entry_urls(&connection, &entry);
    let ks = ks.expose();
    let page = MobilePage {
        title: format!("Player — {id}"),
        source: format!(
            "{prefix}/playManifest/entryId/{id}/flavorParamIds/{flavor}/format/url/protocol/https/ks/{ks}/a.mp4"
        ),
        poster: format!("{prefix}/thumbnail/entry_id/{id}/width/640/ks/{ks}"),
    };
    Ok(page_response(
        page.render(),
        &origin_of(&connection.facts.service_url),
    ))
}

/// `/service/get_thumbnail`: a small page showing the entry's thumbnail
/// (`width`, `height` in pixels, default 640 wide).
pub async fn get_thumbnail(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let entry = request.target.entry()?.clone();
    let connection = instances.connect(request.target.instance).await?;
    let pixels = |name: &'static str, default: Option<&str>| -> Result<Option<String>, Error> {
        let value = request.params.get(name).or(default);
        match params::size(name, value)? {
            Some(size) if size.ends_with('%') => Err(Error::InvalidParameter {
                name,
                reason: "must be pixels".into(),
            }),
            other => Ok(other.map(|s| s.trim_end_matches("px").to_owned())),
        }
    };
    let width = pixels("width", Some("640"))?;
    let height = pixels("height", None)?;
    let ks = connection.entry_playback_ks(&entry)?;
    let (prefix, id) = entry_urls(&connection, &entry);
    let mut image = format!("{prefix}/thumbnail/entry_id/{id}");
    if let Some(w) = width {
        image.push_str(&format!("/width/{w}"));
    }
    if let Some(h) = height {
        image.push_str(&format!("/height/{h}"));
    }
    image.push_str(&format!("/ks/{}", ks.expose()));
    let page = ThumbnailPage {
        title: format!("Thumbnail — {id}"),
        image,
    };
    Ok(page_response(
        page.render(),
        &origin_of(&connection.facts.service_url),
    ))
}
