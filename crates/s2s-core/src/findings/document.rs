//! Checks of a document as a whole: could it be read, is it the right
//! service's document, are its issuer and realm well-formed.

use super::{Finding, Severity};
use crate::analysis::{DocumentState, SideAnalysis};
use crate::metadata::{DocumentError, MetadataDocument, RealmSource};
use crate::principal::{self, EXCHANGE, SKYPE};
use crate::topology::Side;

fn url_of(side: &SideAnalysis) -> String {
    side.url
        .clone()
        .unwrap_or_else(|| "the metadata URL".to_string())
}

/// Reports why the document cannot be checked, or that it was read; returns
/// the document when there is one.
pub(super) fn readable<'a>(
    side: &'a SideAnalysis,
    findings: &mut Vec<Finding>,
) -> Option<&'a MetadataDocument> {
    let s = side.side;
    let url = url_of(side);
    match &side.state {
        DocumentState::NotFetched => None,
        DocumentState::FetchFailed { reason } => {
            findings.push(
                Finding::new("S2S-DOC-UNREACHABLE", Severity::Fail, s, "The metadata document could not be fetched")
                    .expected(format!("an HTTP answer from {url}"))
                    .actual(reason.clone())
                    .fix("Check the host name, that it resolves, and that port 443 is reachable from this machine and from the other server; correct the URL if it is wrong.")
                    .explain("The other server downloads this document to trust this one; New-CsPartnerApplication and Configure-EnterprisePartnerApplication.ps1 fail with 'could not be downloaded' when it cannot."),
            );
            None
        }
        DocumentState::HttpError {
            status,
            content_type,
        } => {
            let fix = match status {
                401 | 403 => {
                    "The metadata endpoint must allow anonymous access: check authentication on the virtual directory (Autodiscover on Exchange) and any reverse proxy in front of it."
                }
                404 => {
                    "The path is wrong: Skype publishes /metadata/json/1 on the pool, Exchange /autodiscover/metadata/json/1 on the autodiscover host."
                }
                _ => {
                    "Check the web server and any load balancer or proxy in front of it; the document must be served with status 200."
                }
            };
            let mut f = Finding::new(
                "S2S-DOC-HTTP-STATUS",
                Severity::Fail,
                s,
                format!("The metadata URL answered HTTP {status}"),
            )
            .expected("HTTP 200 with the JSON document")
            .actual(format!("HTTP {status}"))
            .fix(fix)
            .explain("Only a 200 answer carries the document the other server needs.");
            if let Some(ct) = content_type {
                f = f.evidence(format!("content-type: {ct}"));
            }
            findings.push(f);
            None
        }
        DocumentState::Unreadable(err) => {
            let (id, title) = match err {
                DocumentError::NotAnObject { .. } => (
                    "S2S-DOC-NOT-METADATA",
                    "The answer is JSON but not a metadata document",
                ),
                DocumentError::Html => (
                    "S2S-DOC-NOT-JSON",
                    "The answer is an HTML page, not the metadata document",
                ),
                _ => (
                    "S2S-DOC-NOT-JSON",
                    "The answer is not a readable JSON document",
                ),
            };
            findings.push(
                Finding::new(id, Severity::Fail, s, title)
                    .expected("a JSON authentication metadata document")
                    .actual(err.to_string())
                    .fix("Open the URL in a browser on the other server: an HTML page usually means a login page or a proxy's error page is served instead; make the URL reachable anonymously.")
                    .explain("The other server must be able to parse this document to register the partner application."),
            );
            None
        }
        DocumentState::Read(doc) => {
            if doc.service_name.is_none() && doc.issuer.is_none() && doc.keys.is_empty() {
                findings.push(
                    Finding::new(
                        "S2S-DOC-NOT-METADATA",
                        Severity::Fail,
                        s,
                        "The JSON has none of the fields of a metadata document",
                    )
                    .expected("serviceName, issuer and keys")
                    .actual("none of them")
                    .fix("Check that the URL points at the metadata endpoint (…/metadata/json/1).")
                    .explain("Without these fields there is nothing to trust."),
                );
                return None;
            }
            let mut f = Finding::new(
                "S2S-DOC-READ",
                Severity::Pass,
                s,
                "The metadata document was read",
            )
            .evidence(format!("{} bytes from {url}", doc.raw.len()));
            if let Some(name) = &doc.name {
                // The document's own words, quoted.
                f = f.evidence(format!("name: {}", super::quoted(name)));
            }
            findings.push(f);
            if !doc.problems.is_empty() {
                let mut f = Finding::new("S2S-DOC-FIELD-TYPE", Severity::Warn, s, "Some fields have an unexpected type and were ignored")
                    .expected("strings, arrays and objects where the format has them")
                    .actual(format!("{} field(s) of another type", doc.problems.len()))
                    .fix("Usually harmless if the other checks pass; a hand-edited or proxied document may be damaged.")
                    .explain("The console read the rest of the document; the server reading it may be stricter.");
                for p in &doc.problems {
                    f = f.evidence(format!("{}: {}", p.path, p.message));
                }
                findings.push(f);
            }
            Some(doc)
        }
    }
}

/// The service principal the document names, from `serviceName` or else the
/// issuer's part before `@`.
fn service_principal(doc: &MetadataDocument) -> Option<String> {
    doc.service_name.clone().or_else(|| {
        doc.issuer
            .as_deref()
            .and_then(|i| i.split_once('@'))
            .map(|(id, _)| id.to_string())
    })
}

