//! Captions of an entry, free of HTTP (kts-legacy-api.md, "Captions"): add
//! one from an uploaded file (format, charset and language detected), list,
//! make one the default, update its fields, remove it.
//!
//! `add` reads the spooled file, inspects it with [`detect::caption`], then
//! creates the asset (`captionAsset.add`), uploads the UTF-8 text through an
//! upload token and attaches it (`captionAsset.setContent`); a failure after
//! the asset exists removes it and its token, now or later, found by a
//! marker in their `tags` and file name even if an answer was lost
//! ([`Undo`]).

use kaltura::{AssetFilter, CaptionAsset, CaptionType, FilterPager, Resource, WireEnum};
use serde_json::{Value, json};

use crate::detect::caption::{self, LanguageRequest};
use crate::detect::caption_format::{CaptionFormat, MAX_CAPTION_BYTES};
use crate::detect::language::LanguageName;
use crate::error::Error;
use crate::ids::{AssetId, EntryId, InstanceId};
use crate::ingest::spool::SpooledFile;
use crate::instances::Instances;
use crate::ops::assets::{self, AssetKind, MAX_LISTED_ASSETS, NEWEST_FIRST, serve_url};
use crate::ops::undo::{self, Undo, UndoStep};
use crate::platform::Platform;

/// Longest caption label (`name`) accepted.
pub const MAX_LABEL_CHARS: usize = 256;

/// What `add_caption` asks for.
#[derive(Debug)]
pub struct NewCaption<'a> {
    /// The uploaded caption file.
    pub file: &'a SpooledFile,
    /// Label shown in players (`name`).
    pub label: Option<String>,
    /// The `language` parameter.
    pub language: LanguageRequest,
    /// Make it the entry's default caption (`default=true`).
    pub is_default: bool,
    /// The `format` parameter.
    pub format: Option<CaptionFormat>,
}

/// A caption added: its id and the sentences of the legacy `messages`.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedCaption {
    /// The new caption asset's id.
    pub caption_id: String,
    /// What was detected and done, in order.
    pub messages: Vec<String>,
}

/// The fields `update_caption` may change; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaptionChanges {
    /// New label.
    pub label: Option<String>,
    /// New default flag.
    pub is_default: Option<bool>,
    /// New language.
    pub language: Option<LanguageName>,
    /// The format the caller believes the caption has (Kaltura cannot change it).
    pub format: Option<CaptionFormat>,
}

impl CaptionChanges {
    /// Whether no field is to change.
    pub fn is_empty(&self) -> bool {
        self.label.is_none()
            && self.is_default.is_none()
            && self.language.is_none()
            && self.format.is_none()
    }
}

/// Validates a caption label: at most [`MAX_LABEL_CHARS`], no control characters.
pub fn parse_label(value: &str) -> Result<String, Error> {
    let label = value.trim();
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(Error::InvalidParameter {
            name: "name",
            reason: format!("longer than {MAX_LABEL_CHARS} characters"),
        });
    }
    if label.chars().any(char::is_control) {
        return Err(Error::InvalidParameter {
            name: "name",
            reason: "holds control characters".into(),
        });
    }
    Ok(label.to_owned())
}

