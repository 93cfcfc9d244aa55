//! Step 3: every published key and both servers' TLS chains as cards, and
//! any certificate pasted, uploaded or dropped, shown the same way.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::cert;
use s2s_core::topology::{PastedThumbprint, Side};

use crate::app::ServerInfoResource;
use crate::browser;
use crate::components::certificate_card::{CertificateCards, Shown, published, tls_chain};
use crate::components::{PageHeader, ReadOnlyNote};
use crate::i18n::{tr, tr_text, trf};
use crate::redrawn::redrawn;
use crate::routes;
use crate::workspace::Workspace;

#[component]
pub fn CertificatesPage() -> AnyView {
    super::set_document_title(routes::CERTIFICATES.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    let any = move || {
        ws.diagnosis
            .with(|d| !d.analyses.skype.keys.is_empty() || !d.analyses.exchange.keys.is_empty())
            || [ws.skype, ws.exchange].iter().any(|state| {
                state.with(|s| {
                    s.report()
                        .and_then(|r| r.tls.as_ref())
                        .is_some_and(|t| !t.peer_chain.is_empty())
                })
            })
    };
    let none_yet = move || {
        if server.read_only() {
            view! {
                <p class="notice">
                    {tr("No certificates yet: inspect one below.")}
                    <ReadOnlyNote/>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p class="notice">
                    {tr("No certificates yet: fetch both documents on the Topology page, or inspect one below.")}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <PageHeader page=routes::CERTIFICATES/>
            <Show when=any fallback=none_yet>
                <div class="cert-grid">
                    {group(ws, Side::Skype, Group::Keys)}
                    {group(ws, Side::Exchange, Group::Keys)}
                    {group(ws, Side::Skype, Group::Chain)}
                    {group(ws, Side::Exchange, Group::Chain)}
                </div>
            </Show>
            <Inspect/>
        </section>
    }
    .into_any()
}

/// The paste field, with what was pasted before (kept in the workspace),
/// the file chooser (a drop anywhere on the card works too), and what they
/// hold shown as cards.
#[component]
fn Inspect() -> AnyView {
    let ws = expect_context::<Workspace>();
    let text = ws.inspect_paste;
    // A chosen or dropped file's bytes, or why it could not be read.
    let file = ws.inspect_file;
    let inspected = Memo::new(move |_| {
        file.with(|f| match f {
            Some(Err(unreadable)) => Some(Err(unreadable.clone())),
            Some(Ok(bytes)) => Some(decode(bytes)),
            None => None,
        })
        .or_else(|| text.with(|t| (!t.trim().is_empty()).then(|| decode(t.as_bytes()))))
    });
    let take = move |files: Vec<web_sys::File>| {
        if let Some(chosen) = files.into_iter().next() {
            spawn_local(async move {
                let read = browser::read_file(&chosen, cert::MAX_INPUT_BYTES).await;
                file.set(Some(read.and_then(|head| {
                    if head.is_cut() {
                        Err(cert::CertError::TooLarge { size: head.size }.to_string())
                    } else {
                        Ok(head.bytes)
                    }
                })));
            });
        }
    };
    // The field is not given its value back as it is typed: a pasted
    // certificate bundle of megabytes would be copied twice per key.
    let on_input = move |ev: leptos::ev::Event| {
        let area: web_sys::HtmlTextAreaElement = event_target(&ev);
        if file.with_untracked(Option::is_some) {
            file.set(None);
        }
        text.set(area.value());
    };
    let on_drop = move |ev: leptos::ev::DragEvent| take(browser::take_dropped(&ev));
    view! {
        <section
            class="inspect card"
            aria-labelledby="inspect-title"
            on:dragover=browser::allow_drop
            on:drop=on_drop
        >
            <h2 id="inspect-title">{tr("Inspect a certificate")}</h2>
            <div class="field">
                <label for="inspect-paste">
                    {tr("Paste PEM or base64, or drop a .cer/.pem file here")}
                </label>
                <textarea
                    id="inspect-paste"
                    rows="5"
                    spellcheck="false"
                    placeholder="-----BEGIN CERTIFICATE-----"
                    prop:value=text.get_untracked()
                    on:input=on_input
                ></textarea>
            </div>
            <div class="field">
                <label for="inspect-file">{tr("Or choose a file")}</label>
                <input
                    id="inspect-file"
                    type="file"
                    accept=".cer,.crt,.pem,.der"
                    on:change=move |ev| take(browser::chosen_files(&ev))
                />
            </div>
            {redrawn(move || {
                inspected
                    .with(|i| match i {
                        None => ().into_any(),
                        Some(Err(e)) => {
                            view! {
                                <p class="error" role="alert">
                                    {tr_text(e)}
                                </p>
                            }
                                .into_any()
                        }
                        Some(Ok(shown)) => {
                            view! {
                                <div class="cert-grid">
                                    <CertificateCards
                                        shown=shown.clone()
                                        now=ws.diagnosis.with(|d| d.now)
                                        pasted=pasted_thumbprints(ws)
                                    />
                                </div>
                            }
                            .into_any()
                        }
                    })
            })}
        </section>
    }
    .into_any()
}

/// Which of a side's certificates a group of cards shows.
#[derive(Clone, Copy)]
enum Group {
    /// The keys its document publishes.
    Keys,
    /// The TLS chain its server presented.
    Chain,
}

/// One side's keys or chain, drawn again (in place: an opened "Full
/// details" stays open) when a fetch or the pasted thumbprints change; apart
/// from the others, so that cards arriving in one group do not shift the
/// cards of another.
fn group(ws: Workspace, side: Side, group: Group) -> impl IntoView {
    redrawn(move || {
        let shown = match group {
            Group::Keys => ws.diagnosis.with(|d| published(d.side(side))),
            Group::Chain => ws.fetch_state(side).with(|s| tls_chain(side, s)),
        };
        view! {
            <CertificateCards shown now=ws.diagnosis.with(|d| d.now) pasted=pasted_thumbprints(ws)/>
        }
        .into_any()
    })
}

/// The thumbprints pasted on the Topology page (tracked).
fn pasted_thumbprints(ws: Workspace) -> Vec<PastedThumbprint> {
    ws.checked.with(|c| c.topology.pasted_thumbprints.clone())
}

/// Certificates from pasted or file bytes, each as a card to show.
fn decode(input: &[u8]) -> Result<Vec<Shown>, String> {
    let certs = cert::decode_any(input).map_err(|e| e.to_string())?;
    Ok(certs
        .into_iter()
        .enumerate()
        .map(|(i, c)| Shown {
            origin: trf("Inspected certificate #{}", &[&(i + 1).to_string()]),
            cert: Ok(c),
        })
        .collect())
}
