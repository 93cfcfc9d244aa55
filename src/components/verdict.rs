//! The verdict in one sentence, and the next step to take: the Overview's
//! answer, and the report's.

use leptos::prelude::*;
use s2s_core::findings::{Severity, worst};
use s2s_core::topology::Side;

use super::PageLink;
use crate::i18n::{tr, trf};
use crate::presentation::View;
use crate::routes;
use crate::workspace::{Diagnosis, SideCheck};

/// Why a side is not checked, in a sentence; `None` once it is.
fn unchecked(side: Side, check: &SideCheck) -> Option<String> {
    let name = crate::i18n::tr_any(side.label());
    match check {
        SideCheck::Checked => None,
        SideCheck::NotFetched => Some(trf("{}'s document was not fetched", &[&name])),
        SideCheck::Loading => Some(trf("{}'s document is still being fetched", &[&name])),
        SideCheck::NotDone(why) => Some(trf(
            "the s2s server did not fetch {}'s document: {}",
            &[&name, &crate::i18n::tr_text(why)],
        )),
    }
}

/// A finding's title (in the language shown), with the server it is about.
pub fn titled(side: Side, title: &str) -> String {
    match side {
        Side::Both => title.to_string(),
        side => trf("{}: {}", &[&crate::i18n::tr_any(side.label()), title]),
    }
}

/// Why each side that is not checked is not, in a sentence each.
pub fn unchecked_sides(d: &Diagnosis) -> Vec<String> {
    [
        (Side::Skype, &d.skype_check),
        (Side::Exchange, &d.exchange_check),
    ]
    .into_iter()
    .filter_map(|(side, check)| unchecked(side, check))
    .collect()
}

/// Whether the verdict can send the reader to fetch: a report and a
/// read-only server fetch nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CanFetch {
    Yes,
    ReadOnlyServer,
}

/// What the verdict says: its class, its sentence, and the next step's link
/// (no link text, no link).
pub struct VerdictLine {
    pub class: &'static str,
    pub sentence: String,
    pub href: String,
    pub next: &'static str,
}

/// The verdict on a diagnosis, as `view` shows it.
pub fn verdict(d: &Diagnosis, view: View, can_fetch: CanFetch) -> VerdictLine {
    let line = |class, sentence, href, next| VerdictLine {
        class,
        sentence,
        href,
        next,
    };
    let missing = unchecked_sides(d);
    let see_fetch = |sentence| {
        line(
            "verdict",
            sentence,
            routes::METADATA.path.to_string(),
            tr("See the fetch"),
        )
    };
    if !d.fetched {
        // Nothing to judge yet; say what stopped or is running, if anything.
        let started = [&d.skype_check, &d.exchange_check]
            .iter()
            .any(|c| !matches!(c, SideCheck::NotFetched));
        if started {
            return see_fetch(trf("Not checked: {}.", &[&missing.join("; ")]));
        }
        if view == View::Report {
            return line(
                "verdict",
                tr("Not checked: nothing had been fetched when the report was made.").to_string(),
                String::new(),
                "",
            );
        }
        if can_fetch == CanFetch::ReadOnlyServer {
            return line(
                "verdict",
                tr("Not checked: this s2s server is read-only and fetches nothing.").to_string(),
                routes::REPORT.path.to_string(),
                tr("Open a report"),
            );
        }
        return line(
            "verdict",
            tr("Not checked yet: name the two servers and fetch both documents.").to_string(),
            routes::TOPOLOGY.path.to_string(),
            tr("Start with step 1: Topology"),
        );
    }
    let anchors = super::finding::anchors(&d.findings);
    let first = |s: Severity| d.findings.iter().position(|f| f.severity == s);
    let link = |i: Option<usize>| {
        let anchor = i.and_then(|i| anchors.get(i)).map_or("", |a| a.as_str());
        [routes::FINDINGS.path, "#", anchor].concat()
    };
    let title = |i: Option<usize>| {
        i.and_then(|i| d.findings.get(i))
            .map_or(String::new(), |f| {
                titled(f.side, &crate::presentation::finding_text(f).0)
            })
    };
    match worst(&d.findings) {
        Severity::Fail => {
            let f = first(Severity::Fail);
            line(
                "verdict sev-fail",
                trf("The trust is broken: {}.", &[&title(f)]),
                link(f),
                tr("See the fix"),
            )
        }
        // A side not checked: no verdict on the whole trust yet.
        _ if !missing.is_empty() => {
            see_fetch(trf("Not fully checked: {}.", &[&missing.join("; ")]))
        }
        Severity::Warn => {
            let f = first(Severity::Warn);
            line(
                "verdict sev-warn",
                trf("The trust works, with a warning: {}.", &[&title(f)]),
                link(f),
                tr("See what to do"),
            )
        }
        _ => line(
            "verdict sev-pass",
            tr("Both directions check out: each server publishes a valid signing certificate the other can trust.")
                .to_string(),
            [routes::COMMANDS.path, "#group-test"].concat(),
            tr("Confirm with Test-CsExStorageConnectivity"),
        ),
    }
}

/// The verdict and its next step, its link as `view` has it. Drawn again
/// over itself, the sentence stays one status region whose text changes,
/// so a screen reader hears the verdict change as a fetch finishes.
#[component]
pub fn Verdict(verdict: VerdictLine, view: View) -> impl IntoView {
    let VerdictLine {
        class,
        sentence,
        href,
        next,
    } = verdict;
    view! {
        <p class=class role="status">
            {sentence}
        </p>
        {(!next.is_empty())
            .then(|| {
                view! {
                    <p class="next-step">
                        <PageLink view href text=next/>
                    </p>
                }
            })}
    }
}
