//! The HTTP application: static app files, the API, and the headers on both.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::accept_encoding;
use crate::api;
use crate::assets::{Asset, Assets};
use crate::config::ServerConfig;
use crate::demo::Demo;
use crate::deployment::Deployment;
use crate::fetch::FetchConfig;
use crate::security::{FIXED_HEADERS, SecurityHeaders};
use crate::watch::Watch;
use tokio::sync::Semaphore;

/// Shared, read-only state of a running server.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: ServerConfig,
    assets: Assets,
    csp: HeaderValue,
    fetch: FetchConfig,
    /// Upstream fetches under way at once.
    fetch_slots: Arc<Semaphore>,
    demo: Option<Demo>,
    rate: crate::rate::RateLimiter,
    /// The deployments watched for `/metrics` (none unless configured).
    watch: Arc<Watch>,
}

/// At most this many upstream fetches at once unless configured otherwise;
/// more are refused as busy (a fast, clear answer rather than a queue whose
/// wait would eat into the client's own time limit).
pub const MAX_CONCURRENT_FETCHES: usize = 32;

impl AppState {
    /// A server with the system's trusted roots for fetching.
    pub fn new(config: ServerConfig, assets: Assets) -> Self {
        let roots = crate::tls::root_store(None).unwrap_or_else(|_| rustls::RootCertStore::empty());
        Self::with_fetch(config, assets, FetchConfig::new(roots))
    }

    pub fn with_fetch(config: ServerConfig, assets: Assets, fetch: FetchConfig) -> Self {
        let index = assets
            .index()
            .map(|a| String::from_utf8_lossy(&a.bytes).into_owned())
            .unwrap_or_default();
        let policy = SecurityHeaders::for_index(&index).content_security_policy;
        // The policy is built from ASCII pieces and base64, so it is always a
        // valid header value; the fallback is the strictest possible policy.
        let csp = HeaderValue::from_str(&policy)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
        // A semaphore cannot hold more permits than this; a configured 0
        // would refuse everything, so at least one fetch is let through.
        let slots = config
            .max_concurrent_fetches
            .clamp(1, Semaphore::MAX_PERMITS);
        let rate = crate::rate::RateLimiter::new(config.rate_limit_per_minute);
        let fetch_slots = Arc::new(Semaphore::new(slots));
        let watch = Watch::new(
            Vec::new(),
            std::time::Duration::from_secs(crate::deployment::DEFAULT_WATCH_INTERVAL),
            fetch.clone(),
            fetch_slots.clone(),
            slots,
        );
        AppState {
            inner: Arc::new(Inner {
                config,
                assets,
                csp,
                fetch,
                fetch_slots,
                demo: None,
                rate,
                watch,
            }),
        }
    }

    /// The same server, watching these deployments every `interval` with
    /// its own fetcher and fetch slots (run the watch with [`Watch::run`]).
    pub fn watching(mut self, deployments: Vec<Deployment>, interval: std::time::Duration) -> Self {
        let watch = Watch::new(
            deployments,
            interval,
            self.inner.fetch.clone(),
            self.inner.fetch_slots.clone(),
            self.inner.config.max_concurrent_fetches,
        );
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.watch = watch;
        }
        self
    }

    pub fn watch(&self) -> &Arc<Watch> {
        &self.inner.watch
    }

    /// The same server, running the given demo environment (its fetch
    /// configuration must come from [`Demo::start`]).
    pub fn with_demo(config: ServerConfig, assets: Assets, fetch: FetchConfig, demo: Demo) -> Self {
        let mut state = Self::with_fetch(config, assets, fetch);
        if let Some(inner) = Arc::get_mut(&mut state.inner) {
            inner.demo = Some(demo);
        }
        state
    }

    pub fn rate(&self) -> &crate::rate::RateLimiter {
        &self.inner.rate
    }

    pub fn demo(&self) -> Option<&Demo> {
        self.inner.demo.as_ref()
    }

    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }

    pub fn fetch_config(&self) -> &FetchConfig {
        &self.inner.fetch
    }

    pub fn fetch_slots(&self) -> &Arc<Semaphore> {
        &self.inner.fetch_slots
    }
}

/// The whole server as a router, so tests can drive it without a socket.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/api/v1/config",
            get(api::config).fallback(api::method_not_allowed),
        )
        .route(
            "/api/v1/fetch",
            get(api::fetch).fallback(api::method_not_allowed),
        )
        .route(
            "/api/v1/probe/exchange-trust",
            get(crate::probe::exchange_trust).fallback(api::method_not_allowed),
        )
        .route(
            "/api/v1/deployments",
            get(api::deployments).fallback(api::method_not_allowed),
        )
        .route("/metrics", get(crate::metrics::scrape))
        .route(
            "/api/v1/demo/scenario",
            get(api::demo_scenario)
                .post(api::set_demo_scenario)
                .fallback(api::method_not_allowed),
        )
        .fallback(static_file)
        .layer(middleware::from_fn(refuse_other_sites))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            add_security_headers,
        ))
        .layer(middleware::from_fn(client_addr))
        .with_state(state)
}

