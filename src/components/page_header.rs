//! A page's step, title and purpose, as every page opens.

use leptos::prelude::*;

use crate::i18n::trf;
use crate::routes::PageInfo;

#[component]
pub fn PageHeader(page: PageInfo) -> impl IntoView {
    let step = page
        .step
        .map(|n| view! { <p class="eyebrow">{trf("Step {} of 6", &[&n.to_string()])}</p> });
    view! {
        {step}
        <h1 id="page-title">{page.title()}</h1>
        <p class="lead">{page.purpose()}</p>
    }
}
