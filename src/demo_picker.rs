//! The demo environment's banner and scenario picker: the simulated servers
//! can play a healthy deployment or one of the classic failures.

use leptos::prelude::*;
use s2s_core::topology_form::TopologyForm;

use crate::api::{self, DemoState};
use crate::i18n::tr;
use crate::workspace::Workspace;

#[component]
pub fn DemoPicker() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    // A newcomer on the demo starts from its deployment: an untouched form
    // takes the demo's names.
    if ws.form.with_untracked(|f| *f == TopologyForm::default()) {
        ws.form.set(TopologyForm::litware_example());
    }
    let state = RwSignal::new(None::<Result<DemoState, api::ApiError>>);
    leptos::task::spawn_local(async move { state.set(Some(api::demo_state().await)) });
    let on_change = move |ev| {
        let id = event_target_value(&ev);
        leptos::task::spawn_local(async move {
            let result = api::set_demo_scenario(&id).await;
            let switched = result.is_ok();
            state.set(Some(result));
            // The documents now tell another story: fetch them again.
            if switched && ws.checked.with_untracked(|c| c.can_fetch()) {
                ws.fetch_both();
            }
        });
    };
    view! {
        <aside class="demo-banner" aria-labelledby="demo-title">
            <h2 id="demo-title">{tr("Demo environment")}</h2>
            <p>
                {tr("The two servers are simulated inside s2s with real TLS: ")}
                <code>"atl-cs-001.litwareinc.com"</code> " (Skype for Business pool) and "
                <code>"autodiscover.litwareinc.com"</code> " (Exchange). Pick what they play."
            </p>
            {move || match state.get() {
                None => view! { <p>{tr("Asking the demo for its scenarios…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                Some(Ok(demo)) => {
                    let current = demo.scenario.clone();
                    view! {
                        <div class="field">
                            <label for="demo-scenario">{tr("Scenario")}</label>
                            <select id="demo-scenario" on:change=on_change>
                                {demo.scenarios.into_iter().map(|s| {
                                    let selected = s.id == current;
                                    view! { <option value=s.id selected=selected>{s.label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }.into_any()
                }
            }}
        </aside>
    }
}
