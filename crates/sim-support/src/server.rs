//! Serving a simulator's router in the background and stopping it: the handle every simulator returns
//! from its `spawn`, and the background tasks (imports, notifications) that must end with it.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use tokio::task::JoinSet;

use crate::faults::Faults;

/// The server stopped with an error (or its task panicked).
#[derive(Debug, thiserror::Error)]
#[error("the server stopped with an error")]
pub struct ServeError(#[source] pub std::io::Error);

/// Tasks a simulator starts besides answering requests (a URL being fetched, notifications being
/// delivered). Cloning shares the same set; the [`SimulatorHandle`] aborts them all when the simulator
/// stops, so nothing outlives it.
#[derive(Debug, Clone, Default)]
pub struct BackgroundTasks(Arc<Mutex<JoinSet<()>>>);

impl BackgroundTasks {
    /// Runs `task` until it ends or the simulator stops. Must be called within the Tokio runtime.
    pub fn spawn(&self, task: impl Future<Output = ()> + Send + 'static) {
        let mut set = self.lock();
        // Reap the finished ones, so a long-running simulator does not pile them up.
        while set.try_join_next().is_some() {}
        set.spawn(task);
    }

    /// Number of tasks still running (finished ones are counted until the next `spawn` reaps them).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no task is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Aborts every task.
    pub fn abort_all(&self) {
        self.lock().abort_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, JoinSet<()>> {
        // A panic while holding the lock leaves a usable set behind.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running simulator. Dropping it stops serving at the next opportunity; prefer
/// [`shutdown`](Self::shutdown).
#[derive(Debug)]
pub struct SimulatorHandle {
    addr: SocketAddr,
    base_url: String,
    faults: Faults,
    background: BackgroundTasks,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl SimulatorHandle {
    /// Serves `router` on `listener` in a background task (with the peer address available to handlers
    /// as `ConnectInfo<SocketAddr>`), until shut down. `background` are the simulator's own tasks, aborted
    /// when it stops.
    pub fn serve(
        listener: tokio::net::TcpListener,
        router: Router,
        faults: Faults,
        background: BackgroundTasks,
    ) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async {
                let _ = stop_rx.await;
            })
            .await
        });
        Ok(Self {
            addr,
            base_url: format!("http://{addr}"),
            faults,
            background,
            stop: Some(stop_tx),
            task,
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, where the simulator answers.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The fault rules, switchable while running.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Stops accepting connections, ends the background tasks, lets running requests finish and waits
    /// for the server.
    pub async fn shutdown(mut self) -> Result<(), ServeError> {
        self.stop();
        match (&mut self.task).await {
            Ok(result) => result.map_err(ServeError),
            Err(join) => Err(ServeError(std::io::Error::other(join))),
        }
    }

    /// Serves until `stop` completes (e.g. Ctrl-C), then shuts down gracefully.
    pub async fn run_until_stopped(
        mut self,
        stop: impl Future<Output = ()>,
    ) -> Result<(), ServeError> {
        tokio::select! {
            () = stop => self.shutdown().await,
            result = &mut self.task => match result {
                Ok(r) => r.map_err(ServeError),
                Err(join) => Err(ServeError(std::io::Error::other(join))),
            },
        }
    }

    fn stop(&mut self) {
        self.background.abort_all();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for SimulatorHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_handle_serves_until_shut_down_and_ends_its_background_tasks() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let router = Router::new().route("/", axum::routing::get(|| async { "up" }));
        let background = BackgroundTasks::default();
        let handle =
            SimulatorHandle::serve(listener, router, Faults::default(), background.clone())
                .unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        background.spawn(async move {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            let _ = tx.send(());
        });
        let body = reqwest::get(handle.base_url())
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(body, "up");
        let addr = handle.addr();
        handle.shutdown().await.unwrap();
        // The sleeping task was aborted: its sender is dropped without sending.
        assert!(rx.await.is_err());
        assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    }
}
