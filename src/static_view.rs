//! Shows markup from [`crate::html`] and gives it behaviour through one
//! delegated click handler: `[data-copy]` buttons copy, `a[data-nav]` links
//! navigate inside the console, `[data-download]` buttons save a file, and
//! `[data-action]` buttons call back the view's owner.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::copy::{copy_text, download};
use crate::i18n::tr;
use crate::router::{CurrentPath, go};

fn attr(el: &web_sys::Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// The `data-action` of the button a click landed in.
pub fn action_of(ev: &web_sys::MouseEvent) -> Option<String> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-action]")
        .ok()??
        .get_attribute("data-action")
}

#[component]
pub fn StaticView(
    /// The markup, from [`crate::html::Html`].
    #[prop(into)]
    html: Signal<String>,
    #[prop(optional)] class: &'static str,
    /// Called with the `data-action` of a clicked button.
    #[prop(optional)]
    on_action: Option<Callback<String>>,
) -> impl IntoView {
    let current = expect_context::<CurrentPath>();
    let status = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(Some(el)) = target.closest("[data-copy],a[data-nav],[data-download],[data-action]")
        else {
            return;
        };
        if let (Some(action), Some(cb)) = (attr(&el, "data-action"), on_action) {
            cb.run(action);
            return;
        }
        if let Some(text) = attr(&el, "data-copy") {
            leptos::task::spawn_local(async move {
                let result = copy_text(&text).await;
                let copied = result.is_ok();
                let message = match result {
                    Ok(()) => tr("Copied to the clipboard").to_string(),
                    Err(e) => e,
                };
                let _ = el.set_attribute("data-state", if copied { "copied" } else { "failed" });
                el.set_text_content(Some(if copied {
                    tr("Copied")
                } else {
                    tr("Copy failed")
                }));
                failed.set(!copied);
                status.set(message);
                set_timeout(
                    move || {
                        el.set_text_content(Some(tr("Copy")));
                        let _ = el.remove_attribute("data-state");
                    },
                    std::time::Duration::from_secs(3),
                );
            });
        } else if let Some(href) = attr(&el, "href").filter(|_| el.has_attribute("data-nav")) {
            // New tabs and windows are the browser's business.
            if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                return;
            }
            ev.prevent_default();
            go(current, &href);
        } else if let Some(name) = attr(&el, "data-download") {
            let mime = attr(&el, "data-mime").unwrap_or_else(|| "application/octet-stream".into());
            let bytes = match attr(&el, "data-b64") {
                Some(b64) => s2s_core::keyvalue::decode_base64(&b64).unwrap_or_default(),
                None => attr(&el, "data-content").unwrap_or_default().into_bytes(),
            };
            if let Err(e) = download(&name, &mime, &bytes) {
                failed.set(true);
                status.set(e);
            }
        }
    };
    // New markup replaces the old; a button or field that had the focus
    // keeps it (found again by its id, action or link), so a keyboard user is not
    // thrown back to the top of the page when the view changes under them.
    let root = NodeRef::<leptos::html::Div>::new();
    let first = html.get_untracked();
    let drawn = StoredValue::new(first.clone());
    Effect::new(move |_| {
        html.with(|markup| {
            if drawn.with_value(|d| d != markup)
                && let Some(el) = root.get_untracked()
            {
                replace_keeping_focus(&el, markup);
                drawn.set_value(markup.clone());
            }
        })
    });
    view! {
        <div class=class node_ref=root on:click=on_click inner_html=first></div>
        // Success is announced; a failure also says, visibly, what to do.
        <span
            class=move || if failed.get() { "copy-status" } else { "offscreen" }
            role="status"
        >
            {move || status.get()}
        </span>
    }
}

/// What finds an element again after its markup was replaced.
fn focus_key(el: &web_sys::Element) -> Option<(&'static str, String)> {
    ["id", "data-action", "href"]
        .into_iter()
        .find_map(|name| Some((name, el.get_attribute(name).filter(|v| !v.is_empty())?)))
}

fn replace_keeping_focus(root: &web_sys::Element, markup: &str) {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|el| root.contains(Some(el)))
        .and_then(|el| focus_key(&el));
    root.set_inner_html(markup);
    let Some((name, value)) = focused else {
        return;
    };
    let Ok(candidates) = root.query_selector_all(&format!("[{name}]")) else {
        return;
    };
    let again = (0..candidates.length())
        .filter_map(|i| candidates.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|el| el.get_attribute(name).as_deref() == Some(value.as_str()));
    if let Some(el) = again {
        let _ = el.focus();
    }
}