/// The header every API request must carry. A page on another site cannot
/// send it without a CORS preflight, which `s2s` never grants; the console
/// sends it, and scripts add it (`curl -H 'X-S2S-Console: 1'`).
pub const CONSOLE_HEADER: &str = "x-s2s-console";

/// The API answers the console, not other sites' pages: a page the admin
/// visits could otherwise send fetches and probes through it (an `<img>`
/// needs no permission), using up the admin's own rate limit. Browsers say
/// where a request comes from in `Sec-Fetch-Site`, but send none to plain
/// HTTP on a network address; so every API request must also carry
/// [`CONSOLE_HEADER`], which no cross-origin page can add unasked.
async fn refuse_other_sites(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    let from_elsewhere = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site" || v.as_bytes() == b"same-site");
    if from_elsewhere {
        return api::error_response(
            StatusCode::FORBIDDEN,
            "cross_site",
            "the API answers only the console's own pages; open the console itself".into(),
        );
    }
    if headers
        .get(CONSOLE_HEADER)
        .is_none_or(|v| v.as_bytes() != b"1")
    {
        return api::error_response(
            StatusCode::FORBIDDEN,
            "console_header_missing",
            "the API answers only requests that carry the header X-S2S-Console: 1 (the console sends it; from a script: curl -H 'X-S2S-Console: 1' …)".into(),
        );
    }
    next.run(req).await
}

/// Answers only requests that name this server (DNS rebinding: see
/// [`crate::served_names`]).
async fn check_host(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // A Host header that is not text names no server of ours (it is read
    // as an empty name, which no check allows).
    let host = match req.headers().get(header::HOST) {
        Some(h) => Some(h.to_str().unwrap_or_default()),
        None => req.uri().authority().map(|a| a.as_str()),
    };
    if state.config().served_names.allows(host) {
        return next.run(req).await;
    }
    api::error_response(
        StatusCode::MISDIRECTED_REQUEST,
        "host_not_served",
        format!(
            "this server does not answer to the name {:?}; open it by its own name (serve --server-name NAME adds one)",
            host.unwrap_or_default()
        ),
    )
}

/// Records who is asking (for the per-client fetch limit).
async fn client_addr(mut req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    req.extensions_mut().insert(api::ClientAddr(ip));
    next.run(req).await
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn add_security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if api {
        // Fetch reports carry what servers said, and errors what was asked:
        // no cache (a shared proxy's or the browser's) keeps them.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, state.inner.csp.clone());
    for (name, value) in FIXED_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// Everything that is not a route: unknown API paths get a JSON error; a file
/// of the app is served; any other path without a file extension is a route of
/// the single-page app and gets `index.html`.
async fn static_file(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return api::not_found(path);
    }
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD are served here\n",
        )
            .into_response();
    }
    let assets = &state.inner.assets;
    let found = match path {
        "/" => assets.index(),
        _ => assets.get(path).or_else(|| {
            let last = path.rsplit('/').next().unwrap_or_default();
            if last.contains('.') {
                None
            } else {
                assets.index()
            }
        }),
    };
    match found {
        Some(asset) => file_response(asset, &headers),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("not found: {path}\n"),
        )
            .into_response(),
    }
}

fn file_response(asset: &Asset, request: &HeaderMap) -> Response {
    let cache = if asset.immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = [
        (header::CONTENT_TYPE, asset.content_type),
        (header::CACHE_CONTROL, cache),
    ];
    if asset.gzip.is_none() && asset.brotli.is_none() {
        return (headers, Body::from(asset.bytes.clone())).into_response();
    }
    match encoding_for(asset, request) {
        Some((coding, body)) => (
            headers,
            [
                (header::CONTENT_ENCODING, coding),
                (header::VARY, "accept-encoding"),
            ],
            Body::from(body.clone()),
        )
            .into_response(),
        None => (
            headers,
            [(header::VARY, "accept-encoding")],
            Body::from(asset.bytes.clone()),
        )
            .into_response(),
    }
}

/// Which of the asset's compressed forms to send, if any: the one the request
/// weighs highest, the smaller on a tie (brotli, for text and the WASM). None
/// when the request takes neither, or weighs `identity` higher.
fn encoding_for<'a>(asset: &'a Asset, request: &HeaderMap) -> Option<(&'static str, &'a Bytes)> {
    let best = [("br", &asset.brotli), ("gzip", &asset.gzip)]
        .into_iter()
        .filter_map(|(coding, body)| {
            let body = body.as_ref()?;
            let weight = accept_encoding::weight(request, coding).filter(|w| *w > 0)?;
            Some((weight, coding, body))
        })
        .max_by(|(wa, _, a), (wb, _, b)| wa.cmp(wb).then(b.len().cmp(&a.len())))?;
    // Unnamed, identity is the least wanted but still acceptable.
    let identity = accept_encoding::weight(request, "identity").unwrap_or(0);
    let (weight, coding, body) = best;
    (weight >= identity).then_some((coding, body))
}
