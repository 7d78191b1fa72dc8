//! The `/service/*` calls of the old service (kts-legacy-api.md), one file per
//! section of the contract (media, players, thumbnails, captions).
//!
//! Every call accepts GET and POST ([`any_legacy`]) and is served with and
//! without a trailing slash (the app trims it before routing). Handlers take
//! `LegacyTarget` / `LegacyRequest` (or `LegacyUpload`, the three calls that
//! take a file) from [`extract`],
//! `ApiKey<WriteAccess>` when they change data (the router already requires a
//! read key for the whole area), and return `Result<_, LegacyError>`
//! ([`error`]).
//! CORS pre-flights (`OPTIONS`) are answered by the router's CORS layer before
//! they reach a handler, for the configured origins (any by default).

use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodRouter, get};

use crate::http::state::AppState;

pub(crate) mod captions;
pub mod error;
pub mod extract;
pub(crate) mod media;
pub(crate) mod multipart_size;
pub(crate) mod players;
pub(crate) mod shape;
pub(crate) mod thumbnails;

/// The `/service` area, nested under `/service` by `http::router`.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(media::router())
        .merge(players::router())
        .merge(thumbnails::router())
        .merge(captions::router())
}

/// Routes GET and POST of a path to `handler` (the old service accepted
/// both for every call).
pub fn any_legacy<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    get(handler.clone()).post(handler)
}
