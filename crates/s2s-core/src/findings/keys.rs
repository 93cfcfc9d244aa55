//! Checks of the published keys and their certificates.

use super::{FAIL_DAYS, Finding, Severity, WARN_DAYS, expiry_severity};
use crate::analysis::SideAnalysis;
use crate::cert::CertificateSummary;
use crate::metadata::PublishedKey;
use crate::time::UnixTime;
use crate::topology::Side;

/// How a side's signing certificate is replaced. `now`: nothing signs
/// (expired, or no usable key), so Exchange cuts over at once; otherwise
/// Exchange stages the new certificate (DOMAIN.md §9).
fn renewal_fix(side: Side, now: bool) -> &'static str {
    match side {
        Side::Skype => {
            "Assign a valid OAuthTokenIssuer certificate (at least 2048 bits, the same on every Front End) with Set-CsCertificate -Identity global -Type OAuthTokenIssuer -Thumbprint <thumbprint>, then refresh the partner application on Exchange (Set-PartnerApplication <name> -RefreshAuthMetadata)."
        }
        _ if now => {
            "Renew the Exchange Auth certificate: New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Microsoft Exchange Server Auth Certificate' -DomainName @(), then Set-AuthConfig -NewCertificateThumbprint <thumbprint> -NewCertificateEffectiveDate (Get-Date), Set-AuthConfig -PublishCertificate, Set-AuthConfig -ClearPreviousCertificate, restart MSExchangeServiceHost and run iisreset."
        }
        _ => {
            "Renew the Exchange Auth certificate in stages: create the new one (New-ExchangeCertificate), make it current in 48 hours (Set-AuthConfig -NewCertificateThumbprint <thumbprint> -NewCertificateEffectiveDate (Get-Date).AddHours(48)) and publish it (Set-AuthConfig -PublishCertificate); check that every Exchange server has it; after the date, Set-AuthConfig -ClearPreviousCertificate, restart MSExchangeServiceHost and run iisreset. In a hybrid with Exchange Online, run the Hybrid Configuration Wizard again afterwards."
        }
    }
}

/// The plan steps that replace a side's signing certificate (`now` as in
/// [`renewal_fix`]).
fn renewal_steps(side: Side, now: bool) -> &'static [&'static str] {
    match side {
        Side::Skype => &[
            "collect-oauth-certificate",
            "skype-oauth-certificate",
            "exchange-refresh-skype-metadata",
        ],
        _ if now => &["exchange-renew-auth-certificate"],
        _ => &[
            "exchange-stage-auth-certificate",
            "exchange-clear-previous-auth-certificate",
        ],
    }
}

/// "the certificate expires in 5 days", in the words an admin would use
/// for 0 and 1 (a title; the Korean catalogue has each form).
fn expires_in(which: &str, days: i64) -> String {
    match days {
        0 => format!("{which}: the certificate expires within a day"),
        1 => format!("{which}: the certificate expires in 1 day"),
        _ => format!("{which}: the certificate expires in {days} days"),
    }
}

/// "today", "1 day ago", "12 days ago".
fn days_ago(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        _ => format!("{days} days ago"),
    }
}

fn label(key: &PublishedKey) -> String {
    key.path.clone()
}

