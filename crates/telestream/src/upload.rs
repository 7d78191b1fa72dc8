//! Uploads of local files (telestream-cloud.md 5): one multipart `POST /videos.json` for small files, and
//! upload sessions with the multi-chunk protocol for anything large.
//!
//! A session upload reads one part at a time from a file or any `AsyncRead`, sends up to
//! `parallel_parts` parts at once (never more than the session's `max_connections`), retries each part
//! (parts are idempotent, 5.3), then asks the server which parts it still misses and, for a file, sends
//! those again. Memory stays at about `part_size × (parallel_parts + 1)` whatever the file's size.

use std::fmt;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::{Bytes, BytesMut};
use futures::StreamExt as _;
use futures::stream::FuturesUnordered;
use reqwest::Method;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncSeekExt as _};
use tracing::Instrument as _;

use crate::chunks::read_part;
use crate::client::{Call, Client, FilePart, LocationRequest};
use crate::error::{Error, Result};
use crate::resources::decode;
use crate::retry::Safety;
use crate::types::{MissingParts, UploadSession, Video};

/// Rounds of "ask what is missing, send it again" after the first pass over a file's parts.
const RESEND_ROUNDS: u32 = 3;

/// How far an upload has come, as given to the callback of [`Upload::on_progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes the server has confirmed.
    pub sent_bytes: u64,
    /// The size of the whole file.
    pub total_bytes: u64,
}

/// The callback of [`Upload::on_progress`].
#[derive(Clone)]
struct ProgressCallback(Arc<dyn Fn(UploadProgress) + Send + Sync>);

impl fmt::Debug for ProgressCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressCallback")
    }
}

/// An upload being configured; see [`Client::upload`].
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    client: &'a Client,
    profiles: Option<Vec<String>>,
    path_format: Option<String>,
    payload: Option<String>,
    file_name: Option<String>,
    progress: Option<ProgressCallback>,
    /// Part buffers whose part the server took, for the next parts. A fresh allocation per part let the
    /// allocator keep the freed ones, so memory grew well past the parts in flight.
    buffers: std::sync::Arc<std::sync::Mutex<Vec<BytesMut>>>,
}

impl Client {
    /// Starts an upload into the configured factory.
    pub fn upload(&self) -> Upload<'_> {
        Upload {
            client: self,
            profiles: None,
            path_format: None,
            payload: None,
            file_name: None,
            progress: None,
            buffers: std::sync::Arc::default(),
        }
    }
}

