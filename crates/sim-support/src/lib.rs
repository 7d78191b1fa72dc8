//! What the platform simulators of the workspace share, so that each is written once:
//!
//! - [`faults`]: misbehaviour on purpose (latency, API errors, HTTP 503s, dropped connections, stalled
//!   uploads), switched by flags and over HTTP at run time;
//! - [`server`]: serving a simulator's router in the background, the handle that stops it, and the
//!   background tasks that end with it;
//! - [`persist`]: the data folder and the records saved to `state.json`;
//! - [`download`]: bounded http(s) downloads, for content a simulator is told to fetch from a URL;
//! - [`imaging`]: decoding, fitting and encoding images, and drawing the frames that stand for captured
//!   video frames.
//!
//! It knows nothing of any platform: wire formats, names of calls and error shapes are each simulator's.

pub mod download;
pub mod faults;
mod glyphs;
pub mod imaging;
pub mod persist;
pub mod server;

pub use server::{BackgroundTasks, ServeError, SimulatorHandle};
