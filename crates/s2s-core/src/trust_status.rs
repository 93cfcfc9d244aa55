//! A check's outcome in the few numbers a monitor watches: whether each
//! document was read, when each certificate that carries the trust expires,
//! whether each direction holds, and how many findings of each kind. The
//! server's `/metrics`, `s2s check --format prometheus` and the Overview's
//! table of watched deployments all read it from here.

use serde::{Deserialize, Serialize};

use crate::analysis::DocumentState;
use crate::cert::decode_der;
use crate::findings::{Analyses, Finding, Severity, worst};
use crate::time::UnixTime;
use crate::topology::Side;
use crate::trust_direction::Direction;

/// Where a watched certificate was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateSource {
    /// A signing key published in the side's metadata document.
    Metadata,
    /// The leaf of the TLS chain the side's web server presented.
    Tls,
}

impl CertificateSource {
    pub fn id(self) -> &'static str {
        match self {
            CertificateSource::Metadata => "metadata",
            CertificateSource::Tls => "tls",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedCertificate {
    pub side: Side,
    pub source: CertificateSource,
    /// SHA-1, upper-case hex: the Windows thumbprint.
    pub thumbprint: String,
    pub not_after: UnixTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingCount {
    pub side: Side,
    pub severity: Severity,
    pub count: u32,
}

/// Whether one direction holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionState {
    pub direction: Direction,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustStatus {
    pub skype_up: bool,
    pub exchange_up: bool,
    pub certificates: Vec<WatchedCertificate>,
    /// Both directions, Skype trusting Exchange first.
    pub trust: [DirectionState; 2],
    /// Every side (`skype`, `exchange`, `both`) with every severity, zeros
    /// included: an alert on a count must not see the series vanish.
    pub findings: Vec<FindingCount>,
    pub verdict: Severity,
}

const SIDES: [Side; 3] = [Side::Skype, Side::Exchange, Side::Both];
const SEVERITIES: [Severity; 4] = [
    Severity::Pass,
    Severity::Info,
    Severity::Warn,
    Severity::Fail,
];

impl TrustStatus {
    /// The status of one check: both sides' analyses, the leaf certificate
    /// (DER) each side's web server presented, if any, and the findings.
    /// A leaf that does not decode is left out: the fetch's findings say
    /// what went wrong with the connection.
    pub fn of(
        analyses: &Analyses,
        tls_leaves: &[(Side, Vec<u8>)],
        findings: &[Finding],
    ) -> TrustStatus {
        let mut certificates = Vec::new();
        for side in [&analyses.skype, &analyses.exchange] {
            for (_, cert) in side.signing_certificates() {
                certificates.push(WatchedCertificate {
                    side: side.side,
                    source: CertificateSource::Metadata,
                    thumbprint: cert.summary.sha1_thumbprint.clone(),
                    not_after: cert.summary.not_after,
                });
            }
        }
        for (side, der) in tls_leaves {
            if let Ok(cert) = decode_der(der) {
                certificates.push(WatchedCertificate {
                    side: *side,
                    source: CertificateSource::Tls,
                    thumbprint: cert.summary.sha1_thumbprint,
                    not_after: cert.summary.not_after,
                });
            }
        }
        // A certificate published twice is one series: an exposition with
        // the same labels twice is refused whole by Prometheus's parsers.
        let mut seen = Vec::new();
        certificates.retain(|c| {
            let key = (c.side, c.source, c.thumbprint.clone());
            let new = !seen.contains(&key);
            if new {
                seen.push(key);
            }
            new
        });
        let findings_counts = SIDES
            .iter()
            .flat_map(|&side| {
                SEVERITIES.iter().map(move |&severity| FindingCount {
                    side,
                    severity,
                    count: findings
                        .iter()
                        .filter(|f| f.side == side && f.severity == severity)
                        .count()
                        .try_into()
                        .unwrap_or(u32::MAX),
                })
            })
            .collect();
        let state = |direction: Direction| DirectionState {
            direction,
            ok: direction.holds(findings),
        };
        let up = |s: &DocumentState| matches!(s, DocumentState::Read(_));
        TrustStatus {
            skype_up: up(&analyses.skype.state),
            exchange_up: up(&analyses.exchange.state),
            certificates,
            trust: Direction::BOTH.map(state),
            findings: findings_counts,
            verdict: worst(findings),
        }
    }

    pub fn document_up(&self, side: Side) -> bool {
        match side {
            Side::Skype => self.skype_up,
            Side::Exchange => self.exchange_up,
            Side::Both => self.skype_up && self.exchange_up,
        }
    }

    /// When the trust first runs out of a certificate: for each side and
    /// source the certificate lasting longest (after a renewal the new one,
    /// which the old one still published beside it does not shorten), and
    /// the soonest of those. `None` when no certificate was seen.
    pub fn first_expiry(&self) -> Option<UnixTime> {
        let mut longest: Vec<((Side, CertificateSource), UnixTime)> = Vec::new();
        for c in &self.certificates {
            let key = (c.side, c.source);
            match longest.iter_mut().find(|(k, _)| *k == key) {
                Some((_, t)) => *t = (*t).max(c.not_after),
                None => longest.push((key, c.not_after)),
            }
        }
        longest.into_iter().map(|(_, t)| t).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::analyze_both;
    use crate::topology::{FetchOutcome, Observations, Topology};

    const SKYPE_DOC: &str = include_str!("../../../fixtures/generated/skype-metadata.json");

    fn response(body: &str) -> FetchOutcome {
        FetchOutcome::Response {
            status: 200,
            content_type: Some("application/json".into()),
            date: None,
            received_at: None,
            body: body.as_bytes().to_vec(),
        }
    }

    fn analyses(skype: FetchOutcome, exchange: FetchOutcome) -> Analyses {
        let topology = Topology {
            skype_metadata_url: Some("https://atl-cs-001.litwareinc.com/metadata/json/1".into()),
            exchange_metadata_url: Some(
                "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1".into(),
            ),
            ..Topology::default()
        };
        analyze_both(
            &topology,
            &Observations {
                skype: Some(skype),
                exchange: Some(exchange),
            },
        )
    }

    #[test]
    fn a_read_document_is_up_and_its_keys_are_watched() {
        let a = analyses(
            response(SKYPE_DOC),
            FetchOutcome::Failed {
                reason: "connection refused".into(),
            },
        );
        let failed = Finding::new(
            "S2S-FETCH-FAILED",
            Severity::Fail,
            Side::Exchange,
            "Exchange's document could not be fetched",
        );
        let s = TrustStatus::of(&a, &[], std::slice::from_ref(&failed));
        assert!(s.skype_up && !s.exchange_up);
        assert!(!s.document_up(Side::Both));
        let keys: Vec<_> = a.skype.certificates().collect();
        assert!(!keys.is_empty(), "the fixture publishes a certificate");
        assert_eq!(s.certificates.len(), keys.len());
        assert!(s.certificates.iter().all(|c| c.side == Side::Skype
            && c.source == CertificateSource::Metadata
            && c.thumbprint.len() == 40));
        assert_eq!(
            s.trust.map(|t| (t.direction, t.ok)),
            [
                (Direction::SkypeTrustsExchange, false),
                (Direction::ExchangeTrustsSkype, true)
            ]
        );
        assert_eq!(s.verdict, Severity::Fail);
        assert_eq!(s.findings.len(), 12, "every side with every severity");
        let fails: Vec<_> = s.findings.iter().filter(|c| c.count > 0).collect();
        assert_eq!(fails.len(), 1);
        assert_eq!(
            (fails[0].side, fails[0].severity, fails[0].count),
            (Side::Exchange, Severity::Fail, 1)
        );
    }

    #[test]
    fn tls_leaves_that_decode_are_watched_and_others_left_out() {
        let a = analyses(response(SKYPE_DOC), response(SKYPE_DOC));
        let der = a
            .skype
            .certificates()
            .next()
            .map(|(_, c)| c.der.clone())
            .unwrap_or_default();
        let s = TrustStatus::of(
            &a,
            &[
                (Side::Exchange, der),
                (Side::Skype, b"not a certificate".to_vec()),
            ],
            &[],
        );
        let tls: Vec<_> = s
            .certificates
            .iter()
            .filter(|c| c.source == CertificateSource::Tls)
            .collect();
        assert_eq!(tls.len(), 1);
        assert_eq!(tls[0].side, Side::Exchange);
        assert!(s.trust.iter().all(|t| t.ok));
        assert_eq!(s.verdict, Severity::Pass);
    }

    #[test]
    fn a_certificate_published_twice_is_watched_once() {
        let mut doc: serde_json::Value = serde_json::from_str(SKYPE_DOC).expect("json");
        let key = doc["keys"][0].clone();
        if let Some(keys) = doc["keys"].as_array_mut() {
            keys.push(key);
        }
        let twice = doc.to_string();
        let a = analyses(response(&twice), response(SKYPE_DOC));
        assert_eq!(a.skype.certificates().count(), 2);
        let s = TrustStatus::of(&a, &[], &[]);
        let skype: Vec<_> = s
            .certificates
            .iter()
            .filter(|c| c.side == Side::Skype)
            .collect();
        assert_eq!(skype.len(), 1, "{skype:?}");
    }

    fn cert(side: Side, source: CertificateSource, not_after: i64) -> WatchedCertificate {
        WatchedCertificate {
            side,
            source,
            thumbprint: format!("{not_after:040}"),
            not_after: UnixTime(not_after),
        }
    }

    #[test]
    fn first_expiry_is_the_soonest_of_each_sides_longest_lasting() {
        let mut s = TrustStatus::of(&analyses(response("{}"), response("{}")), &[], &[]);
        assert_eq!(s.first_expiry(), None);
        s.certificates = vec![
            // A renewal: the old Exchange certificate still published.
            cert(Side::Exchange, CertificateSource::Metadata, 100),
            cert(Side::Exchange, CertificateSource::Metadata, 900),
            cert(Side::Skype, CertificateSource::Metadata, 500),
            cert(Side::Skype, CertificateSource::Tls, 700),
        ];
        assert_eq!(s.first_expiry(), Some(UnixTime(500)));
    }
}
