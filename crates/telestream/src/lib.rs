//! Typed async client for Telestream Cloud (Flip, formerly Panda).
//!
//! Knows nothing of KTS: any program that talks to Telestream Cloud can use it. The wire protocol it
//! follows is `telestream-cloud.md` of this project.
//!
//! * [`ClientBuilder`] configures one account and factory (base URL, credentials, timeouts, retries,
//!   upload chunking) and builds a [`Client`], cheap to clone and shared by many tasks. The credentials
//!   pick the API generation: signing keys speak v3.0 (HMAC-SHA256 signed parameters), an API key speaks
//!   Flip 3.1 (`X-Api-Key`).
//! * Each resource is a handle with typed calls: [`Client::factories`], [`Client::videos`],
//!   [`Client::encodings`], [`Client::profiles`]. Lists answer a [`Page`] whatever the generation.
//! * [`Client::upload`] sends a local file, in one multipart request or through an upload session with
//!   parallel parts, from a file or any `AsyncRead`, with flat memory and a progress callback.
//! * Every failure is an [`Error`] carrying the platform's status, `error` and `message` verbatim, with
//!   classifiers: [`Error::is_not_found`], [`Error::is_retryable`], [`Error::is_unauthorized`].
//!
//! ```no_run
//! use telestream::{Client, NewVideo};
//!
//! # async fn run() -> telestream::Result<()> {
//! let client = Client::builder()
//!     .signed("access key", "secret key")
//!     .factory_id("f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0")
//!     .build()?;
//!
//! let video = client.upload().profiles(["h264"]).from_path("clip.mp4").await?;
//! let fetched = client
//!     .videos()
//!     .create_from_url(&NewVideo {
//!         source_url: "https://media.example.com/clip.mp4".into(),
//!         ..NewVideo::default()
//!     })
//!     .await?;
//!
//! match client.videos().get("0123456789abcdef0123456789abcdef").await {
//!     Err(error) if error.is_not_found() => println!("no such video"),
//!     other => println!("{:?}", other.map(|v| v.status)),
//! }
//! # let _ = (video, fetched);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod chunks;
mod client;
mod error;
mod resources;
mod retry;
mod signing;
mod types;
mod upload;

pub use client::{
    ApiGeneration, Client, ClientBuilder, DEFAULT_FLIP_BASE_URL, DEFAULT_V3_BASE_URL,
};
pub use error::{Error, Result};
pub use resources::{Encodings, Factories, Profiles, Videos};
pub use retry::RetryPolicy;
pub use types::{
    Encoding, EncodingQuery, Factory, Listed, NewProfile, NewVideo, Page, Profile, ProfileRef,
    Status, Video, VideoQuery,
};
pub use upload::{Upload, UploadProgress};
