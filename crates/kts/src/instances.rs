//! Instance id → ready [`Platform`]: the one place that reads an instance's
//! decrypted secrets and builds its platform client (`kaltura::Client` or
//! `telestream::Client`).
//!
//! [`Instances::platform`] reuses the client built for an instance as long as
//! what it was built from (platform, URL, account, secrets, KS version) is
//! unchanged. The instance row is read again when the cached copy is older
//! than [`FRESHNESS`] (so the request path seldom waits for the database), and
//! at once after [`Instances::forget`]: a change made through this process is
//! seen by the next request, one made elsewhere (`kts` commands, another KTS
//! replica sharing the database) within [`FRESHNESS`]. A changed instance gets
//! a new client (on Kaltura, with a fresh admin session). Each cached client
//! keeps its own connection pool (and on Kaltura its admin KS cache, renewed
//! by the client before it expires).
//!
//! The platform adapters get the client plus the instance's non-secret facts
//! (player ids, mobile flavor, user id; a factory's profiles). On Kaltura the
//! admin KS never leaves the client; `Connection::entry_playback_ks` builds the
//! short-lived playback-only session for one entry that may be given to a
//! browser.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kaltura::Client;
use sha2::{Digest, Sha256};

use crate::config::KalturaSettings;
use crate::error::Error;
use crate::ids::InstanceId;
use crate::platform::Platform;
use crate::platform::kaltura::{Connection, InstanceFacts, Kaltura};
use crate::platform::telestream::{self as telestream_adapter, FactoryUrl, Telestream};
use crate::store::{
    Account, FieldValues, Instance, KalturaAccount, NewInstance, Store, TelestreamAccount,
    TelestreamGeneration,
};
use crate::telemetry::metric;

/// How long a cached instance is used before its row is read again.
pub(crate) const FRESHNESS: Duration = Duration::from_secs(1);

/// How KTS talks to every Kaltura server.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Time allowed to open a connection. Default 5 s.
    pub connect_timeout: Duration,
    /// Time allowed for one request, answer included. Default 30 s.
    pub request_timeout: Duration,
    /// Retry policy for calls that are safe to retry. Default: the client's.
    pub retry: kaltura::RetryPolicy,
    /// Upload chunk size in bytes. Default 8 MiB.
    pub chunk_size: usize,
    /// Chunks of one upload sent at once. Each is held in memory until the
    /// platform confirms it, so memory per upload is about
    /// `chunk_size × (parallel_chunks + 1)`. Default 3.
    pub parallel_chunks: usize,
}

/// Default of [`ClientOptions::parallel_chunks`]: enough to keep a chunk
/// going out while the platform stores the one before.
const PARALLEL_CHUNKS: usize = 3;

impl ClientOptions {
    /// The options `settings` ask for (`KTS_KALTURA_*`).
    pub fn from_settings(settings: &KalturaSettings) -> Self {
        ClientOptions {
            connect_timeout: settings.connect_timeout,
            request_timeout: settings.request_timeout,
            retry: kaltura::RetryPolicy {
                max_attempts: settings.attempts,
                ..kaltura::RetryPolicy::default()
            },
            chunk_size: settings.chunk_size,
            parallel_chunks: PARALLEL_CHUNKS,
        }
    }
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            retry: kaltura::RetryPolicy::default(),
            chunk_size: 8 << 20,
            parallel_chunks: PARALLEL_CHUNKS,
        }
    }
}

/// An instance's client, of its platform. A Telestream client comes with
/// the factory's storage URL, learned on first use and kept as long as the
/// client.
#[derive(Debug, Clone)]
enum PlatformClient {
    Kaltura(Client),
    Telestream(telestream::Client, FactoryUrl),
}

/// A client, the digest of what it was built from, and the platform built
/// from it and the instance's facts as last read.
#[derive(Debug)]
struct CachedClient {
    fingerprint: [u8; 32],
    client: PlatformClient,
    platform: Platform,
    read_at: Instant,
    /// Set by [`Instances::forget`]: read the row again before use.
    stale: bool,
}

