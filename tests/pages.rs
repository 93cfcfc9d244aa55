//! Component tests of each page's states (empty, loading, error, data) in
//! headless Chromium: every page is mounted on its own with a workspace the
//! test fills in, so no server is needed. The documents are the generated
//! fixtures (RSA 2048 certificates valid until 2028 and 2031).
#![cfg(target_arch = "wasm32")]

use s2s_console::testing::{
    ApiError, FetchState, Owner, Workspace, certificates_page, commands_page, findings_page,
    metadata_page, mount_to, overview_page, provide_contexts, report_fragment, report_page,
    set_korean, test_results_page, topology_page, *,
};
use s2s_core::api::{FetchReport, FetchStep};
use s2s_core::topology_form::TopologyForm;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

mod support;

use support::{document, focus_reaches, focused_id, until};

wasm_bindgen_test_configure!(run_in_browser);

const SKYPE: &str = include_str!("../fixtures/generated/skype-metadata.json");
const EXCHANGE: &str = include_str!("../fixtures/generated/exchange-metadata.json");
const EXCHANGE_PEM: &str = include_str!("../fixtures/generated/exchange-auth.pem");

/// A page mounted in its own container; unmounted when dropped.
struct Mounted {
    root: Element,
    owner: Owner,
}

impl Drop for Mounted {
    /// Unmounts: the page's effects and listeners go, and so does its element.
    fn drop(&mut self) {
        self.owner.cleanup();
        self.root.remove();
    }
}

impl Mounted {
    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).expect("selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// The text of each element `selector` matches, in order.
    fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|e| e.text_content().unwrap_or_default())
            .collect()
    }

    /// Attribute `name` of each element `selector` matches, in order.
    fn attributes(&self, selector: &str, name: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|e| e.get_attribute(name).unwrap_or_default())
            .collect()
    }

    fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no {selector} in: {}", self.text()))
    }
}

/// [`mount`], and the workspace the page was mounted with (for tests that
/// act on it afterwards).
fn mount_kept(page: Page, setup: impl FnOnce(Workspace) + 'static) -> (Mounted, Workspace) {
    let shared = std::rc::Rc::new(std::cell::Cell::new(None));
    let keep = shared.clone();
    let page = mount(page, move |ws| {
        keep.set(Some(ws));
        setup(ws);
    });
    let ws = shared.get().expect("workspace");
    (page, ws)
}

/// Mounts `page` after `setup` has filled the workspace.
fn mount(page: Page, setup: impl FnOnce(Workspace) + 'static) -> Mounted {
    mount_served(page, None, setup)
}

/// [`mount`], with the server's `/api/v1/config` answer as the shell has it.
fn mount_served(
    page: Page,
    server: Option<Result<s2s_core::api::ServerInfo, ApiError>>,
    setup: impl FnOnce(Workspace) + 'static,
) -> Mounted {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let owner = mount_to(&root, move || {
        let ws = provide_contexts(server);
        setup(ws);
        page()
    });
    Mounted { root, owner }
}

fn report(url: &str, body: &str) -> FetchReport {
    let step = |name: &str, ms: f64| FetchStep {
        name: name.into(),
        ok: true,
        ms,
        detail: format!("{name} done"),
    };
    FetchReport {
        url: url.into(),
        steps: vec![
            step("resolve", 0.4),
            step("connect", 1.2),
            step("tls", 6.8),
            step("http", 3.1),
        ],
        error: None,
        status: Some(200),
        headers: [("content-type".to_string(), "application/json".to_string())].into(),
        tls: None,
        body: Some(body.into()),
        body_base64: None,
        truncated: false,
        insecure: false,
        received_at: None,
    }
}

/// The Metadata page with both documents fetched, and its workspace (for
/// tests that act on the page and then look at the state).
fn fetched_metadata_page() -> (Mounted, Workspace) {
    let (page, ws) = mount_kept(metadata_page, move |ws| {
        fetched(ws);
    });
    (page, ws)
}

fn fetched(ws: Workspace) {
    ws.form.set(TopologyForm::litware_example());
    ws.skype.set(FetchState::Done(Ok(report(
        "https://atl-cs-001.litwareinc.com/metadata/json/1",
        SKYPE,
    ))));
    ws.exchange.set(FetchState::Done(Ok(report(
        "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
        EXCHANGE,
    ))));
}

/// What the proxy reports when the remote server refuses the connection.
fn unreachable(url: &str) -> FetchReport {
    FetchReport {
        steps: Vec::new(),
        error: Some(s2s_core::api::ApiErrorDetail {
            code: "connect_refused".into(),
            message: "atl-cs-001.litwareinc.com:443 refused the connection".into(),
        }),
        status: None,
        headers: Default::default(),
        body: None,
        ..report(url, "")
    }
}

/// The s2s server itself refuses to fetch: not an answer of the remote server.
fn refused() -> ApiError {
    ApiError::Status {
        path: "/api/v1/fetch".into(),
        status: 400,
        code: Some("host_not_allowed".into()),
        message: "host atl-cs-001.litwareinc.com is not on the allowlist".into(),
    }
}

