//! The real `s2s serve --demo` watches its `litwareinc` deployment: the
//! Overview lists it with its verdict and days to the first certificate
//! expiry; its link, and the alerts' `?deployment=` links to other pages,
//! open it in the console (names filled in, documents fetched); a name the
//! server does not watch is said so.

use std::time::Duration;

use s2s_e2e::{Browser, Server};

const WAIT: Duration = Duration::from_secs(30);

/// Waits until the server's first watch round has recorded `litwareinc`.
async fn watched(server: &Server) -> Result<(), Box<dyn std::error::Error>> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let answer: Vec<s2s_core::api::WatchedDeployment> =
            s2s_e2e::api_get(server.url("/api/v1/deployments"))
                .await?
                .json()
                .await?;
        if answer
            .iter()
            .any(|d| d.name == "litwareinc" && d.checked_at.is_some())
        {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            return Err("the first watch round never finished".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overview_lists_watched_deployments_and_links_open_them()
-> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo"]).await?;
    watched(&server).await?;
    let browser = Browser::start().await?;
    browser.client.goto(&server.url("/")).await?;
    let row = browser
        .wait_for(
            "the watched deployment's row",
            "const r = [...document.querySelectorAll('.watched tbody tr')]; \
             return r.length ? r.map(tr => [...tr.children].map(c => c.textContent.trim())) : null;",
            WAIT,
        )
        .await?;
    let rows: Vec<Vec<String>> = serde_json::from_value(row)?;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let cells = &rows[0];
    assert_eq!(cells[0], "litwareinc", "{cells:?}");
    // The healthy demo carries a note (Exchange also trusts ACS), nothing worse.
    assert_eq!(cells[1], "info", "{cells:?}");
    assert!(cells[2].ends_with("days left"), "{cells:?}");
    assert!(cells[3].ends_with('Z') && cells[3].len() == 20, "{cells:?}");
    let violations = browser.axe_violations().await?;
    assert!(violations.is_empty(), "{violations:?}");

    // The row's link opens the deployment on the Topology page.
    browser
        .client
        .execute(
            "localStorage.clear(); document.querySelector('.watched tbody a').click(); return null;",
            vec![],
        )
        .await?;
    let filled = browser
        .wait_for(
            "the deployment's names in the topology",
            "const p = document.querySelector('#tp-pool'); const s = document.querySelector('#tp-servers'); \
             return p && p.value && location.search === '' ? [location.pathname, p.value, document.querySelector('#tp-exchange').value, document.querySelector('#tp-sip').value, s.value] : null;",
            WAIT,
        )
        .await?;
    assert_eq!(
        filled,
        serde_json::json!([
            "/topology",
            "atl-cs-001.litwareinc.com",
            "autodiscover.litwareinc.com",
            "litwareinc.com",
            "atl-exchange-001"
        ])
    );

    // An alert's link to another page opens it there, and fetches.
    browser
        .client
        .goto(&server.url("/certificates?deployment=litwareinc"))
        .await?;
    let cards = browser
        .wait_for(
            "the fetched certificates",
            "const c = document.querySelectorAll('.cert-card'); \
             return c.length >= 2 && location.search === '' ? [location.pathname, c.length] : null;",
            WAIT,
        )
        .await?;
    assert_eq!(cards[0], "/certificates", "{cards}");

    // A name the server does not watch.
    browser
        .client
        .goto(&server.url("/findings?deployment=contoso"))
        .await?;
    let said = browser
        .wait_for(
            "the notice",
            "const e = document.querySelector('main > p.error'); return e ? e.textContent : null;",
            WAIT,
        )
        .await?;
    assert_eq!(
        said,
        "The s2s server watches no deployment named 'contoso'."
    );
    // It stays until the reader goes elsewhere.
    browser
        .client
        .execute(
            "document.querySelector('nav a[href=\"/\"]').click(); return null;",
            vec![],
        )
        .await?;
    browser
        .wait_for(
            "the notice gone on the next page",
            "return location.pathname === '/' && !document.querySelector('main > p.error') ? true : null;",
            WAIT,
        )
        .await?;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "{errors:?}");
    browser.close().await;
    Ok(())
}
