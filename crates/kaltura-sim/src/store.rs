//! The simulator's data: entries, upload tokens and the asset records (thumbnail, caption and flavor assets,
//! flavor params, conversion profiles) as plain data with ids, plus the files on disk. Kept in memory; with a
//! data folder, saved to `state.json` after every change and loaded at start.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rand::Rng;
use serde::{Deserialize, Serialize};
use sim_support::persist::{DataFolder, StateFile};

use crate::{Error, Partner};

/// `KalturaEntryStatus` values used by the simulator.
pub(crate) mod entry_status {
    pub(crate) const ERROR_IMPORTING: i64 = -2;
    pub(crate) const ERROR_CONVERTING: i64 = -1;
    pub(crate) const IMPORT: i64 = 0;
    pub(crate) const PRECONVERT: i64 = 1;
    pub(crate) const READY: i64 = 2;
    pub(crate) const DELETED: i64 = 3;
    pub(crate) const NO_CONTENT: i64 = 7;
}

/// `KalturaUploadTokenStatus` values.
pub(crate) mod token_status {
    pub(crate) const PENDING: i64 = 0;
    pub(crate) const PARTIAL_UPLOAD: i64 = 1;
    pub(crate) const FULL_UPLOAD: i64 = 2;
    pub(crate) const CLOSED: i64 = 3;
    pub(crate) const DELETED: i64 = 5;
}

/// `KalturaMediaType` values.
pub(crate) mod media_type {
    pub(crate) const VIDEO: i64 = 1;
    pub(crate) const IMAGE: i64 = 2;
    pub(crate) const AUDIO: i64 = 5;
}

/// A file kept by the simulator, relative to the files root.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct StoredFile {
    pub(crate) path: PathBuf,
    pub(crate) file_name: String,
    pub(crate) size: u64,
}

/// A media entry (`KalturaMediaEntry`). Free-text and plain numeric properties that need no rules are kept
/// in `text` and `numbers` under their wire names; the rest are typed fields.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) partner_id: i64,
    pub(crate) user_id: String,
    pub(crate) creator_id: String,
    pub(crate) status: i64,
    pub(crate) moderation_status: i64,
    pub(crate) entry_type: String,
    pub(crate) media_type: Option<i64>,
    pub(crate) source_type: Option<String>,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
    /// Data version; images change it with new content.
    pub(crate) version: i64,
    /// Thumbnail version used in `thumbnailUrl`; starts at 100000.
    pub(crate) thumb_version: i64,
    pub(crate) text: BTreeMap<String, String>,
    pub(crate) numbers: BTreeMap<String, i64>,
    pub(crate) width: Option<i64>,
    pub(crate) height: Option<i64>,
    pub(crate) ms_duration: Option<i64>,
    pub(crate) flavor_params_ids: String,
    pub(crate) content: Option<StoredFile>,
    /// The URL being imported, until the import ends (so a restarted simulator resumes it).
    #[serde(default)]
    pub(crate) import_url: Option<String>,
}

/// A chunk parked until the token's file grows to its offset (kaltura-api-v3.md 8.3).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct PendingChunk {
    pub(crate) offset: u64,
    pub(crate) size: u64,
    pub(crate) path: PathBuf,
}

/// `KalturaUploadToken`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct UploadToken {
    pub(crate) id: String,
    pub(crate) partner_id: i64,
    pub(crate) user_id: String,
    pub(crate) status: i64,
    pub(crate) file_name: Option<String>,
    pub(crate) file_size: Option<f64>,
    pub(crate) uploaded_file_size: Option<f64>,
    pub(crate) auto_finalize: Option<i64>,
    pub(crate) attached_object_type: Option<String>,
    pub(crate) attached_object_id: Option<String>,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
    /// Whether the first (`resume=false`) part arrived, so the token's file exists.
    pub(crate) has_file: bool,
    pub(crate) pending_chunks: Vec<PendingChunk>,
}

/// `KalturaThumbAsset` record (the thumbAsset service works on these).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct ThumbAsset {
    pub(crate) id: String,
    pub(crate) entry_id: String,
    pub(crate) partner_id: i64,
    pub(crate) thumb_params_id: i64,
    pub(crate) status: i64,
    pub(crate) width: Option<i64>,
    pub(crate) height: Option<i64>,
    pub(crate) file_ext: Option<String>,
    pub(crate) tags: String,
    pub(crate) description: String,
    pub(crate) is_default: bool,
    pub(crate) version: i64,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
    pub(crate) content: Option<StoredFile>,
    #[serde(default)]
    pub(crate) partner_data: String,
    #[serde(default)]
    pub(crate) partner_description: String,
}

