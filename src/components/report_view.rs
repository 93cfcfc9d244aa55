//! A report as the helpdesk sees it: labelled read-only with its time, the
//! verdict then and now (certificates keep expiring after a report is made),
//! the diagram, findings, certificates, documents and test results.

use leptos::prelude::*;
use s2s_core::findings::Severity;
use s2s_core::report::{RecordedFinding, Snapshot};
use s2s_core::report_cautions;
use s2s_core::testout::{self, Context};
use s2s_core::time::UnixTime;
use s2s_core::topology::Side;

use crate::components::certificate_card::{CertificateCards, all_certificates};
use crate::components::finding::FindingList;
use crate::components::metadata_side::MetadataSide;
use crate::components::test_reading::TestReading;
use crate::components::trust_diagram::{Diagram, TrustDiagram};
use crate::components::verdict::{CanFetch, Verdict, titled, unchecked_sides, verdict};
use crate::i18n::{tr, trf};
use crate::presentation::{View, severity_class};
use crate::workspace::{Diagnosis, FetchState};

/// A report section, labelled by its heading.
fn section(id: &'static str, title: &'static str, content: AnyView) -> AnyView {
    view! {
        <section class="report-section" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {content}
        </section>
    }
    .into_any()
}

/// Where the report's commands take their values from, and what in them
/// must not be run unchecked: the report is not this console's word.
fn provenance(s: &Snapshot) -> impl IntoView + use<> {
    let values = report_cautions::command_values(s)
        .into_iter()
        .map(|(name, value)| view! { <li>{tr(name)} ": " <code translate="no">{value}</code></li> })
        .collect_view();
    let cautions = report_cautions::cautions(s);
    let cautions = (!cautions.is_empty()).then(|| {
        let items = cautions
            .iter()
            .map(|caution| {
                let value = caution
                    .value()
                    .map(|v| view! { " " <code translate="no">{v.to_string()}</code> });
                view! {
                    <li class="warning">
                        <strong>{tr("Check before running:")}</strong>
                        " "
                        {tr(caution.text())}
                        {value}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="report-cautions">{items}</ul> }
    });
    view! {
        <div class="report-provenance" role="note">
            <p>{tr("The commands in this report are made from values the report carries, chosen by whoever made it, not by this console. Check each value before running a command:")}</p>
            <ul class="report-values">{values}</ul>
            {cautions}
        </div>
    }
}

/// The verdict when the report was made, from its recorded findings.
fn verdict_then(s: &Snapshot, d: &Diagnosis) -> impl IntoView + use<> {
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
    let recorded = |f: &RecordedFinding| {
        let title = crate::i18n::korean()
            .and_then(|c| c.title(&f.title))
            .unwrap_or_else(|| f.title.clone());
        titled(f.side, &title)
    };
    // A side not checked then (the recorded fetches are the same now) is
    // no all-clear, as in the verdict above.
    let missing = unchecked_sides(d);
    let judged = ["verdict ", severity_class(worst)].concat();
    let (class, then) = match first {
        Some(f) if worst == Severity::Fail => {
            (judged, trf("The trust was broken: {}.", &[&recorded(f)]))
        }
        _ if s.skype.is_none() && s.exchange.is_none() => (
            "verdict".to_string(),
            tr("Nothing had been fetched.").to_string(),
        ),
        _ if !missing.is_empty() => (
            "verdict".to_string(),
            trf("Not fully checked: {}.", &[&missing.join("; ")]),
        ),
        Some(f) => (
            judged,
            trf("The trust worked, with a warning: {}.", &[&recorded(f)]),
        ),
        None => (judged, tr("Both directions checked out.").to_string()),
    };
    view! {
        <h3 id="report-then">{tr("When the report was made")}</h3>
        <p class=class>{then}</p>
    }
}

/// The report `s`, its findings evaluated again at `now`.
#[component]
pub fn ReportView(snapshot: Snapshot, now: UnixTime) -> impl IntoView {
    let s = snapshot;
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
    let banner = trf(
        " made {} by S2S Console {}; findings re-evaluated at {}. Nothing here is fetched or can be changed.",
        &[
            &s.generated_at.to_rfc3339(),
            &s.console_version,
            &now.to_rfc3339(),
        ],
    );
    let tests = (!s.pastes.is_empty()).then(|| {
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
        let live = [skype.clone(), exchange.clone(), probe.clone()];
        section(
            "report-tests",
            tr("Test results"),
            view! {
                <TestReading reading found plan=plan.clone() live view=View::Report can_fetch=CanFetch::Yes/>
            }
            .into_any(),
        )
    });
    let documents = [
        (d.analyses.skype.clone(), skype.clone()),
        (d.analyses.exchange.clone(), exchange.clone()),
    ]
    .into_iter()
    .map(|(analysis, fetch)| {
        view! { <div class="doc-column"><MetadataSide analysis fetch view=View::Report/></div> }
    })
    .collect_view();
    let pasted = checked.topology.pasted_thumbprints.clone();
    let certificates = all_certificates(
        &d.analyses,
        [(Side::Skype, &skype), (Side::Exchange, &exchange)],
    );
    view! {
        <p class="report-banner"><strong>{tr("Read-only report")}</strong>{banner}</p>
        {provenance(&s)}
        {section(
            "report-verdict",
            tr("Verdict"),
            view! {
                <h3>{tr("Now")}</h3>
                <Verdict verdict=verdict(&d, View::Report, CanFetch::Yes) view=View::Report/>
                {verdict_then(&s, &d)}
            }
            .into_any(),
        )}
        {section(
            "report-overview",
            tr("Overview"),
            view! { <TrustDiagram diagram=Diagram::of(&d, &checked.topology)/> }.into_any(),
        )}
        {section(
            "report-findings",
            tr("Findings"),
            view! { <FindingList findings=d.findings.clone() plan=plan.clone() view=View::Report/> }
                .into_any(),
        )}
        {section(
            "report-certificates",
            tr("Certificates"),
            view! {
                <div class="cert-grid">
                    <CertificateCards shown=certificates now=d.now pasted/>
                </div>
            }
            .into_any(),
        )}
        {section(
            "report-documents",
            tr("Documents"),
            view! { <div class="side-by-side">{documents}</div> }.into_any(),
        )}
        {tests}
    }
}
