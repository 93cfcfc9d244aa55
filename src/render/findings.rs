//! Findings as markup, for the views not yet written with `view!` (see
//! [`crate::components::finding`]).

use s2s_core::commands::{Plan, Step, needed_input};
use s2s_core::findings::{Finding, Severity};
use s2s_core::topology::Side;

pub use crate::components::finding::anchors;

use super::{View, severity_class};
use crate::html::Html;
use crate::i18n::{tr, tr_text, trf, trn};
use crate::routes;

/// The plan's steps of one kind with their anchors on the Commands page:
/// one per Exchange server for `exchange-iisreset`, and each is part of the
/// fix.
fn steps<'a>(plan: &'a Plan, anchors: &'a [String], id: &str) -> Vec<(&'a Step, &'a str)> {
    plan.steps
        .iter()
        .zip(anchors)
        .filter(|(s, _)| s.id == id)
        .map(|(s, a)| (s, a.as_str()))
        .collect()
}

/// A fix step the plan was made without: the Commands field of the input
/// that adds it (every step not in every plan names one; a test in
/// s2s-core holds the two together).
fn missing_step(h: &mut Html, id: &str, view: View) {
    let Some((input_id, label)) = needed_input(id).and_then(crate::pages::plan_field) else {
        return;
    };
    h.open("p", &[("class", "fix-step")]);
    match view {
        View::Console => h
            .link(
                &format!("/commands#{input_id}"),
                &trf("Fill in “{}” on the Commands page", &[tr(label)]),
            )
            .text(tr(" to see the exact command of this step of the fix.")),
        // The helpdesk has nothing to fill in: say what the admin adds.
        View::Report => h.text(&trf(
            "One more step's command needs “{}”, which the admin fills in on the Commands page of the console.",
            &[tr(label)],
        )),
    };
    h.close("p");
}

/// The plan's steps a finding's fix takes, each with its command.
fn fix_steps(h: &mut Html, f: &Finding, plan: &Plan, view: View) {
    let anchors = super::plan::anchors(plan);
    for id in &f.fix_steps {
        let found = steps(plan, &anchors, id);
        if found.is_empty() {
            missing_step(h, id, view);
        }
        for (s, anchor) in found {
            let text = super::step_text(s);
            h.open("div", &[("class", "fix-step")])
                .open("p", &[])
                .link_as(view, &format!("/commands#{anchor}"), &text.title)
                .text(&trf(" · {} · on {}", &[tr(s.shell.label()), &text.server]))
                .close("p")
                .open("div", &[("class", "command")])
                .open("pre", &[])
                .el("code", &[], &s.command)
                .close("pre")
                .copy_button(tr("Copy command"), &s.command)
                .close("div")
                .close("div");
        }
    }
}

/// One finding; `anchor` from [`anchors`] of the list it is shown from.
pub fn finding(h: &mut Html, f: &Finding, anchor: &str, plan: Option<&Plan>, view: View) {
    let (title, fix, explanation) = super::finding_text(f);
    h.open(
        "article",
        &[
            (
                "class",
                &format!("finding card {}", severity_class(f.severity)),
            ),
            ("id", anchor),
        ],
    );
    h.open("header", &[])
        .el(
            "span",
            &[("class", "sev-badge")],
            super::severity_word(f.severity),
        )
        .el(view.heading(3), &[], &title)
        .el("code", &[("class", "finding-id")], f.id)
        .close("header");
    if f.expected.is_some() || f.actual.is_some() {
        h.open("dl", &[("class", "expected-actual")])
            .pair(
                tr("Expected"),
                f.expected.as_deref().map(tr_text).as_deref(),
            )
            .pair(tr("Actual"), f.actual.as_deref().map(tr_text).as_deref())
            .close("dl");
    }
    if !f.evidence.is_empty() {
        h.open(
            "ul",
            &[("class", "evidence"), ("aria-label", tr("Evidence"))],
        );
        for e in &f.evidence {
            h.el("li", &[], &tr_text(e));
        }
        h.close("ul");
    }
    if let Some(fix) = &fix {
        h.open("div", &[("class", "fix")])
            .open("p", &[])
            .el("strong", &[], tr("Fix: "))
            .text(fix)
            .close("p");
        match plan {
            // No plan yet: its fields (the servers, from the topology) are
            // missing or wrong, and the Commands page shows which.
            None if !f.fix_steps.is_empty() && view == View::Console => {
                h.open("p", &[("class", "fix-step")])
                    .link(routes::COMMANDS.path, tr("Fill in the Commands page"))
                    .text(tr(" to see the exact commands of this fix."))
                    .close("p");
            }
            None if !f.fix_steps.is_empty() => {
                h.el(
                    "p",
                    &[("class", "fix-step")],
                    tr("The exact commands of this fix need the servers named in the console; the report was made without them."),
                );
            }
            None => {}
            Some(plan) => fix_steps(h, f, plan, view),
        }
        h.close("div");
    }
    if !explanation.is_empty() {
        h.el("p", &[("class", "explanation")], &explanation);
    }
    h.close("article");
}

/// Every finding: per side, problems by severity, then the passed checks
/// folded away.
pub fn all(findings: &[Finding], plan: Option<&Plan>, view: View) -> String {
    let mut h = Html::new();
    let anchors = anchors(findings);
    for side in [Side::Skype, Side::Exchange, Side::Both] {
        let of_side: Vec<(&Finding, &str)> = findings
            .iter()
            .zip(&anchors)
            .filter(|(f, _)| f.side == side)
            .map(|(f, a)| (f, a.as_str()))
            .collect();
        if of_side.is_empty() {
            continue;
        }
        let heading = format!("side-{}", side.id());
        h.open(
            "section",
            &[("class", "findings-side"), ("aria-labelledby", &heading)],
        )
        .el(
            view.heading(2),
            &[("id", &heading)],
            &crate::i18n::tr_any(side.label()),
        );
        for severity in [Severity::Fail, Severity::Warn, Severity::Info] {
            for (f, anchor) in of_side.iter().filter(|(f, _)| f.severity == severity) {
                finding(&mut h, f, anchor, plan, view);
            }
        }
        let passed: Vec<&(&Finding, &str)> = of_side
            .iter()
            .filter(|(f, _)| f.severity == Severity::Pass)
            .collect();
        if !passed.is_empty() {
            h.open("details", &[("class", "passed")]).el(
                "summary",
                &[],
                &trn(passed.len() as i64, "{} check passed", "{} checks passed"),
            );
            for (f, anchor) in passed {
                finding(&mut h, f, anchor, plan, view);
            }
            h.close("details");
        }
        h.close("section");
    }
    h.finish()
}
