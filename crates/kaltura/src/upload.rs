//! Chunked, resumable uploads through `uploadToken` (kaltura-api-v3.md 8).
//!
//! The source is read one chunk at a time, so memory stays at about `chunk_size × parallel_chunks` whatever
//! the file size. Sequential uploads write each chunk at its offset; when a chunk fails, the token's
//! `uploadedFileSize` tells where the server stands and only the missing bytes are sent again, so a dropped
//! connection costs at most one chunk. Parallel uploads send the first chunk alone, the middle ones at
//! their offsets in any order, then an empty final chunk that makes the server check the total size.

use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::{Bytes, BytesMut};
use http_retry::{Attempts, Classify as _};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::task::JoinSet;

use crate::Client;
use crate::error::{Error, Result};
use crate::retry::Safety;
use crate::services::ChunkUpload;
use crate::types::{UploadToken, UploadTokenStatus};

/// How far an upload has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes the server has confirmed.
    pub bytes_sent: u64,
    /// Total size, when known.
    pub total: Option<u64>,
}

type ProgressFn = Arc<dyn Fn(UploadProgress) + Send + Sync>;

/// Configures one upload; start it with [`Upload::from_path`] or [`Upload::from_reader`].
#[must_use = "an upload does nothing until started"]
pub struct Upload {
    client: Client,
    file_name: Option<String>,
    progress: Option<ProgressFn>,
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring an upload with the client's chunk size and parallelism.
    pub fn upload(&self) -> Upload {
        Upload {
            client: self.clone(),
            file_name: None,
            progress: None,
        }
    }
}

impl Upload {
    /// The file name given to the token; its extension tells Kaltura the media type. Default: the path's
    /// file name, or `upload.bin` for readers.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Called after each confirmed chunk. Keep it quick: it runs on the upload task.
    pub fn on_progress(
        mut self,
        callback: impl Fn(UploadProgress) + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// Uploads a file and returns the complete token (status FULL_UPLOAD), ready for
    /// `media.addFromUploadedFile` or an `UploadedFileToken` resource.
    pub async fn from_path(mut self, path: impl AsRef<Path>) -> Result<UploadToken> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let size = file.metadata().await?.len();
        if self.file_name.is_none() {
            self.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        }
        self.from_reader(file, Some(size)).await
    }

    /// Uploads everything `reader` yields, in parallel chunks when the client allows them. With `size`
    /// known, the total is checked against it; without it (a stream still arriving), the server checks the
    /// total the final chunk announces.
    pub async fn from_reader<R>(self, reader: R, size: Option<u64>) -> Result<UploadToken>
    where
        R: AsyncRead + Unpin + Send,
    {
        let file_name = self
            .file_name
            .clone()
            .unwrap_or_else(|| "upload.bin".to_owned());
        let wanted = UploadToken {
            file_name: Some(file_name.clone()),
            file_size: size.map(|s| s as f64),
            ..UploadToken::default()
        };
        let token = self.client.upload_token().add(&wanted).await?;
        let id = token.id.clone().ok_or_else(|| Error::Decode {
            service: "uploadToken".into(),
            action: "add".into(),
            detail: "the token has no id".into(),
        })?;
        let span = tracing::info_span!("kaltura.upload", token = %id, size);
        let job = Job {
            client: self.client.clone(),
            id: id.clone(),
            file_name,
            total: size,
            progress: self.progress.clone(),
            confirmed: Arc::new(AtomicU64::new(0)),
            buffers: Arc::default(),
        };
        let parallel = self.client.parallel_chunks();
        let result = tracing::Instrument::instrument(
            async {
                if parallel > 1 {
                    job.run_parallel(reader, parallel).await
                } else {
                    job.run_sequential(reader).await
                }
            },
            span,
        )
        .await;
        if result.is_err() {
            // Best effort: a failed upload should not leave a half-filled token behind.
            if let Err(error) = self.client.upload_token().delete(&id).await {
                tracing::warn!(token = %id, %error, "could not delete the token of a failed upload");
            }
        }
        result
    }
}

