//! A step of the setup flow: its title and what it is for. The step's own
//! content is added by the issue that builds it.

use leptos::prelude::*;

use crate::i18n::{tr, trf};
use crate::routes::PageInfo;

#[component]
pub fn StepPage(page: PageInfo) -> impl IntoView {
    super::set_document_title(page.title());
    let step = page.step.map(|n| trf("Step {} of 6", &[&n.to_string()]));
    view! {
        <section class="page" aria-labelledby="page-title">
            {step.map(|s| view! { <p class="eyebrow">{s}</p> })}
            <h1 id="page-title">{page.title()}</h1>
            <p class="lead">{page.purpose()}</p>
            <p class="notice">{tr("This page is not built yet in this version of the console.")}</p>
        </section>
    }
}
