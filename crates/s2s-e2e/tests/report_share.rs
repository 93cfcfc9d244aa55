//! The helpdesk report end to end: an admin on the demo's "expired Exchange
//! certificate" scenario copies a report link; a fresh browser opens it and
//! sees the same red finding, read-only, without one request to the fetch
//! API; printing it gives a PDF with a page per section.

use std::time::Duration;

use s2s_e2e::{Browser, Server, workspace_root};

const WAIT: Duration = Duration::from_secs(30);

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

async fn click(browser: &Browser, selector: &str) -> Result<()> {
    browser
        .client
        .execute(
            &format!("document.querySelector({selector:?}).click(); return null;"),
            vec![],
        )
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_link_opens_read_only_in_a_fresh_browser_and_prints() -> Result<()> {
    let server = Server::start(&["--demo", "--scenario", "expired-exchange-certificate"]).await?;
    let admin = Browser::start().await?;
    admin.client.goto(&server.url("/topology")).await?;
    admin
        .wait_for(
            "demo defaults",
            "const p = document.querySelector('#tp-pool'); return p && p.value ? true : null;",
            WAIT,
        )
        .await?;
    click(&admin, "form button[type=submit]").await?;
    admin
        .wait_for(
            "both fetched",
            "const s = [...document.querySelectorAll('.fetch-summary li')].map(l => l.textContent); \
             return s.length === 3 && s.every(t => t.includes('HTTP')) ? true : null;",
            WAIT,
        )
        .await?;
    click(&admin, "nav.sidenav a[href='/report']").await?;
    admin
        .wait_for(
            "report page",
            "return [...document.querySelectorAll('button')].some(b => b.textContent === 'Copy report link') ? true : null;",
            WAIT,
        )
        .await?;
    admin
        .client
        .execute(
            "[...document.querySelectorAll('button')].find(b => b.textContent === 'Copy report link').click(); return null;",
            vec![],
        )
        .await?;
    let link = admin
        .wait_for(
            "report link",
            "const i = document.querySelector('#report-link'); return i && i.value ? i.value : null;",
            WAIT,
        )
        .await?;
    let link = link.as_str().ok_or("no link")?.to_string();
    assert!(link.contains("/report#s2s-report-v2."), "{link}");
    let errors = admin.console_errors().await?;
    assert!(errors.is_empty(), "admin console errors: {errors:?}");
    admin.close().await;

    // A fresh browser (new profile: no local storage, no state) opens it.
    let helpdesk = Browser::start().await?;
    helpdesk.client.goto(&link).await?;
    let finding = helpdesk
        .wait_for(
            "the expired certificate finding in the report",
            "const f = document.querySelector('.report #finding-exchange-S2S-CERT-EXPIRED'); return f ? f.className : null;",
            WAIT,
        )
        .await?;
    assert!(
        finding.as_str().unwrap_or_default().contains("sev-fail"),
        "{finding}"
    );
    let banner = helpdesk
        .client
        .execute(
            "return document.querySelector('.report-banner').textContent;",
            vec![],
        )
        .await?;
    assert!(
        banner
            .as_str()
            .unwrap_or_default()
            .starts_with("Read-only report made "),
        "{banner}"
    );
    let arrows = helpdesk
        .client
        .execute(
            "const shown = [...document.querySelectorAll('.report .trust-diagram')].filter(d => d.getClientRects().length); \
             if (shown.length !== 1) return 'drawings shown: ' + shown.length; \
             return [...shown[0].querySelectorAll('.arrow')].map(a => a.getAttribute('class'));",
            vec![],
        )
        .await?;
    assert_eq!(
        arrows,
        serde_json::json!(["arrow sev-fail", "arrow sev-pass"])
    );
    // The verdict when the report was made, as the verdict said it then.
    let then = helpdesk
        .client
        .execute(
            "return document.querySelector('#report-then + p').textContent;",
            vec![],
        )
        .await?;
    assert!(
        then.as_str()
            .unwrap_or_default()
            .starts_with("The trust was broken: Exchange: Key $.keys[0]"),
        "{then}"
    );
    // The opened report, as the helpdesk sees it, in both themes.
    let problems = helpdesk.screenshot_both_themes("report-opened").await?;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // In Korean, the whole report reads in Korean (its recorded titles too).
    helpdesk.choose_language("ko").await?;
    helpdesk
        .wait_for(
            "the report in Korean",
            "const b = document.querySelector('.report-banner'); return b && b.textContent.startsWith('읽기 전용 보고서') ? true : null;",
            WAIT,
        )
        .await?;
    let english = helpdesk.english_left().await?;
    assert!(
        english.is_empty(),
        "English left in the Korean report: {english:?}"
    );
    helpdesk.choose_language("en").await?;
    helpdesk
        .wait_for(
            "the report in English again",
            "const b = document.querySelector('.report-banner'); return b && b.textContent.startsWith('Read-only report') ? true : null;",
            WAIT,
        )
        .await?;
    // Nothing to edit in the report, and nothing fetched by this browser.
    let inputs = helpdesk
        .client
        .execute("return document.querySelectorAll('.report input, .report textarea, .report select').length;", vec![])
        .await?;
    assert_eq!(inputs, 0);
    let fetches = helpdesk
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/v1/fetch') || n.includes('/api/v1/demo'));",
            vec![],
        )
        .await?;
    assert_eq!(fetches, serde_json::json!([]), "the report made requests");

    // Print to PDF through Chromium: the print stylesheet puts each section on its own page.
    let pdf = helpdesk
        .client
        .print(fantoccini::wd::PrintConfiguration::default())
        .await?;
    let dir = workspace_root().join("target/screenshots");
    std::fs::create_dir_all(&dir)?;
    let pdf_path = dir.join("report.pdf");
    std::fs::write(&pdf_path, &pdf)?;
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()?;
    assert!(
        text.status.success(),
        "pdftotext (./dev installs poppler-utils)"
    );
    let text = String::from_utf8_lossy(&text.stdout);
    for section in [
        "Read-only report",
        "Verdict",
        "Overview",
        "Findings",
        "Certificates",
        "Documents",
        "S2S-CERT-EXPIRED",
    ] {
        assert!(
            text.contains(section),
            "{section} missing from the PDF:\n{text}"
        );
    }
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 5, "expected a page per section, got {pages}");
    assert!(
        !text.contains("Copy report link") && !text.contains("Topology\n"),
        "controls or navigation printed"
    );
    let errors = helpdesk.console_errors().await?;
    assert!(errors.is_empty(), "helpdesk console errors: {errors:?}");
    helpdesk.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_server_opens_in_report_mode_and_refuses_fetches() -> Result<()> {
    let server = Server::start(&["--read-only"]).await?;
    let refused = s2s_e2e::api_get(
        server
            .url("/api/v1/fetch?url=https%3A%2F%2Fatl-cs-001.litwareinc.com%2Fmetadata%2Fjson%2F1"),
    )
    .await?;
    assert_eq!(refused.status(), 403);
    let body: serde_json::Value = refused.json().await?;
    assert_eq!(body["error"]["code"], "read_only");
    let browser = Browser::start().await?;
    browser.client.goto(&server.url("/")).await?;
    let notice = browser
        .wait_for(
            "report mode",
            "return location.pathname === '/report' && document.querySelector('.notice') ? document.querySelector('.notice').textContent : null;",
            WAIT,
        )
        .await?;
    assert!(
        notice.as_str().unwrap_or_default().contains("read-only"),
        "{notice}"
    );
    let make = browser
        .client
        .execute("return [...document.querySelectorAll('button')].some(b => b.textContent === 'Copy report link');", vec![])
        .await?;
    assert_eq!(
        make, false,
        "a read-only server offers no live report to make"
    );
    browser.close().await;
    Ok(())
}
