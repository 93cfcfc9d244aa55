//! The command plan, grouped as the administrator runs it: one section per
//! group, each step with its shell, server, command and copy button, and
//! what it does, how to verify and how to undo it.

use leptos::prelude::*;
use s2s_core::commands::{Group, Plan, Step};

use crate::components::{CommandBlock, CopyButton};
use crate::i18n::{tr, trf};
use crate::presentation::plan_anchors;
use crate::presentation::step_text;

/// The plan's groups in order, each with its steps and their anchors.
#[component]
pub fn PlanSteps(plan: Plan) -> impl IntoView {
    let anchors = plan_anchors(&plan);
    let mut groups: Vec<(Group, Vec<(Step, String)>)> = Vec::new();
    for (s, anchor) in plan.steps.into_iter().zip(anchors) {
        match groups.last_mut() {
            Some((g, steps)) if *g == s.group => steps.push((s, anchor)),
            _ => groups.push((s.group, vec![(s, anchor)])),
        }
    }
    view! {
        <div class="plan">
            {groups.into_iter().map(|(group, steps)| plan_group(group, steps)).collect_view()}
        </div>
    }
}

fn plan_group(group: Group, steps: Vec<(Step, String)>) -> impl IntoView {
    let id = ["group-", group.slug()].concat();
    let labelled_by = id.clone();
    let all = steps
        .iter()
        .map(|(s, _)| s.command.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    view! {
        <section class="plan-group" aria-labelledby=labelled_by>
            <header class="plan-group-header">
                <h2 id=id>{tr(group.label())}</h2>
                <CopyButton label=tr("Copy every command of this section").to_string() text=all/>
            </header>
            <ol class="steps">
                {steps.into_iter().map(|(s, anchor)| plan_step(s, anchor)).collect_view()}
            </ol>
        </section>
    }
}

fn plan_step(s: Step, anchor: String) -> impl IntoView {
    let text = step_text(&s);
    let checks = [(tr("Verify: "), s.verify), (tr("Undo: "), s.undo)];
    view! {
        <li class="step-card card" id=anchor data-step=s.id>
            <h3>{text.title}</h3>
            <p class="step-where">{trf("{} · on {}", &[tr(s.shell.label()), &text.server])}</p>
            <CommandBlock command=s.command/>
            {text.warning.map(|w| {
                view! {
                    <p class="warning">
                        <strong>{tr("Before you run it: ")}</strong>
                        {w}
                    </p>
                }
            })}
            <details>
                <summary>{tr("What it does, how to verify, how to undo")}</summary>
                <p>{text.what_it_does}</p>
                {checks
                    .into_iter()
                    .filter_map(|(label, value)| {
                        let value = value?;
                        // A command: the same in every language.
                        Some(view! {
                            <p>
                                <strong>{label}</strong>
                                <code translate="no">{value}</code>
                            </p>
                        })
                    })
                    .collect_view()}
            </details>
        </li>
    }
}
