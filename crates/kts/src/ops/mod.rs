//! What KTS does, free of HTTP: each module takes typed inputs (ids, parsed
//! parameters, spooled files), talks to Kaltura through `instances`, and
//! returns values in the legacy shapes. No axum type appears here.

pub mod assets;
pub mod captions;
pub mod export;
pub mod media;
pub mod thumbnails;
pub mod undo;
pub mod upload;
