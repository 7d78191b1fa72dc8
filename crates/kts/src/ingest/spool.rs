//! Upload bodies streamed to a temporary file, never held whole in memory.
//!
//! [`SpoolWriter`] counts bytes against a limit while it writes and
//! [`SpooledFile`] owns the finished file. Both delete the file when dropped,
//! so every outcome — success, error, panic, client disconnect (the request
//! future is dropped) — leaves nothing behind. On the normal path call
//! [`SpooledFile::cleanup`] to delete without blocking.

use std::path::{Path, PathBuf};

use tokio::io::{AsyncWriteExt, BufWriter};

use crate::telemetry::metric;

/// Longest original file name kept (in characters).
const MAX_NAME_CHARS: usize = 200;
/// Longest extension kept on the temporary file.
const MAX_EXTENSION_CHARS: usize = 10;
/// Bytes gathered before one write to disk. A request body arrives in small
/// frames; writing each on its own costs a blocking-pool round trip per frame.
const WRITE_BUFFER_BYTES: usize = 1 << 20;

/// Why spooling failed.
#[derive(Debug, thiserror::Error)]
pub enum SpoolError {
    /// More bytes arrived than the limit allows.
    #[error("upload larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The temporary file could not be created or written.
    #[error("cannot write the temporary upload file")]
    Io(#[from] std::io::Error),
}

/// Deletes its file when dropped, unless disarmed.
#[derive(Debug)]
struct RemoveOnDrop {
    path: PathBuf,
    armed: bool,
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if self.armed {
            // Best effort: the file may not exist yet or be gone already.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A temporary file being written.
#[derive(Debug)]
pub struct SpoolWriter {
    file: BufWriter<tokio::fs::File>,
    guard: RemoveOnDrop,
    original_name: Option<String>,
    written: u64,
    limit: u64,
}

impl SpoolWriter {
    /// Creates a new empty temporary file in `folder`, named with random
    /// characters plus the (sanitized) extension of `original_name`.
    pub async fn create(
        folder: &Path,
        original_name: Option<&str>,
        limit: u64,
    ) -> Result<Self, SpoolError> {
        let original_name = original_name.and_then(sanitize_file_name);
        let extension = original_name.as_deref().and_then(safe_extension);
        let mut name = format!("upload-{}", crate::secret::random_token(12));
        if let Some(extension) = extension {
            name.push('.');
            name.push_str(&extension);
        }
        let path = folder.join(name);
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok(SpoolWriter {
            file: BufWriter::with_capacity(WRITE_BUFFER_BYTES, file),
            guard: RemoveOnDrop { path, armed: true },
            original_name,
            written: 0,
            limit,
        })
    }

    /// Appends `chunk`; fails with [`SpoolError::TooLarge`] as soon as the
    /// total passes the limit (the file is then removed on drop).
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), SpoolError> {
        let total = self.written.saturating_add(chunk.len() as u64);
        if total > self.limit {
            return Err(SpoolError::TooLarge { limit: self.limit });
        }
        self.file.write_all(chunk).await?;
        self.written = total;
        metrics::counter!(metric::UPLOAD_BYTES).increment(chunk.len() as u64);
        Ok(())
    }

    /// Flushes and hands over the finished file. No fsync: the file is read
    /// back by this process and never has to survive a crash.
    pub async fn finish(mut self) -> Result<SpooledFile, SpoolError> {
        self.file.flush().await?;
        Ok(SpooledFile {
            guard: self.guard,
            original_name: self.original_name,
            len: self.written,
        })
    }
}

/// A complete temporary upload file, deleted when dropped.
#[derive(Debug)]
pub struct SpooledFile {
    guard: RemoveOnDrop,
    original_name: Option<String>,
    len: u64,
}

impl SpooledFile {
    /// Where the bytes are.
    pub fn path(&self) -> &Path {
        &self.guard.path
    }

    /// The client's file name, reduced to a safe base name, if it sent one.
    pub fn original_name(&self) -> Option<&str> {
        self.original_name.as_deref()
    }

