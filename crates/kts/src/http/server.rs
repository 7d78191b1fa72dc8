//! The connection loop: accepts TCP connections and serves HTTP/1.1 on each
//! with hyper, within [`ConnectionLimits`], so that one client opening
//! thousands of connections and never finishing a request cannot stop KTS
//! from answering others (`axum::serve` has no such limits).
//!
//! - A connection must start a request within the idle timeout (on a new
//!   connection, and between requests on a kept-alive one), and finish its
//!   head (request line and headers) within the header timeout of its first
//!   byte. hyper has one timer for both waits, so [`HeadTimer`] stretches it
//!   to the idle timeout until [`WatchedStream`] sees the first byte.
//! - At most `max_connections` are served at once. A connection over the
//!   bound gets a fixed 503 written without waiting and is closed at once:
//!   no task, no buffer, its file descriptor freed immediately.
//! - Stopping closes the listener, asks every connection to finish its
//!   request in flight, and waits for them.
//!
//! Request bodies have their own idle timeout, applied by the router.

use std::future::Future;
use std::io::{Read, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::{Layer, ServiceExt};
use tower_http::normalize_path::NormalizePathLayer;
use tracing::Instrument;

use crate::config::ConnectionLimits;

/// What a connection over the bound is told before it is closed.
const OVER_CAPACITY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
content-type: text/plain; charset=utf-8\r\n\
x-content-type-options: nosniff\r\n\
retry-after: 1\r\n\
connection: close\r\n\
content-length: 25\r\n\r\n\
too many open connections";

/// File descriptors kept free of client connections: the store, temporary
/// upload files, connections to Kaltura and the logs need some too.
pub(crate) const RESERVED_FILES: u64 = 256;

/// Serves `router` on `listener` within `limits` until `stop` completes,
/// then lets requests in flight finish.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()> + Send + 'static,
) {
    // Trailing slashes are trimmed before routing, so every path answers
    // with and without one (kts-legacy-api.md, "General rules").
    let service = NormalizePathLayer::trim_trailing_slash().layer(router);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    pause_after_accept_error(&error).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            shed(stream);
            continue;
        };
        let clock = Arc::new(HeadClock::default());
        let stream = WatchedStream {
            stream,
            clock: clock.clone(),
        };
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(HeadTimer { clock, limits })
            .header_read_timeout(limits.header_timeout)
            .keep_alive(true);
        let service = service.clone();
        // Connection info gives the admin login throttle the client address.
        let handler = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(remote));
            service.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), handler));
        tokio::spawn(
            async move {
                // Errors here are the client's (reset, timed out, malformed
                // head): hyper already answered what could be answered.
                if let Err(error) = connection.await {
                    tracing::debug!(%error, "connection ended");
                }
                drop(permit);
            }
            .instrument(tracing::debug_span!("connection", %remote)),
        );
    }
    drop(listener);
    graceful.shutdown().await;
}

/// When the first byte of the request head KTS is waiting for arrived, on
/// one connection: written by [`WatchedStream`], read by [`HeadSleep`].
#[derive(Debug)]
struct HeadClock {
    started: Instant,
    /// Nanoseconds from `started` to the first byte; 0 while none came.
    first_byte: AtomicU64,
}

impl Default for HeadClock {
    fn default() -> Self {
        HeadClock {
            started: Instant::now(),
            first_byte: AtomicU64::new(0),
        }
    }
}

impl HeadClock {
    /// A new wait for a request head begins.
    fn start_waiting(&self) {
        self.first_byte.store(0, Ordering::Relaxed);
    }

    /// Bytes arrived; the first ones since the wait began start its clock.
    fn note_bytes(&self) {
        let since = u64::try_from(self.started.elapsed().as_nanos())
            .unwrap_or(u64::MAX)
            .max(1);
        let _ = self
            .first_byte
            .compare_exchange(0, since, Ordering::Relaxed, Ordering::Relaxed);
    }

    fn first_byte(&self) -> Option<Instant> {
        match self.first_byte.load(Ordering::Relaxed) {
            0 => None,
            since => Some(self.started + Duration::from_nanos(since)),
        }
    }
}

/// A client's TCP stream that tells its [`HeadClock`] when bytes arrive.
#[derive(Debug)]
struct WatchedStream {
    stream: TcpStream,
    clock: Arc<HeadClock>,
}

