//! English and Korean. The UI is written in English; `tr` gives the Korean
//! of a text when Korean is chosen. The choice defaults to the browser's
//! language, is switched in the header and kept in local storage.
//!
//! The Korean text is not part of the app's download: it is the catalogue
//! `i18n/ko.json` (read by [`s2s_core::i18n::Catalogue`]), fetched from
//! [`KO_URL`] the first time Korean is chosen, or before the first render
//! when the console opens in Korean. Until it is loaded everything is
//! English; findings are shown in Korean through the same catalogue.
//!
//! The shell renders again when the language changes, so `tr` needs no
//! signal of its own: it reads the language the shell is rendering in.

use std::cell::{Cell, RefCell};

use crate::browser::local_storage;

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::i18n::{Catalogue, fill};

const STORAGE_KEY: &str = "s2s.lang";

/// Where the server serves the catalogue (Trunk copies `i18n/` into `dist/`).
pub const KO_URL: &str = "/i18n/ko.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    /// The Korean catalogue, once loaded. It is loaded once per page and
    /// leaked on purpose (`Box::leak`): it is needed until the page closes
    /// anyway, and being `'static` lets `tr` keep returning `&'static str`,
    /// which the views take as they are.
    static KOREAN: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
    /// Why the console could not open in Korean; the switch shows it.
    static STARTUP_FAILURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The language being rendered.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

pub fn set_rendering(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", if lang == Lang::Ko { "ko" } else { "en" });
    }
}

/// The catalogue, when Korean is being rendered and its text is loaded.
pub fn korean() -> Option<&'static Catalogue> {
    if lang() == Lang::Ko {
        KOREAN.with(Cell::get)
    } else {
        None
    }
}

fn korean_loaded() -> bool {
    KOREAN.with(Cell::get).is_some()
}

/// The Korean of an English UI text (the text itself when English is shown
/// or no translation exists).
pub fn tr(en: &'static str) -> &'static str {
    korean().and_then(|c| c.ui(en)).unwrap_or(en)
}

/// [`tr`] for text that is not a literal (a label passed along).
pub fn tr_any(en: &str) -> String {
    korean().and_then(|c| c.ui(en)).unwrap_or(en).to_string()
}

/// A message made in English from values, elsewhere than in the app (a
/// finding's evidence, a plan step, an error of a parser or of the proxy),
/// in the language being shown: its Korean pattern from the catalogue's
/// `texts`, or the English.
pub fn tr_text(en: &str) -> String {
    korean()
        .and_then(|c| c.text(en))
        .unwrap_or_else(|| en.to_string())
}

/// A text built from values: `pattern` is the English with `{}` where the
/// values go, and the key of its Korean in the catalogue. Without a Korean
/// pattern the English is shown.
pub fn trf(pattern: &'static str, values: &[&str]) -> String {
    korean()
        .and_then(|c| c.format(pattern, values))
        .unwrap_or_else(|| fill(pattern, values))
}

/// [`trf`] for a count: English says "1 day" but "2 days", so each form is
/// its own pattern (and key of the catalogue).
pub fn trn(count: i64, one: &'static str, many: &'static str) -> String {
    trf(if count == 1 { one } else { many }, &[&count.to_string()])
}

/// Reads and installs the catalogue (the text of `i18n/ko.json`).
pub fn install_korean(json: &str) -> Result<(), String> {
    let catalogue = Catalogue::parse(json).map_err(|e| e.to_string())?;
    KOREAN.with(|k| k.set(Some(Box::leak(Box::new(catalogue)))));
    Ok(())
}

/// Fetches the catalogue from the server and installs it.
pub async fn load_korean() -> Result<(), String> {
    load_korean_from(KO_URL).await
}

async fn load_korean_from(url: &str) -> Result<(), String> {
    let loaded = match crate::api::static_text(url).await {
        Ok(json) => install_korean(&json),
        Err(e) => Err(e),
    };
    loaded.map_err(|cause| format!("Korean text could not be loaded from {url}: {cause}"))
}

/// The saved choice, else the browser's language.
fn preferred() -> Lang {
    let saved = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    match saved.or(browser) {
        Some(l) if l.to_ascii_lowercase().starts_with("ko") => Lang::Ko,
        _ => Lang::En,
    }
}

/// Before the first render: loads the Korean text when the console is to
/// open in Korean, so a Korean reader sees no English first. If it cannot
/// be loaded the console opens in English and the switch says why.
pub async fn prepare() {
    if preferred() == Lang::Ko
        && !korean_loaded()
        && let Err(e) = load_korean().await
    {
        STARTUP_FAILURE.with(|f| f.replace(Some(e)));
    }
}

/// The language the console opens in: the preferred one, but English while
/// the Korean text is not loaded.
pub fn initial() -> Lang {
    match preferred() {
        Lang::Ko if korean_loaded() => Lang::Ko,
        _ => Lang::En,
    }
}

/// Shows `chosen` from now on, and remembers it.
fn choose(lang: RwSignal<Lang>, chosen: Lang) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(STORAGE_KEY, if chosen == Lang::Ko { "ko" } else { "en" });
    }
    lang.set(chosen);
}

/// The language switch. `source` is where the Korean text is fetched from
/// when it is not loaded yet.
#[component]
pub fn LangSwitch(lang: RwSignal<Lang>, source: &'static str) -> impl IntoView {
    let is_ko = lang.get_untracked() == Lang::Ko;
    // Why Korean could not be shown; the switch is made again, and this
    // cleared, whenever the language changes.
    let failure = RwSignal::new(STARTUP_FAILURE.with(RefCell::take));
    let on_change = move |ev: leptos::ev::Event| {
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        if select.value() != "ko" {
            choose(lang, Lang::En);
            return;
        }
        if korean_loaded() {
            choose(lang, Lang::Ko);
            return;
        }
        failure.set(None);
        spawn_local(async move {
            match load_korean_from(source).await {
                // Unless the reader went back to English meanwhile.
                Ok(()) if select.value() == "ko" => choose(lang, Lang::Ko),
                Ok(()) => {}
                Err(e) => {
                    select.set_value("en");
                    failure.set(Some(e));
                }
            }
        });
    };
    view! {
        <span class="lang-choice">
            <label class="lang-switch">
                <span>{tr("Language")}</span>
                <select on:change=on_change>
                    <option value="en" selected=!is_ko>"English"</option>
                    // The language's own name, in every language: it is what
                    // a Korean reader looks for before the catalogue is loaded.
                    <option value="ko" lang="ko" selected=is_ko>"한국어"</option>
                </select>
            </label>
            <span
                class=move || failure.with(|f| if f.is_some() { "lang-status shown" } else { "lang-status" })
                role="status"
            >
                {move || failure.get()}
            </span>
        </span>
    }
}
