//! `/metrics` on the demo: real TLS servers on loopback, watched through the
//! server's own fetcher; the families follow the scenario the demo plays,
//! a scrape never fetches, and the real `s2s serve --demo` answers a
//! scenario switch with a watch round at once, in an exposition `promtool`
//! accepts.

mod support;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use s2s_proxy::assets::Assets;
use s2s_proxy::config::{Mode, ServerConfig};
use s2s_proxy::demo::Demo;
use s2s_proxy::deployment::{self, Deployment};
use s2s_proxy::fetch::FetchConfig;
use s2s_proxy::server::{AppState, app};
use support::serving::Serving;
use tower::ServiceExt;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// One sample of the exposition: its labels and value.
type Sample = (BTreeMap<String, String>, f64);

/// Every sample of the family `name` (exact metric name), parsed from the
/// text format: `name{a="x",b="y"} value`.
fn samples(text: &str, name: &str) -> Vec<Sample> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let rest = line.strip_prefix(name)?;
            let (labels, value) = match rest.strip_prefix('{') {
                Some(r) => r.split_once("} ")?,
                None => ("", rest.strip_prefix(' ')?),
            };
            let labels = labels
                .split(',')
                .filter(|p| !p.is_empty())
                .filter_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    Some((k.to_string(), v.trim_matches('"').to_string()))
                })
                .collect();
            Some((labels, value.trim().parse().ok()?))
        })
        .collect()
}

