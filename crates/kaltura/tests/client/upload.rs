//! Chunked uploads against the simulator: sequential and parallel chunks, unknown sizes, progress, and a
//! large upload through dropped connections and failing chunks with flat memory.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::StreamExt;
use kaltura::{Error, MediaEntry, MediaType, UploadToken, UploadTokenStatus};
use kaltura_sim::{FaultRule, FaultSet};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, ReadBuf};

use crate::helpers::{PARTNER, TestSim, spawn_sim, spawn_sim_alone};

/// Deterministic pseudo-random bytes of a given length, generated while read (never held whole).
struct PatternReader {
    state: u64,
    left: u64,
}

impl PatternReader {
    fn new(seed: u64, len: u64) -> Self {
        Self {
            state: seed | 1,
            left: len,
        }
    }
}

impl AsyncRead for PatternReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let n = (buf.remaining() as u64).min(self.left).min(64 * 1024) as usize;
        let mut chunk = vec![0u8; n];
        for word in chunk.chunks_mut(8) {
            // xorshift64
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            let bytes = self.state.to_le_bytes();
            word.copy_from_slice(&bytes[..word.len()]);
        }
        buf.put_slice(&chunk);
        self.left -= n as u64;
        Poll::Ready(Ok(()))
    }
}

async fn sha256_of(mut reader: impl AsyncRead + Unpin) -> Vec<u8> {
    use tokio::io::AsyncReadExt;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = reader.read(&mut buf).await.unwrap();
        if n == 0 {
            return hasher.finalize().to_vec();
        }
        hasher.update(&buf[..n]);
    }
}

/// Creates an entry from the token and hashes what the simulator serves as its raw file.
async fn served_sha256(test: &TestSim, token: &UploadToken) -> Vec<u8> {
    let entry = MediaEntry {
        name: Some("upload".into()),
        media_type: Some(MediaType::Video),
        ..Default::default()
    };
    let entry = test
        .client
        .media()
        .add_from_uploaded_file(&entry, token.id.as_deref().unwrap())
        .await
        .unwrap();
    let ks = test.client.admin_ks().unwrap();
    let url = format!(
        "{}/p/{PARTNER}/sp/{PARTNER}00/raw/entry_id/{}/forceproxy/true/ks/{}",
        test.sim.base_url(),
        entry.id.unwrap(),
        ks.expose()
    );
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200);
    let mut hasher = Sha256::new();
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        hasher.update(chunk.unwrap());
    }
    hasher.finalize().to_vec()
}

/// The process's peak resident set size (VmHWM) in bytes.
fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[tokio::test]
async fn parallel_chunks_arrive_whole_and_progress_reaches_the_size() {
    let test = spawn_sim().await;
    let client = test.client_builder().parallel_chunks(4).build().unwrap();
    let size = 3 * 1024 * 1024 + 12_345;
    let confirmed = Arc::new(AtomicU64::new(0));

    let token = client
        .upload()
        .file_name("parallel.mp4")
        .on_progress({
            let confirmed = confirmed.clone();
            move |p| {
                confirmed.fetch_max(p.bytes_sent, Ordering::SeqCst);
            }
        })
        .from_reader(PatternReader::new(7, size), Some(size))
        .await
        .unwrap();

    assert_eq!(token.status, Some(UploadTokenStatus::FullUpload));
    assert_eq!(token.uploaded_bytes(), size);
    assert_eq!(confirmed.load(Ordering::SeqCst), size);
    assert_eq!(
        served_sha256(&test, &token).await,
        sha256_of(PatternReader::new(7, size)).await
    );
}

#[tokio::test]
async fn a_reader_of_unknown_size_ending_on_a_chunk_boundary_is_finalized() {
    let test = spawn_sim().await;
    let client = test.client_builder().build().unwrap();
    let size = 4 * 256 * 1024;

    let token = client
        .upload()
        .from_reader(PatternReader::new(3, size), None)
        .await
        .unwrap();

    assert_eq!(token.status, Some(UploadTokenStatus::FullUpload));
    assert_eq!(token.uploaded_bytes(), size);
}

#[tokio::test]
async fn a_reader_of_unknown_size_goes_out_in_parallel_chunks_and_arrives_whole() {
    let test = spawn_sim().await;
    let client = test.client_builder().parallel_chunks(3).build().unwrap();
    for size in [2 * 1024 * 1024 + 777, 4 * 256 * 1024, 100] {
        let token = client
            .upload()
            .file_name("stream.mp4")
            .from_reader(PatternReader::new(11, size), None)
            .await
            .unwrap();

        assert_eq!(token.status, Some(UploadTokenStatus::FullUpload));
        assert_eq!(token.uploaded_bytes(), size, "size {size}");
        assert_eq!(
            served_sha256(&test, &token).await,
            sha256_of(PatternReader::new(11, size)).await,
            "size {size}"
        );
    }
}

