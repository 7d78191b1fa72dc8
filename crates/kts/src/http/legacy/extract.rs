//! Extractors that apply the legacy API's input rules once, for every call.
//!
//! - [`LegacyParams`]: query string, urlencoded body and multipart body merged,
//!   as the old service read them.
//! - [`LegacyTarget`]: the instance and entry a call is about, by the
//!   contract's "id parsing" rules, in order.
//! - [`LegacyRequest`]: both, for calls that need the target and more
//!   parameters.
//! - [`LegacyUpload`]: the same for the three calls that take a file
//!   (`upload_file`, `update_thumbnail_file`, `add_caption`). Only this one
//!   reads file parts: they are streamed to guarded temporary files under
//!   `UPLOAD_FOLDER`, with the upload limit enforced while reading (413),
//!   never held whole in memory. Every other extractor refuses a file part
//!   (400) before reading its body, so a call that takes no file (any call a
//!   read key may make) cannot be used to fill the upload folder.

use std::future::Future;
use std::sync::Arc;

use axum::extract::multipart::Field;
use axum::extract::{FromRef, FromRequest, Multipart, Request};
use axum::http::{Method, header};

use crate::config::UploadSettings;
use crate::error::Error;
use crate::http::legacy::error::LegacyError;
use crate::http::legacy::multipart_size::{BodyPrefix, record_prefix};
use crate::ids::{AssetId, EntryId, InstanceId};
use crate::ingest::spool::{SpoolWriter, SpooledFile};
use crate::ingest::stream::{BodyPipe, IncomingReader, pipe};

/// Largest urlencoded body (uploads go through multipart).
pub const MAX_FORM_BYTES: usize = 1 << 20;
/// Largest text field of a multipart body.
pub const MAX_TEXT_FIELD_BYTES: usize = 64 << 10;
/// Most parameters (query, form and files together).
pub const MAX_PARAMS: usize = 100;
/// Most file fields in one request.
pub const MAX_FILES: usize = 4;

/// What a call does with the file parts of a multipart body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileParts {
    /// Streams them to temporary files (the calls that take a file).
    Spool,
    /// Refuses the request at the first one, before reading its body.
    Refuse,
}

/// The calls that take a file, named in the refusal of a file part.
const CALLS_TAKING_FILES: &str = "upload_file, update_thumbnail_file and add_caption";

fn file_refused() -> Error {
    Error::InvalidParameter {
        name: "file",
        reason: format!("this call takes no file (only {CALLS_TAKING_FILES} do)"),
    }
}

/// A file field of a multipart body, already on disk.
#[derive(Debug)]
pub struct UploadedFile {
    /// The form field's name (`file` in the legacy calls).
    pub field: String,
    /// The content type the client claimed; never trusted for detection.
    pub content_type: Option<String>,
    /// The temporary file, removed when dropped.
    pub file: SpooledFile,
}

/// Every parameter of a legacy call, by where it came from.
///
/// Empty values count as absent, as in the old service (`a or b` in Python).
#[derive(Debug, Default)]
pub struct LegacyParams {
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    files: Vec<UploadedFile>,
}

fn stalled(uploads: &UploadSettings) -> Error {
    Error::BodyStalled {
        seconds: uploads.body_idle_timeout.as_secs(),
    }
}

/// Why an urlencoded body could not be read: 413 only when it is over the
/// limit; a broken body (bad chunked encoding, cut short) is the client's
/// malformed request, 400.
fn form_body_error(error: axum::Error) -> Error {
    let over_limit = error
        .into_inner()
        .downcast_ref::<http_body_util::LengthLimitError>()
        .is_some();
    if over_limit {
        Error::UploadTooLarge {
            limit: MAX_FORM_BYTES as u64,
        }
    } else {
        Error::MalformedRequest("the form body could not be read".into())
    }
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, value)| key == name && !value.trim().is_empty())
        .map(|(_, value)| value.as_str())
}

impl LegacyParams {
    /// Builds parameters from already-parsed parts (for tests and for calls
    /// that build them by hand).
    pub fn from_parts(query: Vec<(String, String)>, form: Vec<(String, String)>) -> Self {
        LegacyParams {
            query,
            form,
            files: Vec::new(),
        }
    }

