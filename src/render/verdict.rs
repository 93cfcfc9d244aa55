//! The verdict in one sentence, and the next step to take.

use s2s_core::findings::{Severity, worst};

use super::View;
use crate::html::Html;
use crate::i18n::{tr, trf};
use crate::routes;
use crate::workspace::{Diagnosis, SideCheck};
use s2s_core::topology::Side;

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

/// `(class, sentence, link, link text)`; no link text, no link.
pub fn verdict(
    d: &Diagnosis,
    view: View,
    can_fetch: CanFetch,
) -> (&'static str, String, String, &'static str) {
    let missing = unchecked_sides(d);
    let see_fetch = || (routes::METADATA.path.to_string(), tr("See the fetch"));
    if !d.fetched {
        // Nothing to judge yet; say what stopped or is running, if anything.
        let started = [&d.skype_check, &d.exchange_check]
            .iter()
            .any(|c| !matches!(c, SideCheck::NotFetched));
        if started {
            let (href, next) = see_fetch();
            return (
                "verdict",
                trf("Not checked: {}.", &[&missing.join("; ")]),
                href,
                next,
            );
        }
        if view == View::Report {
            return (
                "verdict",
                tr("Not checked: nothing had been fetched when the report was made.").to_string(),
                String::new(),
                "",
            );
        }
        if can_fetch == CanFetch::ReadOnlyServer {
            return (
                "verdict",
                tr("Not checked: this s2s server is read-only and fetches nothing.").to_string(),
                routes::REPORT.path.to_string(),
                tr("Open a report"),
            );
        }
        return (
            "verdict",
            tr("Not checked yet: name the two servers and fetch both documents.").to_string(),
            routes::TOPOLOGY.path.to_string(),
            tr("Start with step 1: Topology"),
        );
    }
    let anchors = super::findings::anchors(&d.findings);
    let first = |s: Severity| d.findings.iter().position(|f| f.severity == s);
    let link = |i: Option<usize>| {
        format!(
            "{}#{}",
            routes::FINDINGS.path,
            i.and_then(|i| anchors.get(i)).map_or("", |a| a.as_str())
        )
    };
    let title = |i: Option<usize>| {
        i.and_then(|i| d.findings.get(i))
            .map_or(String::new(), |f| titled(f.side, &super::finding_text(f).0))
    };
    match worst(&d.findings) {
        Severity::Fail => {
            let f = first(Severity::Fail);
            ("verdict sev-fail", trf("The trust is broken: {}.", &[&title(f)]), link(f), tr("See the fix"))
        }
        // A side not checked: no verdict on the whole trust yet.
        _ if !missing.is_empty() => {
            let (href, next) = see_fetch();
            ("verdict", trf("Not fully checked: {}.", &[&missing.join("; ")]), href, next)
        }
        Severity::Warn => {
            let f = first(Severity::Warn);
            (
                "verdict sev-warn",
                trf("The trust works, with a warning: {}.", &[&title(f)]),
                link(f),
                tr("See what to do"),
            )
        }
        _ => (
            "verdict sev-pass",
            tr("Both directions check out: each server publishes a valid signing certificate the other can trust.")
                .to_string(),
            format!("{}#group-test", routes::COMMANDS.path),
            tr("Confirm with Test-CsExStorageConnectivity"),
        ),
    }
}

/// The verdict and its next step, its link as `view` has it.
pub fn html(d: &Diagnosis, view: View, can_fetch: CanFetch) -> String {
    let (class, sentence, href, next) = verdict(d, view, can_fetch);
    let mut h = Html::new();
    h.open("p", &[("class", class), ("role", "status")])
        .text(&sentence)
        .close("p");
    if !next.is_empty() {
        h.open("p", &[("class", "next-step")])
            .link_as(view, &href, next)
            .close("p");
    }
    h.finish()
}
