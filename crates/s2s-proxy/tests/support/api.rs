//! Driving `/api/v1/*` through the router without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use s2s_proxy::assets::Assets;
use s2s_proxy::config::ServerConfig;
use s2s_proxy::fetch::FetchConfig;
use s2s_proxy::server::{AppState, app};
use tower::ServiceExt;

/// A dist directory holding only an `index.html` (the API does not need more).
pub fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("index.html"), "<html></html>").expect("write");
    dir
}

pub fn router(config: ServerConfig, fetch: FetchConfig, dir: &tempfile::TempDir) -> axum::Router {
    app(AppState::with_fetch(
        config,
        Assets::load(dir.path()).expect("assets"),
        fetch,
    ))
}

/// A GET whose answer is JSON, always.
pub async fn get(router: axum::Router, uri: &str) -> (StatusCode, serde_json::Value) {
    send(
        router,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await
}

/// Sends `req` as the console does: with `X-S2S-Console: 1` unless the
/// test set that header itself.
pub async fn send(router: axum::Router, mut req: Request<Body>) -> (StatusCode, serde_json::Value) {
    req.headers_mut()
        .entry("x-s2s-console")
        .or_insert(axum::http::HeaderValue::from_static("1"));
    let resp = router.oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).expect("JSON, always"),
    )
}

/// `/api/v1/fetch?url=…` for this URL.
pub fn fetch_uri(url: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    format!("/api/v1/fetch?url={encoded}")
}
