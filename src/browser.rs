//! Small browser facts several parts of the app need: local storage and the
//! files a person chose or dropped.

use wasm_bindgen_futures::JsFuture;

use crate::dom;

/// Local storage, when the browser allows it (private windows may not).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Calls `take` with the files chosen in a file input inside `area`, or
/// dropped anywhere on it (the browser's own handling of a drop, opening
/// the file, is prevented there).
pub fn on_files(area: &web_sys::Element, take: impl Fn(Vec<web_sys::File>) + 'static) {
    let take = std::rc::Rc::new(take);
    let chosen = std::rc::Rc::clone(&take);
    dom::listen(area, "change", true, move |ev: web_sys::Event| {
        if let Some(input) =
            dom::target::<web_sys::HtmlInputElement>(&ev).filter(|i| i.type_() == "file")
        {
            chosen(files(input.files()));
        }
    });
    dom::listen(area, "dragover", false, |ev: web_sys::DragEvent| {
        ev.prevent_default()
    });
    dom::listen(area, "drop", false, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        take(files(ev.data_transfer().and_then(|d| d.files())));
    });
}

/// Every file of a list, in order.
fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// A file's bytes.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|_| format!("{} could not be read", file.name()))
}