impl AsyncRead for WatchedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.clock.note_bytes();
        }
        polled
    }
}

impl AsyncWrite for WatchedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// hyper's timer for one connection. hyper's HTTP/1 server sleeps only to
/// bound the wait for a request head (`header_read_timeout`); this timer
/// lets that wait last the idle timeout until the head's first byte, then
/// the header timeout from that byte.
#[derive(Debug, Clone)]
struct HeadTimer {
    clock: Arc<HeadClock>,
    limits: ConnectionLimits,
}

impl hyper::rt::Timer for HeadTimer {
    fn sleep(&self, _duration: Duration) -> Pin<Box<dyn hyper::rt::Sleep>> {
        self.head_sleep()
    }

    fn sleep_until(&self, _deadline: Instant) -> Pin<Box<dyn hyper::rt::Sleep>> {
        self.head_sleep()
    }
}

impl HeadTimer {
    fn head_sleep(&self) -> Pin<Box<dyn hyper::rt::Sleep>> {
        self.clock.start_waiting();
        let deadline = tokio::time::Instant::now() + self.limits.idle_timeout;
        Box::pin(HeadSleep {
            clock: self.clock.clone(),
            header_timeout: self.limits.header_timeout,
            waiting_for_first_byte: true,
            sleep: Box::pin(tokio::time::sleep_until(deadline)),
        })
    }
}

/// The wait for one request head: the idle timeout, until a first byte
/// moves the deadline to the header timeout after it.
#[derive(Debug)]
struct HeadSleep {
    clock: Arc<HeadClock>,
    header_timeout: Duration,
    waiting_for_first_byte: bool,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl hyper::rt::Sleep for HeadSleep {}

impl Future for HeadSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        // hyper polls this after every read that left the head unfinished,
        // so the first byte is seen as soon as it arrives.
        if this.waiting_for_first_byte
            && let Some(first_byte) = this.clock.first_byte()
        {
            this.waiting_for_first_byte = false;
            let deadline = tokio::time::Instant::from_std(first_byte + this.header_timeout);
            this.sleep.as_mut().reset(deadline);
        }
        this.sleep.as_mut().poll(cx)
    }
}

/// Writes the fixed 503 if the socket takes it at once, then closes.
fn shed(stream: TcpStream) {
    // Plain non-blocking calls on the socket: the reactor has not seen it
    // yet, so tokio's `try_*` could refuse without trying.
    if let Ok(stream) = stream.into_std() {
        let mut stream = &stream;
        // What the client sent already is read and dropped first: closing
        // with unread bytes would reset the connection and lose the answer.
        let mut sent = [0u8; 1024];
        let _ = stream.read(&mut sent);
        // A fresh socket's send buffer is empty, so the few bytes fit; if
        // not, the client gets a plain close, which is as good under attack.
        let _ = stream.write(OVER_CAPACITY);
    }
    tracing::debug!("connection refused: too many open connections");
}

