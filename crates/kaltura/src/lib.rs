//! Typed async client for the Kaltura api_v3.
//!
//! Knows nothing of KTS: any program that talks to Kaltura can use it.
//!
//! * [`ClientBuilder`] configures one account (service URL, partner, secrets, timeouts, retries, upload
//!   chunking) and builds a [`Client`], cheap to clone and shared by many tasks.
//! * The client builds its sessions ([`Ks`]) locally from the admin secret — no `session.start` round
//!   trip — caches the admin session and renews it before it expires (module [`ks`]).
//! * Each Kaltura service is a method returning a typed [`Request`]: `client.media().get(id).await`.
//!   Several requests travel in one round trip with [`Multirequest`].
//! * [`Client::upload`] streams a file or any `AsyncRead` through `uploadToken` in chunks, resuming
//!   from the server's offset after a failure.
//! * Every failure is an [`Error`] with classifiers: [`Error::kaltura_code`], [`Error::is_retryable`],
//!   [`Error::is_not_found`].
//!
//! ```no_run
//! use kaltura::{Client, MediaEntry, MediaType};
//!
//! # async fn run() -> kaltura::Result<()> {
//! let client = Client::builder("https://www.kaltura.com", 12345)
//!     .admin_secret("the partner's admin secret")
//!     .user_id("kts")
//!     .build()?;
//!
//! let token = client.upload().from_path("clip.mp4").await?;
//! let entry = MediaEntry {
//!     name: Some("My clip".into()),
//!     media_type: Some(MediaType::Video),
//!     ..Default::default()
//! };
//! let entry = client
//!     .media()
//!     .add_from_uploaded_file(&entry, token.id.as_deref().unwrap_or_default())
//!     .await?;
//!
//! match client.media().get("0_nope").await {
//!     Err(error) if error.is_not_found() => println!("no such entry"),
//!     other => println!("{:?}", other.map(|e| e.name)),
//! }
//! # let _ = entry;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod client;
mod error;
pub mod ks;
mod multirequest;
mod request;
mod retry;
pub mod services;
pub mod types;
mod upload;
mod wire;

pub use client::{CallReport, Client, ClientBuilder};
pub use error::{ApiError, Error, REDACTED, Result, redact_secrets};
pub use ks::{Ks, KsVersion, SessionType};
pub use multirequest::{Multirequest, MultirequestResults, Slot};
pub use request::Request;
pub use retry::RetryPolicy;
pub use types::*;
pub use upload::{Upload, UploadProgress};
pub use wire::ResponseFormat;
