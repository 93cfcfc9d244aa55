//! Step 5: the exact commands for both shells, from inputs validated as the
//! administrator types.

use leptos::prelude::*;
use leptos_router::components::A;
use s2s_core::commands::{RawPlanInput, Validated, plan, to_ps1};
use s2s_core::inputs::InputError;
use s2s_core::topology_form::{PlanName, split_names};
use wasm_bindgen::JsCast;

use crate::components::PageHeader;
use crate::components::field::{Field, form_fields};
use crate::components::plan_steps::PlanSteps;
use crate::i18n::{tr, tr_text};
use crate::redrawn::redrawn;
use crate::routes;
use crate::workspace::Workspace;

type F = Field<RawPlanInput>;

/// The fields, in order: the first four under "Servers", the rest under
/// "Advanced options".
const FIELDS: &[F] = &[
    F::text("in-pool", "Skype for Business pool FQDN", "atl-cs-001.litwareinc.com", "The pool's metadata URL is https://<pool>/metadata/json/1.", |r| r.pool.clone(), |r, v| r.pool = v),
    F::text("in-exchange", "Exchange autodiscover host", "autodiscover.litwareinc.com", "Exchange's metadata URL is https://<host>/autodiscover/metadata/json/1. A pasted URL is fine.", |r| r.exchange.clone(), |r, v| r.exchange = v),
    F::text("in-servers", "Exchange servers to iisreset", "atl-exchange-001, atl-exchange-002", "Mailbox/Client Access servers, separated by commas.", |r| r.exchange_servers.join(", "), |r, v| r.exchange_servers = split_names(&v)),
    F::text("in-user", "Test user", "sip:kenmyer@litwareinc.com", "A user with an Exchange mailbox, for Test-CsExStorageConnectivity.", |r| r.test_user.clone(), |r, v| r.test_user = v),
    F::text("in-path", "Exchange install path", "C:\\Program Files\\Microsoft\\Exchange Server\\V15", "Empty: the server's own $env:ExchangeInstallPath (set wherever Exchange is installed). A path only to use another.", |r| r.install_path.clone(), |r, v| r.install_path = v),
    F::text("in-identity", "Partner application identity on Skype", "Exchange", "The name Skype gives Exchange's partner application.", |r| r.identity.clone(), |r, v| r.identity = v),
    F::text("in-trust", "Trust level", "Full", "Full lets Exchange act for itself and any user of the realm (what Exchange needs).", |r| r.trust_level.clone(), |r, v| r.trust_level = v),
    F::text("in-realm", "Skype OAuth realm", "litwareinc.com", "Only when the realm must differ from the default SIP domain.", |r| r.realm.clone(), |r, v| r.realm = v),
    F::text("in-storage", "Storage service host (NetTCP test)", "atl-cs-001.litwareinc.com", "Only to test over NetTCP instead of the default binding.", |r| r.storage_service.clone(), |r, v| r.storage_service = v),
    F::text("in-oauth", "New OAuthTokenIssuer certificate (thumbprint)", "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA", "Adds the Set-CsCertificate step that assigns it on Skype. Spaces and colons are fine.", |r| r.oauth_thumbprint.clone(), |r, v| r.oauth_thumbprint = v),
    F::text("in-oauth-date", "Roll to it at (optional)", "2026-12-01 06:00", "Local time on the Front End, YYYY-MM-DD or YYYY-MM-DD HH:MM; empty assigns at once.", |r| r.oauth_effective_date.clone(), |r, v| r.oauth_effective_date = v),
    F::text("in-oauth-expiry", "Current certificate expires (for a roll)", "2027-01-15 06:00", "NotAfter of Get-CsCertificate -Type OAuthTokenIssuer, in the Front End's local time: a roll must take effect at least 24 hours before.", |r| r.oauth_current_expiry.clone(), |r, v| r.oauth_current_expiry = v),
    F::check("in-oauth-missing", "Skype has no usable OAuthTokenIssuer certificate: assign the new one first", "", |r| r.oauth_certificate_missing, |r, v| r.oauth_certificate_missing = v),
    F::text("in-cert", "Exchange Auth certificate (optional)", "-----BEGIN CERTIFICATE-----", "PEM or base64. Adds the alternative: a Skype partner application holding this certificate instead of the metadata URL.", |r| r.exchange_certificate.clone(), |r, v| r.exchange_certificate = v).area(4),
    F::text("in-cert-realm", "Realm for the certificate-based application", "litwareinc.com", "Needed with a pasted Exchange certificate.", |r| r.exchange_certificate_realm.clone(), |r, v| r.exchange_certificate_realm = v),
    F::check("in-partner-exists", "A partner application for Exchange may already exist on Skype (create or repair)", "", |r| r.partner_may_exist, |r, v| r.partner_may_exist = v),
    F::check("in-trust-any", "Trust any TLS certificate of the pool (-TrustAnySSLCertificate:$true) — lab only", "lab-only", |r| r.trust_any_ssl, |r, v| r.trust_any_ssl = v),
];

