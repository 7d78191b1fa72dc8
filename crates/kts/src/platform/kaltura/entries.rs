//! Entries on Kaltura: `media.get` (with the thumbnail list, in one
//! multirequest), `media.list` and `media.delete`, and Kaltura's entry
//! fields turned into [`Entry`].

use kaltura::{AssetFilter, FilterPager, MediaEntry, MediaEntryFilter, MediaType, SourceType};

use super::Kaltura;
use crate::error::Error;
use crate::ids::EntryId;
use crate::model::{
    Entry, EntryPage, EntryQuery, EntryStatus, EntryView, MediaKind, MediaSource, SessionToken,
};

impl Kaltura {
    /// `media.get` and `thumbAsset.list` in one round trip, a thumbnail URL
    /// of `width` × `height` (Kaltura's thumbnail API) and a playback-only
    /// session for the entry.
    pub(crate) async fn entry_view(
        &self,
        entry: &EntryId,
        width: u32,
        height: u32,
    ) -> Result<EntryView, Error> {
        let client = &self.conn.client;
        let mut batch = client.multirequest();
        let entry_slot = batch.push(client.media().get(entry.as_str()));
        let thumbs_slot = batch.push(
            client
                .thumb_asset()
                .list(&AssetFilter::for_entry(entry.as_str()), None),
        );
        let mut results = batch.send().await.map_err(|e| self.conn.failure(e))?;
        let media = results
            .take(&entry_slot)
            .map_err(|e| self.entry_failure(entry, e))?;
        // The thumbnail list only fails with the entry; an error here is Kaltura's.
        let thumbs = results
            .take(&thumbs_slot)
            .map_err(|e| self.conn.failure(e))?;
        let default_thumbnail = thumbs
            .objects
            .iter()
            .find(|t| t.is_default())
            .and_then(|t| t.id.clone());
        let ks = self.conn.entry_playback_ks(entry)?;
        let sized_thumbnail_url = format!(
            "{}/width/{width}/height/{height}?{}",
            self.thumbnail_base(entry),
            super::unix_now()
        );
        Ok(EntryView {
            entry: entry_of(media),
            default_thumbnail,
            sized_thumbnail_url,
            playback_session: SessionToken::new(ks.expose().to_owned()),
        })
    }

    /// `media.list` of one page of `query`.
    pub(crate) async fn list_entries(&self, query: &EntryQuery) -> Result<EntryPage, Error> {
        let kinds: Vec<&str> = query.kinds.iter().map(media_type_code).collect();
        let filter = MediaEntryFilter {
            name_like: query.name_like.clone(),
            media_type_in: (!kinds.is_empty()).then(|| kinds.join(",")),
            order_by: Some(
                if query.oldest_first {
                    "+createdAt"
                } else {
                    "-createdAt"
                }
                .into(),
            ),
            ..Default::default()
        };
        let pager = FilterPager::page(query.page_size, query.page);
        let list = self
            .conn
            .client
            .media()
            .list(Some(&filter), Some(&pager))
            .await
            .map_err(|e| self.conn.failure(e))?;
        Ok(EntryPage {
            entries: list.objects.into_iter().map(entry_of).collect(),
            total: list.total_count,
        })
    }

    /// `media.delete`.
    pub(crate) async fn delete_entry(&self, entry: &EntryId) -> Result<(), Error> {
        self.conn
            .client
            .media()
            .delete(entry.as_str())
            .await
            .map_err(|e| self.entry_failure(entry, e))
    }
}

/// Kaltura's `mediaType` code of a kind (kaltura-api-v3.md 12.2).
fn media_type_code(kind: &MediaKind) -> &str {
    match kind {
        MediaKind::Video => "1",
        MediaKind::Image => "2",
        MediaKind::Audio => "5",
        MediaKind::LiveStream => "201",
        MediaKind::Other(code) => code,
    }
}

/// Kaltura's media type of a kind.
pub(super) fn media_type_of(kind: &MediaKind) -> MediaType {
    match kind {
        MediaKind::Video => MediaType::Video,
        MediaKind::Image => MediaType::Image,
        MediaKind::Audio => MediaType::Audio,
        MediaKind::LiveStream => MediaType::LiveStreamFlash,
        MediaKind::Other(code) => kaltura::WireEnum::from_wire(code),
    }
}

