//! `/api/v1/*`: what the app asks the server. Errors are JSON too, so the app
//! never has to guess whether it got data or an HTML page.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use s2s_core::api::{ApiErrorBody, ApiErrorDetail, ServerInfo};

use crate::server::AppState;

pub async fn config(State(state): State<AppState>) -> Json<ServerInfo> {
    let config = state.config();
    Json(ServerInfo {
        mode: config.mode,
        version: env!("CARGO_PKG_VERSION").to_string(),
        allowed_hosts: config
            .allowed_hosts
            .iter()
            .cloned()
            .map(String::from)
            .collect(),
    })
}

/// An API error response: `{"error": {"code": "...", "message": "..."}}`.
pub fn error_response(status: StatusCode, code: &str, message: String) -> Response {
    let body = ApiErrorBody {
        error: ApiErrorDetail {
            code: code.to_string(),
            message,
        },
    };
    (status, Json(body)).into_response()
}

pub fn not_found(path: &str) -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("there is no API endpoint at {path}"),
    )
}

pub async fn method_not_allowed(uri: Uri) -> Response {
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} only answers GET", uri.path()),
    )
}