/// Instance id → client, shared by every handler (cheap to clone).
#[derive(Clone)]
pub struct Instances {
    store: Store,
    options: Arc<ClientOptions>,
    cache: Arc<Mutex<HashMap<InstanceId, CachedClient>>>,
}

impl std::fmt::Debug for Instances {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cached = self.cache.lock().map(|c| c.len()).unwrap_or_default();
        f.debug_struct("Instances")
            .field("options", &self.options)
            .field("cached_clients", &cached)
            .finish_non_exhaustive()
    }
}

impl Instances {
    /// Clients for the instances of `store`, configured by `options`.
    pub fn new(store: Store, options: ClientOptions) -> Self {
        Instances {
            store,
            options: Arc::new(options),
            cache: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The store the instances come from (to read listings and record
    /// successful calls; changes go through [`Instances::update`]).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Adds an instance. Fails with [`Error::Store`] holding
    /// [`StoreError::InvalidFields`](crate::store::StoreError::InvalidFields)
    /// (every field at fault) or `InstanceExists`.
    pub async fn add(&self, new: &NewInstance) -> Result<InstanceId, Error> {
        let id = self.store.add_instance(new).await?;
        // A cached connection of a removed instance with the same id must
        // not outlive it.
        self.forget(id);
        Ok(id)
    }

    /// The one way to change an instance: puts `changes` over its fields in
    /// the store (an empty value clears an optional field) and drops the
    /// cached connection, so the next call uses the new fields. Fails with
    /// [`Error::UnknownInstance`], or [`Error::Store`] holding
    /// [`StoreError::InvalidFields`](crate::store::StoreError::InvalidFields).
    pub async fn update(&self, id: InstanceId, changes: &FieldValues) -> Result<(), Error> {
        let updated = self.store.update_instance(id, changes).await;
        // Forget even on failure: the cache must never be newer than the row.
        self.forget(id);
        if !updated? {
            return Err(Error::UnknownInstance(id));
        }
        Ok(())
    }

    /// Removes an instance and its cached connection. Fails with
    /// [`Error::UnknownInstance`] when there is none.
    pub async fn remove(&self, id: InstanceId) -> Result<(), Error> {
        let removed = self.store.remove_instance(id).await?;
        self.forget(id);
        if !removed {
            return Err(Error::UnknownInstance(id));
        }
        Ok(())
    }

    /// Instance `id`'s platform, ready for calls. Fails with
    /// [`Error::UnknownInstance`] naming the id when it is not configured.
    pub async fn platform(&self, id: InstanceId) -> Result<Platform, Error> {
        if let Some(platform) = self.fresh(id) {
            return Ok(platform);
        }
        let instance = self
            .store
            .instance(id)
            .await?
            .ok_or(Error::UnknownInstance(id))?;
        let fingerprint = fingerprint(&instance);
        let client = match self.cached_client(id, &fingerprint) {
            Some(client) => client,
            None => self.build_client(&instance)?,
        };
        let platform = match (&instance.account, client.clone()) {
            (Account::Kaltura(account), PlatformClient::Kaltura(client)) => {
                Platform::Kaltura(Kaltura::new(Connection {
                    facts: facts_of(instance.id, account),
                    client,
                }))
            }
            (Account::Telestream(account), PlatformClient::Telestream(client, factory)) => {
                Platform::Telestream(Telestream::new(telestream_adapter::Connection {
                    id: instance.id,
                    client,
                    store: self.store.clone(),
                    profiles: account.profiles.clone(),
                    factory,
                }))
            }
            // The fingerprint covers the platform: a cached client is always
            // of the instance's platform.
            _ => return Err(Error::UnknownInstance(id)),
        };
        self.remember(id, fingerprint, client, platform.clone());
        Ok(platform)
    }

    /// Instance `id`'s Kaltura connection (tests of the client cache).
    #[cfg(test)]
    pub(crate) async fn connect(&self, id: InstanceId) -> Result<Connection, Error> {
        match self.platform(id).await? {
            Platform::Kaltura(kaltura) => Ok(kaltura.connection().clone()),
            Platform::Telestream(_) => Err(Error::UnknownInstance(id)),
        }
    }

    /// Drops what is cached for `id`, so the next call reads the store
    /// (call after changing the instance).
    pub fn forget(&self, id: InstanceId) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        // The client is kept: it is reused if the secrets did not change.
        if let Some(cached) = cache.get_mut(&id) {
            cached.stale = true;
        }
    }

    /// The cached platform of `id` if it was read within [`FRESHNESS`].
    fn fresh(&self, id: InstanceId) -> Option<Platform> {
        // The lock only guards a map lookup or insert, never an `.await`.
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .get(&id)
            .filter(|cached| !cached.stale && cached.read_at.elapsed() < FRESHNESS)
            .map(|cached| cached.platform.clone())
    }

    /// The cached client of `id` if it was built from `fingerprint`.
    fn cached_client(&self, id: InstanceId, fingerprint: &[u8; 32]) -> Option<PlatformClient> {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .get(&id)
            .filter(|cached| &cached.fingerprint == fingerprint)
            .map(|cached| cached.client.clone())
    }

    fn remember(
        &self,
        id: InstanceId,
        fingerprint: [u8; 32],
        client: PlatformClient,
        platform: Platform,
    ) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.insert(
            id,
            CachedClient {
                fingerprint,
                client,
                platform,
                read_at: Instant::now(),
                stale: false,
            },
        );
    }

    fn build_client(&self, instance: &Instance) -> Result<PlatformClient, Error> {
        match &instance.account {
            Account::Kaltura(account) => self
                .build_kaltura_client(instance.id, account)
                .map(PlatformClient::Kaltura),
            Account::Telestream(account) => {
                let client = self.build_telestream_client(instance.id, account)?;
                Ok(PlatformClient::Telestream(client, Default::default()))
            }
        }
    }

    fn build_telestream_client(
        &self,
        id: InstanceId,
        account: &TelestreamAccount,
    ) -> Result<telestream::Client, Error> {
        let options = &self.options;
        let mut builder = telestream::Client::builder()
            .factory_id(account.factory_id.as_str())
            .connect_timeout(options.connect_timeout)
            .request_timeout(options.request_timeout)
            .chunk_size(options.chunk_size)
            .parallel_parts(options.parallel_chunks)
            .user_agent(concat!("kts/", env!("CARGO_PKG_VERSION")))
            .compression(account.compression.is_on_for(account.api_url.as_ref()));
        builder = match account.generation {
            TelestreamGeneration::V3 => builder.signed(
                account.access_key.clone().unwrap_or_default(),
                account
                    .secret_access_key
                    .as_ref()
                    .map(|s| s.expose().to_owned())
                    .unwrap_or_default(),
            ),
            TelestreamGeneration::Flip => builder.api_key(
                account
                    .api_key
                    .as_ref()
                    .map(|s| s.expose().to_owned())
                    .unwrap_or_default(),
            ),
        };
        if let Some(url) = account.api_url_text() {
            builder = builder.base_url(url);
        }
        builder
            .build()
            .map_err(|e| crate::platform::telestream::failure(id, e))
    }

    fn build_kaltura_client(
        &self,
        id: InstanceId,
        account: &KalturaAccount,
    ) -> Result<Client, Error> {
        let options = &self.options;
        let mut builder = Client::builder(account.service_url_text(), account.partner_id)
            .admin_secret(account.admin_secret.expose())
            .user_id(account.user_id.as_str())
            .ks_version(account.ks_version)
            .connect_timeout(options.connect_timeout)
            .request_timeout(options.request_timeout)
            .retry_policy(options.retry.clone())
            .chunk_size(options.chunk_size)
            .parallel_chunks(options.parallel_chunks)
            .client_tag(concat!("kts:", env!("CARGO_PKG_VERSION")))
            .compression(account.compression.is_on_for(Some(&account.service_url)))
            .on_call(record_call(id));
        if let Some(secret) = &account.user_secret {
            builder = builder.user_secret(secret.expose());
        }
        builder
            .build()
            .map_err(|e| crate::platform::kaltura::failure(id, e))
    }
}

/// The metrics of each round trip an instance's client makes to Kaltura.
fn record_call(instance: InstanceId) -> impl Fn(&kaltura::CallReport<'_>) + Send + Sync {
    let instance = instance.to_string();
    move |call| {
        let labels = [
            ("instance", instance.clone()),
            ("service", call.service.to_owned()),
            ("action", call.action.to_owned()),
        ];
        metrics::histogram!(metric::KALTURA_CALL_DURATION, &labels)
            .record(call.elapsed.as_secs_f64());
        if let Some(error) = call.error {
            let code = error.kaltura_code().unwrap_or(error_kind(error)).to_owned();
            let mut labels = labels.to_vec();
            labels.push(("code", code));
            metrics::counter!(metric::KALTURA_CALL_ERRORS, &labels).increment(1);
        }
    }
}

/// A label for an error that carries no Kaltura code.
fn error_kind(error: &kaltura::Error) -> &'static str {
    match error {
        kaltura::Error::Timeout { .. } => "timeout",
        kaltura::Error::Transport { .. } => "transport",
        kaltura::Error::HttpStatus { .. } => "http_status",
        kaltura::Error::Decode { .. } | kaltura::Error::ResponseTooLarge { .. } => "decode",
        _ => "other",
    }
}