/// `KalturaCaptionAsset` record (the caption_captionAsset service works on these).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct CaptionAsset {
    pub(crate) id: String,
    pub(crate) entry_id: String,
    pub(crate) partner_id: i64,
    pub(crate) caption_params_id: i64,
    pub(crate) status: i64,
    pub(crate) label: String,
    pub(crate) language: Option<String>,
    pub(crate) format: Option<String>,
    pub(crate) is_default: bool,
    pub(crate) accuracy: Option<i64>,
    pub(crate) file_ext: Option<String>,
    pub(crate) tags: String,
    pub(crate) version: i64,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
    pub(crate) content: Option<StoredFile>,
    #[serde(default)]
    pub(crate) partner_data: String,
    #[serde(default)]
    pub(crate) partner_description: String,
    #[serde(default = "shown_on_player")]
    pub(crate) display_on_player: bool,
    /// Why the asset is in ERROR (a failed import), empty otherwise.
    #[serde(default)]
    pub(crate) description: String,
}

/// Captions are shown in players unless told otherwise.
fn shown_on_player() -> bool {
    true
}

/// `KalturaFlavorAsset` record; the source flavor (params id 0) is created when content is attached.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct FlavorAsset {
    pub(crate) id: String,
    pub(crate) entry_id: String,
    pub(crate) partner_id: i64,
    pub(crate) flavor_params_id: i64,
    pub(crate) status: i64,
    pub(crate) width: Option<i64>,
    pub(crate) height: Option<i64>,
    pub(crate) file_ext: Option<String>,
    pub(crate) is_original: bool,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
    pub(crate) content: Option<StoredFile>,
}

/// `KalturaFlavorParams`; partner 0 holds the system ones.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct FlavorParams {
    pub(crate) id: i64,
    pub(crate) partner_id: i64,
    pub(crate) name: String,
    pub(crate) system_name: String,
    pub(crate) tags: String,
    pub(crate) format: String,
    pub(crate) video_codec: String,
    pub(crate) audio_codec: String,
    pub(crate) video_bitrate: i64,
    pub(crate) audio_bitrate: i64,
    pub(crate) width: i64,
    pub(crate) height: i64,
    pub(crate) is_system_default: bool,
    pub(crate) created_at: i64,
    /// Every other read-write property the partner gave, by its wire name.
    #[serde(default)]
    pub(crate) more: BTreeMap<String, PropertyValue>,
}

/// A stored value of a typed object property.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) enum PropertyValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An array of `KalturaString` (`requiredPermissions`).
    Strings(Vec<String>),
}

/// `KalturaConversionProfile`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct ConversionProfile {
    pub(crate) id: i64,
    pub(crate) partner_id: i64,
    pub(crate) name: String,
    pub(crate) system_name: String,
    pub(crate) flavor_params_ids: Vec<i64>,
    pub(crate) is_partner_default: bool,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
}

/// Everything the simulator remembers.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Data {
    pub(crate) entries: BTreeMap<String, Entry>,
    pub(crate) upload_tokens: BTreeMap<String, UploadToken>,
    /// Files stored by the legacy `media.upload`, by the token string it returned.
    pub(crate) legacy_uploads: BTreeMap<String, StoredFile>,
    pub(crate) thumb_assets: BTreeMap<String, ThumbAsset>,
    pub(crate) caption_assets: BTreeMap<String, CaptionAsset>,
    pub(crate) flavor_assets: BTreeMap<String, FlavorAsset>,
    pub(crate) flavor_params: BTreeMap<i64, FlavorParams>,
    pub(crate) conversion_profiles: BTreeMap<i64, ConversionProfile>,
    /// KS strings ended by `session.end`.
    pub(crate) ended_sessions: BTreeSet<String>,
    /// Calls made with each KS that carries `actionslimit`.
    pub(crate) ks_uses: BTreeMap<String, u64>,
    /// Next integer id for flavor params and conversion profiles.
    pub(crate) next_int_id: i64,
}

