//! Copying commands and downloading the plan: the two ways commands leave
//! the console.

use wasm_bindgen::JsCast;

/// Puts `text` on the clipboard: the asynchronous Clipboard API, or where
/// that is refused or missing, a selected textarea and the older copy
/// command.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = window.navigator();
    // Browsers offer `navigator.clipboard` only on secure pages (https or
    // localhost): over plain http to another host it is undefined, and
    // calling it would throw instead of falling back.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if has_clipboard {
        let promise = navigator.clipboard().write_text(text);
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            return Ok(());
        }
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
