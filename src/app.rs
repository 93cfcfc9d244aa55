//! The shell: header, side navigation, and the routed page.

use s2s_core::api::ServerInfo;

use crate::api::{self, ApiError};
use crate::dom;
use crate::html::Html;
use crate::i18n::{self, Lang, tr, tr_any};
use crate::nav::nav;
use crate::pages;
use crate::router::{CurrentPath, provide_router};
use crate::routes;
use crate::theme::theme_switch;
use crate::workspace::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the server said about itself, shared with every page. `None` while the
/// request is in flight. (A plain signal filled once: a resource's async
/// machinery costs download size for nothing here.)
#[derive(Clone, Copy)]
pub struct ServerInfoResource(pub RwSignal<Option<Result<ServerInfo, ApiError>>>);

impl ServerInfoResource {
    /// The server shows reports and fetches nothing (tracked).
    pub fn read_only(self) -> bool {
        matches!(self.0.get(), Some(Ok(ref i)) if i.mode == s2s_core::api::Mode::ReadOnly)
    }

    /// Whether views may send the reader to fetch (tracked).
    pub fn can_fetch(self) -> crate::render::verdict::CanFetch {
        if self.read_only() {
            crate::render::verdict::CanFetch::ReadOnlyServer
        } else {
            crate::render::verdict::CanFetch::Yes
        }
    }
}

/// The console: the shell and the page for the address, drawn again in the
/// other language when it changes (the state lives in the workspace, so
/// nothing is lost).
pub fn app() -> web_sys::Element {
    let server = ServerInfoResource(RwSignal::new(None));
    provide_context(server);
    Workspace::provide();
    let current = provide_router();
    // A read-only server shows reports and fetches nothing: open there.
    Effect::new(move |_| {
        if server.read_only() && current.0.get_untracked() == "/" {
            crate::router::go(current, routes::REPORT.path);
        }
    });
    let lang = RwSignal::new(i18n::initial());
    let root = dom::el("div", &[("class", "app-root")]);
    let first = StoredValue::new(true);
    dom::switch(
        &root,
        move || lang.get(),
        move |shown| {
            let shell = shell(*shown, lang, server, current);
            // Drawn again for a language chosen with the keyboard: the focus
            // goes back to the language switch, not to the top of the page.
            if !first.with_value(|f| *f) {
                request_animation_frame(|| {
                    if let Some(select) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector(".lang-switch select").ok().flatten())
                        .and_then(|s| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(s).ok()
                        })
                    {
                        let _ = select.focus();
                    }
                });
            }
            first.set_value(false);
            shell
        },
    );
    // Asked for after the shell and the page are queued to be built: the
    // first render does not wait for the fetch to be set up.
    spawn_local(async move { server.0.set(Some(api::server_info().await)) });
    root
}

fn shell(
    shown: Lang,
    lang: RwSignal<Lang>,
    server: ServerInfoResource,
    current: CurrentPath,
) -> web_sys::Node {
    i18n::set_rendering(shown);
    let skip = dom::el("a", &[("class", "skip-link"), ("href", "#main")]);
    skip.set_text_content(Some(tr("Skip to content")));
    // Followed here, so the address keeps its own fragment (an opened
    // report's link is in it).
    dom::listen(&skip, "click", false, |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        crate::router::show_element("main");
    });
    let mut h = Html::new();
    h.open("span", &[("class", "brand")])
        .el(
            "span",
            &[("class", "brand-mark"), ("aria-hidden", "true")],
            "",
        )
        .el("span", &[("class", "brand-name")], "S2S Console")
        .close("span")
        .el(
            "span",
            &[("class", "brand-tagline")],
            tr("Skype for Business ⇄ Exchange server-to-server trust"),
        );
    let header = dom::el_html("header", &[("class", "topbar")], &h.finish());
    let badge = dom::el("span", &[("class", "mode")]);
    let shown_badge = badge.clone();
    Effect::new(move |_| shown_badge.set_inner_html(&server.0.with(|s| mode_badge(s.as_ref()))));
    dom::append(
        &header,
        &[
            &badge,
            &i18n::lang_switch(lang, i18n::KO_URL),
            &theme_switch(),
        ],
    );
    let main = dom::el(
        "main",
        &[("id", "main"), ("class", "content"), ("tabindex", "-1")],
    );
    dom::switch(&main, move || current.0.get(), |path| page_for(path).into());
    let shell = dom::el("div", &[("class", "shell")]);
    dom::append(&shell, &[&header, &nav(), &main]);
    dom::fragment(&[&skip, &shell])
}

/// A page's builder.
type Page = fn() -> web_sys::Element;

/// The page for a path.
fn page_for(path: &str) -> web_sys::Element {
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return pages::overview_page();
    }
    let pages: [(&str, Page); 7] = [
        (routes::TOPOLOGY.path, pages::topology_page),
        (routes::METADATA.path, pages::metadata_page),
        (routes::CERTIFICATES.path, pages::certificates_page),
        (routes::FINDINGS.path, pages::findings_page),
        (routes::REPORT.path, pages::report_page),
        (routes::TEST_RESULTS.path, pages::test_results_page),
        (routes::COMMANDS.path, pages::commands_page),
    ];
    if let Some((_, page)) = pages.iter().find(|(p, _)| *p == path) {
        return page();
    }
    match routes::ALL.iter().find(|p| p.path == path) {
        Some(page) => pages::step_page(*page),
        None => pages::not_found_page(),
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
                &[
                    ("class", "badge badge-error"),
                    ("title", &crate::i18n::tr_text(&e.to_string())),
                ],
                tr("Server unreachable"),
            );
        }
    }
    h.finish()
}
