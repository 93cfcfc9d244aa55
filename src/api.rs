//! Calls to the `s2s` server. Same origin, so no CORS and `connect-src 'self'`.

use gloo_net::http::Request;
use s2s_core::api::{ApiErrorBody, ServerInfo};
use serde::de::DeserializeOwned;
use thiserror::Error;

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

/// `GET path` and decode the JSON answer; API errors keep the server's message.
async fn get_json<T: DeserializeOwned>(path: &'static str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    // gloo-net does not fail on HTTP errors: check the status ourselves.
    if !response.ok() {
        let status = response.status();
        let message = match response.json::<ApiErrorBody>().await {
            Ok(body) => body.error.message,
            Err(_) => response.status_text(),
        };
        return Err(ApiError::Status {
            path,
            status,
            message,
        });
    }
    response.json::<T>().await.map_err(|e| ApiError::Decode {
        path,
        detail: e.to_string(),
    })
}

/// The server's mode, version and allowlist.
pub async fn server_info() -> Result<ServerInfo, ApiError> {
    get_json("/api/v1/config").await
}
