//! Copying commands and downloading the plan: the two ways commands leave
//! the console.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts `text` on the clipboard: the asynchronous Clipboard API, or where
/// that is refused, a selected textarea and the older copy command.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
        return Ok(());
    }
    copy_with_textarea(&window, text)
}

fn copy_with_textarea(window: &web_sys::Window, text: &str) -> Result<(), String> {
    let failed = || "the browser refused; select the text and press Ctrl+C".to_string();
    let document = window.document().ok_or_else(failed)?;
    let area: web_sys::HtmlTextAreaElement = document
        .create_element("textarea")
        .map_err(|_| failed())?
        .dyn_into()
        .map_err(|_| failed())?;
    area.set_value(text);
    area.set_attribute("readonly", "").map_err(|_| failed())?;
    area.set_class_name("offscreen");
    let body = document.body().ok_or_else(failed)?;
    body.append_child(&area).map_err(|_| failed())?;
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    if copied { Ok(()) } else { Err(failed()) }
}

#[derive(Clone, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed(String),
}

/// A copy button that says whether it worked.
#[component]
pub fn CopyButton(
    /// What is copied, read when clicked.
    #[prop(into)]
    text: Signal<String>,
    /// What the button copies, for screen readers ("Copy command").
    label: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(CopyState::Idle);
    let on_click = move |_| {
        let value = text.get_untracked();
        leptos::task::spawn_local(async move {
            let result = copy_text(&value).await;
            state.set(match result {
                Ok(()) => CopyState::Copied,
                Err(e) => CopyState::Failed(e),
            });
            set_timeout(
                move || state.set(CopyState::Idle),
                std::time::Duration::from_secs(3),
            );
        });
    };
    view! {
        <button type="button" class="copy" aria-label=label on:click=on_click data-state=move || match state.get() {
            CopyState::Idle => "idle",
            CopyState::Copied => "copied",
            CopyState::Failed(_) => "failed",
        }>
            {move || match state.get() {
                CopyState::Idle => "Copy".to_string(),
                CopyState::Copied => "Copied".to_string(),
                CopyState::Failed(_) => "Copy failed".to_string(),
            }}
        </button>
        <span class="copy-status" role="status">
            {move || match state.get() {
                CopyState::Failed(e) => e,
                _ => String::new(),
            }}
        </span>
    }
}

/// Offers `bytes` as a file download.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let failed = |what: &str| format!("the download could not be started ({what})");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| failed("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed("url"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| failed("document"))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed("link"))?
        .dyn_into()
        .map_err(|_| failed("link"))?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
