//! `baseEntry` (kaltura-api-v3.md 7.4).

use crate::retry::Safety::{Idempotent, Unsafe};
use crate::types::MediaEntry;
use crate::wire::params::Params;
use crate::wire::response;
use crate::{Client, Request};

/// Calls of the `baseEntry` service.
#[derive(Debug, Clone, Copy)]
pub struct BaseEntryService<'a> {
    pub(super) client: &'a Client,
}

impl BaseEntryService<'_> {
    /// `baseEntry.get`: any entry type; media-only fields stay empty for other types.
    pub fn get(&self, entry_id: &str) -> Request<MediaEntry> {
        let params = Params::new().string("entryId", entry_id);
        Request::new(
            self.client,
            "baseEntry",
            "get",
            params,
            Idempotent,
            response::object,
        )
    }

    /// `baseEntry.delete`: deletes an entry of any type.
    pub fn delete(&self, entry_id: &str) -> Request<()> {
        let params = Params::new().string("entryId", entry_id);
        Request::new(
            self.client,
            "baseEntry",
            "delete",
            params,
            Unsafe,
            response::void,
        )
    }
}
