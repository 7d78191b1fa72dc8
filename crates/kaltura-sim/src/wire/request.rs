//! Reads an api_v3 HTTP request into one parameter tree and a set of uploaded files, with the precedence
//! path > query > files > body (kaltura-api-v3.md 2.1, 2.3, 2.9). File parts are streamed to temporary files,
//! never held in memory; every size and count is bounded.

pub(crate) use sim_support::download::base_name;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::http::{Request, header};
use futures::StreamExt;
use tempfile::TempPath;
use tokio::io::AsyncWriteExt;

use super::params::{Map, Value, from_json, insert, merge, split_key};

/// Limits on what one request may carry.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Largest accepted non-file body (JSON, form fields): parameters, not media.
    pub(crate) max_body_bytes: usize,
    /// Largest accepted file part.
    pub(crate) max_file_bytes: u64,
    /// Most parameters (leaf values) and file parts in one request.
    pub(crate) max_params: usize,
    /// Longest wait for the next piece of a request body; a client that stops sending is cut off.
    pub(crate) idle_timeout: Duration,
}

/// A file part stored in a temporary file; the file is removed when this value is dropped unless an action
/// moved it into storage.
#[derive(Debug)]
pub(crate) struct UploadedFile {
    pub(crate) path: TempPath,
    /// The last path component of the part's `filename` (PHP keeps only that).
    pub(crate) file_name: String,
    pub(crate) size: u64,
}

/// Uploaded files keyed by their field name (`fileData`, `1:fileData`).
pub(crate) type Files = BTreeMap<String, UploadedFile>;

/// Why a request could not be read at all (answered with an HTTP 4xx, not an API error).
#[derive(Debug, thiserror::Error)]
pub(crate) enum RequestError {
    #[error("request body is larger than {0} bytes")]
    BodyTooLarge(u64),
    #[error("request carries more than {0} parameters")]
    TooManyParams(usize),
    #[error("request body could not be read: {0}")]
    Read(String),
    #[error("temporary file could not be written: {0}")]
    Storage(#[from] std::io::Error),
}

/// Parameters from the URL alone (path pairs over query string): enough to know service and action before
/// the body is read.
pub(crate) fn url_params(path: &str, query: Option<&str>) -> Map {
    let mut map = Map::new();
    if let Some(q) = query {
        for (k, v) in url::form_urlencoded::parse(q.as_bytes()) {
            insert(&mut map, &split_key(&k), Value::Str(v.into_owned()));
        }
    }
    merge(&mut map, path_pairs(path));
    map
}

/// Key/value pairs after the script name: `/api_v3/service/media/action/get/entryId/0_x`.
fn path_pairs(path: &str) -> Map {
    let rest = path
        .strip_prefix("/api_v3")
        .or_else(|| path.strip_prefix("/api"))
        .unwrap_or(path);
    let rest = rest.strip_prefix("/index.php").unwrap_or(rest);
    let parts: Vec<String> = rest
        .split('/')
        .filter(|p| !p.is_empty())
        .map(percent_decode)
        .collect();
    let mut map = Map::new();
    for pair in parts.chunks(2) {
        let [key, value] = pair else { break };
        let path = split_key(key);
        // The first occurrence of a key wins.
        if !map.contains_key(&path[0]) {
            insert(&mut map, &path, Value::Str(value.clone()));
        }
    }
    map
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Reads the whole request: URL parameters over files over body.
pub(crate) async fn read(
    req: Request<Body>,
    limits: &Limits,
    tmp_dir: &Path,
) -> Result<(Map, Files), RequestError> {
    let url = url_params(req.uri().path(), req.uri().query());
    let (parts, body) = req.into_parts();
    let req = Request::from_parts(parts, with_idle_timeout(body, limits.idle_timeout));
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (mut params, files) = if content_type.starts_with("multipart/form-data") {
        read_multipart(req, limits, tmp_dir).await?
    } else {
        let body = read_bounded(req.into_body(), limits.max_body_bytes).await?;
        let params = if content_type.starts_with("application/json") {
            json_params(&body)
        } else {
            form_params(&body, limits.max_params)?
        };
        (params, Files::new())
    };
    merge(&mut params, url);
    if count_leaves(&params) > limits.max_params {
        return Err(RequestError::TooManyParams(limits.max_params));
    }
    Ok((params, files))
}

/// Ends the body with an error when no data arrives for `idle`.
fn with_idle_timeout(body: Body, idle: Duration) -> Body {
    let stream = futures::stream::unfold(Some(body.into_data_stream()), move |state| async move {
        let mut stream = state?;
        match tokio::time::timeout(idle, stream.next()).await {
            Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(stream))),
            Ok(Some(Err(e))) => Some((Err(std::io::Error::other(e)), None)),
            Ok(None) => None,
            Err(_) => Some((
                Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no request data for {} s", idle.as_secs()),
                )),
                None,
            )),
        }
    });
    Body::from_stream(stream)
}

