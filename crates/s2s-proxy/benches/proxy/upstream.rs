//! The upstreams on loopback: a metadata server (hyper over rustls, HTTP/1.1
//! keep-alive) answering `/metadata/json/1` with a realistic document, and a
//! slow one that sends its headers and then never finishes the answer.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

pub const METADATA_PATH: &str = "/metadata/json/1";

/// Exchange's published document during a certificate rollover (the current
/// and the next signing key), as a server sends it: about 3.5 KB.
pub fn document() -> Result<Bytes, String> {
    let base = include_str!("../../../../fixtures/generated/exchange-metadata.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(base).map_err(|e| format!("the fixture document: {e}"))?;
    if let Some(keys) = doc.get_mut("keys").and_then(|k| k.as_array_mut())
        && let Some(first) = keys.first().cloned()
    {
        keys.push(first);
    }
    serde_json::to_vec_pretty(&doc)
        .map(Bytes::from)
        .map_err(|e| format!("the document: {e}"))
}

/// Handshakes the metadata server completed, by protocol and kind: what
/// each proxy actually negotiated with it.
static HANDSHAKES: std::sync::Mutex<std::collections::BTreeMap<String, u64>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

fn count_handshake(conn: &rustls::ServerConnection) {
    let version = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3",
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2",
        _ => "TLS ?",
    };
    let kind = match conn.handshake_kind() {
        Some(rustls::HandshakeKind::Resumed) => "resumed",
        _ => "full",
    };
    if let Ok(mut counts) = HANDSHAKES.lock() {
        *counts.entry(format!("{version} {kind}")).or_default() += 1;
    }
}

/// The handshakes counted since the last call, as "TLS 1.3 resumed 99.8%,
/// TLS 1.3 full 0.2%"; and the count restarts.
pub fn take_handshakes() -> String {
    let Ok(mut counts) = HANDSHAKES.lock() else {
        return "?".into();
    };
    let all: u64 = counts.values().sum();
    let text = if all == 0 {
        "none (connections reused)".to_string()
    } else {
        let mut parts: Vec<(u64, String)> = counts
            .iter()
            .map(|(k, n)| (*n, format!("{k} {:.1}%", *n as f64 * 100.0 / all as f64)))
            .collect();
        parts.sort_by_key(|p| std::cmp::Reverse(p.0));
        parts
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(", ")
    };
    counts.clear();
    text
}

async fn bind() -> Result<TcpListener, String> {
    TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot listen on loopback: {e}"))
}

fn local(listener: &TcpListener) -> Result<SocketAddr, String> {
    listener
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))
}

/// Serves `doc` at the metadata path (404 elsewhere) until the runtime ends.
pub async fn serve_metadata(
    tls: Arc<rustls::ServerConfig>,
    doc: Bytes,
) -> Result<SocketAddr, String> {
    let listener = bind().await?;
    let addr = local(&listener)?;
    let acceptor = TlsAcceptor::from(tls);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let _ = tcp.set_nodelay(true);
            let acceptor = acceptor.clone();
            let doc = doc.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                count_handshake(tls.get_ref().1);
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let doc = doc.clone();
                    async move { Ok::<_, Infallible>(answer(&req, doc)) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    Ok(addr)
}

fn answer(req: &Request<Incoming>, doc: Bytes) -> Response<Full<Bytes>> {
    let (status, body, kind) = if req.uri().path() == METADATA_PATH {
        (StatusCode::OK, doc, "application/json; charset=utf-8")
    } else {
        (
            StatusCode::NOT_FOUND,
            Bytes::from_static(b"not found"),
            "text/plain",
        )
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    if let Ok(value) = hyper::header::HeaderValue::from_str(kind) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, value);
    }
    response.headers_mut().insert(
        hyper::header::SERVER,
        hyper::header::HeaderValue::from_static("Microsoft-IIS/10.0"),
    );
    response
}

/// Completes the TLS handshake, reads the request, sends the status line,
/// the headers and the first byte of a 4 KB body, then waits until the
/// client goes away: the proxy must give up at its own time limit.
pub async fn serve_never_finishing(tls: Arc<rustls::ServerConfig>) -> Result<SocketAddr, String> {
    let listener = bind().await?;
    let addr = local(&listener)?;
    let acceptor = TlsAcceptor::from(tls);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 2048];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let start = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{";
                if tls.write_all(start).await.is_err() || tls.flush().await.is_err() {
                    return;
                }
                // Read until the client closes; never write the rest.
                while let Ok(n) = tls.read(&mut buf).await {
                    if n == 0 {
                        return;
                    }
                }
            });
        }
    });
    Ok(addr)
}
