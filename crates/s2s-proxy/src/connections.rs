//! Accepting browsers' connections with limits of their own. `axum::serve`
//! sets no timer: a client that opens a connection and sends its request
//! line slowly, or never, keeps it (and a file descriptor) for ever, and
//! enough of them stop the server (slowloris). Here a request's headers
//! must arrive within a time limit (also the limit on an idle connection
//! between requests), a request's head is held to a small buffer, a client
//! that stops taking its response is cut off, no connection lives longer
//! than a set age, and connections at once are capped, in all and per
//! client (one client cannot hold every slot and lock the others out). Over
//! HTTPS the TLS handshake falls under the same time limit as the request's
//! headers.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// A request's head (line and headers) may take this many bytes of buffer:
/// a browser's is one or two KB and a fetch URL at most a few. hyper's
/// default, about 400 KB, times every connection, would let idle clients
/// hold hundreds of MB.
pub const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// A request's headers must have arrived this long after the connection
/// began waiting for them: after it opened, and after each response (so
/// an idle kept-alive connection is closed this long after its last one).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection whose client takes none of its response for this long is
/// closed: a browser reads at once, and a slow link still takes some bytes
/// every few seconds. Without it, a client that asks for the app's WASM
/// and never reads holds its connection (and a slot) for ever.
pub const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// No connection is kept longer: at this age it is closed after the
/// response under way (or at the latest [`WRITE_STALL_TIMEOUT`] later),
/// so a client reading just fast enough to stay under the stall limit, or
/// asking without pause, still gives its slot back. Browsers reconnect.
pub const MAX_CONNECTION_AGE: Duration = Duration::from_secs(5 * 60);

/// The limits on browsers' connections.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A request's headers must have arrived this long after it began.
    pub header_read_timeout: Duration,
    /// Connections open at once; one more is closed as soon as accepted.
    pub max_connections: usize,
    /// A client that takes nothing of its response this long is cut off.
    pub write_stall_timeout: Duration,
    /// A connection is closed at this age (after the response under way,
    /// or `write_stall_timeout` later at the latest).
    pub max_age: Duration,
}

impl ConnectionLimits {
    /// The timeouts above ([`HEADER_READ_TIMEOUT`], [`WRITE_STALL_TIMEOUT`],
    /// [`MAX_CONNECTION_AGE`]); `max_connections` as configured, else
    /// 1024 or twice the fetches allowed at once (each fetch is a browser's
    /// request, and the page's files come on other connections).
    pub fn new(max_connections: Option<u64>, max_concurrent_fetches: usize) -> ConnectionLimits {
        ConnectionLimits {
            header_read_timeout: HEADER_READ_TIMEOUT,
            write_stall_timeout: WRITE_STALL_TIMEOUT,
            max_age: MAX_CONNECTION_AGE,
            max_connections: max_connections
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
                .unwrap_or_else(|| max_concurrent_fetches.saturating_mul(2).max(1024)),
        }
    }
}

impl ConnectionLimits {
    /// Connections one client (an address, an IPv6 /64) may hold at once:
    /// three quarters of the cap, so one client cannot lock the others out
    /// while a busy one (a script, the benchmarks) still has room.
    pub fn per_client(&self) -> usize {
        (self.max_connections.saturating_mul(3) / 4).max(1)
    }
}

/// The connections each client holds now.
#[derive(Debug, Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

/// One client's connection, counted until dropped.
struct Held {
    clients: Arc<PerClient>,
    client: IpAddr,
}

impl PerClient {
    fn take(self: &Arc<Self>, client: IpAddr, cap: usize) -> Option<Held> {
        let client = crate::rate::client_key(client);
        let mut held = self.0.lock().ok()?;
        let n = held.entry(client).or_insert(0);
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Held {
            clients: self.clone(),
            client,
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Ok(mut held) = self.clients.0.lock()
            && let Some(n) = held.get_mut(&self.client)
        {
            *n = n.saturating_sub(1);
            if *n == 0 {
                held.remove(&self.client);
            }
        }
    }
}

/// A client's stream whose writes fail once the client has taken nothing
/// for `limit`: hyper waits on a full socket buffer without end.
struct WriteStall<S> {
    inner: S,
    limit: Duration,
    /// Running while a write (or flush) waits for the client.
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S> WriteStall<S> {
    fn new(inner: S, limit: Duration) -> Self {
        WriteStall {
            inner,
            limit,
            stalled: None,
        }
    }

    /// Passes on a write's outcome; a write still waiting when the timer
    /// runs out fails instead.
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if polled.is_ready() {
            self.stalled = None;
            return polled;
        }
        let limit = self.limit;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client took none of its response in time",
            )));
        }
        Poll::Pending
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteStall<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteStall<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_flush(cx);
        this.watch(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.watch(cx, polled)
    }
}

/// Serves `router` over plain HTTP on `listener` until `shutdown`
/// completes. Each request carries its client's address (`ConnectInfo`), as
/// `axum::serve` gives it.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    serve_with(listener, router, limits, None, shutdown).await
}

/// Serves `router` over HTTPS (`tls`) on `listener`, with the same limits,
/// and `Strict-Transport-Security` on every answer.
pub async fn serve_https(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    tls: Arc<rustls::ServerConfig>,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    serve_with(listener, router, limits, Some(acceptor), shutdown).await
}

async fn serve_with(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let clients = Arc::new(PerClient::default());
    let per_client = limits.per_client();
    // HTTP/1.1 only (also what the TLS configuration offers by ALPN); one
    // builder for every connection.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(MAX_REQUEST_HEAD);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors or a connection reset while queued:
                // wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let Some(held) = clients.take(client.ip(), per_client) else {
            drop(stream);
            continue;
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let https = tls.is_some();
        let service = router
            .clone()
            .map_request(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(client));
                req
            })
            .map_response(move |mut response: axum::response::Response| {
                if https {
                    response.headers_mut().insert(
                        header::STRICT_TRANSPORT_SECURITY,
                        HeaderValue::from_static(crate::https::HSTS),
                    );
                }
                response
            });
        let service = TowerToHyperService::new(service);
        let builder = builder.clone();
        // Under TLS too: the stall limit watches the client's socket.
        let stream = WriteStall::new(stream, limits.write_stall_timeout);
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                None => serve_one(&builder, TokioIo::new(stream), service, limits).await,
                // A client that opens TLS and stalls is dropped when the
                // time for a request's headers has passed.
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(limits.header_read_timeout, acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        serve_one(&builder, TokioIo::new(stream), service, limits).await;
                    }
                }
            }
            drop(slot);
            drop(held);
        });
    }
}

/// Serves one connection (plain or TLS) until it ends or is old enough: at
/// its maximum age it takes no new request, and the one under way may
/// finish within the stall limit.
async fn serve_one<I, S, B>(
    builder: &hyper::server::conn::http1::Builder,
    io: I,
    service: S,
    limits: ConnectionLimits,
) where
    I: hyper::rt::Read + hyper::rt::Write + Unpin,
    S: hyper::service::HttpService<hyper::body::Incoming, ResBody = B>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = tokio::time::sleep(limits.max_age) => {
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(limits.write_stall_timeout, connection).await;
        }
    }
}
