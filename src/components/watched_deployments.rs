//! The Overview's table of the deployments the s2s server watches (its
//! config file's `[[deployment]]` tables): each one's verdict at its last
//! watch and the days until its first certificate expiry, linking to it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::api::WatchedDeployment;
use s2s_core::time::UnixTime;

use crate::api::{self, ApiError};
use crate::i18n::{tr, tr_text, trf, trn};
use crate::presentation::{expiry_words, severity_class, severity_word};
use crate::workspace::now;

/// Asked for each time the Overview is shown, so it is as fresh as the
/// server's last watch (the Overview shows it only when the server says it
/// watches deployments, and how often: `interval_seconds`).
#[component]
pub fn WatchedDeployments(interval_seconds: u64) -> impl IntoView {
    let answer = RwSignal::new(None::<Result<Vec<WatchedDeployment>, ApiError>>);
    spawn_local(async move { answer.set(Some(api::deployments().await)) });
    move || {
        answer.with(|a| match a {
            Some(Ok(watched)) if !watched.is_empty() => table(watched, interval_seconds).into_any(),
            Some(Err(e)) => view! {
                <p class="error" role="alert">
                    {trf("The watched deployments could not be read: {}", &[&tr_text(&e.to_string())])}
                </p>
            }
            .into_any(),
            _ => ().into_any(),
        })
    }
}

fn table(watched: &[WatchedDeployment], interval_seconds: u64) -> impl IntoView + use<> {
    let minutes = (interval_seconds / 60).max(1);
    let rows: Vec<_> = watched.iter().map(row).collect();
    view! {
        <section class="watched" aria-labelledby="watched-title">
            <h2 id="watched-title">{tr("Watched deployments")}</h2>
            <p>
                {trn(
                    minutes as i64,
                    "The s2s server checks each of them every minute, and Prometheus reads the results at /metrics.",
                    "The s2s server checks each of them every {} minutes, and Prometheus reads the results at /metrics.",
                )}
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{tr("Deployment")}</th>
                        <th scope="col">{tr("Verdict")}</th>
                        <th scope="col">{tr("First certificate expiry")}</th>
                        <th scope="col">{tr("Last checked (UTC)")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

fn row(d: &WatchedDeployment) -> impl IntoView + use<> {
    let href = ["/topology?deployment=", &d.name].concat();
    let (class, verdict) = match d.verdict {
        Some(v) => (severity_class(v), severity_word(v)),
        None => ("", tr("not checked yet")),
    };
    let expiry = d
        .first_expiry
        .map(|at| expiry_words(at, now()))
        .unwrap_or_default();
    let checked = d.checked_at.map(UnixTime::to_rfc3339).unwrap_or_default();
    view! {
        <tr>
            <th scope="row">
                // A name, not words: no translation (the browser's, or a check's).
                <a href=href translate="no">
                    {d.name.clone()}
                </a>
            </th>
            <td class=class>{verdict}</td>
            <td>{expiry}</td>
            <td>{checked}</td>
        </tr>
    }
}
