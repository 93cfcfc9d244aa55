//! Step 1: the deployment's names, the two metadata URLs derived from them,
//! and "Fetch both".

use leptos::prelude::*;
use s2s_core::api::Mode;
use s2s_core::topology::Side;
use s2s_core::topology_form::{
    FIELD_EXCHANGE, FIELD_POOL, FIELD_SERVERS, FIELD_SIP_DOMAIN, TopologyForm,
};

use crate::app::ServerInfoResource;
use crate::demo_picker::DemoPicker;
use crate::form::{FieldSpec, text_field};
use crate::html::Html;
use crate::i18n::{tr, tr_any};
use crate::render::verdict;
use crate::router::Link;
use crate::routes;
use crate::static_view::StaticView;
use crate::workspace::{FetchState, Workspace};

#[component]
pub fn TopologyPage() -> impl IntoView {
    super::set_document_title(routes::TOPOLOGY.title());
    let ws = expect_context::<Workspace>();
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    let is_demo = move || matches!(server.get(), Some(Ok(ref i)) if i.mode == Mode::Demo);
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            ws.checked
                .with(|c| c.error_for(field).map(|e| e.problem.to_string()))
        })
    };
    let field = move |spec: FieldSpec,
                      error: &'static str,
                      get: fn(&TopologyForm) -> String,
                      set: fn(&mut TopologyForm, String)| {
        text_field(spec, ws.form, get, set, error_for(error))
    };
    let none = "";
    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="eyebrow">{tr("Step 1 of 6")}</p>
            <h1 id="page-title">{routes::TOPOLOGY.title()}</h1>
            <p class="lead">{routes::TOPOLOGY.purpose()}</p>
            <Show when=is_demo><DemoPicker/></Show>
            <form class="plan-form" on:submit=move |ev| { ev.prevent_default(); ws.fetch_both(); }>
                <div class="form-actions">
                    <button type="button" class="secondary" on:click=move |_| ws.form.set(TopologyForm::litware_example())>
                        {tr("Fill in the documentation's example (litwareinc.com)")}
                    </button>
                </div>
                <fieldset>
                    <legend>{tr("Servers")}</legend>
                    {field(FieldSpec { id: "tp-pool", label: tr("Skype for Business pool FQDN"), placeholder: "atl-cs-001.litwareinc.com", hint: tr("Its metadata is at https://<pool>/metadata/json/1. A pasted URL is fine."), rows: None }, FIELD_POOL, |f| f.pool.clone(), |f, v| f.pool = v)}
                    {field(FieldSpec { id: "tp-exchange", label: tr("Exchange autodiscover host or metadata URL"), placeholder: "autodiscover.litwareinc.com", hint: tr("Its metadata is at https://<host>/autodiscover/metadata/json/1."), rows: None }, FIELD_EXCHANGE, |f| f.exchange.clone(), |f, v| f.exchange = v)}
                    {field(FieldSpec { id: "tp-sip", label: tr("SIP domain"), placeholder: "litwareinc.com", hint: tr("Skype's OAuth realm is the default SIP domain unless set otherwise."), rows: None }, FIELD_SIP_DOMAIN, |f| f.sip_domain.clone(), |f, v| f.sip_domain = v)}
                    {field(FieldSpec { id: "tp-servers", label: tr("Exchange servers"), placeholder: "atl-exchange-001, atl-exchange-002", hint: tr("Mailbox servers to iisreset after the change, separated by commas."), rows: None }, FIELD_SERVERS, |f| f.exchange_servers.clone(), |f, v| f.exchange_servers = v)}
                </fieldset>
                <details class="advanced">
                    <summary>{tr("Pasted command output (optional)")}</summary>
                    {field(FieldSpec { id: "tp-skype-cert", label: "Get-CsCertificate -Type OAuthTokenIssuer", placeholder: "Thumbprint : 7A787D04…", hint: tr("From the Skype for Business Server Management Shell; the thumbprints are picked out."), rows: Some(4) }, none, |f| f.skype_certificates.clone(), |f, v| f.skype_certificates = v)}
                    {field(FieldSpec { id: "tp-authconfig", label: "Get-AuthConfig", placeholder: "CurrentCertificateThumbprint : …", hint: tr("From the Exchange Management Shell."), rows: Some(4) }, none, |f| f.exchange_auth_config.clone(), |f, v| f.exchange_auth_config = v)}
                    {field(FieldSpec { id: "tp-domains", label: "Get-AcceptedDomain", placeholder: "Name  DomainName  DomainType  Default", hint: tr("From the Exchange Management Shell; wildcard domains are flagged."), rows: Some(4) }, none, |f| f.accepted_domains.clone(), |f, v| f.accepted_domains = v)}
                </details>
                <Derived/>
                <div class="form-actions">
                    <button type="submit" disabled=move || !ws.checked.with(|c| c.can_fetch())>{tr("Fetch both")}</button>
                </div>
            </form>
            <FetchSummary/>
        </section>
    }
}

