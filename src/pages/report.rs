//! The Report page: an admin makes a report (a link whose `#fragment`
//! carries the compressed snapshot, never sent to the server, or a JSON
//! file); the helpdesk opens one and sees it read-only, nothing fetched.

use leptos::prelude::*;
use s2s_core::api::Mode;
use s2s_core::report::{ReportError, Snapshot};

use crate::app::ServerInfoResource;
use crate::browser;
use crate::copy::{copy_text, download};
use crate::deflate;
use crate::i18n::tr;
use crate::render::report_view;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::{Workspace, now};

/// Links longer than this break in mail and chat tools and some proxies.
const LINK_LIMIT: usize = 8_000;

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

async fn from_link(fragment: &str) -> Result<Snapshot, String> {
    let compressed = Snapshot::from_link_fragment(fragment).map_err(|e| e.to_string())?;
    let json = deflate::decompress(&compressed).await.map_err(|e| {
        ReportError::Damaged {
            detail: format!("the link was cut or changed ({e})"),
        }
        .to_string()
    })?;
    Snapshot::from_json(&String::from_utf8_lossy(&json)).map_err(|e| e.to_string())
}

#[derive(Clone, PartialEq)]
enum Shared {
    Link { url: String, chars: usize },
    TooLong { chars: usize },
    Failed(String),
}

#[component]
pub fn ReportPage() -> impl IntoView {
    super::set_document_title(routes::REPORT.title());
    let ws = expect_context::<Workspace>();
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    let read_only = move || matches!(server.get(), Some(Ok(ref i)) if i.mode == Mode::ReadOnly);
    let version = move || match server.get_untracked() {
        Some(Ok(i)) => i.version,
        _ => "unknown".to_string(),
    };
    let opened = RwSignal::new(None::<Result<Snapshot, String>>);
    let hash = location_hash();
    if hash.starts_with("#s2s-report-v") {
        leptos::task::spawn_local(async move { opened.set(Some(from_link(&hash).await)) });
    }
    let shared = RwSignal::new(None::<Shared>);
    let on_copy_link = move |_| {
        let json = ws.snapshot(&version()).to_json();
        leptos::task::spawn_local(async move {
            let result = match deflate::compress(json.as_bytes()).await {
                Err(e) => Shared::Failed(e),
                Ok(compressed) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    let url = format!(
                        "{origin}{}#{}",
                        routes::REPORT.path,
                        Snapshot::link_fragment(&compressed)
                    );
                    let chars = url.chars().count();
                    if chars > LINK_LIMIT {
                        Shared::TooLong { chars }
                    } else {
                        // Shown as well, in case the clipboard is refused.
                        let _ = copy_text(&url).await;
                        Shared::Link { url, chars }
                    }
                }
            };
            shared.set(Some(result));
        });
    };
    let on_download = move |_| {
        let snapshot = ws.snapshot(&version());
        let stamp: String = snapshot
            .generated_at
            .to_rfc3339()
            .chars()
            .filter(char::is_ascii_digit)
            .take(12)
            .collect();
        if let Err(e) = download(
            &format!("s2s-report-{stamp}.json"),
            "application/json",
            snapshot.to_json().as_bytes(),
        ) {
            shared.set(Some(Shared::Failed(e)));
        }
    };
    let on_open = move |ev: leptos::ev::Event| {
        if let Some(file) = browser::files(browser::chosen_files(&ev))
            .into_iter()
            .next()
        {
            leptos::task::spawn_local(async move {
                let result = browser::read_file(&file).await.and_then(|bytes| {
                    Snapshot::from_json(&String::from_utf8_lossy(&bytes)).map_err(|e| e.to_string())
                });
                opened.set(Some(result));
            });
        }
    };
    let on_close = move |_| {
        opened.set(None);
        if let Some(w) = web_sys::window()
            && let Ok(history) = w.history()
        {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(routes::REPORT.path),
            );
        }
    };
    let on_print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{routes::REPORT.title()}</h1>
            {move || match opened.get() {
                Some(Ok(snapshot)) => {
                    let html = report_view::html(&snapshot, now());
                    view! {
                        <div class="report-actions no-print">
                            <button type="button" on:click=on_print>{tr("Print or save as PDF")}</button>
                            " "
                            <button type="button" class="secondary" on:click=on_close>{tr("Close the report")}</button>
                        </div>
                        <StaticView html=html class="report"/>
                    }.into_any()
                }
                Some(Err(e)) => view! {
                    <p class="error" role="alert">{format!("This report cannot be opened: {e}")}</p>
                    <button type="button" class="secondary" on:click=on_close>{tr("Back")}</button>
                }.into_any(),
                None => view! {
                    <p class="lead">{routes::REPORT.purpose()}</p>
                    <Show when=read_only>
                        <p class="notice">{tr("This server is read-only: it fetches nothing. Open a report link an administrator shared, or a report file, to see their findings, certificates, documents and test results.")}</p>
                    </Show>
                    <Show when=move || !read_only()>
                        <section class="card" aria-labelledby="make-title">
                            <h2 id="make-title">{tr("Share what the console shows now")}</h2>
                            <p>{tr("The report holds the topology, both fetched documents with their certificates, the pasted test output and the findings. A link carries it after the #, which browsers never send to a server.")}</p>
                            <div class="form-actions">
                                <button type="button" on:click=on_copy_link>{tr("Copy report link")}</button>
                                " "
                                <button type="button" class="secondary" on:click=on_download>{tr("Download report")}</button>
                            </div>
                            {move || shared.get().map(|s| match s {
                                Shared::Link { url, chars } => view! {
                                    <div class="field">
                                        <label for="report-link">{format!("Report link ({chars} characters, copied)")}</label>
                                        <input id="report-link" type="text" readonly=true prop:value=url/>
                                    </div>
                                }.into_any(),
                                Shared::TooLong { chars } => view! {
                                    <p class="warning" role="status">{format!("The link would be {chars} characters; links over {LINK_LIMIT} break in mail and chat tools. Download the report file and send that instead.")}</p>
                                }.into_any(),
                                Shared::Failed(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                            })}
                        </section>
                    </Show>
                    <div class="field">
                        <label for="report-file">{tr("Open a report file")}</label>
                        <input id="report-file" type="file" accept=".json,application/json" on:change=on_open/>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
