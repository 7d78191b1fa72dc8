//! `fromlocal` uploads: a file of the KTS host, allowed only under the
//! directory configured by `KTS_FROMLOCAL_DIR` (kts-legacy-api.md, "Security
//! notes": the old service let any caller upload any file of the host), and
//! no larger than an uploaded file may be (`--max-upload-size`).

use std::path::{Path, PathBuf};

use crate::config::UploadSettings;

/// Longest accepted `fromlocal` value.
const MAX_PATH_LEN: usize = 4096;

/// Why a `fromlocal` path cannot be used. Converts into `kts::Error`
/// (`InvalidParameter` on `fromlocal`, or `UploadTooLarge`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalFileError {
    /// The path is refused; the reason never repeats the host path.
    #[error("fromlocal {0}")]
    Refused(&'static str),
    /// The file is larger than an uploaded file may be.
    #[error("the file is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

fn refused(reason: &'static str) -> LocalFileError {
    LocalFileError::Refused(reason)
}

/// The one answer for a path that does not exist and one outside the
/// folder: telling them apart would let a caller probe the host's file
/// system.
fn not_found() -> LocalFileError {
    refused("names no readable file in the allowed directory")
}

/// Where `fromlocal` may read, and the largest file it may take.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LocalFolder<'a> {
    /// The canonical directory (settings canonicalize it at start-up);
    /// `None` turns `fromlocal` off.
    pub dir: Option<&'a Path>,
    /// The largest file, in bytes: the limit of an uploaded file.
    pub max_bytes: u64,
}

impl LocalFolder<'static> {
    /// `fromlocal` turned off.
    pub(crate) const OFF: Self = LocalFolder {
        dir: None,
        max_bytes: 0,
    };
}

impl<'a> LocalFolder<'a> {
    /// The folder and limit of `uploads`.
    pub(crate) fn of(uploads: &'a UploadSettings) -> Self {
        LocalFolder {
            dir: uploads.fromlocal_dir.as_deref(),
            max_bytes: uploads.max_file_bytes,
        }
    }
}

/// Resolves `requested` (relative to the folder, or absolute) to a regular
/// file inside the folder, following symbolic links before checking, so
/// neither `..` nor a link can lead outside. A file larger than
/// `max_bytes` fails as an uploaded one does (`UploadTooLarge`, 413).
///
/// A path outside the folder and a path that does not exist get the same
/// answer, and error messages never repeat the host path.
pub(crate) async fn resolve_local_file(
    folder: LocalFolder<'_>,
    requested: &str,
) -> Result<PathBuf, LocalFileError> {
    let Some(allowed_dir) = folder.dir else {
        return Err(refused("is turned off on this server"));
    };
    if requested.is_empty() || requested.len() > MAX_PATH_LEN || requested.contains('\0') {
        return Err(refused("is not a usable path"));
    }
    let candidate = allowed_dir.join(requested);
    let resolved = tokio::fs::canonicalize(&candidate)
        .await
        .map_err(|_| not_found())?;
    if !resolved.starts_with(allowed_dir) {
        return Err(not_found());
    }
    let metadata = tokio::fs::metadata(&resolved)
        .await
        .map_err(|_| not_found())?;
    if !metadata.is_file() {
        return Err(refused("is not a regular file"));
    }
    if metadata.len() > folder.max_bytes {
        return Err(LocalFileError::TooLarge {
            limit: folder.max_bytes,
        });
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Layout {
        _root: tempfile::TempDir,
        allowed: PathBuf,
        outside: PathBuf,
    }

    fn layout() -> Layout {
        let root = tempfile::tempdir().unwrap();
        let allowed = root.path().join("allowed");
        std::fs::create_dir_all(allowed.join("sub")).unwrap();
        std::fs::write(allowed.join("sub/clip.mp4"), b"x").unwrap();
        let outside = root.path().join("secret.txt");
        std::fs::write(&outside, b"secret").unwrap();
        let allowed = allowed.canonicalize().unwrap();
        Layout {
            _root: root,
            allowed,
            outside,
        }
    }

    fn folder(dir: &Path) -> LocalFolder<'_> {
        LocalFolder {
            dir: Some(dir),
            max_bytes: 1 << 20,
        }
    }

    fn reason(error: LocalFileError) -> String {
        match error {
            LocalFileError::Refused(reason) => reason.to_owned(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test]
    async fn files_inside_the_directory_are_found() {
        let l = layout();
        let found = resolve_local_file(folder(&l.allowed), "sub/clip.mp4")
            .await
            .unwrap();
        assert_eq!(found, l.allowed.join("sub/clip.mp4"));
        let absolute = l.allowed.join("sub/clip.mp4");
        let found = resolve_local_file(folder(&l.allowed), absolute.to_str().unwrap())
            .await
            .unwrap();
        assert_eq!(found, absolute);
    }

    #[tokio::test]
    async fn fromlocal_is_refused_when_turned_off() {
        let error = resolve_local_file(LocalFolder::OFF, "clip.mp4")
            .await
            .unwrap_err();
        assert!(reason(error).contains("turned off"));
    }

    #[tokio::test]
    async fn escapes_get_the_same_answer_as_paths_that_do_not_exist() {
        let l = layout();
        let missing = reason(
            resolve_local_file(folder(&l.allowed), "none.mp4")
                .await
                .unwrap_err(),
        );
        let outside = l.outside.to_str().unwrap().to_owned();
        let mut escapes = vec![
            "../secret.txt".to_owned(),
            "../no-such-file.txt".to_owned(),
            outside.clone(),
            format!("{outside}.missing"),
        ];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&l.outside, l.allowed.join("link.txt")).unwrap();
            escapes.push("link.txt".to_owned());
        }
        for path in &escapes {
            let error = resolve_local_file(folder(&l.allowed), path)
                .await
                .unwrap_err();
            assert_eq!(reason(error), missing, "{path}");
        }
    }

    #[tokio::test]
    async fn files_over_the_upload_limit_are_refused_as_too_large() {
        let l = layout();
        let small = LocalFolder {
            dir: Some(&l.allowed),
            max_bytes: 0,
        };
        let error = resolve_local_file(small, "sub/clip.mp4").await.unwrap_err();
        assert!(
            matches!(error, LocalFileError::TooLarge { limit: 0 }),
            "{error:?}"
        );
    }

    #[tokio::test]
    async fn directories_and_missing_files_are_refused() {
        let l = layout();
        let error = resolve_local_file(folder(&l.allowed), "sub")
            .await
            .unwrap_err();
        assert!(reason(error).contains("regular file"));
        let error = resolve_local_file(folder(&l.allowed), "none.mp4")
            .await
            .unwrap_err();
        assert!(reason(error).contains("no readable file"));
        let error = resolve_local_file(folder(&l.allowed), "")
            .await
            .unwrap_err();
        assert!(reason(error).contains("usable"));
    }
}
