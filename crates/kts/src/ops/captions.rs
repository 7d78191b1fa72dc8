//! Captions of an entry, free of HTTP (kts-legacy-api.md, "Captions"): add
//! one from an uploaded file (format, charset and language detected), list,
//! make one the default, update its fields, remove it.
//!
//! `add` reads the spooled file, inspects it with [`detect::caption`], then
//! creates the asset on the platform and gives it the UTF-8 text; a failure
//! after the asset exists removes it and its upload, now or later, found by
//! a marker the platform keeps with them even if an answer was lost
//! ([`Undo`]). Each operation runs in a span named after it, with
//! `instance`, `platform` and `entry` (or `caption`).

use crate::detect::caption::{self, LanguageRequest};
use crate::detect::caption_format::{CaptionFormat, MAX_CAPTION_BYTES};
use crate::detect::language::LanguageName;
use crate::error::Error;
use crate::ids::{AssetId, EntryId, InstanceId};
use crate::ingest::spool::SpooledFile;
use crate::instances::Instances;
use crate::model::{Caption, ReportedCaptionFormat};
use crate::ops::platform_of;
use crate::ops::undo::{self, Undo, UndoStep};

/// Longest caption label (`name`) accepted.
pub(crate) const MAX_LABEL_CHARS: usize = 256;

/// What `add_caption` asks for.
#[derive(Debug)]
pub(crate) struct NewCaption<'a> {
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
pub(crate) struct AddedCaption {
    /// The new caption asset's id.
    pub caption_id: String,
    /// What was detected and done, in order.
    pub messages: Vec<String>,
}

/// The fields `update_caption` may change; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CaptionChanges {
    /// New label.
    pub label: Option<String>,
    /// New default flag.
    pub is_default: Option<bool>,
    /// New language.
    pub language: Option<LanguageName>,
    /// The format the caller believes the caption has (platforms cannot change it).
    pub format: Option<CaptionFormat>,
}

impl CaptionChanges {
    /// Whether no field is to change.
    pub(crate) fn is_empty(&self) -> bool {
        self.label.is_none()
            && self.is_default.is_none()
            && self.language.is_none()
            && self.format.is_none()
    }
}

/// Validates a caption label: at most [`MAX_LABEL_CHARS`], no control characters.
pub(crate) fn parse_label(value: &str) -> Result<String, Error> {
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
/// (`file`) for an empty file or a format the platform cannot take,
/// `EntryNotFound`, or the instance's platform failure (the created asset is
/// then deleted).
#[tracing::instrument(
    name = "add_caption",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn add(
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

    let platform = platform_of(instances, instance).await?;
    let format = inspected.format.format;
    // The marker finds the asset and its upload again should an answer be
    // lost (ops::undo).
    let marker = undo::new_marker();
    let upload_name = undo::token_file_name(&marker, &format!("caption.{}", format.extension()));
    let steps = vec![
        UndoStep::UploadToken {
            file_name: upload_name.clone(),
        },
        UndoStep::Caption {
            entry_id: entry.as_str().to_owned(),
            tag: marker.clone(),
            asset_id: None,
        },
    ];
    let mut undo = Undo::begin(instances, &platform, steps).await?;
    let created = platform
        .create_caption(
            entry,
            &marker,
            format,
            inspected.language.language,
            new.label.as_deref(),
        )
        .await;
    let caption_id = match created {
        Ok(id) => id,
        Err(error) => return Err(undo.fail(error).await),
    };
    undo.asset_created(&caption_id);
    let filled = platform
        .fill_caption(
            entry,
            &caption_id,
            &upload_name,
            &inspected.content,
            new.is_default,
        )
        .await;
    if let Err(error) = filled {
        return Err(undo.fail(error).await);
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

/// The captions of `entry`, newest first (`list_captions`). One round trip;
/// an unknown entry is `EntryNotFound`, not an empty list.
#[tracing::instrument(
    name = "list_captions",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn list(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<Vec<Caption>, Error> {
    let platform = platform_of(instances, instance).await?;
    platform.list_captions(entry).await
}

/// Makes `caption` the default caption of its entry (the others stop being).
#[tracing::instrument(
    name = "set_default_caption",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, caption = %caption)
)]
pub(crate) async fn set_default(
    instances: &Instances,
    instance: InstanceId,
    caption: &AssetId,
) -> Result<(), Error> {
    let platform = platform_of(instances, instance).await?;
    platform.set_default_caption(caption).await
}

/// Deletes `caption` (a default caption may be deleted too).
#[tracing::instrument(
    name = "remove_caption",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, caption = %caption)
)]
pub(crate) async fn remove(
    instances: &Instances,
    instance: InstanceId,
    caption: &AssetId,
) -> Result<(), Error> {
    let platform = platform_of(instances, instance).await?;
    platform.delete_caption(caption).await
}

/// Changes the fields of `caption` given in `changes` and returns one legacy
/// message per field: `language is L`, `format is F`, `label (name) is N`,
/// `default is B`.
///
/// A platform cannot change a caption's format after upload: a `format`
/// equal to the caption's is confirmed, a different one is refused
/// (`InvalidParameter`) before anything changes. Without a `format`, one
/// round trip.
#[tracing::instrument(
    name = "update_caption",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, caption = %caption)
)]
pub(crate) async fn update(
    instances: &Instances,
    instance: InstanceId,
    caption: &AssetId,
    changes: &CaptionChanges,
) -> Result<Vec<String>, Error> {
    if changes.is_empty() {
        return Err(Error::MissingParameter("name, default, language or format"));
    }
    let platform = platform_of(instances, instance).await?;
    if let Some(wanted) = changes.format {
        let current = platform.caption_format(caption).await?;
        if current != ReportedCaptionFormat::Known(wanted) {
            return Err(Error::InvalidParameter {
                name: "format",
                reason: format!(
                    "the caption is {current} and {} cannot change the format of a caption: add it again as {}",
                    platform.kind(),
                    wanted.legacy_name()
                ),
            });
        }
    }
    let fields_change =
        changes.label.is_some() || changes.is_default.is_some() || changes.language.is_some();
    if fields_change {
        platform
            .update_caption(
                caption,
                changes.label.as_deref(),
                changes.is_default,
                changes.language,
            )
            .await?;
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
    use crate::instances::ClientOptions;
    use crate::ops::span_capture::spans_of;
    use crate::store::test_support;

    #[tokio::test]
    async fn operations_run_in_spans_naming_instance_platform_and_caption() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let (instance, caption) = (InstanceId::new(42).unwrap(), "1_cap".parse().unwrap());
        let spans = spans_of(remove(&instances, instance, &caption)).await;
        let fields = ["instance", "platform", "caption"]
            .map(String::from)
            .to_vec();
        assert!(
            spans.contains(&("remove_caption".to_owned(), fields)),
            "{spans:?}"
        );
    }

    #[test]
    fn labels_are_bounded_and_plain() {
        assert_eq!(parse_label(" Subtitles ").unwrap(), "Subtitles");
        assert!(parse_label(&"x".repeat(MAX_LABEL_CHARS + 1)).is_err());
        assert!(parse_label("a\u{7}b").is_err());
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
