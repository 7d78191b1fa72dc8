//! Captions as `caption_captionAsset` calls (kaltura-api-v3.md 7.6): list,
//! read, make the default, change, delete, create and fill. Kaltura's caption
//! type numbers and language names are mapped here and nowhere else.

use kaltura::{CaptionAsset, CaptionType, Resource, WireEnum};

use super::Kaltura;
use super::assets::{asset_status, newest_first};
use crate::detect::caption_format::CaptionFormat;
use crate::detect::language::LanguageName;
use crate::error::Error;
use crate::ids::{AssetId, EntryId};
use crate::model::{AssetKind, Caption, ReportedCaptionFormat};

const KIND: AssetKind = AssetKind::Caption;

/// The `KalturaCaptionType` of a format (kaltura-api-v3.md 12.5).
fn caption_type(format: CaptionFormat) -> CaptionType {
    match format {
        CaptionFormat::Srt => CaptionType::Srt,
        CaptionFormat::Dfxp => CaptionType::Dfxp,
        CaptionFormat::WebVtt => CaptionType::WebVtt,
        CaptionFormat::Cap => CaptionType::Cap,
        CaptionFormat::Scc => CaptionType::Scc,
    }
}

/// The format of a caption Kaltura describes; SRT when it sent none (its
/// default), its own type number for one KTS does not know.
fn reported_format(format: Option<&CaptionType>) -> ReportedCaptionFormat {
    let known = match format {
        None | Some(CaptionType::Srt) => CaptionFormat::Srt,
        Some(CaptionType::Dfxp) => CaptionFormat::Dfxp,
        Some(CaptionType::WebVtt) => CaptionFormat::WebVtt,
        Some(CaptionType::Cap) => CaptionFormat::Cap,
        Some(CaptionType::Scc) => CaptionFormat::Scc,
        Some(other) => return ReportedCaptionFormat::Other(other.as_wire().to_owned()),
    };
    ReportedCaptionFormat::Known(known)
}

/// The `KalturaLanguage` value of a language (kaltura-api-v3.md 12.8): the
/// language table was generated from Kaltura's, so its English names are
/// Kaltura's names.
fn kaltura_language(language: LanguageName) -> String {
    language.as_str().to_owned()
}

/// A caption in KTS's words.
fn caption_of(asset: &CaptionAsset, url: String) -> Caption {
    Caption {
        id: asset.id.clone().unwrap_or_default(),
        label: asset.label.clone(),
        language: asset.language.clone(),
        format: reported_format(asset.format.as_ref()),
        created: asset.created_at,
        is_default: asset.is_default.unwrap_or(false),
        status: asset_status(asset.status.as_ref()),
        url,
    }
}

impl Kaltura {
    /// `baseEntry.get` and `captionAsset.list` in one multirequest, so an
    /// unknown entry is `EntryNotFound`, not an empty list.
    pub(crate) async fn list_captions(&self, entry: &EntryId) -> Result<Vec<Caption>, Error> {
        let fail = |e| self.asset_failure(KIND, Some(entry), None, e);
        let client = &self.conn.client;
        let (filter, pager) = newest_first(entry);
        let mut batch = client.multirequest();
        let entry_slot = batch.push(client.base_entry().get(entry.as_str()));
        let list_slot = batch.push(client.caption_asset().list(&filter, Some(&pager)));
        let mut results = batch.send().await.map_err(fail)?;
        results.take(&entry_slot).map_err(fail)?;
        let captions = results.take(&list_slot).map_err(fail)?;
        captions
            .objects
            .iter()
            .map(|asset| {
                let id = asset.id.as_deref().unwrap_or_default();
                let url = self.serve_url(KIND, entry, id)?;
                Ok(caption_of(asset, url))
            })
            .collect()
    }

    /// The format of `caption` (`captionAsset.get`).
    pub(crate) async fn caption_format(
        &self,
        caption: &AssetId,
    ) -> Result<ReportedCaptionFormat, Error> {
        let asset = self
            .conn
            .client
            .caption_asset()
            .get(caption.as_str())
            .await
            .map_err(|e| self.asset_failure(KIND, None, Some(caption), e))?;
        Ok(reported_format(asset.format.as_ref()))
    }

