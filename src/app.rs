//! The shell: header, side navigation, and the routed page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;
use s2s_core::api::ServerInfo;

use crate::api::{self, ApiError};
use crate::i18n::{self, Lang, LangSwitch, tr, tr_any};
use crate::nav::Nav;
use crate::navigation::{follow_navigation, show_element};
use crate::open_deployment::{DeploymentNotice, open_deployment_from_query};
use crate::pages;
use crate::routes;
use crate::theme::ThemeSwitch;
use crate::workspace::Workspace;

/// What the server said about itself, shared with every page. `None` while the
/// request is in flight. A plain signal filled once: measured, a
/// `LocalResource` here costs 8.3 KB of gzip download for nothing the reader
/// sees, and with `<Suspense>` and `<ErrorBoundary>` around the two places
/// that show it 20.9 KB, which takes the console over DESIGN.md's 450 KB.
#[derive(Clone, Copy)]
pub struct ServerInfoResource(pub RwSignal<Option<Result<ServerInfo, ApiError>>>);

impl ServerInfoResource {
    /// The server shows reports and fetches nothing (tracked).
    pub fn read_only(self) -> bool {
        matches!(self.0.get(), Some(Ok(ref i)) if i.mode == s2s_core::api::Mode::ReadOnly)
    }

    /// Whether views may send the reader to fetch (tracked).
    pub fn can_fetch(self) -> crate::components::verdict::CanFetch {
        if self.read_only() {
            crate::components::verdict::CanFetch::ReadOnlyServer
        } else {
            crate::components::verdict::CanFetch::Yes
        }
    }
}

/// The console: the shell and the page for the address, drawn again in the
/// other language when it changes (the state lives in the workspace, so
/// nothing is lost).
#[component]
pub fn App() -> impl IntoView {
    let server = ServerInfoResource(RwSignal::new(None));
    provide_context(server);
    Workspace::provide();
    provide_context(DeploymentNotice(RwSignal::new(None)));
    let lang = RwSignal::new(i18n::initial());
    let first = StoredValue::new(true);
    // Asked for once the shell is queued to be built: the first render does
    // not wait for the fetch to be set up.
    spawn_local(async move { server.0.set(Some(api::server_info().await)) });
    view! {
        <Router>
            {open_report_when_read_only(server)}
            {follow_navigation()}
            {open_deployment_from_query()}
            {move || {
                let shown = lang.get();
                i18n::set_rendering(shown);
                // Drawn again for a language chosen with the keyboard: the
                // focus goes back to the language switch, not to the top.
                if !first.get_value() {
                    request_animation_frame(focus_language_switch);
                }
                first.set_value(false);
                view! { <Shell lang/> }
            }}
        </Router>
    }
}

/// A read-only server shows reports and fetches nothing: open there.
fn open_report_when_read_only(server: ServerInfoResource) {
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if server.read_only() && location.pathname.get_untracked() == "/" {
            navigate(routes::REPORT.path, Default::default());
        }
    });
}

#[component]
fn Shell(lang: RwSignal<Lang>) -> impl IntoView {
    let server = expect_context::<ServerInfoResource>();
    let notice = expect_context::<DeploymentNotice>();
    // Followed here, so the address keeps its own fragment (an opened
    // report's link is in it).
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        show_element("main");
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{tr("Skip to content")}</a>
        <div class="shell">
            <header class="topbar">
                <span class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">"S2S Console"</span>
                </span>
                <span class="brand-tagline">
                    {tr("Skype for Business ⇄ Exchange server-to-server trust")}
                </span>
                <span class="mode">{move || server.0.with(|s| mode_badge(s.as_ref()))}</span>
                <LangSwitch lang source=i18n::KO_URL/>
                <ThemeSwitch/>
            </header>
            <Nav/>
            <main id="main" class="content" tabindex="-1">
                {move || {
                    notice
                        .0
                        .get()
                        .map(|text| view! { <p class="error" role="alert">{text}</p> })
                }}
                // Flat routes: the console's pages are not nested, and the flat
                // router weighs 13.8 KB less gzip download than the nested one.
                <FlatRoutes fallback=pages::NotFoundPage>
                    <Route path=path!("/") view=pages::OverviewPage/>
                    <Route path=path!("/topology") view=pages::TopologyPage/>
                    <Route path=path!("/metadata") view=pages::MetadataPage/>
                    <Route path=path!("/certificates") view=pages::CertificatesPage/>
                    <Route path=path!("/findings") view=pages::FindingsPage/>
                    <Route path=path!("/commands") view=pages::CommandsPage/>
                    <Route path=path!("/test-results") view=pages::TestResultsPage/>
                    <Route path=path!("/report") view=pages::ReportPage/>
                </FlatRoutes>
            </main>
        </div>
    }
}

fn focus_language_switch() {
    if let Some(select) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".lang-switch select").ok().flatten())
        .and_then(|s| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(s).ok())
    {
        let _ = select.focus();
    }
}

/// "Demo mode", "Live mode", "Read-only mode" in the language shown: each
/// whole in the catalogue, as Korean words them differently.
pub fn mode_words(mode: s2s_core::api::Mode) -> String {
    tr_any(&[mode.label(), " mode"].concat())
}

/// The server's mode in the header: an admin must always see whether they look
/// at the demo, live servers, or a read-only report.
fn mode_badge(server: Option<&Result<ServerInfo, ApiError>>) -> AnyView {
    match server {
        None => view! { <span class="badge badge-pending">{tr("Connecting…")}</span> }.into_any(),
        Some(Ok(info)) => {
            let mut class = String::from("badge badge-");
            class.push_str(&info.mode.label().to_ascii_lowercase());
            view! { <span class=class title=tr("Server mode")>{mode_words(info.mode)}</span> }
                .into_any()
        }
        Some(Err(e)) => view! {
            <span class="badge badge-error" title=i18n::tr_text(&e.to_string())>
                {tr("Server unreachable")}
            </span>
        }
        .into_any(),
    }
}