/// Digest of everything a client is built from, so a changed instance gets a
/// new client (and a new admin session) and an unchanged one keeps its own.
fn fingerprint(instance: &Instance) -> [u8; 32] {
    let mut hash = Sha256::new();
    let mut field = |bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    field(instance.platform().as_str().as_bytes());
    let account = match &instance.account {
        Account::Kaltura(account) => account,
        Account::Telestream(account) => {
            let secret = |s: &Option<crate::secret::Secret>| {
                s.as_ref()
                    .map(|s| s.expose().to_owned())
                    .unwrap_or_default()
            };
            field(account.generation.as_str().as_bytes());
            field(account.api_url_text().unwrap_or_default().as_bytes());
            field(account.factory_id.as_bytes());
            field(account.access_key.as_deref().unwrap_or_default().as_bytes());
            field(secret(&account.secret_access_key).as_bytes());
            field(secret(&account.api_key).as_bytes());
            field(account.compression.as_str().as_bytes());
            return hash.finalize().into();
        }
    };
    field(account.service_url.as_str().as_bytes());
    field(&account.partner_id.to_le_bytes());
    field(account.admin_secret.expose().as_bytes());
    field(
        account
            .user_secret
            .as_ref()
            .map(|s| s.expose().as_bytes())
            .unwrap_or_default(),
    );
    field(account.user_id.as_bytes());
    field(crate::store::ks_version_name(account.ks_version).as_bytes());
    field(account.compression.as_str().as_bytes());
    hash.finalize().into()
}