impl Upload<'_> {
    /// Profile names or ids to encode with. By default the factory's default set; `["none"]` creates no
    /// encodings yet.
    pub fn profiles<I, S>(mut self, profiles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.profiles = Some(profiles.into_iter().map(Into::into).collect());
        self
    }

    /// Output path template (must contain `:id`). By default the platform's (`:id`).
    pub fn path_format(mut self, format: impl Into<String>) -> Self {
        self.path_format = Some(format.into());
        self
    }

    /// Free user data kept with the video, at most 256 characters. By default none.
    pub fn payload(mut self, payload: impl Into<String>) -> Self {
        self.payload = Some(payload.into());
        self
    }

    /// The file name the platform records (`original_filename`) for an upload from a path. By default the
    /// path's own file name.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Calls `callback` each time the server confirms a part of a session upload. It runs on the upload
    /// path: keep it quick. By default nothing is called.
    pub fn on_progress(
        mut self,
        callback: impl Fn(UploadProgress) + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(ProgressCallback(Arc::new(callback)));
        self
    }

    fn options(&self, call: Call) -> Call {
        let mut call = call;
        if let Some(profiles) = &self.profiles {
            call = call.param("profiles", profiles.join(","));
        }
        if let Some(format) = &self.path_format {
            call = call.param("path_format", format.as_str());
        }
        if let Some(payload) = &self.payload {
            call = call.param("payload", payload.as_str());
        }
        call
    }

    /// Sends the file at `path` in one multipart `POST /videos.json` (5.1), streamed from disk. A
    /// failure loses the whole transfer, so prefer [`from_path`](Self::from_path) above a few MiB. This is
    /// a v3.0 call: the Flip 3.1 API documents no direct file upload (4.2), so a Flip client sends the
    /// other parameters as form fields and the platform may refuse it.
    pub async fn small_from_path(&self, path: impl AsRef<Path>) -> Result<Video> {
        let path = path.as_ref();
        let size = tokio::fs::metadata(path).await?.len();
        let file_name = self.name_of(path);
        let call = self.options(Call::new(Method::POST, "/videos.json"));
        let value = self
            .client
            .execute_with_file(
                &call,
                FilePart {
                    path,
                    file_name: &file_name,
                    size,
                },
            )
            .await?;
        decode(&call, value)
    }

    /// Uploads the file at `path` through an upload session (5.2, 5.3) and answers the video it became.
    /// Parts the server still misses after the first pass are sent again, up to three more rounds.
    pub async fn from_path(&self, path: impl AsRef<Path>) -> Result<Video> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let size = file.metadata().await?.len();
        self.run_session(&self.name_of(path), size, PartSource::File(file))
            .await
    }

    /// The configured file name, else `path`'s.
    fn name_of(&self, path: &Path) -> String {
        self.file_name.clone().unwrap_or_else(|| file_name_of(path))
    }

    /// Uploads `size` bytes read from `reader` through an upload session, named `file_name`. The reader is
    /// read once, in order: a part lost after its retries cannot be read again, so the upload then fails
    /// with [`Error::UploadIncomplete`].
    pub async fn from_reader<R>(&self, reader: R, size: u64, file_name: &str) -> Result<Video>
    where
        R: AsyncRead + Send + 'static,
    {
        let source = PartSource::Stream {
            reader: Box::pin(reader),
            position: 0,
        };
        self.run_session(file_name, size, source).await
    }

    async fn run_session(
        &self,
        file_name: &str,
        size: u64,
        mut source: PartSource,
    ) -> Result<Video> {
        let span = tracing::info_span!("telestream.upload", file_name, size);
        async {
            let session = self.create_session(file_name, size).await?;
            let result = self.send_file(&session, size, &mut source).await;
            if result.is_err() {
                self.abort(&session.location).await;
            }
            result
        }
        .instrument(span)
        .await
    }

    /// Sends what the session misses until it misses nothing, in at most `RESEND_ROUNDS` + 1 rounds.
    async fn send_file(
        &self,
        session: &UploadSession,
        size: u64,
        source: &mut PartSource,
    ) -> Result<Video> {
        let layout = Layout::of(session, size)?;
        let location = session.location.as_str();
        let parallel = self
            .client
            .parallel_parts()
            .min(session.max_connections.unwrap_or(u64::MAX).max(1) as usize);
        let mut video = None;
        let mut rounds = 0;
        loop {
            let missing = self.missing_parts(location).await?;
            if missing.is_empty() {
                // The part that completed the file carried the video; if that answer was lost there is
                // nothing to ask for it by (the session id is not the video's).
                return video.ok_or_else(|| Error::Decode {
                    method: "PUT",
                    path: "upload location".into(),
                    detail: "the upload completed without answering the video".into(),
                });
            }
            if rounds > RESEND_ROUNDS || (rounds > 0 && !source.can_rewind()) {
                return Err(Error::UploadIncomplete { missing });
            }
            rounds += 1;
            let confirmed = size - missing.iter().map(|&i| layout.len(i)).sum::<u64>();
            let sent = self
                .send_parts(source, &layout, location, missing, parallel, confirmed)
                .await?;
            video = sent.or(video);
        }
    }

    /// `DELETE <location>`, once and best effort: the session is given up, and a failure to say so
    /// changes nothing for the caller (the platform drops stale sessions itself).
    async fn abort(&self, location: &str) {
        let request = LocationRequest {
            method: Method::DELETE,
            location,
            headers: Vec::new(),
            body: None,
        };
        if let Err(error) = self
            .client
            .execute_at_location(&request, Safety::Unsafe)
            .await
        {
            tracing::warn!(error = %error, "aborting the upload session failed");
        }
    }

    /// `POST /videos/upload.json` with `multi_chunk`. Not retried on server errors: a lost answer may
    /// have opened a session.
    async fn create_session(&self, file_name: &str, size: u64) -> Result<UploadSession> {
        let call = self.options(
            Call::new(Method::POST, "/videos/upload.json")
                .param("file_size", size)
                .param("file_name", file_name)
                .param("multi_chunk", true),
        );
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `GET <location>`: the indices of the parts the server does not hold yet.
    async fn missing_parts(&self, location: &str) -> Result<Vec<u64>> {
        let request = LocationRequest {
            method: Method::GET,
            location,
            headers: Vec::new(),
            body: None,
        };
        let value = self
            .client
            .execute_at_location(&request, Safety::Idempotent)
            .await?;
        let status: MissingParts = serde_json::from_value(value).map_err(|e| Error::Decode {
            method: "GET",
            path: "upload location".into(),
            detail: e.to_string(),
        })?;
        Ok(status.missing_parts)
    }

    /// Sends the parts `indices` with at most `parallel` in flight; answers the video if one of the
    /// answers carried it. A part that fails after its retries is left for the next status round, unless
    /// its failure is final (4xx), which ends the upload.
    async fn send_parts(
        &self,
        source: &mut PartSource,
        layout: &Layout,
        location: &str,
        indices: Vec<u64>,
        parallel: usize,
        confirmed: u64,
    ) -> Result<Option<Video>> {
        let confirmed = AtomicU64::new(confirmed);
        let mut indices = indices.into_iter();
        let mut in_flight = FuturesUnordered::new();
        let mut video = None;
        // A part is read only when a slot is free, so at most `parallel` parts are in memory. (A plain
        // loop rather than a stream over the borrowed source: the futures stay provably `Send`, so a
        // caller can spawn the upload.)
        loop {
            while in_flight.len() < parallel {
                let Some(index) = indices.next() else {
                    break;
                };
                let spare = self.spare_buffer();
                let read = source.read(layout, index, spare).await;
                in_flight.push(self.send_read(location, layout, &confirmed, index, read));
            }
            let Some(answer) = in_flight.next().await else {
                break;
            };
            match answer {
                // The part that completes the file answers the video (5.3).
                Ok(value) if value.get("id").is_some() => {
                    video = serde_json::from_value::<Video>(value).ok().or(video);
                }
                Ok(_) => {}
                Err(error) if error.is_retryable() => {
                    tracing::warn!(error = %error, "upload part failed; the server's list decides");
                }
                Err(error) => return Err(error),
            }
        }
        Ok(video)
    }

    /// Sends one part as read from the source, and reports the progress.
    async fn send_read(
        &self,
        location: &str,
        layout: &Layout,
        confirmed: &AtomicU64,
        index: u64,
        read: Result<Bytes>,
    ) -> Result<Value> {
        let bytes = read?;
        let len = bytes.len() as u64;
        let kept = bytes.clone();
        let answer = self.send_part(location, index, bytes).await?;
        self.recycle(kept);
        let sent = confirmed.fetch_add(len, Ordering::SeqCst) + len;
        if let Some(ProgressCallback(callback)) = &self.progress {
            callback(UploadProgress {
                sent_bytes: sent,
                total_bytes: layout.size,
            });
        }
        Ok(answer)
    }

    fn spare_buffer(&self) -> BytesMut {
        let mut buffers = self.buffers.lock().unwrap_or_else(|p| p.into_inner());
        buffers.pop().unwrap_or_default()
    }

    /// Keeps the buffer of a sent part for a later one, when nothing else holds it.
    fn recycle(&self, bytes: Bytes) {
        if let Ok(buffer) = bytes.try_into_mut() {
            let mut buffers = self.buffers.lock().unwrap_or_else(|p| p.into_inner());
            if buffers.len() <= self.client.parallel_parts() {
                buffers.push(buffer);
            }
        }
    }

    /// `PUT <location>` with `X-Part`: one part, retried as an idempotent call.
    async fn send_part(&self, location: &str, index: u64, bytes: Bytes) -> Result<Value> {
        let request = LocationRequest {
            method: Method::PUT,
            location,
            headers: vec![("X-Part", index.to_string())],
            body: Some(bytes),
        };
        self.client
            .execute_at_location(&request, Safety::Idempotent)
            .await
    }
}

