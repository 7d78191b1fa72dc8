//! What KTS does with media entries, free of HTTP: read one entry with
//! what a viewer needs beside it, delete, and list a page of them
//! (kts-legacy-api.md, "Media"). Answers are `model` values;
//! `http/legacy/shape.rs` turns them into the legacy JSON.

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::instances::Instances;
use crate::model::{Entry, EntryQuery, EntryView};
use crate::ops::platform_of;

/// Kaltura's largest page (and the legacy default of `get_excel`).
pub(crate) const MAX_PAGE_SIZE: i64 = 500;

/// Largest accepted thumbnail side in `get_media`'s `thumbnail_url`.
const MAX_THUMB_SIDE: u32 = 8192;

/// Longest accepted name filter.
const MAX_NAME_FILTER: usize = 256;

/// Size of the thumbnail linked by `get_media` (default 120 × 120).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ThumbSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl ThumbSize {
    /// Reads the optional `width` and `height` parameters (default 120).
    pub(crate) fn parse(width: Option<&str>, height: Option<&str>) -> Result<Self, Error> {
        let side = |name: &'static str, value: Option<&str>| -> Result<u32, Error> {
            let Some(text) = value else { return Ok(120) };
            match text.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_THUMB_SIDE).contains(&n) => Ok(n),
                _ => Err(Error::InvalidParameter {
                    name,
                    reason: format!("must be a whole number from 1 to {MAX_THUMB_SIDE}"),
                }),
            }
        };
        Ok(ThumbSize {
            width: side("width", width)?,
            height: side("height", height)?,
        })
    }
}

/// `get_media`: the entry, its default thumbnail, a thumbnail URL of `size`
/// and a session that may only play it.
#[tracing::instrument(
    name = "get_entry",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn get(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    size: ThumbSize,
) -> Result<EntryView, Error> {
    platform_of(instances, instance)
        .await?
        .entry_view(entry, size.width, size.height)
        .await
}

/// Deletes an entry.
#[tracing::instrument(
    name = "delete_entry",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn delete(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<(), Error> {
    platform_of(instances, instance)
        .await?
        .delete_entry(entry)
        .await
}

/// Which entries `search_video` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchQuery {
    /// 1-based page number (default 1).
    pub page: i64,
    /// Entries per page, 1 to [`MAX_PAGE_SIZE`] (default [`MAX_PAGE_SIZE`]).
    pub page_size: i64,
    /// Only entries whose name contains this text.
    pub name: Option<String>,
}

impl SearchQuery {
    /// Reads the optional `page`, `pagesize` and `name` parameters.
    pub(crate) fn parse(
        page: Option<&str>,
        page_size: Option<&str>,
        name: Option<&str>,
    ) -> Result<Self, Error> {
        let page = parse_bounded("page", page, 1, 1, 100_000)?;
        let page_size = parse_bounded("pagesize", page_size, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
        if let Some(name) = name
            && (name.len() > MAX_NAME_FILTER || name.chars().any(char::is_control))
        {
            return Err(Error::InvalidParameter {
                name: "name",
                reason: format!("must be text of at most {MAX_NAME_FILTER} bytes"),
            });
        }
        Ok(SearchQuery {
            page,
            page_size,
            name: name.map(str::to_owned),
        })
    }
}

/// Parses an optional whole number within `min..=max`.
pub(crate) fn parse_bounded(
    name: &'static str,
    value: Option<&str>,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, Error> {
    let Some(text) = value else {
        return Ok(default);
    };
    match text.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Error::InvalidParameter {
            name,
            reason: format!("must be a whole number from {min} to {max}"),
        }),
    }
}

/// `search_video`: one page of the account's entries, newest first.
#[tracing::instrument(
    name = "search_entries",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty)
)]
pub(crate) async fn search(
    instances: &Instances,
    instance: InstanceId,
    query: &SearchQuery,
) -> Result<Vec<Entry>, Error> {
    let query = EntryQuery {
        page: query.page,
        page_size: query.page_size,
        name_like: query.name.clone(),
        kinds: Vec::new(),
        oldest_first: false,
    };
    let page = platform_of(instances, instance)
        .await?
        .list_entries(&query)
        .await?;
    Ok(page.entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumb_size_defaults_to_120_and_refuses_nonsense() {
        assert_eq!(
            ThumbSize::parse(None, None).unwrap(),
            ThumbSize {
                width: 120,
                height: 120
            }
        );
        assert_eq!(ThumbSize::parse(Some("640"), None).unwrap().width, 640);
        for bad in ["0", "-1", "abc", "99999"] {
            assert!(ThumbSize::parse(Some(bad), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn search_query_bounds_paging() {
        let q = SearchQuery::parse(None, None, None).unwrap();
        assert_eq!((q.page, q.page_size), (1, MAX_PAGE_SIZE));
        assert!(SearchQuery::parse(Some("0"), None, None).is_err());
        assert!(SearchQuery::parse(None, Some("501"), None).is_err());
    }
}
