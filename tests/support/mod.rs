//! What both browser test files need: the document, and waiting for the
//! app's reactive work and pending fetches.

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// The text of the first element `selector` matches.
#[allow(dead_code)] // not every test file reads text this way
pub fn text_of(selector: &str) -> Option<String> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
}

/// Waits until the element with this id has the focus; whether it got it.
#[allow(dead_code)] // not every test file follows the focus
pub async fn focus_reaches(id: &str) -> bool {
    until(|| document().active_element().is_some_and(|e| e.id() == id)).await
}

/// The id of the element that has the focus, for failure messages.
#[allow(dead_code)] // not every test file follows the focus
pub fn focused_id() -> Option<String> {
    document().active_element().map(|e| e.id())
}

/// Yields to the event loop, and to the app's reactive work, until `cond`
/// holds (or about two seconds pass).
#[allow(dead_code)] // the start-up test waits before mounting instead
pub async fn until(cond: impl FnMut() -> bool) -> bool {
    wait(cond, true).await
}

/// [`until`] before the app is mounted: the reactive executor does not
/// exist yet, so only the event loop is waited for.
#[allow(dead_code)] // only the start-up test waits before mounting
pub async fn until_unmounted(cond: impl FnMut() -> bool) -> bool {
    wait(cond, false).await
}

async fn wait(mut cond: impl FnMut() -> bool, tick: bool) -> bool {
    for _ in 0..200 {
        if cond() {
            return true;
        }
        if tick {
            s2s_console::testing::tick().await;
        }
        let sleep = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(sleep).await;
    }
    cond()
}
