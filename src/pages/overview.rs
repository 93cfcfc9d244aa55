//! The Overview: both directions of the trust and where to start.

use leptos::prelude::*;
use s2s_core::findings::{Severity, worst};
use s2s_core::topology::Side;

use crate::app::ServerInfoResource;
use crate::html::Html;
use crate::render::trust_diagram::{self, Direction};
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::Workspace;

/// The name of the performance mark set once the Overview has been painted;
/// `./dev bench` reads it to measure the first render.
pub const PAINTED_MARK: &str = "s2s:overview-painted";

#[component]
pub fn Overview() -> impl IntoView {
    super::set_document_title(routes::OVERVIEW.title);
    mark_when_painted();
    let ws = expect_context::<Workspace>();
    let diagram = Signal::derive(move || {
        let (skype_host, exchange_host) = ws.checked.with(|c| {
            let host = |u: &Option<String>| {
                u.as_deref()
                    .and_then(|u| u.split('/').nth(2))
                    .unwrap_or("not named yet")
                    .to_string()
            };
            (
                host(&c.topology.skype_metadata_url),
                host(&c.topology.exchange_metadata_url),
            )
        });
        ws.diagnosis.with(|d| {
            let expiry = |side| trust_diagram::expiry(side, d.now).unwrap_or_default();
            trust_diagram::svg(
                &skype_host,
                &exchange_host,
                &expiry(&d.skype),
                &expiry(&d.exchange),
                &Direction {
                    severity: trust_diagram::direction(&d.findings, Side::Exchange, d.fetched),
                    label: "Skype trusts Exchange".into(),
                },
                &Direction {
                    severity: trust_diagram::direction(&d.findings, Side::Skype, d.fetched),
                    label: "Exchange trusts Skype".into(),
                },
            )
        })
    });
    let verdict = move || {
        ws.diagnosis.with(|d| {
            if !d.fetched {
                return (
                    "verdict",
                    "Not checked yet: name the two servers and fetch both documents.".to_string(),
                    routes::TOPOLOGY.path.to_string(),
                    "Start with step 1: Topology".to_string(),
                );
            }
            let first = |s: Severity| d.findings.iter().find(|f| f.severity == s);
            match worst(&d.findings) {
                Severity::Fail => {
                    let f = first(Severity::Fail);
                    (
                        "verdict sev-fail",
                        format!("The trust is broken: {}.", f.map_or("", |f| f.title.as_str())),
                        format!("{}#finding-{}", routes::FINDINGS.path, f.map_or("", |f| f.id)),
                        "See the fix".to_string(),
                    )
                }
                Severity::Warn => {
                    let f = first(Severity::Warn);
                    (
                        "verdict sev-warn",
                        format!("The trust works, with a warning: {}.", f.map_or("", |f| f.title.as_str())),
                        format!("{}#finding-{}", routes::FINDINGS.path, f.map_or("", |f| f.id)),
                        "See what to do".to_string(),
                    )
                }
                _ => (
                    "verdict sev-pass",
                    "Both directions check out: each server publishes a valid signing certificate the other can trust.".to_string(),
                    format!("{}#group-test", routes::COMMANDS.path),
                    "Confirm with Test-CsExStorageConnectivity".to_string(),
                ),
            }
        })
    };
    let verdict_html = Signal::derive(move || {
        let (class, sentence, href, next) = verdict();
        let mut h = Html::new();
        h.open("p", &[("class", class), ("role", "status")])
            .text(&sentence)
            .close("p")
            .open("p", &[("class", "next-step")])
            .el("a", &[("href", &href), ("data-nav", "")], &next)
            .close("p");
        h.finish()
    });
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Overview"</h1>
            <p class="lead">
                "Skype for Business Server and Exchange Server trust each other through server-to-server \
                 OAuth: each publishes an authentication metadata document with its signing certificate, \
                 and each is registered as a partner application of the other. Both directions must work."
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
