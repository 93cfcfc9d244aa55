//! While the pages move to `view!` one by one: a page still built as a
//! `web_sys::Element` shown inside a Leptos view. Goes with the last of them.

use leptos::prelude::*;

/// Puts `child` in `host`, in place of what it held: the router rebuilds
/// one page's view into another's when they have the same type, as these do.
fn attach(host: leptos::tachys::renderer::types::Element, child: web_sys::Element) {
    host.replace_children_with_node_1(&child);
}

/// `build`'s element, built under the view's owner (so its effects and
/// listeners go with it) and attached as the view is built.
pub fn legacy(build: fn() -> web_sys::Element) -> impl IntoView {
    attached(build())
}

/// `element` inside a view.
pub fn attached(element: web_sys::Element) -> impl IntoView {
    view! { <div class="static-view" use:attach=element></div> }
}
