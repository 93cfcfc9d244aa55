//! The persistent side navigation: the setup steps in order.

use leptos::prelude::*;
use leptos_router::components::A;
use s2s_core::findings::Severity;

use crate::i18n::{tr, trf, trn};
use crate::routes::{ALL, FINDINGS, PageInfo};
use crate::workspace::Workspace;

/// Each page's link (`aria-current="page"` on the one shown, from the
/// router; the CSS styles it), with the count of problems on Findings,
/// coloured by the worst.
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="sidenav" aria-label=tr("Console pages")>
            <ol>{ALL.iter().map(|page| view! { <li><NavLink page=*page/></li> }).collect_view()}</ol>
        </nav>
    }
}

#[component]
fn NavLink(page: PageInfo) -> impl IntoView {
    let step = page.step.map(|n| n.to_string()).unwrap_or_default();
    view! {
        <A href=page.path exact=true>
            <span class="step-number" aria-hidden="true">{step}</span>
            <span class="step-title">{page.title()}</span>
            {(page.path == FINDINGS.path).then(problem_count)}
        </A>
    }
}

/// How many problems the findings hold: the number is seen, the sentence
/// is read out (a plain span may not carry an aria-label).
fn problem_count() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let counts = Memo::new(move |_| {
        ws.diagnosis.with(|d| {
            let n = |s| d.findings.iter().filter(|f| f.severity == s).count();
            (n(Severity::Fail), n(Severity::Warn))
        })
    });
    move || {
        let (fail, warn) = counts.get();
        (fail + warn > 0).then(|| {
            let class = if fail > 0 {
                "count sev-fail"
            } else {
                "count sev-warn"
            };
            let label = trf(
                "{} failed, {}",
                &[
                    &fail.to_string(),
                    &trn(warn as i64, "{} warning", "{} warnings"),
                ],
            );
            view! {
                <span class=class aria-hidden="true">{(fail + warn).to_string()}</span>
                <span class="offscreen">" (" {label} ")"</span>
            }
        })
    }
}