    /// `name` from the query string.
    pub fn query(&self, name: &str) -> Option<&str> {
        first(&self.query, name)
    }

    /// `name` from the body (urlencoded or multipart text field).
    pub fn form(&self, name: &str) -> Option<&str> {
        first(&self.form, name)
    }

    /// `name` from the query string, else from the body (the old service's
    /// `request.values` order).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.query(name).or_else(|| self.form(name))
    }

    /// Like [`LegacyParams::get`], failing with `MissingParameter`.
    pub fn require(&self, name: &'static str) -> Result<&str, Error> {
        self.get(name).ok_or(Error::MissingParameter(name))
    }

    /// `name` as an asset id (`thumbnail_id`, `caption_id`), failing with
    /// `MissingParameter` or `InvalidId` naming the parameter.
    pub fn asset_id(&self, name: &'static str) -> Result<AssetId, Error> {
        self.require(name)?
            .parse()
            .map_err(|source| Error::InvalidId { name, source })
    }

    /// `name` as a yes/no flag (`default`): `None` when absent; `true`,
    /// `1`, `yes`, `on` or `false`, `0`, `no`, `off` in any case; anything
    /// else is `InvalidParameter`.
    pub fn flag(&self, name: &'static str) -> Result<Option<bool>, Error> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        parse_flag(value).map(Some).ok_or(Error::InvalidParameter {
            name,
            reason: "must be true or false".into(),
        })
    }

    /// The uploaded file of field `name`.
    pub fn file(&self, name: &str) -> Option<&UploadedFile> {
        self.files.iter().find(|f| f.field == name)
    }

    /// Takes ownership of the uploaded file of field `name` (to hand it on;
    /// the file is still removed when its owner drops it).
    pub fn take_file(&mut self, name: &str) -> Option<UploadedFile> {
        let index = self.files.iter().position(|f| f.field == name)?;
        Some(self.files.remove(index))
    }

    fn count(&self) -> usize {
        self.query.len() + self.form.len() + self.files.len()
    }

    fn check_count(&self) -> Result<(), Error> {
        if self.count() > MAX_PARAMS {
            return Err(Error::MalformedRequest(format!(
                "more than {MAX_PARAMS} parameters"
            )));
        }
        Ok(())
    }

    /// Reads the body of `request` according to its content type, doing
    /// with file parts what `files` says.
    async fn read<S>(
        request: Request,
        state: &S,
        uploads: &UploadSettings,
        files: FileParts,
    ) -> Result<Self, Error>
    where
        S: Send + Sync,
    {
        let no_stream: Option<(&str, NoStream)> = None;
        let (params, _) = Self::read_body(request, state, uploads, files, no_stream).await?;
        Ok(params)
    }

    /// Reads the parameters of `request` like the calls that take a file,
    /// except the first file part named `field`: its bytes are handed to
    /// `send` while they arrive. Answers the parameters and, when the part
    /// came, what `send` answered with the bytes that arrived.
    pub async fn read_streaming<F, Fut, T>(
        request: Request,
        uploads: &UploadSettings,
        field: &str,
        send: F,
    ) -> Result<(Self, Option<Streamed<T>>), Error>
    where
        F: FnOnce(&LegacyParams, StreamedPart) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        Self::read_body(request, &(), uploads, FileParts::Spool, Some((field, send))).await
    }

    async fn read_body<S, F, Fut, T>(
        request: Request,
        state: &S,
        uploads: &UploadSettings,
        files: FileParts,
        stream: Option<(&str, F)>,
    ) -> Result<(Self, Option<Streamed<T>>), Error>
    where
        S: Send + Sync,
        F: FnOnce(&LegacyParams, StreamedPart) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let query = request
            .uri()
            .query()
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        let mut params = LegacyParams {
            query,
            ..Default::default()
        };
        params.check_count()?;
        if request.method() == Method::GET || request.method() == Method::HEAD {
            return Ok((params, None));
        }
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let read = axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES);
            let body = tokio::time::timeout(uploads.body_idle_timeout, read)
                .await
                .map_err(|_| stalled(uploads))?
                .map_err(form_body_error)?;
            params.form = url::form_urlencoded::parse(&body).into_owned().collect();
            params.check_count()?;
        } else if content_type.starts_with("multipart/form-data") {
            let layout = BodyLayout {
                length: request
                    .headers()
                    .get(header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok()),
                boundary: multer::parse_boundary(&content_type).ok(),
                prefix: None,
            };
            let (request, layout) = match stream {
                Some(_) => {
                    let (parts, body) = request.into_parts();
                    let (body, prefix) = record_prefix(body);
                    let layout = BodyLayout {
                        prefix: Some(prefix),
                        ..layout
                    };
                    (Request::from_parts(parts, body), layout)
                }
                None => (request, layout),
            };
            let multipart = Multipart::from_request(request, state)
                .await
                .map_err(|e| Error::MalformedRequest(e.body_text()))?;
            let streamed = params
                .read_multipart(multipart, uploads, files, stream, &layout)
                .await?;
            return Ok((params, streamed));
        }
        // Other bodies (JSON, none) carry no legacy parameters: ignored, as
        // the old service did.
        Ok((params, None))
    }

    async fn read_multipart<F, Fut, T>(
        &mut self,
        mut multipart: Multipart,
        uploads: &UploadSettings,
        files: FileParts,
        mut stream: Option<(&str, F)>,
        layout: &BodyLayout,
    ) -> Result<Option<Streamed<T>>, Error>
    where
        F: FnOnce(&LegacyParams, StreamedPart) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut streamed = None;
        let mut index = 0;
        let limit = uploads.max_file_bytes;
        let field_error = |e| multipart_error(e, limit);
        let idle = uploads.body_idle_timeout;
        // Every wait for more of the body is bounded, so a stalled client
        // cannot hold a connection and a temporary file for ever.
        while let Some(mut field) = tokio::time::timeout(idle, multipart.next_field())
            .await
            .map_err(|_| stalled(uploads))?
            .map_err(field_error)?
        {
            let name = field.name().unwrap_or("").to_owned();
            let file_name = field.file_name().map(str::to_owned);
            index += 1;
            if let Some(file_name) = file_name.as_deref().filter(|n| !n.is_empty())
                && let Some((_, send)) = stream.take_if(|(wanted, _)| *wanted == name)
            {
                let size = layout.last_part_size(index - 1);
                if size.is_some_and(|size| size > limit) {
                    // Refused before a byte goes to the platform.
                    return Err(Error::UploadTooLarge { limit });
                }
                let (pipe, reader) = pipe(limit);
                let part = StreamedPart {
                    file_name: file_name.to_owned(),
                    reader,
                    size,
                };
                let (sent, pumped) =
                    tokio::join!(send(self, part), pump(&mut field, pipe, uploads));
                let pumped = pumped?;
                let sent = match (sent, size) {
                    // A platform told the wrong size ran out of bytes: say why.
                    (Err(_), Some(size)) if pumped.complete && pumped.received < size => {
                        return Err(not_last(pumped.received, size));
                    }
                    (sent, _) => sent?,
                };
                streamed = Some(Streamed {
                    sent,
                    received: pumped.received,
                    complete: pumped.complete,
                });
                continue;
            }
            match file_name {
                Some(file_name) if files == FileParts::Refuse => {
                    // Refused before its body is read, so nothing reaches the
                    // disk. The one part let through is a browser's empty file
                    // input (no file name, no bytes); telling it apart reads
                    // at most one chunk, into memory.
                    if !file_name.is_empty() {
                        return Err(file_refused());
                    }
                    while let Some(chunk) = tokio::time::timeout(idle, field.chunk())
                        .await
                        .map_err(|_| stalled(uploads))?
                        .map_err(field_error)?
                    {
                        if !chunk.is_empty() {
                            return Err(file_refused());
                        }
                    }
                    continue;
                }
                Some(file_name) => {
                    if self.files.len() >= MAX_FILES {
                        return Err(Error::MalformedRequest(format!(
                            "more than {MAX_FILES} files"
                        )));
                    }
                    let content_type = field.content_type().map(str::to_owned);
                    let mut writer =
                        SpoolWriter::create(&uploads.folder, Some(&file_name), limit).await?;
                    while let Some(chunk) = tokio::time::timeout(idle, field.chunk())
                        .await
                        .map_err(|_| stalled(uploads))?
                        .map_err(field_error)?
                    {
                        writer.write(&chunk).await?;
                    }
                    let file = writer.finish().await?;
                    // A browser sends an empty part for an empty file input.
                    if file_name.is_empty() && file.is_empty() {
                        file.cleanup().await?;
                        continue;
                    }
                    self.files.push(UploadedFile {
                        field: name,
                        content_type,
                        file,
                    });
                }
                None => {
                    let mut text = Vec::new();
                    while let Some(chunk) = tokio::time::timeout(idle, field.chunk())
                        .await
                        .map_err(|_| stalled(uploads))?
                        .map_err(field_error)?
                    {
                        if text.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
                            return Err(Error::InvalidParameter {
                                name: "form field",
                                reason: format!(
                                    "{name:?} is longer than {MAX_TEXT_FIELD_BYTES} bytes"
                                ),
                            });
                        }
                        text.extend_from_slice(&chunk);
                    }
                    let text = String::from_utf8(text).map_err(|_| Error::InvalidParameter {
                        name: "form field",
                        reason: format!("{name:?} is not UTF-8 text"),
                    })?;
                    self.form.push((name, text));
                }
            }
            self.check_count()?;
        }
        Ok(streamed)
    }
}

