//! Accepting browsers' connections with limits of their own. `axum::serve`
//! sets no timer: a client that opens a connection and sends its request
//! line slowly, or never, keeps it (and a file descriptor) for ever, and
//! enough of them stop the server (slowloris). Here a request's headers
//! must arrive within a time limit and connections at once are capped.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

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

/// Serves `router` on `listener` until `shutdown` completes. Each request
/// carries its client's address (`ConnectInfo`), as `axum::serve` gives it.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    // HTTP/1.1 only, as browsers speak to a plain-http server; one builder
    // for every connection.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
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
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service =
            router
                .clone()
                .map_request(move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut()
                        .insert(ConnectInfo::<SocketAddr>(client));
                    req
                });
        let builder = builder.clone();
        tokio::spawn(async move {
            let _ = builder
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .await;
            drop(slot);
        });
    }
}
