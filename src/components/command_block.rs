//! A command as it is pasted into a shell: shown whole, with its copy
//! button (what is read is what is copied).

use leptos::prelude::*;

use super::CopyButton;
use crate::i18n::tr;

/// `command` in a `<pre>`, copied by its button.
#[component]
pub fn CommandBlock(command: String) -> impl IntoView {
    view! {
        <div class="command">
            <pre>
                <code>{command.clone()}</code>
            </pre>
            <CopyButton label=tr("Copy command").to_string() text=command/>
        </div>
    }
}
