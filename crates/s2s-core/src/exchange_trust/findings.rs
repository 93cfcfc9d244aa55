//! Findings from the live probe: whether Exchange trusts Skype's issuer now,
//! whether EWS offers OAuth at all, and what else Exchange trusts. The
//! trusted-issuer checks are the ones pasted test output gets, under the
//! probe's own ids, so a paste and the probe can never disagree.

use super::ProbeFacts;
use crate::findings::{Finding, Severity, quoted, sort};
use crate::testout::Context;
use crate::testout::findings::{TrustIds, trust_findings};
use crate::topology::Side;

const PROBE_TRUST_IDS: TrustIds = TrustIds {
    trusts: "S2S-PROBE-TRUSTS-SKYPE",
    realm_differs: "S2S-PROBE-TRUST-REALM-DIFFERS",
    not_trusted: "S2S-PROBE-SKYPE-NOT-TRUSTED",
};

/// The command that turns OAuth on for EWS (DOMAIN.md §7, cause 13).
const ENABLE_OAUTH: &str = "Set-WebServicesVirtualDirectory -Identity '<server>\\EWS (Default Web Site)' -OAuthAuthentication $true";

fn probe_evidence(facts: &ProbeFacts) -> String {
    let status = facts
        .status
        .map(|s| format!("HTTP {s}"))
        .unwrap_or_else(|| "no answer".into());
    format!(
        "live probe: GET {} with an empty Bearer token → {status}",
        facts.url
    )
}

fn challenge_evidence(facts: &ProbeFacts) -> Option<String> {
    facts
        .www_authenticate
        .as_ref()
        .map(|v| format!("WWW-Authenticate: {v}"))
}

/// Every finding the probe supports, sorted as the document findings are.
pub fn diagnose(facts: &ProbeFacts, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let evidence = probe_evidence(facts);
    if !facts.answered {
        let reason = facts
            .error
            .as_ref()
            .map(|e| e.message.clone())
            .unwrap_or_else(|| "no answer".into());
        out.push(
            Finding::new(
                "S2S-PROBE-NO-ANSWER",
                Severity::Info,
                Side::Exchange,
                "The live trust probe got no answer from Exchange's EWS",
            )
            .actual(reason)
            .evidence(evidence)
            .explain("Without an answer the issuers Exchange trusts cannot be read live; paste Test-CsExStorageConnectivity output instead."),
        );
        return out;
    }
    if !facts.oauth_offered {
        no_bearer(facts, evidence, &mut out);
        return out;
    }
    let before = out.len();
    trust_findings(&facts.trusted_issuers, ctx, &PROBE_TRUST_IDS, &mut out);
    for f in &mut out[before..] {
        f.evidence.push(evidence.clone());
    }
    if facts.trusted_issuers.is_empty() {
        out.push(
            Finding::new(
                "S2S-PROBE-NO-TRUSTED-ISSUERS",
                Severity::Warn,
                Side::Exchange,
                "Exchange's Bearer challenge names no trusted issuers",
            )
            .expected("trusted_issuers=\"…,00000004-0000-0ff1-ce00-000000000000@<Skype's realm>\"")
            .actual("no trusted_issuers parameter")
            .evidence(evidence.clone())
            .fix("Run Configure-EnterprisePartnerApplication.ps1 with Skype's metadata URL on Exchange and iisreset.")
            .steps(&["exchange-partner-application", "exchange-iisreset"])
            .explain("Exchange lists the issuers it trusts in its challenge; none listed means no partner application is active."),
        );
    }
    let hybrid = facts.hybrid_issuers();
    if !hybrid.is_empty() {
        let listed: Vec<String> = hybrid
            .iter()
            .map(|i| format!("{}@{}", i.principal, i.realm))
            .collect();
        out.push(
            Finding::new(
                "S2S-PROBE-HYBRID-TRUSTED",
                Severity::Info,
                Side::Exchange,
                "Exchange also trusts a hybrid (Microsoft 365) issuer",
            )
            .actual(listed.join(", "))
            .evidence(evidence.clone())
            .fix("Nothing to change for Skype. If Exchange is in a hybrid with Exchange Online, run the Hybrid Configuration Wizard again after the Exchange Auth certificate changes (renewal steps in the maintenance section).")
            .steps(&["exchange-stage-auth-certificate", "exchange-clear-previous-auth-certificate"])
            .explain("The ACS principal (00000001-…) or an issuer for any realm (*) is a hybrid or default Exchange configuration; it does not affect the trust with Skype."),
        );
    }
    if let Some(d) = facts.diagnostic.as_ref().filter(|d| d.code == 4000000) {
        out.push(
            Finding::new(
                "S2S-PROBE-OAUTH-UNAVAILABLE",
                Severity::Warn,
                Side::Exchange,
                "Exchange sent a Bearer challenge but will not accept OAuth on EWS (4000000 oauth_not_available)",
            )
            .actual(d.reason.as_deref().map_or_else(|| "oauth_not_available".into(), quoted))
            .evidence(evidence)
            .fix(format!("Check Get-WebServicesVirtualDirectory | Format-List *OAuth*; if OAuthAuthentication is False: {ENABLE_OAUTH}, then iisreset (inferred)."))
            .steps(&["exchange-iisreset"])
            .explain("x-ms-diagnostics 4000000 means Exchange refuses OAuth for that endpoint even though its OAuth module answered."),
        );
    }
    sort(&mut out);
    out
}

/// No Bearer challenge: on a 401, EWS does not offer OAuth (inferred); on
/// anything else the host did not answer as Exchange's EWS does.
fn no_bearer(facts: &ProbeFacts, evidence: String, out: &mut Vec<Finding>) {
    let offered = if facts.schemes.is_empty() {
        "no WWW-Authenticate challenge".to_string()
    } else {
        format!("only {}", facts.schemes.join(", "))
    };
    let mut f = if facts.status == Some(401) {
        Finding::new(
            "S2S-PROBE-NO-OAUTH",
            Severity::Warn,
            Side::Exchange,
            "Exchange's EWS does not offer OAuth: no Bearer challenge (inferred)",
        )
        .expected("a WWW-Authenticate: Bearer challenge with client_id and trusted_issuers")
        .actual(offered)
        .evidence(evidence)
        .fix(format!("Check on Exchange: Get-WebServicesVirtualDirectory | Format-List *OAuth*; if OAuthAuthentication is False: {ENABLE_OAUTH}, then iisreset."))
        .steps(&["exchange-iisreset"])
        .explain("Exchange's OAuth module answers an empty Bearer token with a Bearer challenge; without one, EWS most likely has OAuth authentication switched off (inferred: a device in front of Exchange can also strip it), and Skype's tokens are refused.")
    } else {
        let status = facts.status.map(|s| s.to_string()).unwrap_or_default();
        Finding::new(
            "S2S-PROBE-NO-CHALLENGE",
            Severity::Info,
            Side::Exchange,
            format!("EWS answered HTTP {status} without a Bearer challenge: Exchange's trust could not be read"),
        )
        .expected("HTTP 401 with a WWW-Authenticate: Bearer challenge")
        .actual(format!("HTTP {status}, {offered}"))
        .evidence(evidence)
        .explain("The probe reads the issuers Exchange trusts from its 401 challenge; check that the host is an Exchange server (or load balancer) serving /EWS/Exchange.asmx.")
    };
    if let Some(raw) = challenge_evidence(facts) {
        f = f.evidence(raw);
    }
    out.push(f);
}
