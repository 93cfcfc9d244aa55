//! Step 6: pasted test and command output read into a verdict with the fix.
//! Several pastes combine (the test output plus Get-PartnerApplication, say);
//! the proxy's fetches of both documents are the live part.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::testout::{self, Context};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::PageHeader;
use crate::components::test_reading::TestReading;
use crate::i18n::{tr, trf};
use crate::presentation::View;
use crate::routes;
use crate::workspace::Workspace;

#[component]
pub fn TestResultsPage() -> impl IntoView {
    super::set_document_title(routes::TEST_RESULTS.title());
    let ws = expect_context::<Workspace>();
    // Files that could not be read, said in place until the next files come.
    let unreadable = RwSignal::new(Vec::<String>::new());
    let add_files = move |files: Vec<web_sys::File>| {
        unreadable.set(Vec::new());
        for file in files {
            spawn_local(async move {
                match browser::read_file(&file, testout::MAX_PASTE_BYTES).await {
                    // A longer file is read as far as the reader goes; it
                    // says the text was cut.
                    Ok(head) => add_text(ws, testout::decode_text(&head.bytes)),
                    Err(why) => unreadable.update(|u| u.push(why)),
                }
            });
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| add_files(browser::take_dropped(&ev));
    let on_chosen = move |ev: leptos::ev::Event| add_files(browser::chosen_files(&ev));
    let count = Memo::new(move |_| ws.pastes.with(Vec::len));
    view! {
        <section
            class="page"
            aria-labelledby="page-title"
            on:dragover=browser::allow_drop
            on:drop=on_drop
        >
            <div>
                <PageHeader page=routes::TEST_RESULTS/>
                <p class="hint">{tr("Also read: Test-OAuthConnectivity … | Format-List *, the output of Configure-EnterprisePartnerApplication.ps1, LS Storage Service events 32053/32054, Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication and Get-AcceptedDomain. Paste several to read them together; drop .txt files anywhere on the page.")}</p>
            </div>
            <div>
                // Drawn again only when their number changes, so typing
                // never replaces the textarea being typed in.
                <div class="pastes">
                    {move || {
                        let n = count.get();
                        (0..n).map(|i| view! { <PasteField index=i count=n/> }).collect_view()
                    }}
                </div>
                <div class="form-actions">
                    <button
                        type="button"
                        class="secondary"
                        data-action="add"
                        on:click=move |_| ws.pastes.update(|p| p.push(String::new()))
                    >
                        {tr("Add another output")}
                    </button>
                    " "
                    <label class="file-pick">
                        {tr("Add .txt files ")}
                        <input type="file" accept=".txt,.log,.xml,text/plain" multiple on:change=on_chosen/>
                    </label>
                </div>
            </div>
            {move || {
                unreadable
                    .get()
                    .into_iter()
                    .map(|why| view! { <p class="error" role="alert">{why}</p> })
                    .collect_view()
            }}
            <div class="test-reading">{reading}</div>
        </section>
    }
}

/// Text from a file (or a report) in the first empty output, else a new one.
fn add_text(ws: Workspace, text: String) {
    ws.pastes
        .update(|p| match p.iter_mut().find(|t| t.trim().is_empty()) {
            Some(empty) => *empty = text,
            None => p.push(text),
        })
}

/// The reading of every output together, with the live fetches.
fn reading() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let server = expect_context::<crate::app::ServerInfoResource>();
    move || {
        let texts = ws.pastes.get();
        if texts.iter().all(|t| t.trim().is_empty()) {
            return None;
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
        let plan = ws.form.with(|f| f.plan(ws.plan_input()));
        let live = [ws.skype.get(), ws.exchange.get(), ws.probe.get()];
        let can_fetch = server.can_fetch();
        Some(view! { <TestReading reading found plan live view=View::Console can_fetch/> })
    }
}

/// One output's textarea, with a remove button when there are several.
#[component]
fn PasteField(index: usize, count: usize) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let id = ["paste-", &index.to_string()].concat();
    let area = NodeRef::<leptos::html::Textarea>::new();
    // Text added from a file (or by a report) is written into the field; what
    // is typed is not written back (a 2 MiB paste stays responsive), and the
    // field being typed in keeps what it holds.
    Effect::new(move |_| {
        let text = ws
            .pastes
            .with(|p| p.get(index).cloned().unwrap_or_default());
        if let Some(el) = area.get() {
            let typing = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_some_and(|a| a.is_same_node(Some(el.unchecked_ref())));
            if !typing && el.value() != text {
                el.set_value(&text);
            }
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        ws.pastes.update(|p| {
            if let Some(t) = p.get_mut(index) {
                *t = value;
            }
        });
    };
    let remove = move |_| {
        ws.pastes.update(|p| {
            if index < p.len() && p.len() > 1 {
                p.remove(index);
            }
        });
        // The button is gone with its output: the keyboard goes on from the
        // output that took its place (or the last).
        let left = ws.pastes.with_untracked(Vec::len);
        let next = ["paste-", &index.min(left.saturating_sub(1)).to_string()].concat();
        request_animation_frame(move || crate::navigation::show_element(&next));
    };
    let number = (index + 1).to_string();
    let initial = ws
        .pastes
        .with_untracked(|p| p.get(index).cloned().unwrap_or_default());
    view! {
        <div class="field">
            <label for=id.clone()>{trf("Output {}", &[&number])}</label>
            <textarea
                id=id
                rows="8"
                spellcheck="false"
                placeholder="PS C:\\> Test-CsExStorageConnectivity -SipUri sip:kenmyer@litwareinc.com -Verbose"
                node_ref=area
                prop:value=initial
                on:input=on_input
            ></textarea>
            {(count > 1).then(|| {
                let action = ["remove-", &index.to_string()].concat();
                view! {
                    <button type="button" class="secondary" data-action=action on:click=remove>
                        {trf("Remove output {}", &[&number])}
                    </button>
                }
            })}
        </div>
    }
}
