//! Step 4: every finding, grouped by side and severity, with its fix.

use leptos::prelude::*;

use crate::html::Html;
use crate::i18n::{tr, trf};
use crate::render::{View, findings};
use crate::routes;
use crate::static_view::static_view;
use crate::workspace::Workspace;

pub fn findings_page() -> web_sys::Element {
    super::set_document_title(routes::FINDINGS.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<crate::app::ServerInfoResource>();
    // The fixes show the exact commands, so the plan's fields are filled from
    // the topology as the Commands page would.
    let html = Signal::derive(move || {
        let plan = ws.form.with(|f| f.plan(ws.plan.get()));
        let mut h = Html::new();
        super::header(&mut h, &routes::FINDINGS);
        ws.diagnosis.with(|d| {
            if d.fetched {
                let [fail, warn, info, pass] = findings::counts(&d.findings);
                h.el(
                    "p",
                    &[("class", "findings-summary"), ("role", "status")],
                    &trf(
                        "Failed: {} · Warnings: {} · Notes: {} · Passed: {}",
                        &[
                            &fail.to_string(),
                            &warn.to_string(),
                            &info.to_string(),
                            &pass.to_string(),
                        ],
                    ),
                );
            } else if server.read_only() {
                h.open("p", &[("class", "notice")])
                    .text(tr("Nothing fetched yet. "));
                super::read_only_note(&mut h);
                h.close("p");
            } else {
                h.open("p", &[("class", "notice")])
                    .text(tr("Nothing fetched yet. "))
                    .link(
                        routes::TOPOLOGY.path,
                        tr("Name the servers and press Fetch both"),
                    )
                    .text(".")
                    .close("p");
            }
            h.open("div", &[("class", "findings")])
                .trusted_markup(&findings::all(&d.findings, plan.as_ref(), View::Console))
                .close("div");
        });
        h.finish()
    });
    super::section(&[&static_view(html, "", None)])
}
