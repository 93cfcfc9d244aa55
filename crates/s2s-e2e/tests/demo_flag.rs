//! `s2s serve --demo --scenario …` starts the real binary in that scenario,
//! and its demo Exchange then publishes an expired certificate.

use s2s_e2e::Server;

#[tokio::test]
async fn the_scenario_flag_sets_the_starting_scenario() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo", "--scenario", "expired-exchange-certificate"]).await?;
    let state: serde_json::Value = s2s_e2e::api_get(server.url("/api/v1/demo/scenario"))
        .await?
        .json()
        .await?;
    assert_eq!(state["scenario"], "expired-exchange-certificate");
    let report: s2s_core::api::FetchReport = s2s_e2e::api_get(server.url(
        "/api/v1/fetch?url=https%3A%2F%2Fautodiscover.litwareinc.com%2Fautodiscover%2Fmetadata%2Fjson%2F1",
    ))
    .await?
    .json()
    .await?;
    let doc = s2s_core::metadata::parse(&report.body_bytes())?;
    let key = doc.keys.first().ok_or("no key")?;
    let der = key.der.as_ref().map_err(|e| e.to_string())?;
    let cert = s2s_core::cert::decode_der(der)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    assert!(
        cert.summary.is_expired(s2s_core::time::UnixTime(now)),
        "not expired: {:?}",
        cert.summary.not_after
    );
    Ok(())
}

/// A scenario switch that fails (here the server has gone) keeps the
/// picker, shows what still plays, and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_scenario_switch_keeps_the_picker() -> Result<(), Box<dyn std::error::Error>> {
    let wait = std::time::Duration::from_secs(30);
    let server = Server::start(&["--demo"]).await?;
    let browser = s2s_e2e::Browser::start().await?;
    browser.client.goto(&server.url("/topology")).await?;
    browser
        .wait_for(
            "the scenario picker",
            "const s = document.querySelector('#demo-scenario'); return s && s.value ? s.value : null;",
            wait,
        )
        .await?;
    drop(server);
    browser
        .client
        .execute(
            "const s = document.querySelector('#demo-scenario'); s.value = 'realm-mismatch'; \
             s.dispatchEvent(new Event('change', { bubbles: true })); return null;",
            vec![],
        )
        .await?;
    let said = browser
        .wait_for(
            "the failed switch",
            "const e = document.querySelector('.demo-banner .error'); return e ? e.textContent : null;",
            wait,
        )
        .await?;
    assert!(
        said.as_str()
            .unwrap_or_default()
            .starts_with("The scenario was not switched ("),
        "{said}"
    );
    let shown = browser
        .client
        .execute(
            "const s = document.querySelector('#demo-scenario'); return s ? s.value : null;",
            vec![],
        )
        .await?;
    assert_eq!(
        shown,
        serde_json::json!("healthy"),
        "the picker shows what plays"
    );
    browser.close().await;
    Ok(())
}
