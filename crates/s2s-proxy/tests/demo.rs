//! The demo environment: real TLS servers on loopback made at start, fetched
//! through the real `/api/v1/fetch`, diagnosed by s2s-core: each scenario
//! shows the failure it is named after, and healthy shows none.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use s2s_core::api::FetchReport;
use s2s_core::findings::{Finding, Severity, diagnose};
use s2s_core::time::UnixTime;
use s2s_core::topology::{Observations, Side, Topology};
use s2s_proxy::assets::Assets;
use s2s_proxy::config::ServerConfig;
use s2s_proxy::demo::{Demo, EXCHANGE_HOST, POOL_HOST, SIP_DOMAIN, Scenario};
use s2s_proxy::fetch::FetchConfig;
use s2s_proxy::server::{AppState, app};
use tower::ServiceExt;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Sends `req` as the console does (with `X-S2S-Console: 1`).
async fn send(router: &axum::Router, mut req: Request<Body>) -> (StatusCode, serde_json::Value) {
    req.headers_mut()
        .entry("x-s2s-console")
        .or_insert(axum::http::HeaderValue::from_static("1"));
    let resp = router.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    (status, serde_json::from_slice(&bytes).expect("JSON"))
}

async fn fetch(router: &axum::Router, url: &str) -> FetchReport {
    let encoded: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    let (status, v) = send(
        router,
        Request::get(format!("/api/v1/fetch?url={encoded}"))
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    serde_json::from_value(v).expect("a fetch report")
}

async fn set(router: &axum::Router, scenario: &str) -> (StatusCode, serde_json::Value) {
    let req = Request::post("/api/v1/demo/scenario")
        .header("content-type", "application/json")
        .body(Body::from(format!("{{\"scenario\":\"{scenario}\"}}")))
        .expect("req");
    send(router, req).await
}

async fn demo_router() -> axum::Router {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("index.html"), "<html></html>").expect("write");
    let assets = Assets::load(dir.path()).expect("assets");
    let mut fetch = FetchConfig::new(rustls::RootCertStore::empty());
    // The slow scenario answers after 15 s; a short limit keeps the test quick.
    fetch.total_timeout = Duration::from_secs(2);
    let demo = Demo::start(now(), &mut fetch).await.expect("demo starts");
    app(AppState::with_demo(
        ServerConfig::demo(),
        assets,
        fetch,
        demo,
    ))
}

async fn diagnosis(router: &axum::Router) -> Vec<Finding> {
    let skype_url = format!("https://{POOL_HOST}/metadata/json/1");
    let exchange_url = format!("https://{EXCHANGE_HOST}/autodiscover/metadata/json/1");
    let skype = fetch(router, &skype_url).await;
    let exchange = fetch(router, &exchange_url).await;
    let topology = Topology {
        skype_metadata_url: Some(skype_url),
        exchange_metadata_url: Some(exchange_url),
        sip_domain: Some(SIP_DOMAIN.into()),
        pasted_thumbprints: Vec::new(),
    };
    let observations = Observations {
        skype: Some(skype.outcome()),
        exchange: Some(exchange.outcome()),
    };
    diagnose(&topology, &observations, UnixTime(now()))
}

fn fails(findings: &[Finding]) -> Vec<(&'static str, Side)> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Fail || f.severity == Severity::Warn)
        .map(|f| (f.id, f.side))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_shows_its_failure() {
    let router = demo_router().await;
    let (status, v) = send(
        &router,
        Request::get("/api/v1/demo/scenario")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["scenario"], "healthy");
    assert_eq!(
        v["scenarios"].as_array().map(Vec::len),
        Some(Scenario::ALL.len())
    );

    let healthy = diagnosis(&router).await;
    assert!(
        fails(&healthy).is_empty(),
        "healthy demo has problems: {:?}",
        fails(&healthy)
    );
    assert!(
        healthy
            .iter()
            .any(|f| f.id == "S2S-CERT-VALID" && f.side == Side::Exchange)
    );

    for (scenario, id, side) in [
        (
            "expired-exchange-certificate",
            "S2S-CERT-EXPIRED",
            Side::Exchange,
        ),
        ("realm-mismatch", "S2S-REALM-SIP-MISMATCH", Side::Skype),
        ("x5t-mismatch", "S2S-KEY-X5T-MISMATCH", Side::Exchange),
        (
            "skype-certificate-expiring",
            "S2S-CERT-EXPIRING",
            Side::Skype,
        ),
        ("pool-unreachable", "S2S-DOC-UNREACHABLE", Side::Skype),
        ("html-login-page", "S2S-DOC-NOT-JSON", Side::Exchange),
        ("slow-upstream", "S2S-DOC-UNREACHABLE", Side::Exchange),
        ("oversized-document", "S2S-DOC-UNREACHABLE", Side::Exchange),
    ] {
        let (status, v) = set(&router, scenario).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["scenario"], scenario);
        let findings = diagnosis(&router).await;
        assert!(
            fails(&findings).contains(&(id, side)),
            "{scenario}: expected {id}, got {:?}",
            fails(&findings)
        );
    }

    // The reasons are the real ones.
    set(&router, "pool-unreachable").await;
    let r = fetch(&router, &format!("https://{POOL_HOST}/metadata/json/1")).await;
    assert_eq!(
        r.error.map(|e| e.code),
        Some("connection_refused".to_string())
    );
    set(&router, "oversized-document").await;
    let r = fetch(
        &router,
        &format!("https://{EXCHANGE_HOST}/autodiscover/metadata/json/1"),
    )
    .await;
    assert!(r.truncated);
    assert_eq!(r.error.map(|e| e.code), Some("too_large".to_string()));
    set(&router, "skype-certificate-expiring").await;
    let f = diagnosis(&router).await;
    let expiring = f
        .iter()
        .find(|f| f.id == "S2S-CERT-EXPIRING")
        .expect("fires");
    assert_eq!(
        expiring.severity,
        Severity::Fail,
        "10 days left is under the 20-day alarm"
    );
    set(&router, "slow-upstream").await;
    let r = fetch(
        &router,
        &format!("https://{EXCHANGE_HOST}/autodiscover/metadata/json/1"),
    )
    .await;
    assert_eq!(r.error.map(|e| e.code), Some("timeout".to_string()));

    // Back to healthy, all is well again.
    set(&router, "healthy").await;
    assert!(fails(&diagnosis(&router).await).is_empty());
}

