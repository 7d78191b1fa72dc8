//! Pages for people rather than programs: the player pages of `/service/*`
//! (behind the same API-key guard as the JSON calls) and the upload forms at
//! the root of the site.

pub(crate) mod forms;
pub(crate) mod pages;
pub(crate) mod params;

use axum::Router;
use axum::routing::get;

use crate::http::state::AppState;

/// The player pages, nested under `/service` with the legacy calls.
pub(crate) fn service_router() -> Router<AppState> {
    Router::new()
        .route(
            "/get_player",
            get(pages::get_player).post(pages::get_player),
        )
        .route(
            "/get_thumbnail_player",
            get(pages::get_thumbnail_player).post(pages::get_thumbnail_player),
        )
        .route(
            "/get_mobileplayer_url",
            get(pages::get_mobileplayer_url).post(pages::get_mobileplayer_url),
        )
        .route(
            "/get_thumbnail",
            get(pages::get_thumbnail).post(pages::get_thumbnail),
        )
}

/// The upload forms, at the root.
pub(crate) fn forms_router() -> Router<AppState> {
    Router::new()
        .route("/", get(forms::upload_form))
        .route("/thumnail_demo", get(forms::thumbnail_form))
}