    /// Size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Deletes the file without blocking the runtime.
    pub async fn cleanup(mut self) -> Result<(), SpoolError> {
        self.guard.armed = false;
        match tokio::fs::remove_file(&self.guard.path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Reduces a client-supplied file name to a safe base name: no directories,
/// no control or path characters, no leading dots, at most 200 characters.
/// `None` when nothing usable is left.
pub fn sanitize_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(MAX_NAME_CHARS)
        .collect();
    // Dots and spaces in any mix (`.. .x`): trimming each kind once would leave a leading dot.
    let cleaned = cleaned
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end()
        .to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The lower-case ASCII extension of a sanitized name, if short and plain.
fn safe_extension(name: &str) -> Option<String> {
    let (_, extension) = name.rsplit_once('.')?;
    let ok = !extension.is_empty()
        && extension.len() <= MAX_EXTENSION_CHARS
        && extension.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| extension.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_never_start_with_a_dot_even_behind_spaces() {
        // Found by the `legacy_params` fuzz target (FUZZING.md): `.. .x.sr-` came out as `.x.sr-`.
        assert_eq!(sanitize_file_name(".. .x.sr-").as_deref(), Some("x.sr-"));
        assert_eq!(sanitize_file_name(" . . .").as_deref(), None);
        assert_eq!(sanitize_file_name("a/ .\t.b").as_deref(), Some("b"));
    }

    #[test]
    fn file_names_lose_directories_and_dangerous_characters() {
        assert_eq!(
            sanitize_file_name("movie.mp4").as_deref(),
            Some("movie.mp4")
        );
        assert_eq!(
            sanitize_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            sanitize_file_name("C:\\x\\a b.srt").as_deref(),
            Some("a b.srt")
        );
        assert_eq!(sanitize_file_name("..").as_deref(), None);
        assert_eq!(sanitize_file_name(".hidden").as_deref(), Some("hidden"));
        assert_eq!(sanitize_file_name("a\0b\n.mp4").as_deref(), Some("ab.mp4"));
        assert_eq!(sanitize_file_name(&"x".repeat(500)).unwrap().len(), 200);
    }

    #[test]
    fn extensions_are_kept_only_when_plain() {
        assert_eq!(safe_extension("a.MP4").as_deref(), Some("mp4"));
        assert_eq!(safe_extension("a.tar.gz").as_deref(), Some("gz"));
        assert_eq!(safe_extension("a.m p4"), None);
        assert_eq!(safe_extension("noext"), None);
    }

    #[tokio::test]
    async fn a_finished_file_is_removed_by_cleanup() {
        let folder = tempfile::tempdir().unwrap();
        let mut writer = SpoolWriter::create(folder.path(), Some("../clip.MP4"), 100)
            .await
            .unwrap();
        writer.write(b"hello ").await.unwrap();
        writer.write(b"world").await.unwrap();
        let file = writer.finish().await.unwrap();
        assert_eq!(file.len(), 11);
        assert_eq!(file.original_name(), Some("clip.MP4"));
        assert!(file.path().starts_with(folder.path()));
        assert_eq!(file.path().extension().unwrap(), "mp4");
        assert_eq!(std::fs::read(file.path()).unwrap(), b"hello world");
        file.cleanup().await.unwrap();
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
    }

    #[tokio::test]
    async fn going_over_the_limit_fails_and_leaves_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let mut writer = SpoolWriter::create(folder.path(), None, 8).await.unwrap();
        writer.write(b"12345").await.unwrap();
        let error = writer.write(b"6789").await.unwrap_err();
        assert!(matches!(error, SpoolError::TooLarge { limit: 8 }));
        drop(writer);
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
    }

    #[tokio::test]
    async fn dropping_a_finished_file_removes_it() {
        let folder = tempfile::tempdir().unwrap();
        let mut writer = SpoolWriter::create(folder.path(), Some("a.srt"), 8)
            .await
            .unwrap();
        writer.write(b"1").await.unwrap();
        let file = writer.finish().await.unwrap();
        let path = file.path().to_owned();
        drop(file);
        assert!(!path.exists());
    }
}
