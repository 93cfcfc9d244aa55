//! `GET /api/v1/fetch`: refused requests are JSON errors with their code; an
//! allowed URL is fetched from a real TLS server on loopback and reported.

mod support;

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use s2s_proxy::config::{AllowedHost, Mode, ServerConfig};
use s2s_proxy::fetch::FetchConfig;
use support::api::{dist, fetch_uri, get, router};
use support::{Answer, TestCa, tls_server};
use tower::ServiceExt;

const SKYPE_DOC: &[u8] = include_bytes!("../../../fixtures/generated/skype-metadata.json");
const POOL: &str = "atl-cs-001.litwareinc.com";

/// `/api/v1/fetch` for the pool's metadata URL.
fn pool_fetch_uri() -> String {
    fetch_uri(&format!("https://{POOL}/metadata/json/1"))
}

fn live(mode: Mode, fetch: FetchConfig, dir: &tempfile::TempDir) -> axum::Router {
    let config = ServerConfig {
        mode,
        ..ServerConfig::live(vec![AllowedHost::exact(POOL)])
    };
    router(config, fetch, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_allowed_url_is_fetched_and_reported() {
    let ca = TestCa::new();
    let upstream = tls_server(
        ca.server_cert(&[POOL]),
        HashMap::from([("/metadata/json/1".to_string(), Answer::json(SKYPE_DOC))]),
    )
    .await;
    let roots = ca.roots();
    let fetch = FetchConfig::new(roots);
    fetch.resolve.insert(POOL.into(), upstream);
    let dir = dist();
    let (status, v) = get(live(Mode::Live, fetch, &dir), &pool_fetch_uri()).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["status"], 200);
    assert!(v["error"].is_null(), "{v}");
    let steps: Vec<&str> = v["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(steps, ["resolve", "connect", "tls", "http"]);
    assert!(
        v["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .all(|s| s["ok"] == true && s["ms"].is_number())
    );
    assert_eq!(v["body"].as_str().map(str::as_bytes), Some(SKYPE_DOC));
    assert_eq!(v["headers"]["date"], "Thu, 26 Nov 2026 12:00:00 GMT");
    assert_eq!(v["tls"]["peer_chain"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["insecure"], false);
}

#[tokio::test]
async fn refused_requests_are_json_errors() {
    let dir = dist();
    let fetch = || FetchConfig::new(rustls::RootCertStore::empty());
    for (query, status, code) in [
        ("", StatusCode::BAD_REQUEST, "missing_url"),
        ("?url=", StatusCode::BAD_REQUEST, "missing_url"),
        (
            "?url=https%3A%2F%2Fevil.example%2Fmetadata%2Fjson%2F1",
            StatusCode::BAD_REQUEST,
            "host_not_allowed",
        ),
        (
            "?url=http%3A%2F%2Fatl-cs-001.litwareinc.com%2Fmetadata%2Fjson%2F1",
            StatusCode::BAD_REQUEST,
            "scheme_not_allowed",
        ),
        (
            "?url=https%3A%2F%2F127.0.0.1%2Fmetadata%2Fjson%2F1",
            StatusCode::BAD_REQUEST,
            "ip_literal_not_allowed",
        ),
        (
            "?url=https%3A%2F%2Fatl-cs-001.litwareinc.com%2Fecp%2F",
            StatusCode::BAD_REQUEST,
            "path_not_allowed",
        ),
    ] {
        let (got, v) = get(
            live(Mode::Live, fetch(), &dir),
            &format!("/api/v1/fetch{query}"),
        )
        .await;
        assert_eq!(got, status, "{query}: {v}");
        assert_eq!(v["error"]["code"], code, "{query}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let (got, v) = get(live(Mode::ReadOnly, fetch(), &dir), &pool_fetch_uri()).await;
    assert_eq!(got, StatusCode::FORBIDDEN);
    assert_eq!(v["error"]["code"], "read_only");
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_report_not_an_api_error() {
    let closed = support::closed_port();
    let fetch = FetchConfig::new(rustls::RootCertStore::empty());
    fetch.resolve.insert(POOL.into(), closed);
    let dir = dist();
    let (status, v) = get(live(Mode::Live, fetch, &dir), &pool_fetch_uri()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["error"]["code"], "connection_refused", "{v}");
    assert_eq!(v["steps"][0]["ok"], true);
    assert_eq!(v["steps"][1]["ok"], false);
    assert!(v["status"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_the_limit_at_once_is_refused_as_busy() {
    use s2s_proxy::server::MAX_CONCURRENT_FETCHES;
    let ca = TestCa::new();
    let mut slow = Answer::json(SKYPE_DOC);
    slow.body_delay = Some(std::time::Duration::from_secs(3));
    let upstream = tls_server(
        ca.server_cert(&[POOL]),
        HashMap::from([("/metadata/json/1".to_string(), slow)]),
    )
    .await;
    let roots = ca.roots();
    let fetch = FetchConfig::new(roots);
    fetch.resolve.insert(POOL.into(), upstream);
    let dir = dist();
    let router = live(Mode::Live, fetch, &dir);
    let uri = pool_fetch_uri();
    let mut in_flight = Vec::new();
    for _ in 0..MAX_CONCURRENT_FETCHES {
        let (r, u) = (router.clone(), uri.clone());
        in_flight.push(tokio::spawn(async move { get(r, &u).await }));
    }
    // Let them all take their slot.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let (status, v) = get(router.clone(), &uri).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["error"]["code"], "busy");
    for handle in in_flight {
        let (status, v) = handle.await.expect("joins");
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            v["status"], 200,
            "each of the first {MAX_CONCURRENT_FETCHES} was answered"
        );
    }
    // Slots are given back.
    let (status, _) = get(router, &uri).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn each_client_is_limited_to_its_fetches_per_minute() {
    use axum::extract::ConnectInfo;
    use s2s_proxy::rate::FETCHES_PER_MINUTE;
    // Nothing listens: each fetch ends quickly at the connect step.
    let closed = support::closed_port();
    let fetch = FetchConfig::new(rustls::RootCertStore::empty());
    fetch.resolve.insert(POOL.into(), closed);
    let dir = dist();
    let router = live(Mode::Live, fetch, &dir);
    let uri = pool_fetch_uri();
    let from = |ip: [u8; 4]| {
        let mut req = Request::get(uri.as_str())
            .header("x-s2s-console", "1")
            .body(Body::empty())
            .expect("request");
        req.extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from((ip, 40000))));
        req
    };
    async fn status(router: &axum::Router, req: Request<Body>) -> (StatusCode, serde_json::Value) {
        let resp = router.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        (status, serde_json::from_slice(&bytes).expect("json"))
    }
    for _ in 0..FETCHES_PER_MINUTE {
        assert_eq!(status(&router, from([10, 0, 0, 1])).await.0, StatusCode::OK);
    }
    let (code, v) = status(&router, from([10, 0, 0, 1])).await;
    assert_eq!(code, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(v["error"]["code"], "rate_limited");
    assert_eq!(
        status(&router, from([10, 0, 0, 2])).await.0,
        StatusCode::OK,
        "another client is not affected"
    );
}

/// The hosts whose TLS certificates are not verified are in the server's
/// description, for the console to show (and absent when there are none).
#[tokio::test]
async fn hosts_without_tls_verification_are_listed_in_the_config() {
    let dir = dist();
    let mut fetch = FetchConfig::new(rustls::RootCertStore::empty());
    fetch
        .insecure_hosts
        .push("lab-cs-001.litwareinc.com".into());
    let (status, config) = get(live(Mode::Live, fetch, &dir), "/api/v1/config").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        config["unverified_tls_hosts"],
        serde_json::json!(["lab-cs-001.litwareinc.com"])
    );
    let verified = FetchConfig::new(rustls::RootCertStore::empty());
    let (_, config) = get(live(Mode::Live, verified, &dir), "/api/v1/config").await;
    assert!(config.get("unverified_tls_hosts").is_none(), "{config}");
}