/// Adds a caption file to `entry`, all or nothing.
///
/// Fails with `UploadTooLarge` above [`MAX_CAPTION_BYTES`], `InvalidParameter`
/// (`file`) for an empty file or a format Kaltura cannot take, `EntryNotFound`,
/// or the instance's Kaltura failure (the created asset is then deleted).
pub async fn add(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    new: NewCaption<'_>,
) -> Result<AddedCaption, Error> {
    let file = new.file;
    if file.is_empty() {
        return Err(Error::InvalidParameter {
            name: "file",
            reason: "the caption file is empty".into(),
        });
    }
    if file.len() > MAX_CAPTION_BYTES as u64 {
        return Err(Error::UploadTooLarge {
            limit: MAX_CAPTION_BYTES as u64,
        });
    }
    let bytes = tokio::fs::read(file.path())
        .await
        .map_err(|e| Error::Spool(e.into()))?;
    let file_name = file.original_name().map(str::to_owned);
    let (declared, language) = (new.format, new.language);
    // Charset and language detection read up to 8 MiB: off the async threads.
    let inspected = tokio::task::spawn_blocking(move || {
        caption::inspect(&bytes, file_name.as_deref(), declared, language)
    })
    .await
    .map_err(|_| Error::Interrupted("caption inspection"))?
    .map_err(|e| Error::InvalidParameter {
        name: "file",
        reason: e.to_string(),
    })?;

    let conn = instances.connect(instance).await?;
    let fail = |e| assets::failure(&conn, AssetKind::Caption, Some(entry), None, e);
    let format = inspected.format.format;
    // The marker finds the asset and its token again should an answer be
    // lost (ops::undo).
    let marker = undo::new_marker();
    let upload_name = undo::token_file_name(&marker, &format!("caption.{}", format.extension()));
    let wanted = CaptionAsset {
        language: Some(inspected.language.language.as_str().to_owned()),
        label: new.label.clone(),
        format: Some(CaptionType::from_wire(format.kaltura_type())),
        file_ext: Some(format.extension().to_owned()),
        tags: Some(marker.clone()),
        ..Default::default()
    };
    let steps = vec![
        UndoStep::UploadToken {
            file_name: upload_name.clone(),
        },
        UndoStep::Caption {
            entry_id: entry.as_str().to_owned(),
            tag: marker,
            asset_id: None,
        },
    ];
    let mut undo = Undo::begin(instances, &Platform::from_connection(conn.clone()), steps).await?;
    let caption_id = match conn
        .client
        .caption_asset()
        .add(entry.as_str(), &wanted)
        .await
    {
        Ok(CaptionAsset { id: Some(id), .. }) => id,
        Ok(_) => {
            let error = Error::PlatformFailed {
                instance,
                platform: crate::model::PlatformKind::Kaltura,
                code: "INVALID_RESPONSE".into(),
                message: "captionAsset.add answered without an id".into(),
            };
            return Err(undo.fail(error).await);
        }
        Err(error) => return Err(undo.fail(fail(error)).await),
    };
    undo.asset_created(&caption_id);

    let content = inspected.content.as_slice();
    let steps = async {
        let token = conn
            .client
            .upload()
            .file_name(upload_name)
            .from_reader(content, Some(content.len() as u64))
            .await?;
        let token = token.id.unwrap_or_default();
        conn.client
            .caption_asset()
            .set_content(&caption_id, &Resource::UploadedFileToken { token })
            .await?;
        if new.is_default {
            conn.client
                .caption_asset()
                .set_as_default(&caption_id)
                .await?;
        }
        Ok::<(), kaltura::Error>(())
    };
    if let Err(error) = steps.await {
        return Err(undo.fail(fail(error)).await);
    }
    undo.finish().await?;

    let mut messages = vec!["File Uploaded locally".to_owned()];
    messages.extend(inspected.messages());
    if new.is_default {
        messages.push("caption set as default".to_owned());
    }
    messages.push(format!("caption added, id: {caption_id}"));
    Ok(AddedCaption {
        caption_id,
        messages,
    })
}

