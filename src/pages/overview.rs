//! The Overview: both directions of the trust and where to start.

use leptos::prelude::*;

use s2s_core::api::ServerInfo;

use crate::api::ApiError;
use crate::app::ServerInfoResource;
use crate::html::Html;
use crate::i18n::{tr, tr_any, tr_text, trf};
use crate::render::trust_diagram;
use crate::render::{View, verdict};
use crate::routes;
use crate::static_view::static_view;
use crate::workspace::Workspace;

/// The name of the performance mark set once the Overview has been painted;
/// `./dev bench` reads it to measure the first render.
pub const PAINTED_MARK: &str = "s2s:overview-painted";
/// Set when the Overview has been built (before it is painted).
pub const BUILT_MARK: &str = "s2s:overview-built";

pub fn overview_page() -> web_sys::Element {
    super::set_document_title(routes::OVERVIEW.title());
    mark_when_painted();
    let ws = expect_context::<Workspace>();
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    let html = Signal::derive(move || {
        let can_fetch = ServerInfoResource(server).can_fetch();
        let mut h = Html::new();
        h.el("h1", &[("id", "page-title")], routes::OVERVIEW.title())
            .el("p", &[("class", "lead")], tr("Skype for Business Server and Exchange Server trust each other through server-to-server OAuth: each publishes an authentication metadata document with its signing certificate, and each is registered as a partner application of the other. Both directions must work."))
            .open("div", &[("class", "diagram")]);
        ws.checked.with(|c| {
            ws.diagnosis.with(|d| {
                h.trusted_markup(&trust_diagram::for_diagnosis(d, &c.topology))
                    .close("div")
                    .trusted_markup(&verdict::html(d, View::Console, can_fetch));
            })
        });
        server.with(|s| h.trusted_markup(&server_summary(s.as_ref())));
        h.finish()
    });
    super::section(&[&static_view(html, "", None)])
}

/// Which server this console talks to and what it may fetch.
fn server_summary(server: Option<&Result<ServerInfo, ApiError>>) -> String {
    let mut h = Html::new();
    h.open(
        "section",
        &[("class", "server-summary"), ("aria-label", tr("Server"))],
    );
    match server {
        None => {
            h.el("p", &[], tr("Asking the s2s server for its configuration…"));
        }
        Some(Ok(info)) => {
            // "Demo mode" and the rest whole in the catalogue, as the
            // header's badge has them.
            let mode = tr_any(&format!("{} mode", info.mode.label()));
            let hosts = match info.allowed_hosts.as_slice() {
                [] => tr("none").to_string(),
                hosts => hosts.join(", "),
            };
            h.open("p", &[])
                .text(&format!("s2s {} · ", info.version))
                .el("strong", &[], &mode)
                .text(" · ")
                .text(&trf("allowed to fetch: {}", &[&hosts]))
                .close("p");
        }
        Some(Err(e)) => {
            h.el(
                "p",
                &[("class", "error"), ("role", "alert")],
                &tr_text(&e.to_string()),
            );
        }
    }
    h.close("section");
    h.finish()
}

/// Marks the Overview as painted: the second animation frame after mounting
/// runs once the first frame showing it has been drawn.
fn mark_when_painted() {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(BUILT_MARK);
    }
    request_animation_frame(|| {
        request_animation_frame(|| {
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let _ = perf.mark(PAINTED_MARK);
            }
        })
    });
}
