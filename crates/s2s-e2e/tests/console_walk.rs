//! The console as an administrator uses it, on `s2s serve --demo`: Topology
//! → Fill in → Fetch both → every page, for the healthy demo and for failing
//! scenarios, asserting the verdict and the findings shown. Screenshots of
//! every page in both themes go to `target/screenshots/`. And the same pages
//! with the keyboard alone.

use std::path::PathBuf;
use std::time::Duration;

use s2s_e2e::{Browser, Server, workspace_root};

const WAIT: Duration = Duration::from_secs(30);

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn shots() -> Result<PathBuf> {
    let dir = workspace_root().join("target/screenshots");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

async fn js(browser: &Browser, script: &str) -> Result<serde_json::Value> {
    Ok(browser.client.execute(script, vec![]).await?)
}

/// Clicks a navigation link (client-side: the fetched state stays).
async fn open(browser: &Browser, path: &str, heading: &str) -> Result<()> {
    js(
        browser,
        &format!("document.querySelector(\"nav.sidenav a[href='{path}']\").click(); return null;"),
    )
    .await?;
    browser
        .wait_for(
            &format!("heading {heading}"),
            &format!("const h = document.querySelector('main h1'); return h && h.textContent === {heading:?} ? true : null;"),
            WAIT,
        )
        .await?;
    Ok(())
}

/// What makes a page wider than the screen: the page itself scrolling
/// sideways, or anything sticking out of its content box (but what scrolls
/// in a box of its own: commands, raw JSON, the navigation strip).
const TOO_WIDE: &str = "const root = document.documentElement; \
     const main = document.querySelector('main'); \
     const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight); \
     const page = root.scrollWidth > root.clientWidth ? ['the page scrolls sideways: ' + root.scrollWidth + ' px in ' + root.clientWidth] : []; \
     const wide = [...main.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 1 && !e.closest('pre, .sidenav')); \
     return page.concat(wide.slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' > ' + Math.round(edge)));";

/// The arrows' classes in the diagram on screen (the page holds a wide and a
/// tall drawing and shows the one that fits); an error when not exactly one
/// drawing is shown.
const SHOWN_ARROWS: &str = "const shown = [...document.querySelectorAll('main .trust-diagram')].filter(d => d.getClientRects().length); \
     if (shown.length !== 1) return 'drawings shown: ' + shown.length; \
     return [...shown[0].querySelectorAll('.arrow')].map(a => a.getAttribute('class'));";

/// What makes the diagram on screen hard to read: text drawn smaller than
/// 10 CSS px, or a node's text running out of its box.
const DIAGRAM_UNREADABLE: &str = "const shown = [...document.querySelectorAll('main .trust-diagram')].filter(d => d.getClientRects().length); \
     if (shown.length !== 1) return ['drawings shown: ' + shown.length]; \
     const svg = shown[0]; const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
     const small = [...svg.querySelectorAll('text')].filter(t => t.textContent && parseFloat(getComputedStyle(t).fontSize) * scale < 10) \
       .map(t => 'too small (' + (parseFloat(getComputedStyle(t).fontSize) * scale).toFixed(1) + ' px): ' + t.textContent); \
     const out = [...svg.querySelectorAll('.node')].flatMap(n => { const b = n.querySelector('rect').getBoundingClientRect(); \
       return [...n.querySelectorAll('text')].filter(t => { const r = t.getBoundingClientRect(); return r.left < b.left || r.right > b.right; }) \
         .map(t => 'out of its box: ' + t.textContent); }); \
     return small.concat(out);";

/// The page shown fits the window (see [`TOO_WIDE`]), and on the Overview
/// the diagram is readable (see [`DIAGRAM_UNREADABLE`]).
async fn assert_fits(browser: &Browser, path: &str, what: &str) -> Result<()> {
    let overflow = js(browser, TOO_WIDE).await?;
    assert_eq!(
        overflow,
        serde_json::json!([]),
        "{what}: wider than the screen"
    );
    if path == "/" {
        let unreadable = js(browser, DIAGRAM_UNREADABLE).await?;
        assert_eq!(unreadable, serde_json::json!([]), "{what}: the diagram");
    }
    Ok(())
}

/// Once `ready` holds on the page, the English left on it (see
/// [`Browser::english_left`]), each item named by `label`.
async fn english_left_when(browser: &Browser, label: &str, ready: &str) -> Result<Vec<String>> {
    browser.wait_for(label, ready, WAIT).await?;
    let english = browser.english_left().await?;
    Ok(english
        .into_iter()
        .map(|e| format!("{label}: {e}"))
        .collect())
}

/// Screenshots the page in both themes; no axe-core violation of serious or
/// critical impact, and no id given twice.
async fn screenshot_both_themes(browser: &Browser, name: &str) -> Result<()> {
    let problems = browser.screenshot_both_themes(name).await?;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// The realm's fix needs a value the admin chooses: its link opens the
/// Commands page at that field, unfolded and focused, ready to type.
async fn realm_fix_leads_to_its_field(browser: &Browser) -> Result<()> {
    let link = js(
        browser,
        "const a = document.querySelector(\"#finding-skype-S2S-REALM-SIP-MISMATCH a[href='/commands#in-realm']\"); \
         if (!a) return null; const text = a.textContent; a.click(); return text;",
    )
    .await?;
    assert_eq!(
        link.as_str(),
        Some("Fill in “Skype OAuth realm” on the Commands page"),
        "the realm finding's link to its field"
    );
    browser
        .wait_for(
            "the realm field, unfolded and focused",
            "const f = document.activeElement; \
             return f && f.id === 'in-realm' && f.closest('details').open && document.querySelector('main h1').textContent === 'Commands' ? true : null;",
            WAIT,
        )
        .await?;
    open(browser, "/findings", "Findings").await
}

/// Waits until neither side is fetching and both have a result.
async fn wait_fetched(browser: &Browser) -> Result<String> {
    let v = browser
        .wait_for(
            "both fetches",
            // Done when no line is pending or not yet fetched (by its class:
            // the words depend on the language).
            "const s = [...document.querySelectorAll('.fetch-summary li')]; \
             return s.length === 3 && s.every(l => !l.querySelector('.status-pending, .status-muted')) ? s.map(l => l.textContent).join(' | ') : null;",
            WAIT,
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// The ids of the findings on the Findings page, with their severity.
async fn findings(browser: &Browser) -> Result<Vec<String>> {
    open(browser, "/findings", "Findings").await?;
    browser
        .wait_for(
            "findings",
            "return document.querySelector('article.finding') ? true : null;",
            WAIT,
        )
        .await?;
    Ok(serde_json::from_value(
        js(
            browser,
            "return [...document.querySelectorAll('article.finding')].map(a => a.querySelector('.finding-id').textContent + ':' + a.querySelector('.sev-badge').textContent);",
        )
        .await?,
    )?)
}

async fn choose_scenario(browser: &Browser, id: &str) -> Result<()> {
    choose_scenario_on(browser, id, "Topology").await
}

/// [`choose_scenario`] with the Topology page's heading in the language shown.
async fn choose_scenario_on(browser: &Browser, id: &str, topology: &str) -> Result<()> {
    open(browser, "/topology", topology).await?;
    browser
        .wait_for(
            "scenario picker",
            "return document.querySelector('#demo-scenario option') ? true : null;",
            WAIT,
        )
        .await?;
    js(
        browser,
        &format!(
            "const s = document.querySelector('#demo-scenario'); s.value = '{id}'; \
             s.dispatchEvent(new Event('change', {{bubbles: true}})); return null;"
        ),
    )
    .await?;
    // Switching refetches both documents; wait for the new answers.
    browser
        .wait_for(
            "refetch after the switch",
            "return document.querySelector('.fetch-summary .status-pending') ? true : null;",
            Duration::from_secs(5),
        )
        .await
        .ok();
    wait_fetched(browser).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_and_failing_scenarios_walk_every_page() -> Result<()> {
    let server = Server::start(&["--demo"]).await?;
    let browser = Browser::start().await?;
    browser.client.goto(&server.url("/topology")).await?;
    browser
        .wait_for(
            "demo banner",
            "return document.querySelector('.demo-banner') ? true : null;",
            WAIT,
        )
        .await?;
    screenshot_both_themes(&browser, "topology-start").await?;

    // On the demo, an untouched form starts from the demo's deployment.
    let prefilled = browser
        .wait_for(
            "demo defaults",
            "const v = document.querySelector('#tp-pool').value; return v ? v : null;",
            WAIT,
        )
        .await?;
    assert_eq!(prefilled, "atl-cs-001.litwareinc.com");
    // The example button puts the same names back.
    js(
        &browser,
        "[...document.querySelectorAll('form button')].find(b => b.textContent.includes('example')).click(); return null;",
    )
    .await?;
    let urls = browser
        .wait_for(
            "derived URLs",
            "const c = [...document.querySelectorAll('.derived code')].map(c => c.textContent); return c.length === 2 ? c : null;",
            WAIT,
        )
        .await?;
    assert_eq!(
        urls,
        serde_json::json!([
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1"
        ])
    );
    js(
        &browser,
        "document.querySelector('form button[type=submit]').click(); return null;",
    )
    .await?;
    let summary = wait_fetched(&browser).await?;
    assert_eq!(summary.matches("HTTP 200").count(), 2, "{summary}");
    screenshot_both_themes(&browser, "topology").await?;

    // Healthy: nothing fails, the verdict is green.
    let healthy = findings(&browser).await?;
    assert!(
        healthy
            .iter()
            .all(|f| f.ends_with(":pass") || f.ends_with(":info")),
        "{healthy:?}"
    );
    assert!(
        healthy.iter().any(|f| f == "S2S-CERT-VALID:pass"),
        "{healthy:?}"
    );
    screenshot_both_themes(&browser, "findings").await?;

    open(&browser, "/", "Overview").await?;
    let verdict = browser
        .wait_for(
            "verdict",
            "const v = document.querySelector('.verdict'); return v ? v.className + '|' + v.textContent : null;",
            WAIT,
        )
        .await?;
    assert!(
        verdict.as_str().unwrap_or_default().contains("sev-pass"),
        "{verdict}"
    );
    let arrows = js(&browser, SHOWN_ARROWS).await?;
    assert_eq!(
        arrows,
        serde_json::json!(["arrow sev-pass", "arrow sev-pass"])
    );
    assert_eq!(
        js(&browser, DIAGRAM_UNREADABLE).await?,
        serde_json::json!([]),
        "the diagram at 1280 px"
    );
    screenshot_both_themes(&browser, "overview").await?;

    open(&browser, "/metadata", "Metadata").await?;
    let columns = js(
        &browser,
        "return [...document.querySelectorAll('.doc-column')].map(c => c.textContent);",
    )
    .await?;
    let columns: Vec<String> = serde_json::from_value(columns)?;
    assert_eq!(columns.len(), 2);
    assert!(
        columns[0].contains("00000004-0000-0ff1-ce00-000000000000"),
        "{}",
        columns[0]
    );
    assert!(columns[0].contains("Skype for Business Server"));
    assert!(columns[1].contains("00000002-0000-0ff1-ce00-000000000000"));
    for step in ["resolve", "connect", "tls", "http"] {
        assert!(columns[0].contains(step), "{step} missing: {}", columns[0]);
    }
    screenshot_both_themes(&browser, "metadata").await?;

    open(&browser, "/certificates", "Certificates").await?;
    let cards = browser
        .wait_for(
            "certificate cards",
            "const c = document.querySelectorAll('.cert-card'); return c.length >= 4 ? [...c].map(x => x.querySelector('.cert-origin').textContent) : null;",
            WAIT,
        )
        .await?;
    let cards: Vec<String> = serde_json::from_value(cards)?;
    assert!(
        cards.iter().any(|c| c.contains("Exchange · signing key")),
        "{cards:?}"
    );
    assert!(
        cards.iter().any(|c| c.contains("TLS server certificate")),
        "{cards:?}"
    );
    screenshot_both_themes(&browser, "certificates").await?;

    open(&browser, "/commands", "Commands").await?;
    let prefilled = js(
        &browser,
        "return [document.querySelector('#in-pool').value, document.querySelector('#in-exchange').value, document.querySelector('#in-servers').value];",
    )
    .await?;
    assert_eq!(
        prefilled,
        serde_json::json!([
            "atl-cs-001.litwareinc.com",
            "autodiscover.litwareinc.com",
            "atl-exchange-001"
        ])
    );
    screenshot_both_themes(&browser, "commands").await?;
    // Test results: the pasted 401 with 2000004 gives the failing verdict.
    open(&browser, "/test-results", "Test results").await?;
    let pasted = std::fs::read_to_string(
        workspace_root().join("fixtures/testout/test-csexstorage-401-2000004-verbose.txt"),
    )?;
    browser
        .client
        .execute(
            "const t = document.querySelector('#paste-0'); t.value = arguments[0]; \
             t.dispatchEvent(new Event('input', {bubbles: true})); return null;",
            vec![serde_json::Value::String(pasted)],
        )
        .await?;
    let verdict = browser
        .wait_for(
            "test verdict",
            "const v = document.querySelector('.test-reading .verdict'); return v ? v.className + '|' + v.textContent : null;",
            WAIT,
        )
        .await?;
    let verdict = verdict.as_str().unwrap_or_default();
    assert!(
        verdict.starts_with("verdict sev-fail|Failed: ") && verdict.contains("2000004"),
        "{verdict}"
    );
    screenshot_both_themes(&browser, "test-results").await?;
    for (path, heading, name) in [("/report", "Report", "report")] {
        open(&browser, path, heading).await?;
        screenshot_both_themes(&browser, name).await?;
    }

    // A phone (375 CSS px) and 200% zoom of a 1280 px window (640 CSS px):
    // nothing may need sideways scrolling, on any page (TOO_WIDE).
    for width in [375u32, 640] {
        browser.client.set_window_size(width, 812).await?;
        for (path, heading, name) in [
            ("/", "Overview", "overview"),
            ("/topology", "Topology", "topology"),
            ("/metadata", "Metadata", "metadata"),
            ("/certificates", "Certificates", "certificates"),
            ("/findings", "Findings", "findings"),
            ("/commands", "Commands", "commands"),
            ("/test-results", "Test results", "test-results"),
            ("/report", "Report", "report"),
        ] {
            open(&browser, path, heading).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            std::fs::write(
                shots()?.join(format!("{name}-{width}.png")),
                browser.client.screenshot().await?,
            )?;
            assert_fits(&browser, path, &format!("{name} at {width} px")).await?;
        }
    }
    browser.client.set_window_size(1280, 900).await?;

    // Failing scenarios: each shows its own finding.
    // (scenario, finding, the arrow it colours: 0 is Exchange → Skype, severity)
    for (scenario, expected, arrow, severity) in [
        (
            "expired-exchange-certificate",
            "S2S-CERT-EXPIRED:fail",
            0,
            "fail",
        ),
        // Skype's realm moved away from the SIP domain (a warning on its own),
        // and the live probe shows Exchange still trusting the old realm.
        (
            "realm-mismatch",
            "S2S-PROBE-TRUST-REALM-DIFFERS:fail",
            1,
            "fail",
        ),
        ("pool-unreachable", "S2S-DOC-UNREACHABLE:fail", 1, "fail"),
        (
            "exchange-not-configured",
            "S2S-PROBE-SKYPE-NOT-TRUSTED:fail",
            1,
            "fail",
        ),
        ("html-login-page", "S2S-DOC-NOT-JSON:fail", 0, "fail"),
    ] {
        choose_scenario(&browser, scenario).await?;
        let found = findings(&browser).await?;
        assert!(
            found.iter().any(|f| f == expected),
            "{scenario}: {expected} not in {found:?}"
        );
        screenshot_both_themes(&browser, &format!("findings-{scenario}")).await?;
        if scenario == "realm-mismatch" {
            realm_fix_leads_to_its_field(&browser).await?;
        }
        open(&browser, "/", "Overview").await?;
        let arrows: Vec<String> = serde_json::from_value(js(&browser, SHOWN_ARROWS).await?)?;
        assert_eq!(
            arrows[arrow],
            format!("arrow sev-{severity}"),
            "{scenario}: {arrows:?}"
        );
        assert_eq!(
            arrows[1 - arrow],
            "arrow sev-pass",
            "{scenario}: {arrows:?}"
        );
        let verdict = js(
            &browser,
            "return document.querySelector('.verdict').className;",
        )
        .await?;
        assert_eq!(verdict, format!("verdict sev-{severity}"), "{scenario}");
        // The fix is one click away: the verdict links to the finding.
        let next = js(
            &browser,
            "return document.querySelector('.next-step a').getAttribute('href');",
        )
        .await?;
        assert!(
            next.as_str()
                .unwrap_or_default()
                .starts_with("/findings#finding-"),
            "{scenario}: {next}"
        );
        screenshot_both_themes(&browser, &format!("overview-{scenario}")).await?;
        // …and lands on that finding, one of the severity the verdict names.
        js(
            &browser,
            "document.querySelector('.next-step a').click(); return null;",
        )
        .await?;
        let anchor = next
            .as_str()
            .unwrap_or_default()
            .trim_start_matches("/findings#");
        let landed = browser
            .wait_for(
                "the verdict's finding",
                &format!("const f = document.getElementById({anchor:?}); return f && f.classList.contains('finding') ? f.className : null;"),
                WAIT,
            )
            .await?;
        assert!(
            landed
                .as_str()
                .unwrap_or_default()
                .contains(&format!("sev-{severity}")),
            "{scenario}: {landed}"
        );
        // The keyboard goes on from the finding, not from the top.
        browser
            .wait_for(
                "the focus on the verdict's finding",
                &format!("return document.activeElement && document.activeElement.id === {anchor:?} ? true : null;"),
                WAIT,
            )
            .await?;
        // The navigation's count is read out as a sentence.
        let findings_link = js(
            &browser,
            "return document.querySelector(\"nav.sidenav a[href='/findings']\").textContent;",
        )
        .await?;
        let findings_link = findings_link.as_str().unwrap_or_default();
        assert!(
            findings_link.contains(" failed, ")
                && (findings_link.ends_with(" warnings)")
                    || findings_link.ends_with(" 1 warning)")),
            "{scenario}: {findings_link}"
        );
        open(&browser, "/", "Overview").await?;
        // What each scenario shows also fits a phone.
        browser.client.set_window_size(375, 812).await?;
        for (path, heading) in [("/", "Overview"), ("/findings", "Findings")] {
            open(&browser, path, heading).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert_fits(&browser, path, &format!("{scenario}: {heading} at 375 px")).await?;
        }
        browser.client.set_window_size(1280, 900).await?;
    }

    // In Korean: the switch in the header renders every page again in Korean,
    // findings included; the pages stay accessible.
    browser.choose_language("ko").await?;
    browser
        .wait_for(
            "Korean navigation",
            "const t = document.querySelector(\"nav.sidenav a[href='/findings'] .step-title\"); return t && t.textContent === '진단 결과' ? true : null;",
            WAIT,
        )
        .await?;
    for (path, heading, name) in [
        ("/", "개요", "overview-ko"),
        ("/topology", "토폴로지", "topology-ko"),
        ("/metadata", "메타데이터", "metadata-ko"),
        ("/commands", "명령", "commands-ko"),
        ("/test-results", "테스트 결과", "test-results-ko"),
        // Last: the check below reads its finding.
        ("/findings", "진단 결과", "findings-ko"),
    ] {
        open(&browser, path, heading).await?;
        screenshot_both_themes(&browser, name).await?;
    }
    let verdict = js(
        &browser,
        "return document.querySelector('main').textContent;",
    )
    .await?;
    assert!(
        verdict
            .as_str()
            .unwrap_or_default()
            .contains("응답이 메타데이터 문서가 아니라 HTML 페이지입니다"),
        "the last scenario's finding (an HTML login page) in Korean: {verdict}"
    );
    // Every page, in every scenario, with what the earlier steps left on it
    // (documents, a plan, pasted output), has its text in Korean.
    let mut english_left = Vec::new();
    for scenario in [
        "html-login-page",
        "healthy",
        "expired-exchange-certificate",
        "realm-mismatch",
        "pool-unreachable",
        "exchange-not-configured",
    ] {
        if scenario != "html-login-page" {
            choose_scenario_on(&browser, scenario, "토폴로지").await?;
        }
        for (path, heading) in [
            ("/", "개요"),
            ("/topology", "토폴로지"),
            ("/metadata", "메타데이터"),
            ("/certificates", "인증서"),
            ("/findings", "진단 결과"),
            ("/commands", "명령"),
            ("/test-results", "테스트 결과"),
            ("/report", "보고서"),
        ] {
            open(&browser, path, heading).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            english_left.extend(
                english_left_when(&browser, &format!("{scenario} {path}"), "return true;").await?,
            );
        }
    }
    // Bad input reads in Korean too: the forms' problems and notes, a paste
    // that is no certificate, a damaged report link.
    let fill = |id: &'static str, value: &'static str| {
        let browser = &browser;
        async move {
            js(
                browser,
                &format!(
                    "const f = document.getElementById('{id}'); f.value = {value:?}; \
                     f.dispatchEvent(new Event('input', {{bubbles: true}})); return null;"
                ),
            )
            .await
        }
    };
    open(&browser, "/commands", "명령").await?;
    for (id, value) in [
        (
            "in-pool",
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
        ),
        ("in-user", "kenmyer@litwareinc.com"),
        ("in-exchange", "autodiscover_litwareinc.com"),
        ("in-oauth", "12AB"),
        ("in-oauth-date", "tomorrow"),
        ("in-trust", "Partial"),
        ("in-cert", "MIIB!x"),
    ] {
        fill(id, value).await?;
    }
    english_left.extend(
        english_left_when(
            &browser,
            "/commands (bad input)",
            "return document.querySelectorAll('.field-error').length >= 5 ? true : null;",
        )
        .await?,
    );
    for (id, value) in [
        ("in-exchange", "autodiscover.litwareinc.com"),
        ("in-oauth", ""),
        ("in-oauth-date", ""),
        ("in-trust", ""),
        ("in-cert", ""),
    ] {
        fill(id, value).await?;
    }
    english_left.extend(
        english_left_when(
            &browser,
            "/commands (notes)",
            "return document.querySelectorAll('.notes li').length >= 2 ? true : null;",
        )
        .await?,
    );
    open(&browser, "/certificates", "인증서").await?;
    fill("inspect-paste", "MIIB!x").await?;
    english_left.extend(
        english_left_when(
            &browser,
            "/certificates (bad paste)",
            "return document.querySelector('main [role=alert]') ? true : null;",
        )
        .await?,
    );
    browser
        .client
        .goto(&server.url("/report#s2s-report-v1.a*b"))
        .await?;
    english_left.extend(
        english_left_when(
            &browser,
            "/report (damaged link)",
            "return document.querySelector('main [role=alert]') ? true : null;",
        )
        .await?,
    );
    assert!(
        english_left.is_empty(),
        "English left in Korean:\n{}",
        english_left.join("\n")
    );

    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await;
    Ok(())
}

/// Marks the element that has the focus and says how it looks: its name, and
/// whether it shows a focus ring (an outline of at least 2 px) and is on
/// screen. `null` when the focus left the page (after its last control);
/// `{again: true}` when it came back to an element already seen.
const FOCUSED: &str = "const e = document.activeElement; \
     if (!e || e === document.body || e === document.documentElement) return null; \
     if (e.dataset.tabbed) return {again: true}; \
     e.dataset.tabbed = '1'; \
     const s = getComputedStyle(e); const r = e.getBoundingClientRect(); \
     return {again: false, \
             name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' \"' + (e.textContent || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40) + '\"', \
             ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, \
             shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight};";

/// The controls a keyboard user must be able to reach that Tab has not
/// reached: every enabled link, button, field and fold summary on screen (a
/// `tabindex="-1"` on one of them is a defect too) and whatever else is put
/// in the order, but what is inside a closed fold (whose summary counts).
const NOT_REACHED: &str = "return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')] \
     .filter(e => !e.disabled && (e.matches('a[href], button, input, select, textarea, summary') || e.tabIndex >= 0)) \
     .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden') \
     .filter(e => { const d = e.closest('details:not([open])'); return !d || (e.tagName === 'SUMMARY' && e.parentElement === d); }) \
     .filter(e => !e.dataset.tabbed) \
     .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' \"' + (e.textContent || '').trim().slice(0, 40) + '\"');";

/// With the keyboard alone, every control of every page is reached by Tab,
/// in turn, and shows that it has the focus.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tab_reaches_every_control_and_shows_the_focus() -> Result<()> {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;

    let server = Server::start(&["--demo"]).await?;
    let browser = Browser::start().await?;
    // Fetched documents: the pages show the most controls then.
    browser.client.goto(&server.url("/topology")).await?;
    browser
        .wait_for(
            "demo defaults",
            "const p = document.querySelector('#tp-pool'); return p && p.value ? true : null;",
            WAIT,
        )
        .await?;
    js(
        &browser,
        "document.querySelector('form button[type=submit]').click(); return null;",
    )
    .await?;
    wait_fetched(&browser).await?;
    for (path, heading) in [
        ("/", "Overview"),
        ("/topology", "Topology"),
        ("/metadata", "Metadata"),
        ("/certificates", "Certificates"),
        ("/findings", "Findings"),
        ("/commands", "Commands"),
        ("/test-results", "Test results"),
        ("/report", "Report"),
    ] {
        open(&browser, path, heading).await?;
        js(
            &browser,
            "document.querySelectorAll('[data-tabbed]').forEach(e => delete e.dataset.tabbed); return null;",
        )
        .await?;
        let mut reached = Vec::new();
        let mut without_ring = Vec::new();
        let mut left_page = 0;
        for _ in 0..600 {
            let tab = KeyActions::new("keyboard".into())
                .then(KeyAction::Down {
                    value: char::from(Key::Tab),
                })
                .then(KeyAction::Up {
                    value: char::from(Key::Tab),
                });
            browser.client.perform_actions(tab).await?;
            let focused = js(&browser, FOCUSED).await?;
            // From wherever the focus is, round the page once: past its last
            // control the focus leaves the page and comes back at the top.
            if focused["again"] == true {
                break;
            }
            if focused.is_null() {
                left_page += 1;
                assert!(
                    left_page < 3,
                    "{path}: the focus does not come back to the page"
                );
                continue;
            }
            let name = focused["name"].as_str().unwrap_or_default().to_string();
            if focused["ring"] != true || focused["shown"] != true {
                without_ring.push(format!(
                    "{name} (ring {}, on screen {})",
                    focused["ring"], focused["shown"]
                ));
            }
            reached.push(name);
        }
        let missed = js(&browser, NOT_REACHED).await?;
        assert_eq!(
            missed,
            serde_json::json!([]),
            "{path}: Tab never reached these (it reached {reached:?})"
        );
        assert!(
            without_ring.is_empty(),
            "{path}: the focus does not show on {without_ring:?}"
        );
        // The page has controls of its own, not just the header's.
        assert!(reached.len() > 8, "{path}: Tab reached only {reached:?}");
    }
    browser.close().await;
    Ok(())
}