fn facts_of(id: InstanceId, account: &KalturaAccount) -> InstanceFacts {
    let KalturaAccount {
        partner_id,
        player_uiconf_id,
        thumbnail_player_uiconf_id,
        user_id,
        mobile_flavor_id,
        ..
    } = account;
    InstanceFacts {
        id,
        partner_id: *partner_id,
        service_url: account.service_url_text().to_owned(),
        player_uiconf_id: *player_uiconf_id,
        thumbnail_player_uiconf_id: *thumbnail_player_uiconf_id,
        user_id: user_id.clone(),
        mobile_flavor_id: *mobile_flavor_id,
    }
}

#[cfg(test)]
mod tests {
    use kaltura::SessionType;

    use crate::ids::EntryId;

    use super::*;
    use crate::store::test_support;

    fn new_instance(url: &str) -> NewInstance {
        NewInstance {
            id: None,
            fields: FieldValues::new()
                .with("name", "test")
                .with("service_url", url)
                .with("partner_id", 101)
                .with("player_uiconf_id", 7)
                .with("admin_secret", "admin-secret-one")
                .with("user_id", "kts@example.org")
                .with("ks_version", "v2"),
        }
    }

    #[test]
    fn kaltura_settings_reach_the_client_options() {
        let settings = KalturaSettings {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(90),
            attempts: 1,
            chunk_size: 1 << 20,
        };
        let options = ClientOptions::from_settings(&settings);
        assert_eq!(options.connect_timeout, Duration::from_secs(2));
        assert_eq!(options.request_timeout, Duration::from_secs(90));
        assert_eq!(options.retry.max_attempts, 1);
        assert_eq!(options.chunk_size, 1 << 20);
        let defaults = ClientOptions::from_settings(&KalturaSettings::default());
        assert_eq!(defaults.chunk_size, ClientOptions::default().chunk_size);
        assert_eq!(
            defaults.request_timeout,
            ClientOptions::default().request_timeout
        );
    }