/// A streamed file part whose size differs from the one the body's length
/// implied, because it was not the last part.
pub(crate) fn not_last(received: u64, implied: u64) -> Error {
    Error::InvalidParameter {
        name: "file",
        reason: format!(
            "is {received} bytes, not the {implied} its request's length implied: send the file \
             as the last part of the form"
        ),
    }
}

/// What the body says of its own shape, to tell a file part's size early.
struct BodyLayout {
    /// `Content-Length`.
    length: Option<u64>,
    /// The multipart boundary.
    boundary: Option<String>,
    /// The body's first bytes, kept while a file may be streamed.
    prefix: Option<BodyPrefix>,
}

impl BodyLayout {
    /// The size of part `index` if it is the body's last.
    fn last_part_size(&self, index: usize) -> Option<u64> {
        self.prefix
            .as_ref()?
            .last_part_size(self.length?, self.boundary.as_deref()?, index)
    }
}

/// A file part handed on while it arrives ([`LegacyParams::read_streaming`]).
pub struct StreamedPart {
    /// The name the client gave the file.
    pub file_name: String,
    /// The part's bytes, as they arrive.
    pub reader: IncomingReader,
    /// The part's size if it is the body's last part (from
    /// `Content-Length`): a claim, checked against [`Streamed::received`].
    pub size: Option<u64>,
}

