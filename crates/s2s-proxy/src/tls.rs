//! TLS for the fetcher: which roots to trust, a verifier that keeps the chain
//! the server presented (so it can be shown even when it is rejected), and
//! messages that say which certificate failed and why.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use thiserror::Error as ThisError;

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

/// The chain a server presented, leaf first.
pub type Presented = Arc<Mutex<Vec<Vec<u8>>>>;

/// What every fetch's TLS client starts from, made once per set of roots
/// rather than per fetch: webpki's verifier over the roots, and a client
/// configuration without session resumption. Resumption stays off on
/// purpose: a resumed session presents no certificate, and every fetch must
/// verify the chain and report it. (A fresh configuration per fetch also
/// carried a 256-entry session cache that no fetch ever used: about 13 KB
/// per fetch in flight.)
#[derive(Debug)]
struct ClientBase {
    roots: Arc<RootCertStore>,
    webpki: Arc<WebPkiServerVerifier>,
    config: Arc<rustls::ClientConfig>,
}

impl ClientBase {
    fn new(roots: Arc<RootCertStore>) -> Result<Self, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let webpki = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
            .build()
            .map_err(|e| format!("no usable trusted roots: {e}"))?;
        // The verifier is replaced per fetch (it records that fetch's chain).
        let recording = Arc::new(RecordingVerifier::new(
            webpki.clone(),
            Arc::new(Mutex::new(Vec::new())),
            false,
        ));
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(recording)
            .with_no_client_auth();
        config.resumption = rustls::client::Resumption::disabled();
        Ok(ClientBase {
            roots,
            webpki,
            config: Arc::new(config),
        })
    }
}

/// The [`ClientBase`] for the roots in use, rebuilt when the roots change
/// (the demo adds its CA to them after the fetch configuration is made).
#[derive(Debug, Default)]
pub struct ClientCache(Mutex<Option<Arc<ClientBase>>>);

impl ClientCache {
    fn base(&self, roots: &Arc<RootCertStore>) -> Result<Arc<ClientBase>, String> {
        let Ok(mut slot) = self.0.lock() else {
            return ClientBase::new(roots.clone()).map(Arc::new);
        };
        if let Some(base) = slot.as_ref().filter(|b| Arc::ptr_eq(&b.roots, roots)) {
            return Ok(base.clone());
        }
        let base = Arc::new(ClientBase::new(roots.clone())?);
        *slot = Some(base.clone());
        Ok(base)
    }

    /// A TLS connector for one fetch: the shared settings, with a verifier
    /// that records what this server presents (and, for a host configured
    /// as insecure, accepts it).
    pub fn connector(
        &self,
        roots: &Arc<RootCertStore>,
        presented: Presented,
        insecure: bool,
    ) -> Result<tokio_rustls::TlsConnector, String> {
        let base = self.base(roots)?;
        let verifier = Arc::new(RecordingVerifier::new(
            base.webpki.clone(),
            presented,
            insecure,
        ));
        let mut config = (*base.config).clone();
        config.dangerous().set_certificate_verifier(verifier);
        Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
    }
}

/// Delegates to webpki (or accepts anything, for a host configured as
/// insecure), recording what the server presented either way.
#[derive(Debug)]
pub struct RecordingVerifier {
    inner: Arc<WebPkiServerVerifier>,
    presented: Presented,
    insecure: bool,
}

impl RecordingVerifier {
    pub fn new(inner: Arc<WebPkiServerVerifier>, presented: Presented, insecure: bool) -> Self {
        RecordingVerifier {
            inner,
            presented,
            insecure,
        }
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
        if let Ok(mut chain) = self.presented.lock() {
            *chain = std::iter::once(end_entity)
                .chain(intermediates)
                .map(|c| c.as_ref().to_vec())
                .collect();
        }
        if self.insecure {
            return Ok(ServerCertVerified::assertion());
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
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
                format!("{leaf} was rejected: {other:?}"),
            ),
        },
        Some(other) => (
            "tls_failed",
            format!("the TLS handshake with {host} failed: {other}"),
        ),
        None => (
            "tls_failed",
            format!("the TLS handshake with {host} failed: {error}"),
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
        let a = cache.base(&roots).expect("base");
        let b = cache.base(&roots).expect("base");
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.base(&self::roots()).expect("base");
        assert!(!Arc::ptr_eq(&a, &c), "new roots, new verifier");
        assert!(
            cache
                .base(&Arc::new(RootCertStore::empty()))
                .is_err_and(|e| e.contains("no usable trusted roots"))
        );
    }
}
