//! The fetcher against real TLS servers on loopback: what each kind of bad
//! upstream gives, with its own error code, and nothing followed or kept
//! that should not be.

mod support;

use std::time::Duration;

use s2s_proxy::fetch::fetch;
use support::{Answer, METADATA_PATH as PATH, POOL_HOST as HOST, TestCa, pool_upstream};

fn url() -> String {
    format!("https://{HOST}{PATH}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_reported_not_followed() {
    let ca = TestCa::new();
    let mut answer = Answer::json(b"");
    answer.status = 302;
    answer.headers.push((
        "Location".into(),
        "https://evil.example/metadata/json/1".into(),
    ));
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), answer).await;
    let r = fetch(&url(), &config).await;
    assert_eq!(r.status, Some(302));
    assert_eq!(
        r.headers.get("location").map(String::as_str),
        Some("https://evil.example/metadata/json/1")
    );
    assert_eq!(
        r.error.as_ref().map(|e| e.code.as_str()),
        Some("redirect_not_followed")
    );
    assert!(
        r.error
            .map(|e| e.message)
            .unwrap_or_default()
            .contains("evil.example")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_body_is_cut_at_the_limit() {
    let ca = TestCa::new();
    let mut answer = Answer::json(b"");
    answer.endless = true;
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), answer).await;
    let r = fetch(&url(), &config).await;
    assert!(r.truncated);
    assert_eq!(
        r.body.as_ref().map(String::len),
        Some(config.max_body_bytes)
    );
    assert_eq!(r.error.map(|e| e.code), Some("too_large".to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_body_times_out_with_the_step_named() {
    let ca = TestCa::new();
    let mut answer = Answer::json(b"{}");
    answer.body_delay = Some(Duration::from_secs(5));
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), answer).await;
    let r = fetch(&url(), &config).await;
    assert_eq!(r.error.as_ref().map(|e| e.code.as_str()), Some("timeout"));
    let last = r.steps.last().expect("steps");
    assert_eq!((last.name.as_str(), last.ok), ("http", false));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_utf8_is_kept_exactly() {
    let ca = TestCa::new();
    let body = b"{\"name\":\"\xff\xfe\"}".to_vec();
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), Answer::json(&body)).await;
    let r = fetch(&url(), &config).await;
    assert_eq!(r.status, Some(200));
    assert_eq!(r.body_bytes(), body);
    assert!(r.body_base64.is_some());
}

/// The report says when the answer arrived, by this clock: with the
/// answer's Date it gives the server's clock offset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_arrival_time_is_reported() {
    let ca = TestCa::new();
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), Answer::json(b"{}")).await;
    let before = s2s_proxy::clock::now();
    let r = fetch(&url(), &config).await;
    let after = s2s_proxy::clock::now();
    assert_eq!(r.status, Some(200));
    let received = r
        .received_at
        .as_deref()
        .map(s2s_core::time::UnixTime::parse_rfc3339)
        .and_then(Result::ok)
        .expect("received_at");
    assert!(before <= received && received <= after, "{received:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_wrong_name_certificates_are_explained_with_the_chain() {
    let ca = TestCa::new();
    let config = pool_upstream(&ca, ca.expired_server_cert(&[HOST]), Answer::json(b"{}")).await;
    let r = fetch(&url(), &config).await;
    assert_eq!(
        r.error.as_ref().map(|e| e.code.as_str()),
        Some("tls_expired"),
        "{:?}",
        r.error
    );
    assert_eq!(
        r.tls.as_ref().map(|t| t.peer_chain.len()),
        Some(1),
        "the rejected chain is still shown"
    );

    let config = pool_upstream(
        &ca,
        ca.server_cert(&["other.litwareinc.com"]),
        Answer::json(b"{}"),
    )
    .await;
    let r = fetch(&url(), &config).await;
    assert_eq!(
        r.error.as_ref().map(|e| e.code.as_str()),
        Some("tls_name_mismatch"),
        "{:?}",
        r.error
    );
    assert!(
        r.error
            .map(|e| e.message)
            .unwrap_or_default()
            .contains(HOST)
    );
}

