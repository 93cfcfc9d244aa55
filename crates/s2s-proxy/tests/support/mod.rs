//! Real TLS servers on loopback for tests: a CA and server certificates made
//! with rcgen, rustls serving fixed answers per path.

#![allow(dead_code)]

pub mod api;
pub mod serving;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub type Identity = (CertificateDer<'static>, PrivateKeyDer<'static>);

/// A test certificate authority.
pub struct TestCa {
    pub pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl TestCa {
    pub fn new() -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, "Litware Test Root CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("key");
        let cert = params.self_signed(&key).expect("ca");
        TestCa {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A server certificate for `names` (DNS names or IP addresses).
    pub fn server_cert(&self, names: &[&str]) -> Identity {
        self.server_cert_valid(names, (2020, 1, 1), (2099, 1, 1))
    }

    /// A server certificate for `names` and its key, both PEM, as an
    /// operator's files hold them.
    pub fn server_cert_pem(&self, names: &[&str]) -> (String, String) {
        let params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .expect("params");
        let key = KeyPair::generate().expect("key");
        let cert = params.signed_by(&key, &self.issuer).expect("server cert");
        (cert.pem(), key.serialize_pem())
    }

    /// A server certificate that expired in 2021.
    pub fn expired_server_cert(&self, names: &[&str]) -> Identity {
        self.server_cert_valid(names, (2020, 1, 1), (2021, 1, 1))
    }

    fn server_cert_valid(
        &self,
        names: &[&str],
        from: (i32, u8, u8),
        until: (i32, u8, u8),
    ) -> Identity {
        let mut params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .expect("params");
        params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
        params.not_after = rcgen::date_time_ymd(until.0, until.1, until.2);
        let key = KeyPair::generate().expect("key");
        let cert = params.signed_by(&key, &self.issuer).expect("server cert");
        (
            cert.der().clone(),
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
    }

    /// A root store trusting only this CA.
    pub fn roots(&self) -> rustls::RootCertStore {
        let mut roots = rustls::RootCertStore::empty();
        for der in s2s_core::cert::certificates_der(self.pem.as_bytes()).expect("CA PEM") {
            roots
                .add(CertificateDer::from(der))
                .expect("CA certificate");
        }
        roots
    }

    pub fn write_pem(&self, dir: &std::path::Path) -> String {
        let path = dir.join("ca.pem");
        std::fs::write(&path, &self.pem).expect("write CA");
        path.display().to_string()
    }
}

/// The pool's host and metadata path, as the fetch tests ask for them.
pub const POOL_HOST: &str = "atl-cs-001.litwareinc.com";
pub const METADATA_PATH: &str = "/metadata/json/1";

/// A fetcher configured for one TLS upstream on loopback that serves
/// `answer` at [`METADATA_PATH`] with `cert`, reached as [`POOL_HOST`]
/// (trusting `ca`, two seconds in all).
pub async fn pool_upstream(
    ca: &TestCa,
    cert: Identity,
    answer: Answer,
) -> s2s_proxy::fetch::FetchConfig {
    let addr = tls_server(cert, HashMap::from([(METADATA_PATH.to_string(), answer)])).await;
    let mut config = s2s_proxy::fetch::FetchConfig::new(ca.roots());
    config.resolve.insert(POOL_HOST.into(), addr);
    config.total_timeout = Duration::from_secs(2);
    config
}

/// A loopback address where nothing listens (connections are refused).
pub fn closed_port() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr")
}

/// A fixed answer: status, headers, body.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Keep sending the body forever (until the client goes away).
    pub endless: bool,
    /// Wait this long after the headers before the body.
    pub body_delay: Option<Duration>,
}

impl Answer {
    pub fn json(body: &[u8]) -> Self {
        Answer {
            status: 200,
            headers: vec![
                (
                    "Content-Type".into(),
                    "application/json; charset=utf-8".into(),
                ),
                ("Date".into(), "Thu, 26 Nov 2026 12:00:00 GMT".into()),
            ],
            body: body.to_vec(),
            endless: false,
            body_delay: None,
        }
    }

    fn not_found() -> Self {
        Answer {
            status: 404,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: b"<html><body>Not Found</body></html>".to_vec(),
            endless: false,
            body_delay: None,
        }
    }
}

/// A TLS server configuration for `cert` (rustls's defaults: TLS 1.2 and
/// 1.3, sessions resumable from its own in-memory store).
pub fn server_config(cert: Identity) -> Arc<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(vec![cert.0], cert.1)
        .expect("server config");
    Arc::new(config)
}

/// A TLS acceptor for `config` and a listener on a free loopback port.
async fn tls_listener(
    config: Arc<rustls::ServerConfig>,
) -> (
    tokio_rustls::TlsAcceptor,
    tokio::net::TcpListener,
    SocketAddr,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    (tokio_rustls::TlsAcceptor::from(config), listener, addr)
}

