//! Integration tests of the simulator: each test starts a real server on 127.0.0.1:0 and talks HTTP.

mod faults;
mod formats;
mod helpers;
mod lifecycle;
mod media;
mod multirequest;
mod requests;
mod sessions;
mod upload_token;
