//! The one HTTP client every target is measured with: hyper's HTTP/1.1
//! client, one keep-alive connection per simulated client (like `wrk`),
//! requests sent back to back, TCP_NODELAY on, TLS (rustls, bench CA) when
//! the target is https. Only the target's address, TLS and request path
//! differ between targets.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;

/// What a correct answer looks like.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// The document itself, this many bytes.
    Document(usize),
    /// An s2s fetch report of a 200 with no error: after the first, over a
    /// reused connection or resumed session (the chain relied on from
    /// earlier), or from a full handshake each time.
    Report { resumed: bool },
}

pub struct Target {
    pub label: String,
    pub addr: SocketAddr,
    /// TLS to the target itself (the direct fetch of the upstream).
    pub tls: Option<(tokio_rustls::TlsConnector, ServerName<'static>)>,
    /// Path and query of every request.
    pub path: String,
    /// The Host header.
    pub host: String,
    pub expect: Expect,
}

/// What one run measured: latencies of requests started inside the
/// measured window, and the window's length.
#[derive(Debug, Default)]
pub struct Sample {
    pub latencies: Vec<Duration>,
    pub window: Duration,
    pub errors: usize,
    /// Connections opened beyond the first of each client (a server closed one).
    pub reconnects: usize,
}

type Sender = SendRequest<Empty<Bytes>>;

async fn connect(target: &Target) -> Result<Sender, String> {
    let tcp = TcpStream::connect(target.addr)
        .await
        .map_err(|e| format!("connect to {}: {e}", target.addr))?;
    let _ = tcp.set_nodelay(true);
    match &target.tls {
        Some((connector, name)) => {
            let tls = connector
                .connect(name.clone(), tcp)
                .await
                .map_err(|e| format!("TLS with {}: {e}", target.addr))?;
            handshake(TokioIo::new(tls)).await
        }
        None => handshake(TokioIo::new(tcp)).await,
    }
}

async fn handshake<S>(io: TokioIo<S>) -> Result<Sender, String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, conn) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| format!("HTTP handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// One GET on an open connection: whether the answer was right.
async fn request(sender: &mut Sender, target: &Target) -> Result<bool, String> {
    sender
        .ready()
        .await
        .map_err(|e| format!("connection closed: {e}"))?;
    let req = hyper::Request::get(target.path.as_str())
        .header(hyper::header::HOST, target.host.as_str())
        // s2s answers API requests that carry it (the others ignore it).
        .header("x-s2s-console", "1")
        .body(Empty::new())
        .map_err(|e| format!("request: {e}"))?;
    let resp = sender
        .send_request(req)
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = resp.status();
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("body: {e}"))?
        .to_bytes();
    Ok(status == hyper::StatusCode::OK
        && match target.expect {
            Expect::Document(len) => body.len() == len,
            Expect::Report { .. } => report_ok(&body),
        })
}

/// A report of a 200 without an error. A substring test, to keep the
/// client's own work small; the full report is checked once before timing.
fn report_ok(body: &[u8]) -> bool {
    let has = |needle: &[u8]| memchr::memmem::find(body, needle).is_some();
    has(b"\"status\":200") && has(b"\"error\":null")
}

/// One request, checked in full: for the sanity check before timing.
pub async fn fetch_once(target: &Target) -> Result<Bytes, String> {
    let mut sender = connect(target).await?;
    let req = hyper::Request::get(target.path.as_str())
        .header(hyper::header::HOST, target.host.as_str())
        // s2s answers API requests that carry it (the others ignore it).
        .header("x-s2s-console", "1")
        .body(Empty::new())
        .map_err(|e| format!("request: {e}"))?;
    let resp = sender
        .send_request(req)
        .await
        .map_err(|e| format!("{}: no answer: {e}", target.label))?;
    if resp.status() != hyper::StatusCode::OK {
        return Err(format!("{}: HTTP {}", target.label, resp.status()));
    }
    resp.into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .map_err(|e| format!("{}: body: {e}", target.label))
}

/// `clients` connections sending requests back to back for `warmup` (not
/// counted) and then `window` (measured).
pub async fn load(
    target: Arc<Target>,
    clients: usize,
    warmup: Duration,
    window: Duration,
) -> Sample {
    let measured_from = Instant::now() + warmup;
    let until = measured_from + window;
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let target = target.clone();
            tokio::spawn(async move { worker(&target, measured_from, until).await })
        })
        .collect();
    let mut total = Sample {
        window,
        ..Sample::default()
    };
    for w in workers {
        if let Ok(s) = w.await {
            total.latencies.extend(s.latencies);
            total.errors += s.errors;
            total.reconnects += s.reconnects;
        } else {
            total.errors += 1;
        }
    }
    total
}

async fn worker(target: &Target, measured_from: Instant, until: Instant) -> Sample {
    let mut sample = Sample {
        latencies: Vec::with_capacity(4096),
        ..Sample::default()
    };
    let mut sender: Option<Sender> = None;
    let mut connects = 0usize;
    while Instant::now() < until {
        let s = match sender.as_mut() {
            Some(s) => s,
            None => {
                connects += 1;
                match connect(target).await {
                    Ok(s) => sender.insert(s),
                    Err(_) => {
                        sample.errors += 1;
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                }
            }
        };
        let started = Instant::now();
        let outcome = request(s, target).await;
        let counted = started >= measured_from && started < until;
        match outcome {
            Ok(ok) => {
                if counted {
                    sample.latencies.push(started.elapsed());
                    if !ok {
                        sample.errors += 1;
                    }
                }
            }
            Err(_) => {
                sender = None;
                if counted {
                    sample.errors += 1;
                }
            }
        }
    }
    sample.reconnects = connects.saturating_sub(1);
    sample
}
