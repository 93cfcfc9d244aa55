//! Harness for end-to-end tests and browser benchmarks: the real `s2s` binary
//! serving the real release build, and headless Chromium driven through
//! chromedriver. Nothing here is simulated.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use thiserror::Error;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

#[derive(Debug, Error)]
pub enum HarnessError {
    #[error("cannot start {what} ({path}): {source}")]
    Spawn {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Startup(String),
    #[error("webdriver: {0}")]
    WebDriver(String),
}

/// A script returning the English left on a page shown in Korean: visible
/// text (code included) and accessible names (aria-label, title,
/// placeholder, alt, the diagram's title and description) with a word of
/// lower-case English, by the rule of `s2s_core::i18n::reads_as_english`
/// (and its lists of names): double quotes mark text quoted from a server or
/// an output; products, shells, cmdlets, hosts and other technical tokens
/// are not words. Commands (`pre`), pasted output and what is marked
/// `translate="no"` are quoted, not the console's text. Besides, the words
/// the console's own labels start with (`Copy`, `Download`, `Expected`, …)
/// count when capitalised, which the lower-case rule alone would miss.
fn english_left_script() -> String {
    let list = |words: &[&str]| serde_json::Value::from(words.to_vec()).to_string();
    format!(
        "const quoted = 'pre, textarea, script, style, option, [translate=no]'; \
         const names = {names}; \
         const tools = {tools}; \
         const labels = ['The', 'This', 'No', 'Not', 'None', 'Copy', 'Download', 'Fetch', 'Open', 'Add', 'Show', 'Back', 'Close', 'Paste', 'Choose', 'Failed', 'Passed', 'Warning', 'Warnings', 'Notes', 'Fix', 'Expected', 'Actual', 'Evidence', 'Verify', 'Undo', 'Before', 'Run', 'Read', 'Step', 'Steps', 'Facts', 'Outcome', 'Recognised', 'Live', 'Trusted', 'Size', 'Key', 'Keys', 'Signature', 'Endpoints', 'Body', 'Servers', 'Language', 'Theme', 'Light', 'Dark', 'Skip', 'Overview', 'Topology', 'Metadata', 'Certificates', 'Findings', 'Commands', 'Results', 'Report', 'Verdict', 'Now', 'When', 'Inspected', 'Details', 'Valid', 'Expired', 'Expires', 'Days', 'Connecting', 'Asking', 'Scenario', 'Demo', 'Mode']; \
         const left = t => {{ let u = t.split('\"').filter((_, i) => i % 2 === 0).join(' '); \
           for (const n of names) u = u.split(n).join(' '); \
           return u.split(/\\s+/).some(w => {{ w = w.replace(/^[(\\['\"]+|[,.;:)\\]'!?…]+$/g, ''); \
             return (/^[a-z]+$/.test(w) && !tools.includes(w)) || labels.includes(w); }}); }}; \
         const found = []; \
         const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
         for (let n = walk.nextNode(); n; n = walk.nextNode()) {{ \
           const e = n.parentElement; \
           if (!e || e.closest(quoted)) continue; \
           if (!e.closest('svg title, svg desc') && !e.getClientRects().length) continue; \
           if (left(n.textContent)) found.push(e.tagName.toLowerCase() + ': ' + n.textContent.trim().slice(0, 120)); \
         }} \
         for (const e of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {{ \
           if (e.closest('pre, script, style, [translate=no]')) continue; \
           for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {{ \
             const v = e.getAttribute(a); \
             if (v && left(v)) found.push(e.tagName.toLowerCase() + '[' + a + ']: ' + v.slice(0, 120)); \
           }} \
         }} \
         return found;",
        names = list(&s2s_core::i18n::NAMES),
        tools = list(&s2s_core::i18n::TOOL_WORDS),
    )
}

/// The repository root (two levels above this crate).
/// A GET of the API as the console sends it (with `X-S2S-Console: 1`,
/// which `s2s` requires of every API request).
pub async fn api_get(url: String) -> reqwest::Result<reqwest::Response> {
    reqwest::Client::new()
        .get(url)
        .header("x-s2s-console", "1")
        .send()
        .await
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

/// The `s2s` binary under test: `$S2S_BIN`, else the workspace's debug build.
pub fn s2s_binary() -> PathBuf {
    std::env::var_os("S2S_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/s2s"))
}

/// The built app: `$S2S_DIST`, else the workspace's `dist/` (Trunk release).
pub fn dist_dir() -> PathBuf {
    std::env::var_os("S2S_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"))
}

/// A running `s2s serve`, stopped when dropped.
pub struct Server {
    _child: Child,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub base: String,
}

impl Server {
    /// Starts `s2s serve --listen 127.0.0.1:0` with the given extra flags and
    /// waits for the address it prints on its first line.
    pub async fn start(extra_args: &[&str]) -> Result<Server, HarnessError> {
        Server::start_serving("127.0.0.1", &dist_dir(), extra_args).await
    }

