//! The demo environment: a Skype pool and an Exchange autodiscover service for
//! litwareinc.com, run inside the process on loopback with real TLS from a CA
//! made at start, answering as real servers would in each scenario. A
//! newcomer sees the whole flow without an Exchange server; the end-to-end
//! tests use the same demo.

mod documents;
mod ews;
mod upstream;

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::fetch::{FetchConfig, Resolver};
pub use documents::DemoDocuments;

pub const POOL_HOST: &str = "atl-cs-001.litwareinc.com";
pub const EXCHANGE_HOST: &str = "autodiscover.litwareinc.com";
pub const SIP_DOMAIN: &str = "litwareinc.com";

/// What the demo servers simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    Healthy,
    /// Exchange publishes an Auth certificate that expired ten days ago.
    ExpiredExchangeCertificate,
    /// Skype's OAuthTokenIssuer certificate expires in ten days.
    SkypeCertificateExpiring,
    /// Skype's realm was changed away from the SIP domain.
    RealmMismatch,
    /// Exchange's certificate changed but the published x5t is the old one's.
    X5tMismatch,
    /// Nothing answers for the Skype pool.
    PoolUnreachable,
    /// A login page answers instead of Exchange's document.
    HtmlLoginPage,
    /// Exchange answers after the proxy's time limit.
    SlowUpstream,
    /// Exchange's answer is larger than the proxy accepts.
    OversizedDocument,
    /// Both documents are fine, but Exchange has no partner application for
    /// Skype: its EWS challenge does not list Skype's issuer.
    ExchangeNotConfigured,
    /// Exchange's EWS has OAuth authentication switched off: it offers only
    /// Negotiate and NTLM, even to an empty Bearer token.
    EwsOauthDisabled,
}

impl Scenario {
    pub const ALL: [Scenario; 11] = [
        Scenario::Healthy,
        Scenario::ExpiredExchangeCertificate,
        Scenario::SkypeCertificateExpiring,
        Scenario::RealmMismatch,
        Scenario::X5tMismatch,
        Scenario::PoolUnreachable,
        Scenario::HtmlLoginPage,
        Scenario::SlowUpstream,
        Scenario::OversizedDocument,
        Scenario::ExchangeNotConfigured,
        Scenario::EwsOauthDisabled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Scenario::Healthy => "Healthy: both trusts configured",
            Scenario::ExpiredExchangeCertificate => "Expired Exchange Auth certificate",
            Scenario::SkypeCertificateExpiring => {
                "Skype OAuthTokenIssuer certificate expires in 10 days"
            }
            Scenario::RealmMismatch => "Skype realm is not the SIP domain",
            Scenario::X5tMismatch => "x5t does not match after a certificate change",
            Scenario::PoolUnreachable => "Skype pool unreachable",
            Scenario::HtmlLoginPage => "HTML login page instead of Exchange's document",
            Scenario::SlowUpstream => "Exchange answers after the time limit",
            Scenario::OversizedDocument => "Exchange's answer is too large",
            Scenario::ExchangeNotConfigured => "Exchange side not configured",
            Scenario::EwsOauthDisabled => "OAuth not enabled on Exchange's EWS",
        }
    }
}

#[derive(Debug, Error)]
pub enum DemoError {
    #[error("cannot make the demo certificates: {0}")]
    Certificates(String),
    #[error("cannot start the demo servers: {0}")]
    Listen(std::io::Error),
}

/// A running demo: its servers, its CA, and the scenario they play.
#[derive(Debug, Clone)]
pub struct Demo {
    scenario: Arc<RwLock<Scenario>>,
    pub ca_der: Vec<u8>,
    pub pool: SocketAddr,
    pub exchange: SocketAddr,
    /// A loopback port with nothing listening (the unreachable scenario).
    pub closed: SocketAddr,
    resolver: Resolver,
}

const DAY: i64 = 86_400;

