//! TLS session resumption against real TLS servers on loopback: a repeated
//! fetch resumes and says so, showing the chain verified in the full
//! handshake; and a session is never offered outside its window, to another
//! address, across verification settings, or when a fresh look is asked for.

mod support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use s2s_core::api::FetchReport;
use s2s_proxy::config::{AllowedHost, Mode, ServerConfig};
use s2s_proxy::fetch::{FetchConfig, Handshake, Request, fetch_as};
use support::api::{dist, fetch_uri, get, router};
use support::{Answer, TestCa, server_config, tls_server, tls_server_with};

const HOST: &str = "atl-cs-001.litwareinc.com";
const PATH: &str = "/metadata/json/1";
const DOC: &[u8] = include_bytes!("../../../fixtures/generated/skype-metadata.json");

fn url() -> String {
    format!("https://{HOST}{PATH}")
}

fn routes() -> HashMap<String, Answer> {
    HashMap::from([(PATH.to_string(), Answer::json(DOC))])
}

fn config(ca: &TestCa, to: SocketAddr) -> FetchConfig {
    let config = FetchConfig::new(ca.roots());
    config.resolve.insert(HOST.into(), to);
    config
}

async fn get_doc(config: &FetchConfig, handshake: Handshake) -> FetchReport {
    let r = fetch_as(&url(), config, Request::Metadata, handshake).await;
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.status, Some(200));
    r
}

fn tls_detail(r: &FetchReport) -> String {
    r.steps
        .iter()
        .find(|s| s.name == "tls")
        .map(|s| s.detail.clone())
        .unwrap_or_default()
}

fn resumed(r: &FetchReport) -> Option<u64> {
    r.tls.as_ref().and_then(|t| t.resumed_chain_age_seconds)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_fetch_resumes_and_shows_the_chain_of_its_full_handshake() {
    let ca = TestCa::new();
    let config = config(&ca, tls_server(ca.server_cert(&[HOST]), routes()).await);

    let first = get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(resumed(&first), None, "nothing to resume yet");
    assert!(
        tls_detail(&first).contains("1 certificate(s) presented, verified"),
        "{}",
        tls_detail(&first)
    );
    let chain = first.tls.as_ref().map(|t| t.peer_chain.clone());
    assert_eq!(chain.as_ref().map(Vec::len), Some(1));

    let second = get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(resumed(&second), Some(0), "{}", tls_detail(&second));
    assert!(
        tls_detail(&second).contains(
            "session resumed: the 1 certificate(s) shown were presented and verified 0 s ago"
        ),
        "{}",
        tls_detail(&second)
    );
    assert_eq!(second.tls.map(|t| t.peer_chain), chain, "the same chain");
    assert_eq!(second.body, first.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_fetch_makes_a_full_handshake() {
    let ca = TestCa::new();
    let config = config(&ca, tls_server(ca.server_cert(&[HOST]), routes()).await);
    get_doc(&config, Handshake::MayReuse).await;
    let fresh = get_doc(&config, Handshake::Full).await;
    assert_eq!(resumed(&fresh), None);
    assert!(tls_detail(&fresh).contains("presented, verified"));
    // The session made before is still there for those who may resume.
    assert_eq!(
        resumed(&get_doc(&config, Handshake::MayReuse).await),
        Some(0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_not_resumed_once_their_chain_is_older_than_the_window() {
    let ca = TestCa::new();
    let mut config = config(&ca, tls_server(ca.server_cert(&[HOST]), routes()).await);
    config.tls_resumption = Duration::from_secs(1);
    get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(
        resumed(&get_doc(&config, Handshake::MayReuse).await),
        Some(0)
    );
    // Resumed sessions carry the time of the full handshake, not their own:
    // renewing them does not extend the chain's life.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let late = get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(resumed(&late), None, "{}", tls_detail(&late));

    config.tls_resumption = Duration::ZERO;
    get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(
        resumed(&get_doc(&config, Handshake::MayReuse).await),
        None,
        "a zero window turns resumption off"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_resumed_only_at_the_address_it_was_made_with() {
    let ca = TestCa::new();
    // Two front ends sharing one session store: each would accept the
    // other's sessions, so only the client's keying keeps them apart.
    let shared = server_config(ca.server_cert(&[HOST]));
    let a = tls_server_with(shared.clone(), routes()).await;
    let b = tls_server_with(shared, routes()).await;
    let config = config(&ca, a);
    get_doc(&config, Handshake::MayReuse).await;

    config.resolve.insert(HOST.into(), b);
    let at_b = get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(resumed(&at_b), None, "{}", tls_detail(&at_b));
    assert_eq!(
        resumed(&get_doc(&config, Handshake::MayReuse).await),
        Some(0)
    );

    config.resolve.insert(HOST.into(), a);
    assert_eq!(
        resumed(&get_doc(&config, Handshake::MayReuse).await),
        Some(0),
        "A's own session is still there"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_accepted_without_verification_never_serves_a_verified_fetch() {
    let trusted = TestCa::new();
    // Self-signed, as a lab server's often is: trusted by no one.
    let own = rcgen::generate_simple_self_signed(vec![HOST.to_string()]).expect("cert");
    let cert = (
        own.cert.der().clone(),
        rustls::pki_types::PrivateKeyDer::Pkcs8(own.signing_key.serialize_der().into()),
    );
    let mut config = config(&trusted, tls_server(cert, routes()).await);
    config.insecure_hosts = vec![HOST.to_string()];
    let insecure = get_doc(&config, Handshake::MayReuse).await;
    assert!(insecure.insecure);
    let again = get_doc(&config, Handshake::MayReuse).await;
    assert_eq!(resumed(&again), Some(0));
    assert!(
        tls_detail(&again).contains("NOT VERIFIED (insecure host) 0 s ago"),
        "{}",
        tls_detail(&again)
    );

    config.insecure_hosts.clear();
    let verified = fetch_as(&url(), &config, Request::Metadata, Handshake::MayReuse).await;
    assert_eq!(
        verified.error.as_ref().map(|e| e.code.as_str()),
        Some("tls_untrusted"),
        "the untrusted certificate is checked, not resumed past: {:?}",
        verified.error
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_resumes_unless_asked_for_a_fresh_look() {
    let ca = TestCa::new();
    let fetch = config(&ca, tls_server(ca.server_cert(&[HOST]), routes()).await);
    let dir = dist();
    let app = router(
        ServerConfig {
            mode: Mode::Live,
            ..ServerConfig::live(vec![AllowedHost::exact(HOST)])
        },
        fetch,
        &dir,
    );
    let uri = fetch_uri(&url());
    let (_, first) = get(app.clone(), &uri).await;
    assert!(first["tls"].get("resumed_chain_age_seconds").is_none());
    let (_, second) = get(app.clone(), &uri).await;
    assert_eq!(second["tls"]["resumed_chain_age_seconds"], 0, "{second}");
    assert_eq!(second["tls"]["peer_chain"], first["tls"]["peer_chain"]);
    let (_, fresh) = get(app, &format!("{uri}&fresh=1")).await;
    assert_eq!(fresh["status"], 200, "{fresh}");
    assert!(
        fresh["tls"].get("resumed_chain_age_seconds").is_none(),
        "{fresh}"
    );
}
