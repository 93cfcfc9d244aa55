//! A link to a page of the console, as the view it sits in has it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::navigation::show_element;
use crate::presentation::View;

/// A link to the console's `href` (`/page` or `/page#anchor`): on the
/// console's pages a router link; inside an opened report a jump to the
/// report's section (the report's own link stays in the address bar), or
/// the text alone when the report has no such section.
#[component]
pub fn PageLink(view: View, #[prop(into)] href: String, #[prop(into)] text: String) -> AnyView {
    match view.target(&href) {
        Some((href, false)) => view! { <A href=href>{text}</A> }.into_any(),
        Some((href, true)) => {
            let id = href.trim_start_matches('#').to_string();
            let jump = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                show_element(&id);
            };
            view! { <a href=href data-jump="" on:click=jump>{text}</a> }.into_any()
        }
        None => text.into_any(),
    }
}