/// Which field each validation error (by its field name) belongs to.
const ERROR_FIELDS: &[(&str, &str)] = &[
    ("pool", "in-pool"),
    ("Exchange autodiscover host", "in-exchange"),
    ("Exchange server", "in-servers"),
    ("test user SIP URI", "in-user"),
    ("Exchange install path", "in-path"),
    ("partner application identity", "in-identity"),
    ("trust level", "in-trust"),
    ("realm", "in-realm"),
    ("storage service host", "in-storage"),
    ("OAuthTokenIssuer thumbprint", "in-oauth"),
    ("effective date", "in-oauth-date"),
    ("current certificate expiry", "in-oauth-expiry"),
    ("certificate realm", "in-cert-realm"),
];

/// The field of a plan input, named as validation errors name it: its
/// element id and label, for links that say which field to fill in.
pub fn field_for(name: &str) -> Option<(&'static str, &'static str)> {
    // Fields no validation error names: the certificate (its errors are
    // drawn apart, see `problems`) and the create-or-repair check box.
    let id = match name {
        "Exchange certificate" => "in-cert",
        "partner application may exist" => "in-partner-exists",
        _ => ERROR_FIELDS.iter().find(|(n, _)| *n == name)?.1,
    };
    let field = FIELDS.iter().find(|f| f.id == id)?;
    Some((field.id, field.label))
}

/// `found` (the validation's errors) by field id, with the pasted
/// certificate's own problem.
fn problems(raw: &RawPlanInput, found: &[InputError]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = found
        .iter()
        .filter_map(|e| {
            let id = ERROR_FIELDS.iter().find(|(name, _)| *name == e.field)?.1;
            Some((id, tr_text(&e.problem.to_string())))
        })
        .collect();
    if !raw.exchange_certificate.trim().is_empty()
        && let Err(e) = s2s_core::cert::certificates_der(raw.exchange_certificate.as_bytes())
    {
        out.push(("in-cert", tr_text(&e.to_string())));
    }
    out
}