impl std::fmt::Debug for StreamedPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamedPart")
            .field("file_name", &self.file_name)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// What became of a streamed file part.
#[derive(Debug)]
pub struct Streamed<T> {
    /// What the part was handed to answered.
    pub sent: T,
    /// Bytes of the part that arrived.
    pub received: u64,
    /// Whether the part was read to its end (not cut off because its
    /// reader stopped reading).
    pub complete: bool,
}

/// The type of "no file part is streamed".
type NoStream = fn(&LegacyParams, StreamedPart) -> std::future::Ready<Result<(), Error>>;

/// How much of a part [`pump`] passed on.
struct Pumped {
    received: u64,
    complete: bool,
}

/// Passes `field`'s bytes into `pipe` until the part ends or the pipe's
/// reader stops reading. Every wait for the client is bounded by the idle
/// timeout. On a failure the reader is told, so it never takes a cut body
/// for the whole file.
async fn pump(
    field: &mut Field<'_>,
    mut pipe: BodyPipe,
    uploads: &UploadSettings,
) -> Result<Pumped, Error> {
    let limit = uploads.max_file_bytes;
    loop {
        let next = match tokio::time::timeout(uploads.body_idle_timeout, field.chunk()).await {
            Ok(Ok(next)) => next,
            Ok(Err(error)) => {
                pipe.fail("the request body could not be read".into()).await;
                return Err(multipart_error(error, limit));
            }
            Err(_) => {
                pipe.fail("the client stopped sending".into()).await;
                return Err(stalled(uploads));
            }
        };
        let Some(chunk) = next else {
            return Ok(Pumped {
                received: pipe.received(),
                complete: true,
            });
        };
        if !pipe.send(chunk).await? {
            return Ok(Pumped {
                received: pipe.received(),
                complete: false,
            });
        }
    }
}

