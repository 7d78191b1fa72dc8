//! Removing what a failed creation left on Kaltura (kaltura-api-v3.md 10.3–10.5
//! and 18.2: "after a timeout on an add, look the object up"): entries by
//! `referenceId`, caption and thumbnail assets by `tags`, live upload tokens
//! by `fileName`. A "not found" counts as done.

use kaltura::{AssetFilter, Client, FilterPager, MediaEntryFilter, UploadTokenFilter};

use super::Kaltura;
use crate::error::Error;
use crate::platform::undo::UndoStep;

/// Every entry status a half-created entry may have (kaltura-api-v3.md
/// 10.3): without a status criterion lists return READY entries only.
const ANY_ENTRY_STATUS: &str = "-2,-1,0,1,2,4,5,6,7";
/// Most objects one marker can match (one, unless an add was retried).
const MAX_MATCHES: i64 = 50;

/// The two asset services a step may name.
#[derive(Debug, Clone, Copy)]
enum Asset {
    Thumbnail,
    Caption,
}

impl Kaltura {
    /// Removes what `step` names; returns how many objects went.
    pub(crate) async fn undo(&self, step: &UndoStep) -> Result<usize, Error> {
        run_step(&self.conn.client, step)
            .await
            .map_err(|e| self.conn.failure(e))
    }
}

async fn run_step(client: &Client, step: &UndoStep) -> Result<usize, kaltura::Error> {
    let pager = FilterPager::page(MAX_MATCHES, 1);
    match step {
        UndoStep::Entry {
            reference_id,
            entry_id,
        } => {
            let ids = match entry_id {
                Some(id) => vec![id.clone()],
                None => {
                    let filter = MediaEntryFilter {
                        reference_id_equal: Some(reference_id.clone()),
                        status_in: Some(ANY_ENTRY_STATUS.into()),
                        ..Default::default()
                    };
                    let found = client.media().list(Some(&filter), Some(&pager)).await?;
                    found.objects.into_iter().filter_map(|e| e.id).collect()
                }
            };
            let mut removed = 0;
            for id in ids {
                removed += gone(client.media().delete(&id).await)?;
            }
            Ok(removed)
        }
        UndoStep::Caption {
            entry_id,
            tag,
            asset_id,
        } => remove_assets(client, Asset::Caption, entry_id, tag, asset_id).await,
        UndoStep::Thumbnail {
            entry_id,
            tag,
            asset_id,
        } => remove_assets(client, Asset::Thumbnail, entry_id, tag, asset_id).await,
        UndoStep::UploadToken { file_name } => {
            // Without a status criterion only live tokens are searched
            // (kaltura-api-v3.md 10.5): a consumed one needs no removal.
            let filter = UploadTokenFilter {
                file_name_equal: Some(file_name.clone()),
                ..Default::default()
            };
            let found = client.upload_token().list(&filter, Some(&pager)).await?;
            let mut removed = 0;
            for id in found.objects.into_iter().filter_map(|t| t.id) {
                removed += gone(client.upload_token().delete(&id).await)?;
            }
            Ok(removed)
        }
    }
}

/// Removes the asset `known`, or, when its id never arrived, every asset of
/// `entry` whose tags hold `tag`.
async fn remove_assets(
    client: &Client,
    kind: Asset,
    entry: &str,
    tag: &str,
    known: &Option<String>,
) -> Result<usize, kaltura::Error> {
    let ids: Vec<String> = match known {
        Some(id) => vec![id.clone()],
        None => {
            let filter = tagged(entry, tag);
            let pager = FilterPager::page(MAX_MATCHES, 1);
            match kind {
                Asset::Caption => {
                    let found = client.caption_asset().list(&filter, Some(&pager)).await?;
                    found.objects.into_iter().filter_map(|a| a.id).collect()
                }
                Asset::Thumbnail => {
                    let found = client.thumb_asset().list(&filter, Some(&pager)).await?;
                    found.objects.into_iter().filter_map(|a| a.id).collect()
                }
            }
        }
    };
    let mut removed = 0;
    for id in ids {
        let deleted = match kind {
            Asset::Caption => client.caption_asset().delete(&id).await,
            Asset::Thumbnail => client.thumb_asset().delete(&id).await,
        };
        removed += gone(deleted)?;
    }
    Ok(removed)
}

/// The assets of `entry` whose tags hold `tag`.
fn tagged(entry: &str, tag: &str) -> AssetFilter {
    AssetFilter {
        tags_like: Some(tag.to_owned()),
        ..AssetFilter::for_entry(entry)
    }
}

/// A delete's outcome: 1 removed, 0 already gone.
fn gone(result: Result<(), kaltura::Error>) -> Result<usize, kaltura::Error> {
    match result {
        Ok(()) => Ok(1),
        Err(error) if error.is_not_found() => Ok(0),
        Err(error) => Err(error),
    }
}
