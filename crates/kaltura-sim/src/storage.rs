//! Files in the simulator's storage: moving an upload or a download in (renaming when possible), and the
//! versioned files of thumbnail and caption assets under `assets/{assetId}/v{version}.{ext}`. The records
//! pointing at them live in [`crate::store`].

use std::path::{Path, PathBuf};

use crate::state::AppState;
use crate::store::StoredFile;
use crate::wire::error::ApiError;

/// Moves a file, copying when a rename is not possible.
pub(crate) async fn move_file(source: &Path, target: &Path) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        tokio::fs::create_dir_all(parent).await?;
    }
    if tokio::fs::rename(source, target).await.is_err() {
        tokio::fs::copy(source, target).await?;
        tokio::fs::remove_file(source).await?;
    }
    Ok(())
}

/// Where version `version` of an asset's file lives, relative to the files root.
fn asset_path(asset_id: &str, version: i64, ext: &str) -> PathBuf {
    PathBuf::from("assets")
        .join(asset_id)
        .join(format!("v{version}.{ext}"))
}

/// Moves `source` into the asset's storage.
pub(crate) async fn store_file(
    app: &AppState,
    asset_id: &str,
    version: i64,
    source: &Path,
    file_name: &str,
    ext: &str,
) -> Result<StoredFile, ApiError> {
    let relative = asset_path(asset_id, version, ext);
    move_file(source, &app.store.file_path(&relative))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "could not store asset content");
            ApiError::internal()
        })?;
    let size = tokio::fs::metadata(app.store.file_path(&relative))
        .await
        .map(|m| m.len())
        .unwrap_or(0);
    Ok(StoredFile {
        path: relative,
        file_name: file_name.to_owned(),
        size,
    })
}

/// Writes `bytes` as the asset's file.
pub(crate) async fn store_bytes(
    app: &AppState,
    asset_id: &str,
    version: i64,
    bytes: &[u8],
    file_name: &str,
    ext: &str,
) -> Result<StoredFile, ApiError> {
    let relative = asset_path(asset_id, version, ext);
    let target = app.store.file_path(&relative);
    let write = async {
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        tokio::fs::write(&target, bytes).await
    };
    write.await.map_err(|e| {
        tracing::error!(error = %e, "could not write asset content");
        ApiError::internal()
    })?;
    Ok(StoredFile {
        path: relative,
        file_name: file_name.to_owned(),
        size: bytes.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_moved_file_lands_in_new_folders_and_leaves_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("upload.part");
        std::fs::write(&source, b"content").unwrap();
        let target = dir.path().join("entries/0_abc/source.mp4");
        move_file(&source, &target).await.unwrap();
        assert!(!source.exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"content");
    }

    #[test]
    fn asset_versions_have_their_own_files() {
        assert_eq!(
            asset_path("0_thumb", 2, "jpg"),
            PathBuf::from("assets/0_thumb/v2.jpg")
        );
    }
}