/// The file's name without its folders (later SDKs send the base name, 5.2).
fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload".to_owned())
}

/// How a session cuts the file: part `i` is `[i·part_size, min((i+1)·part_size, size))` (5.3).
#[derive(Debug, Clone, Copy)]
struct Layout {
    size: u64,
    part_size: u64,
    parts: u64,
}

impl Layout {
    fn of(session: &UploadSession, size: u64) -> Result<Self> {
        let part_size = session.part_size.filter(|&p| p > 0);
        let Some(part_size) = part_size else {
            return Err(Error::Decode {
                method: "POST",
                path: "/videos/upload.json".into(),
                detail: "the session has no part_size; multi_chunk was refused".into(),
            });
        };
        let parts = session.parts.unwrap_or_else(|| size.div_ceil(part_size));
        Ok(Self {
            size,
            part_size,
            parts,
        })
    }

    fn offset(&self, index: u64) -> u64 {
        index.saturating_mul(self.part_size).min(self.size)
    }

    fn len(&self, index: u64) -> u64 {
        if index >= self.parts {
            return 0;
        }
        self.offset(index + 1) - self.offset(index)
    }
}

/// Where parts come from: a file read at any offset, or a stream read once, in order.
enum PartSource {
    File(tokio::fs::File),
    Stream {
        reader: Pin<Box<dyn AsyncRead + Send>>,
        position: u64,
    },
}

