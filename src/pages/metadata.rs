//! Step 2: both documents side by side, each with its fetch.

use crate::app::ServerInfoResource;
use leptos::prelude::*;
use s2s_core::topology::Side;

use crate::html::Html;
use crate::i18n::{tr, trf};
use crate::render::metadata;
use crate::routes;
use crate::static_view::static_view;
use crate::workspace::{FetchState, Workspace};

/// A button calling back `action`, disabled unless `enabled`.
fn button(h: &mut Html, action: &str, class: &'static str, enabled: bool, label: &str) {
    h.el(
        "button",
        &[
            ("type", "button"),
            ("class", class),
            ("data-action", action),
            (if enabled { "" } else { "disabled" }, ""),
        ],
        label,
    );
}

pub fn metadata_page() -> web_sys::Element {
    super::set_document_title(routes::METADATA.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    let html = Signal::derive(move || {
        let read_only = server.read_only();
        let can_fetch = ws.checked.with(|c| c.can_fetch()) && !read_only;
        let mut h = Html::new();
        super::header(&mut h, &routes::METADATA);
        h.open("div", &[("class", "form-actions")]);
        button(&mut h, "fetch-both", "", can_fetch, tr("Fetch both"));
        if read_only {
            super::read_only_note(&mut h);
        } else if !can_fetch {
            h.open("span", &[("class", "muted")])
                .text(" ")
                .text(tr("Name the servers on the "))
                .link(routes::TOPOLOGY.path, tr("Topology"))
                .text(tr(" page first."))
                .close("span");
        }
        h.close("div").open("div", &[("class", "side-by-side")]);
        for side in [Side::Skype, Side::Exchange] {
            ws.fetch_state(side).with(|s| {
                let busy = matches!(s, FetchState::Loading).to_string();
                h.open("div", &[("class", "doc-column"), ("aria-busy", &busy)]);
                ws.diagnosis.with(|d| {
                    h.trusted_markup(&metadata::side(
                        d.side(side),
                        s,
                        crate::render::View::Console,
                    ))
                });
            });
            let label = trf("Refetch {}", &[side.label()]);
            let action = if side == Side::Exchange {
                "refetch-exchange"
            } else {
                "refetch-skype"
            };
            button(&mut h, action, "secondary", can_fetch, &label);
            h.close("div");
        }
        h.close("div");
        h.finish()
    });
    let on_action = Callback::new(move |action: String| match action.as_str() {
        "fetch-both" => ws.fetch_both(),
        "refetch-skype" => ws.fetch(Side::Skype),
        // Exchange's trust probe is Exchange's state too: a fix made on
        // Exchange shows in it, not only in the document.
        "refetch-exchange" => {
            ws.fetch(Side::Exchange);
            ws.probe_exchange();
        }
        _ => {}
    });
    super::section(&[&static_view(html, "", Some(on_action))])
}
