//! Integration tests of the simulator: each test starts a real server on 127.0.0.1:0 and talks HTTP.

mod asset_helpers;
mod captions;
mod faults;
mod formats;
mod helpers;
mod lifecycle;
mod media;
mod multirequest;
mod players;
mod probing;
mod requests;
mod sessions;
mod thumbnails;
mod transcoding;
mod upload_token;
mod url_services;
