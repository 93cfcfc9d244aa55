//! One side's fetch and document: the steps with their timings (in the
//! manner of the Remote Connectivity Analyzer), the answer, the fields, and
//! the text as received.

use s2s_core::analysis::{DocumentState, SideAnalysis};
use s2s_core::api::FetchReport;
use s2s_core::metadata::{MetadataDocument, RealmSource};
use s2s_core::principal;

use crate::html::Html;
use crate::i18n::{tr, tr_any, tr_text, trf};
use crate::workspace::FetchState;

pub fn steps(h: &mut Html, report: &FetchReport) {
    h.open(
        "ol",
        &[("class", "fetch-steps"), ("aria-label", tr("Fetch steps"))],
    );
    for s in &report.steps {
        let class = if s.ok { "step-ok" } else { "step-failed" };
        h.open("li", &[("class", class)])
            .open("details", &[])
            .open("summary", &[])
            .el(
                "span",
                &[("class", "step-mark"), ("aria-hidden", "true")],
                if s.ok { "✓" } else { "✗" },
            )
            .el("span", &[("class", "step-name")], &tr_any(&s.name))
            .el(
                "span",
                &[("class", "visually-hidden")],
                if s.ok {
                    tr(" succeeded")
                } else {
                    tr(" failed")
                },
            )
            .el(
                "span",
                &[("class", "step-ms")],
                &format!("{} ms", s.ms.round() as i64),
            )
            .close("summary")
            .el("p", &[], &tr_text(&s.detail))
            .close("details")
            .close("li");
    }
    h.close("ol");
    if let Some(e) = &report.error {
        h.open("p", &[("class", "error"), ("role", "alert")])
            .el("code", &[], &e.code)
            .text(" ")
            .text(&tr_text(&e.message))
            .close("p");
    }
    if report.insecure {
        h.el(
            "p",
            &[("class", "warning")],
            tr("TLS certificate verification is switched off for this host in the s2s configuration (insecure_skip_verify): use it only in a lab."),
        );
    }
    if report.status.is_some() || report.tls.is_some() {
        h.open("dl", &[("class", "answer")]);
        let status = report.status.map(|s| s.to_string());
        h.pair(tr("HTTP status"), status.as_deref());
        for (name, value) in &report.headers {
            h.pair_as_is(name, Some(value));
        }
        if let Some(tls) = &report.tls {
            let count = tls.peer_chain.len().to_string();
            let chain = match tls.resumed_chain_age_seconds {
                None => trf("{} certificate(s), leaf first", &[&count]),
                // Fetched through the API by another client: say how old it is.
                Some(age) => trf(
                    "{} certificate(s), leaf first; TLS session resumed, chain verified {} s earlier",
                    &[&count, &age.to_string()],
                ),
            };
            h.pair(
                tr("TLS"),
                Some(&format!("{} · {}", tls.version, tls.cipher)),
            )
            .pair(tr("Server chain"), Some(&chain));
        }
        if report.truncated {
            h.pair(tr("Body"), Some(tr("cut off at the size limit")));
        }
        h.close("dl");
    }
}

/// A term and its items. `as_is`: the items are the document's own values,
/// shown as received (`translate="no"`: nothing in them is the console's
/// text).
fn list(h: &mut Html, term: &str, items: &[String], as_is: bool) {
    if items.is_empty() {
        return;
    }
    h.el("dt", &[], term)
        .open("dd", &[])
        .open("ul", &[crate::html::not_translated(as_is)]);
    for i in items {
        h.open("li", &[]).el("code", &[], i).close("li");
    }
    h.close("ul").close("dd");
}

