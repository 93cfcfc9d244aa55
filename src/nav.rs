//! The persistent side navigation: the setup steps in order.

use s2s_core::findings::Severity;

use crate::dom;
use crate::html::Html;
use crate::i18n::tr;
use crate::router::CurrentPath;
use crate::routes::{ALL, FINDINGS};
use crate::static_view::static_view;
use crate::workspace::Workspace;
use leptos::prelude::*;

/// Each page's link (`aria-current="page"` on the one shown; the CSS styles
/// that), with the count of problems on Findings, coloured by the worst.
fn markup(current: &str, fail: usize, warn: usize) -> String {
    let mut h = Html::new();
    h.open("ol", &[]);
    for page in ALL {
        let step = page.step.map(|n| n.to_string()).unwrap_or_default();
        let here = if current == page.path {
            "aria-current"
        } else {
            ""
        };
        h.open("li", &[])
            .open(
                "a",
                &[("href", page.path), ("data-nav", ""), (here, "page")],
            )
            .el(
                "span",
                &[("class", "step-number"), ("aria-hidden", "true")],
                &step,
            )
            .el("span", &[("class", "step-title")], page.title());
        if page.path == FINDINGS.path && fail + warn > 0 {
            let class = if fail > 0 {
                "count sev-fail"
            } else {
                "count sev-warn"
            };
            let label = crate::i18n::trf(
                "{} failed, {}",
                &[
                    &fail.to_string(),
                    &crate::i18n::trn(warn as i64, "{} warning", "{} warnings"),
                ],
            );
            // The number is seen; the sentence is read out (a plain span
            // may not carry an aria-label).
            h.el(
                "span",
                &[("class", class), ("aria-hidden", "true")],
                &(fail + warn).to_string(),
            )
            .el("span", &[("class", "offscreen")], &format!(" ({label})"));
        }
        h.close("a").close("li");
    }
    h.close("ol");
    h.finish()
}

pub fn nav() -> web_sys::Element {
    let ws = expect_context::<Workspace>();
    let current = expect_context::<CurrentPath>();
    let html = Signal::derive(move || {
        let (fail, warn) = ws.diagnosis.with(|d| {
            let n = |s| d.findings.iter().filter(|f| f.severity == s).count();
            (n(Severity::Fail), n(Severity::Warn))
        });
        current.0.with(|path| markup(path, fail, warn))
    });
    let nav = dom::el(
        "nav",
        &[("class", "sidenav"), ("aria-label", tr("Console pages"))],
    );
    dom::append(&nav, &[&static_view(html, "", None)]);
    nav
}
