//! The demo environment's banner and scenario picker: the simulated servers
//! can play a healthy deployment or one of the classic failures.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::topology_form::TopologyForm;

use crate::api::{self, DemoScenario, DemoState};
use crate::i18n::{tr, tr_text, trf};
use crate::redrawn::redrawn;
use crate::workspace::Workspace;

/// What the banner can show below its text.
#[derive(Clone, PartialEq)]
enum Picker {
    Asking,
    Failed(String),
    Scenarios(Vec<DemoScenario>),
}

#[component]
pub fn DemoPicker() -> impl IntoView {
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
    // The list is drawn once: a switch changes the state, not the list, so
    // the select (and its focus) stays.
    let picker = Memo::new(move |_| {
        state.with(|s| match s {
            None => Picker::Asking,
            Some(Err(e)) => Picker::Failed(tr_text(&e.to_string())),
            Some(Ok(demo)) => Picker::Scenarios(demo.scenarios.clone()),
        })
    });
    let on_change = move |ev: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
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
                    failed.set(Some(tr_text(&e.to_string())));
                }
            }
        });
    };
    let body = move || match picker.get() {
        Picker::Asking => view! { <p>{tr("Asking the demo for its scenarios…")}</p> }.into_any(),
        Picker::Failed(why) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
        Picker::Scenarios(scenarios) => {
            let playing = state.with_untracked(|s| match s {
                Some(Ok(demo)) => demo.scenario.clone(),
                _ => String::new(),
            });
            let options = scenarios
                .into_iter()
                .map(|s| {
                    let selected = s.id == playing;
                    view! { <option value=s.id selected=selected>{s.label}</option> }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for="demo-scenario">{tr("Scenario")}</label>
                    <select id="demo-scenario" on:change=on_change>{options}</select>
                </div>
                {redrawn(move || {
                    let Some(why) = failed.get() else {
                        return ().into_any();
                    };
                    view! {
                        <p class="error" role="alert">
                            {trf(
                                "The scenario was not switched ({}); the servers still play the one shown. Choose again to retry.",
                                &[&why],
                            )}
                        </p>
                    }
                    .into_any()
                })}
            }
            .into_any()
        }
    };
    view! {
        <aside class="demo-banner" aria-labelledby="demo-title">
            <h2 id="demo-title">{tr("Demo environment")}</h2>
            <p>
                {tr("The two servers are simulated inside s2s with real TLS: ")}
                <code>"atl-cs-001.litwareinc.com"</code>
                {tr(" (Skype for Business pool) and ")}
                <code>"autodiscover.litwareinc.com"</code>
                {tr(" (Exchange). Pick what they play.")}
            </p>
            {redrawn(body)}
        </aside>
    }
}