/// The shared state of one running upload.
#[derive(Clone)]
struct Job {
    client: Client,
    id: String,
    file_name: String,
    total: Option<u64>,
    progress: Option<ProgressFn>,
    confirmed: Arc<AtomicU64>,
    /// Chunk buffers whose chunk the server confirmed, for the next chunks. A fresh allocation per chunk
    /// let the allocator keep the freed ones, so memory grew well past the chunks in flight.
    buffers: Arc<Mutex<Vec<BytesMut>>>,
}

impl Job {
    /// Reads the next chunk into a reused buffer.
    async fn read_chunk<R: AsyncRead + Unpin>(&self, reader: &mut R) -> Result<Bytes> {
        let spare = self.buffers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        read_chunk(reader, self.client.chunk_size(), spare.unwrap_or_default()).await
    }

    /// Keeps the buffer of a confirmed chunk for a later one, when nothing else holds it.
    fn recycle(&self, data: Bytes) {
        if let Ok(buffer) = data.try_into_mut() {
            let mut buffers = self.buffers.lock().unwrap_or_else(|p| p.into_inner());
            if buffers.len() <= self.client.parallel_chunks() {
                buffers.push(buffer);
            }
        }
    }

    async fn run_sequential<R: AsyncRead + Unpin + Send>(
        &self,
        mut reader: R,
    ) -> Result<UploadToken> {
        let chunk_size = self.client.chunk_size();
        let mut offset = 0u64;
        loop {
            let data = self.read_chunk(&mut reader).await?;
            let n = data.len() as u64;
            let is_last = data.len() < chunk_size || self.total == Some(offset + n);
            if is_last {
                self.check_total(offset + n)?;
            }
            let token = self.send_chunk(data, offset, is_last, true).await?;
            offset += n;
            self.report(n);
            if is_last {
                return Ok(token);
            }
        }
    }

    async fn run_parallel<R: AsyncRead + Unpin + Send>(
        &self,
        mut reader: R,
        parallel: usize,
    ) -> Result<UploadToken> {
        let chunk_size = self.client.chunk_size();
        // The first chunk creates the server's file (resume=false); the others may only follow it.
        let first = self.read_chunk(&mut reader).await?;
        let mut offset = first.len() as u64;
        if first.len() < chunk_size || self.total == Some(offset) {
            self.check_total(offset)?;
            let token = self.send_chunk(first, 0, true, true).await?;
            self.report(offset);
            return Ok(token);
        }
        self.send_chunk(first, 0, false, true).await?;
        self.report(offset);

        let mut in_flight: JoinSet<Result<u64>> = JoinSet::new();
        loop {
            let data = self.read_chunk(&mut reader).await?;
            if data.is_empty() {
                break;
            }
            while in_flight.len() >= parallel {
                self.join_one(&mut in_flight).await?;
            }
            let n = data.len() as u64;
            let job = self.clone();
            let at = offset;
            in_flight.spawn(async move { job.send_chunk(data, at, false, false).await.map(|_| n) });
            offset += n;
            if (n as usize) < chunk_size {
                break;
            }
        }
        while !in_flight.is_empty() {
            self.join_one(&mut in_flight).await?;
        }
        self.check_total(offset)?;
        // An empty final part at the total size: the server appends parked chunks and checks the size.
        self.send_chunk(Bytes::new(), offset, true, false).await
    }

    async fn join_one(&self, set: &mut JoinSet<Result<u64>>) -> Result<()> {
        match set.join_next().await {
            Some(Ok(Ok(sent))) => {
                self.report(sent);
                Ok(())
            }
            Some(Ok(Err(error))) => Err(error),
            Some(Err(join)) => Err(Error::Io(std::io::Error::other(join.to_string()))),
            None => Ok(()),
        }
    }

