//! Certificate cards: who, from whom, until when (with a days-left bar on
//! the 60/20-day thresholds of the findings), key, signature, thumbprint and
//! x5t to copy, usages, names, full details, and downloads. The
//! Certificates page and the Report show them.

use leptos::prelude::*;
use s2s_core::analysis::SideAnalysis;
use s2s_core::cert::{CertificateSummary, DecodedCertificate, to_pem};
use s2s_core::findings::{Analyses, FAIL_DAYS, WARN_DAYS, expiry_severity};
use s2s_core::time::UnixTime;
use s2s_core::topology::{PastedThumbprint, Side};

use crate::components::CopyButton;
use crate::components::pair::{pair, pair_quoted};
use crate::copy::download;
use crate::i18n::{tr, tr_text, trf};
use crate::presentation::{expiry_words, severity_class};
use crate::workspace::FetchState;

/// One certificate to show, and where it came from.
#[derive(Clone, PartialEq)]
pub struct Shown {
    /// "Skype for Business · signing key $.keys[0]".
    pub origin: String,
    pub cert: Result<DecodedCertificate, String>,
}

/// Every published key of both documents, then both servers' TLS chains:
/// a report's certificates, all drawn at once.
// The Report's, which moves to `view!` on its own branch.
#[allow(dead_code)]
pub fn all_certificates(analyses: &Analyses, fetches: [(Side, &FetchState); 2]) -> Vec<Shown> {
    let mut shown = published(&analyses.skype);
    shown.extend(published(&analyses.exchange));
    for (side, state) in fetches {
        shown.extend(tls_chain(side, state));
    }
    shown
}

/// The keys one side's document publishes.
pub fn published(side: &SideAnalysis) -> Vec<Shown> {
    side.keys
        .iter()
        .map(|k| Shown {
            // A key published for another use says so (it signs nothing).
            origin: match k.key.usage.as_deref() {
                Some(usage) if !k.key.is_signing() => trf(
                    "{} · key {} (usage {})",
                    &[side.side.label(), &k.key.path, usage],
                ),
                _ => trf("{} · signing key {}", &[side.side.label(), &k.key.path]),
            },
            cert: k.certificate.clone().map_err(|e| e.to_string()),
        })
        .collect()
}

/// The certificates a server presented when its document was fetched,
/// leaf first.
pub fn tls_chain(side: Side, state: &FetchState) -> Vec<Shown> {
    let Some(tls) = state.report().and_then(|r| r.tls.as_ref()) else {
        return Vec::new();
    };
    tls.peer_chain
        .iter()
        .enumerate()
        .map(|(i, b64)| {
            let role = if i == 0 {
                "server certificate"
            } else {
                "chain certificate"
            };
            Shown {
                // The same in Korean but for the role: no entry of its own.
                origin: [
                    side.label(),
                    " · TLS ",
                    tr(role),
                    " #",
                    &(i + 1).to_string(),
                ]
                .concat(),
                cert: s2s_core::keyvalue::decode_base64(b64)
                    .map_err(|e| e.to_string())
                    .and_then(|der| s2s_core::cert::decode_der(&der).map_err(|e| e.to_string())),
            }
        })
        .collect()
}

/// The cards of `shown` at `now`, marking those a pasted thumbprint names.
/// Drawn again over itself, each card keeps its elements (an opened "Full
/// details" stays open).
#[component]
pub fn CertificateCards(
    shown: Vec<Shown>,
    now: UnixTime,
    pasted: Vec<PastedThumbprint>,
) -> AnyView {
    shown
        .iter()
        .map(|s| card(s, now, &pasted))
        .collect_view()
        .into_any()
}

