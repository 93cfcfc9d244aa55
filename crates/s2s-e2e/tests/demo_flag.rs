//! `s2s serve --demo --scenario …` starts the real binary in that scenario,
//! and its demo Exchange then publishes an expired certificate.

use s2s_e2e::Server;

#[tokio::test]
async fn the_scenario_flag_sets_the_starting_scenario() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo", "--scenario", "expired-exchange-certificate"]).await?;
    let state: serde_json::Value = reqwest::get(server.url("/api/v1/demo/scenario"))
        .await?
        .json()
        .await?;
    assert_eq!(state["scenario"], "expired-exchange-certificate");
    let report: s2s_core::api::FetchReport = reqwest::get(server.url(
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
