//! The HTTP edge: routing, extractors, error statuses, health and metrics.
//!
//! `router.rs` assembles the areas and their layers; `legacy/` holds the
//! `/service/*` calls of kts-legacy-api.md; `admin/` the admin pages;
//! `player/` the player pages and upload forms; `assets.rs` their CSS and
//! scripts; `state.rs` what the handlers share (`AppState` and the slices
//! they take through `FromRef`).

pub mod activity;
pub mod admin;
pub mod api_key;
pub mod assets;
pub mod error;
pub mod headers;
pub mod health;
pub mod legacy;
pub mod metrics;
pub mod player;
pub mod router;
pub mod server;
pub mod state;