/// The value of the one sample of `name` whose labels include `want`.
fn value(text: &str, name: &str, want: &[(&str, &str)]) -> Option<f64> {
    let found: Vec<f64> = samples(text, name)
        .into_iter()
        .filter(|(labels, _)| {
            want.iter()
                .all(|(k, v)| labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|(_, v)| v)
        .collect();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

const D: (&str, &str) = ("deployment", "litwareinc");

async fn demo_state(mode_read_only: bool) -> AppState {
    demo_state_with(mode_read_only, ServerConfig::demo().max_concurrent_fetches).await
}

async fn demo_state_with(mode_read_only: bool, max_concurrent_fetches: usize) -> AppState {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("index.html"), "<html></html>").expect("write");
    let assets = Assets::load(dir.path()).expect("assets");
    let mut fetch = FetchConfig::new(rustls::RootCertStore::empty());
    fetch.total_timeout = Duration::from_secs(3);
    let demo = Demo::start(now(), &mut fetch).await.expect("demo starts");
    let mut config = ServerConfig::demo();
    config.max_concurrent_fetches = max_concurrent_fetches;
    let watched = Deployment::check(&deployment::demo(), config.mode, &config.allowed_hosts, &[])
        .expect("the demo deployment");
    if mode_read_only {
        config.mode = Mode::ReadOnly;
    }
    AppState::with_demo(config, assets, fetch, demo)
        .watching(vec![watched], Duration::from_secs(300))
}

async fn get_text(router: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    let req = Request::get(uri).body(Body::empty()).expect("req");
    let resp = router.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// An API answer, asked as the console asks, decoded.
async fn api_json<T: serde::de::DeserializeOwned>(router: &axum::Router, uri: &str) -> T {
    let req = Request::get(uri)
        .header("x-s2s-console", "1")
        .body(Body::empty())
        .expect("req");
    let resp = router.clone().oneshot(req).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK, "{uri}");
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{uri}: {e}"))
}

async fn set_scenario(router: &axum::Router, scenario: &str) {
    let req = Request::post("/api/v1/demo/scenario")
        .header("content-type", "application/json")
        .header("x-s2s-console", "1")
        .body(Body::from(format!("{{\"scenario\":\"{scenario}\"}}")))
        .expect("req");
    let resp = router.clone().oneshot(req).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
}

fn metadata_not_after(text: &str, side: &str) -> Vec<f64> {
    samples(text, "s2s_certificate_not_after_timestamp_seconds")
        .into_iter()
        .filter(|(l, _)| {
            l.get("deployment").map(String::as_str) == Some("litwareinc")
                && l.get("side").map(String::as_str) == Some(side)
                && l.get("source").map(String::as_str) == Some("metadata")
        })
        .map(|(_, v)| v)
        .collect()
}

#[tokio::test]
async fn the_families_follow_the_scenario_the_demo_plays() {
    let state = demo_state(false).await;
    let router = app(state.clone());
    state.watch().clone().round().await;
    let (status, content_type, text) = get_text(&router, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    assert!(text.ends_with("# EOF\n"), "{text}");
    for side in ["skype", "exchange"] {
        assert_eq!(
            value(&text, "s2s_document_up", &[D, ("side", side)]),
            Some(1.0),
            "{text}"
        );
        let keys = metadata_not_after(&text, side);
        assert!(
            !keys.is_empty() && keys.iter().all(|t| *t > now() as f64),
            "{text}"
        );
        assert!(
            value(
                &text,
                "s2s_certificate_not_after_timestamp_seconds",
                &[D, ("side", side), ("source", "tls")]
            )
            .is_some_and(|t| t > now() as f64),
            "the TLS leaf of {side}: {text}"
        );
        assert_eq!(
            value(
                &text,
                "s2s_findings",
                &[D, ("side", side), ("severity", "fail")]
            ),
            Some(0.0),
            "{text}"
        );
        assert_eq!(
            value(
                &text,
                "s2s_fetch_duration_seconds_count",
                &[D, ("side", side)]
            ),
            Some(1.0),
            "{text}"
        );
    }
    for direction in ["skype_trusts_exchange", "exchange_trusts_skype"] {
        assert_eq!(
            value(&text, "s2s_trust_ok", &[D, ("direction", direction)]),
            Some(1.0),
            "{text}"
        );
    }
    let checked = value(&text, "s2s_last_check_timestamp_seconds", &[D]).unwrap_or(0.0);
    assert!((checked - now() as f64).abs() < 120.0, "{text}");

    set_scenario(&router, "expired-exchange-certificate").await;
    state.watch().clone().round().await;
    let (_, _, text) = get_text(&router, "/metrics").await;
    let keys = metadata_not_after(&text, "exchange");
    assert!(
        !keys.is_empty() && keys.iter().all(|t| *t < now() as f64),
        "{text}"
    );
    assert_eq!(
        value(
            &text,
            "s2s_trust_ok",
            &[D, ("direction", "skype_trusts_exchange")]
        ),
        Some(0.0),
        "{text}"
    );
    assert_eq!(
        value(
            &text,
            "s2s_trust_ok",
            &[D, ("direction", "exchange_trusts_skype")]
        ),
        Some(1.0),
        "the Skype side is untouched: {text}"
    );
    assert!(
        value(
            &text,
            "s2s_findings",
            &[D, ("side", "exchange"), ("severity", "fail")]
        )
        .is_some_and(|n| n >= 1.0),
        "{text}"
    );

    set_scenario(&router, "pool-unreachable").await;
    state.watch().clone().round().await;
    let (_, _, text) = get_text(&router, "/metrics").await;
    assert_eq!(
        value(&text, "s2s_document_up", &[D, ("side", "skype")]),
        Some(0.0),
        "{text}"
    );
    assert!(metadata_not_after(&text, "skype").is_empty(), "{text}");
    assert_eq!(
        value(
            &text,
            "s2s_trust_ok",
            &[D, ("direction", "exchange_trusts_skype")]
        ),
        Some(0.0),
        "{text}"
    );
}

/// A server allowed one fetch at a time still watches: a check waits for
/// the one slot there is, not for three that never come.
#[tokio::test]
async fn a_server_with_one_fetch_slot_still_finishes_its_rounds() {
    let state = demo_state_with(false, 1).await;
    let router = app(state.clone());
    let round = tokio::time::timeout(Duration::from_secs(60), state.watch().clone().round()).await;
    assert!(round.is_ok(), "the round never finished");
    let (_, _, text) = get_text(&router, "/metrics").await;
    assert_eq!(
        value(&text, "s2s_document_up", &[D, ("side", "skype")]),
        Some(1.0),
        "{text}"
    );
}

#[tokio::test]
async fn a_scrape_reports_the_last_watch_and_never_fetches() {
    let state = demo_state(false).await;
    let router = app(state.clone());
    for _ in 0..3 {
        let (status, _, text) = get_text(&router, "/metrics").await;
        assert_eq!(status, StatusCode::OK);
        // The families are described, but nothing was watched yet.
        assert!(text.contains("# TYPE s2s_trust_ok gauge"), "{text}");
        assert!(samples(&text, "s2s_trust_ok").is_empty(), "{text}");
        assert!(samples(&text, "s2s_document_up").is_empty(), "{text}");
    }
    let answer: Vec<s2s_core::api::WatchedDeployment> =
        api_json(&router, "/api/v1/deployments").await;
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0].name, "litwareinc");
    assert_eq!(answer[0].checked_at, None);
    assert_eq!(answer[0].verdict, None);
    let info: s2s_core::api::ServerInfo = api_json(&router, "/api/v1/config").await;
    assert_eq!(
        (info.watched_deployments, info.watch_interval_seconds),
        (1, 300)
    );
}

#[tokio::test]
async fn read_only_servers_serve_metrics_and_watch_what_was_configured() {
    let state = demo_state(true).await;
    let router = app(state.clone());
    state.watch().clone().round().await;
    let (status, _, text) = get_text(&router, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        value(&text, "s2s_document_up", &[D, ("side", "exchange")]),
        Some(1.0),
        "{text}"
    );
    let answer: Vec<s2s_core::api::WatchedDeployment> =
        api_json(&router, "/api/v1/deployments").await;
    let d = &answer[0];
    assert!(
        d.checked_at.is_some_and(|t| (t.0 - now()).abs() < 120),
        "{d:?}"
    );
    // The healthy demo carries notes (info), nothing worse.
    assert!(
        d.verdict
            .is_some_and(|v| v <= s2s_core::findings::Severity::Info),
        "{d:?}"
    );
    assert!(d.first_expiry.is_some_and(|t| t.0 > now()), "{d:?}");
}

/// Scrapes until `ready` holds, for at most `limit`; the last scrape and
/// how long it took.
fn scrape_until(
    serving: &Serving,
    limit: Duration,
    ready: impl Fn(&str) -> bool,
) -> (String, Duration) {
    let started = Instant::now();
    loop {
        let text = serving.request("GET /metrics HTTP/1.1", "");
        if ready(&text) || started.elapsed() > limit {
            return (text, started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn promtool() -> String {
    std::env::var("S2S_PROMTOOL").unwrap_or_else(|_| "promtool".to_string())
}

#[test]
fn serve_demo_switches_are_watched_at_once_and_promtool_accepts_the_scrape() {
    let serving = Serving::start_on("127.0.0.1:0", &["--demo"]);
    let watched = |t: &str| value(t, "s2s_document_up", &[D, ("side", "exchange")]).is_some();
    let (text, _) = scrape_until(&serving, Duration::from_secs(60), watched);
    assert!(
        watched(&text),
        "the first watch round never finished: {text}"
    );

    let check = Command::new(promtool())
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut check = check.unwrap_or_else(|e| {
        panic!("promtool (Debian package prometheus; ./dev tools installs it) must run: {e}")
    });
    check
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("to promtool");
    let out = check.wait_with_output().expect("promtool ends");
    assert!(
        out.status.success(),
        "promtool check metrics: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    let answer = serving.request(
        "POST /api/v1/demo/scenario HTTP/1.1\r\nContent-Type: application/json\r\nX-S2S-Console: 1",
        "{\"scenario\":\"expired-exchange-certificate\"}",
    );
    assert!(answer.contains("expired-exchange-certificate"), "{answer}");
    let broken = |t: &str| {
        let keys = metadata_not_after(t, "exchange");
        !keys.is_empty()
            && keys.iter().all(|k| *k < now() as f64)
            && value(
                t,
                "s2s_trust_ok",
                &[D, ("direction", "skype_trusts_exchange")],
            ) == Some(0.0)
    };
    // Generous: this test shows that the switch is watched without waiting
    // for the 5-minute interval; `./dev bench` measures how soon.
    let (text, took) = scrape_until(&serving, Duration::from_secs(60), broken);
    assert!(broken(&text), "the switch was not watched: {text}");
    println!(
        "scenario switch seen in /metrics after {} ms",
        took.as_millis()
    );
}