/// An HTTPS server on 127.0.0.1 answering by path (404 otherwise). Runs
/// until the test's runtime ends.
pub async fn tls_server(cert: Identity, routes: HashMap<String, Answer>) -> SocketAddr {
    tls_server_with(server_config(cert), routes).await
}

/// [`tls_server`] with a given configuration: servers made from one
/// configuration share its session store, as the front ends of a pool
/// sharing session ticket keys would.
pub async fn tls_server_with(
    config: Arc<rustls::ServerConfig>,
    routes: HashMap<String, Answer>,
) -> SocketAddr {
    let (acceptor, listener, addr) = tls_listener(config).await;
    let routes = Arc::new(routes);
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let routes = routes.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&head);
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                let answer = routes.get(&path).cloned().unwrap_or_else(Answer::not_found);
                let length = if answer.endless {
                    u64::MAX / 2
                } else {
                    answer.body.len() as u64
                };
                let mut out = format!(
                    "HTTP/1.1 {} X\r\nContent-Length: {length}\r\nConnection: close\r\n",
                    answer.status
                );
                for (k, v) in &answer.headers {
                    out.push_str(&format!("{k}: {v}\r\n"));
                }
                out.push_str("\r\n");
                let _ = tls.write_all(out.as_bytes()).await;
                if let Some(delay) = answer.body_delay {
                    let _ = tls.flush().await;
                    tokio::time::sleep(delay).await;
                }
                if answer.endless {
                    let chunk = vec![b' '; 64 * 1024];
                    while tls.write_all(&chunk).await.is_ok() {}
                    return;
                }
                let _ = tls.write_all(&answer.body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    addr
}

/// Everything clients sent to a [`recording_tls_server`], one entry per
/// connection, as raw bytes (head and anything after it).
pub type Recorded = Arc<std::sync::Mutex<Vec<Vec<u8>>>>;

/// An HTTPS server on 127.0.0.1 answering every request with `answer` and
/// recording exactly what each client sent, so a test can check a request
/// byte for byte (headers, and that no body followed).
pub async fn recording_tls_server(cert: Identity, answer: Answer) -> (SocketAddr, Recorded) {
    let (acceptor, listener, addr) = tls_listener(server_config(cert)).await;
    let recorded: Recorded = Arc::default();
    let log = recorded.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let answer = answer.clone();
            let log = log.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut seen = Vec::new();
                let mut buf = [0u8; 1024];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") && seen.len() < 16 * 1024 {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                // Whatever else arrives shortly after the head would be a body.
                if let Ok(Ok(n)) =
                    tokio::time::timeout(Duration::from_millis(200), tls.read(&mut buf)).await
                {
                    seen.extend_from_slice(&buf[..n]);
                }
                if let Ok(mut l) = log.lock() {
                    l.push(seen);
                }
                let mut out = format!(
                    "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    answer.status,
                    answer.body.len()
                );
                for (k, v) in &answer.headers {
                    out.push_str(&format!("{k}: {v}\r\n"));
                }
                out.push_str("\r\n");
                let _ = tls.write_all(out.as_bytes()).await;
                let _ = tls.write_all(&answer.body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (addr, recorded)
}

/// An HTTPS server on 127.0.0.1 that keeps connections open (HTTP/1.1
/// keep-alive) and answers every request with a JSON `body`, at most
/// `answers_per_connection` per connection: the next request on it is read
/// and the connection closed without an answer, as a server that dropped an
/// idle connection does. Counts the connections it accepted.
pub async fn keepalive_tls_server(
    cert: Identity,
    body: &'static [u8],
    answers_per_connection: usize,
) -> (SocketAddr, Arc<std::sync::atomic::AtomicUsize>) {
    let (addr, accepted, _) =
        keepalive_tls_server_counting(cert, body, answers_per_connection).await;
    (addr, accepted)
}

/// [`keepalive_tls_server`], also counting the connections the client
/// closed (or that failed).
pub async fn keepalive_tls_server_counting(
    cert: Identity,
    body: &'static [u8],
    answers_per_connection: usize,
) -> (
    SocketAddr,
    Arc<std::sync::atomic::AtomicUsize>,
    Arc<std::sync::atomic::AtomicUsize>,
) {
    let (acceptor, listener, addr) = tls_listener(server_config(cert)).await;
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let closed = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = accepted.clone();
    let closed_count = closed.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let acceptor = acceptor.clone();
            let closed_count = closed_count.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                for answered in 0.. {
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match tls.read(&mut chunk).await {
                            Ok(0) | Err(_) => {
                                closed_count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                                return;
                            }
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let end = buf
                        .windows(4)
                        .position(|w| w == b"\r\n\r\n")
                        .map_or(buf.len(), |p| p + 4);
                    buf.drain(..end);
                    if answered >= answers_per_connection {
                        let _ = tls.shutdown().await;
                        return;
                    }
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                        body.len()
                    );
                    if tls.write_all(head.as_bytes()).await.is_err()
                        || tls.write_all(body).await.is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (addr, accepted, closed)
}