fn fields(h: &mut Html, doc: &MetadataDocument) {
    h.open("dl", &[("class", "doc-fields")]);
    if let Some(service) = &doc.service_name {
        let product = principal::lookup(service)
            .map_or(tr("not a well-known service principal"), |p| tr(p.product));
        h.el("dt", &[], tr("Service principal"))
            .open("dd", &[])
            .el("code", &[], service)
            .el("span", &[("class", "product")], &format!(" {product}"))
            .close("dd");
    }
    if let Some((realm, source)) = doc.realm() {
        let realm = match source {
            RealmSource::Published => realm.to_string(),
            RealmSource::Issuer => trf("{} (from the issuer; no realm field)", &[realm]),
        };
        h.pair(tr("Realm"), Some(&realm));
    }
    h.pair(tr("Issuer"), doc.issuer.as_deref())
        .pair_as_is("id", doc.id.as_deref())
        .pair_as_is("version", doc.version.as_deref())
        .pair_as_is("name", doc.name.as_deref());
    list(h, tr("Allowed audiences"), &doc.allowed_audiences, true);
    let endpoints: Vec<String> = doc
        .endpoints
        .iter()
        .map(|e| {
            format!(
                "{} ({}, {})",
                e.location.as_deref().unwrap_or(tr("no location")),
                e.protocol.as_deref().unwrap_or(tr("no protocol")),
                e.usage.as_deref().unwrap_or(tr("no usage"))
            )
        })
        .collect();
    list(h, tr("Endpoints"), &endpoints, true);
    let keys: Vec<String> = doc
        .keys
        .iter()
        .map(|k| {
            let absent = tr("absent");
            trf(
                "{}: usage \"{}\", x5t {} (computed {}), {}",
                &[
                    &k.path,
                    k.usage.as_deref().unwrap_or(absent),
                    k.x5t_published.as_deref().unwrap_or(absent),
                    k.x5t_computed().as_deref().unwrap_or("—"),
                    &match &k.der {
                        Ok(der) => trf("certificate of {} bytes", &[&der.len().to_string()]),
                        Err(e) => tr_text(&e.to_string()),
                    },
                ],
            )
        })
        .collect();
    list(h, tr("Keys"), &keys, false);
    let unknown: Vec<String> = doc
        .unknown_fields
        .iter()
        .map(|u| format!("{} = {}", u.path, u.value))
        .collect();
    list(h, tr("Fields the console does not know"), &unknown, true);
    let problems: Vec<String> = doc
        .problems
        .iter()
        .map(|p| tr_text(&format!("{}: {}", p.path, p.message)))
        .collect();
    list(h, tr("Field problems"), &problems, false);
    h.close("dl");
}

fn raw(h: &mut Html, label: &'static str, text: &str) {
    h.open("details", &[("class", "raw")])
        .el("summary", &[], label)
        .open("div", &[("class", "command")])
        .open("pre", &[])
        .el("code", &[], text)
        .close("pre")
        .copy_button(label, text)
        .close("div")
        .close("details");
}

/// One column of the Metadata page (or of a report's documents).
pub fn side(analysis: &SideAnalysis, fetch: &FetchState, view: super::View) -> String {
    let mut h = Html::new();
    h.el(view.heading(2), &[], analysis.side.label());
    if let Some(url) = &analysis.url {
        h.open("p", &[("class", "url")])
            .el("code", &[], url)
            .close("p");
    }
    match fetch {
        FetchState::Idle => {
            h.el("p", &[("class", "muted")], tr("Not fetched yet."));
        }
        FetchState::Loading => {
            h.el(
                "p",
                &[("class", "pending"), ("aria-busy", "true")],
                tr("Fetching…"),
            );
        }
        FetchState::Done(Err(e)) => {
            h.el(
                "p",
                &[("class", "error"), ("role", "alert")],
                &tr_text(&e.to_string()),
            );
        }
        FetchState::Done(Ok(report)) => steps(&mut h, report),
    }
    match &analysis.state {
        DocumentState::NotFetched | DocumentState::FetchFailed { .. } => {}
        DocumentState::HttpError {
            status,
            content_type,
        } => {
            h.el(
                "p",
                &[("class", "error")],
                &trf(
                    "The server answered HTTP {} ({}) instead of the document.",
                    &[
                        &status.to_string(),
                        content_type.as_deref().unwrap_or(tr("no content type")),
                    ],
                ),
            );
        }
        DocumentState::Unreadable(e) => {
            h.el("p", &[("class", "error")], &tr_text(&e.to_string()));
        }
        DocumentState::Read(doc) => fields(&mut h, doc),
    }
    if let Some(body) = fetch
        .report()
        .and_then(|r| r.body.as_deref())
        .filter(|b| !b.is_empty())
    {
        // Members stay in the order the server wrote them (preserve_order).
        if let Some(pretty) = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
        {
            raw(&mut h, tr("Document (pretty)"), &pretty);
        }
        raw(&mut h, tr("Body as received"), body);
    }
    h.finish()
}
