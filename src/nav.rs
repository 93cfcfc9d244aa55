//! The persistent side navigation: the setup steps in order.

use leptos::prelude::*;

use s2s_core::findings::Severity;

use crate::i18n::tr;
use crate::router::Link;
use crate::routes::{ALL, FINDINGS, PageInfo};
use crate::workspace::Workspace;

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="sidenav" aria-label=tr("Console pages")>
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
                <span class="step-title">{page.title()}</span>
                {(page.path == FINDINGS.path).then(FindingsCount)}
            </Link>
        </li>
    }
}

/// How many problems the findings hold, coloured by the worst.
#[allow(non_snake_case)]
fn FindingsCount() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let counts = move || {
        ws.diagnosis.with(|d| {
            let n = |s| d.findings.iter().filter(|f| f.severity == s).count();
            (n(Severity::Fail), n(Severity::Warn))
        })
    };
    move || {
        let (fail, warn) = counts();
        (fail + warn > 0).then(|| {
            let class = if fail > 0 {
                "count sev-fail"
            } else {
                "count sev-warn"
            };
            let label = format!("{fail} failed, {warn} warnings");
            view! { <span class=class aria-label=label>{fail + warn}</span> }
        })
    }
}
