//! Bounded http(s) downloads into the store's temporary folder: what the
//! simulator fetches when told to pull content from a URL (media imports,
//! thumbnail and caption assets).

use std::time::Duration;

use futures::StreamExt;
use tempfile::TempPath;
use tokio::io::AsyncWriteExt;

use crate::state::AppState;
use crate::wire::request::base_name;

/// Downloads an http(s) URL to a temporary file within `timeout` and
/// `max_bytes`. Returns the file and the file name of the URL's path
/// (`download` when it has none); the error says what went wrong.
pub(crate) async fn download(
    app: &AppState,
    url: &str,
    timeout: Duration,
    max_bytes: u64,
) -> Result<(TempPath, String), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("invalid URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("unsupported scheme {}", parsed.scheme()));
    }
    let file_name = parsed
        .path_segments()
        .and_then(|mut s| s.next_back().map(base_name))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "download".to_owned());
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    let response = client
        .get(parsed)
        .send()
        .await
        .map_err(|e| format!("fetch failed: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("fetch answered HTTP {}", response.status()));
    }
    let temp = tempfile::NamedTempFile::new_in(app.store.tmp_dir())
        .map_err(|e| e.to_string())?
        .into_temp_path();
    let mut out = tokio::fs::File::create(&temp)
        .await
        .map_err(|e| e.to_string())?;
    let mut size = 0u64;
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| format!("download interrupted: {e}"))?;
        size += chunk.len() as u64;
        if size > max_bytes {
            return Err(format!("larger than {max_bytes} bytes"));
        }
        out.write_all(&chunk).await.map_err(|e| e.to_string())?;
    }
    out.flush().await.map_err(|e| e.to_string())?;
    Ok((temp, file_name))
}
