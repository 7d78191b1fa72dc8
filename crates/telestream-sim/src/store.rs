//! The simulator's data: factories, profiles, videos and encodings as plain records with ids, plus their
//! files on disk (`files/{factory_id}/{name}`, served from the factory `url`). Kept in memory; with a data
//! folder, saved to `state.json` after every change and loaded at start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Error;

/// A factory (telestream-cloud.md 4.1). Writable fields other than `name` are kept verbatim in `fields`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Factory {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) fields: Map<String, Value>,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
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
    pub(crate) started_at: i64,
    pub(crate) created_at: i64,
}

impl Encoding {
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

/// The data behind a lock, and the folder of its files.
#[derive(Debug)]
pub(crate) struct Store {
    data: Mutex<Data>,
    root: PathBuf,
    state_file: Option<PathBuf>,
    // Removes the temporary folder when the simulator stops; `None` with a data folder.
    _temporary: Option<tempfile::TempDir>,
}

/// A new id: 32 lowercase hex characters, as in every example of the reference (section 3).
pub(crate) fn new_id() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

impl Store {
    /// Opens `data_dir` (creating it and loading `state.json` when present) or a temporary folder.
    pub(crate) fn open(data_dir: Option<&Path>) -> Result<Self, Error> {
        let (root, temporary) = match data_dir {
            Some(dir) => (dir.to_path_buf(), None),
            None => {
                let tmp = tempfile::tempdir().map_err(|source| Error::DataDir {
                    path: std::env::temp_dir(),
                    source,
                })?;
                (tmp.path().to_path_buf(), Some(tmp))
            }
        };
        for dir in [root.join("files"), root.join("tmp")] {
            std::fs::create_dir_all(&dir).map_err(|source| Error::DataDir { path: dir, source })?;
        }
        let state_file = data_dir.map(|d| d.join("state.json"));
        let data = match &state_file {
            Some(path) if path.exists() => {
                let text = std::fs::read_to_string(path).map_err(|source| Error::DataDir {
                    path: path.clone(),
                    source,
                })?;
                serde_json::from_str(&text).map_err(|e| Error::StateFile {
                    path: path.clone(),
                    message: e.to_string(),
                })?
            }
            _ => Data::default(),
        };
        Ok(Self {
            data: Mutex::new(data),
            root,
            state_file,
            _temporary: temporary,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Data> {
        // A panic while holding the lock leaves plain data behind: keep serving it.
        self.data.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the data, read-only.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Data) -> T) -> T {
        f(&self.lock())
    }

    /// Runs `f` on the data and saves it (with a data folder).
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Data) -> T) -> T {
        let mut data = self.lock();
        let result = f(&mut data);
        if let Some(path) = &self.state_file {
            let saved = serde_json::to_vec_pretty(&*data)
                .map_err(std::io::Error::other)
                .and_then(|bytes| {
                    let tmp = path.with_extension("json.tmp");
                    std::fs::write(&tmp, bytes)?;
                    std::fs::rename(&tmp, path)
                });
            if let Err(e) = saved {
                tracing::error!(error = %e, "cannot save the simulator state");
            }
        }
        result
    }

    /// Where uploads are spooled before they are stored.
    pub(crate) fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The folder of a factory's files (the storage its `url` points at).
    pub(crate) fn factory_dir(&self, factory_id: &str) -> PathBuf {
        self.root.join("files").join(factory_id)
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
        assert!(matches!(error, Error::StateFile { .. }), "{error:?}");
    }
}
