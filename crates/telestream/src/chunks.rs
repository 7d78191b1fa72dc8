//! Reading an upload source piece by piece, so that no upload is ever held whole in memory.

use bytes::{Bytes, BytesMut};
use futures::Stream;
use tokio::io::{AsyncRead, AsyncReadExt as _};

/// `source` as a stream of chunks of at most `chunk_size` bytes, for a streamed request body.
pub(crate) fn read_chunks<R>(
    source: R,
    chunk_size: usize,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static
where
    R: AsyncRead + Unpin + Send + 'static,
{
    futures::stream::try_unfold(source, move |mut source| async move {
        let mut buffer = BytesMut::zeroed(chunk_size);
        let read = source.read(&mut buffer).await?;
        if read == 0 {
            return Ok(None);
        }
        buffer.truncate(read);
        Ok(Some((buffer.freeze(), source)))
    })
}

/// Reads exactly `len` bytes into `buffer` (its old content dropped, so a buffer can serve part after
/// part), or fewer only at the end of `source`.
pub(crate) async fn read_part<R>(
    source: &mut R,
    len: usize,
    mut buffer: BytesMut,
) -> std::io::Result<Bytes>
where
    R: AsyncRead + Unpin,
{
    buffer.clear();
    buffer.resize(len, 0);
    let mut filled = 0;
    while filled < len {
        let read = source.read(&mut buffer[filled..]).await?;
        if read == 0 {
            break;
        }
        filled += read;
    }
    buffer.truncate(filled);
    Ok(buffer.freeze())
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt as _;

    #[tokio::test]
    async fn chunks_cover_the_source_in_order_and_none_is_larger_than_asked() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let chunks: Vec<Bytes> = read_chunks(std::io::Cursor::new(data.clone()), 4096)
            .try_collect()
            .await
            .unwrap();
        assert!(chunks.iter().all(|c| c.len() <= 4096));
        assert_eq!(chunks.concat(), data);
    }

    #[tokio::test]
    async fn a_part_is_full_length_except_at_the_end() {
        let mut source = std::io::Cursor::new(vec![7u8; 10]);
        assert_eq!(
            read_part(&mut source, 4, BytesMut::new())
                .await
                .unwrap()
                .len(),
            4
        );
        assert_eq!(
            read_part(&mut source, 4, BytesMut::new())
                .await
                .unwrap()
                .len(),
            4
        );
        assert_eq!(
            read_part(&mut source, 4, BytesMut::new())
                .await
                .unwrap()
                .len(),
            2
        );
        assert!(
            read_part(&mut source, 4, BytesMut::new())
                .await
                .unwrap()
                .is_empty()
        );
    }
}
