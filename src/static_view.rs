//! Shows markup from [`crate::html`] and gives it behaviour through one
//! delegated click handler: `[data-copy]` buttons copy, `a[data-nav]` links
//! navigate inside the console, `[data-download]` buttons save a file.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::copy::{copy_text, download};
use crate::i18n::tr;
use crate::router::{CurrentPath, go};

fn attr(el: &web_sys::Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

#[component]
pub fn StaticView(
    /// The markup, from [`crate::html::Html`].
    #[prop(into)]
    html: Signal<String>,
    #[prop(optional)] class: &'static str,
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
        let Ok(Some(el)) = target.closest("[data-copy],a[data-nav],[data-download]") else {
            return;
        };
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
    view! {
        <div class=class on:click=on_click inner_html=move || html.get()></div>
        // Success is announced; a failure also says, visibly, what to do.
        <span
            class=move || if failed.get() { "copy-status" } else { "offscreen" }
            role="status"
        >
            {move || status.get()}
        </span>
    }
}
