//! S2S Console, the browser app. It renders and wires; every decision about
//! documents, certificates and commands is made in `s2s-core`.

mod api;
mod app;
mod browser;
mod components;
mod copy;
mod deflate;
mod demo_picker;
mod i18n;
mod nav;
mod navigation;
mod open_deployment;
mod pages;
mod presentation;
mod redrawn;

mod routes;
mod theme;
mod workspace;

pub use app::App;

/// The performance mark set when the app's code starts running; `./dev
/// bench` reads it to tell Chromium's part of the first render from the app's.
pub const STARTED_MARK: &str = "s2s:app-started";

/// Opens the console: when it opens in Korean, its text is loaded first so
/// the first render is already Korean (English if that fails).
pub fn start() {
    // Leptos' effects and tasks run on the browser's event loop.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(STARTED_MARK);
    }
    wasm_bindgen_futures::spawn_local(async {
        i18n::prepare().await;
        leptos::mount::mount_to_body(App);
    });
}

/// What the browser tests drive: each page mounted on its own, with the
/// contexts the shell provides and a workspace the test fills in.
pub mod testing {
    pub use crate::api::ApiError;
    pub use crate::pages::live_pages;
    pub use leptos::prelude::*;

    /// A page as the shell routes it (inside a router), for page tests.
    pub type Page = fn() -> AnyView;

    fn routed(page: fn() -> AnyView) -> AnyView {
        use leptos_router::components::Router;
        // Links on the page lead where the shell's do.
        view! { <Router>{crate::navigation::follow_navigation()} {page()}</Router> }.into_any()
    }

    /// Each page as the shell routes it, by the name the tests use.
    macro_rules! routed_pages {
        ($($name:ident => $page:ident),* $(,)?) => {$(
            pub fn $name() -> AnyView {
                routed(|| view! { <crate::pages::$page/> }.into_any())
            }
        )*};
    }
    routed_pages!(
        overview_page => OverviewPage,
        topology_page => TopologyPage,
        metadata_page => MetadataPage,
        certificates_page => CertificatesPage,
        findings_page => FindingsPage,
        commands_page => CommandsPage,
        test_results_page => TestResultsPage,
        report_page => ReportPage,
    );

    /// The console, as `start` mounts it.
    pub fn app() -> AnyView {
        view! { <crate::App/> }.into_any()
    }

    /// The language switch on its own, fetching Korean from `source`.
    pub fn lang_switch(lang: RwSignal<crate::i18n::Lang>, source: &'static str) -> AnyView {
        view! { <crate::i18n::LangSwitch lang source/> }.into_any()
    }

    /// Appends `build`'s view to `parent`, built under a new owner:
    /// cleaning that owner up unmounts the view and removes what it made
    /// (its effects and listeners).
    pub fn mount_to(parent: &web_sys::Element, build: impl FnOnce() -> AnyView) -> Owner {
        let owner = Owner::new();
        owner.with(|| {
            let mut state = build().build();
            state.mount(parent, None);
            // The browser's objects stay on the page's one thread; Leptos
            // asks cleanups to be Send, which the wrapper checks at run time.
            let state = send_wrapper::SendWrapper::new(std::cell::RefCell::new(state));
            Owner::on_cleanup(move || state.borrow_mut().unmount());
        });
        owner
    }

    /// The `#fragment` of a report link for `snapshot`, as "Copy report
    /// link" makes it.
    pub async fn report_fragment(snapshot: &s2s_core::report::Snapshot) -> Result<String, String> {
        let compressed = crate::deflate::compress(snapshot.to_json().as_bytes()).await?;
        Ok(s2s_core::report::Snapshot::link_fragment(&compressed))
    }
    /// The `#fragment` of a report link carrying `payload` as it is
    /// (deflated by the browser, not read first): for links no console makes.
    pub async fn link_fragment_of(payload: &[u8]) -> Result<String, String> {
        let compressed = crate::deflate::compress(payload).await?;
        Ok(s2s_core::report::Snapshot::link_fragment(&compressed))
    }
    pub use crate::pages::plan_field;
    pub use crate::workspace::{FetchState, Workspace};

    use s2s_core::api::ServerInfo;

    pub use crate::i18n::{Lang, install_korean};

    /// Starts Leptos' executor on the browser's event loop, as the app does
    /// at start (for tests that mount views without the shell's contexts).
    pub fn start_executor() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
    }

    /// Runs the effects that are due, then lets the page's other work run.
    pub async fn tick() {
        leptos::task::tick().await;
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
            &wasm_bindgen::JsValue::NULL,
        ))
        .await;
    }

    /// Renders in Korean (`true`) or English, as the header's switch does
    /// (Korean needs the catalogue installed first: [`install_korean`]).
    pub fn set_korean(korean: bool) {
        crate::i18n::set_rendering(if korean {
            crate::i18n::Lang::Ko
        } else {
            crate::i18n::Lang::En
        });
    }

    /// Provides what the shell provides (server info as given, the router,
    /// a fresh workspace) and returns the workspace.
    pub fn provide_contexts(server: Option<Result<ServerInfo, ApiError>>) -> Workspace {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        provide_context(crate::app::ServerInfoResource(RwSignal::new(server)));
        Workspace::provide()
    }
}
