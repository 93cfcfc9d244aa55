//! Step 4: every finding, grouped by side and severity, with its fix.

use leptos::prelude::*;

use crate::app::ServerInfoResource;
use crate::components::PageLink;
use crate::components::finding::{FindingList, counts};
use crate::i18n::{tr, trf};
use crate::presentation::View;
use crate::routes;
use crate::workspace::Workspace;

#[component]
pub fn FindingsPage() -> impl IntoView {
    super::set_document_title(routes::FINDINGS.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    let head = move || {
        if !ws.diagnosis.with(|d| d.fetched) {
            return not_fetched(server.read_only());
        }
        let [fail, warn, info, pass] = ws.diagnosis.with(|d| counts(&d.findings));
        let summary = trf(
            "Failed: {} · Warnings: {} · Notes: {} · Passed: {}",
            &[
                &fail.to_string(),
                &warn.to_string(),
                &info.to_string(),
                &pass.to_string(),
            ],
        );
        view! { <p class="findings-summary" role="status">{summary}</p> }.into_any()
    };
    // Drawn again over itself when the findings change: each side is updated
    // where it is, so passed checks opened on it stay open.
    let list = move || {
        // The fixes show the exact commands, so the plan's fields are filled
        // from the topology as the Commands page would.
        let plan = ws.form.with(|f| f.plan(ws.plan_input()));
        let findings = ws.diagnosis.with(|d| d.findings.clone());
        view! { <FindingList findings plan view=View::Console/> }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <crate::components::PageHeader page=routes::FINDINGS/>
            {head}
            <div class="findings">{list}</div>
        </section>
    }
}

/// Nothing fetched yet, and where to fetch (if this server fetches).
fn not_fetched(read_only: bool) -> AnyView {
    let next = if read_only {
        view! { <crate::components::ReadOnlyNote/> }.into_any()
    } else {
        view! {
            <PageLink
                view=View::Console
                href=routes::TOPOLOGY.path
                text=tr("Name the servers and press Fetch both")
            />
            "."
        }
        .into_any()
    };
    view! { <p class="notice">{tr("Nothing fetched yet. ")} {next}</p> }.into_any()
}
