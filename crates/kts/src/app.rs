//! Start-up: [`App::build`] binds the listener first (so port 0 works and the
//! address is known before anything runs) after validating the settings, opens and migrates the store,
//! seeds instances, then builds state and router. [`App::run_until_stopped`]
//! serves until Ctrl-C or SIGTERM, finishing requests in flight.

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;
use tracing::Instrument;
use url::Url;

use crate::config::{ConfigError, ConnectionLimits, Settings};
use crate::http;
use crate::http::state::AppState;
use crate::instances::Instances;
use crate::ops;
use crate::store::{Store, StoreError};
use crate::telemetry;

/// Why the application could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The listening address is taken or not ours.
    #[error("cannot listen on {address}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The store cannot be opened, migrated or seeded.
    #[error("cannot open the instance store")]
    Store(#[from] StoreError),
    /// A setting is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// A bound, ready KTS server.
#[derive(Debug)]
pub struct App {
    listener: TcpListener,
    address: SocketAddr,
    public_url: Url,
    router: Router,
    store: Store,
    connections: ConnectionLimits,
    /// For the clean-up worker of failed uploads (`ops::undo`).
    instances: Instances,
}

impl App {
    /// Builds KTS with the `/service/*` calls of `http::legacy`.
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        Self::build_with_service(settings, http::legacy::router()).await
    }

    /// Builds KTS with `service` as the `/service/*` area: the normal
    /// start-up with another set of calls behind the same extractors,
    /// API-key guard and layers (used to test the edge on its own).
    pub async fn build_with_service(
        settings: Settings,
        service: Router<AppState>,
    ) -> Result<Self, StartError> {
        settings.validate()?;
        let address = settings.server.address;
        let listener = TcpListener::bind(address)
            .await
            .map_err(|source| StartError::Bind { address, source })?;
        let address = listener
            .local_addr()
            .map_err(|source| StartError::Bind { address, source })?;
        let store = settings.database.connect(&settings.secret_key).await?;
        let seeded = store.seed_instances(&settings.seed_instances).await?;
        if seeded > 0 {
            tracing::info!(seeded, "instances added from KALTURA_INSTANCES variables");
        }
        tracing::info!(settings = ?settings, "settings");
        let public_url = public_url(settings.server.public_url.as_ref(), address);
        let mut connections = settings.server.connections;
        connections.max_connections =
            http::server::fit_to_open_file_limit(connections.max_connections);
        if settings.access.open {
            tracing::warn!("KTS_OPEN_ACCESS is on: /service/* answers without an API key");
        }
        let state = AppState::new(settings, store.clone(), telemetry::metrics_handle());
        let instances = state.instances.clone();
        let router = http::router::build(state, service);
        Ok(App {
            listener,
            address,
            public_url,
            router,
            store,
            connections,
            instances,
        })
    }

    /// The bound address (with the real port when 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL clients reach this app at: `KTS_PUBLIC_URL` when set (KTS
    /// behind a proxy), the bound address otherwise. Absolute links to KTS
    /// (the commands `kts demo` prints) start with it.
    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// The store this app uses (for `kts demo` and tests to add data).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then lets requests in flight finish.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(address = %self.address, public_url = %self.public_url, "listening");
        // Failed uploads are undone in the background while serving.
        let (worker_stop, worker_stopped) = tokio::sync::oneshot::channel::<()>();
        let worker = tokio::spawn(
            ops::undo::run_worker(self.instances, async {
                let _ = worker_stopped.await;
            })
            .instrument(tracing::info_span!("undo_worker")),
        );
        http::server::serve(self.listener, self.router, self.connections, stop).await;
        let _ = worker_stop.send(());
        let _ = worker.await;
        self.store.close().await;
        Ok(())
    }
}

/// `configured` (`KTS_PUBLIC_URL`), or `http://<address>/` when it is not set.
fn public_url(configured: Option<&Url>, address: SocketAddr) -> Url {
    configured.cloned().unwrap_or_else(|| {
        // A socket address (an IPv6 one in brackets) is always a valid host
        // and port.
        Url::parse(&format!("http://{address}/")).expect("a socket address is a valid URL host")
    })
}

/// Completes on Ctrl-C or (on Unix) SIGTERM.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("stopping");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_url_is_the_configured_one_when_set() {
        let configured: Url = "https://kts.example.org/".parse().unwrap();
        let address: SocketAddr = "127.0.0.1:6500".parse().unwrap();

        let url = public_url(Some(&configured), address);

        assert_eq!(url.as_str(), "https://kts.example.org/");
    }

    #[test]
    fn without_a_public_url_links_use_the_bound_address() {
        let v4: SocketAddr = "127.0.0.1:6500".parse().unwrap();
        let v6: SocketAddr = "[::1]:6500".parse().unwrap();

        assert_eq!(public_url(None, v4).as_str(), "http://127.0.0.1:6500/");
        assert_eq!(public_url(None, v6).as_str(), "http://[::1]:6500/");
    }
}
