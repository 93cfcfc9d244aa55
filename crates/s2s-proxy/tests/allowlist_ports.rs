//! Ports and IP addresses on the allowlist: a real TLS upstream on loopback,
//! on its own random port, is fetched only through an entry naming that
//! host (or address) and that port, and the fetch connects to that port.

mod support;

use std::collections::HashMap;

use axum::http::StatusCode;
use s2s_proxy::config::{AllowedHost, ServerConfig};
use s2s_proxy::fetch::FetchConfig;
use support::api::{dist, fetch_uri, get, router};
use support::{Answer, TestCa, tls_server};

const SKYPE_DOC: &[u8] = include_bytes!("../../../fixtures/generated/skype-metadata.json");
const POOL: &str = "atl-cs-001.litwareinc.com";

fn config(entries: &[String]) -> ServerConfig {
    ServerConfig::live(
        entries
            .iter()
            .map(|e| AllowedHost::parse(e).expect("valid entry"))
            .collect(),
    )
}

/// An upstream answering the metadata path with a certificate for `names`.
async fn upstream(ca: &TestCa, names: &[&str]) -> std::net::SocketAddr {
    tls_server(
        ca.server_cert(names),
        HashMap::from([("/metadata/json/1".to_string(), Answer::json(SKYPE_DOC))]),
    )
    .await
}

fn assert_fetched(status: StatusCode, v: &serde_json::Value, port: u16) {
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(v["error"].is_null(), "{v}");
    assert_eq!(v["status"], 200, "{v}");
    assert_eq!(v["body"].as_str().map(str::as_bytes), Some(SKYPE_DOC));
    let connect = v["steps"][1]["detail"].as_str().unwrap_or_default();
    assert!(
        connect.ends_with(&format!("127.0.0.1:{port}")),
        "connected to the URL's port: {connect}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_with_its_port_on_the_allowlist_is_fetched_on_that_port() {
    let ca = TestCa::new();
    let addr = upstream(&ca, &[POOL]).await;
    let port = addr.port();
    let fetch = || {
        let f = FetchConfig::new(ca.roots());
        // Port 0: the name resolves to loopback, the port comes from the URL.
        f.resolve.insert(POOL.into(), ([127, 0, 0, 1], 0).into());
        f
    };
    let dir = dist();
    let url = format!("https://{POOL}:{port}/metadata/json/1");

    let allowed = config(&[format!("{POOL}:{port}")]);
    let (status, v) = get(router(allowed, fetch(), &dir), &fetch_uri(&url)).await;
    assert_fetched(status, &v, port);

    // The same host without the port, or with another port, is refused.
    for entries in [vec![POOL.to_string()], vec![format!("{POOL}:{}", port ^ 1)]] {
        let (status, v) = get(router(config(&entries), fetch(), &dir), &fetch_uri(&url)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{entries:?}: {v}");
        assert_eq!(v["error"]["code"], "port_not_allowed", "{v}");
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&format!(
                "port {port} is not allowed for {POOL}; add '{POOL}:{port}'"
            )),
            "{message}"
        );
    }
    // A suffix entry with the port allows it too.
    let suffix = config(&[format!("*.litwareinc.com:{port}")]);
    let (status, v) = get(router(suffix, fetch(), &dir), &fetch_uri(&url)).await;
    assert_fetched(status, &v, port);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_with_its_port_on_the_allowlist_is_fetched() {
    let ca = TestCa::new();
    // The certificate names the address (an IP SAN), as an internal server
    // reached by address would need.
    let addr = upstream(&ca, &["127.0.0.1"]).await;
    let port = addr.port();
    let dir = dist();
    let fetch = || FetchConfig::new(ca.roots());

    let allowed = config(&[format!("127.0.0.1:{port}")]);
    for url in [
        format!("https://127.0.0.1:{port}/metadata/json/1"),
        // The same address in a numeric form the URL parser normalises.
        format!("https://2130706433:{port}/metadata/json/1"),
        format!("https://0x7f.1:{port}/metadata/json/1"),
    ] {
        let (status, v) = get(router(allowed.clone(), fetch(), &dir), &fetch_uri(&url)).await;
        assert_fetched(status, &v, port);
        assert!(
            v["tls"]["peer_chain"]
                .as_array()
                .is_some_and(|c| c.len() == 1)
        );
    }

    let url = format!("https://127.0.0.1:{port}/metadata/json/1");
    for (entries, code) in [
        (vec![], "ip_literal_not_allowed"),
        (vec![POOL.to_string()], "ip_literal_not_allowed"),
        (vec!["127.0.0.2".to_string()], "ip_literal_not_allowed"),
        (vec!["127.0.0.1".to_string()], "port_not_allowed"),
    ] {
        let (status, v) = get(router(config(&entries), fetch(), &dir), &fetch_uri(&url)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{entries:?}: {v}");
        assert_eq!(v["error"]["code"], code, "{entries:?}: {v}");
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&format!("'127.0.0.1:{port}'")),
            "{message}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_allowlisted_address_is_still_held_to_the_allowed_networks() {
    let ca = TestCa::new();
    let addr = upstream(&ca, &["127.0.0.1"]).await;
    let port = addr.port();
    let dir = dist();
    let mut fetch = FetchConfig::new(ca.roots());
    fetch.allowed_networks = vec![s2s_proxy::networks::Network::parse("10.0.0.0/8").expect("net")];
    let allowed = config(&[format!("127.0.0.1:{port}")]);
    let url = format!("https://127.0.0.1:{port}/metadata/json/1");
    let (status, v) = get(router(allowed, fetch, &dir), &fetch_uri(&url)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["error"]["code"], "network_not_allowed", "{v}");
    assert!(v["status"].is_null(), "never connected: {v}");
}
