//! The little DOM layer the console needs, on its reactive system
//! (Leptos' reactive system).
//!
//! Why not Leptos' view layer: every view here is markup text (see
//! [`crate::html`]), so what is left for a view layer is a few elements,
//! their listeners, and swapping a part of the page when a signal changes.
//! These few functions do that for a fraction of the download.
//!
//! Lifetimes follow the reactive owner: a listener added while building is
//! removed when the owner that built it is cleaned up, and [`switch`] cleans
//! up what it built before building again.

use leptos::prelude::{Effect, Owner, untrack};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// A new element with attributes (names and values written in this crate).
pub fn el(tag: &'static str, attrs: &[(&str, &str)]) -> web_sys::Element {
    // The console runs in a page: without a document, or with a tag name
    // written wrong here (not input), there is nothing it could show.
    let element = document()
        .and_then(|d| d.create_element(tag).ok())
        .expect("the console runs in a web page");
    for (name, value) in attrs {
        let _ = element.set_attribute(name, value);
    }
    element
}

/// The element that has the keyboard focus.
pub fn focused() -> Option<web_sys::Element> {
    document()?.active_element()
}

/// The element an event happened on, if it is a `T`.
pub fn target<T: JsCast>(ev: &web_sys::Event) -> Option<T> {
    ev.target()?.dyn_into::<T>().ok()
}

/// `el` holding `markup` (from [`crate::html::Html`]).
pub fn el_html(tag: &'static str, attrs: &[(&str, &str)], markup: &str) -> web_sys::Element {
    let element = el(tag, attrs);
    element.set_inner_html(markup);
    element
}

/// Appends `children` to `parent`.
pub fn append(parent: &web_sys::Element, children: &[&web_sys::Element]) {
    for child in children {
        let _ = parent.append_child(child);
    }
}

/// Listens for `event` on `target` (in the capture phase when `capture`, so
/// events that do not bubble are seen too) until the current owner is
/// cleaned up.
pub fn listen<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &'static str,
    capture: bool,
    mut handler: impl FnMut(E) + 'static,
) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if let Ok(ev) = ev.dyn_into::<E>() {
            handler(ev);
        }
    });
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        closure.as_ref().unchecked_ref(),
        capture,
    );
    if Owner::current().is_some() {
        let target = target.clone();
        // The browser's objects stay on the page's one thread; Leptos asks
        // cleanups to be Send, which the wrapper checks at run time.
        let remove = send_wrapper::SendWrapper::new(move || {
            let _ = target.remove_event_listener_with_callback_and_bool(
                event,
                closure.as_ref().unchecked_ref(),
                capture,
            );
        });
        Owner::on_cleanup(move || (*remove)());
    } else {
        // Without an owner the listener lives as long as the page.
        closure.forget();
    }
}

/// Keeps `parent`'s content built by `build` from `key()`: when the key
/// changes, what was built for the old one (its effects, its listeners) is
/// cleaned up and the new one is built in its place.
pub fn switch<K: 'static>(
    parent: &web_sys::Element,
    key: impl Fn() -> K + 'static,
    build: impl Fn(&K) -> web_sys::Node + 'static,
) {
    let parent = parent.clone();
    // The effect's owner cleans up what the last run built before each run,
    // so every run builds afresh.
    Effect::new(move |_| {
        let k = key();
        region_built();
        let child = untrack(|| build(&k));
        parent.replace_children_with_node_1(&child);
    });
}

thread_local! {
    /// The regions built by [`switch`] and [`mount_to`] and not yet cleaned
    /// up: what the browser tests watch for leaks.
    static LIVE_REGIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts a region built under the current owner until that owner cleans up.
fn region_built() {
    LIVE_REGIONS.with(|n| n.set(n.get() + 1));
    Owner::on_cleanup(|| LIVE_REGIONS.with(|n| n.set(n.get().saturating_sub(1))));
}

/// How many regions are built and not cleaned up.
pub fn live_regions() -> usize {
    LIVE_REGIONS.with(std::cell::Cell::get)
}
