//! The command plan, grouped as the administrator runs it: one section per
//! group, each step with its shell, server, command and copy button, and
//! what it does, how to verify and how to undo it.

use s2s_core::commands::{Group, Plan, Step};

use crate::html::Html;
use crate::i18n::{tr, trf};

/// Each step's anchor on the page, in plan order: `step-<id>`, and for a
/// kind that comes more than once (`exchange-iisreset`, one per server)
/// `step-<id>-2`, `-3`…, so every anchor is unique and a link to the kind
/// lands on its first step.
pub fn anchors(plan: &Plan) -> Vec<String> {
    super::unique_anchors(
        plan.steps
            .iter()
            .map(|s| format!("step-{}", s.id))
            .collect(),
    )
}

fn step(h: &mut Html, s: &Step, anchor: &str) {
    let text = super::step_text(s);
    h.open(
        "li",
        &[
            ("class", "step-card card"),
            ("id", anchor),
            ("data-step", s.id),
        ],
    )
    .el("h3", &[], &text.title)
    .el(
        "p",
        &[("class", "step-where")],
        &trf("{} · on {}", &[tr(s.shell.label()), &text.server]),
    )
    .open("div", &[("class", "command")])
    .open("pre", &[])
    .el("code", &[], &s.command)
    .close("pre")
    .copy_button(tr("Copy command"), &s.command)
    .close("div");
    if let Some(w) = &text.warning {
        h.open("p", &[("class", "warning")])
            .el("strong", &[], tr("Before you run it: "))
            .text(w)
            .close("p");
    }
    h.open("details", &[])
        .el(
            "summary",
            &[],
            tr("What it does, how to verify, how to undo"),
        )
        .el("p", &[], &text.what_it_does);
    for (label, value) in [(tr("Verify: "), &s.verify), (tr("Undo: "), &s.undo)] {
        if let Some(v) = value {
            h.open("p", &[])
                .el("strong", &[], label)
                // A command: the same in every language.
                .el("code", &[("translate", "no")], v)
                .close("p");
        }
    }
    h.close("details").close("li");
}

pub fn plan(plan: &Plan) -> String {
    let mut h = Html::new();
    let anchors = anchors(plan);
    let mut groups: Vec<(Group, Vec<(&Step, &str)>)> = Vec::new();
    for (s, anchor) in plan.steps.iter().zip(&anchors) {
        match groups.last_mut() {
            Some((g, steps)) if *g == s.group => steps.push((s, anchor)),
            _ => groups.push((s.group, vec![(s, anchor)])),
        }
    }
    h.open("div", &[("class", "plan")]);
    for (group, steps) in groups {
        let id = format!("group-{}", group.slug());
        let all = steps
            .iter()
            .map(|(s, _)| s.command.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        h.open(
            "section",
            &[("class", "plan-group"), ("aria-labelledby", &id)],
        )
        .open("header", &[("class", "plan-group-header")])
        .el("h2", &[("id", &id)], tr(group.label()))
        .copy_button(tr("Copy every command of this section"), &all)
        .close("header")
        .open("ol", &[("class", "steps")]);
        for (s, anchor) in steps {
            step(&mut h, s, anchor);
        }
        h.close("ol").close("section");
    }
    h.close("div");
    h.finish()
}
