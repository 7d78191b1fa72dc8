//! `media` (kaltura-api-v3.md 7.3).

use crate::retry::Safety::{Idempotent, Unsafe};
use crate::types::{FilterPager, ListResponse, MediaEntry, MediaEntryFilter, Resource};
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `media` service.
#[derive(Debug, Clone, Copy)]
pub struct MediaService<'a> {
    pub(super) client: &'a Client,
}

impl MediaService<'_> {
    /// `media.add`: creates an entry without content (status NO_CONTENT).
    pub fn add(&self, entry: &MediaEntry) -> Request<MediaEntry> {
        let params = Params::new().object("entry", entry);
        Request::new(
            self.client,
            "media",
            "add",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `media.addContent`: attaches content (an upload token, a URL…) to an entry without content.
    pub fn add_content(&self, entry_id: &str, resource: &Resource) -> Request<MediaEntry> {
        let params = Params::new()
            .string("entryId", entry_id)
            .resource("resource", resource);
        Request::new(
            self.client,
            "media",
            "addContent",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `media.addFromUploadedFile`: creates an entry from a complete upload token.
    pub fn add_from_uploaded_file(
        &self,
        entry: &MediaEntry,
        upload_token_id: &str,
    ) -> Request<MediaEntry> {
        let params = Params::new()
            .object("mediaEntry", entry)
            .string("uploadTokenId", upload_token_id);
        Request::new(
            self.client,
            "media",
            "addFromUploadedFile",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `media.addFromUrl`: creates an entry the server imports from `url`.
    pub fn add_from_url(&self, entry: &MediaEntry, url: &str) -> Request<MediaEntry> {
        let params = Params::new().object("mediaEntry", entry).string("url", url);
        Request::new(
            self.client,
            "media",
            "addFromUrl",
            params,
            Unsafe,
            response::object,
        )
    }

    /// `media.get`: fails with `ENTRY_ID_NOT_FOUND` for unknown or deleted entries.
    pub fn get(&self, entry_id: &str) -> Request<MediaEntry> {
        let params = Params::new().string("entryId", entry_id);
        Request::new(
            self.client,
            "media",
            "get",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `media.list`: without a status criterion only READY entries are listed.
    pub fn list(
        &self,
        filter: Option<&MediaEntryFilter>,
        pager: Option<&FilterPager>,
    ) -> Request<ListResponse<MediaEntry>> {
        let params = Params::new()
            .object_opt("filter", filter)
            .object_opt("pager", pager);
        Request::new(
            self.client,
            "media",
            "list",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `media.count`: same criteria and defaults as `list`.
    pub fn count(&self, filter: Option<&MediaEntryFilter>) -> Request<i64> {
        let params = Params::new().object_opt("filter", filter);
        Request::new(
            self.client,
            "media",
            "count",
            params,
            Idempotent,
            response::int,
        )
    }

    /// `media.update`: changes the fields that are set. Setting values is idempotent, so it is retried.
    pub fn update(&self, entry_id: &str, entry: &MediaEntry) -> Request<MediaEntry> {
        let params = Params::new()
            .string("entryId", entry_id)
            .object("mediaEntry", entry);
        Request::new(
            self.client,
            "media",
            "update",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `media.delete`: marks the entry deleted.
    pub fn delete(&self, entry_id: &str) -> Request<()> {
        let params = Params::new().string("entryId", entry_id);
        Request::new(
            self.client,
            "media",
            "delete",
            params,
            Unsafe,
            response::void,
        )
    }
}
