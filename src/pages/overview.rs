//! The Overview: both directions of the trust and where to start.

use leptos::prelude::*;

use s2s_core::api::ServerInfo;

use crate::api::ApiError;
use crate::app::ServerInfoResource;
use crate::components::trust_diagram::{Diagram, TrustDiagram};
use crate::components::verdict::{Verdict, verdict};
use crate::components::watched_deployments::WatchedDeployments;
use crate::i18n::{tr, tr_text, trf};
use crate::presentation::View;
use crate::routes;
use crate::workspace::Workspace;

/// The name of the performance mark set once the Overview has been painted;
/// `./dev bench` reads it to measure the first render.
pub const PAINTED_MARK: &str = "s2s:overview-painted";
/// Set when the Overview has been built (before it is painted).
pub const BUILT_MARK: &str = "s2s:overview-built";

#[component]
pub fn OverviewPage() -> impl IntoView {
    super::set_document_title(routes::OVERVIEW.title());
    mark_when_painted();
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    // Each drawn again over itself when the diagnosis changes: what is shown
    // is updated in place.
    let diagram = move || {
        let diagram = ws
            .checked
            .with(|c| ws.diagnosis.with(|d| Diagram::of(d, &c.topology)));
        view! { <TrustDiagram diagram/> }
    };
    let judged = move || {
        let can_fetch = server.can_fetch();
        let verdict = ws.diagnosis.with(|d| verdict(d, View::Console, can_fetch));
        view! { <Verdict verdict view=View::Console/> }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{routes::OVERVIEW.title()}</h1>
            <p class="lead">
                {tr(
                    "Skype for Business Server and Exchange Server trust each other through server-to-server OAuth: each publishes an authentication metadata document with its signing certificate, and each is registered as a partner application of the other. Both directions must work.",
                )}
            </p>
            <div class="diagram">{diagram}</div>
            {judged}
            <section class="server-summary" aria-label=tr("Server")>
                {move || server.0.with(|s| server_summary(s.as_ref()))}
            </section>
            {move || {
                server
                    .0
                    .with(|s| match s {
                        Some(Ok(info)) if info.watched_deployments > 0 => {
                            Some(info.watch_interval_seconds)
                        }
                        _ => None,
                    })
                    .map(|interval_seconds| view! { <WatchedDeployments interval_seconds/> })
            }}
        </section>
    }
}

/// Which server this console talks to and what it may fetch.
fn server_summary(server: Option<&Result<ServerInfo, ApiError>>) -> AnyView {
    match server {
        None => view! { <p>{tr("Asking the s2s server for its configuration…")}</p> }.into_any(),
        Some(Ok(info)) => {
            let mode = crate::app::mode_words(info.mode);
            let hosts = match info.allowed_hosts.as_slice() {
                [] => tr("none").to_string(),
                hosts => hosts.join(", "),
            };
            view! {
                <p>
                    {["s2s ", &info.version, " · "].concat()}
                    <strong>{mode}</strong>
                    " · "
                    {trf("allowed to fetch: {}", &[&hosts])}
                </p>
            }
            .into_any()
        }
        Some(Err(e)) => {
            view! { <p class="error" role="alert">{tr_text(&e.to_string())}</p> }.into_any()
        }
    }
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
