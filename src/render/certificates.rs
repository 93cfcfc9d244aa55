//! Certificate cards: who, from whom, until when (with a days-left bar on
//! the 60/20-day thresholds of the findings), key, signature, thumbprint and
//! x5t to copy, usages, names, full details, and downloads.

use s2s_core::analysis::SideAnalysis;
use s2s_core::cert::{CertificateSummary, DecodedCertificate, to_pem};
use s2s_core::findings::{FAIL_DAYS, WARN_DAYS, expiry_severity};
use s2s_core::time::UnixTime;
use s2s_core::topology::{PastedThumbprint, Side};

use crate::html::Html;
use crate::i18n::{tr, tr_text, trf, trn};
use crate::workspace::{Diagnosis, FetchState};

/// One certificate to show, and where it came from.
pub struct Shown<'a> {
    /// "Skype for Business · key $.keys[0]".
    pub origin: String,
    pub cert: Result<&'a DecodedCertificate, String>,
}

fn file_stem(summary: &CertificateSummary) -> String {
    let cn = summary
        .subject
        .split(", ")
        .find_map(|p| p.strip_prefix("CN="))
        .unwrap_or("certificate");
    cn.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn validity(h: &mut Html, s: &CertificateSummary, now: UnixTime) {
    let days = s.days_left(now);
    let (class, text) = if s.is_not_yet_valid(now) {
        (
            "sev-fail",
            trf("not valid before {}", &[&s.not_before.to_rfc3339()]),
        )
    } else if s.is_expired(now) {
        (
            "sev-fail",
            match s.days_since_expiry(now) {
                0 => tr("expired today").to_string(),
                ago => trn(ago, "expired {} day ago", "expired {} days ago"),
            },
        )
    } else {
        let class = super::severity_class(expiry_severity(days));
        (class, trn(days, "{} day left", "{} days left"))
    };
    // A certificate not valid yet has no days of validity to show.
    let value = if s.is_not_yet_valid(now) {
        0
    } else {
        days.clamp(0, 365)
    }
    .to_string();
    let low = FAIL_DAYS.to_string();
    let high = WARN_DAYS.to_string();
    h.open("div", &[("class", &format!("validity {class}"))])
        .open("p", &[])
        .text(&format!(
            "{} → {} · ",
            s.not_before.to_rfc3339(),
            s.not_after.to_rfc3339()
        ))
        .el("strong", &[], &text)
        .close("p")
        .open(
            "meter",
            &[
                ("min", "0"),
                ("max", "365"),
                ("low", &low),
                ("high", &high),
                ("optimum", "365"),
                ("value", &value),
                ("aria-label", &text),
            ],
        )
        .close("meter")
        .close("div");
}

/// A value with its copy button; `term` in English (the button's name is
/// "Copy " and the term, which the catalogue has whole).
fn copyable(h: &mut Html, term: &'static str, value: &str) {
    h.el("dt", &[], tr(term))
        .open("dd", &[])
        .el("code", &[], value)
        .copy_button(&format!("Copy {term}"), value)
        .close("dd");
}

pub fn card(h: &mut Html, shown: &Shown, now: UnixTime, pasted: &[PastedThumbprint]) {
    let cert = match &shown.cert {
        Ok(c) => c,
        Err(e) => {
            h.open("article", &[("class", "cert-card card sev-fail")])
                .el("p", &[("class", "cert-origin")], &shown.origin)
                .el("p", &[("class", "error")], &tr_text(e))
                .close("article");
            return;
        }
    };
    let s = &cert.summary;
    let matched: Vec<&PastedThumbprint> = pasted
        .iter()
        .filter(|p| p.value.thumbprint() == s.sha1_thumbprint)
        .collect();
    let class = if matched.is_empty() {
        "cert-card card"
    } else {
        "cert-card card matched"
    };
    h.open("article", &[("class", class)])
        .el("p", &[("class", "cert-origin")], &shown.origin)
        // The certificate's own name, as it is.
        .el("h3", &[("translate", "no")], &s.subject);
    for m in matched {
        h.el(
            "p",
            &[("class", "match-badge")],
            &trf("Matches the pasted thumbprint ({})", &[&m.source]),
        );
    }
    validity(h, s, now);
    let key = match (s.public_key.bits, &s.public_key.curve) {
        (_, Some(curve)) => format!("{} {curve}", s.public_key.algorithm),
        (Some(bits), None) => trf("{} {} bits", &[&s.public_key.algorithm, &bits.to_string()]),
        (None, None) => s.public_key.algorithm.clone(),
    };
    let signature = if s.signature.weak_hash {
        trf("{} (weak hash)", &[&s.signature.name])
    } else {
        s.signature.name.clone()
    };
    h.open("dl", &[])
        .pair_quoted(tr("Issuer"), Some(&s.issuer))
        .pair(tr("Key"), Some(&key))
        .pair(tr("Signature"), Some(&signature));
    copyable(h, "Thumbprint", &s.sha1_thumbprint);
    copyable(h, "x5t", &s.x5t);
    let joined = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
    h.pair(tr("Key usage"), joined(&s.key_usage).as_deref())
        .pair(
            tr("Extended key usage"),
            joined(&s.extended_key_usage).as_deref(),
        )
        .pair(
            tr("Subject alternative names"),
            joined(&s.subject_alt_names).as_deref(),
        )
        .close("dl");
    let ca = match s.is_ca {
        Some(true) => tr("yes"),
        Some(false) => tr("no"),
        None => tr("no basic constraints"),
    };
    let path_len = s.path_len.map(|p| p.to_string());
    h.open("details", &[])
        .el("summary", &[], tr("Full details"))
        .open("dl", &[])
        .pair(tr("Serial number"), Some(&s.serial))
        .pair("SHA-256", Some(&s.sha256_fingerprint))
        .pair(tr("Signature algorithm OID"), Some(&s.signature.oid))
        .pair(tr("Certificate authority"), Some(ca))
        .pair(tr("Path length"), path_len.as_deref())
        .pair(
            tr("Self-issued"),
            Some(if s.self_issued { tr("yes") } else { tr("no") }),
        )
        .pair(
            tr("Size"),
            Some(&trf("{} bytes", &[&cert.der.len().to_string()])),
        );
    for p in &s.extension_problems {
        h.pair(tr("Unreadable extension"), Some(&tr_text(p)));
    }
    h.close("dl").close("details");
    let stem = file_stem(s);
    h.open("p", &[("class", "cert-downloads")])
        .open(
            "button",
            &[
                ("type", "button"),
                ("class", "secondary"),
                ("data-download", &format!("{stem}.cer")),
                ("data-mime", "application/pkix-cert"),
                ("data-b64", &s2s_core::encoding::standard(&cert.der)),
            ],
        )
        .text(tr("Download .cer"))
        .close("button")
        .open(
            "button",
            &[
                ("type", "button"),
                ("class", "secondary"),
                ("data-download", &format!("{stem}.pem")),
                ("data-mime", "application/x-pem-file"),
                ("data-content", &to_pem(&cert.der)),
            ],
        )
        .text(tr("Download .pem"))
        .close("button")
        .close("p")
        .close("article");
}

pub fn cards(shown: &[Shown], now: UnixTime, pasted: &[PastedThumbprint]) -> String {
    let mut h = Html::new();
    for s in shown {
        card(&mut h, s, now, pasted);
    }
    h.finish()
}

fn chain(report: Option<&s2s_core::api::FetchReport>) -> Vec<Result<DecodedCertificate, String>> {
    report
        .and_then(|r| r.tls.as_ref())
        .map(|tls| {
            tls.peer_chain
                .iter()
                .map(|b64| {
                    s2s_core::keyvalue::decode_base64(b64)
                        .map_err(|e| e.to_string())
                        .and_then(|der| s2s_core::cert::decode_der(&der).map_err(|e| e.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn published<'a>(side: &'a SideAnalysis, out: &mut Vec<Shown<'a>>) {
    for k in &side.keys {
        // A key published for another use says so (it signs nothing).
        let origin = match k.key.usage.as_deref() {
            Some(usage) if !k.key.is_signing() => trf(
                "{} · key {} (usage {})",
                &[side.side.label(), &k.key.path, usage],
            ),
            _ => trf("{} · signing key {}", &[side.side.label(), &k.key.path]),
        };
        out.push(Shown {
            origin,
            cert: k.certificate.as_ref().map_err(|e| e.to_string()),
        });
    }
}

/// Every published key of both documents, then both servers' TLS chains;
/// empty when there is nothing to show.
pub fn all_cards(
    d: &Diagnosis,
    fetches: [(Side, &FetchState); 2],
    pasted: &[PastedThumbprint],
) -> String {
    let chains: Vec<(Side, Vec<Result<DecodedCertificate, String>>)> = fetches
        .iter()
        .map(|(side, state)| (*side, chain(state.report())))
        .collect();
    let mut shown = Vec::new();
    published(&d.analyses.skype, &mut shown);
    published(&d.analyses.exchange, &mut shown);
    for (side, certs) in &chains {
        for (i, c) in certs.iter().enumerate() {
            let role = if i == 0 {
                "server certificate"
            } else {
                "chain certificate"
            };
            shown.push(Shown {
                // The same in Korean but for the role: no entry of its own.
                origin: format!("{} · TLS {} #{}", side.label(), tr(role), i + 1),
                cert: c.as_ref().map_err(Clone::clone),
            });
        }
    }
    if shown.is_empty() {
        return String::new();
    }
    cards(&shown, d.now, pasted)
}
