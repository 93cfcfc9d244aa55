//! Findings: one as a card (expected against actual, the evidence, the fix
//! with the commands that carry it out), and the list of them per side and
//! severity with the passed checks folded away. The Findings page, the
//! test results and the report show them the same way.

use leptos::prelude::*;
use s2s_core::commands::{Plan, Step, needed_input};
use s2s_core::findings::{Finding, Severity};
use s2s_core::topology::Side;

use super::{CommandBlock, PageLink};
use crate::i18n::{tr, tr_any, tr_text, trf, trn};
use crate::presentation::{View, finding_text, severity_class, severity_word, step_text};
use crate::routes;

/// Each finding's anchor, in list order: `finding-<side>-<id>`, as one
/// check runs for each server (and for each key), made unique.
pub fn anchors(findings: &[Finding]) -> Vec<String> {
    crate::presentation::unique_anchors(
        findings
            .iter()
            .map(|f| ["finding-", f.side.id(), "-", f.id].concat())
            .collect(),
    )
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

/// A heading of `level` on a console page (one deeper in a report). One
/// element type for every level: each type of view costs download size.
fn heading(view: View, level: u8, id: Option<String>, text: String) -> AnyView {
    leptos::html::custom(view.heading(level))
        .id(id)
        .child(text)
        .into_any()
}

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

/// A line of a fix leading to the Commands page: `text` links there.
fn fix_link(view: View, href: String, text: String, rest: &'static str) -> AnyView {
    view! {
        <p class="fix-step">
            <PageLink view href text/>
            {rest}
        </p>
    }
    .into_any()
}

/// A line of a fix saying where its commands come from.
fn fix_note(text: String) -> AnyView {
    view! { <p class="fix-step">{text}</p> }.into_any()
}

/// A fix step the plan was made without: the Commands field of the input
/// that adds it (every step not in every plan names one; a test in
/// s2s-core holds the two together).
fn missing_step(id: &str, view: View) -> AnyView {
    let Some((input_id, label)) = needed_input(id).and_then(crate::pages::plan_field) else {
        return ().into_any();
    };
    match view {
        View::Console => fix_link(
            view,
            ["/commands#", input_id].concat(),
            trf("Fill in “{}” on the Commands page", &[tr(label)]),
            tr(" to see the exact command of this step of the fix."),
        ),
        // The helpdesk has nothing to fill in: say what the admin adds.
        View::Report => fix_note(trf(
            "One more step's command needs “{}”, which the admin fills in on the Commands page of the console.",
            &[tr(label)],
        )),
    }
}

/// One step of a fix: where it is on the Commands page, and its command.
fn fix_step(s: &Step, anchor: &str, view: View) -> AnyView {
    let text = step_text(s);
    view! {
        <div class="fix-step">
            <p>
                <PageLink view href=["/commands#", anchor].concat() text=text.title/>
                {trf(" · {} · on {}", &[tr(s.shell.label()), &text.server])}
            </p>
            <CommandBlock command=s.command.clone()/>
        </div>
    }
    .into_any()
}

/// The plan's steps a finding's fix takes, each with its command; without a
/// plan, where the commands come from.
fn fix_steps(f: &Finding, plan: Option<&Plan>, view: View) -> AnyView {
    match plan {
        // No plan yet: its fields (the servers, from the topology) are
        // missing or wrong, and the Commands page shows which.
        None if !f.fix_steps.is_empty() && view == View::Console => fix_link(
            view,
            routes::COMMANDS.path.to_string(),
            tr("Fill in the Commands page").to_string(),
            tr(" to see the exact commands of this fix."),
        ),
        None if !f.fix_steps.is_empty() => fix_note(
            tr("The exact commands of this fix need the servers named in the console; the report was made without them.")
                .to_string(),
        ),
        None => ().into_any(),
        Some(plan) => {
            let anchors = crate::presentation::plan_anchors(plan);
            f.fix_steps
                .iter()
                .map(|id| {
                    let found = steps(plan, &anchors, id);
                    if found.is_empty() {
                        missing_step(id, view)
                    } else {
                        found
                            .into_iter()
                            .map(|(s, anchor)| fix_step(s, anchor, view))
                            .collect_view()
                            .into_any()
                    }
                })
                .collect_view()
                .into_any()
        }
    }
}

/// A `<dt>`/`<dd>` pair; nothing when the value is absent.
fn pair(term: &'static str, value: Option<&str>) -> Option<impl IntoView + use<>> {
    let value = tr_text(value?);
    Some(view! {
        <dt>{term}</dt>
        <dd>
            <code>{value}</code>
        </dd>
    })
}

/// One finding; `anchor` from [`anchors`] of the list it is shown from.
#[component]
pub fn FindingCard(finding: Finding, anchor: String, plan: Option<Plan>, view: View) -> AnyView {
    card(&finding, &anchor, plan.as_ref(), view)
}

fn card(f: &Finding, anchor: &str, plan: Option<&Plan>, view: View) -> AnyView {
    let (title, fix, explanation) = finding_text(f);
    let compared = (f.expected.is_some() || f.actual.is_some()).then(|| {
        view! {
            <dl class="expected-actual">
                {pair(tr("Expected"), f.expected.as_deref())}
                {pair(tr("Actual"), f.actual.as_deref())}
            </dl>
        }
    });
    let evidence = (!f.evidence.is_empty()).then(|| {
        let items = f
            .evidence
            .iter()
            .map(|e| view! { <li>{tr_text(e)}</li> })
            .collect_view();
        view! {
            <ul class="evidence" aria-label=tr("Evidence")>
                {items}
            </ul>
        }
    });
    let fix = fix.map(|fix| {
        view! {
            <div class="fix">
                <p>
                    <strong>{tr("Fix: ")}</strong>
                    {fix}
                </p>
                {fix_steps(f, plan, view)}
            </div>
        }
    });
    let explanation =
        (!explanation.is_empty()).then(|| view! { <p class="explanation">{explanation}</p> });
    view! {
        <article class=["finding card ", severity_class(f.severity)].concat() id=anchor.to_string()>
            <header>
                <span class="sev-badge">{severity_word(f.severity)}</span>
                {heading(view, 3, None, title)}
                <code class="finding-id">{f.id}</code>
            </header>
            {compared}
            {evidence}
            {fix}
            {explanation}
        </article>
    }
    .into_any()
}

/// Every finding: per side, problems by severity, then the passed checks
/// folded away. Each side keeps its place in the list (absent or not), so
/// when the list is drawn again over itself (a fetch finished) a side's
/// elements are updated where they are, and its passed checks stay open.
#[component]
pub fn FindingList(findings: Vec<Finding>, plan: Option<Plan>, view: View) -> impl IntoView {
    let anchors = anchors(&findings);
    let plan = plan.as_ref();
    let cards = |side: Side, severities: &[Severity]| {
        severities
            .iter()
            .flat_map(|s| {
                findings
                    .iter()
                    .zip(&anchors)
                    .filter(move |(f, _)| f.side == side && f.severity == *s)
            })
            .map(|(f, anchor)| card(f, anchor, plan, view))
            .collect_view()
    };
    [Side::Skype, Side::Exchange, Side::Both]
        .into_iter()
        .map(|side| {
            if !findings.iter().any(|f| f.side == side) {
                return None;
            }
            let passed = findings
                .iter()
                .filter(|f| f.side == side && f.severity == Severity::Pass)
                .count();
            let passed = (passed > 0).then(|| {
                view! {
                    <details class="passed">
                        <summary>
                            {trn(passed as i64, "{} check passed", "{} checks passed")}
                        </summary>
                        {cards(side, &[Severity::Pass])}
                    </details>
                }
            });
            let heading_id = ["side-", side.id()].concat();
            let side_heading = heading(view, 2, Some(heading_id.clone()), tr_any(side.label()));
            Some(view! {
                <section class="findings-side" aria-labelledby=heading_id>
                    {side_heading}
                    {cards(side, &[Severity::Fail, Severity::Warn, Severity::Info])}
                    {passed}
                </section>
            })
        })
        .collect_view()
}