    #[tokio::test]
    async fn unknown_instance_fails_naming_its_id() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let id = InstanceId::new(42).unwrap();
        let error = instances.connect(id).await.unwrap_err();
        assert!(matches!(error, Error::UnknownInstance(i) if i == id));
        assert_eq!(error.to_string(), "unknown instance 42");
    }

    #[tokio::test]
    async fn a_bare_host_becomes_an_https_service_url() {
        let test = test_support::sqlite().await;
        let id = test
            .store
            .add_instance(&new_instance("kaltura.example.org"))
            .await
            .unwrap();
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let connection = instances.connect(id).await.unwrap();
        assert_eq!(
            connection.client.service_url(),
            "https://kaltura.example.org"
        );
        assert_eq!(connection.facts.service_url, "https://kaltura.example.org");
        assert_eq!(connection.facts.player_uiconf_id, Some(7));
    }

    #[tokio::test]
    async fn the_client_is_reused_until_the_instance_changes() {
        let test = test_support::sqlite().await;
        let id = test
            .store
            .add_instance(&new_instance("http://127.0.0.1:9"))
            .await
            .unwrap();
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let first = instances
            .connect(id)
            .await
            .unwrap()
            .client
            .admin_ks()
            .unwrap();
        let again = instances
            .connect(id)
            .await
            .unwrap()
            .client
            .admin_ks()
            .unwrap();
        assert_eq!(
            first.expose(),
            again.expose(),
            "same client, same cached KS"
        );

        let update = FieldValues::new().with("admin_secret", "admin-secret-two");
        assert!(test.store.update_instance(id, &update).await.unwrap());
        instances.forget(id);
        let connection = instances.connect(id).await.unwrap();
        let renewed = connection.client.admin_ks().unwrap();
        assert_ne!(first.expose(), renewed.expose(), "new secret, new client");
        let fields = kaltura::ks::parse(&renewed, "admin-secret-two").unwrap();
        assert_eq!(fields.session_type, SessionType::Admin);
    }

    #[tokio::test]
    async fn forgetting_an_instance_shows_its_new_facts_with_the_same_client() {
        let test = test_support::sqlite().await;
        let id = test
            .store
            .add_instance(&new_instance("http://127.0.0.1:9"))
            .await
            .unwrap();
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let first = instances.connect(id).await.unwrap();
        let update = FieldValues::new().with("mobile_flavor_id", 42);
        assert!(test.store.update_instance(id, &update).await.unwrap());

        let cached = instances.connect(id).await.unwrap();
        instances.forget(id);
        let fresh = instances.connect(id).await.unwrap();

        assert_eq!(cached.facts.mobile_flavor_id, None, "served from the cache");
        assert_eq!(fresh.facts.mobile_flavor_id, Some(42));
        assert_eq!(
            first.client.admin_ks().unwrap().expose(),
            fresh.client.admin_ks().unwrap().expose(),
            "same secrets, same client and session"
        );
    }

    #[tokio::test]
    async fn the_entry_session_plays_one_entry_as_a_user_that_owns_nothing() {
        let test = test_support::sqlite().await;
        let id = test
            .store
            .add_instance(&new_instance("http://127.0.0.1:9"))
            .await
            .unwrap();
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let connection = instances.connect(id).await.unwrap();
        let entry: EntryId = "0_abc".parse().unwrap();
        let ks = connection.entry_playback_ks(&entry).unwrap();
        let fields = kaltura::ks::parse(&ks, "admin-secret-one").unwrap();
        assert_eq!(fields.session_type, SessionType::User);
        assert_eq!(
            fields.privileges,
            "sview:0_abc,download:0_abc,setrole:PLAYBACK_BASE_ROLE"
        );
        assert_ne!(
            fields.user_id, "kts@example.org",
            "never the instance's user"
        );
        assert!(fields.user_id.starts_with("kts-viewer-"));
        assert_eq!(fields.partner_id, 101);
        assert!(!fields.is_expired());
        let again = connection.entry_playback_ks(&entry).unwrap();
        let again = kaltura::ks::parse(&again, "admin-secret-one").unwrap();
        assert_ne!(
            again.user_id, fields.user_id,
            "a new user for every session"
        );
    }

    #[tokio::test]
    async fn sessions_follow_the_instance_ks_version_and_a_change_makes_a_new_client() {
        let test = test_support::sqlite().await;
        let id = test
            .store
            .add_instance(&NewInstance {
                fields: new_instance("http://127.0.0.1:9")
                    .fields
                    .with("ks_version", "v1"),
                ..NewInstance::default()
            })
            .await
            .unwrap();
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let connection = instances.connect(id).await.unwrap();
        let admin = connection.client.admin_ks().unwrap();
        let entry: EntryId = "0_abc".parse().unwrap();
        let playback = connection.entry_playback_ks(&entry).unwrap();
        for ks in [&admin, &playback] {
            assert_eq!(kaltura::ks::version_of(ks).unwrap(), kaltura::KsVersion::V1);
            kaltura::ks::parse(ks, "admin-secret-one").unwrap();
        }

        let update = FieldValues::new().with("ks_version", "v2");
        assert!(test.store.update_instance(id, &update).await.unwrap());
        instances.forget(id);
        let renewed = instances
            .connect(id)
            .await
            .unwrap()
            .client
            .admin_ks()
            .unwrap();
        assert_eq!(
            kaltura::ks::version_of(&renewed).unwrap(),
            kaltura::KsVersion::V2,
            "a new version, a new client and session"
        );
    }

    #[tokio::test]
    async fn an_update_through_instances_is_seen_by_the_next_call_at_once() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let id = instances
            .add(&new_instance("http://127.0.0.1:9"))
            .await
            .unwrap();
        let before = instances.connect(id).await.unwrap();
        assert_eq!(before.facts.mobile_flavor_id, None);

        let change = FieldValues::new().with("mobile_flavor_id", 42);
        instances.update(id, &change).await.unwrap();
        let after = instances.connect(id).await.unwrap();

        assert_eq!(
            after.facts.mobile_flavor_id,
            Some(42),
            "no stale copy within FRESHNESS"
        );
    }

    #[tokio::test]
    async fn a_changed_secret_makes_a_new_client_through_update() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let id = instances
            .add(&new_instance("http://127.0.0.1:9"))
            .await
            .unwrap();
        let first = instances
            .connect(id)
            .await
            .unwrap()
            .client
            .admin_ks()
            .unwrap();
        let change = FieldValues::new().with("admin_secret", "admin-secret-two");
        instances.update(id, &change).await.unwrap();
        let renewed = instances
            .connect(id)
            .await
            .unwrap()
            .client
            .admin_ks()
            .unwrap();
        assert_ne!(first.expose(), renewed.expose());
        kaltura::ks::parse(&renewed, "admin-secret-two").unwrap();
    }

    #[tokio::test]
    async fn updating_or_removing_an_unknown_instance_names_it() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let id = InstanceId::new(9).unwrap();
        let change = FieldValues::new().with("name", "x");
        assert!(matches!(
            instances.update(id, &change).await,
            Err(Error::UnknownInstance(i)) if i == id
        ));
        assert!(matches!(
            instances.remove(id).await,
            Err(Error::UnknownInstance(i)) if i == id
        ));
    }

    #[tokio::test]
    async fn a_removed_instance_is_unknown_at_once() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let id = instances
            .add(&new_instance("http://127.0.0.1:9"))
            .await
            .unwrap();
        instances.connect(id).await.unwrap();
        instances.remove(id).await.unwrap();
        assert!(matches!(
            instances.connect(id).await,
            Err(Error::UnknownInstance(_))
        ));
    }
}
