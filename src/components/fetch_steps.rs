//! A fetch's steps with their timings (in the manner of the Remote
//! Connectivity Analyzer), then what the server answered: the Metadata and
//! Test results pages both show a fetch this way.

use leptos::prelude::*;
use s2s_core::api::{FetchReport, FetchStep};

use crate::components::pair::{pair, pair_as_is};
use crate::i18n::{tr, tr_any, tr_text, trf};

#[component]
pub fn FetchSteps(report: FetchReport) -> AnyView {
    let error = report.error.as_ref().map(|e| {
        view! {
            <p class="error" role="alert">
                <code>{e.code.clone()}</code>
                " "
                {tr_text(&e.message)}
            </p>
        }
    });
    let insecure = report.insecure.then(|| {
        view! {
            <p class="warning">
                {tr(
                    "TLS certificate verification is switched off for this host in the s2s configuration (insecure_skip_verify): use it only in a lab.",
                )}
            </p>
        }
    });
    let answer = (report.status.is_some() || report.tls.is_some()).then(|| answer(&report));
    view! {
        <ol class="fetch-steps" aria-label=tr("Fetch steps")>
            {report.steps.iter().map(step).collect_view()}
        </ol>
        {error}
        {insecure}
        {answer}
    }
    .into_any()
}

fn step(s: &FetchStep) -> impl IntoView + use<> {
    let ms = [&(s.ms.round() as i64).to_string(), " ms"].concat();
    view! {
        <li class=if s.ok { "step-ok" } else { "step-failed" }>
            <details>
                <summary>
                    <span class="step-mark" aria-hidden="true">
                        {if s.ok { "✓" } else { "✗" }}
                    </span>
                    <span class="step-name">{tr_any(&s.name)}</span>
                    <span class="visually-hidden">
                        {if s.ok { tr(" succeeded") } else { tr(" failed") }}
                    </span>
                    <span class="step-ms">{ms}</span>
                </summary>
                <p>{tr_text(&s.detail)}</p>
            </details>
        </li>
    }
}

/// The status, the headers that matter, and the TLS session.
fn answer(report: &FetchReport) -> impl IntoView + use<> {
    let status = report.status.map(|s| s.to_string());
    let headers = report
        .headers
        .iter()
        .map(|(name, value)| pair_as_is(name, Some(value)))
        .collect_view();
    let tls = report.tls.as_ref().map(|tls| {
        let count = tls.peer_chain.len().to_string();
        let chain = match tls.resumed_chain_age_seconds {
            None => trf("{} certificate(s), leaf first", &[&count]),
            // Fetched through the API by another client: say how old it is.
            Some(age) => trf(
                "{} certificate(s), leaf first; TLS session resumed, chain verified {} s earlier",
                &[&count, &age.to_string()],
            ),
        };
        let session = [tls.version.as_str(), " · ", tls.cipher.as_str()].concat();
        view! {
            {pair(tr("TLS"), Some(&session))}
            {pair(tr("Server chain"), Some(&chain))}
        }
    });
    let truncated = report
        .truncated
        .then(|| pair(tr("Body"), Some(tr("cut off at the size limit"))));
    view! {
        <dl class="answer">
            {pair(tr("HTTP status"), status.as_deref())}
            {headers}
            {tls}
            {truncated}
        </dl>
    }
}
