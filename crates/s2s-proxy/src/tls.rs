//! TLS for the fetcher: which roots to trust, a verifier that keeps the chain
//! the server presented (so it can be shown even when it is rejected), and
//! messages that say which certificate failed and why.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use thiserror::Error as ThisError;

use crate::tls_sessions::{FetchSessions, SessionCache};

#[derive(Debug, ThisError)]
pub enum TrustError {
    #[error("cannot read the CA file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the CA file {path} holds no certificate (expected PEM 'BEGIN CERTIFICATE' blocks)")]
    Empty { path: String },
    #[error("the CA file {path}: certificate {index} is not a usable CA certificate: {reason}")]
    BadCertificate {
        path: String,
        index: usize,
        reason: String,
    },
}

/// The system's roots (Debian: /etc/ssl/certs), plus an internal CA file when
/// given. Unreadable system certificates are skipped: one broken file must
/// not take the others with it.
pub fn root_store(ca_file: Option<&Path>) -> Result<RootCertStore, TrustError> {
    let mut roots = RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    for cert in native.certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| TrustError::Read {
            path: shown.clone(),
            source,
        })?;
        let certs = s2s_core::cert::decode_any(&bytes).map_err(|_| TrustError::Empty {
            path: shown.clone(),
        })?;
        for (i, c) in certs.into_iter().enumerate() {
            roots
                .add(CertificateDer::from(c.der))
                .map_err(|e| TrustError::BadCertificate {
                    path: shown.clone(),
                    index: i + 1,
                    reason: e.to_string(),
                })?;
        }
    }
    Ok(roots)
}

/// What one fetch's handshake leaves behind: the chain the server presented
/// (leaf first; empty when a session was resumed), and this fetch's view of
/// the sessions it may resume, which knows when the chain the connection
/// relies on was verified.
#[derive(Debug)]
pub struct HandshakeRecord {
    presented: Mutex<Vec<Vec<u8>>>,
    sessions: Arc<FetchSessions>,
}

impl HandshakeRecord {
    pub fn presented(&self) -> Vec<Vec<u8>> {
        self.presented.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// When the chain this connection relies on was verified (now, for a
    /// full handshake; earlier, for a resumed one).
    pub fn chain_verified_at(&self) -> Option<Instant> {
        self.sessions.chain_verified_at()
    }
}

tokio::task_local! {
    /// The record of the handshake being driven on this task. The verifier
    /// is shared by every fetch (rustls resumes a session only under the
    /// verifier that made it), so it finds the fetch it works for here.
    static HANDSHAKE: Arc<HandshakeRecord>;
}

/// What every fetch's TLS client starts from, made once per set of roots
/// rather than per fetch: one client configuration that verifies against
/// the roots and one that accepts any chain (for hosts configured as
/// insecure), and the TLS sessions fetches may resume (see
/// [`crate::tls_sessions`] for why their age is bounded).
#[derive(Debug)]
struct ClientBase {
    roots: Arc<RootCertStore>,
    verifying: Arc<rustls::ClientConfig>,
    insecure: Arc<rustls::ClientConfig>,
    sessions: Arc<SessionCache>,
}

impl ClientBase {
    fn new(roots: Arc<RootCertStore>, resumption_window: Duration) -> Result<Self, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let webpki = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
            .build()
            .map_err(|e| format!("no usable trusted roots: {e}"))?;
        let config = |insecure: bool| -> Result<Arc<rustls::ClientConfig>, String> {
            let verifier = Arc::new(RecordingVerifier::new(webpki.clone(), insecure));
            let mut config = rustls::ClientConfig::builder_with_provider(provider.clone())
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .dangerous()
                .with_custom_certificate_verifier(verifier)
                .with_no_client_auth();
            // Set per fetch: the store is the fetch's view of the sessions.
            config.resumption = rustls::client::Resumption::disabled();
            Ok(Arc::new(config))
        };
        Ok(ClientBase {
            verifying: config(false)?,
            insecure: config(true)?,
            roots,
            sessions: Arc::new(SessionCache::new(resumption_window)),
        })
    }
}

/// The [`ClientBase`] for the roots in use, rebuilt when the roots or the
/// resumption window change (the demo adds its CA to the roots after the
/// fetch configuration is made).
#[derive(Debug, Default)]
pub struct ClientCache(Mutex<Option<Arc<ClientBase>>>);

impl ClientCache {
    fn base(
        &self,
        roots: &Arc<RootCertStore>,
        resumption_window: Duration,
    ) -> Result<Arc<ClientBase>, String> {
        let Ok(mut slot) = self.0.lock() else {
            return ClientBase::new(roots.clone(), resumption_window).map(Arc::new);
        };
        if let Some(base) = slot
            .as_ref()
            .filter(|b| Arc::ptr_eq(&b.roots, roots) && b.sessions.window() == resumption_window)
        {
            return Ok(base.clone());
        }
        let base = Arc::new(ClientBase::new(roots.clone(), resumption_window)?);
        *slot = Some(base.clone());
        Ok(base)
    }