/// What the console took from the form: the two URLs, notes and domains.
#[component]
fn Derived() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let html = Signal::derive(move || {
        ws.checked.with(|c| {
            let mut h = Html::new();
            h.open("dl", &[]);
            for (label, url) in [
                ("Skype for Business metadata", &c.topology.skype_metadata_url),
                ("Exchange metadata", &c.topology.exchange_metadata_url),
            ] {
                h.el("dt", &[], label).open("dd", &[]);
                match url {
                    Some(u) => {
                        h.el("code", &[], u).copy_button("Copy URL", u);
                    }
                    None => {
                        h.el("span", &[("class", "muted")], "not known yet");
                    }
                }
                h.close("dd");
            }
            h.close("dl");
            let domains = c.accepted_domains.iter().map(|d| {
                if d.wildcard {
                    format!(
                        "accepted domain {} is a wildcard: Exchange's OAuth realm check can fail with it",
                        d.name
                    )
                } else {
                    format!("accepted domain {}", d.name)
                }
            });
            let notes: Vec<String> = c.notes.iter().cloned().chain(domains).collect();
            if !notes.is_empty() {
                h.open("ul", &[("class", "notes")]);
                for n in &notes {
                    h.el("li", &[], n);
                }
                h.close("ul");
            }
            h.finish()
        })
    });
    view! {
        <section class="derived card" aria-label=tr("Derived metadata URLs")>
            <StaticView html/>
        </section>
    }
}

/// How each fetch went, in a line, with the way on.
#[component]
fn FetchSummary() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    // `expected`: the status a healthy answer has (the probe's is 401).
    let line = move |label: String, state: RwSignal<FetchState>, expected: u16| {
        move || {
            let (class, text) = state.with(|s| match s {
                FetchState::Idle => ("muted", tr("not fetched yet").to_string()),
                FetchState::Loading => ("pending", tr("fetching…").to_string()),
                FetchState::Done(Err(e)) => ("fail", e.to_string()),
                FetchState::Done(Ok(r)) => match (&r.error, r.status) {
                    (Some(e), _) => ("fail", e.message.clone()),
                    (None, Some(status)) => (
                        if status == expected || (expected == 200 && (200..300).contains(&status)) {
                            "pass"
                        } else {
                            "fail"
                        },
                        format!("HTTP {status}"),
                    ),
                    (None, None) => ("fail", tr("no answer").to_string()),
                },
            });
            let insecure = state.with(|s| s.report().is_some_and(|r| r.insecure));
            view! {
                <li>
                    <strong>{label.clone()} ": "</strong>
                    <span class=format!("status-{class}")>{text}</span>
                    {insecure.then(|| view! {
                        <span class="warning">{tr(" TLS verification is switched off for this host (insecure_skip_verify in the s2s configuration)")}</span>
                    })}
                </li>
            }
        }
    };
    view! {
        <section class="fetch-summary" aria-live="polite" aria-label=tr("Fetch results")>
            <ul>
                {line(tr_any(Side::Skype.label()), ws.skype, 200)}
                {line(tr_any(Side::Exchange.label()), ws.exchange, 200)}
                {line(tr("Exchange trust probe").to_string(), ws.probe, 401)}
            </ul>
            <Show when=move || ws.diagnosis.with(|d| d.fetched)>
                <StaticView html=Signal::derive(move || ws.diagnosis.with(verdict::html))/>
                <p>
                    <Link href=routes::OVERVIEW.path>{tr("Overview")}</Link>
                    " · "
                    <Link href=routes::METADATA.path>{tr("Both documents")}</Link>
                    " · "
                    <Link href=routes::FINDINGS.path>{tr("All findings")}</Link>
                </p>
            </Show>
        </section>
    }
}
