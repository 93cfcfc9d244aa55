//! Step 1: the deployment's names, the two metadata URLs derived from them,
//! and "Fetch both".

use leptos::prelude::*;
use s2s_core::api::Mode;
use s2s_core::topology::Side;
use s2s_core::topology_form::{
    FIELD_EXCHANGE, FIELD_POOL, FIELD_SERVERS, FIELD_SIP_DOMAIN, TopologyForm,
};

use leptos_router::components::A;

use crate::app::ServerInfoResource;
use crate::components::field::{Field, form_fields};
use crate::components::verdict::{self, Verdict};
use crate::components::{CopyButton, PageHeader, ReadOnlyNote};
use crate::demo_picker::DemoPicker;
use crate::i18n::{tr, tr_any, tr_text};
use crate::presentation::View;
use crate::redrawn::redrawn;
use crate::routes;
use crate::workspace::{Diagnosis, FetchState, Workspace};

type F = Field<TopologyForm>;

/// The fields: the first four under "Servers", the pasted output after.
const FIELDS: &[F] = &[
    F::text(
        "tp-pool",
        "Skype for Business pool FQDN",
        "atl-cs-001.litwareinc.com",
        "Its metadata is at https://<pool>/metadata/json/1. A pasted URL is fine.",
        |f| f.pool.clone(),
        |f, v| f.pool = v,
    ),
    F::text(
        "tp-exchange",
        "Exchange autodiscover host or metadata URL",
        "autodiscover.litwareinc.com",
        "Its metadata is at https://<host>/autodiscover/metadata/json/1.",
        |f| f.exchange.clone(),
        |f, v| f.exchange = v,
    ),
    F::text(
        "tp-sip",
        "SIP domain",
        "litwareinc.com",
        "Skype's OAuth realm is the default SIP domain unless set otherwise.",
        |f| f.sip_domain.clone(),
        |f, v| f.sip_domain = v,
    ),
    F::text(
        "tp-servers",
        "Exchange servers",
        "atl-exchange-001, atl-exchange-002",
        "Mailbox servers to iisreset after the change, separated by commas.",
        |f| f.exchange_servers.clone(),
        |f, v| f.exchange_servers = v,
    ),
    F::text(
        "tp-skype-cert",
        "Get-CsCertificate -Type OAuthTokenIssuer",
        "Thumbprint : 7A787D04…",
        "From the Skype for Business Server Management Shell; the thumbprints are picked out.",
        |f| f.skype_certificates.clone(),
        |f, v| f.skype_certificates = v,
    )
    .area(4),
    F::text(
        "tp-authconfig",
        "Get-AuthConfig",
        "CurrentCertificateThumbprint : …",
        "From the Exchange Management Shell.",
        |f| f.exchange_auth_config.clone(),
        |f, v| f.exchange_auth_config = v,
    )
    .area(4),
    F::text(
        "tp-domains",
        "Get-AcceptedDomain",
        "Name  DomainName  DomainType  Default",
        "From the Exchange Management Shell; wildcard domains are flagged.",
        |f| f.accepted_domains.clone(),
        |f, v| f.accepted_domains = v,
    )
    .area(4),
];

/// Which field each checked problem (by its field name) belongs to.
const ERROR_FIELDS: [(&str, &str); 4] = [
    (FIELD_POOL, "tp-pool"),
    (FIELD_EXCHANGE, "tp-exchange"),
    (FIELD_SIP_DOMAIN, "tp-sip"),
    (FIELD_SERVERS, "tp-servers"),
];

#[component]
pub fn TopologyPage() -> impl IntoView {
    super::set_document_title(routes::TOPOLOGY.title());
    let ws = expect_context::<Workspace>();
    let server = expect_context::<ServerInfoResource>();
    let is_demo = Memo::new(move |_| {
        server
            .0
            .with(|s| matches!(s, Some(Ok(i)) if i.mode == Mode::Demo))
    });
    let read_only = Memo::new(move |_| server.read_only());
    let errors = Memo::new(move |_| {
        ws.checked.with(|c| {
            ERROR_FIELDS
                .iter()
                .filter_map(|(name, id)| {
                    Some((*id, tr_text(&c.error_for(name)?.problem.to_string())))
                })
                .collect::<Vec<_>>()
        })
    });
    let example = Callback::new(move |()| ws.form.update(TopologyForm::take_example_names));
    // A read-only server fetches nothing.
    let can_fetch = move || ws.checked.with(|c| c.can_fetch()) && !read_only.get();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if untrack(can_fetch) {
            ws.fetch_both();
        }
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <PageHeader page=routes::TOPOLOGY/>
            // The demo's banner, only on the demo.
            {redrawn(move || if is_demo.get() { view! { <DemoPicker/> }.into_any() } else { ().into_any() })}
            <form class="plan-form" on:submit=on_submit>
                {form_fields(
                    ws.form,
                    FIELDS,
                    4,
                    tr("Pasted command output (optional)"),
                    errors,
                    example,
                )}
                <div class="form-actions">
                    <button type="submit" disabled=Signal::derive(move || !can_fetch())>
                        {tr("Fetch both")}
                    </button>
                </div>
            </form>
            // Why Fetch both is off on a read-only server, where it is.
            {redrawn(move || {
                if read_only.get() {
                    view! { <p class="read-only-note"><ReadOnlyNote/></p> }.into_any()
                } else {
                    ().into_any()
                }
            })}
            <Derived/>
            <FetchSummary/>
        </section>
    }
}

