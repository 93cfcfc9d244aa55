use crate::i18n::tr;
use crate::router::Link;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    super::set_document_title("Page not found");
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{tr("Page not found")}</h1>
            <p class="lead">{tr("The console has no page at this address.")}</p>
            <p><Link href="/">{tr("Go to the overview")}</Link></p>
        </section>
    }
}