impl Data {
    /// Adds the system flavor params and one default conversion profile per partner, when missing.
    fn seed(&mut self, partners: &[Partner], now: i64) {
        let system = [
            (0, "Source", "", "", 0, 0, 0),
            (
                2,
                "Basic/Small - WEB/MBL (H264/400)",
                "h264",
                "aac",
                400,
                64,
                360,
            ),
            (
                3,
                "Basic/Small - WEB/MBL (H264/600)",
                "h264",
                "aac",
                600,
                96,
                480,
            ),
            (
                4,
                "SD/Small - WEB/MBL (H264/900)",
                "h264",
                "aac",
                900,
                128,
                480,
            ),
        ];
        for (id, name, video, audio, vbr, abr, height) in system {
            self.flavor_params
                .entry(id)
                .or_insert_with(|| FlavorParams {
                    id,
                    partner_id: 0,
                    name: name.to_owned(),
                    system_name: String::new(),
                    tags: if id == 0 {
                        "source".to_owned()
                    } else {
                        "web,mbr".to_owned()
                    },
                    format: if id == 0 {
                        String::new()
                    } else {
                        "mp4".to_owned()
                    },
                    more: BTreeMap::new(),
                    video_codec: video.to_owned(),
                    audio_codec: audio.to_owned(),
                    video_bitrate: vbr,
                    audio_bitrate: abr,
                    width: 0,
                    height,
                    is_system_default: true,
                    created_at: now,
                });
        }
        self.next_int_id = self.next_int_id.max(1000);
        for p in partners {
            let has_default = self
                .conversion_profiles
                .values()
                .any(|c| c.partner_id == p.id && c.is_partner_default);
            if !has_default {
                let id = self.next_int_id;
                self.next_int_id += 1;
                self.conversion_profiles.insert(
                    id,
                    ConversionProfile {
                        id,
                        partner_id: p.id,
                        name: "Default".to_owned(),
                        system_name: "Default".to_owned(),
                        flavor_params_ids: vec![0, 2, 3, 4],
                        is_partner_default: true,
                        created_at: now,
                        updated_at: now,
                    },
                );
            }
        }
    }

    /// The partner's default conversion profile id.
    pub(crate) fn default_conversion_profile(&self, partner_id: i64) -> Option<i64> {
        self.conversion_profiles
            .values()
            .find(|c| c.partner_id == partner_id && c.is_partner_default)
            .map(|c| c.id)
    }
}

/// The data behind a lock (saved to `state.json` with a data folder), and the folder of its files.
#[derive(Debug)]
pub(crate) struct Store {
    state: StateFile<Data>,
    folder: DataFolder,
}

impl Store {
    /// Opens the store: in a temporary folder, or in `data_dir` (created if needed, state loaded if present).
    pub(crate) fn open(data_dir: Option<&Path>, partners: &[Partner]) -> Result<Self, Error> {
        let folder = DataFolder::open(data_dir, "kaltura-sim-")?;
        let state = StateFile::open(folder.state_file())?;
        state.write(|data: &mut Data| data.seed(partners, now()));
        Ok(Self { state, folder })
    }

    /// Reads the data.
    pub(crate) fn read<R>(&self, f: impl FnOnce(&Data) -> R) -> R {
        self.state.read(f)
    }

    /// Changes the data and saves it (when a data folder is set).
    pub(crate) fn write<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        self.state.write(f)
    }

    /// Where temporary request files go (same file system as the stored files, so they can be renamed).
    pub(crate) fn tmp_dir(&self) -> PathBuf {
        self.folder.tmp_dir()
    }

    /// Absolute path of a stored file.
    pub(crate) fn file_path(&self, relative: &Path) -> PathBuf {
        self.folder.files_dir().join(relative)
    }
}

/// Unix time in seconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// An entry or asset id: data-center digit 0 and eight lower-case base-36 characters.
pub(crate) fn new_object_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::rng();
    let tail: String = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("0_{tail}")
}

/// An upload token id: `0_` and 32 lower-case hex characters.
pub(crate) fn new_token_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    format!("0_{}", hex::encode(bytes))
}

/// The extension of a file name, lower-cased, without the dot.
pub(crate) fn extension(file_name: &str) -> Option<String> {
    let (_, ext) = file_name.rsplit_once('.')?;
    (!ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| ext.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_kaltura_shapes() {
        let id = new_object_id();
        assert_eq!(id.len(), 10);
        assert!(id.starts_with("0_"));
        let token = new_token_id();
        assert_eq!(token.len(), 34);
        assert!(token[2..].chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn extensions_are_short_and_alphanumeric() {
        assert_eq!(extension("Clip.MP4").as_deref(), Some("mp4"));
        assert_eq!(extension("noext"), None);
        assert_eq!(extension("a.b/c"), None);
    }

    #[test]
    fn state_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let partners = [Partner::demo()];
        let store = Store::open(Some(dir.path()), &partners).unwrap();
        let profile = store.read(|d| d.default_conversion_profile(100));
        store.write(|d| d.ended_sessions.insert("ks".to_owned()));
        drop(store);
        let again = Store::open(Some(dir.path()), &partners).unwrap();
        assert!(again.read(|d| d.ended_sessions.contains("ks")));
        assert_eq!(again.read(|d| d.default_conversion_profile(100)), profile);
    }
}