#[wasm_bindgen_test]
async fn metadata_page_states() {
    let empty = mount(metadata_page, |_| {});
    assert!(
        until(|| empty.text().contains("Not fetched yet.")).await,
        "{}",
        empty.text()
    );
    assert_eq!(empty.all(".doc-column").len(), 2);
    assert!(
        empty
            .all("button")
            .iter()
            .all(|b| b.has_attribute("disabled"))
    );
    drop(empty);

    let loading = mount(metadata_page, |ws| {
        ws.form.set(TopologyForm::litware_example());
        ws.skype.set(FetchState::Loading);
    });
    assert!(
        until(|| loading.text().contains("Fetching…")).await,
        "{}",
        loading.text()
    );
    assert_eq!(
        loading
            .one(".doc-column")
            .get_attribute("aria-busy")
            .as_deref(),
        Some("true")
    );
    drop(loading);

    let error = mount(metadata_page, |ws| {
        ws.form.set(TopologyForm::litware_example());
        ws.skype.set(FetchState::Done(Err(refused())));
    });
    assert!(
        until(|| error.text().contains("not on the allowlist")).await,
        "{}",
        error.text()
    );
    assert!(
        error
            .one("[role=alert]")
            .text_content()
            .unwrap_or_default()
            .contains("refused")
    );
    drop(error);

    let data = mount(metadata_page, fetched);
    assert!(
        until(|| data.all(".fetch-steps li").len() == 8).await,
        "{}",
        data.text()
    );
    let text = data.text();
    for expected in [
        "00000004-0000-0ff1-ce00-000000000000",
        "Skype for Business Server",
        "00000002-0000-0ff1-ce00-000000000000",
        "Exchange Server",
        "litwareinc.com",
        "7 ms",
        "Body as received",
        "Document (pretty)",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
    // The pretty view keeps the document's member order ("id" first, not
    // sorted to "allowedAudiences").
    let pretty = data
        .all("details.raw code")
        .iter()
        .filter_map(|c| c.text_content())
        .find(|t| t.starts_with("{\n  "))
        .unwrap_or_default();
    assert!(pretty.starts_with("{\n  \"id\": "), "{pretty}");
    // Every copy button's accessible name holds the word it shows (WCAG
    // 2.5.3), and says what it copies.
    let buttons = data.all("button.copy");
    assert!(buttons.len() >= 4, "{}", buttons.len());
    for b in &buttons {
        let shown = b.text_content().unwrap_or_default();
        let name = b.get_attribute("aria-label").unwrap_or_default();
        assert!(
            name.contains(&shown) && name != shown,
            "{name:?} / {shown:?}"
        );
    }
}

/// A fetched document belongs to the URL it came from: naming another server
/// on the Topology page drops that side's result (and only that side's).
#[wasm_bindgen_test]
async fn results_go_when_the_topology_names_another_server() {
    let (page, ws) = mount_kept(metadata_page, move |ws| {
        fetched(ws);
    });
    assert!(
        until(|| page.all(".fetch-steps li").len() == 8).await,
        "{}",
        page.text()
    );
    // The same names typed again change nothing.
    ws.form.update(|f| f.pool = format!(" {} ", f.pool.trim()));
    tick().await;
    assert!(matches!(ws.skype.get_untracked(), FetchState::Done(Ok(_))));
    ws.form
        .update(|f| f.pool = "atl-cs-002.litwareinc.com".into());
    assert!(
        until(|| matches!(ws.skype.get_untracked(), FetchState::Idle)).await,
        "Skype's old document is still shown"
    );
    assert!(matches!(
        ws.exchange.get_untracked(),
        FetchState::Done(Ok(_))
    ));
    ws.form
        .update(|f| f.exchange = "mail.litwareinc.com".into());
    assert!(
        until(|| matches!(ws.exchange.get_untracked(), FetchState::Idle)).await,
        "Exchange's old document is still shown"
    );
    assert!(
        until(|| page.all(".fetch-steps li").is_empty()).await,
        "{}",
        page.text()
    );
}

/// A redraw keeps the focus on the button that had it: refetching one side
/// must not throw a keyboard user back to the top of the page.
#[wasm_bindgen_test]
async fn redraws_keep_the_focus() {
    let (page, ws) = mount_kept(metadata_page, move |ws| {
        fetched(ws);
    });
    assert!(until(|| page.all("[data-action=refetch-exchange]").len() == 1).await);
    let button: web_sys::HtmlElement = page
        .one("[data-action=refetch-exchange]")
        .dyn_into()
        .expect("button");
    button.focus().expect("focus");
    ws.exchange.set(FetchState::Loading);
    assert!(
        until(|| page.text().contains("Fetching…")).await,
        "{}",
        page.text()
    );
    // Only the document is drawn again: the button the focus is on stays.
    assert!(button.is_connected(), "the refetch button was drawn again");
    let focused = document()
        .active_element()
        .and_then(|e| e.get_attribute("data-action"));
    assert_eq!(focused.as_deref(), Some("refetch-exchange"));
}

/// Refetching Exchange asks its trust probe again too: a fix made on
/// Exchange must not leave the old probe's findings standing.
#[wasm_bindgen_test]
async fn refetching_exchange_probes_it_again() {
    let (page, ws) = fetched_metadata_page();
    assert!(until(|| page.all("[data-action=refetch-exchange]").len() == 1).await);
    assert!(ws.probe.with_untracked(|p| matches!(p, FetchState::Idle)));
    page.one("[data-action=refetch-exchange]")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    assert!(
        until(|| ws.probe.with(|p| !matches!(p, FetchState::Idle))).await,
        "the probe was not asked again"
    );
}

/// The page's `fetch` replaced by one that records each request's URL and
/// how the browser's own fetch of it ended ("pending", "answered", or the
/// error's name); the real `fetch` is put back when this is dropped.
struct RecordedFetches {
    original: wasm_bindgen::JsValue,
    log: js_sys::Array,
}

impl RecordedFetches {
    fn install() -> RecordedFetches {
        let install = js_sys::Function::new_no_args(
            "const original = globalThis.fetch;
             const log = [];
             globalThis.fetch = function (request, init) {
               const entry = { url: String(request.url ?? request), outcome: 'pending' };
               log.push(entry);
               const answer = original(request, init);
               answer.then(() => { entry.outcome = 'answered'; },
                           (e) => { entry.outcome = e.name; });
               return answer;
             };
             return [original, log];",
        );
        let pair: js_sys::Array = install
            .call0(&wasm_bindgen::JsValue::UNDEFINED)
            .expect("fetch replaced")
            .unchecked_into();
        RecordedFetches {
            original: pair.get(0),
            log: pair.get(1).unchecked_into(),
        }
    }

    fn field(&self, name: &str) -> Vec<String> {
        self.log
            .iter()
            .map(|entry| {
                js_sys::Reflect::get(&entry, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            })
            .collect()
    }

    fn outcomes(&self) -> Vec<String> {
        self.field("outcome")
    }

    fn urls(&self) -> Vec<String> {
        self.field("url")
    }
}

impl Drop for RecordedFetches {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&js_sys::global(), &"fetch".into(), &self.original);
    }
}

/// A refetch started while the previous one is in flight aborts it: the
/// browser's fetch of the first ends in an AbortError, and the side shows
/// the newer request's answer, not a cancellation.
#[wasm_bindgen_test]
async fn a_superseded_fetch_is_aborted() {
    let (page, ws) = fetched_metadata_page();
    assert!(until(|| page.all("[data-action=refetch-skype]").len() == 1).await);
    let fetches = RecordedFetches::install();
    // The column is drawn again as the state changes: find the button anew.
    let refetch = || {
        page.one("[data-action=refetch-skype]")
            .dyn_into::<web_sys::HtmlElement>()
            .expect("button")
            .click()
    };
    refetch();
    // The request's task has run and sent it; its answer cannot have come
    // yet (the network answers in a later task of the event loop).
    tick().await;
    assert_eq!(fetches.outcomes(), ["pending"]);
    refetch();
    assert!(
        until(|| fetches.outcomes().len() == 2
            && fetches.outcomes().iter().all(|o| o != "pending"))
        .await,
        "{:?}",
        fetches.outcomes()
    );
    assert_eq!(fetches.outcomes(), ["AbortError", "answered"]);
    let urls = fetches.urls();
    assert_eq!(urls[0], urls[1]);
    assert!(
        urls[0].ends_with(
            "/api/v1/fetch?url=https%3A%2F%2Fatl-cs-001.litwareinc.com%2Fmetadata%2Fjson%2F1&fresh=1"
        ),
        "{urls:?}"
    );
    // The newer request's answer: the test runner's server has no API.
    assert!(
        until(|| ws
            .skype
            .with_untracked(|s| matches!(s, FetchState::Done(_))))
        .await
    );
    ws.skype.with_untracked(|s| match s {
        FetchState::Done(Err(ApiError::Status { status: 404, .. })) => {}
        other => panic!("Skype's state: {other:?}"),
    });
}

/// The Commands form: a value set elsewhere (the example button) shows in
/// its field, and a checkbox changes the plan.
#[wasm_bindgen_test]
async fn commands_form_follows_its_model() {
    let page = mount(commands_page, |_| {});
    assert!(until(|| page.all("#in-pool").len() == 1).await);
    assert!(
        page.text()
            .contains("Enter the pool and the Exchange autodiscover host")
    );
    page.one("[data-action=example]")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    let pool: web_sys::HtmlInputElement = page.one("#in-pool").dyn_into().expect("input");
    assert!(
        until(|| pool.value() == "atl-cs-001.litwareinc.com").await,
        "{}",
        pool.value()
    );
    let servers: web_sys::HtmlInputElement = page.one("#in-servers").dyn_into().expect("input");
    assert_eq!(servers.value(), "atl-exchange-001");
    assert!(
        until(|| page.all("[data-step]").len() > 3).await,
        "{}",
        page.text()
    );
    let plan = || page.one(".plan").text_content().unwrap_or_default();
    assert!(!plan().contains("-TrustAnySSLCertificate"), "{}", plan());
    let lab: web_sys::HtmlInputElement = page.one("#in-trust-any").dyn_into().expect("checkbox");
    lab.set_checked(true);
    lab.dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    assert!(
        until(|| plan().contains("-TrustAnySSLCertificate:$true")).await,
        "{}",
        plan()
    );
    // The download carries the same plan.
    let ps1 = page
        .one("[data-download='s2s-partner-applications.ps1']")
        .get_attribute("data-content")
        .unwrap_or_default();
    assert!(ps1.contains("-TrustAnySSLCertificate:$true"), "{ps1}");
}

