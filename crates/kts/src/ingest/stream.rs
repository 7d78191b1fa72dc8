//! A file passed on from a request body to a platform upload while it
//! arrives, so that KTS holds a few chunks of it, never the whole file.
//!
//! [`pipe`] gives the two ends: the [`BodyPipe`] the HTTP layer pushes the
//! body's chunks into, counting them against the upload limit, and the
//! [`IncomingReader`] a platform client reads them from. The channel between
//! them is short, so a slow platform slows the client's upload down instead
//! of filling KTS's memory.

use std::pin::Pin;

use bytes::Bytes;
use futures::Stream;
use tokio::sync::mpsc;
use tokio_util::io::StreamReader;

use crate::ingest::spool::SpoolError;
use crate::telemetry::metric;

/// Body chunks waiting between the request and the platform upload. A
/// request body arrives in frames of up to a few hundred KiB, so this keeps
/// at most a few MiB in flight.
const CHUNKS_IN_FLIGHT: usize = 8;

type ChunkStream = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// The reading end: the file's bytes in order, or the error that cut the
/// body short.
pub type IncomingReader = StreamReader<ChunkStream, Bytes>;

/// The writing end, fed by the HTTP layer.
#[derive(Debug)]
pub struct BodyPipe {
    sender: mpsc::Sender<std::io::Result<Bytes>>,
    received: u64,
    limit: u64,
}

/// Both ends of a new pipe for a file of at most `limit` bytes.
pub fn pipe(limit: u64) -> (BodyPipe, IncomingReader) {
    let (sender, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
    let chunks = futures::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    let reader = StreamReader::new(Box::pin(chunks) as ChunkStream);
    (
        BodyPipe {
            sender,
            received: 0,
            limit,
        },
        reader,
    )
}

impl BodyPipe {
    /// Passes `chunk` on. `Ok(false)` when the reader is gone (its upload
    /// ended, well or badly): nothing more is wanted. Over the limit the
    /// reader is told so and the call fails with [`SpoolError::TooLarge`].
    pub async fn send(&mut self, chunk: Bytes) -> Result<bool, SpoolError> {
        self.received += chunk.len() as u64;
        if self.received > self.limit {
            let limit = self.limit;
            self.fail(format!("the upload is larger than {limit} bytes"))
                .await;
            return Err(SpoolError::TooLarge { limit });
        }
        metrics::counter!(metric::UPLOAD_BYTES).increment(chunk.len() as u64);
        Ok(self.sender.send(Ok(chunk)).await.is_ok())
    }

    /// Ends the reader's stream with an error, so the upload reading it
    /// stops and undoes itself instead of taking a cut body for the file.
    pub async fn fail(&mut self, why: String) {
        let _ = self.sender.send(Err(std::io::Error::other(why))).await;
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    #[tokio::test]
    async fn the_reader_gets_the_chunks_in_order_and_then_the_end() {
        let (mut body, mut reader) = pipe(100);
        let writer = tokio::spawn(async move {
            for part in [&b"abc"[..], b"", b"defg"] {
                assert!(body.send(Bytes::from_static(part)).await.unwrap());
            }
            body.received()
        });
        let mut read = Vec::new();
        reader.read_to_end(&mut read).await.unwrap();
        assert_eq!(read, b"abcdefg");
        assert_eq!(writer.await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_body_over_the_limit_fails_both_ends() {
        let (mut body, mut reader) = pipe(5);
        let writer = tokio::spawn(async move {
            assert!(body.send(Bytes::from_static(b"abc")).await.unwrap());
            body.send(Bytes::from_static(b"def")).await
        });
        let mut read = Vec::new();
        assert!(reader.read_to_end(&mut read).await.is_err());
        assert!(matches!(
            writer.await.unwrap(),
            Err(SpoolError::TooLarge { limit: 5 })
        ));
    }

    #[tokio::test]
    async fn a_gone_reader_is_reported_not_waited_for() {
        let (mut body, reader) = pipe(100);
        drop(reader);
        assert!(!body.send(Bytes::from_static(b"abc")).await.unwrap());
    }
}
