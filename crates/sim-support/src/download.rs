//! Bounded http(s) downloads into a temporary folder: what a simulator fetches when told to pull content
//! from a URL (media imports, thumbnail and caption assets, `source_url` videos). Bounded in time (the
//! whole transfer) and in size (counted while streaming, so a lying or missing `Content-Length` cannot
//! fill the disk).

use std::path::Path;
use std::time::Duration;

use futures::StreamExt;
use tempfile::TempPath;
use tokio::io::AsyncWriteExt;

/// Why a download failed; the message is fit to show to the client that asked for it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DownloadError {
    #[error("invalid URL: {0}")]
    InvalidUrl(#[from] url::ParseError),
    #[error("unsupported scheme {0}")]
    UnsupportedScheme(String),
    #[error("fetch failed: {0}")]
    Fetch(#[source] reqwest::Error),
    #[error("fetch answered HTTP {0}")]
    Status(reqwest::StatusCode),
    #[error("download interrupted: {0}")]
    Interrupted(#[source] reqwest::Error),
    #[error("larger than {0} bytes")]
    TooLarge(u64),
    #[error("cannot store the download: {0}")]
    Store(#[from] std::io::Error),
}

/// A finished download: the temporary file (removed when dropped) and the file name of the URL's path
/// (`download` when it has none).
#[derive(Debug)]
pub struct Download {
    pub file: TempPath,
    pub file_name: String,
    pub size: u64,
}

/// Downloads an http(s) URL to a temporary file in `tmp_dir` within `timeout` and `max_bytes`.
pub async fn download(
    url: &str,
    tmp_dir: &Path,
    timeout: Duration,
    max_bytes: u64,
) -> Result<Download, DownloadError> {
    let parsed = url::Url::parse(url)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(DownloadError::UnsupportedScheme(parsed.scheme().to_owned()));
    }
    let file_name = parsed
        .path_segments()
        .and_then(|mut s| s.next_back().map(base_name))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "download".to_owned());
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(DownloadError::Fetch)?;
    let response = client
        .get(parsed)
        .send()
        .await
        .map_err(DownloadError::Fetch)?;
    if !response.status().is_success() {
        return Err(DownloadError::Status(response.status()));
    }
    if response.content_length().is_some_and(|n| n > max_bytes) {
        return Err(DownloadError::TooLarge(max_bytes));
    }
    let file = tempfile::NamedTempFile::new_in(tmp_dir)?.into_temp_path();
    let mut out = tokio::fs::File::create(&file).await?;
    let mut size = 0u64;
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(DownloadError::Interrupted)?;
        size += chunk.len() as u64;
        if size > max_bytes {
            return Err(DownloadError::TooLarge(max_bytes));
        }
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    Ok(Download {
        file,
        file_name,
        size,
    })
}

/// The last component of a path written with `/` or `\`: the name a file keeps.
pub fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or("").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_names_drop_both_kinds_of_folders() {
        assert_eq!(base_name("a/b\\c.mp4"), "c.mp4");
        assert_eq!(base_name("clip.mp4"), "clip.mp4");
        assert_eq!(base_name("dir/"), "");
    }

    #[tokio::test]
    async fn only_http_urls_are_fetched() {
        let dir = tempfile::tempdir().unwrap();
        let error = download("file:///etc/passwd", dir.path(), Duration::from_secs(1), 10)
            .await
            .unwrap_err();
        assert!(
            matches!(error, DownloadError::UnsupportedScheme(_)),
            "{error}"
        );
        let error = download("not a url", dir.path(), Duration::from_secs(1), 10)
            .await
            .unwrap_err();
        assert!(matches!(error, DownloadError::InvalidUrl(_)), "{error}");
    }
}
