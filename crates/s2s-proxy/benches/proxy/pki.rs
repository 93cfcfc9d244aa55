//! The benchmark's own certificate authority and the upstream's certificate,
//! made with rcgen at start. The certificate names the upstream both ways:
//! a DNS name (what nginx and the direct client verify: nginx checks DNS
//! names only) and 127.0.0.1 (what s2s verifies, fetching the address
//! through an `127.0.0.1:PORT` allowlist entry).

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::RootCertStore;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The upstream's DNS name (never resolved: every client is told the address).
pub const UPSTREAM_NAME: &str = "metadata.bench.internal";

pub struct Pki {
    /// The CA certificate, for `s2s --ca-file` and nginx's
    /// `proxy_ssl_trusted_certificate`.
    pub ca_pem: String,
    /// The same CA for the benchmark's own TLS client.
    pub roots: Arc<RootCertStore>,
    /// The upstream's TLS server configuration.
    pub server: Arc<rustls::ServerConfig>,
}

fn err(what: &str) -> impl Fn(rcgen::Error) -> String + '_ {
    move |e| format!("cannot make the {what}: {e}")
}

pub fn make() -> Result<Pki, String> {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(err("CA"))?;
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "S2S Bench Root CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate().map_err(err("CA key"))?;
    let ca_cert = ca_params.self_signed(&ca_key).map_err(err("CA"))?;
    let issuer = Issuer::new(ca_params, ca_key);

    let mut params = CertificateParams::new(vec![UPSTREAM_NAME.to_string(), "127.0.0.1".into()])
        .map_err(err("server certificate"))?;
    params
        .distinguished_name
        .push(DnType::CommonName, UPSTREAM_NAME);
    let key = KeyPair::generate().map_err(err("server key"))?;
    let cert = params
        .signed_by(&key, &issuer)
        .map_err(err("server certificate"))?;

    let mut roots = RootCertStore::empty();
    roots
        .add(ca_cert.der().clone())
        .map_err(|e| format!("cannot trust the bench CA: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS versions: {e}"))?
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .map_err(|e| format!("upstream TLS configuration: {e}"))?;
    Ok(Pki {
        ca_pem: ca_cert.pem(),
        roots: Arc::new(roots),
        server: Arc::new(server),
    })
}

/// The benchmark client's TLS configuration: the bench CA only, the same
/// provider (ring) as s2s.
pub fn client_config(roots: Arc<RootCertStore>) -> Result<Arc<rustls::ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS versions: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
