//! Step 4: every finding, grouped by side and severity, with its fix.

use leptos::prelude::*;

use crate::app::ServerInfoResource;
use crate::components::PageLink;
use crate::components::finding::{FindingList, counts};
use crate::i18n::{tr, trf};
use crate::render::View;
use crate::routes;
use crate::workspace::Workspace;

#[component]
pub fn FindingsPage() -> impl IntoView {
    super::set_document_title(routes::FINDINGS.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    // Memos: a fetch that changes neither leaves the list as it is.
    let findings = Memo::new(move |_| ws.diagnosis.with(|d| d.findings.clone()));
    let fetched = Memo::new(move |_| ws.diagnosis.with(|d| d.fetched));
    // The fixes show the exact commands, so the plan's fields are filled from
    // the topology as the Commands page would.
    let plan = Memo::new(move |_| ws.form.with(|f| f.plan(ws.plan.get())));
    let summary = move || {
        let [fail, warn, info, pass] = findings.with(|f| counts(f));
        trf(
            "Failed: {} · Warnings: {} · Notes: {} · Passed: {}",
            &[
                &fail.to_string(),
                &warn.to_string(),
                &info.to_string(),
                &pass.to_string(),
            ],
        )
    };
    let not_fetched = move || {
        let next = if server.read_only() {
            view! { <super::ReadOnlyNote/> }.into_any()
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
        view! { <p class="notice">{tr("Nothing fetched yet. ")} {next}</p> }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <super::PageHeader page=routes::FINDINGS/>
            <Show when=move || fetched.get() fallback=not_fetched>
                <p class="findings-summary" role="status">{summary}</p>
            </Show>
            <div class="findings">
                <FindingList findings plan view=View::Console/>
            </div>
        </section>
    }
}
