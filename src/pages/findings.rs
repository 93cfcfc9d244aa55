//! Step 4: every finding, grouped by side and severity, with its fix.

use leptos::prelude::*;

use crate::i18n::{tr, trf};
use crate::render::findings;
use crate::router::Link;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::Workspace;

#[component]
pub fn FindingsPage() -> impl IntoView {
    super::set_document_title(routes::FINDINGS.title());
    let ws = expect_context::<Workspace>();
    // The fixes show the exact commands, so the plan's fields are filled from
    // the topology as the Commands page would.
    let html = Signal::derive(move || {
        let plan = ws.form.with(|f| f.plan(ws.plan.get()));
        ws.diagnosis
            .with(|d| findings::all(&d.findings, plan.as_ref()))
    });
    let summary = move || {
        ws.diagnosis.with(|d| {
            if !d.fetched {
                return None;
            }
            let [fail, warn, info, pass] = findings::counts(&d.findings);
            Some(trf(
                "{} failed, {} warnings, {} notes, {} checks passed",
                &[
                    &fail.to_string(),
                    &warn.to_string(),
                    &info.to_string(),
                    &pass.to_string(),
                ],
            ))
        })
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="eyebrow">{tr("Step 4 of 6")}</p>
            <h1 id="page-title">{routes::FINDINGS.title()}</h1>
            <p class="lead">{routes::FINDINGS.purpose()}</p>
            {move || match summary() {
                Some(s) => view! { <p class="findings-summary" role="status">{s}</p> }.into_any(),
                None => view! {
                    <p class="notice">"Nothing fetched yet. "
                        <Link href=routes::TOPOLOGY.path>{tr("Name the servers and press Fetch both")}</Link> "."</p>
                }.into_any(),
            }}
            <StaticView html class="findings"/>
        </section>
    }
}
