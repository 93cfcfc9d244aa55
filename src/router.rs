//! A small client-side router: the console has a fixed set of pages, so a
//! signal holding the path and the History API are all it needs (links are
//! `a[data-nav]` in markup; [`crate::static_view`] follows them).
//! (leptos_router weighed about 50 KB gzip in the WASM download.)

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The path of the page being shown.
#[derive(Clone, Copy)]
pub struct CurrentPath(pub RwSignal<String>);

fn location_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_string())
}

/// Provides [`CurrentPath`] and follows the browser's back and forward buttons.
pub fn provide_router() -> CurrentPath {
    let current = CurrentPath(RwSignal::new(location_path()));
    provide_context(current);
    if let Some(window) = web_sys::window() {
        // The router lives as long as the page (no owner cleans it up).
        // A link to a `#fragment` fires popstate too, with the same path:
        // the page stays as it is (drawn again, it would lose the focus and
        // the view), unless the fragment is a report link, pasted or reached
        // with Back: the Report page opens it when drawn.
        crate::dom::listen(&window, "popstate", false, move |_: web_sys::Event| {
            let path = location_path();
            let report_link = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .is_some_and(|h| s2s_core::report::Snapshot::is_link_fragment(&h));
            if current.0.get_untracked() != path || report_link {
                current.0.set(path)
            }
        });
    }
    current
}

/// Shows another page without reloading: push the path, update the signal,
/// and put the reader at the top of the new page, or at the element a
/// `#fragment` names once the page has been drawn (a form field is opened
/// up and focused).
pub fn go(current: CurrentPath, href: &str) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    if (current.0.get_untracked() != path || fragment.is_some())
        && let Ok(history) = window.history()
    {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    if current.0.get_untracked() != path {
        current.0.set(path.to_string());
        // Keyboard and screen-reader users start on the new page, not on
        // the link they followed (unless a fragment names a place in it).
        if fragment.is_none() {
            request_animation_frame(|| {
                if let Some(main) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("main"))
                    .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = main.focus();
                }
            });
        }
    }
    if let Some(id) = fragment {
        request_animation_frame(move || show_element(&id));
    }
}

/// Brings the element with this id into view: a closed `<details>` around
/// it (a field under "Advanced options", a passed check) is opened, and it
/// gets the focus, so keyboard and screen-reader users go on from there
/// (a form field gets the cursor: a link to a field asks for it to be
/// filled in).
pub fn show_element(id: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    if let Ok(Some(details)) = el.closest("details") {
        let _ = details.set_attribute("open", "");
    }
    el.scroll_into_view();
    if let Some(target) = el.dyn_ref::<web_sys::HtmlElement>() {
        // A section or a finding takes the focus only when sent there.
        if !matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            && !el.has_attribute("tabindex")
        {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = target.focus();
    }
}
