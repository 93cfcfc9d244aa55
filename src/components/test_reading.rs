//! A reading of pasted test output: the verdict first, then what was
//! recognised, the steps, the facts, the findings with their fixes, and the
//! live part (the proxy's fetches of both documents). The Test results page
//! and the Report show it.

use leptos::prelude::*;
use s2s_core::api::FetchReport;
use s2s_core::commands::Plan;
use s2s_core::findings::{Finding, Severity, worst};
use s2s_core::testout::{Outcome, Reading};

use crate::components::fetch_steps::FetchSteps;
use crate::components::finding::{FindingCard, anchors};
use crate::components::verdict::CanFetch;
use crate::i18n::{tr, tr_any, tr_text, trf};
use crate::presentation::{View, finding_text, severity_class};
use crate::workspace::FetchState;

/// Steps shown from each end of a long verbose log: the start says what was
/// tried, the end where it failed. Tens of thousands of list items would
/// take the browser seconds to lay out.
const STEPS_AT_EACH_END: usize = 20;

/// The reading of `reading`, with the `found` findings; `live` are the
/// proxy's fetches (Skype, Exchange, the trust probe).
#[component]
pub fn TestReading(
    reading: Reading,
    found: Vec<Finding>,
    plan: Option<Plan>,
    live: [FetchState; 3],
    view: View,
    can_fetch: CanFetch,
) -> impl IntoView {
    let truncated = reading.truncated.then(|| {
        view! {
            <p class="notice" role="status">
                {tr("An output is longer than 2 MiB: only its first 2 MiB were read.")}
            </p>
        }
    });
    let steps = (!reading.steps.is_empty()).then(|| {
        view! {
            {heading(view, 2, tr("Steps"))}
            {steps(&reading.steps)}
        }
    });
    let findings = (!found.is_empty()).then(|| {
        let cards = found
            .iter()
            .zip(anchors(&found))
            .map(|(f, anchor)| {
                // A report shows the documents' findings too: its anchors
                // are unique across both lists.
                let anchor = match view {
                    View::Console => anchor,
                    View::Report => ["tests-", &anchor].concat(),
                };
                view! { <FindingCard finding=f.clone() anchor plan=plan.clone() view/> }
            })
            .collect_view();
        view! { {heading(view, 2, tr("Findings"))} {cards} }
    });
    let [skype, exchange, probe] = live;
    let live = [
        (tr("Skype for Business"), skype),
        (tr("Exchange"), exchange),
        (tr("Exchange trust probe"), probe),
    ]
    .into_iter()
    .map(|(label, state)| view! { {heading(view, 3, label)} {live_fetch(state, view, can_fetch)} })
    .collect_view();
    view! {
        {verdict(&reading, &found)}
        {truncated}
        {facts(&reading, view)}
        {steps}
        {findings}
        {heading(view, 2, tr("Live: the documents through the proxy"))}
        {live}
    }
}

/// A heading of `level` as `view` places it (one deeper in a report).
fn heading(view: View, level: u8, text: &'static str) -> AnyView {
    match view.heading(level) {
        "h2" => view! { <h2>{text}</h2> }.into_any(),
        "h3" => view! { <h3>{text}</h3> }.into_any(),
        "h4" => view! { <h4>{text}</h4> }.into_any(),
        _ => view! { <h5>{text}</h5> }.into_any(),
    }
}

fn verdict(r: &Reading, found: &[Finding]) -> impl IntoView + use<> {
    let (severity, sentence) = if r.unrecognised {
        (
            Severity::Info,
            tr("Nothing in the pasted text was recognised.").to_string(),
        )
    } else {
        let sev = worst(found);
        let first = found
            .iter()
            .find(|f| f.severity == sev && sev >= Severity::Warn);
        let sentence = match (sev, first) {
            (Severity::Fail, Some(f)) => trf("Failed: {}.", &[&finding_text(f).0]),
            (Severity::Warn, Some(f)) => trf("Passed with a warning: {}.", &[&finding_text(f).0]),
            // The features the trust makes possible are offered with the
            // passed test's finding below.
            _ if r.facts.outcome == Some(Outcome::Passed) => {
                tr("Passed. Optional next steps: Exchange archiving and the unified contact store, below.").to_string()
            }
            _ => tr("No problem found in what was pasted.").to_string(),
        };
        (sev, sentence)
    };
    let class = ["verdict ", severity_class(severity)].concat();
    view! { <p class=class role="status">{sentence}</p> }
}

/// The facts found, one `<dt>`/`<dd>` pair each.
fn facts(r: &Reading, view: View) -> Option<AnyView> {
    let rows = fact_rows(r);
    if rows.is_empty() {
        return None;
    }
    let pairs = rows
        .into_iter()
        .map(|(term, value)| view! { <dt>{term}</dt> <dd><code>{value}</code></dd> })
        .collect_view();
    Some(view! { {heading(view, 2, tr("Facts"))} <dl class="doc-fields">{pairs}</dl> }.into_any())
}

