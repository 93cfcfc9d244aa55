//! What the fetcher and the guard say reaches a Korean reader in Korean: real
//! fetches against real TLS servers on loopback (and a closed port, a
//! refusing allowlist), and every step detail and error message they report
//! must have its Korean pattern in `i18n/ko.json`. Values inside (addresses,
//! the system's own error text) stay as they are.

mod support;

use std::time::Duration;

use s2s_core::api::FetchReport;
use s2s_core::i18n::{Catalogue, reads_as_english};
use s2s_proxy::config::{AllowedHost, Mode};
use s2s_proxy::fetch::{FetchConfig, fetch};
use s2s_proxy::guard::{check, check_probe};
use support::{
    Answer, METADATA_PATH as PATH, POOL_HOST as HOST, TestCa, closed_port, pool_upstream,
};

fn url() -> String {
    format!("https://{HOST}{PATH}")
}

fn messages(r: &FetchReport) -> Vec<String> {
    r.steps
        .iter()
        .map(|s| s.detail.clone())
        .chain(r.error.iter().map(|e| e.message.clone()))
        .filter(|m| !m.is_empty())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_and_error_reads_in_korean() {
    let ca = TestCa::new();
    let mut said = Vec::new();

    // A good fetch, then again on the kept connection or resumed session.
    let config = pool_upstream(&ca, ca.server_cert(&[HOST]), Answer::json(b"{}")).await;
    for _ in 0..2 {
        let r = fetch(&url(), &config).await;
        assert_eq!(r.status, Some(200), "{:?}", r.error);
        said.extend(messages(&r));
    }
    // Without verification.
    let mut config = pool_upstream(&ca, ca.expired_server_cert(&[HOST]), Answer::json(b"{}")).await;
    config.insecure_hosts.push(HOST.into());
    said.extend(messages(&fetch(&url(), &config).await));

    // Each kind of failure.
    let mut redirect = Answer::json(b"");
    redirect.status = 302;
    redirect
        .headers
        .push(("Location".into(), "https://evil.example/".into()));
    let mut endless = Answer::json(b"");
    endless.endless = true;
    let mut slow = Answer::json(b"{}");
    slow.body_delay = Some(Duration::from_secs(5));
    let other_ca = TestCa::new();
    for config in [
        pool_upstream(&ca, ca.server_cert(&[HOST]), redirect).await,
        pool_upstream(&ca, ca.server_cert(&[HOST]), endless).await,
        pool_upstream(&ca, ca.server_cert(&[HOST]), slow).await,
        pool_upstream(&ca, ca.expired_server_cert(&[HOST]), Answer::json(b"{}")).await,
        pool_upstream(
            &ca,
            ca.server_cert(&["other.litwareinc.com"]),
            Answer::json(b"{}"),
        )
        .await,
        pool_upstream(&ca, other_ca.server_cert(&[HOST]), Answer::json(b"{}")).await,
    ] {
        let r = fetch(&url(), &config).await;
        assert!(r.error.is_some(), "{:?}", r.steps);
        said.extend(messages(&r));
    }
    let refused = FetchConfig::new(ca.roots());
    refused.resolve.insert(HOST.into(), closed_port());
    said.extend(messages(&fetch(&url(), &refused).await));
    let mut outside = pool_upstream(&ca, ca.server_cert(&[HOST]), Answer::json(b"{}")).await;
    outside.allowed_networks =
        vec![s2s_proxy::networks::Network::parse("10.20.0.0/16").expect("valid")];
    said.extend(messages(&fetch(&url(), &outside).await));
    // A name DNS answers with loopback (the system resolver's localhost).
    said.extend(messages(
        &fetch("https://localhost/metadata/json/1", &refused).await,
    ));
    said.extend(messages(
        &fetch("ftp://atl-cs-001.litwareinc.com/x", &refused).await,
    ));

    // The guard's refusals, as the API reports them.
    let allowed = [AllowedHost::exact(HOST)];
    for bad in [
        "not a url",
        "http://atl-cs-001.litwareinc.com/metadata/json/1",
        "https://user:pw@atl-cs-001.litwareinc.com/metadata/json/1",
        "https://atl-cs-001.litwareinc.com/metadata/json/1#x",
        "https://atl-cs-001.litwareinc.com/metadata/json/1?x=1",
        "https://atl-cs-001.litwareinc.com/metadata\\json/1",
        "https://atl-cs-001.litwareinc.com/metadata/../json/1",
        "https://10.0.0.5/metadata/json/1",
        "https://evil.example/metadata/json/1",
        "https://atl-cs-001.litwareinc.com:8443/metadata/json/1",
        "https://atl-cs-001.litwareinc.com/admin",
        "https://atl-cs-001.litwareinc.com/metadata/json/\t1",
    ] {
        match check(bad, Mode::Live, &allowed) {
            Ok(u) => panic!("{bad} passed as {u}"),
            Err(e) => said.push(e.to_string()),
        }
    }
    for (host, mode) in [("a/b", Mode::Live), (HOST, Mode::ReadOnly)] {
        match check_probe(host, mode, &allowed) {
            Ok(u) => panic!("{host} passed as {u}"),
            Err(e) => said.push(e.to_string()),
        }
    }

    let korean = Catalogue::parse(include_str!("../../../i18n/ko.json"))
        .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"));
    said.sort();
    said.dedup();
    // The Korean must not read as English either (a message carried inside
    // left untranslated); the system's own error text is quoted, and a
    // certificate's subject is a value, not text.
    let without_subject = |ko: &str| match (ko.find("(CN="), ko.find(')')) {
        (Some(from), Some(to)) if to > from => format!("{}{}", &ko[..from], &ko[to + 1..]),
        _ => ko.to_string(),
    };
    let left: Vec<&String> = said
        .iter()
        .filter(|m| match korean.text(m) {
            None => true,
            Some(ko) => reads_as_english(&without_subject(&ko)),
        })
        .collect();
    assert!(left.is_empty(), "no Korean for:\n{left:#?}");
    assert!(said.len() >= 25, "{said:#?}");
}
