use leptos::prelude::*;

use crate::html::Html;
use crate::i18n::tr;
use crate::static_view::StaticView;

#[component]
pub fn NotFound() -> impl IntoView {
    super::set_document_title("Page not found");
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], tr("Page not found"))
        .el(
            "p",
            &[("class", "lead")],
            tr("The console has no page at this address."),
        )
        .open("p", &[])
        .el(
            "a",
            &[("href", "/"), ("data-nav", "")],
            tr("Go to the overview"),
        )
        .close("p");
    let html = h.finish();
    view! {
        <section class="page" aria-labelledby="page-title">
            <StaticView html/>
        </section>
    }
}