/// After a failed `accept`: per-connection failures are skipped; running
/// out of file descriptors (or memory) waits a little, as spinning would
/// only burn the CPU the open connections need.
async fn pause_after_accept_error(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::warn!(%error, "cannot accept connections");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// Raises the soft open-file limit to the hard one (Unix), and returns how
/// many connections fit in it next to [`RESERVED_FILES`]: `wanted`, or
/// fewer, with a log line saying so.
pub(crate) fn fit_to_open_file_limit(wanted: usize) -> usize {
    let soft = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(soft) => soft,
        Err(error) => {
            tracing::warn!(%error, "cannot read the open-file limit");
            return wanted;
        }
    };
    tracing::info!(
        open_files = soft,
        "open-file limit raised to the hard limit"
    );
    let room = usize::try_from(soft.saturating_sub(RESERVED_FILES))
        .unwrap_or(usize::MAX)
        .max(1);
    if room < wanted {
        tracing::warn!(
            wanted,
            allowed = room,
            open_files = soft,
            "KTS_MAX_CONNECTIONS lowered to fit the open-file limit"
        );
        return room;
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use std::net::SocketAddr;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn start(limits: ConnectionLimits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let router = Router::new().route(
            "/who",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
        );
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(serve(listener, router, limits, async {
            let _ = rx.await;
        }));
        (address, tx)
    }

    async fn read_all(stream: &mut TcpStream) -> String {
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
            .await
            .unwrap()
            .unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test]
    async fn connections_over_the_bound_get_a_503_and_are_closed() {
        let (address, _stop) = start(ConnectionLimits {
            max_connections: 1,
            ..ConnectionLimits::default()
        })
        .await;
        let mut held = TcpStream::connect(address).await.unwrap();
        held.write_all(b"GET /who HTTP/1.1\r\n").await.unwrap();
        // Let the server accept the first connection before the second.
        tokio::time::sleep(Duration::from_millis(100)).await;

        let mut over = TcpStream::connect(address).await.unwrap();
        let answer = read_all(&mut over).await;

        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(answer.ends_with("too many open connections"), "{answer}");
    }

    #[tokio::test]
    async fn handlers_see_the_client_address() {
        let (address, _stop) = start(ConnectionLimits::default()).await;
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(b"GET /who/ HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
            .await
            .unwrap();
        let answer = read_all(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(
            answer.ends_with(&stream.local_addr().unwrap().to_string()),
            "{answer}"
        );
    }

    /// Waits until the server closes `stream`; how long that took.
    async fn time_to_close(stream: &mut TcpStream) -> Duration {
        let started = std::time::Instant::now();
        read_all(stream).await;
        started.elapsed()
    }

    #[tokio::test]
    async fn a_connection_that_never_finishes_its_head_is_closed_after_the_header_timeout() {
        let (address, _stop) = start(ConnectionLimits {
            header_timeout: Duration::from_millis(300),
            idle_timeout: Duration::from_secs(30),
            max_connections: 10,
        })
        .await;
        let mut stream = TcpStream::connect(address).await.unwrap();
        // The idle timeout runs until the first byte, then the header one.
        tokio::time::sleep(Duration::from_millis(400)).await;
        stream.write_all(b"GET /who HTTP/1.1\r\nho").await.unwrap();
        let waited = time_to_close(&mut stream).await;
        assert!(waited >= Duration::from_millis(250), "{waited:?}");
        assert!(waited < Duration::from_secs(3), "{waited:?}");
    }

    #[tokio::test]
    async fn a_connection_that_sends_nothing_is_closed_after_the_idle_timeout() {
        let (address, _stop) = start(ConnectionLimits {
            header_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_millis(300),
            max_connections: 10,
        })
        .await;
        let mut stream = TcpStream::connect(address).await.unwrap();
        let waited = time_to_close(&mut stream).await;
        assert!(waited >= Duration::from_millis(250), "{waited:?}");
        assert!(waited < Duration::from_secs(3), "{waited:?}");
    }

    #[tokio::test]
    async fn a_kept_alive_connection_is_closed_after_the_idle_timeout_between_requests() {
        let (address, _stop) = start(ConnectionLimits {
            header_timeout: Duration::from_millis(200),
            idle_timeout: Duration::from_millis(800),
            max_connections: 10,
        })
        .await;
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(b"GET /who HTTP/1.1\r\nhost: x\r\n\r\n")
            .await
            .unwrap();
        // Small answers arrive whole in one read on loopback.
        let mut answer = [0u8; 4096];
        let read = stream.read(&mut answer).await.unwrap();
        assert!(answer[..read].starts_with(b"HTTP/1.1 200"));
        // Idle longer than the header timeout but within the idle one: the
        // connection still serves the next request.
        tokio::time::sleep(Duration::from_millis(400)).await;
        stream
            .write_all(b"GET /who HTTP/1.1\r\nhost: x\r\n\r\n")
            .await
            .unwrap();
        let read = stream.read(&mut answer).await.unwrap();
        assert!(answer[..read].starts_with(b"HTTP/1.1 200"));
        let waited = time_to_close(&mut stream).await;
        assert!(waited >= Duration::from_millis(600), "{waited:?}");
        assert!(waited < Duration::from_secs(3), "{waited:?}");
    }

    #[tokio::test]
    async fn stopping_finishes_and_ends_the_loop() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let served = tokio::spawn(serve(
            listener,
            Router::new(),
            ConnectionLimits::default(),
            async {},
        ));
        tokio::time::timeout(Duration::from_secs(5), served)
            .await
            .unwrap()
            .unwrap();
    }
}
