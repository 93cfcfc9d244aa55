//! Light and dark themes. The default follows the system (pure CSS, no flash
//! before the app loads); a choice made here is kept in local storage.

use crate::browser::local_storage;
use crate::i18n::tr;
use leptos::prelude::*;

const STORAGE_KEY: &str = "s2s.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

fn load() -> Theme {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|v| Theme::parse(&v))
        .unwrap_or(Theme::System)
}

/// Sets `data-theme` on `<html>` (the CSS reads it) and remembers the choice.
/// Storage may be unavailable (private windows): the theme still applies.
fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", other.as_str()),
        };
    }
    if let Some(s) = local_storage() {
        let _ = s.set_item(STORAGE_KEY, theme.as_str());
    }
}

#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let chosen = load();
    apply(chosen);
    let on_change = |ev: leptos::ev::Event| apply(Theme::parse(&event_target_value(&ev)));
    let options = [
        (Theme::System, "System"),
        (Theme::Light, "Light"),
        (Theme::Dark, "Dark"),
    ];
    view! {
        <label class="theme-switch">
            <span>{tr("Theme")}</span>
            <select on:change=on_change>
                {options
                    .into_iter()
                    .map(|(theme, label)| {
                        view! {
                            <option value=theme.as_str() selected=theme == chosen>{tr(label)}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
