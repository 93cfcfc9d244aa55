//! The Overview: both directions of the trust and where to start.

use crate::router::Link;
use leptos::prelude::*;
use s2s_core::principal::{EXCHANGE, Principal, SKYPE};

use crate::app::ServerInfoResource;
use crate::routes;

/// The name of the performance mark set once the Overview has been painted;
/// `./dev bench` reads it to measure the first render.
pub const PAINTED_MARK: &str = "s2s:overview-painted";

#[component]
pub fn Overview() -> impl IntoView {
    super::set_document_title(routes::OVERVIEW.title);
    mark_when_painted();
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Overview"</h1>
            <p class="lead">
                "Skype for Business Server and Exchange Server trust each other through server-to-server \
                 OAuth: each publishes an authentication metadata document with its signing certificate, \
                 and each is registered as a partner application of the other. Both directions must work."
            </p>
            <div class="trust-pair">
                <TrustDirection
                    trusting=EXCHANGE
                    trusted=SKYPE
                    shell="Exchange Management Shell"
                    how="runs Configure-EnterprisePartnerApplication.ps1 with the pool's metadata URL"
                />
                <TrustDirection
                    trusting=SKYPE
                    trusted=EXCHANGE
                    shell="Skype for Business Server Management Shell"
                    how="runs New-CsPartnerApplication with Exchange's autodiscover metadata URL"
                />
            </div>
            <p class="next-step">
                <Link href=routes::TOPOLOGY.path>"Start with step 1: Topology"</Link>
            </p>
            <ServerSummary/>
        </section>
    }
}

#[component]
fn TrustDirection(
    trusting: Principal,
    trusted: Principal,
    shell: &'static str,
    how: &'static str,
) -> impl IntoView {
    view! {
        <article class="card trust-direction">
            <h2>{trusting.product} " trusts " {trusted.product}</h2>
            <p>"Set up in the " {shell} ", which " {how} "."</p>
            <dl>
                <dt>"Service principal of the trusted side"</dt>
                <dd><code>{trusted.id}</code></dd>
            </dl>
        </article>
    }
}

/// Which server this console talks to and what it may fetch.
#[component]
fn ServerSummary() -> impl IntoView {
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    view! {
        <section class="server-summary" aria-label="Server">
            {move || match server.get() {
                None => view! { <p>"Asking the s2s server for its configuration…"</p> }.into_any(),
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