/// What is typed stays as typed: the model takes it, and the field is not
/// written back (a list's trailing separator stays while the next name is
/// typed; a large paste is not copied back through the page).
#[wasm_bindgen_test]
async fn typed_values_are_not_written_back() {
    let (page, ws) = mount_kept(commands_page, move |ws| {
        ws.form.set(TopologyForm::litware_example());
    });
    let servers: web_sys::HtmlInputElement = page.one("#in-servers").dyn_into().expect("input");
    servers.set_value("atl-exchange-001, atl-exchange-002, ");
    servers
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    let pasted = "MIIB".repeat(512 * 1024);
    let cert: web_sys::HtmlTextAreaElement = page.one("#in-cert").dyn_into().expect("textarea");
    cert.set_value(&pasted);
    cert.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    assert!(
        until(|| page
            .all("#in-cert-error")
            .iter()
            .any(|e| e.text_content().is_some_and(|t| !t.is_empty())))
        .await,
        "{}",
        page.text()
    );
    assert_eq!(
        ws.plan.with_untracked(|p| p.exchange_servers.clone()),
        ["atl-exchange-001", "atl-exchange-002"]
    );
    assert_eq!(
        ws.plan.with_untracked(|p| p.exchange_certificate.len()),
        pasted.len()
    );
    assert_eq!(servers.value(), "atl-exchange-001, atl-exchange-002, ");
    // A value given elsewhere is shown.
    ws.plan
        .update(|p| p.exchange_servers = vec!["atl-exchange-003".into()]);
    assert!(
        until(|| servers.value() == "atl-exchange-003").await,
        "{}",
        servers.value()
    );
    drop(page);
}

/// With the servers named, a field in the way says which it is and why,
/// and its link opens and focuses it (it may sit folded away, or be needed
/// only because of another field).
#[wasm_bindgen_test]
async fn commands_page_names_the_field_in_the_way() {
    let page = mount(commands_page, |ws| {
        ws.form.set(TopologyForm::litware_example());
        ws.plan.set(s2s_core::commands::RawPlanInput {
            exchange_certificate: EXCHANGE_PEM.to_string(),
            ..s2s_core::commands::RawPlanInput::default()
        });
    });
    let notice = || page.texts(".notice li");
    assert!(until(|| !notice().is_empty()).await, "{}", page.text());
    assert_eq!(
        notice(),
        ["Realm for the certificate-based application: is empty"]
    );
    assert!(!page.text().contains("Enter the pool"));
    page.one(".notice li a")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("link")
        .click();
    assert!(focus_reaches("in-cert-realm").await, "{:?}", focused_id());
    assert!(
        page.one("#in-cert-realm")
            .closest("details")
            .ok()
            .flatten()
            .is_some_and(|d| d.has_attribute("open"))
    );
}

/// A server named on the Commands page is the topology's too: the fixes on
/// the Findings page show the same commands, and the next visit to the
/// Commands page keeps the edit (before, the topology's names won there).
#[wasm_bindgen_test]
async fn names_edited_on_the_commands_page_reach_the_topology() {
    let (page, ws) = mount_kept(commands_page, move |ws| {
        ws.form.set(TopologyForm::litware_example());
    });
    let pool: web_sys::HtmlInputElement = page.one("#in-pool").dyn_into().expect("input");
    assert_eq!(pool.value(), "atl-cs-001.litwareinc.com");
    let servers: web_sys::HtmlInputElement = page.one("#in-servers").dyn_into().expect("input");
    for (input, value) in [
        (&pool, "atl-cs-002.litwareinc.com"),
        (&servers, "atl-exchange-001, atl-exchange-002"),
    ] {
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").expect("event"))
            .expect("dispatch");
    }
    // While typing, the topology (and what was fetched for it) stays.
    tick().await;
    assert_eq!(
        ws.form.with_untracked(|f| f.pool.clone()),
        "atl-cs-001.litwareinc.com"
    );
    // The edit done (the field's change event), the name is the topology's.
    for input in [&pool, &servers] {
        input
            .dispatch_event(&web_sys::Event::new("change").expect("event"))
            .expect("dispatch");
    }
    assert!(
        until(|| ws.form.with(|f| f.pool == "atl-cs-002.litwareinc.com")).await,
        "{:?}",
        ws.form.get_untracked()
    );
    assert_eq!(
        ws.form.with_untracked(|f| f.exchange_servers.clone()),
        "atl-exchange-001, atl-exchange-002"
    );
    // The Findings page's plan is the Commands page's.
    let shown = || page.one(".plan").text_content().unwrap_or_default();
    assert!(
        until(|| shown().contains("iisreset 'atl-exchange-002'")).await,
        "{}",
        shown()
    );
    let findings_plan = ws
        .form
        .with_untracked(|f| f.plan(ws.plan.get_untracked()))
        .expect("a plan");
    for step in &findings_plan.steps {
        assert!(
            shown().contains(&step.command),
            "{} not on the Commands page",
            step.command
        );
    }
    assert!(
        findings_plan
            .steps
            .iter()
            .any(|s| s.command.contains("atl-cs-002.litwareinc.com"))
    );
    // The example button only shows the example here: the topology stays.
    page.one("[data-action=example]")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    assert!(until(|| pool.value() == "atl-cs-001.litwareinc.com").await);
    tick().await;
    assert_eq!(
        ws.form.with_untracked(|f| f.pool.clone()),
        "atl-cs-002.litwareinc.com"
    );
    drop(page);
}

#[wasm_bindgen_test]
async fn certificates_page_states_and_inspection() {
    let empty = mount(certificates_page, |_| {});
    assert!(until(|| empty.text().contains("No certificates yet")).await);
    assert!(empty.all(".cert-card").is_empty());

    // Inspecting a pasted certificate works with nothing fetched.
    let area: web_sys::HtmlTextAreaElement =
        empty.one("#inspect-paste").dyn_into().expect("textarea");
    area.set_value(EXCHANGE_PEM);
    area.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    assert!(
        until(|| empty.all(".cert-card").len() == 1).await,
        "{}",
        empty.text()
    );
    assert!(
        empty
            .text()
            .contains("CN=Microsoft Exchange Server Auth Certificate")
    );
    assert!(empty.text().contains("RSA 2048 bits"));
    area.set_value("-----BEGIN CERTIFICATE-----\nMIIB\n");
    area.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    assert!(
        until(|| empty.text().contains("cut off")).await,
        "{}",
        empty.text()
    );

    // A certificate file dropped on the card is inspected the same way.
    let drop_event = drop_file(
        &empty.one(".inspect"),
        &text_file("exchange-auth.pem", EXCHANGE_PEM),
    );
    assert!(
        drop_event.default_prevented(),
        "the browser would open the file"
    );
    assert!(
        until(|| empty.all(".cert-card").len() == 1).await,
        "{}",
        empty.text()
    );

    // A 3 MiB file dropped by mistake is refused by its real size (only its
    // start is read); the paste field is left as it was.
    drop_file(
        &empty.one(".inspect"),
        &text_file("backup.zip", &"x".repeat(3 << 20)),
    );
    assert!(
        until(|| empty
            .text()
            .contains("the input is 3145728 bytes; over 1 MiB is not a certificate"))
        .await,
        "{}",
        empty.text()
    );
    assert!(empty.all(".cert-card").is_empty(), "{}", empty.text());
    let kept: web_sys::HtmlTextAreaElement =
        empty.one("#inspect-paste").dyn_into().expect("textarea");
    assert_eq!(kept.value(), "-----BEGIN CERTIFICATE-----\nMIIB\n");

    // A file the browser cannot read (changed on disk after it was chosen)
    // is named in the message; the paste field is left as it was.
    drop_file(&empty.one(".inspect"), &unreadable_file("auth.cer"));
    assert!(
        until(|| empty
            .text()
            .contains("auth.cer could not be read: was it moved or changed after it was chosen?"))
        .await,
        "{}",
        empty.text()
    );
    assert!(empty.all(".cert-card").is_empty(), "{}", empty.text());
    assert_eq!(kept.value(), "-----BEGIN CERTIFICATE-----\nMIIB\n");
    drop(empty);

    let data = mount(certificates_page, |ws| {
        fetched(ws);
        // The thumbprint an admin pasted from Get-AuthConfig is highlighted.
        ws.form.update(|f| {
            f.exchange_auth_config =
                "CurrentCertificateThumbprint : C0BC43D6AAD68CD51FC2BF7134B6B7A4D67629C3".into()
        });
    });
    assert!(
        until(|| data.all(".cert-card").len() == 2).await,
        "{}",
        data.text()
    );
    assert_eq!(
        data.texts(".cert-origin"),
        [
            "Skype for Business · signing key $.keys[0]",
            "Exchange · signing key $.keys[0]"
        ]
    );
    assert_eq!(data.all("meter").len(), 2);
    let matched = data.all(".cert-card.matched");
    assert_eq!(matched.len(), 1);
    assert!(
        matched[0].text_content().unwrap_or_default().contains(
            "Matches the pasted thumbprint (Get-AuthConfig CurrentCertificateThumbprint)"
        )
    );
    assert!(data.all("[data-download$='.cer']").len() == 2);
}

