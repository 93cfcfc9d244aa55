//! The configured fetch limits are the ones enforced: concurrent fetches
//! (`max_concurrent_fetches`) and fetches per client and minute
//! (`rate_limit_per_minute`, 0 = none).

mod support;

use std::collections::HashMap;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use s2s_proxy::config::{AllowedHost, ServerConfig};
use s2s_proxy::fetch::FetchConfig;
use support::api::{dist, fetch_uri, get, router, send};
use support::{Answer, TestCa, tls_server};

const POOL: &str = "atl-cs-001.litwareinc.com";

fn pool_uri() -> String {
    fetch_uri(&format!("https://{POOL}/metadata/json/1"))
}

/// A fetch that ends at once: nothing listens where the pool resolves.
fn refused_fetch() -> FetchConfig {
    let fetch = FetchConfig::new(rustls::RootCertStore::empty());
    fetch.resolve.insert(POOL.into(), support::closed_port());
    fetch
}

fn from(ip: [u8; 4]) -> Request<Body> {
    let mut req = Request::get(pool_uri())
        .header("x-s2s-console", "1")
        .body(Body::empty())
        .expect("request");
    req.extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((ip, 40000))));
    req
}

#[tokio::test]
async fn the_configured_rate_limit_is_enforced_and_zero_turns_it_off() {
    let dir = dist();
    let three = ServerConfig {
        rate_limit_per_minute: 3,
        ..ServerConfig::live(vec![AllowedHost::exact(POOL)])
    };
    let r = router(three, refused_fetch(), &dir);
    for _ in 0..3 {
        assert_eq!(send(r.clone(), from([10, 0, 0, 1])).await.0, StatusCode::OK);
    }
    let (status, v) = send(r.clone(), from([10, 0, 0, 1])).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{v}");
    assert_eq!(v["error"]["code"], "rate_limited");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("more than 3 fetches in a minute")),
        "{v}"
    );

    let off = ServerConfig {
        rate_limit_per_minute: 0,
        ..ServerConfig::live(vec![AllowedHost::exact(POOL)])
    };
    let r = router(off, refused_fetch(), &dir);
    let per_minute = s2s_proxy::rate::FETCHES_PER_MINUTE;
    for i in 0..per_minute * 2 {
        let (status, v) = send(r.clone(), from([10, 0, 0, 1])).await;
        assert_eq!(status, StatusCode::OK, "fetch {i}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configured_concurrency_limit_is_enforced() {
    let ca = TestCa::new();
    let mut slow = Answer::json(b"{}");
    slow.body_delay = Some(Duration::from_secs(2));
    let upstream = tls_server(
        ca.server_cert(&[POOL]),
        HashMap::from([("/metadata/json/1".to_string(), slow)]),
    )
    .await;
    let fetch = FetchConfig::new(ca.roots());
    fetch.resolve.insert(POOL.into(), upstream);
    let dir = dist();
    let two = ServerConfig {
        max_concurrent_fetches: 2,
        ..ServerConfig::live(vec![AllowedHost::exact(POOL)])
    };
    let r = router(two, fetch, &dir);
    let (_, v) = get(r.clone(), "/api/v1/config").await;
    assert_eq!(v["limits"]["max_concurrent_fetches"], 2);
    let in_flight: Vec<_> = (0..2)
        .map(|_| {
            let r = r.clone();
            tokio::spawn(async move { get(r, &pool_uri()).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (status, v) = get(r.clone(), &pool_uri()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["error"]["code"], "busy");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("2 fetches are already under way")),
        "{v}"
    );
    for handle in in_flight {
        let (status, v) = handle.await.expect("joins");
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["status"], 200, "{v}");
    }
    let (status, _) = get(r, &pool_uri()).await;
    assert_eq!(status, StatusCode::OK, "slots are given back");
}