/// One certificate: marked when a pasted thumbprint names it.
fn card(shown: &Shown, now: UnixTime, pasted: &[PastedThumbprint]) -> AnyView {
    let origin = shown.origin.clone();
    let cert = match &shown.cert {
        Ok(c) => c,
        Err(e) => {
            return view! {
                <article class="cert-card card sev-fail">
                    <p class="cert-origin">{origin}</p>
                    <p class="error">{tr_text(e)}</p>
                </article>
            }
            .into_any();
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
    let badges = matched
        .iter()
        .map(|m| {
            view! {
                <p class="match-badge">
                    {trf("Matches the pasted thumbprint ({})", &[&m.source])}
                </p>
            }
        })
        .collect_view();
    let key = match (s.public_key.bits, &s.public_key.curve) {
        (_, Some(curve)) => [s.public_key.algorithm.as_str(), " ", curve].concat(),
        (Some(bits), None) => trf("{} {} bits", &[&s.public_key.algorithm, &bits.to_string()]),
        (None, None) => s.public_key.algorithm.clone(),
    };
    let signature = if s.signature.weak_hash {
        trf("{} (weak hash)", &[&s.signature.name])
    } else {
        s.signature.name.clone()
    };
    let joined = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
    view! {
        <article class=class>
            <p class="cert-origin">{origin}</p>
            // The certificate's own name, as it is.
            <h3 translate="no">{s.subject.clone()}</h3>
            {badges}
            {validity(s, now)}
            <dl>
                {pair_quoted(tr("Issuer"), Some(&s.issuer))}
                {pair(tr("Key"), Some(&key))}
                {pair(tr("Signature"), Some(&signature))}
                {copyable("Thumbprint", "Copy Thumbprint", &s.sha1_thumbprint)}
                {copyable("x5t", "Copy x5t", &s.x5t)}
                {pair(tr("Key usage"), joined(&s.key_usage).as_deref())}
                {pair(tr("Extended key usage"), joined(&s.extended_key_usage).as_deref())}
                {pair(tr("Subject alternative names"), joined(&s.subject_alt_names).as_deref())}
            </dl>
            {details(cert)}
            {downloads(cert)}
        </article>
    }
    .into_any()
}

fn validity(s: &CertificateSummary, now: UnixTime) -> impl IntoView + use<> {
    let days = s.days_left(now);
    let (class, text) = if s.is_not_yet_valid(now) {
        (
            "sev-fail",
            trf("not valid before {}", &[&s.not_before.to_rfc3339()]),
        )
    } else {
        let class = if s.is_expired(now) {
            "sev-fail"
        } else {
            severity_class(expiry_severity(days))
        };
        (class, expiry_words(s.not_after, now))
    };
    // A certificate not valid yet has no days of validity to show.
    let value = if s.is_not_yet_valid(now) {
        0
    } else {
        days.clamp(0, 365)
    };
    let period = [
        s.not_before.to_rfc3339().as_str(),
        " → ",
        &s.not_after.to_rfc3339(),
        " · ",
    ]
    .concat();
    view! {
        <div class=["validity ", class].concat()>
            <p>
                {period}
                <strong>{text.clone()}</strong>
            </p>
            <meter
                min="0"
                max="365"
                low=FAIL_DAYS.to_string()
                high=WARN_DAYS.to_string()
                optimum="365"
                value=value.to_string()
                aria-label=text
            ></meter>
        </div>
    }
}

/// A value with its copy button; `term` in English, `label` the button's
/// name (the catalogue has each whole).
fn copyable(term: &'static str, label: &'static str, value: &str) -> impl IntoView + use<> {
    view! {
        <dt>{tr(term)}</dt>
        <dd>
            <code>{value.to_string()}</code>
            <CopyButton label=tr(label).to_string() text=value.to_string()/>
        </dd>
    }
}

/// What an administrator rarely needs, folded away.
fn details(cert: &DecodedCertificate) -> impl IntoView + use<> {
    let s = &cert.summary;
    let ca = match s.is_ca {
        Some(true) => tr("yes"),
        Some(false) => tr("no"),
        None => tr("no basic constraints"),
    };
    let path_len = s.path_len.map(|p| p.to_string());
    let self_issued = if s.self_issued { tr("yes") } else { tr("no") };
    let size = trf("{} bytes", &[&cert.der.len().to_string()]);
    let problems = s
        .extension_problems
        .iter()
        .map(|p| pair(tr("Unreadable extension"), Some(&tr_text(p))))
        .collect_view();
    view! {
        <details>
            <summary>{tr("Full details")}</summary>
            <dl>
                {pair(tr("Serial number"), Some(&s.serial))}
                {pair("SHA-256", Some(&s.sha256_fingerprint))}
                {pair(tr("Signature algorithm OID"), Some(&s.signature.oid))}
                {pair(tr("Certificate authority"), Some(ca))}
                {pair(tr("Path length"), path_len.as_deref())}
                {pair(tr("Self-issued"), Some(self_issued))}
                {pair(tr("Size"), Some(&size))}
                {problems}
            </dl>
        </details>
    }
}

/// The certificate as a file, in both encodings Windows reads; a download
/// the browser refused says so.
fn downloads(cert: &DecodedCertificate) -> impl IntoView + use<> {
    let stem = file_stem(&cert.summary);
    let cer = [stem.as_str(), ".cer"].concat();
    let pem = [stem.as_str(), ".pem"].concat();
    let der = cert.der.clone();
    let pem_text = to_pem(&cert.der);
    let failure = RwSignal::new(None::<String>);
    let save = move |name: &str, mime: &str, bytes: &[u8]| {
        failure.set(download(name, mime, bytes).err().map(|e| tr_text(&e)));
    };
    view! {
        <p class="cert-downloads">
            <button
                type="button"
                class="secondary"
                data-download=cer.clone()
                on:click=move |_| save(&cer, "application/pkix-cert", &der)
            >
                {tr("Download .cer")}
            </button>
            <button
                type="button"
                class="secondary"
                data-download=pem.clone()
                on:click=move |_| save(&pem, "application/x-pem-file", pem_text.as_bytes())
            >
                {tr("Download .pem")}
            </button>
            <span
                role="status"
                class=move || if failure.with(Option::is_some) { "copy-status" } else { "offscreen" }
            >
                {move || failure.get()}
            </span>
        </p>
    }
}

/// A file name from the certificate's common name.
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
