//! The shell: header, side navigation, and the routed page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use s2s_core::api::ServerInfo;

use crate::api::{self, ApiError};
use crate::nav::Nav;
use crate::pages::{NotFound, Overview, StepPage};
use crate::routes;
use crate::theme::ThemeSwitch;

/// What the server said about itself, shared with every page. `None` while the
/// request is in flight.
#[derive(Clone, Copy)]
pub struct ServerInfoResource(pub LocalResource<Result<ServerInfo, ApiError>>);

#[component]
pub fn App() -> impl IntoView {
    let server = ServerInfoResource(LocalResource::new(api::server_info));
    provide_context(server);
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <div class="shell">
                <header class="topbar">
                    <a class="brand" href="/">
                        <span class="brand-mark" aria-hidden="true"></span>
                        <span class="brand-name">"S2S Console"</span>
                    </a>
                    <span class="brand-tagline">"Skype for Business ⇄ Exchange server-to-server trust"</span>
                    <ModeBadge/>
                    <ThemeSwitch/>
                </header>
                <Nav/>
                <main id="main" class="content" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Overview/>
                        <Route path=path!("/topology") view=|| view! { <StepPage page=routes::TOPOLOGY/> }/>
                        <Route path=path!("/metadata") view=|| view! { <StepPage page=routes::METADATA/> }/>
                        <Route path=path!("/certificates") view=|| view! { <StepPage page=routes::CERTIFICATES/> }/>
                        <Route path=path!("/findings") view=|| view! { <StepPage page=routes::FINDINGS/> }/>
                        <Route path=path!("/commands") view=|| view! { <StepPage page=routes::COMMANDS/> }/>
                        <Route path=path!("/test-results") view=|| view! { <StepPage page=routes::TEST_RESULTS/> }/>
                        <Route path=path!("/report") view=|| view! { <StepPage page=routes::REPORT/> }/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

/// The server's mode in the header: an admin must always see whether they look
/// at the demo, live servers, or a read-only report.
#[component]
fn ModeBadge() -> impl IntoView {
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    move || match server.get() {
        None => view! { <span class="badge badge-pending">"Connecting…"</span> }.into_any(),
        Some(Ok(info)) => {
            let class = format!("badge badge-{}", info.mode.label().to_ascii_lowercase());
            view! { <span class=class title="Server mode">{info.mode.label()} " mode"</span> }
                .into_any()
        }
        Some(Err(e)) => view! {
            <span class="badge badge-error" title=e.to_string()>"Server unreachable"</span>
        }
        .into_any(),
    }
}
