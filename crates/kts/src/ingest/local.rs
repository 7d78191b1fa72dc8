//! `fromlocal` uploads: a file of the KTS host, allowed only under the
//! directory configured by `KTS_FROMLOCAL_DIR` (kts-legacy-api.md, "Security
//! notes": the old service let any caller upload any file of the host).

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Longest accepted `fromlocal` value.
const MAX_PATH_LEN: usize = 4096;

fn refused(reason: &str) -> Error {
    Error::InvalidParameter {
        name: "fromlocal",
        reason: reason.to_owned(),
    }
}

/// Resolves `requested` (relative to `allowed_dir`, or absolute) to a regular
/// file inside `allowed_dir`, following symbolic links before checking, so
/// neither `..` nor a link can lead outside. `allowed_dir` must be canonical
/// (settings canonicalize it at start-up); `None` means `fromlocal` is off.
///
/// Error messages never repeat the host path.
pub async fn resolve_local_file(
    allowed_dir: Option<&Path>,
    requested: &str,
) -> Result<PathBuf, Error> {
    let Some(allowed_dir) = allowed_dir else {
        return Err(refused("is turned off on this server"));
    };
    if requested.is_empty() || requested.len() > MAX_PATH_LEN || requested.contains('\0') {
        return Err(refused("is not a usable path"));
    }
    let candidate = allowed_dir.join(requested);
    let resolved = tokio::fs::canonicalize(&candidate)
        .await
        .map_err(|_| refused("names no readable file"))?;
    if !resolved.starts_with(allowed_dir) {
        return Err(refused("is outside the allowed directory"));
    }
    let metadata = tokio::fs::metadata(&resolved)
        .await
        .map_err(|_| refused("names no readable file"))?;
    if !metadata.is_file() {
        return Err(refused("is not a regular file"));
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

    fn reason(error: Error) -> String {
        match error {
            Error::InvalidParameter { reason, .. } => reason,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test]
    async fn files_inside_the_directory_are_found() {
        let l = layout();
        let found = resolve_local_file(Some(&l.allowed), "sub/clip.mp4")
            .await
            .unwrap();
        assert_eq!(found, l.allowed.join("sub/clip.mp4"));
        let absolute = l.allowed.join("sub/clip.mp4");
        let found = resolve_local_file(Some(&l.allowed), absolute.to_str().unwrap())
            .await
            .unwrap();
        assert_eq!(found, absolute);
    }

    #[tokio::test]
    async fn fromlocal_is_refused_when_turned_off() {
        let error = resolve_local_file(None, "clip.mp4").await.unwrap_err();
        assert!(reason(error).contains("turned off"));
    }

    #[tokio::test]
    async fn escapes_by_dots_absolute_paths_or_links_are_refused() {
        let l = layout();
        let error = resolve_local_file(Some(&l.allowed), "../secret.txt")
            .await
            .unwrap_err();
        assert!(reason(error).contains("outside"));
        let error = resolve_local_file(Some(&l.allowed), l.outside.to_str().unwrap())
            .await
            .unwrap_err();
        assert!(reason(error).contains("outside"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&l.outside, l.allowed.join("link.txt")).unwrap();
            let error = resolve_local_file(Some(&l.allowed), "link.txt")
                .await
                .unwrap_err();
            assert!(reason(error).contains("outside"));
        }
    }

    #[tokio::test]
    async fn directories_and_missing_files_are_refused() {
        let l = layout();
        let error = resolve_local_file(Some(&l.allowed), "sub")
            .await
            .unwrap_err();
        assert!(reason(error).contains("regular file"));
        let error = resolve_local_file(Some(&l.allowed), "none.mp4")
            .await
            .unwrap_err();
        assert!(reason(error).contains("no readable file"));
        let error = resolve_local_file(Some(&l.allowed), "").await.unwrap_err();
        assert!(reason(error).contains("usable"));
    }
}
