//! The persistent side navigation: the setup steps in order.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::{ALL, PageInfo};

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="sidenav" aria-label="Console pages">
            <ol>
                {ALL.iter().map(|page| view! { <NavItem page=*page/> }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn NavItem(page: PageInfo) -> impl IntoView {
    // `A` marks the current page with aria-current="page"; the CSS styles that.
    view! {
        <li>
            <A href=page.path exact=true>
                <span class="step-number" aria-hidden="true">
                    {page.step.map(|n| n.to_string()).unwrap_or_default()}
                </span>
                <span class="step-title">{page.title}</span>
            </A>
        </li>
    }
}
