//! The demo environment's banner and scenario picker: the simulated servers
//! can play a healthy deployment or one of the classic failures.

use crate::dom;
use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::topology_form::TopologyForm;

use crate::api::{self, DemoState};
use crate::html::Html;
use crate::i18n::tr;
use crate::static_view::static_view;
use crate::workspace::Workspace;

pub fn demo_picker() -> web_sys::Element {
    let ws = expect_context::<Workspace>();
    // A newcomer on the demo starts from its deployment: an untouched form
    // takes the demo's names.
    if ws.form.with_untracked(|f| *f == TopologyForm::default()) {
        ws.form.set(TopologyForm::litware_example());
    }
    let state = RwSignal::new(None::<Result<DemoState, api::ApiError>>);
    // Why the last switch failed; the picker and what plays stay.
    let failed = RwSignal::new(None::<String>);
    spawn_local(async move { state.set(Some(api::demo_state().await)) });
    let on_change = move |ev: web_sys::Event| {
        let Some(select) = crate::dom::target::<web_sys::HtmlSelectElement>(&ev) else {
            return;
        };
        let id = select.value();
        spawn_local(async move {
            match api::set_demo_scenario(&id).await {
                Ok(now) => {
                    failed.set(None);
                    state.set(Some(Ok(now)));
                    // The documents now tell another story: fetch them again.
                    if ws.checked.with_untracked(|c| c.can_fetch()) {
                        ws.fetch_both();
                    }
                }
                Err(e) => {
                    // The servers still play the last scenario: show it.
                    if let Some(Ok(playing)) = state.get_untracked() {
                        select.set_value(&playing.scenario);
                    }
                    failed.set(Some(crate::i18n::tr_text(&e.to_string())));
                }
            }
        });
    };
    let html =
        Signal::derive(move || state.with(|s| failed.with(|f| markup(s.as_ref(), f.as_deref()))));
    let aside = dom::el(
        "aside",
        &[("class", "demo-banner"), ("aria-labelledby", "demo-title")],
    );
    dom::append(&aside, &[&static_view(html, "", None)]);
    dom::listen(&aside, "change", true, on_change);
    aside
}

fn markup(state: Option<&Result<DemoState, api::ApiError>>, failed: Option<&str>) -> String {
    let mut h = Html::new();
    h.el("h2", &[("id", "demo-title")], tr("Demo environment"))
        .open("p", &[])
        .text(tr(
            "The two servers are simulated inside s2s with real TLS: ",
        ))
        .el("code", &[], "atl-cs-001.litwareinc.com")
        .text(tr(" (Skype for Business pool) and "))
        .el("code", &[], "autodiscover.litwareinc.com")
        .text(tr(" (Exchange). Pick what they play."))
        .close("p");
    match state {
        None => {
            h.el("p", &[], tr("Asking the demo for its scenarios…"));
        }
        Some(Err(e)) => {
            h.el(
                "p",
                &[("class", "error"), ("role", "alert")],
                &crate::i18n::tr_text(&e.to_string()),
            );
        }
        Some(Ok(demo)) => {
            h.open("div", &[("class", "field")])
                .el("label", &[("for", "demo-scenario")], tr("Scenario"))
                .open("select", &[("id", "demo-scenario")]);
            for s in &demo.scenarios {
                let selected = if s.id == demo.scenario {
                    "selected"
                } else {
                    ""
                };
                h.el("option", &[("value", &s.id), (selected, "")], &s.label);
            }
            h.close("select").close("div");
            if let Some(why) = failed {
                h.el(
                    "p",
                    &[("class", "error"), ("role", "alert")],
                    &crate::i18n::trf(
                        "The scenario was not switched ({}); the servers still play the one shown. Choose again to retry.",
                        &[why],
                    ),
                );
            }
        }
    }
    h.finish()
}