/// Keys as a whole and each key's encoding and x5t.
pub(super) fn keys(side: &SideAnalysis, findings: &mut Vec<Finding>) {
    let s = side.side;
    let signing_certs = side.signing_certificates().count();
    if signing_certs == 0 {
        // Keys that cannot be read are a damaged document (each has its own
        // finding), not a certificate to renew.
        let unreadable = side.keys.iter().any(|k| k.certificate.is_err());
        let mut f = Finding::new(
            "S2S-KEY-NONE",
            Severity::Fail,
            s,
            "The document publishes no usable signing certificate",
        )
        .expected("at least one key with usage 'signing' and a readable certificate")
        .actual(format!("{} key(s), none usable", side.keys.len()));
        f = if unreadable {
            f.fix("Fetch the document from the server itself: a copied or hand-edited document may be cut short. If the server publishes it so, re-publish its certificate.")
        } else {
            f.fix(renewal_fix(s, true)).steps(renewal_steps(s, true))
        };
        let mut f = f.explain("The other server verifies this server's tokens with the published certificate; without one every token is rejected.");
        for k in &side.keys {
            if let Err(e) = &k.certificate {
                f = f.evidence(format!("{}: {e}", label(&k.key)));
            }
        }
        findings.push(f);
    }
    for k in &side.keys {
        if let Err(e) = &k.certificate {
            let mut f = Finding::new("S2S-KEY-UNREADABLE", Severity::Fail, s, format!("Key {} has no readable certificate", label(&k.key)))
                .expected("base64 of a DER X.509 certificate in keyvalue.value")
                .actual(e.to_string())
                .fix("Fetch the document from the server itself: a copied or hand-edited document may be cut short. If the server publishes it so, re-publish its certificate.")
                .explain("An unreadable key cannot verify any token.");
            if let Some(x5t) = &k.key.x5t_published {
                f = f.evidence(format!("published x5t: {x5t}"));
            }
            findings.push(f);
        }
    }
    for (key, cert) in side.certificates() {
        let computed = &cert.summary.x5t;
        match &key.x5t_published {
            Some(published) if published == computed => findings.push(
                Finding::new("S2S-KEY-X5T-OK", Severity::Pass, s, format!("Key {}: the published x5t matches the certificate", label(key)))
                    .evidence(format!("x5t {computed} = thumbprint {}", cert.summary.sha1_thumbprint)),
            ),
            Some(published) => findings.push(
                Finding::new("S2S-KEY-X5T-MISMATCH", Severity::Fail, s, format!("Key {}: the published x5t is not the certificate's", label(key)))
                    .expected(format!("{computed} (SHA-1 of the published certificate)"))
                    .actual(published.clone())
                    .fix("The document is inconsistent: restart the service that publishes it (Exchange: MSExchangeServiceHost and iisreset; Skype: the Front End) and fetch it again.")
                    .explain("Token headers name the signing certificate by x5t; a wrong x5t makes the other server look for a certificate that is not there."),
            ),
            None => findings.push(
                Finding::new("S2S-KEY-X5T-ABSENT", Severity::Info, s, format!("Key {} publishes no x5t; it was computed", label(key)))
                    .evidence(format!("computed x5t {computed}")),
            ),
        }
    }
    let certs: Vec<_> = side.certificates().collect();
    if certs.len() > 1 {
        let mut f = Finding::new("S2S-KEY-ROLLOVER", Severity::Info, s, format!("{} certificates are published", certs.len()))
            .fix("Normal around a certificate rollover; once the new certificate is in use, clear the old one (Exchange: Set-AuthConfig -ClearPreviousCertificate).")
            .explain("Both are trusted until the old one is removed from the document.");
        for (key, cert) in certs {
            f = f.evidence(format!(
                "{}: thumbprint {}, valid until {}",
                label(key),
                cert.summary.sha1_thumbprint,
                cert.summary.not_after.to_rfc3339()
            ));
        }
        findings.push(f);
    }
}

