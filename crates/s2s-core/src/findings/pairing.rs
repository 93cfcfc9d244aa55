//! Checks that need both sides, or the administrator's own input: URLs,
//! certificates shared by both servers, clocks, pasted thumbprints.

use super::{Finding, MAX_CLOCK_SKEW_SECONDS, Severity};
use crate::analysis::SideAnalysis;
use crate::thumbprint::Sha1Fingerprint;
use crate::topology::{Side, Topology};

/// The metadata URL given for a side: https, and for Exchange under
/// `/autodiscover` (the documentation's own mistake omits it).
pub(super) fn url(side: &SideAnalysis, findings: &mut Vec<Finding>) {
    let Some(url) = side.url.as_deref() else {
        return;
    };
    let s = side.side;
    let lower = url.trim().to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://") else {
        findings.push(
            Finding::new("S2S-URL-NOT-HTTPS", Severity::Warn, s, "The metadata URL should be https")
                .expected("https://…")
                .actual(url.to_string())
                .fix("Use https://: Skype and Exchange publish their documents over TLS. Microsoft's own scripts accept http for some partners, but over http nothing protects the document on its way.")
                .explain("The document carries the certificate the other server will trust: fetched over http, anyone on the way can replace it with their own."),
        );
        return;
    };
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    if s == Side::Exchange && !path.starts_with("/autodiscover/") {
        let host = rest.split('/').next().unwrap_or_default();
        findings.push(
            Finding::new("S2S-URL-NO-AUTODISCOVER", Severity::Fail, s, "Exchange's metadata URL lacks /autodiscover")
                .expected(format!("https://{host}/autodiscover/metadata/json/1"))
                .actual(url.to_string())
                .fix(format!("Use https://{host}/autodiscover/metadata/json/1 in New-CsPartnerApplication -MetadataUrl."))
                .steps(&["skype-partner-application"])
                .explain("Exchange publishes its document under the Autodiscover virtual directory; some documentation prints the URL without it."),
        );
        return;
    }
    findings.push(
        Finding::new(
            "S2S-URL-OK",
            Severity::Pass,
            s,
            "The metadata URL has the expected form",
        )
        .evidence(url.to_string()),
    );
}

pub(super) fn shared_certificate(
    skype: &SideAnalysis,
    exchange: &SideAnalysis,
    findings: &mut Vec<Finding>,
) {
    let ex: Vec<&str> = exchange
        .certificates()
        .map(|(_, c)| c.summary.sha1_thumbprint.as_str())
        .collect();
    let shared: Vec<&str> = skype
        .certificates()
        .map(|(_, c)| c.summary.sha1_thumbprint.as_str())
        .filter(|t| ex.contains(t))
        .collect();
    if skype.certificates().next().is_none() || ex.is_empty() {
        return;
    }
    if shared.is_empty() {
        findings.push(Finding::new(
            "S2S-CERT-DISTINCT",
            Severity::Pass,
            Side::Both,
            "Each server signs with its own certificate",
        ));
    } else {
        let mut f = Finding::new("S2S-CERT-SHARED", Severity::Warn, Side::Both, "Both servers publish the same certificate")
            .expected("a different signing certificate on each server")
            .actual("the same certificate in both documents")
            .fix("Give each server its own certificate: Skype its OAuthTokenIssuer certificate (Set-CsCertificate -Type OAuthTokenIssuer), Exchange its Auth certificate (Set-AuthConfig).")
            .explain("Sharing a private key between the two products means either can impersonate the other, and renewing one breaks both.");
        for t in shared {
            f = f.evidence(format!("thumbprint {t}"));
        }
        findings.push(f);
    }
}