#[tokio::test]
async fn scenario_switching_errors() {
    let router = demo_router().await;
    let (status, v) = set(&router, "on-fire").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["code"], "bad_scenario");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("expired-exchange-certificate"),
        "{v}"
    );

    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("index.html"), "<html></html>").expect("write");
    let live = app(AppState::new(
        ServerConfig::demo(),
        Assets::load(dir.path()).expect("assets"),
    ));
    let (status, v) = send(
        &live,
        Request::get("/api/v1/demo/scenario")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["error"]["code"], "not_demo");
}

/// A request body that never arrives (a client that stopped sending).
struct NeverArrives;

impl hyper::body::Body for NeverArrives {
    type Data = hyper::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

fn scenario_post(body: Body) -> Request<Body> {
    Request::post("/api/v1/demo/scenario")
        .header("content-type", "application/json")
        .body(body)
        .expect("req")
}

/// The scenario switch reads a small body, within a time limit, and only
/// on a server that takes it: a client cannot hold memory or a connection
/// with it.
#[tokio::test]
async fn scenario_bodies_are_small_and_prompt() {
    let router = demo_router().await;
    let (status, v) = send(&router, scenario_post(Body::from(vec![b' '; 4096]))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["message"], "the request body is over 1024 bytes");

    let started = std::time::Instant::now();
    let (status, v) = send(&router, scenario_post(Body::new(NeverArrives))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        v["error"]["message"],
        "the request body did not arrive within 5 s"
    );
    assert!(started.elapsed() < Duration::from_secs(10));

    let (status, v) = send(
        &router,
        Request::post("/api/v1/demo/scenario")
            .header("content-type", "text/plain")
            .body(Body::from("{\"scenario\":\"healthy\"}"))
            .expect("req"),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");

    // Outside the demo the body is not even read: the answer comes at once.
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("index.html"), "<html></html>").expect("write");
    let live = app(AppState::new(
        ServerConfig::demo(),
        Assets::load(dir.path()).expect("assets"),
    ));
    let answer = tokio::time::timeout(
        Duration::from_secs(2),
        send(&live, scenario_post(Body::new(NeverArrives))),
    )
    .await
    .expect("answered without reading the body");
    assert_eq!(answer.0, StatusCode::NOT_FOUND);
}

async fn probe(router: &axum::Router) -> FetchReport {
    let (status, v) = send(
        router,
        Request::get(format!("/api/v1/probe/exchange-trust?host={EXCHANGE_HOST}"))
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    serde_json::from_value(v).expect("a fetch report")
}

/// The probe's findings with both documents as context, as the console
/// and `s2s check` compute them.
async fn probe_findings(router: &axum::Router) -> Vec<(&'static str, Severity)> {
    let skype_url = format!("https://{POOL_HOST}/metadata/json/1");
    let exchange_url = format!("https://{EXCHANGE_HOST}/autodiscover/metadata/json/1");
    let topology = Topology {
        skype_metadata_url: Some(skype_url.clone()),
        exchange_metadata_url: Some(exchange_url.clone()),
        sip_domain: Some(SIP_DOMAIN.into()),
        pasted_thumbprints: Vec::new(),
    };
    let observations = Observations {
        skype: Some(fetch(router, &skype_url).await.outcome()),
        exchange: Some(fetch(router, &exchange_url).await.outcome()),
    };
    let analyses = s2s_core::findings::analyze_both(&topology, &observations);
    let facts = s2s_core::exchange_trust::read(&probe(router).await);
    let context = s2s_core::testout::Context {
        analyses: Some(&analyses),
        sip_domain: Some(SIP_DOMAIN),
        skype_metadata_url: None,
    };
    s2s_core::exchange_trust::diagnose(&facts, &context)
        .into_iter()
        .map(|f| (f.id, f.severity))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_exchange_answers_the_trust_probe_per_scenario() {
    let router = demo_router().await;
    let r = probe(&router).await;
    assert_eq!(r.status, Some(401));
    assert!(r.error.is_none());
    let challenge = r
        .headers
        .get("www-authenticate")
        .cloned()
        .unwrap_or_default();
    assert!(challenge.starts_with("Bearer client_id=\"00000002-0000-0ff1-ce00-000000000000\""));
    assert!(challenge.ends_with(", Negotiate, NTLM"), "{challenge}");

    for (scenario, id, severity) in [
        ("healthy", "S2S-PROBE-TRUSTS-SKYPE", Severity::Pass),
        ("healthy", "S2S-PROBE-HYBRID-TRUSTED", Severity::Info),
        (
            "expired-exchange-certificate",
            "S2S-PROBE-TRUSTS-SKYPE",
            Severity::Pass,
        ),
        ("pool-unreachable", "S2S-PROBE-TRUSTS-SKYPE", Severity::Pass),
        (
            "realm-mismatch",
            "S2S-PROBE-TRUST-REALM-DIFFERS",
            Severity::Fail,
        ),
        (
            "exchange-not-configured",
            "S2S-PROBE-SKYPE-NOT-TRUSTED",
            Severity::Fail,
        ),
        ("ews-oauth-disabled", "S2S-PROBE-NO-OAUTH", Severity::Warn),
    ] {
        let (status, v) = set(&router, scenario).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let found = probe_findings(&router).await;
        assert!(
            found.contains(&(id, severity)),
            "{scenario}: expected {id}, got {found:?}"
        );
    }

    // "Exchange side not configured": both documents are fine; only the
    // probe shows the failure.
    set(&router, "exchange-not-configured").await;
    assert!(fails(&diagnosis(&router).await).is_empty());
    // OAuth off: only the Windows challenges, even to an empty Bearer.
    set(&router, "ews-oauth-disabled").await;
    let r = probe(&router).await;
    assert_eq!(
        r.headers.get("www-authenticate").map(String::as_str),
        Some("Negotiate, NTLM")
    );
    // Without the Bearer header the demo answers only Negotiate and NTLM:
    // unit-tested in demo/ews.rs (no client request can reach EWS without
    // the probe's header).
    set(&router, "healthy").await;
}

/// The demo looks like the real products (issue 22): every OAuth signing
/// certificate it publishes is a self-signed RSA 2048 one (both products
/// sign RS256), and its web servers' TLS certificates have real validity
/// periods (a year or two), not rcgen's default 1975–4096.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_certificates_are_as_the_products_make_them() {
    let router = demo_router().await;
    let now = UnixTime(now());
    for scenario in [
        "healthy",
        "expired-exchange-certificate",
        "skype-certificate-expiring",
        "x5t-mismatch",
    ] {
        assert_eq!(set(&router, scenario).await.0, StatusCode::OK);
        for url in [
            format!("https://{POOL_HOST}/metadata/json/1"),
            format!("https://{EXCHANGE_HOST}/autodiscover/metadata/json/1"),
        ] {
            let report = fetch(&router, &url).await;
            let body = report.body.clone().unwrap_or_default();
            let inspected = s2s_core::inspect::inspect(body.as_bytes(), now)
                .unwrap_or_else(|e| panic!("{scenario} {url}: {e}"));
            let Some(s2s_core::inspect::Inspection::Metadata(document)) = inspected.first() else {
                panic!("{scenario} {url}: not a document");
            };
            assert!(!document.keys.is_empty(), "{scenario} {url}");
            for key in &document.keys {
                let c = key.certificate.as_ref().expect("a certificate");
                assert_eq!(
                    (c.key_algorithm.as_str(), c.key_bits, c.self_issued),
                    ("RSA", Some(2048), true),
                    "{scenario} {url}: {}",
                    c.subject
                );
                assert_eq!(c.signature_algorithm, "sha256RSA", "{scenario} {url}");
            }
            // The web server's certificate, leaf first.
            let tls = report.tls.expect("TLS");
            let leaf = s2s_core::cert::decode_any(tls.peer_chain[0].as_bytes()).expect("leaf")[0]
                .summary
                .clone();
            let days = (leaf.not_after.0 - leaf.not_before.0) / 86_400;
            assert!((300..=800).contains(&days), "{url}: valid {days} days");
            assert!(leaf.not_before.0 < now.0 && now.0 < leaf.not_after.0);
        }
    }
}