#[tokio::test]
async fn a_source_shorter_than_announced_fails() {
    let test = spawn_sim().await;
    let client = test.client_builder().build().unwrap();

    let error = client
        .upload()
        .from_reader(PatternReader::new(3, 1000), Some(5000))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Io(_)), "{error:?}");
}

#[tokio::test]
async fn a_file_uploads_from_its_path() {
    let test = spawn_sim().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-disk.mp4");
    let data = crate::helpers::sample_bytes(700_000);
    std::fs::write(&path, &data).unwrap();

    let token = test
        .client_builder()
        .build()
        .unwrap()
        .upload()
        .from_path(&path)
        .await
        .unwrap();

    assert_eq!(token.uploaded_bytes(), data.len() as u64);
    assert_eq!(
        served_sha256(&test, &token).await,
        Sha256::digest(&data).to_vec()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_256_mib_upload_survives_dropped_connections_and_failing_chunks_with_flat_memory() {
    const SIZE: u64 = 256 * 1024 * 1024;
    let test = spawn_sim_alone().await;
    test.sim.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "uploadtoken.upload".into(),
            drop_rate: 0.1,
            http_error_rate: 0.05,
            api_error_rate: 0.05,
            ..FaultRule::default()
        }],
    });
    let client = test
        .client_builder()
        .chunk_size(4 * 1024 * 1024)
        .retry_policy(kaltura::RetryPolicy {
            max_attempts: 12,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(50),
        })
        .build()
        .unwrap();
    let before = peak_rss_bytes();

    let token = client
        .upload()
        .file_name("big.mp4")
        .from_reader(PatternReader::new(42, SIZE), Some(SIZE))
        .await
        .unwrap();

    let grown = peak_rss_bytes().saturating_sub(before);
    test.sim.faults().clear();
    assert_eq!(token.uploaded_bytes(), SIZE);
    eprintln!("peak RSS growth {} MiB", grown >> 20);
    assert!(
        grown < SIZE / 4,
        "peak RSS grew by {} MiB for a {} MiB upload",
        grown >> 20,
        SIZE >> 20
    );
    assert_eq!(
        served_sha256(&test, &token).await,
        sha256_of(PatternReader::new(42, SIZE)).await
    );
}

#[tokio::test]
async fn a_chunk_that_keeps_failing_gives_up_after_the_bounded_attempts() {
    let test = spawn_sim().await;
    test.sim.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "uploadtoken.upload".into(),
            http_error_rate: 1.0,
            ..FaultRule::default()
        }],
    });
    let client = test.client_builder().build().unwrap();

    let error = client
        .upload()
        .from_reader(PatternReader::new(1, 1000), Some(1000))
        .await
        .unwrap_err();

    assert!(error.is_retryable(), "{error:?}");
}

#[tokio::test]
async fn parallel_chunks_survive_dropped_connections_and_failing_chunks() {
    let test = spawn_sim().await;
    test.sim.faults().set(FaultSet {
        rules: vec![FaultRule {
            target: "uploadtoken.upload".into(),
            drop_rate: 0.2,
            http_error_rate: 0.1,
            api_error_rate: 0.1,
            ..FaultRule::default()
        }],
    });
    let client = test
        .client_builder()
        .parallel_chunks(4)
        .retry_policy(kaltura::RetryPolicy {
            max_attempts: 16,
            base_delay: Duration::from_millis(2),
            max_delay: Duration::from_millis(20),
        })
        .build()
        .unwrap();
    let size = 5 * 256 * 1024 + 77;

    let token = client
        .upload()
        .file_name("faulty.mp4")
        .from_reader(PatternReader::new(5, size), Some(size))
        .await
        .unwrap();

    test.sim.faults().clear();
    assert_eq!(token.uploaded_bytes(), size);
    assert_eq!(
        served_sha256(&test, &token).await,
        sha256_of(PatternReader::new(5, size)).await
    );
}

#[tokio::test]
async fn upload_tokens_are_found_by_file_name_while_live() {
    let test = spawn_sim().await;
    let client = test.client_builder().build().unwrap();
    let wanted = UploadToken {
        file_name: Some("marker-1-clip.mp4".into()),
        ..UploadToken::default()
    };
    let pending = client.upload_token().add(&wanted).await.unwrap();
    let by_name = kaltura::UploadTokenFilter {
        file_name_equal: Some("marker-1-clip.mp4".into()),
        ..Default::default()
    };

    let found = client.upload_token().list(&by_name, None).await.unwrap();

    assert_eq!(found.objects.len(), 1);
    assert_eq!(found.objects[0].id, pending.id);
    client
        .upload_token()
        .delete(pending.id.as_deref().unwrap())
        .await
        .unwrap();
    // Without a status criterion only live tokens are searched (kaltura-api-v3.md 10.5).
    let after = client.upload_token().list(&by_name, None).await.unwrap();
    assert!(after.objects.is_empty(), "{:?}", after.objects);
}
