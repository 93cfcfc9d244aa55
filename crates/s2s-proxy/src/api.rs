//! `/api/v1/*`: what the app asks the server. Errors are JSON too, so the app
//! never has to guess whether it got data or an HTML page.

use axum::Extension;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use s2s_core::api::{ApiErrorBody, ApiErrorDetail, Limits, ServerInfo, WatchedDeployment};

use serde::{Deserialize, Serialize};

use crate::demo::Scenario;
use crate::fetch::{Handshake, Request};
use crate::guard::{self, GuardError};
use crate::server::AppState;

pub async fn config(State(state): State<AppState>) -> Json<ServerInfo> {
    let config = state.config();
    let fetch = state.fetch_config();
    Json(ServerInfo {
        mode: config.mode,
        version: env!("CARGO_PKG_VERSION").to_string(),
        allowed_hosts: config
            .allowed_hosts
            .iter()
            .cloned()
            .map(String::from)
            .collect(),
        limits: Limits {
            connect_timeout_ms: fetch.connect_timeout.as_millis() as u64,
            total_timeout_ms: fetch.total_timeout.as_millis() as u64,
            max_body_bytes: fetch.max_body_bytes as u64,
            max_concurrent_fetches: config.max_concurrent_fetches as u64,
        },
        unverified_tls_hosts: fetch.insecure_hosts.clone(),
        watched_deployments: state.watch().deployments().len() as u64,
        watch_interval_seconds: state.watch().interval().as_secs(),
    })
}

/// One query parameter's value, decoded.
pub(crate) fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query.and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    })
}

/// `fresh=1` (or `true`) asks for a full TLS handshake: the chain the server
/// presents now, never a recently resumed session's.
pub(crate) fn handshake_for(query: Option<&str>) -> Handshake {
    match query_value(query, "fresh").as_deref() {
        Some("1" | "true" | "yes" | "") => Handshake::Full,
        _ => Handshake::MayReuse,
    }
}

/// `GET /api/v1/fetch?url=URL[&fresh=1]`: the guard decides; the fetcher
/// reports. An upstream's HTTP error is a result (200 here); only a refused
/// request is an API error.
pub async fn fetch(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    Extension(client): Extension<ClientAddr>,
) -> Response {
    let url = query_value(query.as_deref(), "url");
    let Some(url) = url.filter(|u| !u.trim().is_empty()) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            "missing_url",
            "give the URL to fetch: /api/v1/fetch?url=https://…/metadata/json/1".into(),
        );
    };
    let config = state.config();
    let target = match guard::check_with_paths(
        &url,
        config.mode,
        &config.allowed_hosts,
        &config.extra_paths,
    ) {
        Ok(t) => t,
        Err(e) => return refused(&e),
    };
    let handshake = handshake_for(query.as_deref());
    guarded_fetch(&state, client, &target, Request::Metadata, handshake).await
}

/// Sends one fixed request to a URL the guard accepted, under the per-client
/// rate limit and the concurrency slots that every outgoing request shares,
/// and answers with the report (an upstream's HTTP error is a result).
pub(crate) async fn guarded_fetch(
    state: &AppState,
    client: ClientAddr,
    target: &url::Url,
    request: Request,
    handshake: Handshake,
) -> Response {
    let config = state.config();
    if !state.rate().allow(client.0, std::time::Instant::now()) {
        return error_response(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "more than {} fetches in a minute from {}; wait a moment",
                state.rate().per_minute(),
                client.0
            ),
        );
    }
    let Ok(_slot) = state.fetch_slots().clone().try_acquire_owned() else {
        return error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            format!(
                "{} fetches are already under way (the server's max_concurrent_fetches); try again in a moment",
                config.max_concurrent_fetches
            ),
        );
    };
    let report =
        crate::fetch::fetch_as(target.as_str(), state.fetch_config(), request, handshake).await;
    // One line per request; never the body.
    let ms: f64 = report.steps.iter().map(|s| s.ms).sum();
    let kind = match request {
        Request::Metadata => "fetch",
        Request::TrustProbe => "probe",
    };
    tracing::info!(
        kind,
        host = target.host_str().unwrap_or_default(),
        path = target.path(),
        status = report.status,
        error = report.error.as_ref().map(|e| e.code.as_str()),
        ms,
        "fetch"
    );
    Json(report).into_response()
}

/// A guard refusal as an API error: read-only is forbidden, the rest are
/// bad requests.
pub(crate) fn refused(e: &GuardError) -> Response {
    let status = if *e == GuardError::ReadOnly {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::BAD_REQUEST
    };
    error_response(status, e.code(), e.to_string())
}

