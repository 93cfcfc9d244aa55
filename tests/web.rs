//! Browser tests of the app (wasm-bindgen-test in headless Chromium): the shell
//! mounts, the navigation renders and switches pages, the theme switch works,
//! and an unreachable API is shown, not hidden.
#![cfg(target_arch = "wasm32")]

use s2s_console::testing::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

mod support;

use support::{document, focus_reaches, focused_id, text_of, until};

wasm_bindgen_test_configure!(run_in_browser);

const EXCHANGE_PEM: &str = include_str!("../fixtures/generated/exchange-auth.pem");

fn select(selector: &str) -> HtmlSelectElement {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .unwrap_or_else(|| panic!("no select {selector}"))
}

fn click(selector: &str) {
    let el: HtmlElement = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .unwrap_or_else(|| panic!("no element {selector}"));
    el.click();
}

/// Clicks the copy button `selector` and waits until it reports (copied or
/// failed).
async fn copy_reports(selector: &str) -> bool {
    click(selector);
    until(|| {
        document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("data-state"))
            .is_some_and(|s| s != "idle")
    })
    .await
}

// One test drives one mounted app: several apps on one page would share the
// location and the document.
#[wasm_bindgen_test]
async fn shell_mounts_navigates_and_switches_theme() {
    let body = document().body().expect("body");
    start_executor();
    // The app stays mounted to the end of the test file's page (dropping
    // its owner would clean it up).
    std::mem::forget(mount_to(&body, app));
    assert!(
        until(|| text_of(".brand-name").is_some()).await,
        "the app did not mount"
    );
    assert_eq!(text_of(".brand-name").as_deref(), Some("S2S Console"));

    // The navigation of DESIGN.md, in order.
    let links = document()
        .query_selector_all("nav.sidenav a")
        .expect("query");
    let titles: Vec<String> = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.query_selector(".step-title").ok().flatten())
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(
        titles,
        [
            "Overview",
            "Topology",
            "Metadata",
            "Certificates",
            "Findings",
            "Commands",
            "Test results",
            "Report"
        ]
    );

    // Switching pages through the navigation.
    for (href, heading) in [
        ("/topology", "Topology"),
        ("/certificates", "Certificates"),
        ("/test-results", "Test results"),
        ("/report", "Report"),
        ("/", "Overview"),
    ] {
        click(&format!("nav.sidenav a[href='{href}']"));
        assert!(
            until(|| text_of("main h1").as_deref() == Some(heading)).await,
            "after clicking {href} the heading is {:?} at {:?}",
            text_of("main h1"),
            web_sys::window().and_then(|w| w.location().pathname().ok())
        );
        let current = document()
            .query_selector("nav.sidenav a[aria-current='page']")
            .ok()
            .flatten()
            .and_then(|a| a.get_attribute("href"));
        assert_eq!(current.as_deref(), Some(href));
        let location = web_sys::window().and_then(|w| w.location().pathname().ok());
        assert_eq!(location.as_deref(), Some(href));
        // The focus moves to the new page's heading.
        assert!(
            focus_reaches("page-title").await,
            "after {href} the focus is on {:?}",
            focused_id()
        );
    }
    assert!(
        document().title().starts_with("Overview"),
        "title: {}",
        document().title()
    );

    // The Commands page: inline validation, then the plan for the example.
    click("nav.sidenav a[href='/commands']");
    assert!(until(|| text_of("main h1").as_deref() == Some("Commands")).await);
    let pool: web_sys::HtmlInputElement = document()
        .query_selector("#in-pool")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .expect("pool input");
    pool.set_value("atl cs");
    let _ = pool.dispatch_event(&web_sys::Event::new("input").expect("event"));
    assert!(
        until(|| text_of("#in-pool-error").is_some_and(|t| t.contains("character 4 ' '"))).await,
        "no inline message: {:?}",
        text_of("#in-pool-error")
    );
    click(".form-actions button");
    assert!(
        until(|| text_of("[data-step='skype-partner-application'] code").is_some()).await,
        "the plan did not render"
    );
    assert_eq!(
        text_of("[data-step='skype-partner-application'] pre code").as_deref(),
        Some(
            "New-CsPartnerApplication -Identity 'Exchange' -ApplicationTrustLevel Full -MetadataUrl 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1'"
        )
    );
    assert_eq!(
        text_of("[data-step='exchange-iisreset'] pre code").as_deref(),
        Some("iisreset 'atl-exchange-001'")
    );
    assert_eq!(text_of("#in-pool-error").as_deref(), Some(""));
    // A copy button answers one way or the other (the clipboard itself is
    // checked by the end-to-end test, where clicks are real user gestures).
    assert!(
        copy_reports("[data-step='skype-partner-application'] button.copy").await,
        "the copy button did not report"
    );
    // Over plain http to another host the browser has no
    // `navigator.clipboard`: the button still answers (by the older copy
    // command, or saying it failed) instead of throwing.
    let navigator = web_sys::window().expect("window").navigator();
    js_sys::Reflect::define_property(
        &navigator,
        &"clipboard".into(),
        &js_sys::Object::from_entries(&js_sys::Array::of2(
            &js_sys::Array::of2(&"value".into(), &wasm_bindgen::JsValue::UNDEFINED),
            &js_sys::Array::of2(&"configurable".into(), &true.into()),
        ))
        .expect("descriptor"),
    )
    .expect("no clipboard");
    assert!(
        copy_reports("[data-step='exchange-iisreset'] button.copy").await,
        "without navigator.clipboard the copy button did not report"
    );

    // The theme switch sets the attribute the CSS reads and remembers the choice.
    let root = document().document_element().expect("html element");
    let theme = select(".theme-switch select");
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    for (value, attribute) in [
        ("dark", Some("dark")),
        ("light", Some("light")),
        ("system", None),
    ] {
        theme.set_value(value);
        let change = web_sys::Event::new("change").expect("event");
        let _ = theme.dispatch_event(&change);
        assert!(
            until(|| root.get_attribute("data-theme").as_deref() == attribute).await,
            "theme {value}: data-theme is {:?}",
            root.get_attribute("data-theme")
        );
        assert_eq!(
            storage.get_item("s2s.theme").ok().flatten().as_deref(),
            Some(value)
        );
    }

    // The test runner's server has no `/api/v1/config`: the header says the
    // server cannot be reached instead of pretending a mode.
    assert!(
        until(|| text_of(".badge-error").is_some()).await,
        "no error badge; badge is {:?}",
        text_of(".badge")
    );
    assert_eq!(
        text_of(".badge-error").as_deref(),
        Some("Server unreachable")
    );
    let detail = document()
        .query_selector(".badge-error")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("title"))
        .unwrap_or_default();
    assert!(detail.contains("/api/v1/config"), "{detail}");

    // Korean text that cannot be loaded: a switch whose catalogue is missing
    // goes back to English and says why (mounted on its own, beside the
    // shell, before the shell's switch has loaded Korean).
    let failing = document().create_element("div").expect("div");
    failing.set_id("failing-switch");
    document()
        .body()
        .expect("body")
        .append_child(&failing)
        .expect("append");
    let failing_lang = RwSignal::new(Lang::En);
    let switch_owner = mount_to(&failing, move || {
        lang_switch(failing_lang, "/i18n/missing.json")
    });
    let lang = select("#failing-switch select");
    lang.set_value("ko");
    let _ = lang.dispatch_event(&web_sys::Event::new("change").expect("event"));
    let status = || text_of("#failing-switch [role='status']").unwrap_or_default();
    assert!(
        until(|| !status().is_empty()).await,
        "no message after Korean failed to load"
    );
    assert!(
        status().starts_with("Korean text could not be loaded from /i18n/missing.json: HTTP 404"),
        "{}",
        status()
    );
    assert_eq!(lang.value(), "en");
    assert_eq!(failing_lang.get_untracked(), Lang::En);
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        text_of("nav.sidenav a[href='/topology'] .step-title").as_deref(),
        Some("Topology")
    );
    assert_ne!(
        storage.get_item("s2s.lang").ok().flatten().as_deref(),
        Some("ko")
    );
    switch_owner.cleanup();
    failing.remove();

    // A certificate being inspected, which the switch must not lose.
    click("nav.sidenav a[href='/certificates']");
    assert!(
        until(|| document()
            .query_selector("#inspect-paste")
            .ok()
            .flatten()
            .is_some())
        .await
    );
    let area: web_sys::HtmlTextAreaElement = document()
        .query_selector("#inspect-paste")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .expect("paste area");
    area.set_value(EXCHANGE_PEM);
    let _ = area.dispatch_event(&web_sys::Event::new("input").expect("event"));
    let inspected = || {
        document()
            .query_selector_all(".inspect .cert-card")
            .map(|l| l.length())
            .unwrap_or(0)
    };
    assert!(until(|| inspected() == 1).await, "not inspected");

    // English and Korean: the switch renders the console again in Korean
    // (remembered), and back. The test runner serves the repository's files,
    // so this is the real fetch of /i18n/ko.json.
    let lang = select(".lang-switch select");
    lang.set_value("ko");
    let _ = lang.dispatch_event(&web_sys::Event::new("change").expect("event"));
    let topology_title = || text_of("nav.sidenav a[href='/topology'] .step-title");
    assert!(
        until(|| topology_title().as_deref() == Some("토폴로지")).await,
        "navigation not in Korean: {:?}",
        topology_title()
    );
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ko"));
    assert_eq!(
        storage.get_item("s2s.lang").ok().flatten().as_deref(),
        Some("ko")
    );
    assert_eq!(
        text_of(".badge-error").as_deref(),
        Some("서버에 연결할 수 없음")
    );
    assert_eq!(text_of(".skip-link").as_deref(), Some("본문으로 건너뛰기"));
    assert_eq!(inspected(), 1, "the inspected certificate was lost");
    let kept: Option<String> = document()
        .query_selector("#inspect-paste")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|a| a.value());
    assert_eq!(
        kept.as_deref(),
        Some(EXCHANGE_PEM),
        "the paste box was emptied"
    );
    // The page was drawn again in Korean; the keyboard is still on the
    // language switch.
    assert!(
        until(|| document()
            .active_element()
            .is_some_and(|e| e.matches(".lang-switch select").unwrap_or(false)))
        .await,
        "the focus went to {:?}",
        document().active_element().map(|e| e.tag_name())
    );
    let lang = select(".lang-switch select");
    lang.set_value("en");
    let _ = lang.dispatch_event(&web_sys::Event::new("change").expect("event"));
    assert!(until(|| topology_title().as_deref() == Some("Topology")).await);
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));

    // Going from page to page leaves nothing behind: what a page made goes
    // when another is shown.
    let mut live = Vec::new();
    for _ in 0..6 {
        for href in [
            "/commands",
            "/topology",
            "/certificates",
            "/test-results",
            "/",
        ] {
            click(&format!("nav.sidenav a[href='{href}']"));
            let shown = || {
                document()
                    .query_selector("nav.sidenav a[aria-current='page']")
                    .ok()
                    .flatten()
                    .and_then(|a| a.get_attribute("href"))
            };
            assert!(until(|| shown().as_deref() == Some(href)).await, "{href}");
        }
        tick().await;
        live.push(live_pages());
    }
    assert!(
        live.iter().all(|&n| n == 1),
        "pages are left behind as other pages are shown: {live:?}"
    );

    // A popstate with the same path (a link to a #fragment fires one)
    // leaves the page as it is: drawn again, it would lose what is only on
    // it (an opened report, a pasted certificate).
    let heading = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .expect("a heading");
    let window = web_sys::window().expect("window");
    let _ = window.dispatch_event(&web_sys::Event::new("popstate").expect("event"));
    tick().await;
    assert!(heading.is_connected(), "the page was drawn again");

    // The skip link moves the focus to the content and keeps the address's
    // own fragment (an opened report's link is in it).
    let history = window.history().expect("history");
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/#kept"));
    click(".skip-link");
    assert_eq!(window.location().hash().ok().as_deref(), Some("#kept"));
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("main")
    );
    assert!(heading.is_connected(), "the page was drawn again");

    // A report link pasted into a tab already on the Report page (or
    // reached with Back) opens: its popstate has the same path.
    click("nav.sidenav a[href='/report']");
    assert!(until(|| text_of("main h1").as_deref() == Some("Report")).await);
    let snapshot = s2s_core::report::Snapshot {
        version: s2s_core::report::REPORT_VERSION,
        generated_at: s2s_core::time::UnixTime(1_795_737_600),
        console_version: "0.1.0".into(),
        topology: s2s_core::topology_form::TopologyForm::litware_example(),
        skype: None,
        exchange: None,
        probe: None,
        pastes: Vec::new(),
        plan: None,
        findings: Vec::new(),
    };
    let fragment = report_fragment(&snapshot).await.expect("compressed");
    let _ = history.push_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("/report#{fragment}")),
    );
    let _ = window.dispatch_event(&web_sys::Event::new("popstate").expect("event"));
    assert!(
        until(|| text_of(".report-banner").is_some()).await,
        "the report link did not open"
    );
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"));
}