impl fmt::Debug for PartSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(_) => f.write_str("PartSource::File"),
            Self::Stream { position, .. } => write!(f, "PartSource::Stream at {position}"),
        }
    }
}

impl PartSource {
    fn can_rewind(&self) -> bool {
        matches!(self, Self::File(_))
    }

    /// The bytes of part `index`. A stream skips parts the server already holds, and cannot go back.
    async fn read(&mut self, layout: &Layout, index: u64, buffer: BytesMut) -> Result<Bytes> {
        let offset = layout.offset(index);
        let len = usize::try_from(layout.len(index)).map_err(|_| Error::Decode {
            method: "POST",
            path: "/videos/upload.json".into(),
            detail: "part_size does not fit in memory".into(),
        })?;
        let bytes = match self {
            Self::File(file) => {
                file.seek(std::io::SeekFrom::Start(offset)).await?;
                read_part(file, len, buffer).await?
            }
            Self::Stream { reader, position } => {
                if *position > offset {
                    return Err(Error::UploadIncomplete {
                        missing: vec![index],
                    });
                }
                let skip = offset - *position;
                tokio::io::copy(&mut (&mut *reader).take(skip), &mut tokio::io::sink()).await?;
                let bytes = read_part(reader, len, buffer).await?;
                *position = offset + bytes.len() as u64;
                bytes
            }
        };
        if bytes.len() != len {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("the source ended inside part {index}"),
            )));
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: u64, part_size: u64) -> Layout {
        Layout::of(
            &UploadSession {
                part_size: Some(part_size),
                ..UploadSession::default()
            },
            size,
        )
        .unwrap()
    }

    #[test]
    fn the_last_part_is_shorter_and_parts_cover_the_file() {
        let layout = layout(10, 4);
        assert_eq!(layout.parts, 3);
        assert_eq!((0..3).map(|i| layout.len(i)).collect::<Vec<_>>(), [4, 4, 2]);
        assert_eq!(layout.len(3), 0);
    }

    #[test]
    fn a_session_without_part_size_is_refused() {
        assert!(Layout::of(&UploadSession::default(), 10).is_err());
    }

    #[tokio::test]
    async fn a_stream_skips_parts_the_server_holds_but_cannot_go_back() {
        let layout = layout(10, 4);
        let mut source = PartSource::Stream {
            reader: Box::pin(std::io::Cursor::new((0u8..10).collect::<Vec<_>>())),
            position: 0,
        };
        assert_eq!(
            source
                .read(&layout, 1, BytesMut::new())
                .await
                .unwrap()
                .as_ref(),
            [4, 5, 6, 7]
        );
        assert!(matches!(
            source.read(&layout, 0, BytesMut::new()).await,
            Err(Error::UploadIncomplete { .. })
        ));
        assert_eq!(
            source
                .read(&layout, 2, BytesMut::new())
                .await
                .unwrap()
                .as_ref(),
            [8, 9]
        );
    }

    #[tokio::test]
    async fn a_source_shorter_than_announced_is_an_error() {
        let layout = layout(10, 4);
        let mut source = PartSource::Stream {
            reader: Box::pin(std::io::Cursor::new(vec![0u8; 6])),
            position: 0,
        };
        assert!(source.read(&layout, 0, BytesMut::new()).await.is_ok());
        assert!(matches!(
            source.read(&layout, 1, BytesMut::new()).await,
            Err(Error::Io(_))
        ));
    }
}
