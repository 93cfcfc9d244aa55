//! `s2s check`: fetch both documents and diagnose, as the console does.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use s2s_core::api::FetchReport;
use s2s_core::findings::{self, Finding, Severity};
use s2s_core::thumbprint::Sha1Fingerprint;
use s2s_core::time::UnixTime;
use s2s_core::topology::{Observations, PastedThumbprint, Side, Topology};
use s2s_core::trust_status::TrustStatus;
use serde::Serialize;
use thiserror::Error;

use s2s_core::exchange_trust::{self, ProbeFacts};
use s2s_core::testout::Context;

use crate::fetch::{FetchConfig, Handshake, Request, fetch, fetch_as};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CheckInputError {
    #[error("--{flag}: '{value}' is empty")]
    Empty { flag: &'static str, value: String },
    #[error("--thumbprint '{value}': {reason}")]
    Thumbprint { value: String, reason: String },
    #[error(
        "--resolve '{value}': expected HOST=ADDRESS[:PORT], e.g. atl-cs-001.litwareinc.com=10.0.0.5"
    )]
    Resolve { value: String },
}

/// The metadata URL for a pool: a full URL is taken as given; a host (with
/// an optional port) becomes `https://<host>/metadata/json/1`.
pub fn skype_url(pool: &str) -> Result<String, CheckInputError> {
    url_for("pool", pool, "/metadata/json/1")
}

/// Exchange's: `https://<host>/autodiscover/metadata/json/1`.
pub fn exchange_url(host: &str) -> Result<String, CheckInputError> {
    url_for("exchange", host, "/autodiscover/metadata/json/1")
}

fn url_for(flag: &'static str, value: &str, path: &str) -> Result<String, CheckInputError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CheckInputError::Empty {
            flag,
            value: value.to_string(),
        });
    }
    if v.contains("://") {
        return Ok(v.to_string());
    }
    Ok(format!("https://{}{path}", v.trim_end_matches('/')))
}

pub fn thumbprints(values: &[String]) -> Result<Vec<PastedThumbprint>, CheckInputError> {
    values
        .iter()
        .map(|v| {
            Sha1Fingerprint::from_thumbprint(v)
                .map(|value| PastedThumbprint {
                    side: Side::Both,
                    source: "--thumbprint".to_string(),
                    value,
                })
                .map_err(|e| CheckInputError::Thumbprint {
                    value: v.clone(),
                    reason: e.to_string(),
                })
        })
        .collect()
}

/// `HOST=IP` or `HOST=IP:PORT` (`HOST=[v6]:PORT`).
pub fn resolve_overrides(
    values: &[String],
) -> Result<HashMap<String, SocketAddr>, CheckInputError> {
    values
        .iter()
        .map(|v| {
            let bad = || CheckInputError::Resolve { value: v.clone() };
            let (host, addr) = v.split_once('=').ok_or_else(bad)?;
            let addr = addr.trim();
            let to = match addr.parse::<SocketAddr>() {
                Ok(sa) => sa,
                Err(_) => SocketAddr::new(addr.parse::<IpAddr>().map_err(|_| bad())?, 0),
            };
            let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
            if host.is_empty() {
                return Err(bad());
            }
            Ok((host, to))
        })
        .collect()
}

/// The host (and port) of `--exchange` the trust probe asks: the host given,
/// or the host of the full URL given.
pub fn probe_host(exchange: &str) -> Result<String, CheckInputError> {
    let v = exchange.trim();
    let empty = || CheckInputError::Empty {
        flag: "exchange",
        value: exchange.to_string(),
    };
    if v.is_empty() {
        return Err(empty());
    }
    if !v.contains("://") {
        return Ok(v.trim_end_matches('/').to_string());
    }
    let url = url::Url::parse(v).map_err(|_| empty())?;
    let host = url.host_str().ok_or_else(empty)?;
    Ok(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    })
}

/// What `s2s check --json` prints.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub verdict: Severity,
    pub skype: FetchSummary,
    pub exchange: FetchSummary,
    /// The live trust probe of Exchange's EWS; `null` with `--no-probe`.
    pub probe: Option<ProbeSummary>,
    pub findings: Vec<Finding>,
}

/// The probe: its parsed facts, and the steps that got them.
#[derive(Debug, Serialize)]
pub struct ProbeSummary {
    #[serde(flatten)]
    pub facts: ProbeFacts,
    pub steps: Vec<s2s_core::api::FetchStep>,
    pub insecure: bool,
}

/// A fetch without its body (the findings say what the body held).
#[derive(Debug, Serialize)]
pub struct FetchSummary {
    pub url: String,
    pub status: Option<u16>,
    pub error: Option<s2s_core::api::ApiErrorDetail>,
    pub steps: Vec<s2s_core::api::FetchStep>,
    pub insecure: bool,
}

impl From<&FetchReport> for FetchSummary {
    fn from(r: &FetchReport) -> Self {
        FetchSummary {
            url: r.url.clone(),
            status: r.status,
            error: r.error.clone(),
            steps: r.steps.clone(),
            insecure: r.insecure,
        }
    }
}

/// A check with what a monitor watches besides the report: the status in
/// numbers and how long each document's fetch took.
#[derive(Debug)]
pub struct Checked {
    pub report: CheckReport,
    pub status: TrustStatus,
    /// Seconds each side's document fetch took, as its steps measured.
    pub fetch_seconds: [(Side, f64); 2],
}

