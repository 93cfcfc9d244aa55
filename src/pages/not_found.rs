//! Any address the console has no page for.

use leptos::prelude::*;

use crate::components::PageLink;
use crate::i18n::tr;
use crate::presentation::View;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    super::set_document_title(tr("Page not found"));
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{tr("Page not found")}</h1>
            <p class="lead">{tr("The console has no page at this address.")}</p>
            <p>
                <PageLink view=View::Console href="/" text=tr("Go to the overview")/>
            </p>
        </section>
    }
}
