//! The HTTP edge: routing, extractors, error bodies, health and metrics.
//!
//! `router.rs` assembles the areas and their layers; `legacy/` holds the
//! `/service/*` calls of kts-legacy-api.md.

pub mod api_key;
pub mod error;
pub mod extract;
pub mod health;
pub mod legacy;
pub mod metrics;
pub mod router;