fn fact_rows(r: &Reading) -> Vec<(&'static str, String)> {
    let f = &r.facts;
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    if !r.commands.is_empty() {
        let names: Vec<&str> = r.commands.iter().map(|c| c.label()).collect();
        rows.push((tr("Recognised"), names.join(", ")));
    }
    if let Some(o) = f.outcome {
        let word = if o == Outcome::Passed {
            tr("passed")
        } else {
            tr("failed")
        };
        rows.push((tr("Outcome"), word.into()));
    }
    if !f.http_statuses.is_empty() {
        let s: Vec<String> = f.http_statuses.iter().map(u16::to_string).collect();
        rows.push((tr("HTTP status"), s.join(", ")));
    }
    for d in &f.diagnostics {
        let category = d.category.as_deref().unwrap_or("");
        let code = d.code.to_string();
        // Exchange's reason, quoted as it said it.
        let text = match &d.reason {
            Some(reason) => [&code, " ", category, " \"", reason, "\""].concat(),
            None => [&code, " ", category].concat(),
        };
        rows.push(("x-ms-diagnostics", text));
    }
    if f.bearer_offered || !f.trusted_issuers.is_empty() {
        let t: Vec<String> = f
            .trusted_issuers
            .iter()
            .map(|i| match i.product {
                Some(p) => [&i.principal, "@", &i.realm, " (", &tr_any(p), ")"].concat(),
                None => [&i.principal, "@", &i.realm].concat(),
            })
            .collect();
        let issuers = if t.is_empty() {
            tr("none listed").into()
        } else {
            t.join(", ")
        };
        rows.push((tr("Trusted issuers"), issuers));
    }
    if !f.token_types.is_empty() {
        rows.push((tr("Token types"), f.token_types.join(", ")));
    }
    if let Some(u) = &f.autodiscover_uri {
        rows.push((tr("Autodiscover"), u.clone()));
    }
    if let Some(p) = &f.proxy {
        rows.push((tr("Web proxy"), p.clone()));
    }
    for a in &f.partner_applications {
        let state = match a.enabled {
            Some(false) => tr("disabled"),
            _ => tr("enabled"),
        };
        rows.push((
            tr("Partner application"),
            [&a.name, " (", state, ")"].concat(),
        ));
    }
    for t in &f.thumbprints {
        let label = t.label.as_deref().unwrap_or("");
        rows.push((tr("Thumbprint"), [&t.thumbprint, " ", label].concat()));
    }
    for d in &f.accepted_domains {
        let name = if d.wildcard {
            trf("{} (wildcard)", &[&d.name])
        } else {
            d.name.clone()
        };
        rows.push((tr("Accepted domain"), name));
    }
    if !f.event_ids.is_empty() {
        let ids: Vec<String> = f.event_ids.iter().map(u32::to_string).collect();
        rows.push((tr("Event"), ids.join(", ")));
    }
    rows
}

/// The steps as a numbered list; a long list without its middle.
fn steps(steps: &[String]) -> AnyView {
    if steps.len() <= 2 * STEPS_AT_EACH_END {
        return step_list(0, steps);
    }
    let tail = steps.len() - STEPS_AT_EACH_END;
    let hidden = (tail - STEPS_AT_EACH_END).to_string();
    view! {
        {step_list(0, &steps[..STEPS_AT_EACH_END])}
        <p class="hint">
            {trf("… {} steps not shown: they are in the pasted output …", &[&hidden])}
        </p>
        {step_list(tail, &steps[tail..])}
    }
    .into_any()
}

fn step_list(first: usize, shown: &[String]) -> AnyView {
    let items = shown
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    // The output's own lines, quoted: not the console's text to translate.
    view! { <ol class="test-steps" start=(first + 1).to_string() translate="no">{items}</ol> }
        .into_any()
}

/// One live fetch: its steps (and the probe's challenge as received), its
/// error, or why there is none.
fn live_fetch(state: FetchState, view: View, can_fetch: CanFetch) -> AnyView {
    match state {
        FetchState::Done(Ok(report)) => fetched(report),
        FetchState::Done(Err(e)) => {
            view! { <p class="error">{tr_text(&e.to_string())}</p> }.into_any()
        }
        FetchState::Loading => view! { <p class="pending">{tr("Fetching…")}</p> }.into_any(),
        // A report cannot fetch: it says what was not.
        FetchState::Idle => {
            let why = if can_fetch == CanFetch::ReadOnlyServer {
                tr("Not fetched: this s2s server is read-only.")
            } else if view == View::Report {
                tr("Not fetched when the report was made.")
            } else {
                tr("Not fetched: press Fetch both on the Topology page.")
            };
            view! { <p class="muted">{why}</p> }.into_any()
        }
    }
}

fn fetched(report: FetchReport) -> AnyView {
    // The probe's challenge as Exchange sent it, on demand.
    let challenge = report
        .headers
        .get("www-authenticate")
        .cloned()
        .map(|challenge| {
            view! {
                <details class="raw">
                    <summary>{tr("WWW-Authenticate as received")}</summary>
                    <pre><code>{challenge}</code></pre>
                </details>
            }
        });
    view! { <FetchSteps report/> {challenge} }.into_any()
}
