//! Reading an API request's body: `multipart/form-data` (telestream-cloud.md 5.1) with its `file` part streamed
//! to a temporary file and counted against the size limit, form fields and JSON bodies read whole up to a
//! small bound; other content types carry no parameters. Every wait for more body has an idle timeout.

use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use futures::StreamExt;
use serde_json::{Map, Value};
use tokio::io::AsyncWriteExt;

use crate::error::ApiError;
use crate::request::UploadedFile;

/// Bound of everything but a file part: form fields, JSON bodies.
const MAX_FIELDS_BYTES: usize = 1 << 20;

/// What a body held: decoded fields, a JSON object (Flip 3.1), an uploaded file.
#[derive(Debug, Default)]
pub(crate) struct ReadBody {
    pub(crate) pairs: Vec<(String, String)>,
    pub(crate) json: Map<String, Value>,
    pub(crate) file: Option<UploadedFile>,
}

/// Limits of one body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) max_file_bytes: u64,
    pub(crate) idle_timeout: Duration,
}

fn idle() -> ApiError {
    ApiError::bad_request("the request body stopped arriving")
}

/// Reads `body` by its content type into fields and a spooled file (in `tmp_dir`).
pub(crate) async fn read(
    content_type: &str,
    body: Body,
    limits: Limits,
    tmp_dir: &Path,
) -> Result<ReadBody, ApiError> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if mime == "multipart/form-data" {
        let boundary = multer::parse_boundary(content_type)
            .map_err(|_| ApiError::bad_request("the multipart body has no boundary"))?;
        return read_multipart(body, &boundary, limits, tmp_dir).await;
    }
    let bytes = read_small(body, limits.idle_timeout).await?;
    let mut read = ReadBody::default();
    if mime == "application/json" {
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            read.json = serde_json::from_slice::<Map<String, Value>>(&bytes)
                .map_err(|_| ApiError::bad_request("the body is not a JSON object"))?;
        }
    } else if mime == "application/x-www-form-urlencoded" || mime.is_empty() {
        read.pairs = url::form_urlencoded::parse(&bytes).into_owned().collect();
    }
    Ok(read)
}

async fn read_small(body: Body, idle_timeout: Duration) -> Result<Vec<u8>, ApiError> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = tokio::time::timeout(idle_timeout, stream.next())
        .await
        .map_err(|_| idle())?
    {
        let chunk =
            chunk.map_err(|_| ApiError::bad_request("the request body could not be read"))?;
        if bytes.len() + chunk.len() > MAX_FIELDS_BYTES {
            return Err(ApiError::bad_request("the parameters exceed 1 MiB"));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

async fn read_multipart(
    body: Body,
    boundary: &str,
    limits: Limits,
    tmp_dir: &Path,
) -> Result<ReadBody, ApiError> {
    let unreadable = |_| ApiError::bad_request("the multipart body could not be read");
    let mut multipart = multer::Multipart::new(body.into_data_stream(), boundary);
    let mut read = ReadBody::default();
    let mut fields_bytes = 0usize;
    while let Some(mut field) = tokio::time::timeout(limits.idle_timeout, multipart.next_field())
        .await
        .map_err(|_| idle())?
        .map_err(unreadable)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("upload").to_owned();
            let temp = tempfile::NamedTempFile::new_in(tmp_dir).map_err(|e| {
                tracing::error!(error = %e, "cannot create an upload file");
                ApiError::internal()
            })?;
            let mut out =
                tokio::fs::File::from_std(temp.reopen().map_err(|_| ApiError::internal())?);
            let mut size = 0u64;
            while let Some(chunk) = tokio::time::timeout(limits.idle_timeout, field.chunk())
                .await
                .map_err(|_| idle())?
                .map_err(unreadable)?
            {
                size += chunk.len() as u64;
                if size > limits.max_file_bytes {
                    // The temporary file is removed when `temp` drops.
                    return Err(ApiError::file_too_large(limits.max_file_bytes));
                }
                out.write_all(&chunk)
                    .await
                    .map_err(|_| ApiError::internal())?;
            }
            out.flush().await.map_err(|_| ApiError::internal())?;
            read.file = Some(UploadedFile {
                file: temp,
                file_name,
                size,
            });
        } else {
            let value = tokio::time::timeout(limits.idle_timeout, field.text())
                .await
                .map_err(|_| idle())?
                .map_err(unreadable)?;
            fields_bytes += name.len() + value.len();
            if fields_bytes > MAX_FIELDS_BYTES {
                return Err(ApiError::bad_request("the parameters exceed 1 MiB"));
            }
            read.pairs.push((name, value));
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_file_bytes: 10,
        idle_timeout: Duration::from_secs(5),
    };

    async fn read_text(content_type: &str, text: &'static str) -> Result<ReadBody, ApiError> {
        let dir = tempfile::tempdir().unwrap();
        read(content_type, Body::from(text), LIMITS, dir.path()).await
    }

    #[tokio::test]
    async fn a_form_body_is_decoded_with_plus_as_a_space() {
        let read = read_text("application/x-www-form-urlencoded", "name=a+b&x=%2B")
            .await
            .unwrap();
        let expected = [("name", "a b"), ("x", "+")].map(|(k, v)| (k.to_owned(), v.to_owned()));
        assert_eq!(read.pairs, expected.to_vec());
    }

    #[tokio::test]
    async fn a_json_body_must_be_an_object() {
        let read = read_text("application/json", r#"{"name":"x"}"#)
            .await
            .unwrap();
        assert_eq!(read.json["name"], "x");
        assert!(read_text("application/json", "[1]").await.is_err());
    }

    #[tokio::test]
    async fn a_file_part_over_the_limit_is_refused_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\n\
                    0123456789abcdef\r\n--b--\r\n";
        let error = read(
            "multipart/form-data; boundary=b",
            Body::from(body),
            LIMITS,
            dir.path(),
        )
        .await
        .unwrap_err();
        assert_eq!(error, ApiError::file_too_large(10));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
