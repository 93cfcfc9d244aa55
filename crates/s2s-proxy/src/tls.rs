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
