//! What the console uses of Leptos' reactive system (`reactive_graph`, the
//! crate under Leptos), in one place: signals, memos, derived signals,
//! effects, stored values, contexts and callbacks.

pub use reactive_graph::callback::{Callable, Callback};
pub use reactive_graph::computed::Memo;
pub use reactive_graph::effect::Effect;
pub use reactive_graph::owner::{LocalStorage, StoredValue, expect_context, provide_context};
pub use reactive_graph::prelude::*;
pub use reactive_graph::signal::RwSignal;
pub use reactive_graph::wrappers::read::Signal;

/// Runs a future on the page's event loop.
pub fn spawn_local(future: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(future);
}

/// Calls `f` after `delay`.
pub fn set_timeout(f: impl FnOnce() + 'static, delay: std::time::Duration) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&closure),
            i32::try_from(delay.as_millis()).unwrap_or(i32::MAX),
        );
    }
}

/// Calls `f` before the next repaint.
pub fn request_animation_frame(f: impl FnOnce() + 'static) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&closure));
    }
}
