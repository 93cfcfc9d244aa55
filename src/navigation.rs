//! Where the reader lands after following a link: the new page's heading,
//! or the element a `#fragment` names (a finding, a plan step, a field).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use s2s_core::report::Snapshot;
use wasm_bindgen::JsCast;

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
    focus(&el);
}

/// Focuses `el`; a section, a finding or a heading takes the focus only
/// when sent there (`tabindex="-1"`).
fn focus(el: &web_sys::Element) {
    if let Some(target) = el.dyn_ref::<web_sys::HtmlElement>() {
        if !matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            && !el.has_attribute("tabindex")
        {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = target.focus();
    }
}

fn by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Runs `then` with the element `find` returns, once the page has it: the
/// router draws the new page after the address changes, some frames later.
/// Gives up after about a second (a fragment naming nothing).
fn once_drawn(
    find: impl Fn() -> Option<web_sys::Element> + 'static,
    then: impl FnOnce(web_sys::Element) + 'static,
    frames_left: u8,
) {
    request_animation_frame(move || match find() {
        Some(el) => then(el),
        None if frames_left > 0 => once_drawn(find, then, frames_left - 1),
        None => {}
    });
}

/// After each navigation, once the new page is drawn: the element the
/// fragment names, or the new page's heading (keyboard and screen-reader
/// users start on the new page, not on the link they followed). A report
/// link is a fragment too: the Report page opens it. The first page is left
/// as the browser opened it, unless its address names an element.
pub fn follow_navigation() {
    let location = use_location();
    // Read now: a link may be followed before the effect first runs.
    let opened = location.pathname.get_untracked();
    Effect::new(move |last: Option<String>| {
        let last = last.unwrap_or_else(|| opened.clone());
        let path = location.pathname.get();
        let hash = location.hash.get();
        let fragment = hash.trim_start_matches('#').to_string();
        if !fragment.is_empty() && !Snapshot::is_link_fragment(&hash) {
            once_drawn(move || by_id(&fragment), |el| show_element(&el.id()), 60);
        } else if last != path {
            // The heading of the page being left is not the one to focus.
            let old = by_id("page-title");
            once_drawn(
                move || by_id("page-title").filter(|h| Some(h) != old.as_ref()),
                |heading| focus(&heading),
                60,
            );
        }
        path
    });
}
