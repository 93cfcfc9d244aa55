//! `GET /api/v1/probe/exchange-trust`: exactly one fixed request with an
//! empty Bearer token and nothing else, checked by the upstream that receives
//! it; the same guard as a fetch; the EWS path stays closed to
//! `/api/v1/fetch`.

mod support;

use axum::http::StatusCode;
use s2s_proxy::config::{AllowedHost, Mode, ServerConfig};
use s2s_proxy::fetch::FetchConfig;
use support::api::{dist, fetch_uri, get, router};
use support::{Answer, TestCa, recording_tls_server};

const EXCHANGE: &str = "autodiscover.litwareinc.com";
const BEARER: &str = r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*,00000004-0000-0ff1-ce00-000000000000@litwareinc.com", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token""#;

fn challenge_401() -> Answer {
    Answer {
        status: 401,
        headers: vec![
            ("WWW-Authenticate".into(), BEARER.into()),
            ("WWW-Authenticate".into(), "Negotiate".into()),
            ("WWW-Authenticate".into(), "NTLM".into()),
            (
                "x-ms-diagnostics".into(),
                r#"2000001;reason="The token is empty.";error_category="invalid_token""#.into(),
            ),
        ],
        body: Vec::new(),
        endless: false,
        body_delay: None,
    }
}

fn live(mode: Mode, fetch: FetchConfig, dir: &tempfile::TempDir) -> axum::Router {
    let config = ServerConfig {
        mode,
        ..ServerConfig::live(vec![AllowedHost::exact(EXCHANGE)])
    };
    router(config, fetch, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_request_with_exactly_the_documented_headers() {
    let ca = TestCa::new();
    let (addr, recorded) = recording_tls_server(ca.server_cert(&[EXCHANGE]), challenge_401()).await;
    let fetch = FetchConfig::new(ca.roots());
    fetch.resolve.insert(EXCHANGE.into(), addr);
    let dir = dist();
    let (status, v) = get(
        live(Mode::Live, fetch, &dir),
        &format!("/api/v1/probe/exchange-trust?host={EXCHANGE}"),
    )
    .await;
    // A 401 is the result, not an error.
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["status"], 401);
    assert!(v["error"].is_null(), "{v}");
    assert_eq!(v["url"], format!("https://{EXCHANGE}/EWS/Exchange.asmx"));
    assert!(
        v["tls"]["peer_chain"]
            .as_array()
            .is_some_and(|c| !c.is_empty())
    );
    // Every challenge as received, in order (several headers joined).
    assert_eq!(
        v["headers"]["www-authenticate"],
        format!("{BEARER}, Negotiate, NTLM")
    );
    assert!(
        v["headers"]["x-ms-diagnostics"]
            .as_str()
            .is_some_and(|d| d.starts_with("2000001;"))
    );

    let requests = recorded.lock().map(|r| r.clone()).unwrap_or_default();
    assert_eq!(requests.len(), 1, "exactly one request");
    let text = String::from_utf8_lossy(&requests[0]).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete head");
    assert_eq!(body, "", "no body");
    let mut lines = head.split("\r\n");
    assert_eq!(lines.next(), Some("GET /EWS/Exchange.asmx HTTP/1.1"));
    let mut headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    headers.sort();
    let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["accept", "authorization", "host", "user-agent"],
        "{head}"
    );
    assert_eq!(headers[1].1, "Bearer");
    assert_eq!(headers[2].1, EXCHANGE);
    assert!(headers[3].1.starts_with("s2s-console/"));

    // The facts s2s-core reads from it.
    let report: s2s_core::api::FetchReport = serde_json::from_value(v).expect("a fetch report");
    let facts = s2s_core::exchange_trust::read(&report);
    assert!(facts.oauth_offered);
    assert_eq!(facts.schemes, ["Bearer", "Negotiate", "NTLM"]);
    assert_eq!(facts.trusted_issuers.len(), 2);
}

#[tokio::test]
async fn refused_like_a_fetch() {
    let dir = dist();
    let fetch = || FetchConfig::new(rustls::RootCertStore::empty());
    for (host, code) in [
        ("mail.contoso.com", "host_not_allowed"),
        ("autodiscover.litwareinc.com:8443", "port_not_allowed"),
        ("10.0.0.5", "ip_literal_not_allowed"),
        ("autodiscover.litwareinc.com/owa", "bad_host"),
        ("autodiscover.litwareinc.com%2fowa", "bad_host"),
        ("user@autodiscover.litwareinc.com", "bad_host"),
        ("autodiscover.litwareinc.com?x=1", "bad_host"),
    ] {
        let encoded: String = url::form_urlencoded::byte_serialize(host.as_bytes()).collect();
        let (status, v) = get(
            live(Mode::Live, fetch(), &dir),
            &format!("/api/v1/probe/exchange-trust?host={encoded}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{host}: {v}");
        assert_eq!(v["error"]["code"], code, "{host}: {v}");
    }
    let (status, v) = get(
        live(Mode::Live, fetch(), &dir),
        "/api/v1/probe/exchange-trust",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["code"], "missing_host");
    let (status, v) = get(
        live(Mode::ReadOnly, fetch(), &dir),
        &format!("/api/v1/probe/exchange-trust?host={EXCHANGE}"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(v["error"]["code"], "read_only");
}

#[tokio::test]
async fn the_ews_path_stays_closed_to_fetch() {
    let dir = dist();
    let (status, v) = get(
        live(
            Mode::Live,
            FetchConfig::new(rustls::RootCertStore::empty()),
            &dir,
        ),
        &fetch_uri(&format!("https://{EXCHANGE}/EWS/Exchange.asmx")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["code"], "path_not_allowed");
}
