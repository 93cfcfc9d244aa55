//! The real `s2s serve --demo` serving the release build, in headless Chromium.

use std::time::Duration;

use s2s_e2e::{Browser, Server, workspace_root};

const WAIT: Duration = Duration::from_secs(20);

/// The text of the page heading once it says `expected`.
async fn wait_for_heading(browser: &Browser, expected: &str) -> Result<(), String> {
    let script = format!(
        "const h = document.querySelector('main h1'); return h && h.textContent === {expected:?} ? h.textContent : null;"
    );
    browser
        .wait_for(&format!("heading {expected:?}"), &script, WAIT)
        .await
        .map(|_| ())
        .map_err(|e| format!("{e} (current heading: see screenshot under target/e2e/)"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_build_renders_under_csp_without_console_errors()
-> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo"]).await?;

    // The CSP header as any client sees it.
    let resp = s2s_e2e::api_get(server.url("/")).await?;
    assert!(resp.status().is_success());
    let csp = resp
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "CSP: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "CSP: {csp}");
    assert!(!csp.contains("unsafe-inline"), "CSP: {csp}");

    // The demo servers inside the process answer through the proxy.
    let report: serde_json::Value = s2s_e2e::api_get(server.url(
        "/api/v1/fetch?url=https%3A%2F%2Fautodiscover.litwareinc.com%2Fautodiscover%2Fmetadata%2Fjson%2F1",
    ))
    .await?
    .json()
    .await?;
    assert_eq!(report["status"], 200, "{report}");
    assert!(
        report["body"]
            .as_str()
            .unwrap_or("")
            .contains("00000002-0000-0ff1-ce00-000000000000")
    );

    let browser = Browser::start().await?;
    let client = &browser.client;
    client.goto(&server.url("/")).await?;
    let shot_dir = workspace_root().join("target/e2e");
    std::fs::create_dir_all(&shot_dir)?;
    let result = wait_for_heading(&browser, "Overview").await;
    // Screenshot whatever is there, so a failure can be looked at.
    std::fs::write(shot_dir.join("overview.png"), client.screenshot().await?)?;
    result?;

    let brand = browser
        .wait_for(
            "brand",
            "const b = document.querySelector('.brand-name'); return b ? b.textContent : null;",
            WAIT,
        )
        .await?;
    assert_eq!(brand, "S2S Console");

    // Chromium asks for brotli on loopback addresses too, so the WASM came in
    // brotli: as many bytes as the server's `br` answer, fewer than its gzip.
    let wasm: (String, u64) = serde_json::from_value(
        client
            .execute(
                "const w = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm')); \
                 return w ? [w.name, w.encodedBodySize] : null;",
                vec![],
            )
            .await?,
    )?;
    let http = reqwest::Client::new();
    let length_in = async |coding: &str| -> Result<Option<u64>, reqwest::Error> {
        let resp = http
            .get(&wasm.0)
            .header("accept-encoding", coding)
            .send()
            .await?;
        Ok(resp.content_length())
    };
    let (br, gzip) = (length_in("br").await?, length_in("gzip").await?);
    assert_eq!(Some(wasm.1), br, "{wasm:?}: br {br:?}, gzip {gzip:?}");
    assert!(br < gzip, "br {br:?}, gzip {gzip:?}");

    // The page reached the API under `connect-src 'self'`.
    let badge = browser
        .wait_for(
            "mode badge",
            "const b = document.querySelector('.badge-demo'); return b ? b.textContent : null;",
            WAIT,
        )
        .await?;
    assert_eq!(badge, "Demo mode");
    std::fs::write(shot_dir.join("overview.png"), client.screenshot().await?)?;

    let nav: Vec<String> = serde_json::from_value(
        client
            .execute(
                "return [...document.querySelectorAll('nav.sidenav a')].map(a => a.textContent.trim());",
                vec![],
            )
            .await?,
    )?;
    assert_eq!(
        nav,
        [
            "Overview",
            "1Topology",
            "2Metadata",
            "3Certificates",
            "4Findings",
            "5Commands",
            "6Test results",
            "Report"
        ]
    );

    // Client-side navigation.
    client
        .find(fantoccini::Locator::Css(
            "nav.sidenav a[href='/certificates']",
        ))
        .await?
        .click()
        .await?;
    wait_for_heading(&browser, "Certificates").await?;
    assert_eq!(client.current_url().await?.path(), "/certificates");
    let current = client
        .execute("return document.querySelector('nav.sidenav a[aria-current=page]').getAttribute('href');", vec![])
        .await?;
    assert_eq!(current, "/certificates");

    // A deep link loads the app at that page (the server answers app routes with the page).
    client.goto(&server.url("/test-results")).await?;
    wait_for_heading(&browser, "Test results").await?;

    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "browser console errors: {errors:#?}");
    browser.close().await;
    Ok(())
}
