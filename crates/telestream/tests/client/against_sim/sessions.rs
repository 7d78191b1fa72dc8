//! Upload sessions of several parts, with and without dropped part requests; the stored source must hash
//! the same as the file.

use sha2::{Digest as _, Sha256};
use telestream::Client;
use telestream_sim::{DEMO_FACTORY_ID, FaultSet, Simulator, SimulatorBuilder};

use super::setup::{MODES, client, fixture, spawn};

/// Small parts, so a fixture of a few KiB makes a session of several.
const PART_SIZE: u64 = 1024;

/// Uploads `sample.webm` through a session and compares the stored source's SHA-256 with the file's.
async fn upload_and_compare(client: &Client, label: &str) {
    let path = fixture("sample.webm");
    let original = std::fs::read(&path).unwrap();
    assert!(original.len() as u64 > 3 * PART_SIZE, "several parts");
    let video = client
        .upload()
        .profiles(["h264"])
        .payload("session")
        .from_path(&path)
        .await
        .unwrap();
    assert_eq!(
        video.original_filename.as_deref(),
        Some("sample.webm"),
        "{label}"
    );
    assert_eq!(video.payload.as_deref(), Some("session"), "{label}");
    let id = video.id.unwrap();
    let encodings = client
        .encodings()
        .list_for_video(&id, &Default::default())
        .await
        .unwrap();
    assert_eq!(encodings.items.len(), 1, "{label}: {encodings:?}");
    let factory = client.factories().get(DEMO_FACTORY_ID).await.unwrap();
    let source = format!(
        "{}{id}{}",
        factory.url.unwrap(),
        video.extname.unwrap_or_default()
    );
    let stored = reqwest::get(source).await.unwrap().bytes().await.unwrap();
    assert_eq!(
        Sha256::digest(&stored),
        Sha256::digest(&original),
        "{label}: stored {} of {} bytes",
        stored.len(),
        original.len()
    );
}

fn builder() -> SimulatorBuilder {
    Simulator::builder()
        .encoding_delay(std::time::Duration::ZERO)
        .part_size(PART_SIZE)
}

#[tokio::test]
async fn a_session_upload_of_several_parts_stores_the_file_unchanged() {
    let sim = spawn(builder()).await;
    for mode in MODES {
        upload_and_compare(&client(&sim, mode), &format!("{mode:?}")).await;
    }
    sim.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_session_upload_completes_when_part_requests_are_dropped() {
    // One part request in four dropped: with eight attempts a part fails for
    // good once in 65,536 uploads, while most runs see several drops.
    let faults = FaultSet {
        rules: vec!["upload.part:drop_rate=0.25".parse().unwrap()],
    };
    let sim = spawn(builder().faults(faults)).await;
    for mode in MODES {
        upload_and_compare(&client(&sim, mode), &format!("{mode:?} with drops")).await;
    }
    sim.shutdown().await.unwrap();
}
