//! Findings: what is wrong, and what was verified, about the trust between the
//! two servers. Each has a stable id, a severity, the side it concerns, the
//! expected and the actual value, the evidence, the fix and why it matters.

mod document;
mod keys;
pub(crate) mod pairing;

use serde::Serialize;

use crate::analysis::{SideAnalysis, analyze};
use crate::time::UnixTime;
use crate::topology::{Observations, Side, Topology};

/// Warn this many days before a certificate expires (a common operator
/// threshold), and fail from [`FAIL_DAYS`] on (DOMAIN.md §7: "warn 60 days
/// ahead, alarm at 20").
pub const WARN_DAYS: i64 = 60;
pub const FAIL_DAYS: i64 = 20;

/// How a valid certificate with `days_left` whole days stands: failing at
/// [`FAIL_DAYS`] or fewer, a warning at [`WARN_DAYS`] or fewer.
pub fn expiry_severity(days_left: i64) -> Severity {
    if days_left <= FAIL_DAYS {
        Severity::Fail
    } else if days_left <= WARN_DAYS {
        Severity::Warn
    } else {
        Severity::Pass
    }
}
/// Clock difference between the servers that starts to break token checks.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Pass,
    Info,
    Warn,
    Fail,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Pass => "pass",
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Fail => "fail",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable identifier, e.g. `S2S-CERT-EXPIRED`.
    pub id: &'static str,
    pub severity: Severity,
    pub side: Side,
    pub title: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub evidence: Vec<String>,
    /// What to do about it; `None` for passes.
    pub fix: Option<String>,
    /// Steps of the command plan (`commands::Step::id`) that carry out the fix.
    pub fix_steps: Vec<&'static str>,
    /// Why it matters, in a sentence or two.
    pub explanation: String,
}

impl Finding {
    pub(crate) fn new(
        id: &'static str,
        severity: Severity,
        side: Side,
        title: impl Into<String>,
    ) -> Self {
        Finding {
            id,
            severity,
            side,
            title: title.into(),
            expected: None,
            actual: None,
            evidence: Vec::new(),
            fix: None,
            fix_steps: Vec::new(),
            explanation: String::new(),
        }
    }

    pub(crate) fn expected(mut self, v: impl Into<String>) -> Self {
        self.expected = Some(v.into());
        self
    }

    pub(crate) fn actual(mut self, v: impl Into<String>) -> Self {
        self.actual = Some(v.into());
        self
    }

    pub(crate) fn evidence(mut self, v: impl Into<String>) -> Self {
        self.evidence.push(v.into());
        self
    }

    pub(crate) fn fix(mut self, v: impl Into<String>) -> Self {
        self.fix = Some(v.into());
        self
    }

    pub(crate) fn steps(mut self, ids: &[&'static str]) -> Self {
        self.fix_steps.extend_from_slice(ids);
        self
    }

    pub(crate) fn explain(mut self, v: impl Into<String>) -> Self {
        self.explanation = v.into();
        self
    }
}

/// Both sides read from the observations.
#[derive(Debug, PartialEq)]
pub struct Analyses {
    pub skype: SideAnalysis,
    pub exchange: SideAnalysis,
}

pub fn analyze_both(topology: &Topology, observations: &Observations) -> Analyses {
    Analyses {
        skype: analyze(
            Side::Skype,
            topology.skype_metadata_url.as_deref(),
            observations.skype.as_ref(),
        ),
        exchange: analyze(
            Side::Exchange,
            topology.exchange_metadata_url.as_deref(),
            observations.exchange.as_ref(),
        ),
    }
}

/// Every finding for the deployment, in a fixed order: Skype, Exchange, then
/// both; within a side failures first; otherwise in the order checked.
pub fn diagnose(topology: &Topology, observations: &Observations, now: UnixTime) -> Vec<Finding> {
    let both = analyze_both(topology, observations);
    diagnose_analyses(topology, &both, now)
}

/// [`diagnose`] over sides already analysed (the app keeps the analyses to
/// show them).
pub fn diagnose_analyses(topology: &Topology, both: &Analyses, now: UnixTime) -> Vec<Finding> {
    let mut findings = Vec::new();
    for side in [&both.skype, &both.exchange] {
        pairing::url(side, &mut findings);
        diagnose_side(
            side,
            Some(side.side),
            topology.sip_domain.as_deref(),
            now,
            &mut findings,
        );
    }
    pairing::shared_certificate(&both.skype, &both.exchange, &mut findings);
    pairing::clock_skew(&both.skype, &both.exchange, &mut findings);
    pairing::pasted_thumbprints(topology, &both.skype, &both.exchange, &mut findings);
    sort(&mut findings);
    findings
}

/// The checks of one document on its own. `role` is the side it should be
/// (`None`: whatever its service principal says, as for a saved file).
pub fn diagnose_side(
    side: &SideAnalysis,
    role: Option<Side>,
    sip_domain: Option<&str>,
    now: UnixTime,
    findings: &mut Vec<Finding>,
) {
    let Some(doc) = document::readable(side, findings) else {
        return;
    };
    document::principal(side.side, doc, role, findings);
    document::issuer(side.side, doc, findings);
    if let (Side::Skype, Some(sip)) = (side.side, sip_domain) {
        document::realm_vs_sip_domain(doc, sip, findings);
    }
    keys::keys(side, findings);
    let longest = side.longest_valid_certificate(now);
    for (key, cert) in side.certificates() {
        let which = format!("Key {} ({})", key.path, cert.summary.subject);
        let replaced = longest.is_some_and(|l| l.not_after > cert.summary.not_after);
        keys::certificate(side.side, &which, &cert.summary, now, replaced, findings);
        if let (Side::Skype, Some(sip)) = (side.side, sip_domain) {
            keys::sip_domain(&which, &cert.summary, sip, findings);
        }
    }
}

/// Checks of a certificate on its own (a file given to `s2s inspect`):
/// validity, key size and signature.
pub fn certificate_alone(summary: &crate::cert::CertificateSummary, now: UnixTime) -> Vec<Finding> {
    let mut found = Vec::new();
    keys::certificate(
        Side::Both,
        &summary.subject,
        summary,
        now,
        false,
        &mut found,
    );
    found
}

/// Text a server or an output said, quoted as such: kept as it is in the
/// Korean UI too (see `i18n::reads_as_english`).
pub(crate) fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// Deterministic order; the sort is stable, so checks keep their order
/// within a side and severity.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.side, std::cmp::Reverse(f.severity)));
}

/// The worst severity, for exit codes and verdicts.
pub fn worst(findings: &[Finding]) -> Severity {
    findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Pass)
}