#[wasm_bindgen_test]
async fn findings_page_states() {
    let empty = mount(findings_page, |_| {});
    assert!(until(|| empty.text().contains("Nothing fetched yet")).await);
    drop(empty);

    let failed = mount(findings_page, |ws| {
        ws.form.set(TopologyForm::litware_example());
        ws.skype.set(FetchState::Done(Ok(unreachable(
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
        ))));
    });
    assert!(
        until(|| failed.all("#finding-skype-S2S-DOC-UNREACHABLE").len() == 1).await,
        "{}",
        failed.text()
    );
    assert!(
        failed
            .one("#finding-skype-S2S-DOC-UNREACHABLE")
            .class_name()
            .contains("sev-fail")
    );
    drop(failed);

    let data = mount(findings_page, fetched);
    assert!(
        until(|| data.text().contains("Failed: 0")).await,
        "{}",
        data.text()
    );
    // Passed checks are folded away, and every finding names its id.
    assert!(
        data.one("details.passed summary")
            .text_content()
            .unwrap_or_default()
            .contains("checks passed")
    );
    assert!(!data.all("#finding-skype-S2S-CERT-VALID").is_empty());
    drop(data);

    // Accepted domains pasted on the Topology page are checked against
    // Skype's realm: litwareinc.com is there only under a wildcard.
    let domains = mount(findings_page, |ws| {
        fetched(ws);
        ws.form
            .update(|f| f.accepted_domains = ACCEPTED.to_string());
    });
    let finding = "#finding-exchange-S2S-REALM-NOT-ACCEPTED";
    assert!(
        until(|| domains.all(finding).len() == 1).await,
        "{}",
        domains.text()
    );
    assert!(
        domains
            .one(finding)
            .text_content()
            .unwrap_or_default()
            .contains("covered only by the wildcard accepted domain *.litwareinc.com"),
        "{}",
        domains.text()
    );
}

/// Passed checks opened on the Findings page stay open, the same element,
/// when another side's fetch changes the findings.
#[wasm_bindgen_test]
async fn opened_passed_checks_stay_open_when_findings_change() {
    let (page, ws) = mount_kept(findings_page, move |ws| {
        fetched(ws);
    });
    let skype_passed = "section[aria-labelledby=side-skype] details.passed";
    assert!(
        until(|| page.all(skype_passed).len() == 1).await,
        "{}",
        page.text()
    );
    let details = page.one(skype_passed);
    details.set_attribute("open", "").expect("open");
    ws.exchange.set(FetchState::Done(Ok(unreachable(
        "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
    ))));
    assert!(
        until(|| page.all("#finding-exchange-S2S-DOC-UNREACHABLE").len() == 1).await,
        "{}",
        page.text()
    );
    assert!(
        !page.text().contains("Failed: 0"),
        "the findings were not recomputed, so this test proves nothing: {}",
        page.text()
    );
    assert!(
        details.is_connected(),
        "Skype's passed checks were drawn again"
    );
    assert!(
        details.has_attribute("open"),
        "Skype's passed checks were closed"
    );
    assert_eq!(page.one(skype_passed), details);
}

#[wasm_bindgen_test]
async fn overview_states() {
    let empty = mount(overview_page, |_| {});
    assert!(
        until(|| empty.text().contains("Not checked yet")).await,
        "{}",
        empty.text()
    );
    // Two drawings (wide and tall), each with both arrows.
    assert_eq!(empty.all(".trust-diagram.wide .arrow.sev-unknown").len(), 2);
    assert_eq!(empty.all(".trust-diagram.tall .arrow.sev-unknown").len(), 2);
    drop(empty);

    let data = mount(overview_page, fetched);
    assert!(
        until(|| data.all(".verdict.sev-pass").len() == 1).await,
        "{}",
        data.text()
    );
    assert_eq!(data.all(".trust-diagram.wide .arrow.sev-pass").len(), 2);
    assert_eq!(data.all(".trust-diagram.tall .arrow.sev-pass").len(), 2);
    assert!(data.text().contains("days left"));
    drop(data);

    let broken = mount(overview_page, |ws| {
        fetched(ws);
        ws.exchange.set(FetchState::Done(Ok(unreachable(
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
        ))));
    });
    assert!(
        until(|| broken.all(".verdict.sev-fail").len() == 1).await,
        "{}",
        broken.text()
    );
    // The verdict names the server it is about.
    assert!(
        broken
            .one(".verdict")
            .text_content()
            .unwrap_or_default()
            .starts_with("The trust is broken: Exchange: "),
        "{}",
        broken.text()
    );
    // Exchange's document is the one missing: the arrow into Skype is red.
    // Both drawings say the same.
    assert_eq!(
        broken.attributes(".trust-diagram .arrow", "class"),
        [
            "arrow sev-fail",
            "arrow sev-pass",
            "arrow sev-fail",
            "arrow sev-pass"
        ]
    );
    drop(broken);

    // The s2s server refused to fetch Exchange's document, or it is still
    // loading: nothing is known of that direction, and there is no verdict
    // on the whole trust (it used to read as Exchange unreachable, or pass).
    for (state, says) in [
        (
            FetchState::Done(Err(refused())),
            "Not fully checked: the s2s server did not fetch Exchange's document: the s2s server refused",
        ),
        (
            FetchState::Loading,
            "Not fully checked: Exchange's document is still being fetched.",
        ),
    ] {
        let partly = mount(overview_page, move |ws| {
            fetched(ws);
            ws.exchange.set(state);
        });
        assert!(
            until(|| partly.text().contains(says)).await,
            "{}",
            partly.text()
        );
        assert_eq!(
            partly.one(".verdict").get_attribute("class").as_deref(),
            Some("verdict")
        );
        assert_eq!(
            partly.attributes(".trust-diagram .arrow", "class"),
            [
                "arrow sev-unknown",
                "arrow sev-pass",
                "arrow sev-unknown",
                "arrow sev-pass"
            ]
        );
        assert_eq!(
            partly.one(".next-step a").get_attribute("href").as_deref(),
            Some("/metadata")
        );
    }
}