/// A multipart failure: 413 when the body passed its limit, else the
/// client's malformed request.
fn multipart_error(error: axum::extract::multipart::MultipartError, limit: u64) -> Error {
    if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::UploadTooLarge { limit }
    } else {
        Error::MalformedRequest(error.body_text())
    }
}

impl<S> FromRequest<S> for LegacyParams
where
    S: Send + Sync,
    Arc<UploadSettings>: FromRef<S>,
{
    type Rejection = LegacyError;

    /// Refuses file parts; [`LegacyUpload`] is the extractor that reads them.
    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let uploads = Arc::<UploadSettings>::from_ref(state);
        Ok(LegacyParams::read(request, state, &uploads, FileParts::Refuse).await?)
    }
}

/// The instance and (when given) the entry a legacy call is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyTarget {
    /// The instance (1 when the call names none).
    pub instance: InstanceId,
    /// The entry, if the call named one.
    pub entry: Option<EntryId>,
}

/// Splits `3:0_abc` into instance and entry; `None` instance without colon.
fn split_id(name: &'static str, text: &str) -> Result<(Option<InstanceId>, EntryId), Error> {
    let invalid = |source| Error::InvalidId { name, source };
    match text.split_once(':') {
        Some((instance, entry)) => Ok((
            Some(instance.parse().map_err(invalid)?),
            entry.parse().map_err(invalid)?,
        )),
        None => Ok((None, text.parse().map_err(invalid)?)),
    }
}

impl LegacyTarget {
    /// Applies kts-legacy-api.md's "id parsing" rules, in order:
    /// 1. `id` from the query, else the form; `3:0_abc` is instance 3 and
    ///    entry `0_abc`; without a colon it is only the entry.
    /// 2. No instance from `id`: `kaltura_id` from the form, else the query,
    ///    else 1.
    /// 3. No entry from `id`: `entry_id` from the query, else the form.
    /// 4. An `entry_id` holding a colon is split the same way, and its
    ///    instance wins.
    pub fn from_params(params: &LegacyParams) -> Result<Self, Error> {
        let mut instance = None;
        let mut entry = None;
        // Rule 1.
        if let Some(id) = params.query("id").or_else(|| params.form("id")) {
            let (from_id, id_entry) = split_id("id", id)?;
            instance = from_id;
            entry = Some(id_entry);
        }
        // Rule 2.
        let instance = match instance {
            Some(instance) => instance,
            None => match params
                .form("kaltura_id")
                .or_else(|| params.query("kaltura_id"))
            {
                Some(text) => text.parse().map_err(|source| Error::InvalidId {
                    name: "kaltura_id",
                    source,
                })?,
                None => InstanceId::DEFAULT,
            },
        };
        // Rules 3 and 4.
        let mut target = LegacyTarget { instance, entry };
        if target.entry.is_none()
            && let Some(text) = params.query("entry_id").or_else(|| params.form("entry_id"))
        {
            let (from_entry, entry) = split_id("entry_id", text)?;
            if let Some(instance) = from_entry {
                target.instance = instance;
            }
            target.entry = Some(entry);
        }
        Ok(target)
    }

    /// The entry, or `MissingParameter("id")` for calls that need one.
    pub fn entry(&self) -> Result<&EntryId, Error> {
        self.entry.as_ref().ok_or(Error::MissingParameter("id"))
    }
}

impl<S> FromRequest<S> for LegacyTarget
where
    S: Send + Sync,
    Arc<UploadSettings>: FromRef<S>,
{
    type Rejection = LegacyError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let params = LegacyParams::from_request(request, state).await?;
        Ok(LegacyTarget::from_params(&params)?)
    }
}

