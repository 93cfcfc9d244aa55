//! The Test results page's reading: the verdict first, then what was
//! recognised, the steps, the facts, the findings with their fixes, and the
//! live part (the proxy's fetches of both documents).

use s2s_core::commands::Plan;
use s2s_core::findings::{Finding, Severity, worst};
use s2s_core::testout::{Outcome, Reading};

use super::{View, findings, metadata, severity_class};
use crate::html::Html;
use crate::i18n::{tr, tr_any, tr_text, trf};
use crate::workspace::FetchState;

fn verdict(h: &mut Html, r: &Reading, found: &[Finding]) {
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
            (Severity::Fail, Some(f)) => trf("Failed: {}.", &[&super::finding_text(f).0]),
            (Severity::Warn, Some(f)) => {
                trf("Passed with a warning: {}.", &[&super::finding_text(f).0])
            }
            // The features the trust makes possible are offered with the
            // passed test's finding below.
            _ if r.facts.outcome == Some(Outcome::Passed) => {
                tr("Passed. Optional next steps: Exchange archiving and the unified contact store, below.").to_string()
            }
            _ => tr("No problem found in what was pasted.").to_string(),
        };
        (sev, sentence)
    };
    let class = format!("verdict {}", severity_class(severity));
    h.open("p", &[("class", &class), ("role", "status")])
        .text(&sentence)
        .close("p");
}

fn facts(h: &mut Html, r: &Reading, view: View) {
    let f = &r.facts;
    let mut rows: Vec<(&str, String)> = Vec::new();
    if !r.commands.is_empty() {
        let names: Vec<&str> = r.commands.iter().map(|c| c.label()).collect();
        rows.push((tr("Recognised"), names.join(", ")));
    }
    if let Some(o) = f.outcome {
        rows.push((
            tr("Outcome"),
            if o == Outcome::Passed {
                tr("passed")
            } else {
                tr("failed")
            }
            .into(),
        ));
    }
    if !f.http_statuses.is_empty() {
        let s: Vec<String> = f.http_statuses.iter().map(u16::to_string).collect();
        rows.push((tr("HTTP status"), s.join(", ")));
    }
    for d in &f.diagnostics {
        rows.push((
            "x-ms-diagnostics",
            // Exchange's reason, quoted as it said it.
            match &d.reason {
                Some(reason) => format!(
                    "{} {} \"{reason}\"",
                    d.code,
                    d.category.as_deref().unwrap_or("")
                ),
                None => format!("{} {}", d.code, d.category.as_deref().unwrap_or("")),
            },
        ));
    }
    if f.bearer_offered || !f.trusted_issuers.is_empty() {
        let t: Vec<String> = f
            .trusted_issuers
            .iter()
            .map(|i| match i.product {
                Some(p) => format!("{}@{} ({})", i.principal, i.realm, tr_any(p)),
                None => format!("{}@{}", i.principal, i.realm),
            })
            .collect();
        rows.push((
            tr("Trusted issuers"),
            if t.is_empty() {
                tr("none listed").into()
            } else {
                t.join(", ")
            },
        ));
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
        rows.push((tr("Partner application"), format!("{} ({state})", a.name)));
    }
    for t in &f.thumbprints {
        rows.push((
            tr("Thumbprint"),
            format!("{} {}", t.thumbprint, t.label.as_deref().unwrap_or("")),
        ));
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
    if rows.is_empty() {
        return;
    }
    h.el(view.heading(2), &[], tr("Facts"))
        .open("dl", &[("class", "doc-fields")]);
    for (term, value) in rows {
        h.pair(term, Some(&value));
    }
    h.close("dl");
}

/// Steps shown from each end of a long verbose log: the start says what was
/// tried, the end where it failed. Tens of thousands of list items would
/// take the browser seconds to lay out.
const STEPS_AT_EACH_END: usize = 20;

/// The steps as a numbered list; a long list without its middle.
fn steps(h: &mut Html, steps: &[String]) {
    let list = |h: &mut Html, first: usize, shown: &[String]| {
        let start = (first + 1).to_string();
        // The output's own lines, quoted: not the console's text to translate.
        h.open(
            "ol",
            &[
                ("class", "test-steps"),
                ("start", &start),
                ("translate", "no"),
            ],
        );
        for s in shown {
            h.el("li", &[], s);
        }
        h.close("ol");
    };
    if steps.len() <= 2 * STEPS_AT_EACH_END {
        list(h, 0, steps);
        return;
    }
    let tail = steps.len() - STEPS_AT_EACH_END;
    list(h, 0, &steps[..STEPS_AT_EACH_END]);
    h.el(
        "p",
        &[("class", "hint")],
        &trf(
            "… {} steps not shown: they are in the pasted output …",
            &[&(tail - STEPS_AT_EACH_END).to_string()],
        ),
    );
    list(h, tail, &steps[tail..]);
}

pub fn reading(
    r: &Reading,
    found: &[Finding],
    plan: Option<&Plan>,
    live: [(&str, &FetchState); 3],
    view: View,
    can_fetch: super::verdict::CanFetch,
) -> String {
    let mut h = Html::new();
    verdict(&mut h, r, found);
    if r.truncated {
        h.el(
            "p",
            &[("class", "notice"), ("role", "status")],
            tr("An output is longer than 2 MiB: only its first 2 MiB were read."),
        );
    }
    facts(&mut h, r, view);
    if !r.steps.is_empty() {
        h.el(view.heading(2), &[], tr("Steps"));
        steps(&mut h, &r.steps);
    }
    if !found.is_empty() {
        h.el(view.heading(2), &[], tr("Findings"));
        for (f, anchor) in found.iter().zip(findings::anchors(found)) {
            // A report shows the documents' findings too: its anchors are
            // unique across both lists.
            let anchor = match view {
                View::Console => anchor,
                View::Report => format!("tests-{anchor}"),
            };
            findings::finding(&mut h, f, &anchor, plan, view);
        }
    }
    h.el(
        view.heading(2),
        &[],
        tr("Live: the documents through the proxy"),
    );
    for (label, state) in live {
        h.el(view.heading(3), &[], label);
        match state {
            FetchState::Done(Ok(report)) => {
                metadata::steps(&mut h, report);
                // The probe's challenge as Exchange sent it, on demand.
                if let Some(challenge) = report.headers.get("www-authenticate") {
                    h.open("details", &[("class", "raw")])
                        .el("summary", &[], tr("WWW-Authenticate as received"))
                        .open("pre", &[])
                        .el("code", &[], challenge)
                        .close("pre")
                        .close("details");
                }
            }
            FetchState::Done(Err(e)) => {
                h.el("p", &[("class", "error")], &tr_text(&e.to_string()));
            }
            FetchState::Loading => {
                h.el("p", &[("class", "pending")], tr("Fetching…"));
            }
            // A report cannot fetch: it says what was not.
            FetchState::Idle if can_fetch == super::verdict::CanFetch::ReadOnlyServer => {
                h.el(
                    "p",
                    &[("class", "muted")],
                    tr("Not fetched: this s2s server is read-only."),
                );
            }
            FetchState::Idle if view == View::Report => {
                h.el(
                    "p",
                    &[("class", "muted")],
                    tr("Not fetched when the report was made."),
                );
            }
            FetchState::Idle => {
                h.el(
                    "p",
                    &[("class", "muted")],
                    tr("Not fetched: press Fetch both on the Topology page."),
                );
            }
        }
    }
    h.finish()
}
