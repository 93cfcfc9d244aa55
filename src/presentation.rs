//! How the console's views speak, wherever they are shown: where a view
//! sits (a console page or an opened report), the texts of findings and plan
//! steps in the language shown, severities' words and classes, and the
//! anchors links land on.

use s2s_core::findings::Severity;

/// A finding's title, fix and explanation in the language being shown.
pub fn finding_text(f: &s2s_core::findings::Finding) -> (String, Option<String>, String) {
    if let Some(catalogue) = crate::i18n::korean() {
        let k = catalogue.finding(f);
        (
            k.title.unwrap_or_else(|| f.title.clone()),
            k.fix.or_else(|| f.fix.clone()),
            k.explanation.unwrap_or_else(|| f.explanation.clone()),
        )
    } else {
        (f.title.clone(), f.fix.clone(), f.explanation.clone())
    }
}

/// A plan step's texts a person reads, in the language being shown: title,
/// where to run it, what it does, the warning. (Commands stay as they are.)
pub struct StepText {
    pub title: String,
    pub server: String,
    pub what_it_does: String,
    pub warning: Option<String>,
}

pub fn step_text(s: &s2s_core::commands::Step) -> StepText {
    let k = crate::i18n::korean().map(|c| c.step(s));
    let k = k.as_ref();
    StepText {
        title: k
            .and_then(|k| k.title.clone())
            .unwrap_or_else(|| s.title.clone()),
        server: k
            .and_then(|k| k.server.clone())
            .unwrap_or_else(|| s.server.clone()),
        what_it_does: k
            .and_then(|k| k.what_it_does.clone())
            .unwrap_or_else(|| s.what_it_does.clone()),
        warning: k
            .and_then(|k| k.warning.clone())
            .or_else(|| s.warning.clone()),
    }
}

/// Anchors that are each given once, in order: the first of a base keeps
/// it, a repeat gets `-2`, `-3`… (the same order always gives the same
/// anchors, so a link made from the list lands where the page put it).
pub fn unique_anchors(bases: Vec<String>) -> Vec<String> {
    bases
        .iter()
        .enumerate()
        .map(
            |(i, base)| match bases[..i].iter().filter(|b| *b == base).count() {
                0 => base.clone(),
                n => format!("{base}-{}", n + 1),
            },
        )
        .collect()
}

/// A severity's word in the language being shown.
pub fn severity_word(s: Severity) -> &'static str {
    crate::i18n::tr(s.label())
}

/// "300 days left", "expired today", "expired 3 days ago": how long until
/// (or since) a certificate's `not_after`.
pub fn expiry_words(not_after: s2s_core::time::UnixTime, now: s2s_core::time::UnixTime) -> String {
    use crate::i18n::{tr, trn};
    if now > not_after {
        match not_after.days_until(now) {
            0 => tr("expired today").to_string(),
            ago => trn(ago, "expired {} day ago", "expired {} days ago"),
        }
    } else {
        trn(now.days_until(not_after), "{} day left", "{} days left")
    }
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Pass => "sev-pass",
        Severity::Info => "sev-info",
        Severity::Warn => "sev-warn",
        Severity::Fail => "sev-fail",
    }
}

/// Where a view is shown: on the console's own pages, or inside an opened
/// report. In a report the helpdesk's own pages hold nothing of the report,
/// so a link leads to the report's section instead, or is plain text when
/// the report has no such section; and the views sit one heading level
/// deeper, under the report's sections.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Console,
    Report,
}

impl View {
    /// The heading element for a view's heading of `level` on a page of
    /// the console (2 to 4).
    pub fn heading(self, level: u8) -> &'static str {
        let level = if self == View::Report {
            level + 1
        } else {
            level
        };
        match level {
            0..=2 => "h2",
            3 => "h3",
            4 => "h4",
            _ => "h5",
        }
    }

    /// The target of a link to the console's `href` (`/page` or
    /// `/page#anchor`), and whether it is a jump within the report;
    /// `None` when there is nowhere to go.
    pub fn target(self, href: &str) -> Option<(String, bool)> {
        if self == View::Console {
            return Some((href.to_string(), false));
        }
        let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
        let section = match path {
            "/" => "report-overview",
            "/findings" if !fragment.is_empty() => fragment,
            "/findings" => "report-findings",
            "/metadata" => "report-documents",
            "/certificates" => "report-certificates",
            "/test-results" => "report-tests",
            // The report carries no Topology or Commands page.
            _ => return None,
        };
        Some((format!("#{section}"), true))
    }
}

/// Each step's anchor on the page, in plan order: `step-<id>`, and for a
/// kind that comes more than once (`exchange-iisreset`, one per server)
/// `step-<id>-2`, `-3`…, so every anchor is unique and a link to the kind
/// lands on its first step.
pub fn plan_anchors(plan: &s2s_core::commands::Plan) -> Vec<String> {
    unique_anchors(
        plan.steps
            .iter()
            .map(|s| format!("step-{}", s.id))
            .collect(),
    )
}