    /// As [`Server::start`], serving the files in `dist` on the loopback
    /// address `ip` (another address is another site to the browser: its own
    /// renderer and caches).
    pub async fn start_serving(
        ip: &str,
        dist: &Path,
        extra_args: &[&str],
    ) -> Result<Server, HarnessError> {
        let bin = s2s_binary();
        let mut child = Command::new(&bin)
            .arg("serve")
            .arg("--listen")
            .arg(format!("{ip}:0"))
            .arg("--dist")
            .arg(dist)
            .args(extra_args)
            .env(
                "S2S_LOG",
                std::env::var("S2S_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|source| HarnessError::Spawn {
                what: "s2s",
                path: bin.display().to_string(),
                source,
            })?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| HarnessError::Startup("s2s stdout not captured".into()))?;
        let mut lines = BufReader::new(stdout).lines();
        // A debug build spends about 6.5 s of one core compressing the app
        // (brotli at quality 11) before it listens; two tests start at once.
        let first = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
            .await
            .map_err(|_| HarnessError::Startup("s2s printed no address within 60 s".into()))?
            .map_err(|e| HarnessError::Startup(format!("reading s2s output: {e}")))?
            .ok_or_else(|| {
                HarnessError::Startup(format!(
                    "s2s exited before listening (is the app built in {}?)",
                    dist.display()
                ))
            })?;
        let base = first
            .strip_prefix("listening on ")
            .map(|u| u.trim_end_matches('/').to_string())
            .ok_or_else(|| {
                HarnessError::Startup(format!("unexpected first line from s2s: {first}"))
            })?;
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Server {
            _child: child,
            base,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

/// Headless Chromium behind a chromedriver this harness started.
pub struct Browser {
    _driver: Child,
    _profile: tempfile::TempDir,
    pub client: Client,
}

fn free_port() -> Result<u16, HarnessError> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| HarnessError::Startup(format!("no free port: {e}")))?;
    l.local_addr()
        .map(|a| a.port())
        .map_err(|e| HarnessError::Startup(format!("no free port: {e}")))
}

impl Browser {
    pub async fn start() -> Result<Browser, HarnessError> {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let profile =
            tempfile::tempdir().map_err(|e| HarnessError::Startup(format!("profile dir: {e}")))?;
        let port = free_port()?;
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|source| HarnessError::Spawn {
                what: "chromedriver",
                path: driver_bin.clone(),
                source,
            })?;
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => {
                return Err(HarnessError::Startup(
                    "capabilities are not an object".into(),
                ));
            }
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        // chromedriver takes a moment to listen; retry for up to 20 s.
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Ok(Browser {
                        _driver: driver,
                        _profile: profile,
                        client,
                    });
                }
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(HarnessError::Startup(format!(
            "chromedriver did not start a session: {last_error}"
        )))
    }

    /// Browser console entries of level SEVERE (errors, CSP violations, failed
    /// loads) since the last call.
    pub async fn console_errors(&self) -> Result<Vec<String>, HarnessError> {
        let logs = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .map_err(|e| HarnessError::WebDriver(e.to_string()))?;
        Ok(logs
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits until `script` (a function body returning a value) returns
    /// something other than null, and returns it.
    pub async fn wait_for(
        &self,
        what: &str,
        script: &str,
        timeout: Duration,
    ) -> Result<serde_json::Value, HarnessError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let value = self
                .client
                .execute(script, vec![])
                .await
                .map_err(|e| HarnessError::WebDriver(e.to_string()))?;
            if !value.is_null() {
                return Ok(value);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(HarnessError::Startup(format!(
                    "timed out after {timeout:?} waiting for {what}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The English left on the page shown in Korean (see
    /// `english_left_script`), one item per text or name.
    pub async fn english_left(&self) -> Result<Vec<String>, HarnessError> {
        let found = self
            .client
            .execute(&english_left_script(), vec![])
            .await
            .map_err(|e| HarnessError::WebDriver(e.to_string()))?;
        serde_json::from_value(found).map_err(|e| HarnessError::WebDriver(e.to_string()))
    }

    /// Chooses a language (`en`, `ko`) with the switch in the header, as a
    /// user does.
    pub async fn choose_language(&self, lang: &str) -> Result<(), HarnessError> {
        self.client
            .execute(
                "const s = document.querySelector('.lang-switch select'); s.value = arguments[0]; \
                 s.dispatchEvent(new Event('change', {bubbles: true})); return null;",
                vec![serde_json::Value::String(lang.to_string())],
            )
            .await
            .map(drop)
            .map_err(|e| HarnessError::WebDriver(e.to_string()))
    }

    /// Grants a permission (`clipboard-read`, …) to the page, through the
    /// WebDriver permissions extension chromedriver implements.
    pub async fn grant(&self, permission: &'static str) -> Result<(), HarnessError> {
        self.client
            .issue_cmd(SetPermission(permission))
            .await
            .map(|_| ())
            .map_err(|e| HarnessError::WebDriver(e.to_string()))
    }

    /// Runs axe-core (the npm package `./dev` installs; `S2S_AXE` names its
    /// `axe.min.js`) on the page and returns the violations of serious or
    /// critical impact, one line each: rule, help, and the first elements.
    pub async fn axe_violations(&self) -> Result<Vec<String>, HarnessError> {
        let loaded = self
            .client
            .execute("return typeof window.axe !== 'undefined';", vec![])
            .await
            .map_err(|e| HarnessError::WebDriver(e.to_string()))?;
        if loaded != serde_json::Value::Bool(true) {
            let path = std::env::var("S2S_AXE")
                .map(PathBuf::from)
                .unwrap_or_else(|_| {
                    PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(
                        ".cache/s2s-console/tools/axe-4.14.1/node_modules/axe-core/axe.min.js",
                    )
                });
            let source = std::fs::read_to_string(&path).map_err(|source| HarnessError::Spawn {
                what: "axe-core (run ./dev tools)",
                path: path.display().to_string(),
                source,
            })?;
            self.client
                .execute(&format!("{source}\nreturn null;"), vec![])
                .await
                .map_err(|e| HarnessError::WebDriver(e.to_string()))?;
        }
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                   r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ ' +
                       v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ')').join('; '))
                 )).catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .map_err(|e| HarnessError::WebDriver(e.to_string()))?;
        serde_json::from_value(found).map_err(|e| HarnessError::WebDriver(e.to_string()))
    }

    /// Screenshots the page in both themes (`target/screenshots/NAME-THEME.png`)
    /// and checks each with axe-core; the problems found, one line each:
    /// violations of serious or critical impact, and ids given twice (links
    /// land on ids, and axe-core counts a repeated id only when ARIA refers
    /// to it).
    pub async fn screenshot_both_themes(&self, name: &str) -> Result<Vec<String>, HarnessError> {
        let webdriver = |e: fantoccini::error::CmdError| HarnessError::WebDriver(e.to_string());
        let dir = workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).map_err(|source| HarnessError::Spawn {
            what: "the screenshot directory",
            path: dir.display().to_string(),
            source,
        })?;
        let mut problems = Vec::new();
        for theme in ["light", "dark"] {
            self.client
                .execute(
                    &format!(
                        "document.documentElement.setAttribute('data-theme', '{theme}'); return null;"
                    ),
                    vec![],
                )
                .await
                .map_err(webdriver)?;
            // Let the theme paint before the capture.
            tokio::time::sleep(Duration::from_millis(100)).await;
            let png = self.client.screenshot().await.map_err(webdriver)?;
            let path = dir.join(format!("{name}-{theme}.png"));
            std::fs::write(&path, png).map_err(|source| HarnessError::Spawn {
                what: "a screenshot",
                path: path.display().to_string(),
                source,
            })?;
            for v in self.axe_violations().await? {
                problems.push(format!("{name} ({theme} theme): axe-core: {v}"));
            }
        }
        let repeated = self
            .client
            .execute(REPEATED_IDS, vec![])
            .await
            .map_err(webdriver)?;
        if repeated != serde_json::json!([]) {
            problems.push(format!("{name}: ids given twice: {repeated}"));
        }
        Ok(problems)
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// The ids given to more than one element of the page.
const REPEATED_IDS: &str = "const seen = new Set(), twice = new Set(); \
     for (const e of document.querySelectorAll('[id]')) { if (seen.has(e.id)) twice.add(e.id); seen.add(e.id); } \
     return [...twice];";

/// chromedriver's (non-W3C) log endpoint, which W3C WebDriver lacks.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// `POST /session/{id}/permissions` (W3C Permissions, WebDriver extension).
#[derive(Debug)]
struct SetPermission(&'static str);

impl WebDriverCompatibleCommand for SetPermission {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/permissions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "descriptor": { "name": self.0 }, "state": "granted" });
        (http::Method::POST, Some(body.to_string()))
    }
}
