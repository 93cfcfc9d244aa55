//! Step 2: both documents side by side, each with its fetch.

use leptos::prelude::*;
use leptos_router::components::A;
use s2s_core::topology::Side;

use crate::app::ServerInfoResource;
use crate::components::metadata_side::MetadataSide;
use crate::components::{PageHeader, ReadOnlyNote};
use crate::i18n::{tr, trf};
use crate::presentation::View;
use crate::redrawn::redrawn;
use crate::routes;
use crate::workspace::{FetchState, Workspace};

#[component]
pub fn MetadataPage() -> AnyView {
    super::set_document_title(routes::METADATA.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    let can_fetch = Memo::new(move |_| ws.checked.with(|c| c.can_fetch()) && !server.read_only());
    // Why the buttons are off, when they are.
    let why_not = move || {
        if server.read_only() {
            view! { <ReadOnlyNote/> }.into_any()
        } else if !can_fetch.get() {
            view! {
                <span class="muted">
                    " "
                    {tr("Name the servers on the ")}
                    <A href=routes::TOPOLOGY.path>{tr("Topology")}</A>
                    {tr(" page first.")}
                </span>
            }
            .into_any()
        } else {
            ().into_any()
        }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <PageHeader page=routes::METADATA/>
            <div class="form-actions">
                <button
                    type="button"
                    data-action="fetch-both"
                    disabled=move || !can_fetch.get()
                    on:click=move |_| ws.fetch_both()
                >
                    {tr("Fetch both")}
                </button>
                {redrawn(why_not)}
            </div>
            <div class="side-by-side">
                {column(ws, Side::Skype, can_fetch)}
                {column(ws, Side::Exchange, can_fetch)}
            </div>
        </section>
    }
    .into_any()
}

/// One side's document and its refetch button. Only the document is drawn
/// again when its fetch changes: the button keeps the focus, and the other
/// side is left as it is.
fn column(ws: Workspace, side: Side, can_fetch: Memo<bool>) -> AnyView {
    let state = ws.fetch_state(side);
    let analysis = Memo::new(move |_| ws.diagnosis.with(|d| d.side(side).clone()));
    let action = if side == Side::Exchange {
        "refetch-exchange"
    } else {
        "refetch-skype"
    };
    let refetch = move |_| {
        ws.fetch(side);
        // Exchange's trust probe is Exchange's state too: a fix made on
        // Exchange shows in it, not only in the document.
        if side == Side::Exchange {
            ws.probe_exchange();
        }
    };
    view! {
        <div
            class="doc-column"
            aria-busy=move || {
                if state.with(|s| matches!(s, FetchState::Loading)) { "true" } else { "false" }
            }
        >
            {redrawn(move || {
                view! { <MetadataSide analysis=analysis.get() fetch=state.get() view=View::Console/> }.into_any()
            })}
            <button
                type="button"
                class="secondary"
                data-action=action
                disabled=move || !can_fetch.get()
                on:click=refetch
            >
                {trf("Refetch {}", &[side.label()])}
            </button>
        </div>
    }
    .into_any()
}
