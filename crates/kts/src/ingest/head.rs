//! The first bytes of a file on disk, for detectors that decide from a
//! file's head (`detect::media_type`): at most [`MAX_HEAD_BYTES`], so a
//! large upload is never read whole.

use std::path::Path;

use tokio::io::AsyncReadExt;

pub(crate) use crate::detect::media_type::MAX_HEAD_BYTES;

/// Reads up to [`MAX_HEAD_BYTES`] from the start of the file at `path`
/// (fewer when the file is shorter).
pub(crate) async fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = tokio::fs::File::open(path).await?;
    let mut head = Vec::with_capacity(MAX_HEAD_BYTES);
    file.take(MAX_HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .await?;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_long_file_gives_only_its_head_and_a_short_one_all_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.bin");
        std::fs::write(&long, vec![7u8; MAX_HEAD_BYTES + 10]).unwrap();
        assert_eq!(read_head(&long).await.unwrap().len(), MAX_HEAD_BYTES);
        let short = dir.path().join("short.bin");
        std::fs::write(&short, b"abc").unwrap();
        assert_eq!(read_head(&short).await.unwrap(), b"abc");
    }
}