/// A read-only server fetches nothing: the fetch buttons are off and the
/// Metadata page says why.
#[wasm_bindgen_test]
async fn read_only_server_offers_no_fetch() {
    let info: s2s_core::api::ServerInfo = serde_json::from_str(
        r#"{"mode":"read-only","version":"0.1.0","allowed_hosts":[],"limits":{"connect_timeout_ms":5000,"total_timeout_ms":10000,"max_body_bytes":524288,"max_concurrent_fetches":32}}"#,
    )
    .expect("server info");
    let page = mount_served(metadata_page, Some(Ok(info.clone())), |ws| {
        ws.form.set(TopologyForm::litware_example());
    });
    assert!(
        until(|| page
            .text()
            .contains("This s2s server is read-only: it fetches nothing."))
        .await,
        "{}",
        page.text()
    );
    let buttons = page.all("button[data-action]");
    assert_eq!(buttons.len(), 3, "{}", page.text());
    assert!(buttons.iter().all(|b| b.has_attribute("disabled")));
    drop(page);

    let topology = mount_served(topology_page, Some(Ok(info.clone())), |ws| {
        ws.form.set(TopologyForm::litware_example());
    });
    assert!(until(|| topology.all("button[type=submit]").len() == 1).await);
    assert!(
        until(|| topology
            .one("button[type=submit]")
            .has_attribute("disabled"))
        .await,
        "a read-only server's Fetch both is off"
    );
    assert!(
        until(|| topology
            .text()
            .contains("This s2s server is read-only: it fetches nothing."))
        .await,
        "the page does not say why: {}",
        topology.text()
    );
    drop(topology);
    // The other pages do not send the helpdesk to a Fetch both that is off.
    for page in [findings_page as Page, certificates_page] {
        let shown = mount_served(page, Some(Ok(info.clone())), |_| {});
        assert!(
            until(|| shown
                .text()
                .contains("This s2s server is read-only: it fetches nothing."))
            .await,
            "{}",
            shown.text()
        );
        assert!(
            !shown.text().contains("press Fetch both"),
            "{}",
            shown.text()
        );
        assert!(
            !shown.text().contains("fetch both documents"),
            "{}",
            shown.text()
        );
    }
    let results = mount_served(test_results_page, Some(Ok(info.clone())), |ws| {
        ws.pastes.set(vec![TEST_401.to_string()]);
    });
    assert!(
        until(|| results
            .text()
            .contains("Not fetched: this s2s server is read-only."))
        .await,
        "{}",
        results.text()
    );
    assert!(!results.text().contains("press Fetch both"));
    drop(results);
    let overview = mount_served(overview_page, Some(Ok(info)), |_| {});
    assert!(
        until(|| overview
            .text()
            .contains("Not checked: this s2s server is read-only and fetches nothing."))
        .await,
        "{}",
        overview.text()
    );
    assert_eq!(overview.attributes(".next-step a", "href"), ["/report"]);
}

#[wasm_bindgen_test]
async fn topology_page_validates_and_derives() {
    let page = mount(topology_page, |_| {});
    assert!(until(|| page.all("#tp-pool").len() == 1).await);
    let submit = page.one("button[type=submit]");
    assert!(
        submit.has_attribute("disabled"),
        "Fetch both without servers"
    );
    let input: web_sys::HtmlInputElement = page.one("#tp-pool").dyn_into().expect("input");
    input.set_value("atl cs 001");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    assert!(
        until(|| page
            .one("#tp-pool-error")
            .text_content()
            .unwrap_or_default()
            .contains("' '"))
        .await,
        "{}",
        page.text()
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    input.set_value("https://atl-cs-001.litwareinc.com/metadata/json/1");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    let exchange: web_sys::HtmlInputElement = page.one("#tp-exchange").dyn_into().expect("input");
    exchange.set_value("autodiscover.litwareinc.com");
    exchange
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    assert!(until(|| !page.one("button[type=submit]").has_attribute("disabled")).await);
    let urls: Vec<String> = page
        .all(".derived code")
        .iter()
        .filter_map(|c| c.text_content())
        .collect();
    assert_eq!(
        urls,
        [
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1"
        ]
    );
    assert!(
        page.text()
            .contains("took the host atl-cs-001.litwareinc.com from the URL")
    );
    // Kept for the next visit.
    let saved = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("s2s.topology").ok().flatten())
        .unwrap_or_default();
    assert!(saved.contains("autodiscover.litwareinc.com"), "{saved}");
}

/// Values from a hostile document are text, never markup.
#[wasm_bindgen_test]
async fn document_values_cannot_inject_markup() {
    let hostile = SKYPE.replace(
        "00000004-0000-0ff1-ce00-000000000000@litwareinc.com",
        "<img src=x id=pwned onerror=alert(1)>\\\"'&",
    );
    // The documents as shown, and the findings quoting them (the issuer
    // they name).
    for page in [metadata_page as Page, findings_page] {
        let hostile = hostile.clone();
        let page = mount(page, move |ws| {
            ws.form.set(TopologyForm::litware_example());
            ws.skype.set(FetchState::Done(Ok(report(
                "https://atl-cs-001.litwareinc.com/metadata/json/1",
                &hostile,
            ))));
        });
        assert!(
            until(|| page.text().contains("<img src=x id=pwned")).await,
            "{}",
            page.text()
        );
        assert!(
            document().get_element_by_id("pwned").is_none(),
            "markup from the document was rendered"
        );
        assert!(page.all("img").is_empty());
        assert!(page.text().contains("\"'&"));
    }
}

const TEST_401: &str = include_str!("../fixtures/testout/test-csexstorage-401-2000004-verbose.txt");
const ACCEPTED: &str = include_str!("../fixtures/testout/get-accepteddomain.txt");

