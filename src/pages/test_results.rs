//! Step 6: pasted test and command output read into a verdict with the fix.
//! Several pastes combine (the test output plus Get-PartnerApplication, say);
//! the proxy's fetches of both documents are the live part.

use leptos::prelude::*;
use s2s_core::findings::Analyses;
use s2s_core::testout::{self, Context};

use crate::browser;
use crate::i18n::{tr, trf};
use crate::render::test_results;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::Workspace;

#[component]
pub fn TestResultsPage() -> impl IntoView {
    super::set_document_title(routes::TEST_RESULTS.title());
    let ws = expect_context::<Workspace>();
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
            let analyses = Analyses {
                skype: d.skype.clone(),
                exchange: d.exchange.clone(),
            };
            testout::diagnose(
                &reading,
                &Context {
                    analyses: d.fetched.then_some(&analyses),
                    sip_domain: sip.as_deref(),
                },
            )
        });
        let plan = ws.form.with(|f| f.plan(ws.plan.get()));
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
    let add_files = move |list: Option<web_sys::FileList>| {
        for file in browser::files(list) {
            leptos::task::spawn_local(async move {
                if let Ok(bytes) = browser::read_file(&file).await {
                    add_text(testout::decode_text(&bytes));
                }
            });
        }
    };
    let on_change = move |ev: leptos::ev::Event| add_files(browser::chosen_files(&ev));
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        add_files(browser::dropped_files(&ev));
    };
    let paste_field = move |i: usize| {
        let id = format!("paste-{i}");
        let label = trf("Output {}", &[&(i + 1).to_string()]);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea id=id rows="8" spellcheck="false"
                    placeholder="PS C:\\> Test-CsExStorageConnectivity -SipUri sip:kenmyer@litwareinc.com -Verbose"
                    prop:value=move || ws.pastes.with(|p| p.get(i).cloned().unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ws.pastes.update(|p| if let Some(t) = p.get_mut(i) { *t = v });
                    }></textarea>
                <Show when=move || { count.get() > 1 }>
                    <button type="button" class="secondary"
                        on:click=move |_| ws.pastes.update(|p| { if i < p.len() { p.remove(i); } })>
                        {trf("Remove output {}", &[&(i + 1).to_string()])}
                    </button>
                </Show>
            </div>
        }
    };
    view! {
        <section class="page" aria-labelledby="page-title"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <p class="eyebrow">{tr("Step 6 of 6")}</p>
            <h1 id="page-title">{routes::TEST_RESULTS.title()}</h1>
            <p class="lead">{routes::TEST_RESULTS.purpose()}</p>
            <p class="hint">{tr("Also read: Test-OAuthConnectivity … | Format-List *, the output of Configure-EnterprisePartnerApplication.ps1, LS Storage Service events 32053/32054, Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication and Get-AcceptedDomain. Paste several to read them together; drop .txt files anywhere on the page.")}</p>
            <div class="pastes">{move || (0..count.get()).map(paste_field).collect_view()}</div>
            <div class="form-actions">
                <button type="button" class="secondary" on:click=move |_| ws.pastes.update(|p| p.push(String::new()))>{tr("Add another output")}</button>
                " "
                <label class="file-pick">
                    {tr("Add .txt files ")}
                    <input type="file" accept=".txt,.log,.xml,text/plain" multiple=true on:change=on_change/>
                </label>
            </div>
            <StaticView html class="test-reading"/>
        </section>
    }
}
