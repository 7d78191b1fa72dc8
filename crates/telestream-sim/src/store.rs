//! The simulator's data: factories, profiles, videos and encodings as plain records with ids, plus their
//! files on disk (`files/{factory_id}/{name}`, served from the factory `url`). Kept in memory; with a data
//! folder, saved to `state.json` after every change and loaded at start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sim_support::persist::{DataFolder, StateFile};

use crate::Error;

/// A factory (telestream-cloud.md 4.1). Writable fields other than `name` are kept verbatim in `fields`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Factory {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) fields: Map<String, Value>,
    /// Where and when to send notifications (6.1); older state has none.
    #[serde(default)]
    pub(crate) notifications: NotificationSettings,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
}

/// A factory's notification settings (telestream-cloud.md 6.1). A new factory sends nothing.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct NotificationSettings {
    /// The receiver; `None` when unset (the wire's `null` or `"null"`).
    pub(crate) url: Option<String>,
    /// Seconds before the first retry of a failed delivery (0: the simulator's own back-off).
    pub(crate) delay: u64,
    /// Whether video events carry the video JSON (`video=…`).
    pub(crate) send_video_payload: bool,
    pub(crate) events: NotificationEvents,
}

/// Which events are sent (6.1 `events`).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct NotificationEvents {
    pub(crate) video_created: bool,
    pub(crate) video_encoded: bool,
    pub(crate) encoding_progress: bool,
    pub(crate) encoding_completed: bool,
}

/// An encoding profile (4.4): the fields the lifecycle needs typed, every other option kept verbatim.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Profile {
    pub(crate) id: String,
    pub(crate) factory_id: String,
    pub(crate) name: String,
    pub(crate) preset_name: String,
    /// Output extension with its dot, e.g. `.mp4`.
    pub(crate) extname: String,
    pub(crate) fields: Map<String, Value>,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
}

/// Why a video or an encoding failed: the `error_class` and `error_message` of the wire (4.6).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Failure {
    pub(crate) class: String,
    pub(crate) message: String,
}

/// A video (4.2): one stored source file and what probing its headers told.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Video {
    pub(crate) id: String,
    pub(crate) factory_id: String,
    pub(crate) original_filename: String,
    /// Source extension with its dot, e.g. `.mp4`; empty when the name has none.
    pub(crate) extname: String,
    pub(crate) mime_type: Option<String>,
    pub(crate) file_size: u64,
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
    /// Milliseconds.
    pub(crate) duration: Option<u64>,
    pub(crate) payload: Option<String>,
    /// Whether the source file is still stored (`DELETE /videos/{id}/source.json` removes it).
    pub(crate) has_source: bool,
    pub(crate) failure: Option<Failure>,
    /// The URL a `source_url` video is fetched from.
    #[serde(default)]
    pub(crate) source_url: Option<String>,
    /// Whether the source is still being fetched (the video is `processing`).
    #[serde(default)]
    pub(crate) fetching: bool,
    /// Ids of the profiles to encode with once the fetch ends.
    #[serde(default)]
    pub(crate) pending_profiles: Vec<String>,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
}

/// An encoding (4.3): one output of one video with one profile. Its status is not stored: it follows from
/// the time since `started_at` and the `outcome` decided at creation (`lifecycle`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Encoding {
    pub(crate) id: String,
    pub(crate) video_id: String,
    pub(crate) factory_id: String,
    pub(crate) profile_id: String,
    pub(crate) profile_name: String,
    pub(crate) extname: String,
    /// `None` once it will succeed; else why it will fail.
    pub(crate) failure: Option<Failure>,
    /// Output files relative to the factory `url`; empty means the one `$path$$extname$` (and older state).
    #[serde(default)]
    pub(crate) outputs: Vec<String>,
    /// Screenshots `$path$_N.jpg` next to the output, listed with `screenshots=true`.
    #[serde(default)]
    pub(crate) screenshots: Vec<String>,
    pub(crate) started_at: i64,
    pub(crate) created_at: i64,
}

