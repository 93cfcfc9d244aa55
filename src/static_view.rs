//! Shows markup from [`crate::html`] and gives it behaviour through one
//! delegated click handler: `[data-copy]` buttons copy, `a[data-nav]` links
//! navigate inside the console, `a[data-jump]` links bring a part of the
//! view into sight (the address stays: an opened report's link is in it),
//! `[data-download]` buttons save a file, and `[data-action]` buttons call
//! back the view's owner.

use crate::dom;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::copy::{copy_text, download};
use crate::i18n::tr;
use crate::navigation::show_element;

fn attr(el: &web_sys::Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// The `data-action` of the button a click landed in.
pub fn action_of(ev: &web_sys::MouseEvent) -> Option<String> {
    dom::target::<web_sys::Element>(ev)?
        .closest("[data-action]")
        .ok()??
        .get_attribute("data-action")
}

/// The markup `html` holds, kept up to date, with the delegated click
/// handler; `on_action` is called with the `data-action` of a clicked button.
pub fn static_view(
    html: impl Into<Signal<String>>,
    class: &'static str,
    on_action: Option<Callback<String>>,
) -> web_sys::Element {
    let html: Signal<String> = html.into();
    // Success is announced; a failure also says, visibly, what to do.
    let status = dom::el("span", &[("class", "offscreen"), ("role", "status")]);
    let shown_status = status.clone();
    let show = move |failed: bool, message: &str| {
        shown_status.set_class_name(if failed { "copy-status" } else { "offscreen" });
        shown_status.set_text_content(Some(message));
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(target) = dom::target::<web_sys::Element>(&ev) else {
            return;
        };
        let Ok(Some(el)) = target.closest("[data-copy],a[data-jump],[data-download],[data-action]")
        else {
            return;
        };
        if let (Some(action), Some(cb)) = (attr(&el, "data-action"), on_action) {
            cb.run(action);
            return;
        }
        if let Some(text) = attr(&el, "data-copy") {
            let show = show.clone();
            spawn_local(async move {
                let result = copy_text(&text).await;
                let copied = result.is_ok();
                let message = match result {
                    Ok(()) => tr("Copied to the clipboard").to_string(),
                    Err(e) => crate::i18n::tr_text(&e),
                };
                let _ = el.set_attribute("data-state", if copied { "copied" } else { "failed" });
                el.set_text_content(Some(if copied {
                    tr("Copied")
                } else {
                    tr("Copy failed")
                }));
                show(!copied, &message);
                set_timeout(
                    move || {
                        el.set_text_content(Some(tr("Copy")));
                        let _ = el.remove_attribute("data-state");
                    },
                    std::time::Duration::from_secs(3),
                );
            });
        } else if let Some(href) = attr(&el, "href").filter(|_| el.has_attribute("data-jump")) {
            ev.prevent_default();
            show_element(href.trim_start_matches('#'));
        } else if let Some(name) = attr(&el, "data-download") {
            let mime = attr(&el, "data-mime").unwrap_or_else(|| "application/octet-stream".into());
            let bytes = match attr(&el, "data-b64") {
                Some(b64) => s2s_core::keyvalue::decode_base64(&b64).unwrap_or_default(),
                None => attr(&el, "data-content").unwrap_or_default().into_bytes(),
            };
            if let Err(e) = download(&name, &mime, &bytes) {
                show(true, &crate::i18n::tr_text(&e));
            }
        }
    };
    // New markup replaces the old; a button or field that had the focus
    // keeps it (found again by its id, action or link), so a keyboard user is
    // not thrown back to the top of the page when the view changes under them.
    let first = html.get_untracked();
    let content = dom::el_html("div", &[("class", class)], &first);
    dom::listen(&content, "click", false, on_click);
    let drawn = StoredValue::new(first);
    let shown = content.clone();
    Effect::new(move |_| html.with(|markup| redraw(&shown, drawn, markup)));
    let view = dom::el("div", &[("class", "static-view")]);
    dom::append(&view, &[&content, &status]);
    view
}

/// Draws `markup` into `root` unless it is what was drawn last (`drawn`),
/// keeping the focus where it was.
pub fn redraw(root: &web_sys::Element, drawn: StoredValue<String>, markup: &str) {
    if drawn.with_value(|d| d != markup) {
        replace_keeping_focus(root, markup);
        drawn.set_value(markup.to_string());
    }
}

/// What finds an element again after its markup was replaced.
fn focus_key(el: &web_sys::Element) -> Option<(&'static str, String)> {
    ["id", "data-action", "href"]
        .into_iter()
        .find_map(|name| Some((name, el.get_attribute(name).filter(|v| !v.is_empty())?)))
}

fn replace_keeping_focus(root: &web_sys::Element, markup: &str) {
    let focused = dom::focused()
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
