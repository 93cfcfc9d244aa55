//! Step 3: every published key and both servers' TLS chains as cards, and
//! any certificate pasted, uploaded or dropped, shown the same way.

use leptos::prelude::*;
use s2s_core::cert;
use s2s_core::topology::Side;

use crate::browser;
use crate::i18n::tr;
use crate::render::certificates::{self, Shown};
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::Workspace;

#[component]
pub fn CertificatesPage() -> impl IntoView {
    super::set_document_title(routes::CERTIFICATES.title());
    let ws = expect_context::<Workspace>();
    let pasted = RwSignal::new(String::new());
    let dropped = RwSignal::new(None::<Vec<u8>>);
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
        let input = dropped
            .get()
            .or_else(|| pasted.with(|p| (!p.trim().is_empty()).then(|| p.clone().into_bytes())))?;
        let now = ws.diagnosis.with(|d| d.now);
        let thumbprints = ws.checked.with(|c| c.topology.pasted_thumbprints.clone());
        Some(match cert::decode_any(&input) {
            Ok(certs) => {
                let shown: Vec<Shown> = certs
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Shown {
                        origin: format!("Inspected certificate #{}", i + 1),
                        cert: Ok(c),
                    })
                    .collect();
                Ok(certificates::cards(&shown, now, &thumbprints))
            }
            Err(e) => Err(e.to_string()),
        })
    });
    let on_files = move |list: Option<web_sys::FileList>| {
        if let Some(file) = browser::files(list).into_iter().next() {
            leptos::task::spawn_local(async move {
                if let Ok(bytes) = browser::read_file(&file).await {
                    dropped.set(Some(bytes));
                }
            });
        }
    };
    let on_change = move |ev: leptos::ev::Event| on_files(browser::chosen_files(&ev));
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        on_files(browser::dropped_files(&ev));
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="eyebrow">{tr("Step 3 of 6")}</p>
            <h1 id="page-title">{routes::CERTIFICATES.title()}</h1>
            <p class="lead">{routes::CERTIFICATES.purpose()}</p>
            {move || html.with(String::is_empty).then(|| view! {
                <p class="notice">{tr("No certificates yet: fetch both documents on the Topology page, or inspect one below.")}</p>
            })}
            <StaticView html class="cert-grid"/>
            <section class="inspect card" aria-labelledby="inspect-title"
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <h2 id="inspect-title">{tr("Inspect a certificate")}</h2>
                <div class="field">
                    <label for="inspect-paste">{tr("Paste PEM or base64, or drop a .cer/.pem file here")}</label>
                    <textarea id="inspect-paste" rows="5" spellcheck="false" placeholder="-----BEGIN CERTIFICATE-----"
                        prop:value=move || pasted.get()
                        on:input=move |ev| { dropped.set(None); pasted.set(event_target_value(&ev)); }></textarea>
                </div>
                <div class="field">
                    <label for="inspect-file">{tr("Or choose a file")}</label>
                    <input id="inspect-file" type="file" accept=".cer,.crt,.pem,.der" on:change=on_change/>
                </div>
                {move || match inspected.get() {
                    None => ().into_any(),
                    Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    Some(Ok(markup)) => view! { <StaticView html=markup class="cert-grid"/> }.into_any(),
                }}
            </section>
        </section>
    }
}
