//! Opening in Korean (the saved choice): the Korean text is fetched before
//! the first render, so a Korean reader never sees the console in English
//! first. The test runner serves the repository's files, so this is the real
//! fetch of /i18n/ko.json.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::{document, text_of, until_unmounted as until};

#[wasm_bindgen_test]
async fn opens_in_korean_with_no_english_first() {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    storage.set_item("s2s.lang", "ko").expect("save the choice");
    s2s_console::start();
    // Every title the navigation shows for Topology, until it is Korean.
    let mut shown: Vec<String> = Vec::new();
    let korean = until(|| {
        let title = text_of("nav.sidenav a[href='/topology'] .step-title");
        if let Some(t) = title.clone()
            && shown.last() != Some(&t)
        {
            shown.push(t);
        }
        title.as_deref() == Some("토폴로지")
    })
    .await;
    let _ = storage.remove_item("s2s.lang");
    assert!(korean, "the console did not open in Korean: {shown:?}");
    assert_eq!(shown, ["토폴로지"]);
    let root = document().document_element().expect("html element");
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ko"));
    let select: web_sys::HtmlSelectElement = document()
        .query_selector(".lang-switch select")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .expect("language select");
    assert_eq!(select.value(), "ko");
    assert_eq!(text_of(".lang-status").as_deref(), Some(""));
}