#[wasm_bindgen_test]
async fn test_results_page_reads_pastes_into_a_verdict() {
    let empty = mount(test_results_page, |_| {});
    assert!(until(|| empty.all("#paste-0").len() == 1).await);
    assert!(
        empty.all(".verdict").is_empty(),
        "no verdict without a paste"
    );
    let area: web_sys::HtmlTextAreaElement = empty.one("#paste-0").dyn_into().expect("textarea");
    area.set_value("just some notes");
    area.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    assert!(
        until(|| empty
            .text()
            .contains("Nothing in the pasted text was recognised."))
        .await,
        "{}",
        empty.text()
    );
    drop(empty);

    // The test output and Get-AcceptedDomain together, with the documents fetched.
    let (page, ws) = mount_kept(test_results_page, move |ws| {
        fetched(ws);
        ws.pastes
            .set(vec![TEST_401.to_string(), ACCEPTED.to_string()]);
    });
    assert!(
        until(|| page.all(".verdict.sev-fail").len() == 1).await,
        "{}",
        page.text()
    );
    let verdict = page.one(".verdict").text_content().unwrap_or_default();
    assert!(verdict.contains("2000004"), "{verdict}");
    assert!(
        !page
            .all("#finding-exchange-S2S-TEST-REALM-NOT-ACCEPTED")
            .is_empty()
    );
    let text = page.text();
    for expected in [
        "Test-CsExStorageConnectivity, Get-AcceptedDomain",
        "*.litwareinc.com (wildcard)",
        "Execute Exchange Storage Command.",
        "Live: the documents through the proxy",
        "Set-CsOAuthConfiguration -Realm",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
    // The live part shows the proxy's fetch steps of both documents.
    assert_eq!(page.all(".fetch-steps").len(), 2);
    assert_eq!(page.all("textarea").len(), 2);

    // Another field; removing the first keeps the others' text, and text
    // put into the workspace (as a dropped file's is) shows in its field.
    let click = |selector: &str| {
        page.one(selector)
            .dyn_into::<web_sys::HtmlElement>()
            .expect("button")
            .click()
    };
    click("[data-action=add]");
    assert!(until(|| page.all("textarea").len() == 3).await);
    // The keyboard goes on from the output that took the removed one's
    // place: the middle one's place goes to the last.
    click("[data-action=add]");
    assert!(until(|| page.all("textarea").len() == 4).await);
    click("[data-action=remove-2]");
    assert!(until(|| page.all("textarea").len() == 3).await);
    assert!(focus_reaches("paste-2").await, "{:?}", focused_id());
    click("[data-action=remove-0]");
    assert!(until(|| page.all("textarea").len() == 2).await);
    assert!(focus_reaches("paste-0").await, "{:?}", focused_id());
    let first: web_sys::HtmlTextAreaElement = page.one("#paste-0").dyn_into().expect("textarea");
    assert_eq!(first.value(), ACCEPTED);
    let second: web_sys::HtmlTextAreaElement = page.one("#paste-1").dyn_into().expect("textarea");
    assert_eq!(second.value(), "");
    ws.pastes.update(|p| p[1] = TEST_401.to_string());
    assert!(until(|| second.value() == TEST_401).await);

    // A chosen .txt file goes into a new field.
    choose_file(&page, &text_file("accepted.txt", ACCEPTED));
    assert!(
        until(|| page.all("textarea").len() == 3).await,
        "{}",
        page.text()
    );
    let third: web_sys::HtmlTextAreaElement = page.one("#paste-2").dyn_into().expect("textarea");
    assert!(until(|| third.value() == ACCEPTED).await);

    // A file longer than the reader takes: only its start is read, into a
    // field of its own, and the page says the output was cut.
    let limit = s2s_core::testout::MAX_PASTE_BYTES;
    let long = format!(
        "{ACCEPTED}\n{}",
        "VERBOSE: more\n".repeat(limit / 14 + 1000)
    );
    choose_file(&page, &text_file("verbose.log", &long));
    assert!(
        until(|| page.all("textarea").len() == 4).await,
        "{}",
        page.text()
    );
    let fourth: web_sys::HtmlTextAreaElement = page.one("#paste-3").dyn_into().expect("textarea");
    assert!(until(|| !fourth.value().is_empty()).await);
    assert_eq!(
        fourth.value().len(),
        limit + 1,
        "read only as far as the reader goes"
    );
    assert!(
        until(|| page.text().contains("only its first 2 MiB were read")).await,
        "{}",
        page.text()
    );
    // Its 150,000 verbose lines are steps; the list shows each end of them.
    assert_eq!(page.all(".test-steps li").len(), 40);
    assert!(page.text().contains("steps not shown"));

    // A file that cannot be read is named in place; no field is added and
    // the pasted outputs stay.
    choose_file(&page, &unreadable_file("trace.log"));
    assert!(
        until(|| page
            .text()
            .contains("trace.log could not be read: was it moved or changed after it was chosen?"))
        .await,
        "{}",
        page.text()
    );
    assert_eq!(page.all("textarea").len(), 4, "{}", page.text());
    assert_eq!(third.value(), ACCEPTED);
}

/// A fetch finishing while a certificate's full details are open leaves
/// them open: the cards it does not change are not drawn again.
#[wasm_bindgen_test]
async fn a_finished_fetch_leaves_opened_details_open() {
    let (page, ws) = mount_kept(certificates_page, move |ws| {
        fetched(ws);
    });
    assert!(
        until(|| page.all(".cert-card").len() == 2).await,
        "{}",
        page.text()
    );
    let opened = page.all(".cert-card details");
    assert_eq!(opened.len(), 2);
    for details in &opened {
        details.set_attribute("open", "").expect("open");
    }
    // Exchange fetched again: the same document, now with its server's TLS
    // chain; and the trust probe answers.
    let der: String = EXCHANGE_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let mut again = report(
        "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
        EXCHANGE,
    );
    again.tls = Some(s2s_core::api::TlsSession {
        version: "TLSv1.3".into(),
        cipher: "TLS13_AES_256_GCM_SHA384".into(),
        peer_chain: vec![der],
        resumed_chain_age_seconds: None,
    });
    ws.exchange.set(FetchState::Done(Ok(again)));
    ws.probe.set(FetchState::Done(Err(refused())));
    assert!(
        until(|| page.all(".cert-card").len() == 3).await,
        "the new chain is not shown: {}",
        page.text()
    );
    tick().await;
    for details in &opened {
        assert!(details.is_connected(), "a card was drawn again");
        assert!(details.has_attribute("open"), "its details were closed");
    }
    assert_eq!(
        page.texts(".cert-origin"),
        [
            "Skype for Business · signing key $.keys[0]",
            "Exchange · signing key $.keys[0]",
            "Exchange · TLS server certificate #1"
        ]
    );
}

/// A key published for another use is labelled with its usage, not as a
/// signing key.
#[wasm_bindgen_test]
async fn a_key_of_another_use_is_labelled_so() {
    let page = mount(certificates_page, |ws| {
        fetched(ws);
        let other = EXCHANGE.replacen("\"usage\": \"signing\"", "\"usage\": \"encryption\"", 1);
        ws.exchange.set(FetchState::Done(Ok(report(
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
            &other,
        ))));
    });
    assert!(
        until(|| page.all(".cert-card").len() == 2).await,
        "{}",
        page.text()
    );
    assert_eq!(
        page.texts(".cert-origin"),
        [
            "Skype for Business · signing key $.keys[0]",
            "Exchange · key $.keys[0] (usage encryption)"
        ]
    );
}

/// A fix shows every step it takes: iisreset on each Exchange server, each
/// linking to its own step on the Commands page (every anchor there given
/// once); a step the plan was made without names the field that adds it.
#[wasm_bindgen_test]
async fn fixes_show_every_server_and_name_the_field_a_step_needs() {
    let two_servers = |ws: Workspace| {
        fetched(ws);
        ws.form
            .update(|f| f.exchange_servers = "atl-exchange-001, atl-exchange-002".into());
    };
    let page = mount(test_results_page, move |ws| {
        two_servers(ws);
        ws.pastes
            .set(vec![TEST_401.to_string(), ACCEPTED.to_string()]);
    });
    let finding = "#finding-exchange-S2S-TEST-REALM-NOT-ACCEPTED";
    assert!(
        until(|| page.all(finding).len() == 1).await,
        "{}",
        page.text()
    );
    assert_eq!(
        page.attributes(&format!("{finding} .fix-step a"), "href"),
        [
            "/commands#step-collect-accepted-domains",
            "/commands#in-realm",
            "/commands#step-exchange-partner-application",
            "/commands#step-exchange-iisreset",
            "/commands#step-exchange-iisreset-2",
        ]
    );
    let commands = page.texts(&format!("{finding} .fix-step pre code"));
    for server in ["'atl-exchange-001'", "'atl-exchange-002'"] {
        assert!(
            commands.contains(&format!("iisreset {server}")),
            "{commands:?}"
        );
    }
    assert!(
        page.one(finding).text_content().unwrap_or_default().contains(
            "Fill in “Skype OAuth realm” on the Commands page to see the exact command of this step of the fix."
        ),
        "{}",
        page.text()
    );
    drop(page);

    // Pasted output with no servers named: no plan, so each fix says once
    // where its commands come from instead of linking to steps not drawn.
    let unnamed = mount(test_results_page, |ws| {
        ws.pastes
            .set(vec![TEST_401.to_string(), ACCEPTED.to_string()]);
    });
    assert!(
        until(|| unnamed.all(finding).len() == 1).await,
        "{}",
        unnamed.text()
    );
    assert_eq!(
        unnamed.texts(&format!("{finding} .fix-step")),
        ["Fill in the Commands page to see the exact commands of this fix."]
    );
    assert_eq!(
        unnamed
            .one(&format!("{finding} .fix-step a"))
            .get_attribute("href")
            .as_deref(),
        Some("/commands")
    );
    drop(unnamed);

    // Every input a step can need has its field on the Commands page.
    for (step, input) in s2s_core::commands::STEPS_WITH_INPUT {
        assert!(
            s2s_console::testing::plan_field(input).is_some(),
            "{step} needs {input:?}, which has no field"
        );
    }

    // The anchors the links above land on.
    let commands = mount(commands_page, two_servers);
    assert!(
        until(|| commands.all("#step-exchange-iisreset-2").len() == 1).await,
        "{}",
        commands.text()
    );
    let ids: Vec<String> = commands.all("[id]").iter().map(|e| e.id()).collect();
    let mut once = ids.clone();
    once.sort();
    once.dedup();
    assert_eq!(once.len(), ids.len(), "ids given twice: {ids:?}");
    assert_eq!(
        commands
            .one("#step-exchange-iisreset-2 pre code")
            .text_content()
            .as_deref(),
        Some("iisreset 'atl-exchange-002'")
    );
}

/// Chooses `file` in the page's file input, as a person would. The input is
/// looked up each time: the fields are drawn again when one is added.
fn choose_file(page: &Mounted, file: &web_sys::File) {
    let chooser: web_sys::HtmlInputElement =
        page.one("input[type=file]").dyn_into().expect("input");
    let transfer = web_sys::DataTransfer::new().expect("data transfer");
    transfer.items().add_with_file(file).expect("add file");
    chooser.set_files(transfer.files().as_ref());
    chooser
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
}

/// Drops `file` on `target` as a person dragging it there would; the event,
/// to see whether the page took it.
fn drop_file(target: &web_sys::Element, file: &web_sys::File) -> web_sys::DragEvent {
    let transfer = web_sys::DataTransfer::new().expect("data transfer");
    transfer.items().add_with_file(file).expect("add file");
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let event = web_sys::DragEvent::new_with_event_init_dict("drop", &init).expect("drop");
    target.dispatch_event(&event).expect("dispatch");
    event
}

/// A file whose reading fails as Chromium's does for a file moved or
/// changed on disk after it was chosen (a `NotReadableError`). A test
/// cannot make a chosen file unreadable, so this one file's `slice` hands
/// out a real part whose `arrayBuffer` rejects with that error.
fn unreadable_file(name: &str) -> web_sys::File {
    let file = text_file(name, "-----BEGIN CERTIFICATE-----\n");
    let failing_slice = js_sys::Function::new_no_args(
        "const part = Blob.prototype.slice.apply(this, arguments);
         part.arrayBuffer = () => Promise.reject(new DOMException(
             'The requested file could not be read', 'NotReadableError'));
         return part;",
    );
    js_sys::Reflect::set(&file, &"slice".into(), &failing_slice).expect("slice");
    file
}

/// A text file as a person would choose or drop it.
fn text_file(name: &str, text: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).expect("file")
}

