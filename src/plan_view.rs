//! The plan, grouped as the administrator runs it: one section per group,
//! each step with its shell, server, command and copy button.

use leptos::prelude::*;
use s2s_core::commands::{Group, Plan, Step};

use crate::copy::CopyButton;

#[component]
pub fn PlanView(plan: Plan) -> impl IntoView {
    let mut groups: Vec<(Group, Vec<Step>)> = Vec::new();
    for step in plan.steps {
        match groups.last_mut() {
            Some((g, steps)) if *g == step.group => steps.push(step),
            _ => groups.push((step.group, vec![step])),
        }
    }
    view! {
        <div class="plan">
            {groups.into_iter().map(|(group, steps)| view! { <GroupView group steps/> }).collect_view()}
        </div>
    }
}

#[component]
fn GroupView(group: Group, steps: Vec<Step>) -> impl IntoView {
    let all = steps
        .iter()
        .map(|s| s.command.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let id = format!("group-{}", group.slug());
    let heading_id = id.clone();
    view! {
        <section class="plan-group" aria-labelledby=id>
            <header class="plan-group-header">
                <h2 id=heading_id>{group.label()}</h2>
                <CopyButton text=Signal::derive(move || all.clone()) label="Copy every command of this section"/>
            </header>
            <ol class="steps">
                {steps.into_iter().map(|step| view! { <StepView step/> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn StepView(step: Step) -> impl IntoView {
    let command = step.command.clone();
    view! {
        <li class="step-card card" id=format!("step-{}", step.id) data-step=step.id>
            <h3>{step.title.clone()}</h3>
            <p class="step-where">{step.shell.label()} " · on " {step.server.clone()}</p>
            <div class="command">
                <pre><code>{step.command.clone()}</code></pre>
                <CopyButton text=Signal::derive(move || command.clone()) label="Copy command"/>
            </div>
            {step.warning.clone().map(|w| view! { <p class="warning"><strong>"Before you run it: "</strong>{w}</p> })}
            <details>
                <summary>"What it does, how to verify, how to undo"</summary>
                <p>{step.what_it_does.clone()}</p>
                {step.verify.clone().map(|v| view! { <p><strong>"Verify: "</strong><code>{v}</code></p> })}
                {step.undo.clone().map(|u| view! { <p><strong>"Undo: "</strong><code>{u}</code></p> })}
            </details>
        </li>
    }
}