/// The captions of `entry`, newest first, in the legacy shape of
/// `list_captions`. One round trip: the entry is read in the same
/// multirequest, so an unknown entry is `EntryNotFound`, not an empty list.
pub async fn list(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<Vec<Value>, Error> {
    let conn = instances.connect(instance).await?;
    let fail = |e| assets::failure(&conn, AssetKind::Caption, Some(entry), None, e);
    let filter = AssetFilter {
        order_by: Some(NEWEST_FIRST.into()),
        ..AssetFilter::for_entry(entry.as_str())
    };
    let pager = FilterPager::page(MAX_LISTED_ASSETS, 1);
    let mut batch = conn.client.multirequest();
    let entry_slot = batch.push(conn.client.base_entry().get(entry.as_str()));
    let list_slot = batch.push(conn.client.caption_asset().list(&filter, Some(&pager)));
    let mut results = batch.send().await.map_err(fail)?;
    results.take(&entry_slot).map_err(fail)?;
    let captions = results.take(&list_slot).map_err(fail)?;
    captions
        .objects
        .iter()
        .map(|caption| {
            let id = caption.id.as_deref().unwrap_or_default();
            Ok(json!({
                "id": id,
                "language": caption.language.as_deref().unwrap_or_default(),
                "created_at": caption.created_at.unwrap_or_default(),
                "default": caption.is_default.unwrap_or(false),
                "name": caption.label.as_deref().unwrap_or_default(),
                "format": format_name(caption.format.as_ref()),
                "status": assets::status_name(caption.status.as_ref()),
                "url": serve_url(&conn, AssetKind::Caption, entry, id)?,
            }))
        })
        .collect()
}

/// The legacy name of a caption's format (`srt`, `dfxp`, `webvtt`, `cap`,
/// `scc`); SRT when Kaltura sent none (its default).
fn format_name(format: Option<&CaptionType>) -> String {
    let wire = format.map_or("1", |f| f.as_wire());
    CaptionFormat::from_kaltura_type(wire)
        .map_or_else(|| wire.to_owned(), |f| f.legacy_name().to_owned())
}

/// Makes `caption` the default caption of its entry (the others stop being).
pub async fn set_default(
    instances: &Instances,
    instance: InstanceId,
    caption: &AssetId,
) -> Result<(), Error> {
    let conn = instances.connect(instance).await?;
    conn.client
        .caption_asset()
        .set_as_default(caption.as_str())
        .await
        .map_err(|e| assets::failure(&conn, AssetKind::Caption, None, Some(caption), e))
}

/// Deletes `caption` (a default caption may be deleted too).
pub async fn remove(
    instances: &Instances,
    instance: InstanceId,
    caption: &AssetId,
) -> Result<(), Error> {
    let conn = instances.connect(instance).await?;
    conn.client
        .caption_asset()
        .delete(caption.as_str())
        .await
        .map_err(|e| assets::failure(&conn, AssetKind::Caption, None, Some(caption), e))
}

/// Changes the fields of `caption` given in `changes` and returns one legacy
/// message per field: `language is L`, `format is F`, `label (name) is N`,
/// `default is B`.
///
/// Kaltura cannot change a caption's format after upload: a `format` equal to
/// the caption's is confirmed, a different one is refused (`InvalidParameter`)
/// before anything changes. Without a `format`, one round trip.
pub async fn update(
    instances: &Instances,
    instance: InstanceId,
    caption: &AssetId,
    changes: &CaptionChanges,
) -> Result<Vec<String>, Error> {
    if changes.is_empty() {
        return Err(Error::MissingParameter("name, default, language or format"));
    }
    let conn = instances.connect(instance).await?;
    let fail = |e| assets::failure(&conn, AssetKind::Caption, None, Some(caption), e);
    if let Some(wanted) = changes.format {
        let current = conn
            .client
            .caption_asset()
            .get(caption.as_str())
            .await
            .map_err(fail)?;
        let current_wire = current.format.as_ref().map_or("1", |f| f.as_wire());
        if CaptionFormat::from_kaltura_type(current_wire) != Some(wanted) {
            return Err(Error::InvalidParameter {
                name: "format",
                reason: format!(
                    "the caption is {} and Kaltura cannot change the format of a caption: add it again as {}",
                    format_name(current.format.as_ref()),
                    wanted.legacy_name()
                ),
            });
        }
    }
    let fields = CaptionAsset {
        label: changes.label.clone(),
        is_default: changes.is_default,
        language: changes.language.map(|l| l.as_str().to_owned()),
        ..Default::default()
    };
    if fields != CaptionAsset::default() {
        conn.client
            .caption_asset()
            .update(caption.as_str(), &fields)
            .await
            .map_err(fail)?;
    }
    let mut messages = Vec::new();
    if let Some(language) = changes.language {
        messages.push(format!("language is {}", language.as_str()));
    }
    if let Some(format) = changes.format {
        messages.push(format!("format is {}", format.legacy_name()));
    }
    if let Some(label) = &changes.label {
        messages.push(format!("label (name) is {label}"));
    }
    if let Some(is_default) = changes.is_default {
        messages.push(format!("default is {is_default}"));
    }
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_bounded_and_plain() {
        assert_eq!(parse_label(" Subtitles ").unwrap(), "Subtitles");
        assert!(parse_label(&"x".repeat(MAX_LABEL_CHARS + 1)).is_err());
        assert!(parse_label("a\u{7}b").is_err());
    }

    #[test]
    fn format_names_are_the_legacy_ones() {
        assert_eq!(format_name(Some(&CaptionType::WebVtt)), "webvtt");
        assert_eq!(format_name(Some(&CaptionType::Dfxp)), "dfxp");
        assert_eq!(format_name(None), "srt");
        assert_eq!(format_name(Some(&CaptionType::from_wire("9"))), "9");
    }

    #[test]
    fn no_change_is_empty() {
        assert!(CaptionChanges::default().is_empty());
        let changes = CaptionChanges {
            is_default: Some(false),
            ..Default::default()
        };
        assert!(!changes.is_empty());
    }
}