impl Encoding {
    /// The files listed in `files` once the encoding succeeded.
    pub(crate) fn files(&self) -> Vec<String> {
        if self.outputs.is_empty() {
            vec![self.output_name()]
        } else {
            self.outputs.clone()
        }
    }

    /// Every file of the encoding in the factory storage: outputs and screenshots.
    pub(crate) fn stored_files(&self) -> Vec<String> {
        let mut all = self.files();
        all.extend(self.screenshots.iter().cloned());
        all
    }

    /// `$path$_N.jpg`, N from 1: the name of a screenshot or of a `thumbnail` preset image (4.3).
    pub(crate) fn image_name(&self, n: usize) -> String {
        format!("{}_{n}.jpg", self.id)
    }

    /// The output file name, relative to the factory `url`: `$path$$extname$` with the path the id.
    pub(crate) fn output_name(&self) -> String {
        format!("{}{}", self.id, self.extname)
    }
}

impl Video {
    /// The source file name, relative to the factory `url`: the video id and its extension.
    pub(crate) fn source_name(&self) -> String {
        format!("{}{}", self.id, self.extname)
    }
}

/// Everything saved in `state.json`. Maps are keyed by id; `order` keeps creation order for listings.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Data {
    pub(crate) factories: BTreeMap<String, Factory>,
    pub(crate) profiles: BTreeMap<String, Profile>,
    pub(crate) videos: BTreeMap<String, Video>,
    pub(crate) encodings: BTreeMap<String, Encoding>,
}

/// The data behind a lock (saved to `state.json` with a data folder), and the folder of its files.
#[derive(Debug)]
pub(crate) struct Store {
    state: StateFile<Data>,
    folder: DataFolder,
}

/// A new id: 32 lowercase hex characters, as in every example of the reference (section 3).
pub(crate) fn new_id() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

impl Store {
    /// Opens `data_dir` (creating it and loading `state.json` when present) or a temporary folder.
    pub(crate) fn open(data_dir: Option<&Path>) -> Result<Self, Error> {
        let folder = DataFolder::open(data_dir, "telestream-sim-")?;
        let state = StateFile::open(folder.state_file())?;
        Ok(Self { state, folder })
    }

    /// Runs `f` on the data, read-only.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Data) -> T) -> T {
        self.state.read(f)
    }

    /// Runs `f` on the data and saves it (with a data folder).
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Data) -> T) -> T {
        self.state.write(f)
    }

    /// Where uploads and downloads are spooled before they are stored.
    pub(crate) fn tmp_dir(&self) -> PathBuf {
        self.folder.tmp_dir()
    }

    /// The folder of a factory's files (the storage its `url` points at).
    pub(crate) fn factory_dir(&self, factory_id: &str) -> PathBuf {
        self.folder.files_dir().join(factory_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factory(id: &str) -> Factory {
        Factory {
            id: id.to_owned(),
            name: "demo".to_owned(),
            fields: Map::new(),
            notifications: Default::default(),
            created_at: 1,
            updated_at: 1,
        }
    }

    #[test]
    fn ids_are_32_lowercase_hex_characters() {
        let id = new_id();
        assert_eq!(id.len(), 32);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
    }

    #[test]
    fn a_data_folder_keeps_the_data_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(Some(dir.path())).unwrap();
        store.write(|d| d.factories.insert("f1".to_owned(), factory("f1")));
        drop(store);
        let reopened = Store::open(Some(dir.path())).unwrap();
        assert_eq!(
            reopened.read(|d| d.factories.get("f1").cloned()),
            Some(factory("f1"))
        );
    }

    #[test]
    fn a_damaged_state_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("state.json"), "{").unwrap();
        let error = Store::open(Some(dir.path())).unwrap_err();
        assert!(
            matches!(
                error,
                Error::Persist(sim_support::persist::PersistError::StateFile { .. })
            ),
            "{error:?}"
        );
    }
}