    /// `captionAsset.setAsDefault` (the entry's other captions stop being).
    pub(crate) async fn set_default_caption(&self, caption: &AssetId) -> Result<(), Error> {
        self.conn
            .client
            .caption_asset()
            .set_as_default(caption.as_str())
            .await
            .map_err(|e| self.asset_failure(KIND, None, Some(caption), e))
    }

    /// `captionAsset.delete`.
    pub(crate) async fn delete_caption(&self, caption: &AssetId) -> Result<(), Error> {
        self.conn
            .client
            .caption_asset()
            .delete(caption.as_str())
            .await
            .map_err(|e| self.asset_failure(KIND, None, Some(caption), e))
    }

    /// `captionAsset.update` of the fields given; `None` leaves one alone.
    pub(crate) async fn update_caption(
        &self,
        caption: &AssetId,
        label: Option<&str>,
        is_default: Option<bool>,
        language: Option<LanguageName>,
    ) -> Result<(), Error> {
        let fields = CaptionAsset {
            label: label.map(str::to_owned),
            is_default,
            language: language.map(kaltura_language),
            ..Default::default()
        };
        self.conn
            .client
            .caption_asset()
            .update(caption.as_str(), &fields)
            .await
            .map(drop)
            .map_err(|e| self.asset_failure(KIND, None, Some(caption), e))
    }

    /// `captionAsset.add`: an empty caption of `entry` tagged `marker`.
    /// Returns the new id.
    pub(crate) async fn create_caption(
        &self,
        entry: &EntryId,
        marker: &str,
        format: CaptionFormat,
        language: LanguageName,
        label: Option<&str>,
    ) -> Result<String, Error> {
        let wanted = CaptionAsset {
            language: Some(kaltura_language(language)),
            label: label.map(str::to_owned),
            format: Some(caption_type(format)),
            file_ext: Some(format.extension().to_owned()),
            tags: Some(marker.to_owned()),
            ..Default::default()
        };
        let asset = self
            .conn
            .client
            .caption_asset()
            .add(entry.as_str(), &wanted)
            .await
            .map_err(|e| self.asset_failure(KIND, Some(entry), None, e))?;
        asset
            .id
            .ok_or_else(|| self.missing_asset_id("captionAsset.add"))
    }

    /// Uploads `content` through an upload token named `upload_name`,
    /// attaches it to `caption` (`captionAsset.setContent`) and, if asked,
    /// makes it the default.
    pub(crate) async fn fill_caption(
        &self,
        entry: &EntryId,
        caption: &str,
        upload_name: &str,
        content: &[u8],
        make_default: bool,
    ) -> Result<(), Error> {
        let client = &self.conn.client;
        let steps = async {
            let token = client
                .upload()
                .file_name(upload_name.to_owned())
                .from_reader(content, Some(content.len() as u64))
                .await?;
            let token = token.id.unwrap_or_default();
            client
                .caption_asset()
                .set_content(caption, &Resource::UploadedFileToken { token })
                .await?;
            if make_default {
                client.caption_asset().set_as_default(caption).await?;
            }
            Ok::<(), kaltura::Error>(())
        };
        steps
            .await
            .map_err(|e| self.asset_failure(KIND, Some(entry), None, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_are_the_legacy_ones() {
        let name = |format: Option<&CaptionType>| reported_format(format).to_string();
        assert_eq!(name(Some(&CaptionType::WebVtt)), "webvtt");
        assert_eq!(name(Some(&CaptionType::Dfxp)), "dfxp");
        assert_eq!(name(None), "srt");
        assert_eq!(name(Some(&CaptionType::from_wire("9"))), "9");
    }

    #[test]
    fn every_format_goes_to_kaltura_and_back_unchanged() {
        for format in CaptionFormat::ALL {
            assert_eq!(
                reported_format(Some(&caption_type(format))),
                ReportedCaptionFormat::Known(format)
            );
            assert_eq!(caption_type(format).as_wire(), format.number());
        }
    }

    #[test]
    fn kaltura_is_sent_the_languages_english_name() {
        let portuguese = LanguageName::parse("pt-BR").unwrap();
        assert_eq!(kaltura_language(portuguese), "Portuguese (Brazil)");
    }
}
