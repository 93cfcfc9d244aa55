//! Step 6: pasted test and command output read into a verdict with the fix.
//! Several pastes combine (the test output plus Get-PartnerApplication, say);
//! the proxy's fetches of both documents are the live part.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::testout::{self, Context};

use crate::browser;
use crate::dom;
use crate::form::show_value;
use crate::html::Html;
use crate::i18n::{tr, trf};
use crate::render::{View, test_results};
use crate::routes;
use crate::static_view::{redraw, static_view};
use crate::workspace::Workspace;

pub fn test_results_page() -> web_sys::Element {
    super::set_document_title(routes::TEST_RESULTS.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<crate::app::ServerInfoResource>();
    let count = Memo::new(move |_| ws.pastes.with(Vec::len));
    let html = Signal::derive(move || {
        let texts = ws.pastes.get();
        if texts.iter().all(|t| t.trim().is_empty()) {
            return String::new();
        }
        let pastes: Vec<&str> = texts.iter().map(String::as_str).collect();
        let reading = testout::read_all(&pastes);
        let sip = ws.checked.with(|c| c.topology.sip_domain.clone());
        let found = ws.diagnosis.with(|d| {
            testout::diagnose(
                &reading,
                &Context {
                    analyses: d.fetched.then_some(&d.analyses),
                    sip_domain: sip.as_deref(),
                    skype_metadata_url: None,
                },
            )
        });
        let plan = ws.form.with(|f| f.plan(ws.plan.get()));
        let can_fetch = server.can_fetch();
        ws.skype.with(|s| {
            ws.exchange.with(|e| {
                ws.probe.with(|p| {
                    test_results::reading(
                        &reading,
                        &found,
                        plan.as_ref(),
                        [
                            (tr("Skype for Business"), s),
                            (tr("Exchange"), e),
                            (tr("Exchange trust probe"), p),
                        ],
                        View::Console,
                        can_fetch,
                    )
                })
            })
        })
    });
    let add_text = move |text: String| {
        ws.pastes
            .update(|p| match p.iter_mut().find(|t| t.trim().is_empty()) {
                Some(empty) => *empty = text,
                None => p.push(text),
            })
    };
    // Files that could not be read, said in place until the next files come.
    let unreadable = RwSignal::new(Vec::<String>::new());
    let add_files = move |files: Vec<web_sys::File>| {
        unreadable.set(Vec::new());
        for file in files {
            spawn_local(async move {
                match browser::read_file(&file, testout::MAX_PASTE_BYTES).await {
                    // A longer file is read as far as the reader goes; it
                    // says the text was cut.
                    Ok(head) => add_text(testout::decode_text(&head.bytes)),
                    Err(why) => unreadable.update(|u| u.push(why)),
                }
            });
        }
    };
    let unreadable_html = Signal::derive(move || {
        let mut h = Html::new();
        unreadable.with(|u| {
            for why in u {
                h.el("p", &[("class", "error"), ("role", "alert")], why);
            }
        });
        h.finish()
    });
    // The fields are drawn again only when their number changes, so typing
    // never replaces the textarea being typed in.
    let fields =
        Memo::new(move |_| count.with(|n| ws.pastes.with_untracked(|p| fields_markup(p, *n))));
    // The fields, and text added from files (or by a report) in its field.
    let root = dom::el_html("div", &[], &fields.get_untracked());
    let drawn = StoredValue::new(fields.get_untracked());
    let shown = root.clone();
    Effect::new(move |_| {
        fields.with(|markup| redraw(&shown, drawn, markup));
        ws.pastes.with(|pastes| {
            for (i, text) in pastes.iter().enumerate() {
                if let Ok(Some(area)) = shown.query_selector(&format!("#paste-{i}")) {
                    show_value(&area, text);
                }
            }
        });
    });
    let on_input = move |ev: web_sys::Event| {
        let Some(el) = dom::target::<web_sys::HtmlTextAreaElement>(&ev) else {
            return;
        };
        if let Some(i) = el
            .id()
            .strip_prefix("paste-")
            .and_then(|i| i.parse::<usize>().ok())
        {
            let v = el.value();
            ws.pastes.update(|p| {
                if let Some(t) = p.get_mut(i) {
                    *t = v;
                }
            });
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let action = crate::static_view::action_of(&ev);
        match action.as_deref() {
            Some("add") => ws.pastes.update(|p| p.push(String::new())),
            Some(a) => {
                if let Some(i) = a
                    .strip_prefix("remove-")
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    ws.pastes.update(|p| {
                        if i < p.len() && p.len() > 1 {
                            p.remove(i);
                        }
                    });
                    // The button is gone with its output: the keyboard goes
                    // on from the output that took its place (or the last).
                    let left = ws.pastes.with_untracked(Vec::len);
                    let next = format!("paste-{}", i.min(left.saturating_sub(1)));
                    request_animation_frame(move || crate::navigation::show_element(&next));
                }
            }
            None => {}
        }
    };
    dom::listen(&root, "input", true, on_input);
    dom::listen(&root, "click", false, on_click);
    let page = super::section(&[
        &dom::el_html("div", &[], &header()),
        &root,
        &static_view(unreadable_html, "", None),
        &static_view(html, "test-reading", None),
    ]);
    browser::on_files(&page, add_files);
    page
}

fn header() -> String {
    let mut h = Html::new();
    super::header(&mut h, &routes::TEST_RESULTS);
    h.el("p", &[("class", "hint")], tr("Also read: Test-OAuthConnectivity … | Format-List *, the output of Configure-EnterprisePartnerApplication.ps1, LS Storage Service events 32053/32054, Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication and Get-AcceptedDomain. Paste several to read them together; drop .txt files anywhere on the page."));
    h.finish()
}

/// A textarea per paste (with a remove button when there are several), then
/// the buttons that add one.
fn fields_markup(pastes: &[String], count: usize) -> String {
    let mut h = Html::new();
    h.open("div", &[("class", "pastes")]);
    for i in 0..count {
        let id = format!("paste-{i}");
        h.open("div", &[("class", "field")])
            .el("label", &[("for", &id)], &trf("Output {}", &[&(i + 1).to_string()]))
            .open(
                "textarea",
                &[
                    ("id", &id),
                    ("rows", "8"),
                    ("spellcheck", "false"),
                    ("placeholder", "PS C:\\> Test-CsExStorageConnectivity -SipUri sip:kenmyer@litwareinc.com -Verbose"),
                ],
            )
            .text(pastes.get(i).map_or("", String::as_str))
            .close("textarea");
        if count > 1 {
            let action = format!("remove-{i}");
            h.el(
                "button",
                &[
                    ("type", "button"),
                    ("class", "secondary"),
                    ("data-action", &action),
                ],
                &trf("Remove output {}", &[&(i + 1).to_string()]),
            );
        }
        h.close("div");
    }
    h.close("div")
        .open("div", &[("class", "form-actions")])
        .el(
            "button",
            &[
                ("type", "button"),
                ("class", "secondary"),
                ("data-action", "add"),
            ],
            tr("Add another output"),
        )
        .text(" ")
        .open("label", &[("class", "file-pick")])
        .text(tr("Add .txt files "))
        .open(
            "input",
            &[
                ("type", "file"),
                ("accept", ".txt,.log,.xml,text/plain"),
                ("multiple", ""),
            ],
        )
        .close("label")
        .close("div");
    h.finish()
}