/// What the page shows under the form.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// The notes on pasted values, the download and the plan.
    Plan(Validated),
    /// Neither server named yet.
    Unnamed,
    /// The fields in the way, with their problems, by field id.
    InTheWay(Vec<(&'static str, String)>),
}

fn output(outcome: Outcome) -> AnyView {
    match outcome {
        Outcome::Plan(v) => {
            let notes = (!v.notes.is_empty()).then(|| {
                view! {
                    <ul class="notes" aria-label=tr("What was taken from pasted values")>
                        {v.notes.iter().map(|n| view! { <li>{tr_text(n)}</li> }).collect_view()}
                    </ul>
                }
            });
            let p = plan(&v.input);
            view! {
                {notes}
                <DownloadPlan ps1=to_ps1(&p)/>
                <PlanSteps plan=p/>
            }
            .into_any()
        }
        Outcome::Unnamed => view! {
            <p class="notice">
                {tr("Enter the pool and the Exchange autodiscover host to see the commands.")}
            </p>
        }
        .into_any(),
        // Every field in the way, each a link that opens and focuses it (one
        // may sit folded under "Advanced options", or be needed only
        // because of another).
        Outcome::InTheWay(found) => {
            let items = found
                .into_iter()
                .map(|(id, problem)| {
                    let label = FIELDS.iter().find(|f| f.id == id).map_or(id, |f| f.label);
                    let href = ["/commands#", id].concat();
                    view! {
                        <li>
                            <A href=href>{tr(label)}</A>
                            {[": ", problem.as_str()].concat()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="notice" role="status">
                    <p>{tr("The commands appear once these fields are right:")}</p>
                    <ul>{items}</ul>
                </div>
            }
            .into_any()
        }
    }
}

/// The plan as a commented `.ps1` file (`data-content` holds what is saved).
#[component]
fn DownloadPlan(ps1: String) -> impl IntoView {
    let failed = RwSignal::new(String::new());
    let content = ps1.clone();
    let save = move |_| {
        let result = crate::copy::download(
            "s2s-partner-applications.ps1",
            "text/plain",
            content.as_bytes(),
        );
        failed.set(result.err().map(|e| tr_text(&e)).unwrap_or_default());
    };
    view! {
        <div class="plan-actions">
            <button
                type="button"
                data-download="s2s-partner-applications.ps1"
                data-content=ps1
                on:click=save
            >
                {tr("Download the plan as .ps1")}
            </button>
            <span
                role="status"
                class=Signal::derive(move || {
                    if failed.with(String::is_empty) { "offscreen" } else { "copy-status" }
                })
            >
                {failed}
            </span>
        </div>
    }
}

#[component]
pub fn CommandsPage() -> impl IntoView {
    super::set_document_title(routes::COMMANDS.title());
    let ws = expect_context::<Workspace>();
    let raw = ws.plan;
    // The names given on the Topology page are not typed twice.
    ws.form.with_untracked(|f| raw.update(|r| f.fill_plan(r)));
    // What Skype's fetched document says counts as if the box were ticked
    // (the same input the fixes on other pages are made from).
    let key_missing = Memo::new(move |_| ws.skype_key_missing());
    let validated = Memo::new(move |_| ws.plan_input().validate());
    let errors = Memo::new(move |_| {
        raw.with(|r| validated.with(|v| problems(r, v.as_ref().err().map_or(&[], Vec::as_slice))))
    });
    // Drawn again only when it changes: an opened step stays open while
    // a field that does not change the plan is typed in.
    let outcome = Memo::new(move |_| {
        validated.with(|v| match v {
            Ok(v) => Outcome::Plan(v.clone()),
            Err(_) if raw.with(|r| r.pool.trim().is_empty() && r.exchange.trim().is_empty()) => {
                Outcome::Unnamed
            }
            Err(_) => Outcome::InTheWay(errors.get()),
        })
    });
    // And a name edited here is the topology's too, so the fixes on the
    // Findings page and the next visit show the same commands. It is taken
    // when the edit is done (the field's change), not at every keystroke: a
    // new name drops the documents fetched for the old one. (In the capture
    // phase: a change event need not bubble.)
    let on_change = move |ev: leptos::ev::Event| {
        let field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let name = match field.map(|e| e.id()).as_deref() {
            Some("in-pool") => PlanName::Pool,
            Some("in-exchange") => PlanName::Exchange,
            Some("in-servers") => PlanName::Servers,
            _ => return,
        };
        let mut form = ws.form.get_untracked();
        if raw.with_untracked(|plan| form.take_name_from_plan(name, plan)) {
            ws.form.set(form);
        }
    };
    // The example button only shows the example here: the example's names,
    // the options chosen kept.
    let example = Callback::new(move |()| raw.update(RawPlanInput::take_example_names));
    view! {
        <section class="page" aria-labelledby="page-title">
            <PageHeader page=routes::COMMANDS/>
            <form
                class="plan-form"
                on:change:capture=on_change
                on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()
            >
                {form_fields(raw, FIELDS, 4, tr("Advanced options"), errors, example)}
            </form>
            {move || key_missing.get().then(|| view! {
                <p class="notice" role="status">
                    {tr("Skype's fetched document publishes no usable signing certificate: the plan starts by assigning Skype's OAuthTokenIssuer certificate. Give its thumbprint under Advanced options.")}
                </p>
            })}
            {redrawn(move || output(outcome.get()))}
        </section>
    }
}
