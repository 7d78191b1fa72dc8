//! The HTTP edge: routing, extractors, error statuses, health and metrics.
//!
//! `router.rs` assembles the areas and their layers; `legacy/` holds the
//! `/service/*` calls of kts-legacy-api.md; `admin/` the admin pages;
//! `player/` the player pages and upload forms; `assets.rs` their CSS and
//! scripts; `state.rs` what the handlers share (`AppState` and the slices
//! they take through `FromRef`).

pub(crate) mod activity;
pub(crate) mod admin;
pub mod api_key;
pub(crate) mod assets;
pub(crate) mod error;
pub(crate) mod headers;
pub(crate) mod health;
pub mod legacy;
pub(crate) mod metrics;
pub(crate) mod player;
pub(crate) mod router;
pub(crate) mod server;
pub mod state;
