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
use crate::render::{View, finding_text, severity_class, severity_word, step_text};
use crate::routes;

/// Each finding's anchor, in list order: `finding-<side>-<id>`, as one
/// check runs for each server (and for each key), made unique.
pub fn anchors(findings: &[Finding]) -> Vec<String> {
    crate::render::unique_anchors(
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

/// A heading of `level` on a console page (one deeper in a report).
fn heading(view: View, level: u8, id: Option<String>, text: String) -> AnyView {
    match view.heading(level) {
        "h2" => view! { <h2 id=id>{text}</h2> }.into_any(),
        "h3" => view! { <h3 id=id>{text}</h3> }.into_any(),
        "h4" => view! { <h4 id=id>{text}</h4> }.into_any(),
        _ => view! { <h5 id=id>{text}</h5> }.into_any(),
    }
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

/// A fix step the plan was made without: the Commands field of the input
/// that adds it (every step not in every plan names one; a test in
/// s2s-core holds the two together).
fn missing_step(id: &str, view: View) -> AnyView {
    let Some((input_id, label)) = needed_input(id).and_then(crate::pages::plan_field) else {
        return ().into_any();
    };
    match view {
        View::Console => view! {
            <p class="fix-step">
                <PageLink
                    view
                    href=["/commands#", input_id].concat()
                    text=trf("Fill in “{}” on the Commands page", &[tr(label)])
                />
                {tr(" to see the exact command of this step of the fix.")}
            </p>
        }
        .into_any(),
        // The helpdesk has nothing to fill in: say what the admin adds.
        View::Report => view! {
            <p class="fix-step">
                {trf(
                    "One more step's command needs “{}”, which the admin fills in on the Commands page of the console.",
                    &[tr(label)],
                )}
            </p>
        }
        .into_any(),
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
        None if !f.fix_steps.is_empty() && view == View::Console => view! {
            <p class="fix-step">
                <PageLink view href=routes::COMMANDS.path text=tr("Fill in the Commands page")/>
                {tr(" to see the exact commands of this fix.")}
            </p>
        }
        .into_any(),
        None if !f.fix_steps.is_empty() => view! {
            <p class="fix-step">
                {tr(
                    "The exact commands of this fix need the servers named in the console; the report was made without them.",
                )}
            </p>
        }
        .into_any(),
        None => ().into_any(),
        Some(plan) => {
            let anchors = crate::render::plan::anchors(plan);
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
fn pair(term: &'static str, value: Option<&str>) -> Option<AnyView> {
    let value = tr_text(value?);
    Some(
        view! {
            <dt>{term}</dt>
            <dd>
                <code>{value}</code>
            </dd>
        }
        .into_any(),
    )
}

/// One finding; `anchor` from [`anchors`] of the list it is shown from.
#[component]
pub fn FindingCard(finding: Finding, anchor: String, plan: Option<Plan>, view: View) -> AnyView {
    let f = finding;
    let (title, fix, explanation) = finding_text(&f);
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
                {fix_steps(&f, plan.as_ref(), view)}
            </div>
        }
    });
    let explanation =
        (!explanation.is_empty()).then(|| view! { <p class="explanation">{explanation}</p> });
    view! {
        <article class=["finding card ", severity_class(f.severity)].concat() id=anchor>
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
/// folded away. Each side is drawn again only when its own findings change,
/// so passed checks opened on one side stay open while another side's
/// fetch finishes. (A list that does not change can be given as it is.)
#[component]
pub fn FindingList(
    #[prop(into)] findings: Signal<Vec<Finding>>,
    #[prop(into)] plan: Signal<Option<Plan>>,
    view: View,
) -> impl IntoView {
    [Side::Skype, Side::Exchange, Side::Both]
        .into_iter()
        .map(|side| view! { <FindingSide side findings plan view/> })
        .collect_view()
}

/// One side's findings with their anchors (made over the whole list).
type Anchored = Vec<(Finding, String)>;

/// One side's cards of the given severities, in that order.
fn cards(of_side: &Anchored, severities: &[Severity], plan: Option<&Plan>, view: View) -> AnyView {
    severities
        .iter()
        .flat_map(|s| of_side.iter().filter(move |(f, _)| f.severity == *s))
        .map(|(f, anchor)| {
            view! { <FindingCard finding=f.clone() anchor=anchor.clone() plan=plan.cloned() view/> }
        })
        .collect_view()
        .into_any()
}

#[component]
fn FindingSide(
    side: Side,
    findings: Signal<Vec<Finding>>,
    plan: Signal<Option<Plan>>,
    view: View,
) -> impl IntoView {
    let of_side = Memo::new(move |_| {
        findings.with(|all| {
            all.iter()
                .zip(anchors(all))
                .filter(|(f, _)| f.side == side)
                .map(|(f, a)| (f.clone(), a))
                .collect::<Anchored>()
        })
    });
    let passed = Memo::new(move |_| {
        of_side.with(|f| {
            f.iter()
                .filter(|(f, _)| f.severity == Severity::Pass)
                .count()
        })
    });
    let heading_id = ["side-", side.id()].concat();
    let problems = move || {
        of_side.with(|f| {
            plan.with(|p| {
                cards(
                    f,
                    &[Severity::Fail, Severity::Warn, Severity::Info],
                    p.as_ref(),
                    view,
                )
            })
        })
    };
    let passed_cards =
        move || of_side.with(|f| plan.with(|p| cards(f, &[Severity::Pass], p.as_ref(), view)));
    view! {
        <Show when=move || of_side.with(|f| !f.is_empty())>
            <section class="findings-side" aria-labelledby=heading_id.clone()>
                {heading(view, 2, Some(heading_id.clone()), tr_any(side.label()))}
                {problems}
                <Show when=move || { passed.get() > 0 }>
                    <details class="passed">
                        <summary>
                            {move || trn(
                                passed.get() as i64,
                                "{} check passed",
                                "{} checks passed",
                            )}
                        </summary>
                        {passed_cards}
                    </details>
                </Show>
            </section>
        </Show>
    }
}
