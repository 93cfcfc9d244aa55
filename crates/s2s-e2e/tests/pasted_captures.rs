//! Every real capture of `fixtures/real/pastes/` pasted into the Test results
//! page of the release build: the page shows the facts `s2s read --json`
//! finds in the same text (the CLI and the page share one reader; this shows
//! nothing is lost or changed on the way to the screen).

use std::time::Duration;

use s2s_e2e::{Browser, Server};
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(20);

/// Every capture of the corpus, by name, in order.
fn captures() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let dir = s2s_e2e::workspace_root().join("fixtures/real/pastes");
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    Ok(names)
}

/// The capture as an admin pastes it: the file without its two `# ` source
/// lines and the blank line after them.
fn capture(slug: &str) -> Result<String, Box<dyn std::error::Error>> {
    let path = s2s_e2e::workspace_root()
        .join("fixtures/real/pastes")
        .join(format!("{slug}.txt"));
    let text = std::fs::read_to_string(&path)?;
    let body = text
        .splitn(4, '\n')
        .nth(3)
        .ok_or_else(|| format!("{}: no capture after the header lines", path.display()))?;
    Ok(body.to_string())
}

/// What `s2s read --json` says of `text`.
fn read_with_cli(text: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("paste.txt");
    std::fs::write(&file, text)?;
    let out = std::process::Command::new(s2s_e2e::s2s_binary())
        .arg("read")
        .arg(&file)
        .arg("--json")
        .output()?;
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// The page's facts: each `<dt>` with its `<dd>`.
async fn page_facts(
    browser: &Browser,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let pairs = browser
        .client
        .execute(
            "return [...document.querySelectorAll('.test-reading dl.doc-fields dt')]\
             .map(dt => [dt.textContent, dt.nextElementSibling ? dt.nextElementSibling.textContent : '']);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(pairs)?)
}

/// Pastes `text` into the first output field, as typing or pasting would.
async fn paste(browser: &Browser, text: String) -> Result<(), Box<dyn std::error::Error>> {
    browser
        .client
        .execute(
            "const t = document.querySelector('#paste-0'); t.value = arguments[0]; \
             t.dispatchEvent(new Event('input', {bubbles: true})); return null;",
            vec![Value::String(text)],
        )
        .await?;
    Ok(())
}

fn row<'a>(facts: &'a [(String, String)], term: &str) -> Vec<&'a str> {
    facts
        .iter()
        .filter(|(t, _)| t == term)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn numbers(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|l| l.iter().map(|n| n.to_string()).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_captures_show_the_facts_the_cli_reads() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo"]).await?;
    let browser = Browser::start().await?;
    browser.client.goto(&server.url("/test-results")).await?;
    browser
        .wait_for(
            "the first output field",
            "return document.querySelector('#paste-0') ? 1 : null;",
            WAIT,
        )
        .await?;
    let all = captures()?;
    assert!(all.len() >= 40, "the corpus has {} captures", all.len());
    for slug in &all {
        let text = capture(slug)?;
        let cli = read_with_cli(&text)?;
        let facts = &cli["facts"];
        assert_eq!(cli["unrecognised"], false, "{slug}: the CLI read nothing");
        // The last capture's reading goes first, so that what is waited for
        // below is this one's.
        paste(&browser, String::new()).await?;
        browser
            .wait_for(
                "the reading cleared",
                "return document.querySelector('.test-reading .verdict') ? null : 1;",
                WAIT,
            )
            .await?;
        paste(&browser, text).await?;
        // The reading of this capture (the last one's was cleared).
        browser
            .wait_for(
                &format!("{slug}: the reading"),
                "return document.querySelector('.test-reading .verdict') ? 1 : null;",
                WAIT,
            )
            .await?;
        let shown = page_facts(&browser).await?;
        let statuses = numbers(&facts["http_statuses"]).join(", ");
        if statuses.is_empty() {
            assert!(row(&shown, "HTTP status").is_empty(), "{slug}: {shown:?}");
        } else {
            assert_eq!(row(&shown, "HTTP status"), [statuses.as_str()], "{slug}");
        }
        for d in facts["diagnostics"].as_array().into_iter().flatten() {
            let code = d["code"].to_string();
            assert!(
                row(&shown, "x-ms-diagnostics")
                    .iter()
                    .any(|v| v.starts_with(&code)),
                "{slug}: x-ms-diagnostics {code} is not shown: {shown:?}"
            );
        }
        for issuer in facts["trusted_issuers"].as_array().into_iter().flatten() {
            let pair = format!(
                "{}@{}",
                issuer["principal"].as_str().unwrap_or_default(),
                issuer["realm"].as_str().unwrap_or_default()
            );
            assert!(
                row(&shown, "Trusted issuers")
                    .iter()
                    .any(|v| v.contains(&pair)),
                "{slug}: trusted issuer {pair} is not shown: {shown:?}"
            );
        }
        let events = numbers(&facts["event_ids"]).join(", ");
        if !events.is_empty() {
            assert_eq!(row(&shown, "Event"), [events.as_str()], "{slug}");
        }
        if let Some(uri) = facts["autodiscover_uri"].as_str() {
            assert_eq!(row(&shown, "Autodiscover"), [uri], "{slug}");
        }
        if let Some(outcome) = facts["outcome"].as_str() {
            assert_eq!(row(&shown, "Outcome"), [outcome], "{slug}");
        }
        if let Some(command) = cli["command"].as_str() {
            assert!(
                row(&shown, "Recognised")
                    .first()
                    .is_some_and(|r| r.contains(command)),
                "{slug}: {command} is not named as recognised: {shown:?}"
            );
        }
    }
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "browser console errors: {errors:#?}");
    browser.close().await;
    Ok(())
}
