//! Calls to the `s2s` server. Same origin, so no CORS and `connect-src 'self'`.
//! Plain `fetch` through web-sys: an HTTP client crate would add to the
//! download for nothing the console needs.

use s2s_core::api::{ApiErrorBody, ServerInfo};
use serde::de::DeserializeOwned;
use thiserror::Error;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    #[error("the s2s server could not be reached ({0}); is `s2s serve` running?")]
    Network(String),
    #[error("the s2s server answered {path} with {status}: {message}")]
    Status {
        path: &'static str,
        status: u16,
        message: String,
    },
    #[error("the s2s server's answer to {path} could not be read: {detail}")]
    Decode { path: &'static str, detail: String },
}

fn js_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "network error".to_string())
}

/// `GET path` and decode the JSON answer; API errors keep the server's message.
async fn get_json<T: DeserializeOwned>(path: &'static str) -> Result<T, ApiError> {
    let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| ApiError::Network(js_text(&e)))?
        .dyn_into()
        .map_err(|_| ApiError::Network("not a response".into()))?;
    let body = response
        .text()
        .map_err(|e| ApiError::Network(js_text(&e)))?;
    let text = JsFuture::from(body)
        .await
        .map_err(|e| ApiError::Network(js_text(&e)))?
        .as_string()
        .unwrap_or_default();
    // fetch does not fail on HTTP errors: check the status ourselves.
    if !response.ok() {
        let message = serde_json::from_str::<ApiErrorBody>(&text)
            .map(|b| b.error.message)
            .unwrap_or_else(|_| response.status_text());
        return Err(ApiError::Status {
            path,
            status: response.status(),
            message,
        });
    }
    serde_json::from_str(&text).map_err(|e| ApiError::Decode {
        path,
        detail: e.to_string(),
    })
}

/// The server's mode, version and allowlist.
pub async fn server_info() -> Result<ServerInfo, ApiError> {
    get_json("/api/v1/config").await
}