/// `GET /api/v1/deployments`: what the server watches, as last seen.
pub async fn deployments(State(state): State<AppState>) -> Json<Vec<WatchedDeployment>> {
    let watch = state.watch();
    let last = watch.last().snapshot();
    Json(
        watch
            .deployments()
            .iter()
            .map(|d| {
                let seen = last
                    .iter()
                    .find(|(name, _)| *name == d.name)
                    .and_then(|(_, w)| w.as_ref());
                WatchedDeployment {
                    name: d.name.clone(),
                    pool: d.file.pool.clone(),
                    exchange: d.file.exchange.clone(),
                    sip_domain: d.file.sip_domain.clone(),
                    exchange_servers: d.file.exchange_servers.clone(),
                    checked_at: seen.map(|w| w.checked_at),
                    verdict: seen.map(|w| w.status.verdict),
                    first_expiry: seen.and_then(|w| w.status.first_expiry()),
                }
            })
            .collect(),
    )
}

#[derive(Debug, Serialize)]
pub struct ScenarioInfo {
    pub id: Scenario,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct DemoState {
    pub scenario: Scenario,
    pub scenarios: Vec<ScenarioInfo>,
}

#[derive(Debug, Deserialize)]
pub struct SetScenario {
    pub scenario: Scenario,
}

fn not_demo() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "not_demo",
        "this server is not running the demo environment (start it with s2s serve --demo)".into(),
    )
}

fn demo_state(demo: &crate::demo::Demo) -> DemoState {
    DemoState {
        scenario: demo.scenario(),
        scenarios: Scenario::ALL
            .iter()
            .map(|s| ScenarioInfo {
                id: *s,
                label: s.label(),
            })
            .collect(),
    }
}

/// `GET /api/v1/demo/scenario`: what the demo servers play, and the choices.
pub async fn demo_scenario(State(state): State<AppState>) -> Response {
    match state.demo() {
        Some(demo) => Json(demo_state(demo)).into_response(),
        None => not_demo(),
    }
}

/// The largest body `POST /api/v1/demo/scenario` reads (its JSON is a few
/// dozen bytes), and how long it may take to arrive.
const SCENARIO_BODY_MAX: usize = 1024;
const SCENARIO_BODY_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// The request's body, copied as it arrives (each piece hyper hands over
/// pins its whole read buffer until dropped), up to `max` bytes within
/// `within`; the error says which limit was met.
async fn read_small_body(
    body: axum::body::Body,
    max: usize,
    within: std::time::Duration,
) -> Result<Vec<u8>, String> {
    use http_body_util::BodyExt;
    let mut body = body;
    let mut out = Vec::new();
    let read = async {
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| format!("the request body could not be read: {e}"))?;
            if let Some(data) = frame.data_ref() {
                if out.len() + data.len() > max {
                    return Err(format!("the request body is over {max} bytes"));
                }
                out.extend_from_slice(data);
            }
        }
        Ok(())
    };
    match tokio::time::timeout(within, read).await {
        Ok(Ok(())) => Ok(out),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(format!(
            "the request body did not arrive within {} s",
            within.as_secs()
        )),
    }
}

/// `POST /api/v1/demo/scenario` with `{"scenario": "expired-exchange-certificate"}`.
/// Nothing is read before the server is known to take it: outside the
/// demo, or read-only, the body is never read.
pub async fn set_demo_scenario(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Body,
) -> Response {
    let Some(demo) = state.demo() else {
        return not_demo();
    };
    if state.config().mode == crate::config::Mode::ReadOnly {
        return error_response(
            StatusCode::FORBIDDEN,
            "read_only",
            "this server is read-only".into(),
        );
    }
    // JSON only: a form another site posts cannot send this type without
    // the browser asking this server first.
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bad_scenario",
            "send the scenario as JSON (Content-Type: application/json)".into(),
        );
    }
    let parsed = match read_small_body(body, SCENARIO_BODY_MAX, SCENARIO_BODY_TIME).await {
        Ok(bytes) => serde_json::from_slice::<SetScenario>(&bytes).map_err(|e| e.to_string()),
        Err(e) => {
            return error_response(StatusCode::BAD_REQUEST, "bad_request_body", e);
        }
    };
    match parsed {
        Ok(set) => {
            demo.set_scenario(set.scenario);
            // The watch sees the new scenario at once, not at its next round.
            state.watch().round_now();
            Json(demo_state(demo)).into_response()
        }
        Err(e) => {
            let names: Vec<String> = Scenario::ALL
                .iter()
                .filter_map(|s| serde_json::to_value(s).ok())
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            error_response(
                StatusCode::BAD_REQUEST,
                "bad_scenario",
                format!(
                    "{e}; send {{\"scenario\": …}} with one of: {}",
                    names.join(", ")
                ),
            )
        }
    }
}

/// The client's address, as the server saw the connection (unspecified when
/// the router is driven without a socket, as in tests).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub std::net::IpAddr);

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

/// 405 for an API route, with the methods it takes (in `Allow` too).
pub async fn method_not_allowed(uri: Uri) -> Response {
    let (allow, said) = if uri.path() == "/api/v1/demo/scenario" {
        ("GET, HEAD, POST", "GET and POST")
    } else {
        ("GET, HEAD", "GET")
    };
    let mut response = error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} only answers {said}", uri.path()),
    );
    response.headers_mut().insert(
        axum::http::header::ALLOW,
        axum::http::HeaderValue::from_static(allow),
    );
    response
}
