//! Why fetching is off on a read-only server, and where to go instead: the
//! pages that would send the reader to fetch say it in their place.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::routes;

#[component]
pub fn ReadOnlyNote() -> AnyView {
    view! {
        <span class="muted">
            " "
            {tr("This s2s server is read-only: it fetches nothing. Open a report on the ")}
            <A href=routes::REPORT.path>{tr("Report")}</A>
            {tr(" page.")}
        </span>
    }
    .into_any()
}
