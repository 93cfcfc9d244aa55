//! Step 1: the deployment's names, the two metadata URLs derived from them,
//! and "Fetch both".

use leptos::prelude::*;
use s2s_core::api::Mode;
use s2s_core::topology::Side;
use s2s_core::topology_form::{
    FIELD_EXCHANGE, FIELD_POOL, FIELD_SERVERS, FIELD_SIP_DOMAIN, TopologyForm,
};

use crate::app::ServerInfoResource;
use crate::demo_picker::demo_picker;
use crate::dom;
use crate::form::{Field, FormActions, bound_form, draw_form};
use crate::html::Html;
use crate::i18n::{tr, tr_any, tr_text};
use crate::render::{View, verdict};
use crate::routes;
use crate::static_view::static_view;
use crate::workspace::{FetchState, Workspace};

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

fn form_markup(form: &TopologyForm, can_fetch: bool) -> String {
    let mut h = Html::new();
    draw_form(
        &mut h,
        form,
        FIELDS,
        4,
        tr("Pasted command output (optional)"),
    );
    h.open("div", &[("class", "form-actions")])
        .el(
            "button",
            &[
                ("type", "submit"),
                (if can_fetch { "" } else { "disabled" }, ""),
            ],
            tr("Fetch both"),
        )
        .close("div");
    h.finish()
}

pub fn topology_page() -> web_sys::Element {
    super::set_document_title(routes::TOPOLOGY.title());
    let ws = expect_context::<Workspace>();
    let ServerInfoResource(server) = expect_context::<ServerInfoResource>();
    let is_demo = move || matches!(server.get(), Some(Ok(ref i)) if i.mode == Mode::Demo);
    let errors = Signal::derive(move || {
        ws.checked.with(|c| {
            ERROR_FIELDS
                .iter()
                .filter_map(|(name, id)| {
                    Some((*id, tr_text(&c.error_for(name)?.problem.to_string())))
                })
                .collect::<Vec<_>>()
        })
    });
    let on_action = Callback::new(move |action: String| {
        if action == "example" {
            ws.form.update(TopologyForm::take_example_names);
        }
    });
    let on_submit = Callback::new(move |()| ws.fetch_both());
    // A read-only server fetches nothing.
    let read_only = move || ServerInfoResource(server).read_only();
    let can_fetch = ws.checked.with_untracked(|c| c.can_fetch()) && !read_only();
    let markup = ws.form.with_untracked(|f| form_markup(f, can_fetch));
    let mut h = Html::new();
    super::header(&mut h, &routes::TOPOLOGY);
    // The demo's banner, only on the demo.
    let demo = dom::el("div", &[("class", "static-view")]);
    dom::switch(&demo, is_demo, |shown| {
        if *shown {
            demo_picker().into()
        } else {
            dom::fragment(&[])
        }
    });
    let form = bound_form(
        &markup,
        ws.form,
        FIELDS,
        errors,
        FormActions {
            on_action: Some(on_action),
            on_submit: Some(on_submit),
            submit_enabled: Some(Signal::derive(move || {
                ws.checked.with(|c| c.can_fetch()) && !read_only()
            })),
        },
    );
    // Why Fetch both is off on a read-only server, where it is.
    let note = static_view(
        Signal::derive(move || {
            let mut h = Html::new();
            if read_only() {
                h.open("p", &[("class", "read-only-note")]);
                super::read_only_note(&mut h);
                h.close("p");
            }
            h.finish()
        }),
        "",
        None,
    );
    super::section(&[
        &dom::el_html("div", &[], &h.finish()),
        &demo,
        &form,
        &note,
        &derived(),
        &fetch_summary(),
    ])
}

/// What the console took from the form: the two URLs, notes and domains.
fn derived() -> web_sys::Element {
    let ws = expect_context::<Workspace>();
    let html = Signal::derive(move || {
        ws.checked.with(|c| {
            let mut h = Html::new();
            h.open("dl", &[]);
            for (label, url) in [
                ("Skype for Business metadata", &c.topology.skype_metadata_url),
                ("Exchange metadata", &c.topology.exchange_metadata_url),
            ] {
                h.el("dt", &[], tr(label)).open("dd", &[]);
                match url {
                    Some(u) => {
                        h.el("code", &[], u).copy_button("Copy URL", u);
                    }
                    None => {
                        h.el("span", &[("class", "muted")], tr("not known yet"));
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
                    h.el("li", &[], &tr_text(n));
                }
                h.close("ul");
            }
            h.finish()
        })
    });
    let section = dom::el(
        "section",
        &[
            ("class", "derived card"),
            ("aria-label", tr("Derived metadata URLs")),
        ],
    );
    dom::append(&section, &[&static_view(html, "", None)]);
    section
}

/// How a fetch went, in a line. `expected`: the status a healthy answer has
/// (the probe's is 401).
fn fetch_line(h: &mut Html, label: &str, state: &FetchState, expected: u16) {
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
                format!("HTTP {status}"),
            ),
            (None, None) => ("status-fail", tr("no answer").to_string()),
        },
    };
    h.open("li", &[])
        .el("strong", &[], &format!("{label}: "))
        .el("span", &[("class", class)], &text);
    if state.report().is_some_and(|r| r.insecure) {
        h.el(
            "span",
            &[("class", "warning")],
            tr(" TLS verification is switched off for this host (insecure_skip_verify in the s2s configuration)"),
        );
    }
    h.close("li");
}

/// How each fetch went, with the verdict and the way on.
fn fetch_summary() -> web_sys::Element {
    let ws = expect_context::<Workspace>();
    let html = Signal::derive(move || {
        let mut h = Html::new();
        h.open("ul", &[]);
        ws.skype
            .with(|s| fetch_line(&mut h, &tr_any(Side::Skype.label()), s, 200));
        ws.exchange
            .with(|s| fetch_line(&mut h, &tr_any(Side::Exchange.label()), s, 200));
        ws.probe
            .with(|s| fetch_line(&mut h, tr("Exchange trust probe"), s, 401));
        h.close("ul");
        ws.diagnosis.with(|d| {
            if d.fetched {
                h.trusted_markup(&verdict::html(d, View::Console, verdict::CanFetch::Yes))
                    .open("p", &[]);
                for (i, (href, label)) in [
                    (routes::OVERVIEW.path, "Overview"),
                    (routes::METADATA.path, "Both documents"),
                    (routes::FINDINGS.path, "All findings"),
                ]
                .into_iter()
                .enumerate()
                {
                    if i > 0 {
                        h.text(" · ");
                    }
                    h.link(href, tr(label));
                }
                h.close("p");
            }
        });
        h.finish()
    });
    let section = dom::el(
        "section",
        &[
            ("class", "fetch-summary"),
            ("aria-live", "polite"),
            ("aria-label", tr("Fetch results")),
        ],
    );
    dom::append(&section, &[&static_view(html, "", None)]);
    section
}
