//! Calls to the `s2s` server, through gloo-net. Same origin, so no CORS and
//! `connect-src 'self'`. Every body is read as text and decoded by
//! s2s-core's `decode` (serde_json), whose errors give the path, line and
//! column of what is wrong.

use gloo_net::http::{Request, Response};
use s2s_core::api::{ApiErrorBody, FetchReport, ServerInfo, WatchedDeployment};
use s2s_core::decode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use web_sys::AbortSignal;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    #[error("the s2s server could not be reached ({0}); is `s2s serve` running?")]
    Network(String),
    #[error("the s2s server refused {path} ({status}): {message}")]
    Status {
        path: String,
        status: u16,
        /// The server's error code (`host_not_allowed`), when it gave one.
        code: Option<String>,
        message: String,
    },
    #[error("the s2s server's answer to {path} could not be read: {detail}")]
    Decode { path: String, detail: String },
    /// What a report recorded of a failed fetch.
    #[error("{0}")]
    Recorded(String),
    /// A newer request replaced this one.
    #[error("cancelled: a newer request replaced it")]
    Cancelled,
}

/// What the browser said of a request that got no answer ("Failed to
/// fetch"): the JavaScript error's message, without its name.
fn failure_text(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(e) => e.message.clone(),
        other => other.to_string(),
    }
}

/// Sends a request and reads the whole answer as text. gloo-net does not
/// fail on HTTP errors: the caller checks the status.
async fn send(
    request: Result<Request, gloo_net::Error>,
) -> Result<(Response, String), gloo_net::Error> {
    let response = request?.send().await?;
    let text = response.text().await?;
    Ok((response, text))
}

/// A file the server serves as it is (not an API call), as text; the error
/// says what went wrong ("HTTP 404 Not Found", "Failed to fetch").
pub async fn static_text(path: &str) -> Result<String, String> {
    let (response, text) = send(Request::get(path).build())
        .await
        .map_err(|e| failure_text(&e))?;
    if !response.ok() {
        let status = format!("HTTP {} {}", response.status(), response.status_text());
        return Err(status.trim_end().to_string());
    }
    Ok(text)
}

/// Sends an API request and gives the body of its successful answer; API
/// errors keep the server's code and message. `abort` is the request's
/// signal: once it is aborted (a superseded fetch) the request is cancelled.
async fn answer(
    path: &str,
    request: Result<Request, gloo_net::Error>,
    abort: Option<&AbortSignal>,
) -> Result<String, ApiError> {
    let cancelled = || abort.is_some_and(AbortSignal::aborted);
    let (response, text) = send(request).await.map_err(|e| {
        if cancelled() {
            ApiError::Cancelled
        } else {
            ApiError::Network(failure_text(&e))
        }
    })?;
    // gloo-net does not fail on HTTP errors: check the status ourselves.
    if !response.ok() {
        let (code, message) = match decode::from_str::<ApiErrorBody>(&text) {
            Ok(b) => (Some(b.error.code), b.error.message),
            Err(_) => (None, response.status_text()),
        };
        return Err(ApiError::Status {
            path: path.to_string(),
            status: response.status(),
            code,
            message,
        });
    }
    Ok(text)
}

/// Every API request carries it: the server refuses API requests without
/// it, which a page on another site cannot send without asking first
/// (a CORS preflight the server never grants).
const CONSOLE_HEADER: &str = "X-S2S-Console";

/// The JSON answer to `path`, decoded.
fn decoded<T: DeserializeOwned>(path: String, text: &str) -> Result<T, ApiError> {
    decode::from_str(text).map_err(|e| ApiError::Decode {
        path,
        detail: e.to_string(),
    })
}

/// GETs `path` and decodes its JSON answer; `abort` cancels it.
async fn get<T: DeserializeOwned>(
    path: String,
    abort: Option<&AbortSignal>,
) -> Result<T, ApiError> {
    let request = Request::get(&path)
        .header(CONSOLE_HEADER, "1")
        .abort_signal(abort)
        .build();
    let text = answer(&path, request, abort).await?;
    decoded(path, &text)
}

/// The server's mode, version and allowlist.
pub async fn server_info() -> Result<ServerInfo, ApiError> {
    get("/api/v1/config".into(), None).await
}

/// The deployments the server watches, as each stood at its last watch.
pub async fn deployments() -> Result<Vec<WatchedDeployment>, ApiError> {
    get("/api/v1/deployments".into(), None).await
}

/// Has the server fetch one metadata URL. Always `fresh=1`: an admin looking
/// at a server sees the chain it presents now, never a resumed session's.
pub async fn fetch_report(url: &str, abort: Option<&AbortSignal>) -> Result<FetchReport, ApiError> {
    let path = format!(
        "/api/v1/fetch?url={}&fresh=1",
        String::from(js_sys::encode_uri_component(url))
    );
    get(path, abort).await
}

/// Has the server send Exchange's EWS one request with an empty Bearer
/// token, whose 401 challenge names the issuers Exchange trusts.
pub async fn probe_report(
    host: &str,
    abort: Option<&AbortSignal>,
) -> Result<FetchReport, ApiError> {
    let path = format!(
        "/api/v1/probe/exchange-trust?host={}&fresh=1",
        String::from(js_sys::encode_uri_component(host))
    );
    get(path, abort).await
}

/// What the demo servers play, and the other scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DemoState {
    pub scenario: String,
    pub scenarios: Vec<DemoScenario>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DemoScenario {
    pub id: String,
    pub label: String,
}

/// The body that has the demo servers play another scenario.
#[derive(Serialize)]
struct ScenarioChoice<'a> {
    scenario: &'a str,
}

const DEMO_SCENARIO: &str = "/api/v1/demo/scenario";

pub async fn demo_state() -> Result<DemoState, ApiError> {
    get(DEMO_SCENARIO.into(), None).await
}

pub async fn set_demo_scenario(id: &str) -> Result<DemoState, ApiError> {
    // gloo-net's `json` sends `content-type: application/json`.
    let request = Request::post(DEMO_SCENARIO)
        .header(CONSOLE_HEADER, "1")
        .json(&ScenarioChoice { scenario: id });
    let text = answer(DEMO_SCENARIO, request, None).await?;
    decoded(DEMO_SCENARIO.into(), &text)
}
