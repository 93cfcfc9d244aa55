//! Why fetching is off where a fetch would be offered: the server is
//! read-only (reports only).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::routes;

#[component]
pub fn ReadOnlyNote() -> impl IntoView {
    view! {
        <span class="muted">
            " "
            {tr("This s2s server is read-only: it fetches nothing. Open a report on the ")}
            <A href=routes::REPORT.path>{tr("Report")}</A>
            {tr(" page.")}
        </span>
    }
}
