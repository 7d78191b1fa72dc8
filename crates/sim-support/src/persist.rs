//! Where a simulator keeps its data: a folder with `files/` (stored content) and `tmp/` (spooled uploads
//! and downloads, on the same file system so they can be renamed into place), either the one the user
//! gave or a temporary one removed when the simulator stops; and the records themselves, held in memory
//! behind a lock and, with a user folder, saved to `state.json` after every change and loaded at start.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why the data folder or the saved state cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("cannot use the data folder {}", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read the saved state {}: {message}", path.display())]
    StateFile { path: PathBuf, message: String },
}

/// The data folder: the user's, or a temporary one.
#[derive(Debug)]
pub struct DataFolder {
    root: PathBuf,
    /// Whether the folder is the user's (so state is saved there).
    kept: bool,
    // Removes the temporary folder when the simulator stops; `None` with a user folder.
    _temporary: Option<tempfile::TempDir>,
}

impl DataFolder {
    /// Opens `data_dir` (created if missing) or, without one, a new temporary folder named after
    /// `prefix`; creates `files/` and `tmp/` in it.
    pub fn open(data_dir: Option<&Path>, prefix: &str) -> Result<Self, PersistError> {
        let (root, temporary) = match data_dir {
            Some(dir) => (dir.to_path_buf(), None),
            None => {
                let tmp = tempfile::Builder::new()
                    .prefix(prefix)
                    .tempdir()
                    .map_err(|source| PersistError::DataDir {
                        path: std::env::temp_dir(),
                        source,
                    })?;
                (tmp.path().to_path_buf(), Some(tmp))
            }
        };
        for dir in [root.join("files"), root.join("tmp")] {
            std::fs::create_dir_all(&dir)
                .map_err(|source| PersistError::DataDir { path: dir, source })?;
        }
        Ok(Self {
            kept: temporary.is_none(),
            root,
            _temporary: temporary,
        })
    }

    /// The stored files.
    pub fn files_dir(&self) -> PathBuf {
        self.root.join("files")
    }

    /// Where requests and downloads are spooled before they are stored.
    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// `state.json` in a user folder; `None` in a temporary one (nothing to keep across restarts).
    pub fn state_file(&self) -> Option<PathBuf> {
        self.kept.then(|| self.root.join("state.json"))
    }
}

/// Records of type `T` behind a lock, saved to a JSON file after every change when there is one.
#[derive(Debug)]
pub struct StateFile<T> {
    data: Mutex<T>,
    path: Option<PathBuf>,
}

impl<T: Serialize + DeserializeOwned + Default> StateFile<T> {
    /// Loads `path` when it exists (the default records otherwise, or without a path).
    pub fn open(path: Option<PathBuf>) -> Result<Self, PersistError> {
        let data = match &path {
            Some(path) if path.exists() => {
                let text =
                    std::fs::read_to_string(path).map_err(|source| PersistError::DataDir {
                        path: path.clone(),
                        source,
                    })?;
                serde_json::from_str(&text).map_err(|e| PersistError::StateFile {
                    path: path.clone(),
                    message: e.to_string(),
                })?
            }
            _ => T::default(),
        };
        Ok(Self {
            data: Mutex::new(data),
            path,
        })
    }

    fn lock(&self) -> MutexGuard<'_, T> {
        // A panic while holding the lock leaves plain data behind: keep serving it.
        self.data.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the records, read-only.
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.lock())
    }

    /// Runs `f` on the records and saves them (when there is a file). A failed save is logged, not
    /// returned: the change stands in memory and the next change saves again.
    pub fn write<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut data = self.lock();
        let result = f(&mut data);
        self.save(&data);
        result
    }

    /// Writes a temporary file and renames it over the state file, so a crash never leaves half a file.
    fn save(&self, data: &T) {
        let Some(path) = &self.path else { return };
        let tmp = path.with_extension("json.tmp");
        let saved = serde_json::to_vec(data)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&tmp, bytes))
            .and_then(|()| std::fs::rename(&tmp, path));
        if let Err(e) = saved {
            tracing::error!(path = %path.display(), error = %e, "cannot save the simulator state");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    type Records = BTreeMap<String, u32>;

    #[test]
    fn a_user_folder_keeps_the_records_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::open(Some(dir.path()), "test-").unwrap();
        let state = StateFile::<Records>::open(folder.state_file()).unwrap();
        state.write(|r| r.insert("a".to_owned(), 1));
        drop(state);
        let again = StateFile::<Records>::open(folder.state_file()).unwrap();
        assert_eq!(again.read(|r| r.get("a").copied()), Some(1));
        assert!(dir.path().join("files").is_dir() && dir.path().join("tmp").is_dir());
    }

    #[test]
    fn a_temporary_folder_saves_nothing_and_goes_away() {
        let folder = DataFolder::open(None, "test-").unwrap();
        assert_eq!(folder.state_file(), None);
        let root = folder.tmp_dir();
        assert!(root.is_dir());
        drop(folder);
        assert!(!root.exists());
    }

    #[test]
    fn a_damaged_state_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("state.json"), "{").unwrap();
        let error = StateFile::<Records>::open(Some(dir.path().join("state.json"))).unwrap_err();
        assert!(matches!(error, PersistError::StateFile { .. }), "{error:?}");
    }
}
