//! Findings grouped by side and severity: expected against actual, the
//! evidence, and the fix with the commands that carry it out.

use s2s_core::commands::{Plan, Step};
use s2s_core::findings::{Finding, Severity};
use s2s_core::topology::Side;

use super::severity_class;
use crate::html::Html;
use crate::i18n::{tr, tr_text, trf, trn};

fn step<'a>(plan: Option<&'a Plan>, id: &str) -> Option<&'a Step> {
    plan?.steps.iter().find(|s| s.id == id)
}

pub fn finding(h: &mut Html, f: &Finding, plan: Option<&Plan>) {
    let (title, fix, explanation) = super::finding_text(f);
    let id = format!("finding-{}", f.id);
    h.open(
        "article",
        &[
            (
                "class",
                &format!("finding card {}", severity_class(f.severity)),
            ),
            ("id", &id),
        ],
    );
    h.open("header", &[])
        .el(
            "span",
            &[("class", "sev-badge")],
            super::severity_word(f.severity),
        )
        .el("h3", &[], &title)
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
        for id in &f.fix_steps {
            let href = format!("/commands#step-{id}");
            match step(plan, id) {
                Some(s) => {
                    let text = super::step_text(s);
                    h.open("div", &[("class", "fix-step")])
                        .open("p", &[])
                        .link(&href, &text.title)
                        .text(&trf(" · {} · on {}", &[s.shell.label(), &text.server]))
                        .close("p")
                        .open("div", &[("class", "command")])
                        .open("pre", &[])
                        .el("code", &[], &s.command)
                        .close("pre")
                        .copy_button(tr("Copy command"), &s.command)
                        .close("div")
                        .close("div");
                }
                None => {
                    h.open("p", &[("class", "fix-step")])
                        .link(&href, &trf("Command step {}", &[id]))
                        .text(tr(" (fill in the topology to see the exact command)"))
                        .close("p");
                }
            }
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
pub fn all(findings: &[Finding], plan: Option<&Plan>) -> String {
    let mut h = Html::new();
    for side in [Side::Skype, Side::Exchange, Side::Both] {
        let of_side: Vec<&Finding> = findings.iter().filter(|f| f.side == side).collect();
        if of_side.is_empty() {
            continue;
        }
        let heading = format!("side-{}", side.id());
        h.open(
            "section",
            &[("class", "findings-side"), ("aria-labelledby", &heading)],
        )
        .el(
            "h2",
            &[("id", &heading)],
            &crate::i18n::tr_any(side.label()),
        );
        for severity in [Severity::Fail, Severity::Warn, Severity::Info] {
            for f in of_side.iter().filter(|f| f.severity == severity) {
                finding(&mut h, f, plan);
            }
        }
        let passed: Vec<&&Finding> = of_side
            .iter()
            .filter(|f| f.severity == Severity::Pass)
            .collect();
        if !passed.is_empty() {
            h.open("details", &[("class", "passed")]).el(
                "summary",
                &[],
                &trn(passed.len() as i64, "{} check passed", "{} checks passed"),
            );
            for f in passed {
                finding(&mut h, f, plan);
            }
            h.close("details");
        }
        h.close("section");
    }
    h.finish()
}

/// Counts by severity: fail, warn, info, pass.
pub fn counts(findings: &[Finding]) -> [usize; 4] {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    [
        n(Severity::Fail),
        n(Severity::Warn),
        n(Severity::Info),
        n(Severity::Pass),
    ]
}