/// Validity, key size and signature of one certificate.
/// `which` names the certificate in titles: `Key $.keys[0] (CN=…)`, or
/// just the subject for a certificate on its own.
pub(super) fn certificate(
    s: Side,
    which: &str,
    c: &CertificateSummary,
    now: UnixTime,
    replaced: bool,
    findings: &mut Vec<Finding>,
) {
    let evidence = format!("thumbprint {}", c.sha1_thumbprint);
    let validity = format!(
        "valid from {} to {}",
        c.not_before.to_rfc3339(),
        c.not_after.to_rfc3339()
    );
    let days = c.days_left(now);
    let expired = || {
        format!(
            "expired {} ({})",
            c.not_after.to_rfc3339(),
            days_ago(c.days_since_expiry(now))
        )
    };
    let finding = if replaced && (c.is_expired(now) || expiry_severity(days) != Severity::Pass) {
        // A renewal published a certificate that lasts longer and is valid
        // now: the trust goes on; the old one only needs clearing.
        let state = if c.is_expired(now) {
            expired()
        } else {
            format!("expires {}", c.not_after.to_rfc3339())
        };
        let (id, severity, title) = if c.is_expired(now) {
            (
                "S2S-CERT-EXPIRED",
                Severity::Warn,
                format!("{which}: an expired certificate is still published beside a valid one"),
            )
        } else {
            (
                "S2S-CERT-EXPIRING",
                Severity::Info,
                format!(
                    "{which}: the certificate expires soon; a newer valid one is published beside it"
                ),
            )
        };
        let fix = match s {
            Side::Exchange => {
                "Once Exchange signs with the new certificate, clear the old one: Set-AuthConfig -ClearPreviousCertificate, then restart MSExchangeServiceHost and run iisreset."
            }
            _ => {
                "Once the new certificate is in use, make sure the old one is no longer assigned: Get-CsCertificate -Type OAuthTokenIssuer on every Front End."
            }
        };
        Finding::new(id, severity, s, title)
            .expected("the old certificate cleared once the new one is in use")
            .actual(state)
            .fix(fix)
            .explain("Tokens signed with the newer certificate verify, so the trust goes on; the old one is left over from the renewal.")
    } else if c.is_expired(now) {
        Finding::new("S2S-CERT-EXPIRED", Severity::Fail, s, format!("{which}: the certificate has expired"))
            .expected(format!("valid at {}", now.to_rfc3339()))
            .actual(expired())
            .fix(renewal_fix(s, true))
            .steps(renewal_steps(s, true))
            .explain("Tokens signed with an expired certificate are rejected; an expired Exchange Auth certificate also breaks OWA/ECP sign-in and EWS.")
    } else if c.is_not_yet_valid(now) {
        Finding::new("S2S-CERT-NOT-YET-VALID", Severity::Fail, s, format!("{which}: the certificate is not valid yet"))
            .expected(format!("valid at {}", now.to_rfc3339()))
            .actual(format!("valid from {}", c.not_before.to_rfc3339()))
            .fix("Check the clocks of the servers; if the certificate was created for a future rollover, it is published too early.")
            .explain("A certificate is rejected before its NotBefore time.")
    } else if expiry_severity(days) == Severity::Fail {
        Finding::new(
            "S2S-CERT-EXPIRING",
            Severity::Fail,
            s,
            expires_in(which, days),
        )
        .expected(format!("more than {FAIL_DAYS} days left"))
        .actual(format!("expires {}", c.not_after.to_rfc3339()))
        .fix(renewal_fix(s, false))
        .steps(renewal_steps(s, false))
        .explain("Renewal and publication take time; with under three weeks left it is urgent.")
    } else if expiry_severity(days) == Severity::Warn {
        Finding::new("S2S-CERT-EXPIRING", Severity::Warn, s, expires_in(which, days))
            .expected(format!("more than {WARN_DAYS} days left"))
            .actual(format!("expires {}", c.not_after.to_rfc3339()))
            .fix(renewal_fix(s, false))
            .steps(renewal_steps(s, false))
            .explain("Plan the renewal now: the new certificate must be published and picked up by the other server before the old one expires.")
    } else {
        Finding::new(
            "S2S-CERT-VALID",
            Severity::Pass,
            s,
            format!("{which}: the certificate is valid for {days} more days"),
        )
        .evidence(validity.clone())
    };
    findings.push(finding.evidence(evidence.clone()));

    if c.public_key.algorithm == "RSA" {
        match c.public_key.bits {
            Some(bits) if bits < 2048 => findings.push(
                Finding::new("S2S-CERT-KEY-SMALL", Severity::Fail, s, format!("{which}: RSA {bits}-bit key"))
                    .expected("RSA 2048 bits or more")
                    .actual(format!("RSA {bits}"))
                    .fix(renewal_fix(s, false))
            .steps(renewal_steps(s, false))
                    .explain("Skype requires an OAuthTokenIssuer key of at least 2048 bits, and shorter keys are no longer considered safe.")
                    .evidence(evidence.clone()),
            ),
            Some(bits) => findings.push(
                Finding::new("S2S-CERT-KEY-OK", Severity::Pass, s, format!("{which}: RSA {bits}-bit key"))
                    .evidence(evidence.clone()),
            ),
            None => {}
        }
    }
    // Both products sign and verify server-to-server tokens with RS256
    // (DOMAIN.md §9): a published signing key must be RSA. A certificate
    // inspected on its own (`Side::Both`) may be anything.
    if s != Side::Both && c.public_key.algorithm != "RSA" {
        let key = match (&c.public_key.curve, c.public_key.bits) {
            (Some(curve), _) => format!("{} {curve}", c.public_key.algorithm),
            (None, Some(bits)) => format!("{} {bits}", c.public_key.algorithm),
            (None, None) => c.public_key.algorithm.clone(),
        };
        findings.push(
            Finding::new("S2S-CERT-KEY-NOT-RSA", Severity::Warn, s, format!("{which}: the signing key is {key}, not RSA"))
                .expected("an RSA key of 2048 bits or more")
                .actual(key)
                .fix(renewal_fix(s, false))
                .steps(renewal_steps(s, false))
                .explain("Skype and Exchange sign and verify server-to-server tokens with RS256, which takes an RSA key; the other server cannot verify tokens signed with another kind of key.")
                .evidence(evidence.clone()),
        );
    }
    if c.signature.weak_hash {
        // The trust uses the published key itself: a self-signed
        // certificate's own signature is checked by nothing, so it is a
        // note; an issuer's weak signature is a warning. Either is for the
        // next renewal, not a renewal now.
        let self_signed = c.issuer == c.subject;
        let severity = if self_signed {
            Severity::Info
        } else {
            Severity::Warn
        };
        findings.push(
            Finding::new("S2S-CERT-SIG-WEAK", severity, s, format!("{which}: signed with {}", c.signature.name))
                .expected("a SHA-256 (or stronger) signature")
                .actual(c.signature.name.clone())
                .fix("At the next renewal, make the new certificate with a SHA-256 signature.")
                .explain("SHA-1 and MD5 signatures are deprecated; replace the certificate at its next renewal at the latest.")
                .evidence(evidence),
        );
    } else {
        findings.push(
            Finding::new(
                "S2S-CERT-SIG-OK",
                Severity::Pass,
                s,
                format!("{which}: signed with {}", c.signature.name),
            )
            .evidence(evidence),
        );
    }
}