/// In Korean, findings show their Korean title, fix and explanation; the
/// commands inside them stay as they are.
#[wasm_bindgen_test]
async fn findings_in_korean() {
    // The app fetches the catalogue; here it is installed as the repository has it.
    install_korean(include_str!("../i18n/ko.json")).expect("i18n/ko.json");
    set_korean(true);
    let page = mount(findings_page, |ws| {
        ws.form.set(TopologyForm::litware_example());
        ws.skype.set(FetchState::Done(Ok(unreachable(
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
        ))));
    });
    let ok = until(|| page.all("#finding-skype-S2S-DOC-UNREACHABLE").len() == 1).await;
    set_korean(false);
    assert!(ok, "{}", page.text());
    let f = page
        .one("#finding-skype-S2S-DOC-UNREACHABLE")
        .text_content()
        .unwrap_or_default();
    assert!(f.contains("메타데이터 문서를 가져오지 못했습니다"), "{f}");
    assert!(f.contains("443 포트"), "{f}");
    assert!(f.contains("실패"), "{f}");
    assert!(page.text().contains("진단 결과"), "{}", page.text());
}

fn set_hash(hash: &str) {
    let history = web_sys::window()
        .and_then(|w| w.history().ok())
        .expect("history");
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("/report{hash}")),
        )
        .expect("replace state");
}

#[wasm_bindgen_test]
async fn report_page_makes_opens_and_refuses_reports() {
    // Nothing in the address: the page offers to make a report.
    set_hash("");
    let make = mount(report_page, |_| {});
    assert!(
        until(|| make.text().contains("Copy report link")).await,
        "{}",
        make.text()
    );
    assert!(make.all(".report").is_empty());
    drop(make);

    // A damaged link says so, in place.
    set_hash("#s2s-report-v1.AAAA_not_deflate");
    let damaged = mount(report_page, |_| {});
    assert!(
        until(|| damaged.text().contains("This report cannot be opened")).await,
        "{}",
        damaged.text()
    );
    drop(damaged);
    set_hash("#s2s-report-v9.AAAA");
    let newer = mount(report_page, |_| {});
    assert!(
        until(|| newer.text().contains("format version 9")).await,
        "{}",
        newer.text()
    );
    drop(newer);

    // A decompression bomb: a short link whose payload inflates past the
    // report cap is refused as too large, without inflating the rest.
    let bomb = vec![b' '; 64 * 1024 * 1024];
    let fragment = s2s_console::testing::link_fragment_of(&bomb)
        .await
        .expect("compressed");
    assert!(fragment.len() < 200_000, "{} characters", fragment.len());
    set_hash(&format!("#{fragment}"));
    let too_large = mount(report_page, |_| {});
    assert!(
        until(|| too_large
            .text()
            .contains("over 2097152 bytes once unpacked"))
        .await,
        "{}",
        too_large.text()
    );
    drop(too_large);

    // A real link opens read-only, re-evaluated now, with nothing to edit.
    let snapshot = s2s_core::report::Snapshot {
        version: s2s_core::report::REPORT_VERSION,
        generated_at: s2s_core::time::UnixTime(1_795_737_600),
        console_version: "0.1.0".into(),
        topology: TopologyForm::litware_example(),
        skype: Some(s2s_core::report::RecordedFetch::Report(Box::new(report(
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            SKYPE,
        )))),
        exchange: Some(s2s_core::report::RecordedFetch::Report(Box::new(report(
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
            EXCHANGE,
        )))),
        probe: None,
        pastes: vec![TEST_401.to_string()],
        // The admin's Commands options reach the report's fixes.
        plan: Some(s2s_core::commands::RawPlanInput {
            trust_any_ssl: true,
            ..s2s_core::commands::RawPlanInput::default()
        }),
        findings: Vec::new(),
    };
    let (opened, _) = open_report(&snapshot).await;
    let banner = opened
        .one(".report-banner")
        .text_content()
        .unwrap_or_default();
    assert!(banner.contains("made 2026-11-27T00:00:00Z"), "{banner}");
    assert!(
        opened
            .all(".report #finding-skype-S2S-CERT-VALID, .report #finding-exchange-S2S-CERT-VALID")
            .len()
            == 2,
        "{}",
        opened.text()
    );
    let fix = opened
        .texts(".report #tests-finding-exchange-S2S-TEST-REALM-NOT-ACCEPTED .fix-step pre")
        .join("\n");
    assert!(fix.contains("-TrustAnySSLCertificate:$true"), "{fix}");
    // A report cannot fetch: the live part says what was not fetched then.
    assert!(
        opened
            .text()
            .contains("Not fetched when the report was made.")
    );
    assert!(!opened.text().contains("press Fetch both"));
    // The test results' findings have anchors of their own in a report.
    assert!(
        opened
            .all(".report #tests-finding-exchange-S2S-TEST-REALM-NOT-ACCEPTED")
            .len()
            == 1
    );
    assert_eq!(
        opened
            .all(".report input, .report textarea, .report select")
            .len(),
        0
    );
    assert_eq!(opened.all(".report-section").len(), 6);
    // The views sit a level below the report's sections: the outline has
    // one h2 per section, and the sides, documents and findings under it.
    assert_eq!(
        opened.all(".report h2").len(),
        6,
        "{:?}",
        opened.texts(".report h2")
    );
    assert_eq!(
        opened.texts(".report #side-skype, .report #side-exchange"),
        ["Skype for Business", "Exchange"]
    );
    assert!(opened.all(".report h3#side-skype").len() == 1);
    assert!(!opened.all(".report .finding h4").is_empty());
    report_links_stay_in_the_report(&opened);
    drop(opened);

    // Options that made no plan (a thumbprint half typed) give way to the
    // defaults: the fixes keep their commands.
    let half_typed = s2s_core::report::Snapshot {
        plan: Some(s2s_core::commands::RawPlanInput {
            trust_any_ssl: true,
            oauth_thumbprint: "7A78".into(),
            ..s2s_core::commands::RawPlanInput::default()
        }),
        ..snapshot.clone()
    };
    let (opened, _) = open_report(&half_typed).await;
    let fix = opened
        .texts(".report #tests-finding-exchange-S2S-TEST-REALM-NOT-ACCEPTED .fix-step pre")
        .join("\n");
    assert!(
        fix.contains("Configure-EnterprisePartnerApplication.ps1"),
        "{fix}"
    );
    assert!(!fix.contains("-TrustAnySSLCertificate"), "{fix}");
    drop(opened);

    // A report of a broken trust, one side not fetched: the verdict's link
    // jumps to the report's own section, and the report's link stays.
    let broken = s2s_core::report::Snapshot {
        topology: TopologyForm {
            sip_domain: "fabrikam.com".into(),
            ..TopologyForm::litware_example()
        },
        exchange: None,
        pastes: Vec::new(),
        ..snapshot
    };
    let (opened, fragment) = open_report(&broken).await;
    report_links_stay_in_the_report(&opened);
    // No all-clear for the time it was made either: Exchange was not fetched.
    let then = opened
        .one("#report-then + p")
        .text_content()
        .unwrap_or_default();
    assert_eq!(
        then,
        "Not fully checked: Exchange's document was not fetched."
    );
    // A step the report cannot show says what the admin fills in.
    assert!(
        opened
            .texts(".report #finding-skype-S2S-REALM-SIP-MISMATCH .fix-step")
            .contains(&"One more step's command needs “Skype OAuth realm”, which the admin fills in on the Commands page of the console.".to_string()),
        "{:?}",
        opened.texts(".report #finding-skype-S2S-REALM-SIP-MISMATCH .fix-step")
    );
    let next = opened.one(".report .next-step a[data-jump]");
    let target = next.get_attribute("href").unwrap_or_default();
    next.dyn_into::<web_sys::HtmlElement>()
        .expect("link")
        .click();
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    assert!(
        hash.starts_with(&format!("#{fragment}")),
        "following {target} changed the address to {hash}"
    );
    assert_eq!(opened.all(".report-banner").len(), 1, "the report closed");
    // Keyboard and screen-reader users go on from the section jumped to.
    let focused = document().active_element().map(|e| format!("#{}", e.id()));
    assert_eq!(focused.as_deref(), Some(target.as_str()));
    // A report made before anything was fetched says so, and sends the
    // helpdesk nowhere.
    drop(opened);
    let empty = s2s_core::report::Snapshot {
        skype: None,
        exchange: None,
        ..broken.clone()
    };
    let (nothing, _) = open_report(&empty).await;
    assert_eq!(
        nothing.texts(".report .verdict"),
        [
            "Not checked: nothing had been fetched when the report was made.",
            "Nothing had been fetched."
        ]
    );
    assert!(nothing.all(".report .next-step").is_empty());
    drop(nothing);
    let (opened, _) = open_report(&broken).await;
    // Closing the report takes the button away: the focus goes to the
    // page's heading, not to nowhere.
    opened
        .one("[data-action=close]")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    assert!(until(|| opened.all(".report-banner").is_empty()).await);
    assert!(focus_reaches("page-title").await, "{:?}", focused_id());
    set_hash("");
}

