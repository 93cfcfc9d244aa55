//! The Report page: an admin makes a report (a link whose `#fragment`
//! carries the compressed snapshot, never sent to the server, or a JSON
//! file); the helpdesk opens one and sees it read-only, nothing fetched.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use s2s_core::report::{MAX_REPORT_BYTES, ReportError, Snapshot};

use crate::app::ServerInfoResource;
use crate::browser;
use crate::components::report_view::ReportView;
use crate::copy::{copy_text, download};
use crate::deflate::{self, InflateError};
use crate::i18n::{tr, tr_text, trf};
use crate::routes;
use crate::workspace::{Workspace, now};

/// Links longer than this break in mail and chat tools and some proxies.
const LINK_LIMIT: usize = 8_000;

async fn from_link(fragment: &str) -> Result<Snapshot, String> {
    let compressed = Snapshot::from_link_fragment(fragment).map_err(|e| e.to_string())?;
    let json = deflate::decompress(&compressed, MAX_REPORT_BYTES)
        .await
        .map_err(|e| match e {
            InflateError::TooLarge => ReportError::InflatesTooLarge {
                max: MAX_REPORT_BYTES,
            }
            .to_string(),
            InflateError::Failed(e) => ReportError::Damaged {
                detail: format!("the link was cut or changed ({e})"),
            }
            .to_string(),
        })?;
    Snapshot::from_json(&String::from_utf8_lossy(&json)).map_err(|e| e.to_string())
}

#[derive(Clone, PartialEq)]
enum Shared {
    /// `copied`: whether it also went to the clipboard.
    Link {
        url: String,
        chars: usize,
        copied: bool,
    },
    TooLong {
        chars: usize,
    },
    Failed(String),
}

#[component]
pub fn ReportPage() -> impl IntoView {
    super::set_document_title(routes::REPORT.title());
    let ws = expect_context::<Workspace>();
    let info = expect_context::<ServerInfoResource>();
    let ServerInfoResource(server) = info;
    let version = move || match server.get_untracked() {
        Some(Ok(i)) => i.version,
        _ => "unknown".to_string(),
    };
    let opened = ws.opened_report;
    // A report link in the address opens, also when it arrives while the
    // page is shown (pasted into this tab, or reached with Back).
    let location = use_location();
    Effect::new(move |_| {
        let hash = location.hash.get();
        if Snapshot::is_link_fragment(&hash) {
            spawn_local(async move { opened.set(Some(from_link(&hash).await)) });
        }
    });
    let shared = RwSignal::new(None::<Shared>);
    let copy_link = move |_| {
        let json = ws.snapshot(&version()).to_json();
        spawn_local(async move {
            let result = match deflate::compress(json.as_bytes()).await {
                Err(e) => Shared::Failed(e),
                Ok(compressed) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    let url = [
                        origin.as_str(),
                        routes::REPORT.path,
                        "#",
                        &Snapshot::link_fragment(&compressed),
                    ]
                    .concat();
                    let chars = url.chars().count();
                    if chars > LINK_LIMIT {
                        Shared::TooLong { chars }
                    } else {
                        // Shown as well, in case the clipboard is refused.
                        let copied = copy_text(&url).await.is_ok();
                        Shared::Link { url, chars, copied }
                    }
                }
            };
            shared.set(Some(result));
        });
    };
    let download_report = move |_| {
        let snapshot = ws.snapshot(&version());
        let stamp: String = snapshot
            .generated_at
            .to_rfc3339()
            .chars()
            .filter(char::is_ascii_digit)
            .take(12)
            .collect();
        let name = ["s2s-report-", &stamp, ".json"].concat();
        if let Err(e) = download(&name, "application/json", snapshot.to_json().as_bytes()) {
            shared.set(Some(Shared::Failed(e)));
        }
    };
    let open_files = move |files: Vec<web_sys::File>| {
        if let Some(file) = files.into_iter().next() {
            spawn_local(async move {
                let result = browser::read_file(&file, MAX_REPORT_BYTES)
                    .await
                    .and_then(|head| {
                        if head.is_cut() {
                            let too_large = ReportError::TooLarge {
                                size: head.size,
                                max: MAX_REPORT_BYTES,
                            };
                            return Err(too_large.to_string());
                        }
                        Snapshot::from_json(&String::from_utf8_lossy(&head.bytes))
                            .map_err(|e| e.to_string())
                    });
                opened.set(Some(result));
                // The chooser is gone: the keyboard starts from the page's
                // heading, above the report (or why it could not be opened).
                request_animation_frame(|| crate::navigation::show_element("page-title"));
            });
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| open_files(browser::take_dropped(&ev));
    let on_chosen = move |ev: leptos::ev::Event| open_files(browser::chosen_files(&ev));
    let close = Callback::new(move |()| {
        opened.set(None);
        // The button is gone with the report.
        request_animation_frame(|| crate::navigation::show_element("page-title"));
        if let Some(w) = web_sys::window()
            && let Ok(history) = w.history()
        {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(routes::REPORT.path),
            );
        }
    });
    let content = move || match opened.get() {
        Some(Ok(snapshot)) => opened_view(snapshot, close),
        Some(Err(e)) => refused_view(&e, close),
        None => make_view(
            info.read_only(),
            shared,
            copy_link,
            download_report,
            on_chosen,
        ),
    };
    view! {
        <section
            class="page"
            aria-labelledby="page-title"
            on:dragover=browser::allow_drop
            on:drop=on_drop
        >
            <h1 id="page-title">{routes::REPORT.title()}</h1>
            {content}
        </section>
    }
}

