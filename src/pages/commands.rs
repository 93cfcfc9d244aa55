//! Step 5: the exact commands for both shells, from inputs validated as the
//! administrator types.

use leptos::prelude::*;
use s2s_core::commands::{RawPlanInput, plan, to_ps1};
use s2s_core::inputs::InputError;
use s2s_core::topology_form::split_names;

use crate::copy::download;
use crate::form::{self, FieldSpec};
use crate::i18n::tr;
use crate::render;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::Workspace;

#[component]
pub fn CommandsPage() -> impl IntoView {
    super::set_document_title(routes::COMMANDS.title());
    let ws = expect_context::<Workspace>();
    let raw = ws.plan;
    // The names given on the Topology page are not typed twice.
    ws.form.with_untracked(|f| raw.update(|r| f.fill_plan(r)));
    let validated = Memo::new(move |_| raw.with(RawPlanInput::validate));
    let plan = Memo::new(move |_| validated.with(|v| v.as_ref().ok().map(|v| plan(&v.input))));
    let download_error = RwSignal::new(None::<String>);
    // The list is typed as text: splitting on every keystroke would eat the
    // separator just typed.
    let servers_text = RwSignal::new(raw.with_untracked(|r| r.exchange_servers.join(", ")));
    Effect::new(move |_| {
        let servers = servers_text.with(|t| split_names(t));
        raw.update(|r| r.exchange_servers = servers);
    });

    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            validated.with(|v| match v {
                Err(errors) => errors
                    .iter()
                    .find(|e: &&InputError| e.field == field)
                    .map(|e| e.problem.to_string()),
                Ok(_) => None,
            })
        })
    };
    let text_field = move |id: &'static str,
                           field: &'static str,
                           label: &'static str,
                           placeholder: &'static str,
                           hint: &'static str,
                           get: fn(&RawPlanInput) -> String,
                           set: fn(&mut RawPlanInput, String)| {
        let spec = FieldSpec {
            id,
            label: tr(label),
            placeholder,
            hint: tr(hint),
            rows: None,
        };
        form::text_field(spec, raw, get, set, error_for(field))
    };

    let on_download = move |_| {
        let text = plan.with(|p| p.as_ref().map(to_ps1));
        if let Some(text) = text {
            download_error.set(
                download(
                    "s2s-partner-applications.ps1",
                    "text/plain",
                    text.as_bytes(),
                )
                .err(),
            );
        }
    };

    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="eyebrow">{tr("Step 5 of 6")}</p>
            <h1 id="page-title">{routes::COMMANDS.title()}</h1>
            <p class="lead">{routes::COMMANDS.purpose()}</p>
            <form class="plan-form" on:submit=|ev| ev.prevent_default()>
                <div class="form-actions">
                    <button type="button" class="secondary" on:click=move |_| {
                        let example = RawPlanInput::litware_example();
                        servers_text.set(example.exchange_servers.join(", "));
                        raw.set(example);
                    }>
                        {tr("Fill in the documentation's example (litwareinc.com)")}
                    </button>
                </div>
                <fieldset>
                    <legend>{tr("Servers")}</legend>
                    {text_field("in-pool", "pool", "Skype for Business pool FQDN", "atl-cs-001.litwareinc.com", "The pool's metadata URL is https://<pool>/metadata/json/1.", |r| r.pool.clone(), |r, v| r.pool = v)}
                    {text_field("in-exchange", "Exchange autodiscover host", "Exchange autodiscover host", "autodiscover.litwareinc.com", "Exchange's metadata URL is https://<host>/autodiscover/metadata/json/1. A pasted URL is fine.", |r| r.exchange.clone(), |r, v| r.exchange = v)}
                    {form::text_field(FieldSpec { id: "in-servers", label: tr("Exchange servers to iisreset"), placeholder: "atl-exchange-001, atl-exchange-002", hint: tr("Mailbox/Client Access servers, separated by commas."), rows: None }, servers_text, String::clone, |t, v| *t = v, error_for("Exchange server"))}
                    {text_field("in-user", "test user SIP URI", "Test user", "sip:kenmyer@litwareinc.com", "A user with an Exchange mailbox, for Test-CsExStorageConnectivity.", |r| r.test_user.clone(), |r, v| r.test_user = v)}
                </fieldset>
                <details class="advanced">
                    <summary>{tr("Advanced options")}</summary>
                    {text_field("in-path", "Exchange install path", "Exchange install path", "C:\\Program Files\\Microsoft\\Exchange Server\\V15", "Empty for the default; $env:ExchangeInstallPath to use the server's own setting.", |r| r.install_path.clone(), |r, v| r.install_path = v)}
                    {text_field("in-identity", "partner application identity", "Partner application identity on Skype", "Exchange", "The name Skype gives Exchange's partner application.", |r| r.identity.clone(), |r, v| r.identity = v)}
                    {text_field("in-trust", "trust level", "Trust level", "Full", "Full lets Exchange act for itself and any user of the realm (what Exchange needs).", |r| r.trust_level.clone(), |r, v| r.trust_level = v)}
                    {text_field("in-realm", "realm", "Skype OAuth realm", "litwareinc.com", "Only when the realm must differ from the default SIP domain.", |r| r.realm.clone(), |r, v| r.realm = v)}
                    {text_field("in-storage", "storage service host", "Storage service host (NetTCP test)", "atl-cs-001.litwareinc.com", "Only to test over NetTCP instead of the default binding.", |r| r.storage_service.clone(), |r, v| r.storage_service = v)}
                    {text_field("in-oauth", "OAuthTokenIssuer thumbprint", "New OAuthTokenIssuer certificate (thumbprint)", "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA", "Adds the Set-CsCertificate step that assigns it on Skype. Spaces and colons are fine.", |r| r.oauth_thumbprint.clone(), |r, v| r.oauth_thumbprint = v)}
                    {text_field("in-oauth-date", "effective date", "Roll to it at (optional)", "2026-12-01 06:00", "Local time on the Front End, YYYY-MM-DD or YYYY-MM-DD HH:MM; empty assigns at once.", |r| r.oauth_effective_date.clone(), |r, v| r.oauth_effective_date = v)}
                    <CertificateField raw=raw/>
                    {text_field("in-cert-realm", "certificate realm", "Realm for the certificate-based application", "litwareinc.com", "Needed with a pasted Exchange certificate.", |r| r.exchange_certificate_realm.clone(), |r, v| r.exchange_certificate_realm = v)}
                    <div class="field checkbox">
                        <input id="in-partner-exists" type="checkbox"
                            prop:checked=move || raw.with(|r| r.partner_may_exist)
                            on:change=move |ev| raw.update(|r| r.partner_may_exist = event_target_checked(&ev))/>
                        <label for="in-partner-exists">{tr("A partner application for Exchange may already exist on Skype (create or repair)")}</label>
                    </div>
                    <div class="field checkbox lab-only">
                        <input id="in-trust-any" type="checkbox"
                            prop:checked=move || raw.with(|r| r.trust_any_ssl)
                            on:change=move |ev| raw.update(|r| r.trust_any_ssl = event_target_checked(&ev))/>
                        <label for="in-trust-any">{tr("Trust any TLS certificate of the pool (-TrustAnySSLCertificate $true) — lab only")}</label>
                    </div>
                </details>
            </form>
            {move || validated.with(|v| match v {
                Ok(v) if !v.notes.is_empty() => view! {
                    <ul class="notes" aria-label=tr("What was taken from pasted values")>
                        {v.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                    </ul>
                }.into_any(),
                _ => ().into_any(),
            })}
            {move || match plan.get() {
                Some(p) => view! {
                    <div class="plan-actions">
                        <button type="button" on:click=on_download>{tr("Download the plan as .ps1")}</button>
                        <span role="status" class="field-error">{move || download_error.get()}</span>
                    </div>
                    <StaticView html=render::plan::plan(&p)/>
                }.into_any(),
                None => view! {
                    <p class="notice">{tr("Enter the pool and the Exchange autodiscover host to see the commands.")}</p>
                }.into_any(),
            }}
        </section>
    }
}

/// Exchange's Auth certificate pasted for the certificate-based alternative.
#[component]
fn CertificateField(raw: RwSignal<RawPlanInput>) -> impl IntoView {
    let error = Signal::derive(move || {
        raw.with(|r| {
            if r.exchange_certificate.trim().is_empty() {
                return None;
            }
            s2s_core::cert::certificates_der(r.exchange_certificate.as_bytes())
                .err()
                .map(|e| e.to_string())
        })
    });
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for="in-cert">{tr("Exchange Auth certificate (optional)")}</label>
            <textarea
                id="in-cert"
                rows="4"
                spellcheck="false"
                placeholder="-----BEGIN CERTIFICATE-----"
                aria-describedby="in-cert-hint in-cert-error"
                prop:value=move || raw.with(|r| r.exchange_certificate.clone())
                on:input=move |ev| raw.update(|r| r.exchange_certificate = event_target_value(&ev))
            ></textarea>
            <small id="in-cert-hint" class="hint">{tr("PEM or base64. Adds the alternative: a Skype partner application holding this certificate instead of the metadata URL.")}</small>
            <small id="in-cert-error" class="field-error" role="alert">{move || error.get()}</small>
        </div>
    }
}
