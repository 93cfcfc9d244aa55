//! Small browser facts several parts of the app need: local storage and the
//! files a person chose or dropped.

use wasm_bindgen_futures::JsFuture;

use crate::i18n::trf;

/// Local storage, when the browser allows it (private windows may not).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// For `on:dragover` where files may be dropped: without it the browser
/// takes the drop itself.
pub fn allow_drop(ev: web_sys::DragEvent) {
    ev.prevent_default();
}

/// For `on:drop`: the files dropped, taken from the browser, which would
/// otherwise open them in place of the console.
pub fn take_dropped(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    ev.prevent_default();
    files(ev.data_transfer().and_then(|d| d.files()))
}

/// The files chosen in the file input `ev` happened on.
pub fn chosen_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    ev.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        .filter(|i| i.type_() == "file")
        .map(|i| files(i.files()))
        .unwrap_or_default()
}

/// Every file of a list, in order.
fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The start of a file, and how long the whole file is.
pub struct FileHead {
    pub bytes: Vec<u8>,
    pub size: usize,
}

impl FileHead {
    /// Whether the file is longer than the bytes read.
    pub fn is_cut(&self) -> bool {
        self.size > self.bytes.len()
    }
}

/// A file's first `limit` + 1 bytes (all of a smaller file): each reader
/// refuses or cuts what is longer than its limit, and a file of gigabytes
/// dropped by mistake is not read whole to find that out.
pub async fn read_file(file: &web_sys::File, limit: usize) -> Result<FileHead, String> {
    let unreadable = || {
        trf(
            "{} could not be read: was it moved or changed after it was chosen?",
            &[&file.name()],
        )
    };
    let head = file
        .slice_with_f64_and_f64(0.0, limit as f64 + 1.0)
        .map_err(|_| unreadable())?;
    let bytes = JsFuture::from(head.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|_| unreadable())?;
    Ok(FileHead {
        bytes,
        // A file's size is a whole number of bytes.
        size: file.size() as usize,
    })
}
