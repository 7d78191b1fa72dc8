//! `uploadToken` (kaltura-api-v3.md 7.2 and 8).

use bytes::Bytes;

use crate::retry::Safety::{Idempotent, Unsafe};
use crate::types::{FilterPager, ListResponse, UploadToken, UploadTokenFilter};
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `uploadToken` service.
#[derive(Debug, Clone, Copy)]
pub struct UploadTokenService<'a> {
    pub(super) client: &'a Client,
}

/// One `uploadToken.upload` call: which bytes go where.
#[derive(Debug, Clone)]
pub struct ChunkUpload {
    /// The bytes of this chunk.
    pub data: Bytes,
    /// File name of the part (gives the token its name and extension when it has none).
    pub file_name: String,
    /// `false` for the first chunk (replaces any content), `true` to add to earlier chunks.
    pub resume: bool,
    /// Whether this is the last chunk (the token becomes FULL_UPLOAD).
    pub final_chunk: bool,
    /// Offset to write at; `None` appends at the end (`-1`).
    pub resume_at: Option<u64>,
}

impl UploadTokenService<'_> {
    /// `uploadToken.add`: a new token (set `file_name` and `file_size` when known).
    pub fn add(&self, token: &UploadToken) -> Request<UploadToken> {
        let params = Params::new().object("uploadToken", token);
        Request::new(
            self.client,
            "uploadToken",
            "add",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `uploadToken.upload`: sends one chunk. Writing at an explicit offset (or replacing with the first
    /// chunk) is idempotent and retried; appending at the end is not.
    pub fn upload(&self, token_id: &str, chunk: ChunkUpload) -> Request<UploadToken> {
        let resume_at = chunk.resume_at.map_or(-1.0, |offset| offset as f64);
        let safety = if chunk.resume_at.is_some() || !chunk.resume {
            Idempotent
        } else {
            Unsafe
        };
        let params = Params::new()
            .string("uploadTokenId", token_id)
            .bool("resume", chunk.resume)
            .bool("finalChunk", chunk.final_chunk)
            .float("resumeAt", resume_at);
        Request::new(
            self.client,
            "uploadToken",
            "upload",
            params,
            safety,
            response::object,
        )
        .with_file(chunk.file_name, chunk.data)
    }

    /// `uploadToken.get`: status and `uploadedFileSize`.
    pub fn get(&self, token_id: &str) -> Request<UploadToken> {
        let params = Params::new().string("uploadTokenId", token_id);
        Request::new(
            self.client,
            "uploadToken",
            "get",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `uploadToken.list`: a partner's tokens (an admin session sees every user's), e.g. the one named
    /// by a `file_name_equal` after an `add` whose answer was lost.
    pub fn list(
        &self,
        filter: &UploadTokenFilter,
        pager: Option<&FilterPager>,
    ) -> Request<ListResponse<UploadToken>> {
        let params = Params::new()
            .object("filter", filter)
            .object_opt("pager", pager);
        Request::new(
            self.client,
            "uploadToken",
            "list",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `uploadToken.delete`: the token becomes DELETED.
    pub fn delete(&self, token_id: &str) -> Request<()> {
        let params = Params::new().string("uploadTokenId", token_id);
        Request::new(
            self.client,
            "uploadToken",
            "delete",
            params,
            Unsafe,
            response::void,
        )
    }
}