/// What the console took from the form: the two URLs, notes and domains.
#[component]
fn Derived() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let url = move |label: &'static str, skype: bool| {
        let url = Memo::new(move |_| {
            ws.checked.with(|c| {
                if skype {
                    c.topology.skype_metadata_url.clone()
                } else {
                    c.topology.exchange_metadata_url.clone()
                }
            })
        });
        view! {
            <dt>{tr(label)}</dt>
            <dd>
                {redrawn(move || match url.get() {
                    Some(u) => view! {
                        <code>{u.clone()}</code>
                        <CopyButton label=tr("Copy URL").to_string() text=u/>
                    }
                    .into_any(),
                    None => view! { <span class="muted">{tr("not known yet")}</span> }.into_any(),
                })}
            </dd>
        }
    };
    let notes = Memo::new(move |_| {
        ws.checked.with(|c| {
            let domains = c.accepted_domains.iter().map(|d| {
                if d.wildcard {
                    format!(
                        "accepted domain {} is a wildcard: Exchange's OAuth realm check can fail with it",
                        d.name
                    )
                } else {
                    ["accepted domain ", d.name.as_str()].concat()
                }
            });
            c.notes.iter().cloned().chain(domains).collect::<Vec<String>>()
        })
    });
    view! {
        <section class="derived card" aria-label=tr("Derived metadata URLs")>
            <dl>
                {url("Skype for Business metadata", true)}
                {url("Exchange metadata", false)}
            </dl>
            {redrawn(move || {
                notes.with(|notes| {
                    if notes.is_empty() {
                        return ().into_any();
                    }
                    view! {
                        <ul class="notes">
                            {notes.iter().map(|n| view! { <li>{tr_text(n)}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                })
            })}
        </section>
    }
}

/// How a fetch went, in a line. `expected`: the status a healthy answer has
/// (the probe's is 401).
fn fetch_line(label: String, state: &FetchState, expected: u16) -> impl IntoView + use<> {
    let (class, text) = match state {
        FetchState::Idle => ("status-muted", tr("not fetched yet").to_string()),
        FetchState::Loading => ("status-pending", tr("fetching…").to_string()),
        FetchState::Done(Err(e)) => ("status-fail", tr_text(&e.to_string())),
        FetchState::Done(Ok(r)) => match (&r.error, r.status) {
            (Some(e), _) => ("status-fail", tr_text(&e.message)),
            (None, Some(status)) => (
                if status == expected || (expected == 200 && (200..300).contains(&status)) {
                    "status-pass"
                } else {
                    "status-fail"
                },
                ["HTTP ", &status.to_string()].concat(),
            ),
            (None, None) => ("status-fail", tr("no answer").to_string()),
        },
    };
    let insecure = state.report().is_some_and(|r| r.insecure);
    view! {
        <li>
            <strong>{label} ": "</strong>
            <span class=class>{text}</span>
            {insecure.then(|| view! {
                <span class="warning">
                    {tr(" TLS verification is switched off for this host (insecure_skip_verify in the s2s configuration)")}
                </span>
            })}
        </li>
    }
}

/// How each fetch went, with the verdict and the way on.
#[component]
fn FetchSummary() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let line = move |state: RwSignal<FetchState>, label: String, expected: u16| {
        redrawn(move || state.with(|s| fetch_line(label.clone(), s, expected).into_any()))
    };
    let fetched = Memo::new(move |_| ws.diagnosis.with(|d| d.fetched));
    view! {
        <section class="fetch-summary" aria-live="polite" aria-label=tr("Fetch results")>
            <ul>
                {line(ws.skype, tr_any(Side::Skype.label()), 200)}
                {line(ws.exchange, tr_any(Side::Exchange.label()), 200)}
                {line(ws.probe, tr("Exchange trust probe").to_string(), 401)}
            </ul>
            {redrawn(move || {
                if !fetched.get() {
                    return ().into_any();
                }
                view! {
                    {redrawn(move || ws.diagnosis.with(verdict_view).into_any())}
                    <p>
                        <A href=routes::OVERVIEW.path>{tr("Overview")}</A>
                        " · "
                        <A href=routes::METADATA.path>{tr("Both documents")}</A>
                        " · "
                        <A href=routes::FINDINGS.path>{tr("All findings")}</A>
                    </p>
                }
                .into_any()
            })}
        </section>
    }
}

/// The verdict in a sentence, and its next step.
fn verdict_view(d: &Diagnosis) -> impl IntoView + use<> {
    let line = verdict::verdict(d, View::Console, verdict::CanFetch::Yes);
    view! { <Verdict verdict=line view=View::Console/> }
}