/// `not_before`, `not_after`: dated from the real clock, as a real CA
/// issues them (not rcgen's default 1975–4096).
fn validity(
    params: &mut CertificateParams,
    now: i64,
    from_days: i64,
    until_days: i64,
) -> Result<(), DemoError> {
    let time = |t: i64| {
        time::OffsetDateTime::from_unix_timestamp(t)
            .map_err(|_| DemoError::Certificates("date out of range".into()))
    };
    params.not_before = time(now - from_days * DAY)?;
    params.not_after = time(now + until_days * DAY)?;
    Ok(())
}

/// A web server certificate from the demo CA: about a year left of its two.
fn tls_identity(
    issuer: &Issuer<'_, KeyPair>,
    host: &str,
    now: i64,
) -> Result<(CertificateDer<'static>, PrivateKeyDer<'static>), DemoError> {
    let err = |e: rcgen::Error| DemoError::Certificates(e.to_string());
    let mut params = CertificateParams::new(vec![host.to_string()]).map_err(err)?;
    params.distinguished_name.push(DnType::CommonName, host);
    validity(&mut params, now, 300, 430)?;
    let key = KeyPair::generate().map_err(err)?;
    let cert = params.signed_by(&key, issuer).map_err(err)?;
    Ok((
        cert.der().clone(),
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    ))
}

impl Demo {
    /// Makes the CA and certificates, starts both servers on loopback, and
    /// points the fetcher at them (names in its resolver, the CA in its roots).
    pub async fn start(now_unix: i64, fetch: &mut FetchConfig) -> Result<Demo, DemoError> {
        let err = |e: rcgen::Error| DemoError::Certificates(e.to_string());
        let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
        ca.distinguished_name
            .push(DnType::CommonName, "Litware Demo Root CA (S2S Console)");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        validity(&mut ca, now_unix, 400, 3250)?;
        let ca_key = KeyPair::generate().map_err(err)?;
        let ca_der = ca.self_signed(&ca_key).map_err(err)?.der().to_vec();
        let issuer = Issuer::new(ca, ca_key);
        let documents = Arc::new(DemoDocuments::new(now_unix)?);
        let scenario = Arc::new(RwLock::new(Scenario::Healthy));
        let pool = upstream::serve(
            tls_identity(&issuer, POOL_HOST, now_unix)?,
            upstream::Role::Skype,
            documents.clone(),
            scenario.clone(),
        )
        .await
        .map_err(DemoError::Listen)?;
        let exchange = upstream::serve(
            tls_identity(&issuer, EXCHANGE_HOST, now_unix)?,
            upstream::Role::Exchange,
            documents,
            scenario.clone(),
        )
        .await
        .map_err(DemoError::Listen)?;
        let closed = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(DemoError::Listen)?;
            l.local_addr().map_err(DemoError::Listen)?
        };
        let mut roots = (*fetch.roots).clone();
        roots
            .add(CertificateDer::from(ca_der.clone()))
            .map_err(|e| DemoError::Certificates(e.to_string()))?;
        fetch.roots = Arc::new(roots);
        fetch.resolve.insert(POOL_HOST.to_string(), pool);
        fetch.resolve.insert(EXCHANGE_HOST.to_string(), exchange);
        fetch.allow_http = false;
        Ok(Demo {
            scenario,
            ca_der,
            pool,
            exchange,
            closed,
            resolver: fetch.resolve.clone(),
        })
    }

    pub fn scenario(&self) -> Scenario {
        self.scenario
            .read()
            .map(|s| *s)
            .unwrap_or(Scenario::Healthy)
    }

    pub fn set_scenario(&self, scenario: Scenario) {
        if let Ok(mut s) = self.scenario.write() {
            *s = scenario;
        }
        // Unreachable means nothing listens: the name leads to a closed port.
        let pool = if scenario == Scenario::PoolUnreachable {
            self.closed
        } else {
            self.pool
        };
        self.resolver.insert(POOL_HOST.to_string(), pool);
    }
}