#[tokio::test]
async fn insecure_hosts_are_fetched_and_say_so() {
    let ca = TestCa::new();
    let mut config = pool_upstream(&ca, ca.expired_server_cert(&[HOST]), Answer::json(b"{}")).await;
    config.insecure_hosts.push(HOST.into());
    let r = fetch(&url(), &config).await;
    assert_eq!(r.status, Some(200));
    assert!(r.insecure);
    assert!(r.steps.iter().any(|s| s.detail.contains("NOT VERIFIED")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_resolving_outside_the_allowed_networks_is_not_connected_to() {
    use s2s_proxy::networks::Network;
    let ca = TestCa::new();
    let mut config = pool_upstream(&ca, ca.server_cert(&[HOST]), Answer::json(b"{}")).await;
    config.allowed_networks = vec![Network::parse("10.20.0.0/16").expect("valid")];
    let r = fetch(&url(), &config).await;
    assert_eq!(
        r.error.as_ref().map(|e| e.code.as_str()),
        Some("network_not_allowed")
    );
    assert!(
        r.error
            .map(|e| e.message)
            .unwrap_or_default()
            .contains("127.0.0.1")
    );
    assert_eq!(r.steps.len(), 1, "stopped before connecting: {:?}", r.steps);

    config.allowed_networks = vec![Network::parse("127.0.0.0/8").expect("valid")];
    assert_eq!(fetch(&url(), &config).await.status, Some(200));
}

/// A name DNS answers with an inward address (here `localhost`, resolved by
/// the system resolver, not a fixed answer) is not connected to by default:
/// behind an allowed wildcard it would turn the proxy on its own machine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_resolving_to_loopback_is_refused_unless_the_operator_allows_it() {
    use s2s_proxy::fetch::FetchConfig;
    use s2s_proxy::networks::Network;
    let ca = TestCa::new();
    let addr = support::tls_server(
        ca.server_cert(&["localhost"]),
        std::collections::HashMap::from([(PATH.to_string(), Answer::json(b"{}"))]),
    )
    .await;
    let url = format!("https://localhost:{}{PATH}", addr.port());
    let mut config = FetchConfig::new(ca.roots());
    let r = fetch(&url, &config).await;
    let (code, message) = r
        .error
        .clone()
        .map(|e| (e.code, e.message))
        .unwrap_or_default();
    assert_eq!(code, "network_not_allowed", "{:?}", r.steps);
    assert!(
        message.contains("(loopback)") && message.contains("allowed_networks"),
        "{message}"
    );
    assert_eq!(r.steps.len(), 1, "stopped before connecting: {:?}", r.steps);

    // The operator's own choices: the network allowed, or `s2s check`.
    config.allowed_networks = vec![Network::parse("127.0.0.0/8").expect("valid")];
    assert_eq!(fetch(&url, &config).await.status, Some(200));
    config.allowed_networks.clear();
    config.names_may_resolve_inward = true;
    assert_eq!(fetch(&url, &config).await.status, Some(200));
}

/// A server sending headers far beyond any real one's is not read to the
/// end: the fetch stops at the cap on a response head and says why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_response_headers_are_refused_at_the_cap() {
    let ca = TestCa::new();
    let mut answer = Answer::json(b"{}");
    // 90 headers of 4 KB: within hyper's default count and buffer (about
    // 400 KB), so only the cap stops them.
    for n in 0..90 {
        answer
            .headers
            .push((format!("X-Pad-{n}"), "x".repeat(4000)));
    }
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), answer).await;
    let r = fetch(&url(), &config).await;
    assert_eq!(r.status, None);
    let error = r.error.expect("an error");
    assert_eq!(error.code, "http_failed");
    assert!(
        error.message.contains("larger than 64 KiB"),
        "{}",
        error.message
    );
    assert_eq!(s2s_proxy::fetch::MAX_RESPONSE_HEAD, 64 * 1024);

    // Headers just under the cap are read.
    let mut answer = Answer::json(b"{}");
    for n in 0..14 {
        answer
            .headers
            .push((format!("X-Pad-{n}"), "x".repeat(4000)));
    }
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), answer).await;
    let r = fetch(&url(), &config).await;
    assert_eq!(r.status, Some(200), "{:?}", r.error);
}
