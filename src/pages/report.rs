//! The Report page: an admin makes a report (a link whose `#fragment`
//! carries the compressed snapshot, never sent to the server, or a JSON
//! file); the helpdesk opens one and sees it read-only, nothing fetched.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::report::{MAX_REPORT_BYTES, ReportError, Snapshot};

use crate::app::ServerInfoResource;
use crate::browser;
use crate::copy::{copy_text, download};
use crate::deflate::{self, InflateError};
use crate::dom;
use crate::html::Html;
use crate::i18n::{tr, tr_text, trf};
use crate::render::report_view;
use crate::routes;
use crate::static_view::static_view;
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

pub fn report_page() -> web_sys::Element {
    super::set_document_title(routes::REPORT.title());
    let ws = expect_context::<Workspace>();
    let info = expect_context::<ServerInfoResource>();
    let ServerInfoResource(server) = info;
    let read_only = move || info.read_only();
    let version = move || match server.get_untracked() {
        Some(Ok(i)) => i.version,
        _ => "unknown".to_string(),
    };
    let opened = ws.opened_report;
    let hash = location_hash();
    if Snapshot::is_link_fragment(&hash) {
        spawn_local(async move { opened.set(Some(from_link(&hash).await)) });
    }
    let shared = RwSignal::new(None::<Shared>);
    let on_copy_link = move || {
        let json = ws.snapshot(&version()).to_json();
        spawn_local(async move {
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
                        let copied = copy_text(&url).await.is_ok();
                        Shared::Link { url, chars, copied }
                    }
                }
            };
            shared.set(Some(result));
        });
    };
    let on_download = move || {
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
    let on_open = move |files: Vec<web_sys::File>| {
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
    let on_close = move || {
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
    };
    let on_action = Callback::new(move |action: String| match action.as_str() {
        "copy-link" => on_copy_link(),
        "download" => on_download(),
        "close" => on_close(),
        "print" => {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }
        _ => {}
    });
    let html = Signal::derive(move || {
        opened.with(|o| match o {
            Some(Ok(snapshot)) => opened_html(snapshot),
            Some(Err(e)) => refused_html(e),
            None => shared.with(|s| make_html(read_only(), s.as_ref())),
        })
    });
    let title = dom::el("h1", &[("id", "page-title")]);
    title.set_text_content(Some(routes::REPORT.title()));
    let page = super::section(&[&title, &static_view(html, "", Some(on_action))]);
    browser::on_files(&page, on_open);
    page
}

fn button(h: &mut Html, action: &'static str, class: &'static str, label: &str) {
    h.el(
        "button",
        &[
            ("type", "button"),
            ("class", class),
            ("data-action", action),
        ],
        label,
    );
}

/// An opened report, read-only.
fn opened_html(snapshot: &Snapshot) -> String {
    let mut h = Html::new();
    h.open("div", &[("class", "report-actions no-print")]);
    button(&mut h, "print", "", tr("Print or save as PDF"));
    h.text(" ");
    button(&mut h, "close", "secondary", tr("Close the report"));
    h.close("div")
        .open("div", &[("class", "report")])
        .trusted_markup(&report_view::html(snapshot, now()))
        .close("div");
    h.finish()
}

/// A report that cannot be opened, and the way back.
fn refused_html(error: &str) -> String {
    let mut h = Html::new();
    h.el(
        "p",
        &[("class", "error"), ("role", "alert")],
        &trf("This report cannot be opened: {}", &[&tr_text(error)]),
    );
    button(&mut h, "close", "secondary", tr("Back"));
    h.finish()
}

/// Making a report (unless the server is read-only) and opening a file.
fn make_html(read_only: bool, shared: Option<&Shared>) -> String {
    let mut h = Html::new();
    h.el("p", &[("class", "lead")], routes::REPORT.purpose());
    if read_only {
        h.el("p", &[("class", "notice")], tr("This server is read-only: it fetches nothing. Open a report link an administrator shared, or a report file, to see their findings, certificates, documents and test results."));
    } else {
        h.open("section", &[("class", "card"), ("aria-labelledby", "make-title")])
            .el("h2", &[("id", "make-title")], tr("Share what the console shows now"))
            .el("p", &[], tr("The report holds the topology, both fetched documents with their certificates, the pasted test output and the findings. A link carries it after the #, which browsers never send to a server."))
            .open("div", &[("class", "form-actions")]);
        button(&mut h, "copy-link", "", tr("Copy report link"));
        h.text(" ");
        button(&mut h, "download", "secondary", tr("Download report"));
        h.close("div");
        match shared {
            Some(Shared::Link { url, chars, copied }) => {
                let label = if *copied {
                    "Report link ({} characters, copied)"
                } else {
                    "Report link ({} characters; the browser did not copy it: select it and press Ctrl+C)"
                };
                h.open("div", &[("class", "field")])
                    .el(
                        "label",
                        &[("for", "report-link")],
                        &trf(label, &[&chars.to_string()]),
                    )
                    .open(
                        "input",
                        &[
                            ("id", "report-link"),
                            ("type", "text"),
                            ("readonly", ""),
                            ("value", url),
                        ],
                    )
                    .close("div");
            }
            Some(Shared::TooLong { chars }) => {
                h.el("p", &[("class", "warning"), ("role", "status")], &trf("The link would be {} characters; links over {} break in mail and chat tools. Download the report file and send that instead.", &[&chars.to_string(), &LINK_LIMIT.to_string()]));
            }
            Some(Shared::Failed(e)) => {
                h.el("p", &[("class", "error"), ("role", "alert")], &tr_text(e));
            }
            None => {}
        }
        h.close("section");
    }
    h.open("div", &[("class", "field")])
        .el("label", &[("for", "report-file")], tr("Open a report file"))
        .open(
            "input",
            &[
                ("id", "report-file"),
                ("type", "file"),
                ("accept", ".json,application/json"),
            ],
        )
        .close("div");
    h.finish()
}
