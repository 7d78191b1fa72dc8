//! The player pages of `/service/*` (kts-legacy-api.md, "Players"):
//! `get_player`, `get_thumbnail_player`, `get_mobileplayer_url`,
//! `get_thumbnail`.
//!
//! Each page embeds the instance's player script from the instance's platform
//! server (`ops::players` says which) and KTS's own `/static/player.js`, or,
//! on a platform without a player (Telestream), KTS's own `<video>` over the
//! entry's file; every value a page needs sits in
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
use crate::http::api_key::bearer_token;
use crate::http::legacy::error::{LegacyError, legacy_failure};
use crate::http::legacy::extract::{LegacyParams, LegacyRequest};
use crate::http::player::params::{self, Callback};
use crate::instances::Instances;
use crate::model::{EmbedStyle, PlayerEmbed, PlayerRole};
use crate::ops::players;

/// The player's container and its settings.
#[derive(Debug)]
struct Embed {
    /// `playkit` (v7), `kwidget` (v2 embedIframeJs), or `video`: KTS's own
    /// `<video>` (`video` set) for platforms without a player.
    loader: &'static str,
    /// The file and poster of a `video` embed.
    video: Option<VideoSource>,
    script_url: String,
    partner_id: i64,
    uiconf_id: i64,
    entry_id: String,
    ks: String,
    autoplay: bool,
    width: Option<String>,
    height: Option<String>,
}

/// What KTS's own `<video>` plays.
#[derive(Debug)]
struct VideoSource {
    src: String,
    poster: String,
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

/// Sends `html` with a policy allowing scripts from KTS and `platform_origin`
/// (the instance's platform server),
/// media from anywhere over https (Kaltura serves them from CDN hosts).
fn page_response(html: Result<String, askama::Error>, platform_origin: &str) -> Response {
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
        "default-src 'none'; script-src 'self' {platform_origin}; style-src 'self'; \
         img-src 'self' {platform_origin} https: data: blob:; \
         media-src {platform_origin} https: blob:; connect-src 'self' {platform_origin} https:; \
         frame-src {platform_origin}; form-action 'self'; base-uri 'none'"
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
    if let Some(token) = bearer_token(headers) {
        return token.to_owned();
    }
    params.query("api_key").unwrap_or_default().to_owned()
}

/// The template's embed of the player `role` for the requested entry
/// (`embed=playkit`, the default, or `iframe` for the older embed).
async fn embed_for(
    instances: &Instances,
    request: &LegacyRequest,
    role: PlayerRole,
) -> Result<(String, Embed), LegacyError> {
    let entry = request.target.entry()?;
    let params = &request.params;
    let style = match params.get("embed").map(str::trim) {
        None | Some("") | Some("playkit") => EmbedStyle::Current,
        Some("iframe") => EmbedStyle::Legacy,
        Some(_) => {
            return Err(LegacyError(Error::InvalidParameter {
                name: "embed",
                reason: "must be playkit or iframe".into(),
            }));
        }
    };
    let autoplay = params::flag("autoplay", params.get("autoplay"))?;
    let width = params::size("width", params.get("width"))?;
    let height = params::size("height", params.get("height"))?;
    let embed = match players::embed(instances, request.target.instance, entry, role, style).await?
    {
        PlayerEmbed::Script(found) => (
            found.platform_origin,
            Embed {
                loader: match found.style {
                    EmbedStyle::Current => "playkit",
                    EmbedStyle::Legacy => "kwidget",
                },
                video: None,
                script_url: found.script_url,
                partner_id: found.account_id,
                uiconf_id: found.player_id,
                entry_id: found.entry_id,
                ks: found.playback_session.expose().to_owned(),
                autoplay,
                width,
                height,
            },
        ),
        PlayerEmbed::Video(found) => (
            found.platform_origin,
            Embed {
                loader: "video",
                video: Some(VideoSource {
                    src: found.video_url,
                    poster: found.poster_url,
                }),
                script_url: String::new(),
                partner_id: 0,
                uiconf_id: 0,
                entry_id: entry.as_str().to_owned(),
                ks: String::new(),
                autoplay,
                width,
                height,
            },
        ),
    };
    Ok(embed)
}

/// `/service/get_player`: the instance's player (`PLAYER_ID`) for the entry,
/// filling the window; `embed=iframe` for the v2 kWidget embed; `width`,
/// `height`, `autoplay`.
pub(crate) async fn get_player(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let (origin, embed) = embed_for(&instances, &request, PlayerRole::Viewer).await?;
    let page = PlayerPage {
        title: format!("Player — {}", embed.entry_id),
        embed,
        capture: None,
    };
    Ok(page_response(page.render(), &origin))
}

/// `/service/get_thumbnail_player`: the `THUMBNAIL_PLAYER_ID` player plus a
/// "Use this frame as thumbnail" button posting `entry_id` and `offset` to
/// `callback`, then calling `successCallback(successCallbackParams)` and
/// posting "thumbnail updated" to `parent_host`.
pub(crate) async fn get_thumbnail_player(
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
    let (origin, embed) = embed_for(&instances, &request, PlayerRole::ThumbnailSelector).await?;
    let params = &request.params;
    let instance = request.target.instance.get();
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
    Ok(page_response(page.render(), &origin))
}

/// `/service/get_mobileplayer_url`: a page playing the instance's mobile
/// flavor (`MOBILE_PLAYER_FLAVOR`) of the entry in an HTML5 `<video>`.
pub(crate) async fn get_mobileplayer_url(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let entry = request.target.entry()?;
    let Some(found) = players::mobile_embed(&instances, request.target.instance, entry).await?
    else {
        return Ok(legacy_failure(
            StatusCode::NOT_FOUND,
            "Flavor ID not configured!".into(),
        ));
    };
    let page = MobilePage {
        title: format!("Player — {entry}"),
        source: found.video_url,
        poster: found.poster_url,
    };
    Ok(page_response(page.render(), &found.platform_origin))
}

/// `/service/get_thumbnail`: a small page showing the entry's thumbnail
/// (`width`, `height` in pixels, default 640 wide).
pub(crate) async fn get_thumbnail(
    State(instances): State<Instances>,
    request: LegacyRequest,
) -> Result<Response, LegacyError> {
    let entry = request.target.entry()?;
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
    let image = players::entry_image(
        &instances,
        request.target.instance,
        entry,
        width.as_deref(),
        height.as_deref(),
    )
    .await?;
    let page = ThumbnailPage {
        title: format!("Thumbnail — {entry}"),
        image: image.url,
    };
    Ok(page_response(page.render(), &image.platform_origin))
}