/// The Report page opened on a link to `snapshot`, once it is drawn; and
/// the link's fragment.
async fn open_report(snapshot: &s2s_core::report::Snapshot) -> (Mounted, String) {
    let fragment = report_fragment(snapshot).await.expect("compressed");
    set_hash(&format!("#{fragment}"));
    let opened = mount(report_page, |_| {});
    assert!(
        until(|| opened.all(".report-banner").len() == 1).await,
        "{}",
        opened.text()
    );
    (opened, fragment)
}

/// An opened report's links lead into the report, never to the helpdesk's
/// own (empty) pages, and its ids are given once.
fn report_links_stay_in_the_report(opened: &Mounted) {
    let out: Vec<String> = opened
        .attributes(".report a", "href")
        .into_iter()
        .filter(|href| !href.starts_with('#'))
        .collect();
    assert_eq!(out, Vec::<String>::new(), "links out of the report");

    for href in opened.attributes(".report a[data-jump]", "href") {
        let id = href.trim_start_matches('#');
        assert_eq!(
            opened.all(&format!(".report [id='{id}']")).len(),
            1,
            "{href} leads nowhere in the report"
        );
    }
    let ids = opened.attributes(".report [id]", "id");
    let mut repeated: Vec<&String> = ids
        .iter()
        .filter(|id| ids.iter().filter(|other| other == id).count() > 1)
        .collect();
    repeated.dedup();
    assert!(
        repeated.is_empty(),
        "ids repeated in the report: {repeated:?}"
    );
}

/// A report is not this console's word: a crafted link that runs the
/// Exchange script from someone's share and trusts any certificate shows,
/// above its commands, where their values come from and flags both.
#[wasm_bindgen_test]
async fn a_crafted_report_says_whose_commands_they_are() {
    let snapshot = s2s_core::report::Snapshot {
        version: s2s_core::report::REPORT_VERSION,
        generated_at: s2s_core::time::UnixTime(1_795_737_600),
        console_version: "0.1.0".into(),
        topology: TopologyForm::litware_example(),
        skype: None,
        exchange: None,
        probe: None,
        pastes: vec![TEST_401.to_string()],
        plan: Some(s2s_core::commands::RawPlanInput {
            install_path: "\\\\someone\\share\\Exchange".into(),
            trust_any_ssl: true,
            ..s2s_core::commands::RawPlanInput::default()
        }),
        findings: Vec::new(),
    };
    let (opened, _) = open_report(&snapshot).await;
    let note = opened
        .one(".report-provenance")
        .text_content()
        .unwrap_or_default();
    assert!(
        note.contains("chosen by whoever made it, not by this console"),
        "{note}"
    );
    assert!(
        note.contains("Skype for Business pool FQDN: atl-cs-001.litwareinc.com"),
        "{note}"
    );
    let cautions = opened.texts(".report-provenance .report-cautions li");
    assert_eq!(cautions.len(), 2, "{cautions:?}");
    assert!(
        cautions[0].contains("network path")
            && cautions[0].contains("\\\\someone\\share\\Exchange"),
        "{cautions:?}"
    );
    assert!(
        cautions[1].contains("-TrustAnySSLCertificate"),
        "{cautions:?}"
    );
    // The notice comes before any command the report shows.
    let html = opened.one(".report").inner_html();
    let notice_at = html.find("report-provenance").unwrap_or(usize::MAX);
    let first_command = html.find("<pre").unwrap_or(usize::MAX);
    assert!(
        notice_at < first_command,
        "the notice is not above the commands"
    );
}

/// A fetched Skype document with no usable signing certificate makes the
/// plan start by assigning Skype's OAuthTokenIssuer certificate: the page
/// says so, asks for its thumbprint, and once given puts that step first.
#[wasm_bindgen_test]
async fn no_usable_skype_key_puts_the_certificate_step_first() {
    let mut doc: serde_json::Value = serde_json::from_str(SKYPE).expect("fixture");
    doc["keys"] = serde_json::json!([]);
    let keyless = doc.to_string();
    let (page, ws) = mount_kept(commands_page, move |ws| {
        ws.form.set(TopologyForm::litware_example());
        ws.skype.set(FetchState::Done(Ok(report(
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            &keyless,
        ))));
    });
    assert!(
        until(|| page
            .text()
            .contains("publishes no usable signing certificate"))
        .await,
        "{}",
        page.text()
    );
    assert!(
        until(|| page
            .texts(".notice li")
            .iter()
            .any(|t| t.starts_with("New OAuthTokenIssuer certificate (thumbprint): ")))
        .await,
        "{:?}",
        page.texts(".notice li")
    );
    ws.plan
        .update(|p| p.oauth_thumbprint = "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into());
    assert!(
        until(|| !page.all(".step-card").is_empty()).await,
        "{}",
        page.text()
    );
    assert_eq!(
        page.attributes(".step-card", "data-step")
            .first()
            .map(String::as_str),
        Some("skype-oauth-certificate")
    );
    // With a usable key published again, the step goes back to maintenance.
    ws.skype.set(FetchState::Done(Ok(report(
        "https://atl-cs-001.litwareinc.com/metadata/json/1",
        SKYPE,
    ))));
    assert!(
        until(|| page
            .attributes(".step-card", "data-step")
            .first()
            .map(String::as_str)
            != Some("skype-oauth-certificate"))
        .await
    );
    assert!(
        !page
            .text()
            .contains("publishes no usable signing certificate")
    );
}
