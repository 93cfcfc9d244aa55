//! A report as the helpdesk sees it: labelled read-only with its time, the
//! verdict then and now (certificates keep expiring after a report is made),
//! the diagram, findings, certificates, documents and test results.

use s2s_core::findings::Severity;
use s2s_core::report::Snapshot;
use s2s_core::report_cautions;
use s2s_core::testout::{self, Context};
use s2s_core::time::UnixTime;
use s2s_core::topology::Side;

use super::{
    View, certificates, findings, metadata, severity_class, test_results, trust_diagram, verdict,
};
use crate::html::Html;
use crate::i18n::{tr, trf};
use crate::workspace::{Diagnosis, FetchState};

fn section(h: &mut Html, id: &'static str, title: &str) {
    h.open(
        "section",
        &[("class", "report-section"), ("aria-labelledby", id)],
    )
    .el("h2", &[("id", id)], title);
}

/// Where the report's commands take their values from, and what in them
/// must not be run unchecked: the report is not this console's word.
fn provenance(h: &mut Html, s: &Snapshot) {
    h.open("div", &[("class", "report-provenance"), ("role", "note")])
        .el(
            "p",
            &[],
            tr("The commands in this report are made from values the report carries, chosen by whoever made it, not by this console. Check each value before running a command:"),
        )
        .open("ul", &[("class", "report-values")]);
    for (name, value) in report_cautions::command_values(s) {
        h.open("li", &[])
            .text(tr(name))
            .text(": ")
            .el("code", &[("translate", "no")], &value)
            .close("li");
    }
    h.close("ul");
    let cautions = report_cautions::cautions(s);
    if !cautions.is_empty() {
        h.open("ul", &[("class", "report-cautions")]);
        for caution in &cautions {
            h.open("li", &[("class", "warning")])
                .el("strong", &[], tr("Check before running:"))
                .text(" ")
                .text(tr(caution.text()));
            if let Some(value) = caution.value() {
                h.text(" ").el("code", &[("translate", "no")], value);
            }
            h.close("li");
        }
        h.close("ul");
    }
    h.close("div");
}

pub fn html(s: &Snapshot, now: UnixTime) -> String {
    let checked = s.topology.check();
    let skype = FetchState::from_recorded(s.skype.as_ref());
    let exchange = FetchState::from_recorded(s.exchange.as_ref());
    let probe = FetchState::from_recorded(s.probe.as_ref());
    let d = Diagnosis::compute(&checked, &skype, &exchange, &probe, now);
    // The Commands page's options as the admin gave them, where recorded;
    // options that did not make a plan (a field left half typed) give way
    // to the defaults rather than take every command away.
    let plan = s
        .plan
        .clone()
        .and_then(|options| s.topology.plan(options))
        .or_else(|| s.topology.plan(Default::default()));

    let mut h = Html::new();
    h.open("p", &[("class", "report-banner")])
        .el("strong", &[], tr("Read-only report"))
        .text(&trf(
            " made {} by S2S Console {}; findings re-evaluated at {}. Nothing here is fetched or can be changed.",
            &[
                &s.generated_at.to_rfc3339(),
                &s.console_version,
                &now.to_rfc3339(),
            ],
        ))
        .close("p");

    provenance(&mut h, s);

    section(&mut h, "report-verdict", tr("Verdict"));
    h.el("h3", &[], tr("Now"));
    h.trusted_markup(&verdict::html(&d, View::Report, verdict::CanFetch::Yes));
    let worst = s
        .findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Pass);
    let first = s
        .findings
        .iter()
        .find(|f| f.severity == worst && worst >= Severity::Warn);
    // The finding as recorded, in the language shown, said as the verdict
    // was then.
    let recorded = |f: &s2s_core::report::RecordedFinding| {
        let title = crate::i18n::korean()
            .and_then(|c| c.title(&f.title))
            .unwrap_or_else(|| f.title.clone());
        verdict::titled(f.side, &title)
    };
    // A side not checked then (the recorded fetches are the same now) is
    // no all-clear, as in the verdict above.
    let missing = verdict::unchecked_sides(&d);
    let judged = format!("verdict {}", severity_class(worst));
    let (class, then) = match first {
        Some(f) if worst == Severity::Fail => {
            (judged, trf("The trust was broken: {}.", &[&recorded(f)]))
        }
        _ if s.skype.is_none() && s.exchange.is_none() => {
            ("verdict".into(), tr("Nothing had been fetched.").into())
        }
        _ if !missing.is_empty() => (
            "verdict".into(),
            trf("Not fully checked: {}.", &[&missing.join("; ")]),
        ),
        Some(f) => (
            judged,
            trf("The trust worked, with a warning: {}.", &[&recorded(f)]),
        ),
        None => (judged, tr("Both directions checked out.").into()),
    };
    h.el(
        "h3",
        &[("id", "report-then")],
        tr("When the report was made"),
    )
    .el("p", &[("class", &class)], &then);
    h.close("section");

    section(&mut h, "report-overview", tr("Overview"));
    h.trusted_markup(&trust_diagram::for_diagnosis(&d, &checked.topology));
    h.close("section");

    section(&mut h, "report-findings", tr("Findings"));
    h.trusted_markup(&findings::all(&d.findings, plan.as_ref(), View::Report));
    h.close("section");

    section(&mut h, "report-certificates", tr("Certificates"));
    h.open("div", &[("class", "cert-grid")]);
    h.trusted_markup(&certificates::all_cards(
        &d,
        [(Side::Skype, &skype), (Side::Exchange, &exchange)],
        &checked.topology.pasted_thumbprints,
    ));
    h.close("div").close("section");

    section(&mut h, "report-documents", tr("Documents"));
    h.open("div", &[("class", "side-by-side")]);
    for (side, state) in [
        (&d.analyses.skype, &skype),
        (&d.analyses.exchange, &exchange),
    ] {
        h.open("div", &[("class", "doc-column")]);
        h.trusted_markup(&metadata::side(side, state, View::Report));
        h.close("div");
    }
    h.close("div").close("section");

    if !s.pastes.is_empty() {
        section(&mut h, "report-tests", tr("Test results"));
        let pastes: Vec<&str> = s.pastes.iter().map(String::as_str).collect();
        let reading = testout::read_all(&pastes);
        let found = testout::diagnose(
            &reading,
            &Context {
                analyses: d.fetched.then_some(&d.analyses),
                sip_domain: checked.topology.sip_domain.as_deref(),
                skype_metadata_url: None,
            },
        );
        h.trusted_markup(&test_results::reading(
            &reading,
            &found,
            plan.as_ref(),
            [
                (tr("Skype for Business"), &skype),
                (tr("Exchange"), &exchange),
                (tr("Exchange trust probe"), &probe),
            ],
            View::Report,
            verdict::CanFetch::Yes,
        ));
        h.close("section");
    }
    h.finish()
}