    /// A TLS client for one fetch to `client.addr`: the shared settings,
    /// with this fetch's view of the sessions it may resume (none when
    /// `client.resume` is false).
    pub fn connector(&self, client: &FetchClient<'_>) -> Result<FetchTls, String> {
        let base = self.base(client.roots, client.resumption_window)?;
        let shared = if client.insecure {
            &base.insecure
        } else {
            &base.verifying
        };
        let sessions = Arc::new(FetchSessions::new(
            base.sessions.clone(),
            client.addr,
            client.insecure,
        ));
        let config = if client.resume && !client.resumption_window.is_zero() {
            let mut config = (**shared).clone();
            config.resumption = rustls::client::Resumption::store(sessions.clone());
            Arc::new(config)
        } else {
            shared.clone()
        };
        Ok(FetchTls {
            connector: tokio_rustls::TlsConnector::from(config),
            record: Arc::new(HandshakeRecord {
                presented: Mutex::new(Vec::new()),
                sessions,
            }),
        })
    }
}

/// What a fetch's TLS client depends on.
#[derive(Debug, Clone, Copy)]
pub struct FetchClient<'a> {
    pub roots: &'a Arc<RootCertStore>,
    /// The address connected to (sessions are kept per name and address).
    pub addr: SocketAddr,
    pub insecure: bool,
    /// How long a verified chain may be relied on by resumed sessions.
    pub resumption_window: Duration,
    /// Whether this fetch may resume a session at all.
    pub resume: bool,
}

/// One fetch's TLS client and what its handshake records.
pub struct FetchTls {
    connector: tokio_rustls::TlsConnector,
    pub record: Arc<HandshakeRecord>,
}

impl FetchTls {
    pub async fn connect(
        &self,
        name: ServerName<'static>,
        tcp: tokio::net::TcpStream,
    ) -> std::io::Result<tokio_rustls::client::TlsStream<tokio::net::TcpStream>> {
        HANDSHAKE
            .scope(self.record.clone(), self.connector.connect(name, tcp))
            .await
    }
}

/// Delegates to webpki (or accepts anything, for a host configured as
/// insecure), recording what the server presented either way in the
/// handshake's record, and there too when the chain passed.
#[derive(Debug)]
pub struct RecordingVerifier {
    inner: Arc<WebPkiServerVerifier>,
    insecure: bool,
}

impl RecordingVerifier {
    pub fn new(inner: Arc<WebPkiServerVerifier>, insecure: bool) -> Self {
        RecordingVerifier { inner, insecure }
    }
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let _ = HANDSHAKE.try_with(|record| {
            if let Ok(mut chain) = record.presented.lock() {
                *chain = std::iter::once(end_entity)
                    .chain(intermediates)
                    .map(|c| c.as_ref().to_vec())
                    .collect();
            }
        });
        if !self.insecure {
            self.inner.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            )?;
        }
        let _ = HANDSHAKE.try_with(|record| record.sessions.chain_verified(Instant::now()));
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A stable code and a sentence about a TLS failure, naming the server's
/// certificate (its subject, from the recorded chain) where that helps.
pub fn explain(
    error: &std::io::Error,
    host: &str,
    leaf_subject: Option<&str>,
) -> (&'static str, String) {
    let leaf = leaf_subject
        .map(|s| format!("the server's certificate ({s})"))
        .unwrap_or_else(|| "the server's certificate".to_string());
    let rustls_error = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Error>());
    match rustls_error {
        Some(Error::InvalidCertificate(cert_error)) => match cert_error {
            CertificateError::UnknownIssuer => (
                "tls_untrusted",
                format!(
                    "{leaf} is not issued by a trusted CA: trust the issuing CA (s2s --ca-file, and on the other server) or use a certificate from a trusted CA"
                ),
            ),
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                (
                    "tls_name_mismatch",
                    format!(
                        "{leaf} is not valid for the name {host}: the URL must use a name in the certificate's subject alternative names"
                    ),
                )
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => (
                "tls_expired",
                format!("{leaf} (or one above it in the chain) has expired"),
            ),
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => (
                "tls_not_yet_valid",
                format!(
                    "{leaf} is not valid yet: check this machine's clock and the certificate's dates"
                ),
            ),
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => (
                "tls_bad_purpose",
                format!("{leaf} is not for server authentication (extended key usage)"),
            ),
            other => (
                "tls_invalid_certificate",
                format!("{leaf} was rejected: \"{other:?}\""),
            ),
        },
        Some(other) => (
            "tls_failed",
            format!("the TLS handshake with {host} failed: \"{other}\""),
        ),
        None => (
            "tls_failed",
            format!("the TLS handshake with {host} failed: \"{error}\""),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots() -> Arc<RootCertStore> {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let key = rcgen::KeyPair::generate().expect("key");
        let ca = params.self_signed(&key).expect("ca");
        let mut roots = RootCertStore::empty();
        roots.add(ca.der().clone()).expect("root");
        Arc::new(roots)
    }

    #[test]
    fn the_client_base_is_shared_until_the_roots_change() {
        let cache = ClientCache::default();
        let roots = roots();
        let window = Duration::from_secs(30);
        let a = cache.base(&roots, window).expect("base");
        let b = cache.base(&roots, window).expect("base");
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.base(&self::roots(), window).expect("base");
        assert!(!Arc::ptr_eq(&a, &c), "new roots, new verifier");
        let d = cache.base(&c.roots, Duration::ZERO).expect("base");
        assert!(!Arc::ptr_eq(&c, &d), "new window, new session cache");
        assert!(
            cache
                .base(&Arc::new(RootCertStore::empty()), window)
                .is_err_and(|e| e.contains("no usable trusted roots"))
        );
    }
}
