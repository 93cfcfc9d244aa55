//! Step 2: both documents side by side, each with its fetch.

use leptos::prelude::*;
use s2s_core::topology::Side;

use crate::i18n::{tr, trf};
use crate::render::metadata;
use crate::router::Link;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::{FetchState, Workspace};

#[component]
pub fn MetadataPage() -> impl IntoView {
    super::set_document_title(routes::METADATA.title());
    let ws = expect_context::<Workspace>();
    let can_fetch = move || ws.checked.with(|c| c.can_fetch());
    let column = move |side: Side| {
        let state = ws.fetch_state(side);
        let html = Signal::derive(move || {
            state.with(|s| ws.diagnosis.with(|d| metadata::side(d.side(side), s)))
        });
        let busy = move || state.with(|s| matches!(s, FetchState::Loading));
        let label = trf("Refetch {}", &[side.label()]);
        view! {
            <div class="doc-column" aria-busy=move || busy().to_string()>
                <StaticView html/>
                <button type="button" class="secondary"
                    disabled=move || !can_fetch() on:click=move |_| ws.fetch(side)>{label}</button>
            </div>
        }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="eyebrow">{tr("Step 2 of 6")}</p>
            <h1 id="page-title">{routes::METADATA.title()}</h1>
            <p class="lead">{routes::METADATA.purpose()}</p>
            <div class="form-actions">
                <button type="button" disabled=move || !can_fetch() on:click=move |_| ws.fetch_both()>{tr("Fetch both")}</button>
                <Show when=move || !can_fetch()>
                    <span class="muted">" Name the servers on the "<Link href=routes::TOPOLOGY.path>{tr("Topology")}</Link>{tr(" page first.")}</span>
                </Show>
            </div>
            <div class="side-by-side">
                {column(Side::Skype)}
                {column(Side::Exchange)}
            </div>
        </section>
    }
}
