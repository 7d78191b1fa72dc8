//! The `/service/*` calls of the old service (kts-legacy-api.md), one file per
//! section of the contract (media, players, thumbnails, captions).
//!
//! Every call accepts GET and POST (route it with `get(h).post(h)`) and is
//! served with and without a trailing slash (the app trims it before
//! routing). Handlers take `LegacyTarget` / `LegacyParams` / `LegacyRequest`
//! from `http::extract`,
//! `ApiKey<WriteAccess>` when they change data (the router already requires a
//! read key for the whole area), and return `Result<_, LegacyError>`.

use axum::Router;

use crate::state::AppState;

/// The `/service` area, nested under `/service` by `http::router`.
pub fn router() -> Router<AppState> {
    Router::new()
}
