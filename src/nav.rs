//! The persistent side navigation: the setup steps in order.

use leptos::prelude::*;

use crate::router::Link;
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
    // `Link` marks the current page with aria-current="page"; the CSS styles that.
    view! {
        <li>
            <Link href=page.path>
                <span class="step-number" aria-hidden="true">
                    {page.step.map(|n| n.to_string()).unwrap_or_default()}
                </span>
                <span class="step-title">{page.title}</span>
            </Link>
        </li>
    }
}