/// Fetches both documents and, unless `probe_host` is `None`, probes
/// Exchange's EWS, all at once; diagnoses them together.
pub async fn run(
    topology: Topology,
    config: &FetchConfig,
    now: UnixTime,
    probe_host: Option<&str>,
) -> CheckReport {
    run_watched(topology, config, now, probe_host).await.report
}

/// [`run`], with the numbers `/metrics` and `--format prometheus` report.
pub async fn run_watched(
    topology: Topology,
    config: &FetchConfig,
    now: UnixTime,
    probe_host: Option<&str>,
) -> Checked {
    let skype_url = topology.skype_metadata_url.clone().unwrap_or_default();
    let exchange_url = topology.exchange_metadata_url.clone().unwrap_or_default();
    let probe = async {
        match probe_host {
            Some(host) => Some(
                fetch_as(
                    &probe_url(host),
                    config,
                    Request::TrustProbe,
                    Handshake::Full,
                )
                .await,
            ),
            None => None,
        }
    };
    let (skype, exchange, probe) = tokio::join!(
        fetch(&skype_url, config),
        fetch(&exchange_url, config),
        probe
    );
    let observations = Observations {
        skype: Some(skype.outcome()),
        exchange: Some(exchange.outcome()),
    };
    let analyses = findings::analyze_both(&topology, &observations);
    let mut found = findings::diagnose_analyses(&topology, &analyses, now);
    let probe = probe.map(|report| {
        let facts = exchange_trust::read(&report);
        let context = Context {
            analyses: Some(&analyses),
            sip_domain: topology.sip_domain.as_deref(),
            skype_metadata_url: None,
        };
        found.extend(exchange_trust::diagnose(&facts, &context));
        ProbeSummary {
            facts,
            steps: report.steps,
            insecure: report.insecure,
        }
    });
    findings::sort(&mut found);
    let leaves: Vec<(Side, Vec<u8>)> = [(Side::Skype, &skype), (Side::Exchange, &exchange)]
        .into_iter()
        .filter_map(|(side, r)| Some((side, tls_leaf(r)?)))
        .collect();
    let status = TrustStatus::of(&analyses, &leaves, &found);
    let seconds = |r: &FetchReport| r.steps.iter().map(|s| s.ms).sum::<f64>() / 1000.0;
    Checked {
        fetch_seconds: [
            (Side::Skype, seconds(&skype)),
            (Side::Exchange, seconds(&exchange)),
        ],
        status,
        report: CheckReport {
            verdict: findings::worst(&found),
            skype: FetchSummary::from(&skype),
            exchange: FetchSummary::from(&exchange),
            probe,
            findings: found,
        },
    }
}

/// The DER of the certificate the server presented first (its own).
fn tls_leaf(report: &FetchReport) -> Option<Vec<u8>> {
    let leaf = report.tls.as_ref()?.peer_chain.first()?;
    s2s_core::encoding::decode(leaf, s2s_core::encoding::Variant::Standard).ok()
}

/// The probe's fixed URL for a host (`host` or `host:port`).
pub fn probe_url(host: &str) -> String {
    format!("https://{host}{}", exchange_trust::PROBE_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_from_hosts_and_full_urls() {
        assert_eq!(
            skype_url("atl-cs-001.litwareinc.com").as_deref(),
            Ok("https://atl-cs-001.litwareinc.com/metadata/json/1")
        );
        assert_eq!(
            exchange_url(" autodiscover.litwareinc.com:8443/ ").as_deref(),
            Ok("https://autodiscover.litwareinc.com:8443/autodiscover/metadata/json/1")
        );
        // A full URL is checked as given: the findings say what is wrong with it.
        assert_eq!(
            exchange_url("https://autodiscover.litwareinc.com/metadata/json/1").as_deref(),
            Ok("https://autodiscover.litwareinc.com/metadata/json/1")
        );
        assert!(skype_url("  ").is_err());
    }

    #[test]
    fn probe_host_from_host_or_url() {
        assert_eq!(
            probe_host("autodiscover.litwareinc.com/").as_deref(),
            Ok("autodiscover.litwareinc.com")
        );
        assert_eq!(
            probe_host("https://mail.litwareinc.com:8443/autodiscover/metadata/json/1").as_deref(),
            Ok("mail.litwareinc.com:8443")
        );
        assert!(probe_host(" ").is_err());
        assert_eq!(
            probe_url("ex.contoso.com"),
            "https://ex.contoso.com/EWS/Exchange.asmx"
        );
    }

    #[test]
    fn resolve_and_thumbprint_flags() {
        let map =
            resolve_overrides(&["Atl-CS-001.litwareinc.com.=127.0.0.1".into()]).expect("valid");
        assert_eq!(
            map.get("atl-cs-001.litwareinc.com"),
            Some(&SocketAddr::from(([127, 0, 0, 1], 0)))
        );
        let map = resolve_overrides(&["x.com=127.0.0.1:8443".into()]).expect("valid");
        assert_eq!(
            map.get("x.com"),
            Some(&SocketAddr::from(([127, 0, 0, 1], 8443)))
        );
        assert!(resolve_overrides(&["nohost".into()]).is_err());
        assert!(resolve_overrides(&["x=notanip".into()]).is_err());
        assert!(thumbprints(&["7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into()]).is_ok());
        let err = thumbprints(&["7A78".into()])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("40 hexadecimal digits"), "{err}");
    }
}
