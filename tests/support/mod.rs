//! What both browser test files need: the document, and waiting for the
//! app's reactive work and pending fetches.

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// Yields to the event loop until `cond` holds (or about two seconds pass).
pub async fn until(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..200 {
        if cond() {
            return true;
        }
        leptos::task::tick().await;
        let sleep = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(sleep).await;
    }
    cond()
}