    /// Sends `data` at `offset`, retrying on failures. With `resync`, a retry first asks the server how
    /// many bytes it holds and resends only what is missing; without it, the chunk is resent whole (safe:
    /// writes at an offset are idempotent).
    async fn send_chunk(
        &self,
        mut data: Bytes,
        mut offset: u64,
        final_chunk: bool,
        resync: bool,
    ) -> Result<UploadToken> {
        let policy = self.client.retry_policy().clone();
        // Writes at an offset are idempotent: any transient failure may be sent again.
        let mut attempts = Attempts::new(&policy, Safety::Idempotent);
        loop {
            let attempt = attempts.next_number();
            let chunk = ChunkUpload {
                data: data.clone(),
                file_name: self.file_name.clone(),
                resume: offset > 0,
                final_chunk,
                resume_at: (offset > 0).then_some(offset),
            };
            let error = match self
                .client
                .upload_token()
                .upload(&self.id, chunk)
                .without_retries()
                .await
            {
                Ok(token) => {
                    self.recycle(data);
                    return Ok(token);
                }
                Err(error) => error,
            };
            let Some(wait) = attempts.retry_after(error.failure()) else {
                return Err(error);
            };
            tracing::warn!(token = %self.id, offset, attempt, %error, ?wait, "upload chunk failed, retrying");
            tokio::time::sleep(wait).await;
            if !resync && !final_chunk {
                continue;
            }
            let token = self.client.upload_token().get(&self.id).await?;
            // A final chunk whose answer was lost may have completed the token; sending it again would
            // be refused (UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD).
            if final_chunk && token.status == Some(UploadTokenStatus::FullUpload) {
                return Ok(token);
            }
            if !resync {
                continue;
            }
            let server = token.uploaded_bytes();
            let end = offset + data.len() as u64;
            if !final_chunk && server >= end && end > 0 {
                return Ok(token);
            }
            if server < offset {
                // Bytes before this chunk were lost and the source has moved on.
                return Err(Error::UploadCannotResume {
                    token: self.id.clone(),
                    server_size: server,
                    offset,
                });
            }
            let skip = usize::try_from(server - offset)
                .unwrap_or(usize::MAX)
                .min(data.len());
            data = data.slice(skip..);
            offset = server;
        }
    }

    fn check_total(&self, read: u64) -> Result<()> {
        match self.total {
            Some(total) if total != read => Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("the source gave {read} bytes, {total} were announced"),
            ))),
            _ => Ok(()),
        }
    }

    fn report(&self, bytes: u64) {
        let sent = self.confirmed.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if let Some(progress) = &self.progress {
            progress(UploadProgress {
                bytes_sent: sent,
                total: self.total,
            });
        }
    }
}

/// Reads up to `size` bytes into `buffer` (its old content dropped), fewer only at the end of the source.
async fn read_chunk<R: AsyncRead + Unpin>(
    reader: &mut R,
    size: usize,
    mut buffer: BytesMut,
) -> Result<Bytes> {
    buffer.clear();
    buffer.resize(size, 0);
    let mut filled = 0;
    while filled < size {
        let n = reader.read(&mut buffer[filled..]).await?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    buffer.truncate(filled);
    Ok(buffer.freeze())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn read_chunk_fills_whole_chunks_from_short_reads() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        // A reader that yields at most 7 bytes per read.
        let (client_side, mut server_side) = tokio::io::duplex(7);
        let writer = tokio::spawn({
            let data = data.clone();
            async move { tokio::io::AsyncWriteExt::write_all(&mut server_side, &data).await }
        });
        let mut reader = client_side;
        let first = read_chunk(&mut reader, 600, BytesMut::new()).await.unwrap();
        let second = read_chunk(&mut reader, 600, BytesMut::from(&b"old"[..]))
            .await
            .unwrap();
        writer.await.unwrap().unwrap();
        assert_eq!(first.len(), 600);
        assert_eq!(second.len(), 400);
        assert_eq!([first, second].concat(), data);
    }
}