/// A legacy call's target plus all its parameters. A multipart body with a
/// file part is refused (400) before the part is read: calls that take a
/// file use [`LegacyUpload`].
#[derive(Debug)]
pub struct LegacyRequest {
    /// Instance and entry, by the id rules.
    pub target: LegacyTarget,
    /// Every parameter (never a file).
    pub params: LegacyParams,
}

impl<S> FromRequest<S> for LegacyRequest
where
    S: Send + Sync,
    Arc<UploadSettings>: FromRef<S>,
{
    type Rejection = LegacyError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let params = LegacyParams::from_request(request, state).await?;
        let target = LegacyTarget::from_params(&params)?;
        Ok(LegacyRequest { target, params })
    }
}

/// A legacy call that takes a file: its target and all its parameters, file
/// parts spooled to disk ([`LegacyParams::file`], [`LegacyParams::take_file`]).
/// Only `upload_file`, `update_thumbnail_file` and `add_caption` use it.
#[derive(Debug)]
pub struct LegacyUpload {
    /// Instance and entry, by the id rules.
    pub target: LegacyTarget,
    /// Every parameter and uploaded file.
    pub params: LegacyParams,
}

impl<S> FromRequest<S> for LegacyUpload
where
    S: Send + Sync,
    Arc<UploadSettings>: FromRef<S>,
{
    type Rejection = LegacyError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let uploads = Arc::<UploadSettings>::from_ref(state);
        let params = LegacyParams::read(request, state, &uploads, FileParts::Spool).await?;
        let target = LegacyTarget::from_params(&params)?;
        Ok(LegacyUpload { target, params })
    }
}