async fn read_bounded(body: Body, max: usize) -> Result<Vec<u8>, RequestError> {
    let mut stream = body.into_data_stream();
    let mut buf = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| RequestError::Read(e.to_string()))?;
        if buf.len() + chunk.len() > max {
            return Err(RequestError::BodyTooLarge(max as u64));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

/// A JSON body counts only when, trimmed, it is an object; invalid JSON is ignored like on the server.
fn json_params(body: &[u8]) -> Map {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v @ serde_json::Value::Object(_)) => match from_json(v, 0) {
            Some(Value::Map(m)) => m,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

fn form_params(body: &[u8], max_params: usize) -> Result<Map, RequestError> {
    let mut map = Map::new();
    for (i, (k, v)) in url::form_urlencoded::parse(body).enumerate() {
        if i >= max_params {
            return Err(RequestError::TooManyParams(max_params));
        }
        insert(&mut map, &split_key(&k), Value::Str(v.into_owned()));
    }
    Ok(map)
}

/// Multipart: a `json` field is the parameter object (other text fields are then ignored); otherwise the
/// text fields are form fields. File parts go to temporary files.
async fn read_multipart(
    req: Request<Body>,
    limits: &Limits,
    tmp_dir: &Path,
) -> Result<(Map, Files), RequestError> {
    let mut multipart = Multipart::from_request(req, &())
        .await
        .map_err(|e| RequestError::Read(e.body_text()))?;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut json: Option<Map> = None;
    let mut files = Files::new();
    let mut text_bytes = 0usize;
    let mut count = 0usize;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| RequestError::Read(e.body_text()))?
    {
        count += 1;
        if count > limits.max_params {
            return Err(RequestError::TooManyParams(limits.max_params));
        }
        let name = field.name().unwrap_or("").to_owned();
        if let Some(file_name) = field.file_name().map(base_name) {
            let temp = tempfile::NamedTempFile::new_in(tmp_dir)?.into_temp_path();
            // Frames are small: gathered into large writes, each a blocking-pool round trip.
            let mut out =
                tokio::io::BufWriter::with_capacity(1 << 20, tokio::fs::File::create(&temp).await?);
            let mut size = 0u64;
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|e| RequestError::Read(e.body_text()))?
            {
                size += chunk.len() as u64;
                if size > limits.max_file_bytes {
                    return Err(RequestError::BodyTooLarge(limits.max_file_bytes));
                }
                out.write_all(&chunk).await?;
            }
            out.flush().await?;
            files.insert(
                name,
                UploadedFile {
                    path: temp,
                    file_name,
                    size,
                },
            );
        } else {
            let mut value = Vec::new();
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|e| RequestError::Read(e.body_text()))?
            {
                text_bytes += chunk.len();
                if text_bytes > limits.max_body_bytes {
                    return Err(RequestError::BodyTooLarge(limits.max_body_bytes as u64));
                }
                value.extend_from_slice(&chunk);
            }
            let value = String::from_utf8_lossy(&value).into_owned();
            if name == "json" {
                json = Some(json_params(value.trim().as_bytes()));
            } else {
                fields.push((name, value));
            }
        }
    }
    let params = json.unwrap_or_else(|| {
        let mut map = Map::new();
        for (k, v) in fields {
            insert(&mut map, &split_key(&k), Value::Str(v));
        }
        map
    });
    Ok((params, files))
}

fn count_leaves(map: &Map) -> usize {
    map.values()
        .map(|v| match v {
            Value::Str(_) => 1,
            Value::Map(m) => 1 + count_leaves(m),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_pairs_and_query_merge_with_path_first() {
        let m = url_params(
            "/api_v3/service/media/action/get/entryId/0_a",
            Some("entryId=0_b&format=1"),
        );
        assert_eq!(m.get("service"), Some(&Value::Str("media".into())));
        assert_eq!(m.get("entryId"), Some(&Value::Str("0_a".into())));
        assert_eq!(m.get("format"), Some(&Value::Str("1".into())));
    }

    #[test]
    fn index_php_and_query_forms_are_read() {
        let m = url_params(
            "/api_v3/index.php",
            Some("service=media&action=list&filter[nameLike]=x"),
        );
        assert_eq!(m.get("action"), Some(&Value::Str("list".into())));
        let Some(Value::Map(f)) = m.get("filter") else {
            panic!("filter map")
        };
        assert_eq!(f.get("nameLike"), Some(&Value::Str("x".into())));
        let m = url_params("/api_v3/index.php/service/media/action/get", None);
        assert_eq!(m.get("service"), Some(&Value::Str("media".into())));
    }

    #[test]
    fn file_names_lose_their_directories() {
        assert_eq!(base_name("/tmp/upload/clip.mp4"), "clip.mp4");
        assert_eq!(base_name("C:\\x\\a.jpg"), "a.jpg");
    }

    #[test]
    fn json_body_must_be_an_object() {
        assert!(json_params(b"[1,2]").is_empty());
        assert!(json_params(b"{oops").is_empty());
        assert_eq!(
            json_params(br#"{"a":"1"}"#).get("a"),
            Some(&Value::Str("1".into()))
        );
    }
}
