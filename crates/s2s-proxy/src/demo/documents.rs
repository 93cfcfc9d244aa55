//! The demo servers' metadata documents, built around certificates made at
//! start (dated relative to the real clock, so "expired" means expired now).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, PKCS_RSA_SHA256};
use s2s_core::principal::{EXCHANGE, SKYPE};
use s2s_core::thumbprint::Sha1Fingerprint;

use super::{DemoError, EXCHANGE_HOST, POOL_HOST, SIP_DOMAIN};

const DAY: i64 = 86_400;

/// The signing keys: RSA 2048, as the products make them (keys/README.md).
const SKYPE_KEY: &str = include_str!("keys/skype-oauth.pem");
const EXCHANGE_KEY: &str = include_str!("keys/exchange-auth.pem");
const EXCHANGE_RENEWED_KEY: &str = include_str!("keys/exchange-auth-renewed.pem");

/// A realm the demo's Skype uses in the realm-mismatch scenario.
pub const WRONG_REALM: &str = "litware-lab.local";

#[derive(Debug)]
pub struct DemoDocuments {
    skype_cert: Vec<u8>,
    skype_expiring: Vec<u8>,
    exchange_cert: Vec<u8>,
    exchange_expired: Vec<u8>,
    exchange_renewed: Vec<u8>,
}

/// A self-signed RSA certificate, SHA-256 signed, as Skype's
/// OAuthTokenIssuer and Exchange's Auth certificates are.
fn self_signed(
    key: &str,
    subject: &[(DnType, &str)],
    sans: &[&str],
    from: i64,
    until: i64,
) -> Result<Vec<u8>, DemoError> {
    let err = |e: rcgen::Error| DemoError::Certificates(e.to_string());
    let mut p = CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .map_err(err)?;
    p.distinguished_name = DistinguishedName::new();
    for (t, v) in subject {
        p.distinguished_name.push(t.clone(), *v);
    }
    let time = |t: i64| {
        time::OffsetDateTime::from_unix_timestamp(t)
            .map_err(|_| DemoError::Certificates("date out of range".into()))
    };
    p.not_before = time(from)?;
    p.not_after = time(until)?;
    let key = KeyPair::from_pem_and_sign_algo(key, &PKCS_RSA_SHA256).map_err(err)?;
    Ok(p.self_signed(&key).map_err(err)?.der().to_vec())
}

impl DemoDocuments {
    pub fn new(now: i64) -> Result<Self, DemoError> {
        let auth = [(
            DnType::CommonName,
            "Microsoft Exchange Server Auth Certificate",
        )];
        Ok(DemoDocuments {
            skype_cert: self_signed(
                SKYPE_KEY,
                &[
                    (DnType::CountryName, "US"),
                    (DnType::OrganizationName, "Litware Inc"),
                    (DnType::CommonName, SIP_DOMAIN),
                ],
                &[SIP_DOMAIN, POOL_HOST],
                now - 200 * DAY,
                now + 530 * DAY,
            )?,
            skype_expiring: self_signed(
                SKYPE_KEY,
                &[
                    (DnType::CountryName, "US"),
                    (DnType::OrganizationName, "Litware Inc"),
                    (DnType::CommonName, SIP_DOMAIN),
                ],
                &[SIP_DOMAIN, POOL_HOST],
                now - 720 * DAY,
                now + 10 * DAY + DAY / 2,
            )?,
            exchange_cert: self_signed(
                EXCHANGE_KEY,
                &auth,
                &[],
                now - 400 * DAY,
                now + 1426 * DAY,
            )?,
            exchange_expired: self_signed(
                EXCHANGE_KEY,
                &auth,
                &[],
                now - 1836 * DAY,
                now - 10 * DAY,
            )?,
            exchange_renewed: self_signed(
                EXCHANGE_RENEWED_KEY,
                &auth,
                &[],
                now - DAY,
                now + 1825 * DAY,
            )?,
        })
    }

    pub fn skype(&self, realm: &str, expiring: bool) -> String {
        let cert = if expiring {
            &self.skype_expiring
        } else {
            &self.skype_cert
        };
        let location = format!("https://{POOL_HOST}/metadata/json/1");
        document(SKYPE.id, "Lync", realm, cert, None, &location)
    }

    /// Exchange's document padded past the proxy's 512 KiB limit (as a
    /// misconfigured server or a proxy error page might answer).
    pub fn exchange_oversized(&self) -> String {
        let padding = " ".repeat(600 * 1024);
        format!("{padding}{}", self.exchange())
    }

    pub fn exchange(&self) -> String {
        self.exchange_with(&self.exchange_cert, None)
    }

    pub fn exchange_expired(&self) -> String {
        self.exchange_with(&self.exchange_expired, None)
    }

    /// The renewed certificate published under the previous one's x5t.
    pub fn exchange_x5t_mismatch(&self) -> String {
        let stale = Sha1Fingerprint::of(&self.exchange_cert).x5t();
        self.exchange_with(&self.exchange_renewed, Some(stale))
    }

    fn exchange_with(&self, der: &[u8], x5t: Option<String>) -> String {
        document(
            EXCHANGE.id,
            "Exchange",
            "*",
            der,
            x5t,
            &format!("https://{EXCHANGE_HOST}/autodiscover/metadata/json/1"),
        )
    }
}

/// A document in the shape the products publish (DOMAIN.md §3).
fn document(
    service: &str,
    name: &str,
    realm: &str,
    der: &[u8],
    x5t: Option<String>,
    location: &str,
) -> String {
    let x5t = x5t.unwrap_or_else(|| Sha1Fingerprint::of(der).x5t());
    serde_json::json!({
        "id": format!("_{}", &Sha1Fingerprint::of(service.as_bytes()).thumbprint()[..32].to_ascii_lowercase()),
        "version": "1.0",
        "name": name,
        "realm": realm,
        "serviceName": service,
        "issuer": format!("{service}@{realm}"),
        "allowedAudiences": [format!("{service}@{realm}")],
        "keys": [{
            "usage": "signing",
            "keyinfo": { "x5t": x5t },
            "keyvalue": { "type": "x509Certificate", "value": STANDARD.encode(der) }
        }],
        "endpoints": [{ "location": location, "protocol": "OAuth2", "usage": "metadata" }]
    })
    .to_string()
}

/// What a reverse proxy's sign-in page looks like to the fetcher.
pub const LOGIN_PAGE: &str = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method=\"post\" action=\"/owa/auth.owa\"><label>User name <input name=\"username\"></label><label>Password <input type=\"password\" name=\"password\"></label><button>Sign in</button></form></body></html>";
