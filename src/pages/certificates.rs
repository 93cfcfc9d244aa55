//! Step 3: every published key and both servers' TLS chains as cards, and
//! any certificate pasted, uploaded or dropped, shown the same way.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::cert;
use s2s_core::topology::Side;

use crate::browser;
use crate::dom;
use crate::html::Html;
use crate::i18n::{tr, tr_text, trf};
use crate::render::certificates::{self, Shown};
use crate::routes;
use crate::static_view::static_view;
use crate::workspace::Workspace;

pub fn certificates_page() -> web_sys::Element {
    super::set_document_title(routes::CERTIFICATES.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<crate::app::ServerInfoResource>();
    let pasted = ws.inspect_paste;
    // A chosen or dropped file's bytes, or why it could not be read.
    let dropped = ws.inspect_file;
    let html = Signal::derive(move || {
        let pasted = ws.checked.with(|c| c.topology.pasted_thumbprints.clone());
        ws.skype.with(|s| {
            ws.exchange.with(|e| {
                ws.diagnosis.with(|d| {
                    certificates::all_cards(d, [(Side::Skype, s), (Side::Exchange, e)], &pasted)
                })
            })
        })
    });
    let inspected = Signal::derive(move || {
        let input = match dropped.get() {
            Some(Err(unreadable)) => return Some(Err(unreadable)),
            Some(Ok(bytes)) => bytes,
            None => pasted.with(|p| (!p.trim().is_empty()).then(|| p.clone().into_bytes()))?,
        };
        let now = ws.diagnosis.with(|d| d.now);
        let thumbprints = ws.checked.with(|c| c.topology.pasted_thumbprints.clone());
        Some(match cert::decode_any(&input) {
            Ok(certs) => {
                let shown: Vec<Shown> = certs
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Shown {
                        origin: trf("Inspected certificate #{}", &[&(i + 1).to_string()]),
                        cert: Ok(c),
                    })
                    .collect();
                Ok(certificates::cards(&shown, now, &thumbprints))
            }
            Err(e) => Err(e.to_string()),
        })
    });
    let on_files = move |files: Vec<web_sys::File>| {
        if let Some(file) = files.into_iter().next() {
            spawn_local(async move {
                let read = browser::read_file(&file, cert::MAX_INPUT_BYTES).await;
                dropped.set(Some(read.and_then(|head| {
                    if head.is_cut() {
                        Err(cert::CertError::TooLarge { size: head.size }.to_string())
                    } else {
                        Ok(head.bytes)
                    }
                })));
            });
        }
    };
    let on_input = move |ev: web_sys::Event| {
        if let Some(area) = dom::target::<web_sys::HtmlTextAreaElement>(&ev) {
            dropped.set(None);
            pasted.set(area.value());
        }
    };
    let cards = Signal::derive(move || {
        let mut h = Html::new();
        super::header(&mut h, &routes::CERTIFICATES);
        html.with(|cards| {
            if cards.is_empty() && server.read_only() {
                h.open("p", &[("class", "notice")])
                    .text(tr("No certificates yet: inspect one below."));
                super::read_only_note(&mut h);
                h.close("p");
            } else if cards.is_empty() {
                h.el("p", &[("class", "notice")], tr("No certificates yet: fetch both documents on the Topology page, or inspect one below."));
            } else {
                h.open("div", &[("class", "cert-grid")])
                    .trusted_markup(cards)
                    .close("div");
            }
        });
        h.finish()
    });
    let inspected_html = Signal::derive(move || {
        let mut h = Html::new();
        match inspected.get() {
            None => {}
            Some(Err(e)) => {
                h.el("p", &[("class", "error"), ("role", "alert")], &tr_text(&e));
            }
            Some(Ok(markup)) => {
                h.open("div", &[("class", "cert-grid")])
                    .trusted_markup(&markup)
                    .close("div");
            }
        }
        h.finish()
    });
    let form = dom::el_html("div", &[], &inspect_form(&pasted.get_untracked()));
    dom::listen(&form, "input", true, on_input);
    let inspect = dom::el(
        "section",
        &[
            ("class", "inspect card"),
            ("aria-labelledby", "inspect-title"),
        ],
    );
    dom::append(&inspect, &[&form, &static_view(inspected_html, "", None)]);
    browser::on_files(&inspect, on_files);
    super::section(&[&static_view(cards, "", None), &inspect])
}

/// The paste field, with what was pasted before (kept in the workspace), and
/// the file chooser (a drop anywhere on the card works too).
fn inspect_form(pasted: &str) -> String {
    let mut h = Html::new();
    h.el(
        "h2",
        &[("id", "inspect-title")],
        tr("Inspect a certificate"),
    )
    .open("div", &[("class", "field")])
    .el(
        "label",
        &[("for", "inspect-paste")],
        tr("Paste PEM or base64, or drop a .cer/.pem file here"),
    )
    .el(
        "textarea",
        &[
            ("id", "inspect-paste"),
            ("rows", "5"),
            ("spellcheck", "false"),
            ("placeholder", "-----BEGIN CERTIFICATE-----"),
        ],
        pasted,
    )
    .close("div")
    .open("div", &[("class", "field")])
    .el("label", &[("for", "inspect-file")], tr("Or choose a file"))
    .open(
        "input",
        &[
            ("id", "inspect-file"),
            ("type", "file"),
            ("accept", ".cer,.crt,.pem,.der"),
        ],
    )
    .close("div");
    h.finish()
}
