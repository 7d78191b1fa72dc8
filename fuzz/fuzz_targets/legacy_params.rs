//! The legacy calls' parameter and id rules (`kts::http::legacy::extract`, `kts::ids`): the first line as
//! a query string, the rest as an urlencoded body, through the "id parsing" rules and the typed
//! parameters (asset ids, flags, caption format, language, media type) and the upload
//! file-name rule.
#![no_main]

use kts::detect::caption::LanguageRequest;
use kts::detect::caption_format::CaptionFormat;
use kts::detect::media_type::MediaType;
use kts::http::legacy::extract::{LegacyParams, LegacyTarget};
use kts::ids::{AssetId, EntryId, InstanceId};
use kts::ingest::spool::sanitize_file_name;
use libfuzzer_sys::fuzz_target;

fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(bytes).into_owned().collect()
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let query = pairs(&data[..split]);
    let form = pairs(data.get(split + 1..).unwrap_or_default());
    for (_, value) in query.iter().chain(&form) {
        let _ = value.parse::<InstanceId>();
        let _ = value.parse::<EntryId>();
        let _ = value.parse::<AssetId>();
        // The documented promise of the upload file-name rule.
        if let Some(name) = sanitize_file_name(value) {
            assert!(!name.is_empty() && !name.starts_with('.'), "{name:?}");
            assert!(!name.contains(['/', '\\']) && !name.chars().any(char::is_control));
        }
    }
    let params = LegacyParams::from_parts(query, form);
    if let Ok(target) = LegacyTarget::from_params(&params) {
        assert!(InstanceId::new(target.instance.get()).is_ok());
        if let Ok(entry) = target.entry() {
            assert_eq!(entry.as_str().parse::<EntryId>().as_ref(), Ok(entry));
        }
    }
    let _ = params.asset_id("thumbnail_id");
    let _ = params.asset_id("caption_id");
    let _ = params.flag("default");
    if let Some(format) = params.get("format") {
        let _ = CaptionFormat::parse(format);
    }
    let _ = LanguageRequest::parse(params.get("language"));
    if let Some(media_type) = params.get("media_type") {
        let _ = MediaType::from_legacy_name(media_type);
    }
});
