//! One side's fetch and document: the steps with their timings, the
//! answer, the fields, and the text as received. A column of the Metadata
//! page, and of a report's documents.

use leptos::prelude::*;
use s2s_core::analysis::{DocumentState, SideAnalysis};
use s2s_core::metadata::{MetadataDocument, RealmSource};
use s2s_core::principal;

use crate::components::CopyButton;
use crate::components::fetch_steps::FetchSteps;
use crate::components::pair::{not_translated, pair, pair_as_is};
use crate::i18n::{tr, tr_text, trf};
use crate::presentation::View;
use crate::workspace::FetchState;

#[component]
pub fn MetadataSide(analysis: SideAnalysis, fetch: FetchState, view: View) -> AnyView {
    let title = analysis.side.label();
    // One level deeper inside a report, under its sections.
    let heading = match view.heading(2) {
        "h2" => view! { <h2>{title}</h2> }.into_any(),
        _ => view! { <h3>{title}</h3> }.into_any(),
    };
    let url = analysis.url.clone().map(|url| {
        view! {
            <p class="url">
                <code>{url}</code>
            </p>
        }
    });
    let document = document(&analysis.state);
    let raw = fetch
        .report()
        .and_then(|r| r.body.as_deref())
        .filter(|b| !b.is_empty())
        .map(|body| {
            // Members stay in the order the server wrote them (preserve_order).
            let pretty = serde_json::from_str::<serde_json::Value>(body)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .map(|pretty| raw(tr("Document (pretty)"), pretty));
            view! {
                {pretty}
                {raw(tr("Body as received"), body.to_string())}
            }
        });
    view! {
        {heading}
        {url}
        {fetched(fetch)}
        {document}
        {raw}
    }
    .into_any()
}

/// How the fetch went.
fn fetched(fetch: FetchState) -> AnyView {
    match fetch {
        FetchState::Idle => view! { <p class="muted">{tr("Not fetched yet.")}</p> }.into_any(),
        FetchState::Loading => view! {
            <p class="pending" aria-busy="true">
                {tr("Fetching…")}
            </p>
        }
        .into_any(),
        FetchState::Done(Err(e)) => view! {
            <p class="error" role="alert">
                {tr_text(&e.to_string())}
            </p>
        }
        .into_any(),
        FetchState::Done(Ok(report)) => view! { <FetchSteps report/> }.into_any(),
    }
}

/// What was read of the answer.
fn document(state: &DocumentState) -> AnyView {
    match state {
        DocumentState::NotFetched | DocumentState::FetchFailed { .. } => ().into_any(),
        DocumentState::HttpError {
            status,
            content_type,
        } => {
            let said = trf(
                "The server answered HTTP {} ({}) instead of the document.",
                &[
                    &status.to_string(),
                    content_type.as_deref().unwrap_or(tr("no content type")),
                ],
            );
            view! { <p class="error">{said}</p> }.into_any()
        }
        DocumentState::Unreadable(e) => {
            view! { <p class="error">{tr_text(&e.to_string())}</p> }.into_any()
        }
        DocumentState::Read(doc) => fields(doc).into_any(),
    }
}

/// A term and its items. `as_is`: the items are the document's own values,
/// shown as received (`translate="no"`: nothing in them is the console's
/// text).
fn list(term: &str, items: Vec<String>, as_is: bool) -> Option<impl IntoView + use<>> {
    if items.is_empty() {
        return None;
    }
    Some(view! {
        <dt>{term.to_string()}</dt>
        <dd>
            <ul translate=not_translated(as_is)>
                {items
                    .into_iter()
                    .map(|i| view! { <li><code>{i}</code></li> })
                    .collect_view()}
            </ul>
        </dd>
    })
}

fn fields(doc: &MetadataDocument) -> impl IntoView + use<> {
    let service = doc.service_name.clone().map(|service| {
        let product = principal::lookup(&service)
            .map_or(tr("not a well-known service principal"), |p| tr(p.product));
        view! {
            <dt>{tr("Service principal")}</dt>
            <dd>
                <code>{service}</code>
                <span class="product">{[" ", product].concat()}</span>
            </dd>
        }
    });
    let realm = doc.realm().map(|(realm, source)| match source {
        RealmSource::Published => realm.to_string(),
        RealmSource::Issuer => trf("{} (from the issuer; no realm field)", &[realm]),
    });
    let endpoints = doc
        .endpoints
        .iter()
        .map(|e| {
            [
                e.location.as_deref().unwrap_or(tr("no location")),
                " (",
                e.protocol.as_deref().unwrap_or(tr("no protocol")),
                ", ",
                e.usage.as_deref().unwrap_or(tr("no usage")),
                ")",
            ]
            .concat()
        })
        .collect();
    let keys = doc
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
    let unknown = doc
        .unknown_fields
        .iter()
        .map(|u| [u.path.as_str(), " = ", &u.value.to_string()].concat())
        .collect();
    let problems = doc
        .problems
        .iter()
        .map(|p| tr_text(&[p.path.as_str(), ": ", &p.message].concat()))
        .collect();
    view! {
        <dl class="doc-fields">
            {service}
            {pair(tr("Realm"), realm.as_deref())}
            {pair(tr("Issuer"), doc.issuer.as_deref())}
            {pair_as_is("id", doc.id.as_deref())}
            {pair_as_is("version", doc.version.as_deref())}
            {pair_as_is("name", doc.name.as_deref())}
            {list(tr("Allowed audiences"), doc.allowed_audiences.clone(), true)}
            {list(tr("Endpoints"), endpoints, true)}
            {list(tr("Keys"), keys, false)}
            {list(tr("Fields the console does not know"), unknown, true)}
            {list(tr("Field problems"), problems, false)}
        </dl>
    }
}

/// The text as it is, folded, with its copy button.
fn raw(label: &'static str, text: String) -> impl IntoView + use<> {
    view! {
        <details class="raw">
            <summary>{label}</summary>
            <div class="command">
                <pre>
                    <code>{text.clone()}</code>
                </pre>
                <CopyButton label=label.to_string() text/>
            </div>
        </details>
    }
}
