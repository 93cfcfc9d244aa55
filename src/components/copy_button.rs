//! A copy button: copies its text, says so on the button and to screen
//! readers, and says what to do when the browser refused.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::copy::copy_text;
use crate::i18n::{self, tr};

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// Copies `text` (the same text that is shown, so what is read is what is
/// pasted). `label` (in the language shown) names what is copied.
#[component]
pub fn CopyButton(label: String, text: String) -> impl IntoView {
    let state = RwSignal::new(CopyState::Idle);
    let message = RwSignal::new(String::new());
    let on_click = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let result = copy_text(&text).await;
            let (now, said) = match result {
                Ok(()) => (CopyState::Copied, tr("Copied to the clipboard").to_string()),
                Err(e) => (CopyState::Failed, i18n::tr_text(&e)),
            };
            state.set(now);
            message.set(said);
            set_timeout(
                move || state.set(CopyState::Idle),
                std::time::Duration::from_secs(3),
            );
        });
    };
    view! {
        <button
            type="button"
            class="copy"
            aria-label=accessible_name(&label)
            data-state=move || match state.get() {
                CopyState::Idle => None,
                CopyState::Copied => Some("copied"),
                CopyState::Failed => Some("failed"),
            }
            on:click=on_click
        >
            {move || match state.get() {
                CopyState::Idle => tr("Copy"),
                CopyState::Copied => tr("Copied"),
                CopyState::Failed => tr("Copy failed"),
            }}
        </button>
        // Success is announced; a failure also says, visibly, what to do.
        <span
            role="status"
            class=move || if state.get() == CopyState::Failed { "copy-status" } else { "offscreen" }
        >
            {message}
        </span>
    }
}

/// The accessible name must contain the visible word ("Copy", or its
/// Korean), whatever the label says (WCAG 2.5.3).
fn accessible_name(label: &str) -> String {
    let copy = tr("Copy");
    if label.contains(copy) {
        label.to_string()
    } else {
        let mut name = String::with_capacity(copy.len() + label.len() + 3);
        name.push_str(copy);
        name.push_str(" (");
        name.push_str(label);
        name.push(')');
        name
    }
}
