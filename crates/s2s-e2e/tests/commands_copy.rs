//! The Commands page in the real release build: a real click on a copy button
//! puts the exact command on the clipboard.

use std::time::Duration;

use fantoccini::Locator;
use s2s_e2e::{Browser, Server};

const WAIT: Duration = Duration::from_secs(20);
const EXPECTED: &str = "New-CsPartnerApplication -Identity 'Exchange' -ApplicationTrustLevel Full -MetadataUrl 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1'";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_button_puts_the_exact_command_on_the_clipboard()
-> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo"]).await?;
    let browser = Browser::start().await?;
    let client = &browser.client;
    client.goto(&server.url("/commands")).await?;
    browser
        .wait_for("Commands heading", "const h = document.querySelector('main h1'); return h && h.textContent === 'Commands' ? 1 : null;", WAIT)
        .await?;
    client
        .find(Locator::Css(".form-actions button"))
        .await?
        .click()
        .await?;
    browser
        .wait_for("the plan", "return document.querySelector(\"[data-step='skype-partner-application'] pre code\") ? 1 : null;", WAIT)
        .await?;
    browser.grant("clipboard-read").await?;
    browser.grant("clipboard-write").await?;
    client
        .find(Locator::Css(
            "[data-step='skype-partner-application'] button.copy",
        ))
        .await?
        .click()
        .await?;
    let state = browser
        .wait_for(
            "the copy result",
            "const b = document.querySelector(\"[data-step='skype-partner-application'] button.copy\"); const s = b && b.dataset.state; return s && s !== 'idle' ? s : null;",
            WAIT,
        )
        .await?;
    assert_eq!(state, "copied");
    let copied = client
        .execute_async("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERROR ' + e));", vec![])
        .await?;
    assert_eq!(copied, EXPECTED);
    let shots = s2s_e2e::workspace_root().join("target/e2e");
    std::fs::create_dir_all(&shots)?;
    std::fs::write(shots.join("commands.png"), client.screenshot().await?)?;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "browser console errors: {errors:#?}");
    browser.close().await;
    Ok(())
}