/// Skype's OAuthTokenIssuer certificate names the SIP domain in its subject
/// (other SIP domains in its alternative names), as Microsoft requires
/// (DOMAIN.md §5, §9).
pub(super) fn sip_domain(
    which: &str,
    c: &CertificateSummary,
    sip_domain: &str,
    findings: &mut Vec<Finding>,
) {
    let sip = sip_domain.trim().trim_end_matches('.');
    if sip.is_empty() {
        return;
    }
    let in_subject = c
        .subject
        .split(", ")
        .filter_map(|rdn| rdn.split_once('='))
        .any(|(_, value)| value.eq_ignore_ascii_case(sip));
    let in_san = c
        .subject_alt_names
        .iter()
        .filter_map(|n| n.strip_prefix("DNS:"))
        .any(|name| name.eq_ignore_ascii_case(sip));
    if in_subject || in_san {
        findings.push(
            Finding::new(
                "S2S-CERT-SIP-DOMAIN",
                Severity::Pass,
                Side::Skype,
                format!("{which}: the certificate names the SIP domain {sip}"),
            )
            .evidence(format!("subject {}", c.subject)),
        );
        return;
    }
    let names = if c.subject_alt_names.is_empty() {
        "no alternative names".to_string()
    } else {
        format!("alternative names {}", c.subject_alt_names.join(", "))
    };
    findings.push(
        Finding::new(
            "S2S-CERT-NO-SIP-DOMAIN",
            Severity::Warn,
            Side::Skype,
            format!("{which}: the certificate does not name the SIP domain {sip}"),
        )
        .expected(format!("{sip} in the subject or the alternative names"))
        .actual(format!("subject {}; {names}", c.subject))
        .fix("At the next renewal, request the OAuthTokenIssuer certificate with the SIP domain as its subject (other SIP domains as alternative names) and assign it with Set-CsCertificate -Identity global -Type OAuthTokenIssuer (as a roll, while this one is still valid).")
        .steps(renewal_steps(Side::Skype, false))
        .explain("Microsoft requires Skype's OAuthTokenIssuer certificate to carry the SIP domain in its subject; one that does not is outside what the products are tested with."),
    );
}