/// An opened report, read-only.
fn opened_view(snapshot: Snapshot, close: Callback<()>) -> AnyView {
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="report-actions no-print">
            <button type="button" data-action="print" on:click=print>
                {tr("Print or save as PDF")}
            </button>
            " "
            <button type="button" class="secondary" data-action="close" on:click=move |_| close.run(())>
                {tr("Close the report")}
            </button>
        </div>
        <div class="report"><ReportView snapshot now=now()/></div>
    }
    .into_any()
}

/// A report that cannot be opened, and the way back.
fn refused_view(error: &str, close: Callback<()>) -> AnyView {
    view! {
        <p class="error" role="alert">
            {trf("This report cannot be opened: {}", &[&tr_text(error)])}
        </p>
        <button type="button" class="secondary" data-action="close" on:click=move |_| close.run(())>
            {tr("Back")}
        </button>
    }
    .into_any()
}

/// Making a report (unless the server is read-only) and opening a file.
fn make_view(
    read_only: bool,
    shared: RwSignal<Option<Shared>>,
    copy_link: impl Fn(leptos::ev::MouseEvent) + 'static,
    download_report: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_chosen: impl Fn(leptos::ev::Event) + 'static,
) -> AnyView {
    let make = if read_only {
        view! {
            <p class="notice">{tr("This server is read-only: it fetches nothing. Open a report link an administrator shared, or a report file, to see their findings, certificates, documents and test results.")}</p>
        }
        .into_any()
    } else {
        view! {
            <section class="card" aria-labelledby="make-title">
                <h2 id="make-title">{tr("Share what the console shows now")}</h2>
                <p>{tr("The report holds the topology, both fetched documents with their certificates, the pasted test output and the findings. A link carries it after the #, which browsers never send to a server.")}</p>
                <div class="form-actions">
                    <button type="button" data-action="copy-link" on:click=copy_link>
                        {tr("Copy report link")}
                    </button>
                    " "
                    <button type="button" class="secondary" data-action="download" on:click=download_report>
                        {tr("Download report")}
                    </button>
                </div>
                {move || shared.get().map(shared_view)}
            </section>
        }
        .into_any()
    };
    view! {
        <p class="lead">{routes::REPORT.purpose()}</p>
        {make}
        <div class="field">
            <label for="report-file">{tr("Open a report file")}</label>
            <input id="report-file" type="file" accept=".json,application/json" on:change=on_chosen/>
        </div>
    }
    .into_any()
}

/// What became of "Copy report link".
fn shared_view(shared: Shared) -> AnyView {
    match shared {
        Shared::Link { url, chars, copied } => {
            let label = if copied {
                "Report link ({} characters, copied)"
            } else {
                "Report link ({} characters; the browser did not copy it: select it and press Ctrl+C)"
            };
            view! {
                <div class="field">
                    <label for="report-link">{trf(label, &[&chars.to_string()])}</label>
                    <input id="report-link" type="text" readonly prop:value=url/>
                </div>
            }
            .into_any()
        }
        Shared::TooLong { chars } => view! {
            <p class="warning" role="status">
                {trf("The link would be {} characters; links over {} break in mail and chat tools. Download the report file and send that instead.", &[&chars.to_string(), &LINK_LIMIT.to_string()])}
            </p>
        }
        .into_any(),
        Shared::Failed(e) => view! { <p class="error" role="alert">{tr_text(&e)}</p> }.into_any(),
    }
}