fn kind_of(media_type: MediaType) -> MediaKind {
    match media_type {
        MediaType::Video => MediaKind::Video,
        MediaType::Image => MediaKind::Image,
        MediaType::Audio => MediaKind::Audio,
        MediaType::LiveStreamFlash => MediaKind::LiveStream,
        other => MediaKind::Other(other.to_string()),
    }
}

fn status_of(status: kaltura::EntryStatus) -> EntryStatus {
    use kaltura::EntryStatus as K;
    match status {
        K::ErrorImporting => EntryStatus::ImportFailed,
        K::ErrorConverting => EntryStatus::ConversionFailed,
        K::Import => EntryStatus::Importing,
        K::Preconvert => EntryStatus::Converting,
        K::Ready => EntryStatus::Ready,
        K::Deleted => EntryStatus::Deleted,
        K::Pending => EntryStatus::Pending,
        K::Moderate => EntryStatus::Moderation,
        K::Blocked => EntryStatus::Blocked,
        K::NoContent => EntryStatus::NoContent,
        other => EntryStatus::Other(other.to_string()),
    }
}

fn source_of(source: SourceType) -> MediaSource {
    match source {
        SourceType::File => MediaSource::File,
        SourceType::Webcam => MediaSource::Webcam,
        SourceType::Url => MediaSource::Url,
        SourceType::SearchProvider => MediaSource::SearchProvider,
        other => MediaSource::Other(other.to_string()),
    }
}

/// Kaltura's source type of a source.
pub(super) fn source_type_of(source: &MediaSource) -> SourceType {
    match source {
        MediaSource::File => SourceType::File,
        MediaSource::Webcam => SourceType::Webcam,
        MediaSource::Url => SourceType::Url,
        MediaSource::SearchProvider => SourceType::SearchProvider,
        MediaSource::Other(code) => kaltura::WireEnum::from_wire(code),
    }
}

/// Kaltura's entry in KTS's words.
fn entry_of(media: MediaEntry) -> Entry {
    Entry {
        id: media.id.unwrap_or_default(),
        name: media.name,
        description: media.description,
        tags: media.tags,
        status: media.status.map(status_of),
        kind: media.media_type.map(kind_of),
        source: media.source_type.map(source_of),
        play_url: media.data_url,
        download_url: media.download_url,
        thumbnail_url: media.thumbnail_url,
        plays: media.plays,
        views: media.views,
        rating: media.rank,
        rating_total: media.total_rank,
        width: media.width,
        height: media.height,
        duration: media.duration,
        created: media.created_at,
        updated: media.updated_at,
        start_date: media.start_date,
        end_date: media.end_date,
        media_date: media.media_date,
        search_text: media.search_text,
        conversion_profile: media.conversion_quality,
        credit_name: media.credit_user_name,
        credit_url: media.credit_url,
        flavor_ids: media.flavor_params_ids,
        account_id: media.partner_id,
        owner: media.user_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kalturas_entry_fields_keep_their_values_in_kts_words() {
        let media = MediaEntry {
            id: Some("0_abc".into()),
            status: Some(kaltura::EntryStatus::Ready),
            media_type: Some(MediaType::Audio),
            source_type: Some(SourceType::File),
            rank: Some(3.5),
            total_rank: Some(7),
            ..Default::default()
        };
        let entry = entry_of(media);
        assert_eq!(entry.id, "0_abc");
        assert_eq!(entry.status, Some(EntryStatus::Ready));
        assert_eq!(entry.kind, Some(MediaKind::Audio));
        assert_eq!(entry.source, Some(MediaSource::File));
        assert_eq!((entry.rating, entry.rating_total), (Some(3.5), Some(7)));
    }

    #[test]
    fn statuses_kts_has_no_word_for_keep_kalturas_code() {
        let status = status_of(kaltura::WireEnum::from_wire("virusScan.Infected"));
        assert_eq!(status, EntryStatus::Other("virusScan.Infected".into()));
        assert_eq!(media_type_code(&MediaKind::Audio), "5");
        assert_eq!(media_type_of(&MediaKind::Image), MediaType::Image);
    }
}
