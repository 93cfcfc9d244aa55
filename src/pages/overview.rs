//! The Overview: both directions of the trust and where to start.

use leptos::prelude::*;

use crate::app::ServerInfoResource;
use crate::i18n::tr;
use crate::render::trust_diagram;
use crate::render::verdict;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::Workspace;

/// The name of the performance mark set once the Overview has been painted;
/// `./dev bench` reads it to measure the first render.
pub const PAINTED_MARK: &str = "s2s:overview-painted";

#[component]
pub fn Overview() -> impl IntoView {
    super::set_document_title(routes::OVERVIEW.title());
    mark_when_painted();
    let ws = expect_context::<Workspace>();
    let diagram = Signal::derive(move || {
        ws.checked.with(|c| {
            ws.diagnosis
                .with(|d| trust_diagram::for_diagnosis(d, &c.topology))
        })
    });
    let verdict_html = Signal::derive(move || ws.diagnosis.with(verdict::html));
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{routes::OVERVIEW.title()}</h1>
            <p class="lead">
                {tr("Skype for Business Server and Exchange Server trust each other through server-to-server OAuth: each publishes an authentication metadata document with its signing certificate, and each is registered as a partner application of the other. Both directions must work.")}
            </p>
            <StaticView html=diagram class="diagram"/>
            <StaticView html=verdict_html/>
            <ServerSummary/>
        </section>
    }
}

/// Which server this console talks to and what it may fetch.
#[component]
fn ServerSummary() -> impl IntoView {
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    view! {
        <section class="server-summary" aria-label="Server">
            {move || match server.get() {
                None => view! { <p>{tr("Asking the s2s server for its configuration…")}</p> }.into_any(),
                Some(Ok(info)) => view! {
                    <p>
                        "s2s " {info.version} " in " <strong>{info.mode.label()} " mode"</strong>
                        ", allowed to fetch: " {info.allowed_hosts.join(", ")}
                    </p>
                }
                .into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
            }}
        </section>
    }
}

/// Marks the Overview as painted: the second animation frame after mounting
/// runs once the first frame showing it has been drawn.
fn mark_when_painted() {
    request_animation_frame(|| {
        request_animation_frame(|| {
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let _ = perf.mark(PAINTED_MARK);
            }
        })
    });
}