pub(super) fn clock_skew(
    skype: &SideAnalysis,
    exchange: &SideAnalysis,
    findings: &mut Vec<Finding>,
) {
    let (Some(a), Some(b)) = (skype.server_date, exchange.server_date) else {
        return;
    };
    // Each server's clock against the fetcher's when both arrival times are
    // known, so a side fetched again minutes later compares the same; else
    // the two Date headers, fetched moments apart.
    let (skew, evidence) = match (skype.received_at, exchange.received_at) {
        (Some(ra), Some(rb)) => {
            let (oa, ob) = (a.0 - ra.0, b.0 - rb.0);
            (
                (oa - ob).abs(),
                format!(
                    "Skype's clock {oa:+} s, Exchange's {ob:+} s from the s2s server's (Date headers against arrival)"
                ),
            )
        }
        _ => (
            (a.0 - b.0).abs(),
            format!(
                "Skype's Date {} / Exchange's Date {}",
                a.to_rfc3339(),
                b.to_rfc3339()
            ),
        ),
    };
    if skew > MAX_CLOCK_SKEW_SECONDS {
        findings.push(
            Finding::new("S2S-CLOCK-SKEW", Severity::Warn, Side::Both, format!("The servers' clocks differ by {skew} seconds"))
                .expected(format!("at most {MAX_CLOCK_SKEW_SECONDS} seconds apart"))
                .actual(format!("{skew} seconds apart"))
                .fix("Synchronise both servers with the domain's time source (w32tm /resync; check w32tm /query /status).")
                .explain("Tokens carry validity times; a large clock difference makes fresh tokens look expired or not yet valid. (Inferred from the Date headers of the two answers, fetched moments apart.)")
                .evidence(evidence),
        );
    } else {
        findings.push(
            Finding::new(
                "S2S-CLOCK-OK",
                Severity::Pass,
                Side::Both,
                "The servers' clocks agree",
            )
            .evidence(format!("{skew} seconds apart; {evidence}")),
        );
    }
}

pub(crate) fn pasted_thumbprints(
    topology: &Topology,
    skype: &SideAnalysis,
    exchange: &SideAnalysis,
    findings: &mut Vec<Finding>,
) {
    for pasted in &topology.pasted_thumbprints {
        // A thumbprint given without its side (`s2s check --thumbprint`) is
        // looked for on both.
        let candidates: Vec<&SideAnalysis> = match pasted.side {
            Side::Skype => vec![skype],
            Side::Exchange => vec![exchange],
            Side::Both => vec![skype, exchange],
        };
        let readable: Vec<&SideAnalysis> = candidates
            .into_iter()
            .filter(|s| s.document().is_some())
            .collect();
        let Some(first) = readable.first() else {
            continue;
        };
        let found = readable
            .iter()
            .find(|s| published_fingerprints(s).contains(&pasted.value));
        let side = found.copied().unwrap_or(first);
        let published: Vec<Sha1Fingerprint> = readable
            .iter()
            .flat_map(|s| published_fingerprints(s))
            .collect();
        let thumb = pasted.value.thumbprint();
        if found.is_some() {
            findings.push(
                Finding::new(
                    "S2S-THUMBPRINT-PUBLISHED",
                    Severity::Pass,
                    side.side,
                    "The certificate in use is the one published",
                )
                .evidence(format!(
                    "{}: {thumb} (x5t {})",
                    pasted.source,
                    pasted.value.x5t()
                )),
            );
        } else {
            let fix = match side.side {
                Side::Skype => {
                    "Skype publishes its OAuthTokenIssuer certificate: check Get-CsCertificate -Type OAuthTokenIssuer on every Front End; after a change, refresh the partner application on Exchange (Set-PartnerApplication <name> -RefreshAuthMetadata) and run iisreset."
                }
                _ => {
                    "Publish the current Auth certificate: Set-AuthConfig -PublishCertificate (and restart MSExchangeServiceHost, iisreset); then re-create Skype's partner application if it was created from a certificate rather than the metadata URL."
                }
            };
            let steps: &[&'static str] = match side.side {
                Side::Skype => &[
                    "collect-oauth-certificate",
                    "exchange-refresh-skype-metadata",
                ],
                _ => &["collect-auth-config", "exchange-renew-auth-certificate"],
            };
            let mut f = Finding::new("S2S-THUMBPRINT-NOT-PUBLISHED", Severity::Fail, side.side, "The certificate in use is not in the published document")
                .steps(steps)
                .expected(format!("{thumb} among the published keys"))
                .actual(format!("{} published key(s), none with this thumbprint", published.len()))
                .fix(fix)
                .explain("The other server trusts only the published certificates; tokens signed with another one are rejected (a typical 401 after a certificate change).")
                .evidence(format!("{}: {thumb}", pasted.source));
            for p in &published {
                f = f.evidence(format!("published: {}", p.thumbprint()));
            }
            findings.push(f);
        }
    }
}

/// A side's keys by fingerprint: the certificate's, or the published x5t
/// when the certificate itself cannot be read.
pub(crate) fn published_fingerprints(side: &SideAnalysis) -> Vec<Sha1Fingerprint> {
    side.keys
        .iter()
        .filter_map(|k| match &k.certificate {
            Ok(c) => Some(Sha1Fingerprint::of(&c.der)),
            Err(_) => k
                .key
                .x5t_published
                .as_deref()
                .and_then(|x| Sha1Fingerprint::from_x5t(x).ok()),
        })
        .collect()
}
