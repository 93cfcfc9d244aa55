//! Calls to the `s2s` server. Same origin, so no CORS and `connect-src 'self'`.
//! Plain `fetch` through web-sys: an HTTP client crate would add to the
//! download for nothing the console needs.

use s2s_core::api::{ApiErrorBody, FetchReport, ServerInfo};
use s2s_core::decode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

fn js_text(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "network error".to_string())
}

/// Sends a request and reads the whole answer as text. fetch does not fail
/// on HTTP errors: the caller checks the status.
async fn send(
    path: &str,
    init: &web_sys::RequestInit,
) -> Result<(web_sys::Response, String), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, init))
        .await?
        .dyn_into()
        .map_err(|_| JsValue::from_str("not a response"))?;
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    Ok((response, text))
}

/// A file the server serves as it is (not an API call), as text; the error
/// says what went wrong ("HTTP 404 Not Found", "Failed to fetch").
pub async fn static_text(path: &str) -> Result<String, String> {
    let (response, text) = send(path, &web_sys::RequestInit::new())
        .await
        .map_err(|e| js_text(&e))?;
    if !response.ok() {
        let status = format!("HTTP {} {}", response.status(), response.status_text());
        return Err(status.trim_end().to_string());
    }
    Ok(text)
}

/// Sends a request and decodes the JSON answer; API errors keep the server's
/// code and message. `abort` cancels it (a superseded fetch).
async fn request<T: DeserializeOwned>(
    path: String,
    post_json: Option<String>,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<T, ApiError> {
    let init = web_sys::RequestInit::new();
    if let Some(body) = &post_json {
        init.set_method("POST");
        init.set_body(&JsValue::from_str(body));
        let headers = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&headers, &"content-type".into(), &"application/json".into());
        init.set_headers(&headers);
    }
    init.set_signal(abort);
    let cancelled = || abort.is_some_and(|s| s.aborted());
    let (response, text) = send(&path, &init).await.map_err(|e| {
        if cancelled() {
            ApiError::Cancelled
        } else {
            ApiError::Network(js_text(&e))
        }
    })?;
    // fetch does not fail on HTTP errors: check the status ourselves.
    if !response.ok() {
        let (code, message) = match decode::from_str::<ApiErrorBody>(&text) {
            Ok(b) => (Some(b.error.code), b.error.message),
            Err(_) => (None, response.status_text()),
        };
        return Err(ApiError::Status {
            path,
            status: response.status(),
            code,
            message,
        });
    }
    decode::from_str(&text).map_err(|e| ApiError::Decode {
        path,
        detail: e.to_string(),
    })
}

/// The server's mode, version and allowlist.
pub async fn server_info() -> Result<ServerInfo, ApiError> {
    request("/api/v1/config".into(), None, None).await
}

/// Has the server fetch one metadata URL. Always `fresh=1`: an admin looking
/// at a server sees the chain it presents now, never a resumed session's.
pub async fn fetch_report(
    url: &str,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<FetchReport, ApiError> {
    let path = format!(
        "/api/v1/fetch?url={}&fresh=1",
        String::from(js_sys::encode_uri_component(url))
    );
    request(path, None, abort).await
}

/// Has the server send Exchange's EWS one request with an empty Bearer
/// token, whose 401 challenge names the issuers Exchange trusts.
pub async fn probe_report(
    host: &str,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<FetchReport, ApiError> {
    let path = format!(
        "/api/v1/probe/exchange-trust?host={}&fresh=1",
        String::from(js_sys::encode_uri_component(host))
    );
    request(path, None, abort).await
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

pub async fn demo_state() -> Result<DemoState, ApiError> {
    request("/api/v1/demo/scenario".into(), None, None).await
}

pub async fn set_demo_scenario(id: &str) -> Result<DemoState, ApiError> {
    let body = serde_json::json!({ "scenario": id }).to_string();
    request("/api/v1/demo/scenario".into(), Some(body), None).await
}
