//! `s2s serve --tls-cert FILE --tls-key FILE`: the console over HTTPS. The
//! certificate chain and its key are PEM files, read once at start; every
//! problem with them is an error that names the file, before anything listens.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use thiserror::Error;

/// `Strict-Transport-Security` on every answer over HTTPS (never over plain
/// HTTP, where browsers ignore it): a year, and for this name only, since
/// the console's name says nothing about the names under it.
pub const HSTS: &str = "max-age=31536000";

/// The certificate chain (leaf first) and private key files, both PEM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, Error)]
pub enum HttpsError {
    #[error("cannot read the TLS certificate file {path}: {source}")]
    ReadCert {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read the TLS key file {path}: {source}")]
    ReadKey {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the TLS certificate file {path} holds no certificate (expected PEM 'BEGIN CERTIFICATE' blocks, the server's first)"
    )]
    NoCertificate { path: String },
    #[error("the TLS certificate file {path} is not valid PEM: {reason}")]
    CertNotPem { path: String, reason: String },
    #[error(
        "the TLS key file {path} holds no private key (expected a PEM 'BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY' block)"
    )]
    NoKey { path: String },
    #[error("the TLS key file {path} is not valid PEM: {reason}")]
    KeyNotPem { path: String, reason: String },
    #[error(
        "the TLS key {key} does not belong to the certificate {cert} (the key must be the private key of the file's first certificate)"
    )]
    KeyMismatch { cert: String, key: String },
    #[error("cannot serve HTTPS with the certificate {cert} and the key {key}: {reason}")]
    Unusable {
        cert: String,
        key: String,
        reason: String,
    },
}

impl TlsFiles {
    /// The rustls server configuration for these files: HTTP/1.1 only (the
    /// connection loop speaks nothing else), TLS 1.2 and 1.3, ring.
    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, HttpsError> {
        let cert_path = self.cert.display().to_string();
        let key_path = self.key.display().to_string();
        let certs = read_certs(&self.cert)?;
        let key = read_key(&self.key)?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let unusable = |e: rustls::Error| match e {
            rustls::Error::InconsistentKeys(_) => HttpsError::KeyMismatch {
                cert: cert_path.clone(),
                key: key_path.clone(),
            },
            other => HttpsError::Unusable {
                cert: cert_path.clone(),
                key: key_path.clone(),
                reason: other.to_string(),
            },
        };
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(unusable)?
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .map_err(unusable)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, HttpsError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| HttpsError::ReadCert {
        path: shown.clone(),
        source,
    })?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, pem::Error>>()
        .map_err(|e| HttpsError::CertNotPem {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
    if certs.is_empty() {
        return Err(HttpsError::NoCertificate { path: shown });
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, HttpsError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| HttpsError::ReadKey {
        path: shown.clone(),
        source,
    })?;
    PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| match e {
        pem::Error::NoItemsFound => HttpsError::NoKey { path: shown },
        other => HttpsError::KeyNotPem {
            path: shown,
            reason: other.to_string(),
        },
    })
}
