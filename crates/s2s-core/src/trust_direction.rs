//! The two directions of the trust, and which findings concern each.
//!
//! Tokens flow both ways: Exchange calls Skype (Skype accepts the token only
//! if it trusts Exchange's published certificate), and Skype calls Exchange.
//! So a direction rests on the *caller's* document and certificate, plus, for
//! Exchange trusting Skype, what the live probe says Exchange trusts. The
//! Overview's arrows and the server's `s2s_trust_ok` read it from here.

use serde::{Deserialize, Serialize};

use crate::findings::{Finding, Severity};
use crate::topology::Side;

/// One direction of the trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Skype accepts Exchange's tokens: Exchange's document and certificate.
    SkypeTrustsExchange,
    /// Exchange accepts Skype's tokens: Skype's document and certificate,
    /// and what the live probe says Exchange trusts.
    ExchangeTrustsSkype,
}

impl Direction {
    pub const BOTH: [Direction; 2] = [
        Direction::SkypeTrustsExchange,
        Direction::ExchangeTrustsSkype,
    ];

    /// `skype_trusts_exchange`, `exchange_trusts_skype` (metric labels, JSON).
    pub fn id(self) -> &'static str {
        match self {
            Direction::SkypeTrustsExchange => "skype_trusts_exchange",
            Direction::ExchangeTrustsSkype => "exchange_trusts_skype",
        }
    }

    /// The side whose published document the direction rests on.
    pub fn rests_on(self) -> Side {
        match self {
            Direction::SkypeTrustsExchange => Side::Exchange,
            Direction::ExchangeTrustsSkype => Side::Skype,
        }
    }

    /// Whether a finding bears on this direction. The probe's findings are
    /// about what Exchange trusts, so they concern Exchange trusting Skype
    /// although they are Exchange-side.
    pub fn concerns(self, finding: &Finding) -> bool {
        let probe = finding.id.starts_with("S2S-PROBE-");
        match self {
            Direction::SkypeTrustsExchange => {
                !probe && matches!(finding.side, Side::Exchange | Side::Both)
            }
            Direction::ExchangeTrustsSkype => {
                probe || matches!(finding.side, Side::Skype | Side::Both)
            }
        }
    }

    /// The worst finding concerning this direction; `None` until the
    /// document it rests on was fetched (`checked`). Notes (a hybrid issuer
    /// also trusted, say) count as passes.
    pub fn severity(self, findings: &[Finding], checked: bool) -> Option<Severity> {
        if !checked {
            return None;
        }
        let worst = findings
            .iter()
            .filter(|f| self.concerns(f))
            .map(|f| f.severity)
            .max();
        Some(match worst {
            None | Some(Severity::Info) => Severity::Pass,
            Some(s) => s,
        })
    }

    /// No failure concerns this direction (warnings do not break a trust).
    pub fn holds(self, findings: &[Finding]) -> bool {
        !findings
            .iter()
            .any(|f| f.severity == Severity::Fail && self.concerns(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &'static str, severity: Severity, side: Side) -> Finding {
        Finding::new(id, severity, side, id)
    }

    #[test]
    fn each_side_bears_on_the_direction_resting_on_its_document() {
        let exchange = finding("S2S-CERT-EXPIRED", Severity::Fail, Side::Exchange);
        assert!(Direction::SkypeTrustsExchange.concerns(&exchange));
        assert!(!Direction::ExchangeTrustsSkype.concerns(&exchange));
        let skype = finding("S2S-REALM-MISMATCH", Severity::Fail, Side::Skype);
        assert!(Direction::ExchangeTrustsSkype.concerns(&skype));
        assert!(!Direction::SkypeTrustsExchange.concerns(&skype));
        let both = finding("S2S-CLOCK", Severity::Warn, Side::Both);
        assert!(Direction::BOTH.iter().all(|d| d.concerns(&both)));
        assert_eq!(Direction::SkypeTrustsExchange.rests_on(), Side::Exchange);
    }

    #[test]
    fn the_probe_concerns_exchange_trusting_skype() {
        let probe = finding("S2S-PROBE-ISSUER-MISSING", Severity::Fail, Side::Exchange);
        assert!(Direction::ExchangeTrustsSkype.concerns(&probe));
        assert!(!Direction::SkypeTrustsExchange.concerns(&probe));
        assert!(!Direction::ExchangeTrustsSkype.holds(std::slice::from_ref(&probe)));
        assert!(Direction::SkypeTrustsExchange.holds(&[probe]));
    }

    #[test]
    fn severity_waits_for_the_document_and_reads_notes_as_passes() {
        let note = finding("S2S-HYBRID", Severity::Info, Side::Exchange);
        let d = Direction::SkypeTrustsExchange;
        assert_eq!(d.severity(std::slice::from_ref(&note), false), None);
        assert_eq!(
            d.severity(std::slice::from_ref(&note), true),
            Some(Severity::Pass)
        );
        let warn = finding("S2S-CERT-EXPIRING", Severity::Warn, Side::Exchange);
        assert_eq!(
            d.severity(&[note, warn.clone()], true),
            Some(Severity::Warn)
        );
        assert!(d.holds(&[warn]), "a warning does not break the trust");
        assert_eq!(d.id(), "skype_trusts_exchange");
    }
}
