//! Small browser facts several parts of the app need: local storage and the
//! files a person chose or dropped.

use wasm_bindgen_futures::JsFuture;

/// Local storage, when the browser allows it (private windows may not).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The files of an `<input type="file">`'s change event.
pub fn chosen_files(ev: &web_sys::Event) -> Option<web_sys::FileList> {
    crate::dom::target::<web_sys::HtmlInputElement>(ev)?.files()
}

/// The files of a drop (the caller prevents the browser's default).
pub fn dropped_files(ev: &web_sys::DragEvent) -> Option<web_sys::FileList> {
    ev.data_transfer()?.files()
}

/// Every file of a list, in order.
pub fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
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