/// Reads a yes/no flag: `true`, `1`, `yes`, `on` or `false`, `0`, `no`,
/// `off`, in any case and with blanks around; `None` for anything else. The
/// one reading of a flag for every call and page.
pub(crate) fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::IdError;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn target(query: &[(&str, &str)], form: &[(&str, &str)]) -> Result<LegacyTarget, Error> {
        LegacyTarget::from_params(&LegacyParams::from_parts(pairs(query), pairs(form)))
    }

    fn expect(instance: u32, entry: Option<&str>) -> LegacyTarget {
        LegacyTarget {
            instance: InstanceId::new(instance).unwrap(),
            entry: entry.map(|e| e.parse().unwrap()),
        }
    }

    #[test]
    fn asset_ids_and_flags_name_their_parameter_when_wrong() {
        let params = LegacyParams::from_parts(
            pairs(&[("thumbnail_id", "0_t1"), ("default", "TRUE")]),
            pairs(&[("caption_id", "a/b"), ("other", "maybe")]),
        );
        assert_eq!(params.asset_id("thumbnail_id").unwrap().as_str(), "0_t1");
        assert!(matches!(
            params.asset_id("caption_id"),
            Err(Error::InvalidId {
                name: "caption_id",
                ..
            })
        ));
        assert!(matches!(
            params.asset_id("missing_id"),
            Err(Error::MissingParameter("missing_id"))
        ));
        assert_eq!(params.flag("default").unwrap(), Some(true));
        assert_eq!(params.flag("absent").unwrap(), None);
        assert!(matches!(
            params.flag("other"),
            Err(Error::InvalidParameter { name: "other", .. })
        ));
    }

    #[test]
    fn rule_1_id_with_colon_names_instance_and_entry() {
        assert_eq!(
            target(&[("id", "3:0_abc")], &[]).unwrap(),
            expect(3, Some("0_abc"))
        );
    }

    #[test]
    fn rule_1_id_without_colon_means_instance_1() {
        assert_eq!(
            target(&[("id", "0_abc")], &[]).unwrap(),
            expect(1, Some("0_abc"))
        );
    }

    #[test]
    fn rule_1_query_id_wins_over_form_id() {
        assert_eq!(
            target(&[("id", "2:0_q")], &[("id", "3:0_f")]).unwrap(),
            expect(2, Some("0_q"))
        );
        assert_eq!(
            target(&[], &[("id", "3:0_f")]).unwrap(),
            expect(3, Some("0_f"))
        );
    }

    #[test]
    fn rule_1_empty_id_counts_as_absent() {
        assert_eq!(
            target(&[("id", "")], &[("id", "4:0_f")]).unwrap(),
            expect(4, Some("0_f"))
        );
    }

    #[test]
    fn rule_2_kaltura_id_from_form_wins_over_query_and_defaults_to_1() {
        assert_eq!(
            target(
                &[("kaltura_id", "2"), ("entry_id", "0_e")],
                &[("kaltura_id", "5")]
            )
            .unwrap(),
            expect(5, Some("0_e"))
        );
        assert_eq!(
            target(&[("kaltura_id", "2")], &[]).unwrap(),
            expect(2, None)
        );
        assert_eq!(target(&[], &[]).unwrap(), expect(1, None));
    }

    #[test]
    fn rule_2_applies_when_id_has_no_instance() {
        assert_eq!(
            target(&[("id", "0_abc"), ("kaltura_id", "2")], &[]).unwrap(),
            expect(2, Some("0_abc"))
        );
    }

    #[test]
    fn rule_2_is_skipped_when_id_names_the_instance() {
        assert_eq!(
            target(&[("id", "3:0_abc"), ("kaltura_id", "2")], &[]).unwrap(),
            expect(3, Some("0_abc"))
        );
    }

    #[test]
    fn rule_3_entry_id_from_query_wins_over_form() {
        assert_eq!(
            target(&[("entry_id", "0_q")], &[("entry_id", "0_f")]).unwrap(),
            expect(1, Some("0_q"))
        );
        assert_eq!(
            target(&[], &[("entry_id", "0_f")]).unwrap(),
            expect(1, Some("0_f"))
        );
    }

    #[test]
    fn rule_3_id_wins_over_entry_id() {
        assert_eq!(
            target(&[("id", "0_id"), ("entry_id", "0_other")], &[]).unwrap(),
            expect(1, Some("0_id"))
        );
    }

    #[test]
    fn rule_4_entry_id_with_colon_names_its_instance_which_wins() {
        assert_eq!(
            target(&[("entry_id", "3:0_abc"), ("kaltura_id", "2")], &[]).unwrap(),
            expect(3, Some("0_abc"))
        );
    }

    #[test]
    fn bad_ids_are_400_errors_naming_the_parameter() {
        assert!(matches!(
            target(&[("id", "x:0_abc")], &[]),
            Err(Error::InvalidId {
                name: "id",
                source: IdError::InstanceNotANumber
            })
        ));
        assert!(matches!(
            target(&[("id", "3:")], &[]),
            Err(Error::InvalidId {
                name: "id",
                source: IdError::EntryEmpty
            })
        ));
        assert!(matches!(
            target(&[("id", "1:2:3")], &[]),
            Err(Error::InvalidId { name: "id", .. })
        ));
        assert!(matches!(
            target(&[("kaltura_id", "0")], &[]),
            Err(Error::InvalidId {
                name: "kaltura_id",
                source: IdError::InstanceOutOfRange
            })
        ));
        assert!(matches!(
            target(&[("entry_id", "<script>")], &[]),
            Err(Error::InvalidId {
                name: "entry_id",
                ..
            })
        ));
    }

    #[test]
    fn entry_is_required_only_when_asked_for() {
        let t = target(&[("kaltura_id", "2")], &[]).unwrap();
        assert!(matches!(t.entry(), Err(Error::MissingParameter("id"))));
    }

    #[test]
    fn get_reads_query_before_form_and_skips_empty_values() {
        let params = LegacyParams::from_parts(
            pairs(&[("name", ""), ("a", "q")]),
            pairs(&[("name", "form"), ("a", "f")]),
        );
        assert_eq!(params.get("name"), Some("form"));
        assert_eq!(params.get("a"), Some("q"));
        assert_eq!(params.get("missing"), None);
        assert!(matches!(
            params.require("missing"),
            Err(Error::MissingParameter("missing"))
        ));
    }
}
