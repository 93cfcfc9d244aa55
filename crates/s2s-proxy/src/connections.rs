//! Accepting browsers' connections with limits of their own. `axum::serve`
//! sets no timer: a client that opens a connection and sends its request
//! line slowly, or never, keeps it (and a file descriptor) for ever, and
//! enough of them stop the server (slowloris). Here a request's headers
//! must arrive within a time limit, a request's head is held to a small
//! buffer, and connections at once are capped, in all and per client (one
//! client cannot hold every slot and lock the others out). Over HTTPS the
//! TLS handshake falls under the same time limit as the request's headers.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// A request's head (line and headers) may take this many bytes of buffer:
/// a browser's is one or two KB and a fetch URL at most a few. hyper's
/// default, about 400 KB, times every connection, would let idle clients
/// hold hundreds of MB.
pub const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// The limits on browsers' connections.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A request's headers must have arrived this long after it began.
    pub header_read_timeout: Duration,
    /// Connections open at once; one more is closed as soon as accepted.
    pub max_connections: usize,
}

impl ConnectionLimits {
    /// 10 s for a request's headers; `max_connections` as configured, else
    /// 1024 or twice the fetches allowed at once (each fetch is a browser's
    /// request, and the page's files come on other connections).
    pub fn new(max_connections: Option<u64>, max_concurrent_fetches: usize) -> ConnectionLimits {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(10),
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
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                None => {
                    let _ = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                }
                // A client that opens TLS and stalls is dropped when the
                // time for a request's headers has passed.
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(limits.header_read_timeout, acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        let _ = builder
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    }
                }
            }
            drop(slot);
            drop(held);
        });
    }
}
