//! Reusing open connections to upstreams, against real keep-alive TLS
//! servers on loopback: a repeated fetch goes over the open connection and
//! says so, with the chain verified when it was opened; a connection is
//! never reused outside the window, at another address, or for a fresh
//! look; and one the server closed meanwhile costs nothing but a new
//! connection.

mod support;

use std::sync::atomic::Ordering;
use std::time::Duration;

use s2s_core::api::FetchReport;
use s2s_proxy::fetch::{FetchConfig, Handshake, Request, fetch_as};
use support::{TestCa, keepalive_tls_server};

const HOST: &str = "atl-cs-001.litwareinc.com";
const DOC: &[u8] = include_bytes!("../../../fixtures/generated/skype-metadata.json");

async fn get_doc(config: &FetchConfig, handshake: Handshake) -> FetchReport {
    let url = format!("https://{HOST}/metadata/json/1");
    let r = fetch_as(&url, config, Request::Metadata, handshake).await;
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.status, Some(200));
    assert_eq!(r.body.as_deref().map(str::as_bytes), Some(DOC));
    r
}

fn detail(r: &FetchReport, step: &str) -> String {
    r.steps
        .iter()
        .find(|s| s.name == step)
        .map(|s| s.detail.clone())
        .unwrap_or_default()
}

fn reused(r: &FetchReport) -> bool {
    detail(r, "connect").starts_with("reused the open connection")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_fetch_reuses_the_open_connection_and_says_so() {
    let ca = TestCa::new();
    let (addr, accepted) = keepalive_tls_server(ca.server_cert(&[HOST]), DOC, 100).await;
    let config = FetchConfig::new(ca.roots());
    config.resolve.insert(HOST.into(), addr);

    let first = get_doc(&config, Handshake::MayReuse).await;
    assert!(!reused(&first));
    let second = get_doc(&config, Handshake::MayReuse).await;
    assert!(reused(&second), "{:?}", second.steps);
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "one connection for both"
    );
    let names: Vec<&str> = second.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["resolve", "connect", "tls", "http"]);
    assert!(
        detail(&second, "tls").contains(
            "connection reused: the 1 certificate(s) shown were presented and verified 0 s ago"
        ),
        "{}",
        detail(&second, "tls")
    );
    let chain = |r: &FetchReport| r.tls.as_ref().map(|t| t.peer_chain.clone());
    assert_eq!(chain(&second), chain(&first));
    assert_eq!(
        second
            .tls
            .as_ref()
            .and_then(|t| t.resumed_chain_age_seconds),
        Some(0)
    );

    // A fresh look opens its own connection and does not keep it.
    let fresh = get_doc(&config, Handshake::Full).await;
    assert!(!reused(&fresh));
    assert!(detail(&fresh, "tls").contains("presented, verified"));
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
    assert!(reused(&get_doc(&config, Handshake::MayReuse).await));
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_not_reused_once_their_chain_is_older_than_the_window() {
    let ca = TestCa::new();
    let (addr, accepted) = keepalive_tls_server(ca.server_cert(&[HOST]), DOC, 100).await;
    let mut config = FetchConfig::new(ca.roots());
    config.resolve.insert(HOST.into(), addr);
    config.tls_resumption = Duration::from_secs(1);
    get_doc(&config, Handshake::MayReuse).await;
    assert!(reused(&get_doc(&config, Handshake::MayReuse).await));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let late = get_doc(&config, Handshake::MayReuse).await;
    assert!(!reused(&late), "{:?}", late.steps);
    assert_eq!(accepted.load(Ordering::SeqCst), 2);

    config.tls_resumption = Duration::ZERO;
    get_doc(&config, Handshake::MayReuse).await;
    assert!(
        !reused(&get_doc(&config, Handshake::MayReuse).await),
        "a zero window turns reuse off"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_is_reused_only_for_the_address_it_goes_to() {
    let ca = TestCa::new();
    let (a, _) = keepalive_tls_server(ca.server_cert(&[HOST]), DOC, 100).await;
    let (b, at_b) = keepalive_tls_server(ca.server_cert(&[HOST]), DOC, 100).await;
    let config = FetchConfig::new(ca.roots());
    config.resolve.insert(HOST.into(), a);
    get_doc(&config, Handshake::MayReuse).await;
    config.resolve.insert(HOST.into(), b);
    let r = get_doc(&config, Handshake::MayReuse).await;
    assert!(!reused(&r));
    assert_eq!(detail(&r, "connect"), format!("connected to {b}"));
    assert_eq!(at_b.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_the_server_dropped_is_replaced_by_a_new_one() {
    let ca = TestCa::new();
    // One answer per connection, then the next request is dropped unanswered.
    let (addr, accepted) = keepalive_tls_server(ca.server_cert(&[HOST]), DOC, 1).await;
    let config = FetchConfig::new(ca.roots());
    config.resolve.insert(HOST.into(), addr);
    get_doc(&config, Handshake::MayReuse).await;
    let second = get_doc(&config, Handshake::MayReuse).await;
    assert!(!reused(&second), "{:?}", second.steps);
    assert_eq!(accepted.load(Ordering::SeqCst), 2, "a new connection");
}

/// A kept connection is closed once its window has passed, though no other
/// fetch comes along to notice: an idle connection holds a socket on both
/// ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_connection_is_closed_when_its_window_ends_without_another_fetch() {
    let ca = TestCa::new();
    let (addr, accepted, closed) =
        support::keepalive_tls_server_counting(ca.server_cert(&[HOST]), DOC, 100).await;
    let mut config = FetchConfig::new(ca.roots());
    config.resolve.insert(HOST.into(), addr);
    config.tls_resumption = Duration::from_millis(400);
    get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(closed.load(Ordering::SeqCst), 0, "kept open for reuse");
    let mut waited = Duration::ZERO;
    while closed.load(Ordering::SeqCst) == 0 && waited < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert_eq!(
        closed.load(Ordering::SeqCst),
        1,
        "the idle connection outlived its window"
    );
}
