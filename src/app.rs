//! The shell: header, side navigation, and the routed page.

use leptos::prelude::*;
use s2s_core::api::ServerInfo;

use crate::api::{self, ApiError};
use crate::html::Html;
use crate::i18n::{self, LangSwitch, tr, tr_any};
use crate::nav::Nav;
use crate::pages::{
    CertificatesPage, CommandsPage, FindingsPage, MetadataPage, NotFound, Overview, ReportPage,
    StepPage, TestResultsPage, TopologyPage,
};
use crate::router::provide_router;
use crate::routes;
use crate::theme::ThemeSwitch;
use crate::workspace::Workspace;

/// What the server said about itself, shared with every page. `None` while the
/// request is in flight. (A plain signal filled once: a resource's async
/// machinery costs download size for nothing here.)
#[derive(Clone, Copy)]
pub struct ServerInfoResource(pub RwSignal<Option<Result<ServerInfo, ApiError>>>);

#[component]
pub fn App() -> impl IntoView {
    let server = ServerInfoResource(RwSignal::new(None));
    leptos::task::spawn_local(async move { server.0.set(Some(api::server_info().await)) });
    provide_context(server);
    Workspace::provide();
    let current = provide_router();
    // A read-only server shows reports and fetches nothing: open there.
    Effect::new(move |_| {
        if let Some(Ok(info)) = server.0.get()
            && info.mode == s2s_core::api::Mode::ReadOnly
            && current.0.get_untracked() == "/"
        {
            crate::router::go(current, routes::REPORT.path);
        }
    });
    let lang = RwSignal::new(i18n::initial());
    // Everything below renders again in the other language when it changes
    // (the state lives in the workspace above, so nothing is lost).
    move || {
        i18n::set_rendering(lang.get());
        view! {
            <a class="skip-link" href="#main">{tr("Skip to content")}</a>
            <div class="shell">
                <header class="topbar">
                    <span class="brand">
                        <span class="brand-mark" aria-hidden="true"></span>
                        <span class="brand-name">"S2S Console"</span>
                    </span>
                    <span class="brand-tagline">{tr("Skype for Business ⇄ Exchange server-to-server trust")}</span>
                    <span class="mode" inner_html=move || server.0.with(|s| mode_badge(s.as_ref()))></span>
                    <LangSwitch lang/>
                    <ThemeSwitch/>
                </header>
                <Nav/>
                <main id="main" class="content" tabindex="-1">
                    {move || page_for(&current.0.get())}
                </main>
            </div>
        }
    }
}

/// The page for a path.
fn page_for(path: &str) -> AnyView {
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return view! { <Overview/> }.into_any();
    }
    if path == routes::TOPOLOGY.path {
        return view! { <TopologyPage/> }.into_any();
    }
    if path == routes::METADATA.path {
        return view! { <MetadataPage/> }.into_any();
    }
    if path == routes::CERTIFICATES.path {
        return view! { <CertificatesPage/> }.into_any();
    }
    if path == routes::FINDINGS.path {
        return view! { <FindingsPage/> }.into_any();
    }
    if path == routes::REPORT.path {
        return view! { <ReportPage/> }.into_any();
    }
    if path == routes::TEST_RESULTS.path {
        return view! { <TestResultsPage/> }.into_any();
    }
    if path == routes::COMMANDS.path {
        return view! { <CommandsPage/> }.into_any();
    }
    match routes::ALL.iter().find(|p| p.path == path) {
        Some(page) => view! { <StepPage page=*page/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

/// The server's mode in the header: an admin must always see whether they look
/// at the demo, live servers, or a read-only report.
fn mode_badge(server: Option<&Result<ServerInfo, ApiError>>) -> String {
    let mut h = Html::new();
    match server {
        None => {
            h.el(
                "span",
                &[("class", "badge badge-pending")],
                tr("Connecting…"),
            );
        }
        Some(Ok(info)) => {
            let class = format!("badge badge-{}", info.mode.label().to_ascii_lowercase());
            // "Demo mode", "Live mode", "Read-only mode": each whole in the
            // catalogue, as Korean words them differently.
            let text = tr_any(&format!("{} mode", info.mode.label()));
            h.el(
                "span",
                &[("class", &class), ("title", tr("Server mode"))],
                &text,
            );
        }
        Some(Err(e)) => {
            h.el(
                "span",
                &[("class", "badge badge-error"), ("title", &e.to_string())],
                tr("Server unreachable"),
            );
        }
    }
    h.finish()
}