fn describe(id: &str) -> String {
    match principal::lookup(id) {
        Some(p) => format!("{id} ({})", p.product),
        None => format!("{id} (not a well-known service)"),
    }
}

pub(super) fn principal(
    s: Side,
    doc: &MetadataDocument,
    role: Option<Side>,
    findings: &mut Vec<Finding>,
) {
    let Some(role) = role.filter(|r| *r != Side::Both) else {
        return;
    };
    let want = if role == Side::Skype { SKYPE } else { EXCHANGE };
    let Some(actual) = service_principal(doc) else {
        findings.push(
            Finding::new("S2S-PRINCIPAL-WRONG", Severity::Fail, s, "The document names no service principal")
                .expected(describe(want.id))
                .actual("no serviceName and no issuer")
                .fix("Check that the URL is the metadata endpoint of the right server.")
                .explain("The partner application is registered under the service principal the document names."),
        );
        return;
    };
    if actual.eq_ignore_ascii_case(want.id) {
        findings.push(
            Finding::new(
                "S2S-PRINCIPAL-OK",
                Severity::Pass,
                s,
                format!("The document is {}'s", want.product),
            )
            .evidence(format!("serviceName {}", describe(&actual))),
        );
        return;
    }
    let other = if role == Side::Skype { EXCHANGE } else { SKYPE };
    let fix = if actual.eq_ignore_ascii_case(other.id) {
        "The two metadata URLs look swapped: the pool's URL must be given for Skype and the autodiscover URL for Exchange."
    } else {
        "Point the URL at the right server: the Skype pool (https://<pool FQDN>/metadata/json/1) or Exchange autodiscover (https://<host>/autodiscover/metadata/json/1)."
    };
    findings.push(
        Finding::new("S2S-PRINCIPAL-WRONG", Severity::Fail, s, format!("This is not {}'s metadata document", want.product))
            .expected(describe(want.id))
            .actual(describe(&actual))
            .fix(fix)
            .explain("Each server must be registered from the other's own document; another service's document creates a partner application for the wrong service."),
    );
}

pub(super) fn issuer(s: Side, doc: &MetadataDocument, findings: &mut Vec<Finding>) {
    let Some(service) = service_principal(doc) else {
        return;
    };
    let realm = doc.realm().map(|(r, _)| r.to_string());
    let expected = format!("{service}@{}", realm.as_deref().unwrap_or("<realm>"));
    let Some(issuer) = doc.issuer.as_deref() else {
        findings.push(
            Finding::new("S2S-ISSUER-FORMAT", Severity::Warn, s, "The document has no issuer")
                .expected(expected)
                .actual("no issuer field")
                .fix("Skype and Exchange always publish an issuer; check that this is the server's own document and not a copy.")
                .explain("Tokens are checked against the issuer <serviceName>@<realm>."),
        );
        return;
    };
    let well_formed = match issuer.rsplit_once('@') {
        Some((id, r)) => {
            id.eq_ignore_ascii_case(&service)
                && doc
                    .realm_published
                    .as_deref()
                    .is_none_or(|published| published.eq_ignore_ascii_case(r))
        }
        None => false,
    };
    if well_formed {
        findings.push(
            Finding::new(
                "S2S-ISSUER-OK",
                Severity::Pass,
                s,
                "The issuer is <serviceName>@<realm>",
            )
            .evidence(format!("issuer {issuer}")),
        );
    } else {
        findings.push(
            Finding::new("S2S-ISSUER-FORMAT", Severity::Fail, s, "The issuer does not match the service name and realm")
                .expected(expected)
                .actual(issuer.to_string())
                .fix("On Skype, set the realm with Set-CsOAuthConfiguration -Realm; on Exchange, check Get-AuthConfig (ServiceName, Realm).")
                .explain("Tokens name this issuer; if it disagrees with serviceName and realm the other server rejects them."),
        );
    }
}

pub(super) fn realm_vs_sip_domain(
    doc: &MetadataDocument,
    sip_domain: &str,
    findings: &mut Vec<Finding>,
) {
    let sip = sip_domain.trim().trim_end_matches('.');
    let Some((realm, source)) = doc.realm() else {
        return;
    };
    let from = match source {
        RealmSource::Published => "realm",
        RealmSource::Issuer => "issuer",
    };
    if realm.eq_ignore_ascii_case(sip) {
        findings.push(
            Finding::new(
                "S2S-REALM-SIP-OK",
                Severity::Pass,
                Side::Skype,
                "Skype's OAuth realm is the SIP domain",
            )
            .evidence(format!("{from}: {realm}")),
        );
    } else {
        findings.push(
            Finding::new("S2S-REALM-SIP-MISMATCH", Severity::Warn, Side::Skype, "Skype's OAuth realm is not the SIP domain given")
                .expected(sip.to_string())
                .actual(format!("{realm} (from the document's {from})"))
                .fix("If the realm was changed on purpose, make sure it is an accepted domain in Exchange (Get-AcceptedDomain); otherwise restore it with Set-CsOAuthConfiguration -Realm <SIP domain> and re-create the partner application on Exchange.")
                .steps(&["collect-accepted-domains", "skype-oauth-configuration", "exchange-partner-application"])
                .explain("Skype's realm defaults to the default SIP domain, and Exchange accepts Skype's tokens only when that realm is one of its accepted domains (401 invalid_tenant otherwise)."),
        );
    }
}
