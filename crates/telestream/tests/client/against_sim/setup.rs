//! A simulator per test and clients for it in either authentication mode, with fast, bounded retries.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use telestream::{Client, Encoding, RetryPolicy, Status};
use telestream_sim::{Account, DEMO_FACTORY_ID, SimulatorBuilder, SimulatorHandle};

/// The two ways a client authenticates: v3.0 signed parameters and the Flip 3.1 API key.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    Signed,
    ApiKey,
}

pub const MODES: [Mode; 2] = [Mode::Signed, Mode::ApiKey];

/// A fixture from the workspace's `fixtures/media/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../fixtures/media/{name}"))
}

pub async fn spawn(builder: SimulatorBuilder) -> SimulatorHandle {
    builder.spawn().await.expect("the simulator starts")
}

/// A client of the demo account and factory in `mode`, with `secret` replacing the secret key or API key.
pub fn client_with_secret(sim: &SimulatorHandle, mode: Mode, secret: Option<&str>) -> Client {
    let account = Account::demo();
    let builder = match mode {
        Mode::Signed => Client::builder()
            .signed(
                account.access_key,
                secret.map_or(account.secret_key, str::to_owned),
            )
            .base_url(format!("{}/v3.0", sim.base_url())),
        Mode::ApiKey => Client::builder()
            .api_key(secret.map_or(account.api_key, str::to_owned))
            .base_url(format!("{}/flip/3.1", sim.base_url())),
    };
    builder
        .factory_id(DEMO_FACTORY_ID)
        .request_timeout(Duration::from_secs(3))
        .retry_policy(RetryPolicy {
            max_attempts: 8,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(10),
        })
        .build()
        .expect("a valid client")
}

pub fn client(sim: &SimulatorHandle, mode: Mode) -> Client {
    client_with_secret(sim, mode, None)
}

/// Polls the video's encodings until all are `success`, for at most five seconds.
pub async fn wait_for_encodings(client: &Client, video_id: &str) -> Vec<Encoding> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let page = client
            .encodings()
            .list_for_video(video_id, &Default::default())
            .await
            .unwrap();
        assert!(!page.items.is_empty(), "the video has encodings");
        if page.items.iter().all(|e| e.status == Some(Status::Success)) {
            return page.items;
        }
        assert!(
            Instant::now() < deadline,
            "encodings still not done: {:?}",
            page.items
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
